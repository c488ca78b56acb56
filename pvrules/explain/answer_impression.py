"""A first impression on "meer samenwerken?" from what the case states about the client (§1).

Weak points of the client's own organisation (a civil service smaller than its ambition, a
low capacity, a vulnerable organisation, a weak financial position) point towards more
collaboration rather than less; the sentence says so, hedged as a first impression, before
"Of meer samenwerken nodig is, hangt af van …". Nothing is said when the case states none
of them (an unknown fact is no weak point).
"""

from __future__ import annotations

from pvrules.explain.ctxtypes import Ctx

LEVELS = ("zeer_laag", "laag", "gemiddeld", "hoog", "zeer_hoog")
AMBITION, CAPACITY = "ambitie", "ambtelijke_capaciteit"
WEAK = (("ambtelijke_capaciteit", ("zeer_laag", "laag")),
        ("kwetsbaarheid", ("hoog", "zeer_hoog")),
        ("financiele_positie", ("zeer_laag", "laag")))
"""The client's facts and the values that make them a weak point (``answer.impression.<fact>``)."""


def _level(ctx: Ctx, fact: str) -> int | None:
    from pvrules.validate.case import CASE_KEY

    value = ctx.result.value(CASE_KEY, fact)  # a level is held as its index on the scale
    if isinstance(value, str):
        return LEVELS.index(value) if value in LEVELS else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def signals(ctx: Ctx) -> list[str]:
    """What the case states that points towards more collaboration, in clauses."""
    out = []
    ambition, capacity = _level(ctx, AMBITION), _level(ctx, CAPACITY)
    if ambition is not None and capacity is not None and ambition > capacity:
        out.append(ctx.msg("answer.impression.gap"))
    for fact, weak in WEAK:
        if _level(ctx, fact) in {LEVELS.index(w) for w in weak}:
            out.append(ctx.msg(f"answer.impression.{fact}"))
    return out


def impression(ctx: Ctx) -> str:
    """The first impression (``answer.impression``), or ``""`` when the case states no signal."""
    found = signals(ctx)
    return ctx.msg("answer.impression", what=ctx.msg.join(found)) if found else ""
