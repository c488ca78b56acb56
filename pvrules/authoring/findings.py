"""Lint findings: a located problem with a severity, and how to print them."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pvrules.errors import Problem

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Finding:
    """One thing lint found: ``error`` (the base is wrong), ``warning`` or ``info``."""

    severity: str
    problem: Problem

    @property
    def code(self) -> str:
        """The stable code, e.g. ``never-fires``."""
        return self.problem.code

    def sort_key(self) -> tuple[str, int, str, str, str]:
        """File, line, rule, code, message: a stable order."""
        p = self.problem
        return (p.file or "~", p.line or 0, p.rule_id or "", p.code, p.message)

    def format(self) -> str:
        """``file:line: severity code [rule]: message`` and the suggestion below."""
        p = self.problem
        where = p.file or "<knowledge base>"
        if p.line is not None:
            where += f":{p.line}"
        head = f"{where}: {self.severity} {p.code}"
        if p.rule_id:
            head += f" [{p.rule_id}]"
        text = f"{head}: {p.message}"
        if p.allowed:
            shown = ", ".join(p.allowed[:25])
            more = f" (and {len(p.allowed) - 25} more)" if len(p.allowed) > 25 else ""
            text += f"\n    allowed: {shown}{more}"
        if p.suggestion:
            text += f"\n    {p.suggestion}"
        return text

    def to_data(self) -> dict[str, object]:
        """A JSON-able dict."""
        p = self.problem
        return {"severity": self.severity, "code": p.code, "message": p.message,
                "file": p.file, "line": p.line, "loc": p.loc, "rule_id": p.rule_id,
                "allowed": list(p.allowed), "suggestion": p.suggestion}


def error(problem: Problem) -> Finding:
    """An error finding."""
    return Finding("error", problem)


def warning(problem: Problem) -> Finding:
    """A warning finding."""
    return Finding("warning", problem)


def info(problem: Problem) -> Finding:
    """An info finding."""
    return Finding("info", problem)


def ordered(findings: Iterable[Finding]) -> list[Finding]:
    """Findings without duplicates, in a stable order."""
    return sorted(set(findings), key=Finding.sort_key)


def counts(findings: Sequence[Finding]) -> dict[str, int]:
    """How many findings of each severity."""
    return {s: sum(f.severity == s for f in findings) for s in SEVERITIES}


def summary_line(findings: Sequence[Finding]) -> str:
    """``2 errors, 1 warning, 0 info``."""
    c = counts(findings)
    return (f"{c['error']} error{'s' * (c['error'] != 1)}, "
            f"{c['warning']} warning{'s' * (c['warning'] != 1)}, {c['info']} info")


def render_text(findings: Sequence[Finding]) -> str:
    """Every finding, then the summary."""
    lines = [f.format() for f in findings]
    if not findings:
        lines.append("no problems found")
    lines.append("")
    lines.append(summary_line(findings))
    return "\n".join(lines) + "\n"


def render_json(findings: Sequence[Finding]) -> str:
    """The findings and counts as JSON."""
    return json.dumps({"findings": [f.to_data() for f in findings], "counts": counts(findings)},
                      ensure_ascii=False, indent=2) + "\n"
