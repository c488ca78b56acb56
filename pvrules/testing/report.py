"""A readable text report of expert test outcomes."""

from __future__ import annotations

from collections.abc import Sequence

from pvrules.errors import Problem
from pvrules.testing.runner import Failure, Outcome

MARKS = {"passed": "✓", "failed": "✗", "error": "!"}


def failure_lines(failure: Failure, indent: str = "    ") -> list[str]:
    """A failure as indented lines: expected, what happened, and why."""
    lines = [f"{indent}expected: {failure.expected}", f"{indent}but:      {failure.actual}"]
    lines.extend(f"{indent}  - {reason}" for reason in failure.reasons)
    return lines


def outcome_lines(outcome: Outcome) -> list[str]:
    """One outcome: a mark line and, when it did not pass, the details."""
    lines = [f"{MARKS[outcome.status]} {outcome.test.test.name}  ({outcome.test.where})"]
    if outcome.error:
        lines.extend("    " + line for line in outcome.error.splitlines())
    for failure in outcome.failures:
        lines.extend(failure_lines(failure))
    return lines


def summary(outcomes: Sequence[Outcome], bad_files: Sequence[Problem] = ()) -> str:
    """``N passed, M failed`` (with errors and bad test files when there are any)."""
    passed = sum(o.status == "passed" for o in outcomes)
    failed = sum(o.status == "failed" for o in outcomes)
    errors = sum(o.status == "error" for o in outcomes)
    text = f"{passed} passed, {failed} failed"
    if errors:
        text += f", {errors} could not run"
    if bad_files:
        text += f", {len(bad_files)} problem(s) in test files"
    return text


def render_report(outcomes: Sequence[Outcome], bad_files: Sequence[Problem] = ()) -> str:
    """The whole report: every test, problems in test files, and the summary line."""
    lines: list[str] = []
    for outcome in outcomes:
        lines.extend(outcome_lines(outcome))
    if bad_files:
        lines.append("")
        lines.append("Problems in test files (these tests did not run):")
        lines.extend("  " + p.format().replace("\n", "\n  ") for p in bad_files)
    if not outcomes and not bad_files:
        lines.append("no expert tests found")
    lines.append("")
    lines.append(summary(outcomes, bad_files))
    return "\n".join(lines) + "\n"
