"""A pytest plugin that collects expert YAML tests, so ``pytest`` runs them too.

Enable it with ``pytest -p pvrules.testing.plugin`` or, in a ``conftest.py``,
``pytest_plugins = ["pvrules.testing.plugin"]``. It collects YAML files with a
top-level ``tests:`` key that are named ``test_*.yaml`` or lie in a ``tests/``
folder of a rules folder (such as ``rules/tests/``). Tests inside an extension
rules folder run against the built-in knowledge base plus that folder.

Options: ``--pvrules-rules-dir``, ``--pvrules-knowledge-dir`` (repeatable),
``--pvrules-no-builtin`` and ``--pvrules-engine`` (default ``python``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from pvrules.errors import Problem, PvrulesError
from pvrules.testing.load import LoadedTest, load_tests
from pvrules.testing.report import outcome_lines
from pvrules.testing.runner import ExpertRunner, Outcome
from pvrules.testing.sources import TESTS_DIR, TestSource

_TOP_TESTS = re.compile(r"^tests\s*:", re.MULTILINE)
_RUNNERS: dict[tuple[Any, ...], ExpertRunner | PvrulesError] = {}


def pytest_addoption(parser: pytest.Parser) -> None:
    """Options to choose the knowledge base the expert tests run against."""
    group = parser.getgroup("pvrules", "pvrules expert tests")
    group.addoption("--pvrules-rules-dir", action="append", default=[], metavar="DIR",
                    help="extra rules folder for expert YAML tests (repeatable)")
    group.addoption("--pvrules-knowledge-dir", action="append", default=[], metavar="DIR",
                    help="extra knowledge folder for expert YAML tests (repeatable)")
    group.addoption("--pvrules-no-builtin", action="store_true", default=False,
                    help="run expert YAML tests without the built-in knowledge base")
    group.addoption("--pvrules-engine", default="python", choices=("auto", "durable", "python"),
                    help="engine for expert YAML tests (default: python)")


def _builtin_rules_dir() -> Path | None:
    try:
        return Path(str(resources.files("pvrules.rules"))).resolve()
    except (TypeError, ValueError):  # pragma: no cover - zipped packages
        return None


def _extension_dir(file_path: Path) -> Path | None:
    """The rules folder owning ``file_path`` when it lies in a ``tests/`` folder of one."""
    parent = file_path.parent
    if parent.name != TESTS_DIR:
        return None
    folder = parent.parent.resolve()
    if folder == _builtin_rules_dir():
        return None
    has_rules = any(p.suffix in (".yaml", ".yml") for p in folder.iterdir() if p.is_file())
    return folder if has_rules else None


def _wanted(file_path: Path) -> bool:
    if file_path.suffix.lower() not in (".yaml", ".yml"):
        return False
    in_rules_tests = file_path.parent.name == TESTS_DIR and (
        file_path.parent.parent.resolve() == _builtin_rules_dir()
        or _extension_dir(file_path) is not None)
    if not (file_path.name.startswith("test_") or in_rules_tests):
        return False
    try:
        return bool(_TOP_TESTS.search(file_path.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError):
        return False


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    """Collect expert test files."""
    if _wanted(file_path):
        return ExpertTestFile.from_parent(parent, path=file_path)
    return None


def pytest_unconfigure(config: pytest.Config) -> None:
    """Release the engines."""
    for runner in _RUNNERS.values():
        if isinstance(runner, ExpertRunner):
            runner.close()
    _RUNNERS.clear()


def _runner(config: pytest.Config, extra_dir: Path | None) -> ExpertRunner:
    """The (cached) runner for the knowledge base the options and ``extra_dir`` select.

    Raises:
        PvrulesError: the knowledge base cannot be loaded.
    """
    rules = tuple(config.getoption("--pvrules-rules-dir") or ())
    if extra_dir is not None:
        rules = (*rules, str(extra_dir))
    knowledge = tuple(config.getoption("--pvrules-knowledge-dir") or ())
    builtin = not config.getoption("--pvrules-no-builtin")
    engine = str(config.getoption("--pvrules-engine"))
    key = (rules, knowledge, builtin, engine)
    if key not in _RUNNERS:
        from pvrules.kb import load_kb

        try:
            _RUNNERS[key] = ExpertRunner(load_kb(rules, knowledge, include_builtin=builtin),
                                         engine)
        except PvrulesError as err:
            _RUNNERS[key] = err
    found = _RUNNERS[key]
    if isinstance(found, PvrulesError):
        raise found
    return found


class ExpertTestError(Exception):
    """Raised by an item whose expert test did not pass; carries the report lines."""

    def __init__(self, lines: list[str]) -> None:
        """Keep the lines of the report."""
        super().__init__("\n".join(lines))
        self.lines = lines


class ExpertTestFile(pytest.File):
    """One YAML file of expert tests."""

    def collect(self) -> Iterator[pytest.Item]:
        """One item per test, or one failing item for a broken file or knowledge base."""
        source = TestSource(str(self.path), self.path.read_text(encoding="utf-8"),
                            self.path.parent)
        try:
            runner = _runner(self.config, _extension_dir(self.path))
        except PvrulesError as err:
            yield BrokenItem.from_parent(self, name="knowledge base", lines=[err.format()])
            return
        tests, problems = load_tests([source], runner.kb)
        for loaded in tests:
            yield ExpertTestItem.from_parent(self, name=loaded.test.name, loaded=loaded,
                                             runner=runner)
        if problems:
            yield BrokenItem.from_parent(self, name="test file problems",
                                         lines=[_problem_text(p) for p in problems])


def _problem_text(problem: Problem) -> str:
    return problem.format()


class ExpertTestItem(pytest.Item):
    """One expert test."""

    def __init__(self, *, loaded: LoadedTest, runner: ExpertRunner, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.loaded = loaded
        self.runner = runner

    def runtest(self) -> None:
        """Run the test; raise :class:`ExpertTestError` when it does not pass."""
        outcome: Outcome = self.runner.run(self.loaded)
        if not outcome.passed:
            raise ExpertTestError(outcome_lines(outcome))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException],
                     style: Any = None) -> str:
        """The expected/actual report, without a traceback."""
        if isinstance(excinfo.value, ExpertTestError):
            return "\n".join(excinfo.value.lines)
        return str(super().repr_failure(excinfo, style))

    def reportinfo(self) -> tuple[Path, int | None, str]:
        """File, line and name for pytest's report."""
        line = self.loaded.line - 1 if self.loaded.line else None
        return self.path, line, f"expert test: {self.loaded.test.name}"


class BrokenItem(pytest.Item):
    """Stands for a test file or knowledge base that cannot be used; always fails."""

    def __init__(self, *, lines: list[str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.lines = lines

    def runtest(self) -> None:
        """Fail with the problems."""
        raise ExpertTestError(self.lines)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException],
                     style: Any = None) -> str:
        """The problems, without a traceback."""
        if isinstance(excinfo.value, ExpertTestError):
            return "\n".join(excinfo.value.lines)
        return str(super().repr_failure(excinfo, style))

    def reportinfo(self) -> tuple[Path, int | None, str]:
        """File and what is broken."""
        return self.path, None, f"pvrules: {self.name}"
