"""Load a knowledge base and its expert tests together, as ``pvrules test`` does."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field

from pvrules.errors import Problem
from pvrules.kb import RULES_ENV, KnowledgeBase, load_kb
from pvrules.load.resources import env_dirs
from pvrules.testing.load import LoadedTest, load_tests
from pvrules.testing.runner import ExpertRunner, Outcome
from pvrules.testing.sources import TestSource, default_tests, path_tests


@dataclass
class TestRun:
    """Expert tests of one knowledge base: what was loaded and how it went."""

    __test__ = False  # not a pytest test class

    kb: KnowledgeBase
    tests: list[LoadedTest]
    problems: list[Problem]
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """2 for a bad test file, 1 for a failed test, else 0."""
        if self.problems or any(o.status == "error" for o in self.outcomes):
            return 2
        return 1 if any(o.status == "failed" for o in self.outcomes) else 0


def gather_tests(paths: Sequence[str | os.PathLike[str]],
                 rules_dirs: Sequence[str | os.PathLike[str]],
                 include_builtin: bool = True, use_env: bool = True) -> list[TestSource]:
    """The test files at ``paths``, or by default the built-in ones plus rules folders'."""
    if paths:
        return [src for path in paths for src in path_tests(path)]
    dirs = [*rules_dirs, *(env_dirs(RULES_ENV) if use_env else [])]
    return default_tests(dirs, include_builtin)


def run_tests(paths: Sequence[str | os.PathLike[str]] = (),
              rules_dirs: Sequence[str | os.PathLike[str]] = (),
              knowledge_dirs: Sequence[str | os.PathLike[str]] = (), *,
              include_builtin: bool = True, use_env: bool = True,
              engine: str = "python") -> TestRun:
    """Load the knowledge base and the tests, and run them.

    Raises:
        RuleFileError: the knowledge base itself cannot be loaded.
        KnowledgeError: the vocabulary or catalogues cannot be loaded.
    """
    kb = load_kb(rules_dirs, knowledge_dirs, include_builtin=include_builtin, use_env=use_env)
    sources = gather_tests(paths, rules_dirs, include_builtin, use_env)
    tests, problems = load_tests(sources, kb)
    run = TestRun(kb, tests, problems)
    runner = ExpertRunner(kb, engine)
    try:
        run.outcomes = runner.run_all(tests)
    finally:
        runner.close()
    return run
