"""Conclusie en advies: the argued close of the advice, before the route.

Three short paragraphs, built from the decisions only (never a verdict of its own):

1. what the analysis shows, per corner of the triangle in one sentence (its level and the
   first clause of its reason; "nog niet te beoordelen" for the unknown corners, together);
2. the options: the one the sources prefer and why, those they advise against and why,
   and for the options left open what each gains and costs on the corners, then who
   chooses — the advisor does not choose for the raad;
3. what the raad decides now (the first step of the route, with who and when).

In English an option's Dutch label is glossed once (:func:`~pvrules.explain.answer_gates.glossed`).
The numbered advice after it refers to the key recommendations of §1 by number
(the templates render it from ``key_recommendations``); it does not repeat their why.
"""

from __future__ import annotations

from pvrules.explain.answer_gates import glossed
from pvrules.explain.basics import corner_label, council, lower_first
from pvrules.explain.ctxtypes import Ctx
from pvrules.explain.decisions_model import (
    Decision,
    OptionRow,
    RouteStep,
    Triangle,
)

SIGNS = {"+": "gain", "-": "cost"}
"""The effect signs the trade-off names; ``0`` and ``?`` are left out."""
MAX_CLAUSE = 160
"""A corner's reason is cut to its first clause, and to at most this many characters."""


def _clause(text: str, level: str = "") -> str:
    """The finding of ``text``: its first clause (up to ``;``) and up to a colon.

    When what comes before the colon only repeats ``level`` ("X is zwak: de continuïteit
    is laag"), what follows it is the finding. Cut at a comma to at most
    :data:`MAX_CLAUSE` characters; a bracket left open is cut off.
    """
    first = text.split(";", 1)[0].strip().rstrip(".")
    colon = _outside_brackets(first, ":")
    if colon >= 0:
        before = first[:colon].strip()
        first = first[colon + 1:].strip() if level and before.endswith(level) else before
    if len(first) > MAX_CLAUSE:
        first = first[:MAX_CLAUSE].rsplit(", ", 1)[0]
    if first.count("(") > first.count(")"):
        first = first[:first.rfind(" (")].rstrip(" ,")
    return lower_first(first)


def _upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def _outside_brackets(text: str, char: str) -> int:
    """The index of the first ``char`` in ``text`` outside brackets, or -1."""
    depth = 0
    for i, c in enumerate(text):
        depth += (c == "(") - (c == ")")
        if c == char and depth == 0:
            return i
    return -1


def corners(ctx: Ctx, tri: Triangle) -> str:
    """Paragraph 1: what the analysis shows per corner, one sentence each.

    Corners that cannot be judged yet share one sentence.
    """
    known = [c for c in tri.corners if c.rank is not None]
    unknown = [lower_first(c.label) for c in tri.corners if c.rank is None]
    out = [ctx.msg("conclusion.corner", corner=lower_first(c.label), Corner=_upper(c.label),
                   level=c.level, why=_clause(c.reason, c.level)) for c in known]
    if unknown:
        joined = ctx.msg.join(unknown)
        out.append(ctx.msg("conclusion.corner_unknown" if len(unknown) == 1
                           else "conclusion.corners_unknown", corners=joined,
                           Corners=_upper(joined)))
    return " ".join(out)


def _trade_off(ctx: Ctx, row: OptionRow) -> str:
    """What ``row`` gains and costs on the corners ("beter voor organisatie, …")."""
    said = {kind: [lower_first(corner_label(ctx, c)) for c, e in row.effects.items()
                   if e.sign == sign]
            for sign, kind in SIGNS.items()}
    parts = [ctx.msg(f"conclusion.{kind}", corners=ctx.msg.join(names))
             for kind, names in said.items() if names]
    what = ", ".join(parts) if parts else ctx.msg("conclusion.neutral")
    return ctx.msg("conclusion.option", option=row.label, what=what)


def options(ctx: Ctx, decision: Decision) -> str:
    """Paragraph 2: which options the advice supports or not, and why; who chooses."""
    rows = list(decision.options)
    if not rows:
        return ""
    out: list[str] = []
    chosen = decision.preference.option if decision.preference is not None else None
    said: set[str] = set()  # reasons given, with the option's own name left out
    for row in rows:
        why = _clause(row.preference_why) if row.preference_why else ""
        if row.id == chosen or row.preference == "advised":
            out.append(ctx.msg("conclusion.prefer", option=row.label,
                               why=why or _clause(decision.preference.why
                                                  if decision.preference else "")))
        elif row.preference == "advised_against":
            reason = why.lower().replace(row.label.lower(), "{}")
            if why and reason in said:
                out.append(ctx.msg("conclusion.against_same", option=row.label))
            elif why and row.label in why:  # the reason names the option already
                out.append(ctx.msg("conclusion.against_named", why=_upper(why)))
            else:
                out.append(ctx.msg("conclusion.against" if why else "conclusion.against_plain",
                                   option=row.label, why=why))
            said.add(reason)
    open_rows = [r for r in rows if r.preference is None and r.id != chosen]
    if chosen is None and len(open_rows) == 1 and len(rows) > 1:
        out.append(ctx.msg("conclusion.remains", option=open_rows[0].label))
    if chosen is None and len(open_rows) > 1:
        out.extend(_trade_off(ctx, r) for r in open_rows)
        who = council(ctx) if decision.chooser_kind == "gemeenten" else decision.chooser
        out.append(ctx.msg("conclusion.political", chooser=who,
                           chooses=ctx.msg(f"verb.chooses.{decision.chooser_kind}")))
    return " ".join(out)


def now(ctx: Ctx, route: tuple[RouteStep, ...]) -> str:
    """Paragraph 3: what is decided now, by whom and when (the route's first step)."""
    if not route:
        return ""
    first = route[0]
    return ctx.msg("conclusion.now" if first.when else "conclusion.now_plain",
                   step=lower_first(first.label.rstrip(".")), who=first.who or council(ctx),
                   when=first.when or "")


def conclusion(ctx: Ctx, tri: Triangle, decisions: tuple[Decision, ...],
               route: tuple[RouteStep, ...]) -> tuple[str, ...]:
    """The paragraphs of "Conclusie en advies" (see the module docstring)."""
    table = next((d for d in decisions if d.options), None)
    paras = [corners(ctx, tri), options(ctx, table) if table is not None else "",
             now(ctx, route)]
    return tuple(glossed(ctx, [p for p in paras if p], decisions))
