"""Helpers for testing knowledge bases: expert YAML tests, coverage and a pytest plugin.

``evaluate(facts_or_case_dict)`` runs the rules on a case given as a dict;
``run_tests()`` runs expert test files as ``pvrules test`` does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pvrules.infer.result import Result

__all__ = ["evaluate", "run_tests"]


def evaluate(facts_or_case: Any, **kwargs: Any) -> Result:
    """Evaluate a case dict (or just case facts); see :func:`pvrules.testing.api.evaluate`."""
    from pvrules.testing.api import evaluate as _evaluate

    return _evaluate(facts_or_case, **kwargs)


def run_tests(*args: Any, **kwargs: Any) -> Any:
    """Run expert tests; see :func:`pvrules.testing.session.run_tests`."""
    from pvrules.testing.session import run_tests as _run

    return _run(*args, **kwargs)
