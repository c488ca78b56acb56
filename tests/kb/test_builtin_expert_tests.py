"""Every built-in expert test (rules/tests/*.yaml) as a parametrised pytest test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from pvrules.kb import load_kb
from pvrules.testing.load import LoadedTest, load_tests
from pvrules.testing.report import outcome_lines
from pvrules.testing.runner import ExpertRunner
from pvrules.testing.sources import builtin_tests

_TESTS, _PROBLEMS = load_tests(builtin_tests())


@pytest.fixture(scope="module")
def runner() -> Iterator[ExpertRunner]:
    run = ExpertRunner(load_kb(use_env=False), "python")
    yield run
    run.close()


def test_builtin_test_files_are_well_formed() -> None:
    assert not _PROBLEMS, "\n".join(p.format() for p in _PROBLEMS)


@pytest.mark.parametrize("loaded", _TESTS, ids=[f"{t.source.name}:{t.test.name}" for t in _TESTS])
def test_builtin_expert_test(loaded: LoadedTest, runner: ExpertRunner) -> None:
    from pvrules.testing.load import check_names

    problems = check_names(loaded, runner.kb)
    assert not problems, "\n".join(p.format() for p in problems)
    outcome = runner.run(loaded)
    if not outcome.passed:
        pytest.fail("\n".join(outcome_lines(outcome)), pytrace=False)
