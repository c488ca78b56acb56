"""What to find out first: the unknown facts most of the advice depends on.

Every input fact some rule reads that the case leaves unknown, weighted by how
much of the advice depends on it. The weight is the number of rule firings (for
any entity) that start or stop when the fact is filled in with any of its values
(one value per class that the rules treat alike,
:meth:`~pvrules.explain.domains.Domains.representatives`), computed with the
incremental evaluation of what-if on the whole knowledge base. Facts that
change nothing are left out; ties keep case order.
"""

from __future__ import annotations

from pvrules.explain.ctxtypes import Ctx
from pvrules.explain.decisions_model import FindOut
from pvrules.explain.domains import Slot, with_aggregates
from pvrules.explain.incremental import Incremental

MAX_FIND_OUT = 8


def unknown_slots(ctx: Ctx) -> list[Slot]:
    """Input facts some rule reads (or an aggregate it reads is computed of) left unknown."""
    read = {fact for rule in ctx.kb.rules for _e, fact in rule.reads}
    for fact in ctx.kb.vocab.facts.values():
        if fact.aggregate is not None and fact.aggregate.of and fact.id in read:
            read.add(fact.aggregate.of)
    out: list[Slot] = []
    for key in ctx.order:
        for fact in ctx.kb.vocab.facts_of(key[0]):
            if fact.origin == "input" and fact.id in read and \
                    ctx.result.value(key, fact.id) is None:
                out.append((key, fact.id))
    return out


def find_out_first(ctx: Ctx, limit: int = MAX_FIND_OUT) -> tuple[FindOut, ...]:
    """The unknown facts that most of the advice depends on, most first."""
    slots = unknown_slots(ctx)
    if not slots:
        return ()
    case = ctx.result.case
    inc = Incremental(ctx.kb.rules, ctx.kb.vocab, case)
    base = {(r, f) for r, foci in inc.base.fires.items() for f in foci}
    weighed: list[tuple[int, int, FindOut]] = []
    for i, slot in enumerate(slots):
        changed: set[tuple[str, object]] = set()
        domains = ctx.domains
        values = (domains.representatives(slot[1], None) if domains.tests(slot[1])
                  else domains.values(slot[1], None))  # read only through an aggregate
        for value in values:
            outcome = inc.run(with_aggregates(ctx.kb.vocab, case.facts, {slot: value}))
            now = {(r, f) for r, foci in outcome.fires.items() for f in foci}
            changed |= base ^ now
        if not changed:
            continue
        fact = ctx.kb.vocab.facts[slot[1]]
        ent = ctx.say.entity(slot[0])
        asked = getattr(fact, "question", None)
        label = fact.label.get(ctx.lang)
        if asked is not None:
            question = asked.get(ctx.lang)  # the entity is shown beside the label
        elif ent:
            question = ctx.msg("find_out.question_for", fact=label.lower(), entity=ent)
        else:
            question = ctx.msg("find_out.question", fact=label.lower())
        weighed.append((-len(changed), i, FindOut(slot[1], label, ent, question,
                                                  len(changed))))
    weighed.sort(key=lambda w: (w[0], w[1]))
    return tuple(w[2] for w in weighed[:limit])
