"""The advice on one terminal screen: the kernboodschap, the diagnosis, the key recommendations.

``pvrules advise`` shows this when its output is a terminal; ``--full``, a pipe
or ``-o`` give the whole document. Every text is stripped of control
characters and escape sequences; colour is added only when asked (a terminal
without ``NO_COLOR``).
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from typing import Any

from pvrules.render.escape import one_line

MAX_LINES = 40
"""The screen the summary must fit on."""


def wants_colour(is_tty: bool, environ: Mapping[str, str]) -> bool:
    """Colour only on a terminal, and never when ``NO_COLOR`` is set (https://no-color.org)."""
    return is_tty and not environ.get("NO_COLOR") and environ.get("TERM") != "dumb"


class _Screen:
    def __init__(self, width: int, colour: bool) -> None:
        self.width = max(40, min(width, 100))
        self.colour = colour
        self.lines: list[str] = []

    def style(self, text: str, **how: Any) -> str:
        if not self.colour:
            return text
        import click

        return click.style(text, **how)

    def head(self, text: str) -> None:
        if self.lines:
            self.lines.append("")
        self.lines.append(self.style(one_line(text), bold=True, fg="blue"))

    def para(self, text: str, indent: str = "", first: str | None = None,
             max_lines: int | None = None) -> None:
        wrapped = textwrap.wrap(one_line(text), self.width, initial_indent=first or indent,
                                subsequent_indent=indent) or [first or indent]
        if max_lines is not None and len(wrapped) > max_lines:
            wrapped = wrapped[:max_lines]
            wrapped[-1] = wrapped[-1][: self.width - 1].rstrip() + "…"
        self.lines.extend(wrapped)


def render_terminal(context: Mapping[str, Any], width: int = 80, colour: bool = False) -> str:
    """The short advice for a terminal, at most :data:`MAX_LINES` lines.

    Args:
        context: the context of :func:`pvrules.render.report.context`.
        width: the terminal's width in characters.
        colour: add ANSI colour and bold.
    """
    d, m = context["d"], context["m"]
    s = _Screen(width, colour)
    s.para(f"{m('report.title')}: {d['case']['title']}", max_lines=2)
    s.lines[:] = [s.style(line, bold=True) for line in s.lines]
    if d["case"].get("question"):
        s.para(f"{m('report.question')}: {d['case']['question']}", max_lines=3)
    s.head(m("report.answer"))
    s.para(d.get("answer") or "", max_lines=7)
    s.head(m("report.terminal_diagnosis"))
    corners = d.get("triangle", {}).get("corners", [])
    label_width = max((len(one_line(c["label"])) for c in corners), default=0)
    for c in corners:
        name = one_line(c["label"]).ljust(label_width)[: s.width // 2]
        level = one_line(c["level"])[: s.width - len(name) - 4]
        s.lines.append(f"  {name}  {s.style(level, bold=True)}")
    balance = d.get("triangle", {}).get("balance")
    if balance:
        s.para(f"{m('report.triangle_sums_up')} {balance['label']}.", indent="  ", max_lines=2)
    else:
        s.para(m("report.balance_unknown"), indent="  ", max_lines=2)
    recs = d.get("key_recommendations", [])
    s.head(m("report.we_advise"))
    if not recs:
        s.para(m("report.no_recommendations"), max_lines=3)
    for n, r in enumerate(recs, start=1):
        target = f" ({r['target']})" if r.get("target") else ""
        before = len(s.lines)
        s.para(f"{r['label']}{target}", first=f"{n}. ", indent="   ", max_lines=2)
        used = len(s.lines) - before
        s.lines[before:] = [s.style(line, bold=True) for line in s.lines[before:]]
        s.para(r.get("why") or "", indent="   ", max_lines=3 - used)
    more = sum(len(g["items"]) for g in context["groups"])
    s.lines.append("")
    if more:
        s.para(m("report.more_recommendations_one" if more == 1 else "report.more_recommendations",
                 n=more, section=5), max_lines=1)
    s.lines.append(s.style(one_line(m("report.terminal_more")), dim=True))
    return "\n".join(s.lines[:MAX_LINES]) + "\n"
