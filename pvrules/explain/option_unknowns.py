"""The input facts behind an unknown fact an option rule waits on.

An aggregate stands for the unknown facts it is computed of; a derived fact of an option (the
goal attainment of the collaboration it is about, ``doelbereik_verband``) for the unknown inputs
of the rules that derive it, so that "Eerst uitzoeken" still names the collaboration's facts.
"""

from __future__ import annotations

from collections.abc import Callable

from pvrules.compile.ir import CompiledRule, Derive
from pvrules.explain.ctxtypes import Ctx
from pvrules.validate.case import EntityKey

OPTION_ENTITY = "optie"


def underlying(ctx: Ctx, slot: tuple[EntityKey, str]) -> list[tuple[EntityKey, str]]:
    """An unknown fact; for an aggregate, the unknown facts it is computed of."""
    fact = ctx.kb.vocab.facts[slot[1]]
    agg = fact.aggregate
    over = ctx.kb.vocab.facts.get(agg.over) if agg is not None else None
    if agg is None or agg.of is None or over is None or over.ref is None:
        return [slot]
    members = ctx.result.value(slot[0], agg.over)
    slots = [((over.ref, str(m)), agg.of) for m in
             (members if isinstance(members, tuple) else ())
             if ctx.result.value((over.ref, str(m)), agg.of) is None]
    return slots or [slot]


Slot = tuple[EntityKey, str]
SlotsOf = Callable[[Ctx, list[CompiledRule], EntityKey], tuple[Slot, ...]]


def derived_of(ctx: Ctx, slot: Slot, slots_of: SlotsOf) -> tuple[Slot, ...]:
    """The unknown input facts behind an unknown derived fact of an option.

    Those of the rules that derive it for that option (the goal attainment of the
    collaboration it is about), as ``slots_of`` finds them; ``()`` for any other fact.
    """
    fact = ctx.kb.vocab.facts[slot[1]]
    if slot[0][0] != OPTION_ENTITY or fact.origin != "derived" or fact.aggregate is not None:
        return ()
    rules = [r for r in ctx.kb.rules if r.focus_entity == OPTION_ENTITY and any(
        isinstance(c, Derive) and c.fact == slot[1] for c in r.conclusions)]
    return tuple(s for s in slots_of(ctx, rules, slot[0]) if s[0][0] != OPTION_ENTITY
                 or ctx.kb.vocab.facts[s[1]].origin != "derived")
