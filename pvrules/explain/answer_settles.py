"""Which key recommendation settles which unknown criterion of a herindeling option.

A recommendation settles a criterion when it resolves a fact the criterion still waits
on: a fact its rules matched while unknown, or the fact of its catalogue item's
``done_when``; or when its label or action names the criterion. A criterion no key
recommendation settles is left for "Eerst uitzoeken" (hoofdstuk 8).
"""

from __future__ import annotations

from collections.abc import Callable

from pvrules.explain.ctxtypes import Ctx
from pvrules.explain.decisions_model import Criterion, OptionRow, RecItem

OPTION = "optie"
DONE_WHEN = "done_when"
OPTION_KINDS = ("effect", "criterion", "risk")
"""What a rule concludes about an option: its effects, criteria and risks."""


def _criterion_facts(ctx: Ctx, row: OptionRow, criterion: str) -> set[str]:
    """The facts the rules assessing ``criterion`` for ``row`` still wait on."""
    from pvrules.explain.choices import unknown_slots_of

    rules = [r for r in ctx.kb.rules
             if any(getattr(c, "kind", None) == "criterion" and getattr(c, "name", None)
                    == criterion for c in r.conclusions)]
    slots = unknown_slots_of(ctx, rules, (OPTION, row.id), undecided_only=False,
                             not_ruled_out=True)
    return {fact for _key, fact in slots}


def _resolves(ctx: Ctx, item: RecItem) -> set[str]:
    """The facts ``item`` finds out: those its rules matched while unknown, its done_when."""
    rules = {f[0] for f in item.firings}
    facts = {fact for f in ctx.result.firings if f.key[0] in rules
             for _ent, fact, value in f.matched if value is None}
    props = getattr(ctx.kb.catalogues.items.get(item.item), "properties", None) or {}
    done = props.get(DONE_WHEN)
    text = str(getattr(done, "nl", "") or "") if done is not None else ""
    if ":" in text:
        facts.add(text.split(":", 1)[0].strip())
    return facts


def settled_by(ctx: Ctx, row: OptionRow, unknown: list[Criterion],
               key: tuple[RecItem, ...], names: Callable[[Criterion], str],
               action: Callable[[Ctx, RecItem], str] | None = None
               ) -> dict[str, list[int]]:
    """Per unknown criterion (by id), the numbers of the key recommendations that settle it."""
    resolves = [(n, _resolves(ctx, k), f"{k.label} {action(ctx, k) if action else ''}".lower())
                for n, k in enumerate(key, 1)]
    out: dict[str, list[int]] = {}
    for c in unknown:
        facts = _criterion_facts(ctx, row, c.id)
        name = names(c).lower()
        found = [n for n, got, text in resolves if (facts & got) or name in text]
        if found:
            out[c.id] = found
    return out


def option_facts(ctx: Ctx, rows: list[OptionRow]) -> set[str]:
    """The facts the options' effects, criteria and risks still wait on (what tells them apart)."""
    from pvrules.explain.choices import unknown_slots_of

    rules = [r for r in ctx.kb.rules
             if r.focus_entity == OPTION  # a rule about another entity binds no option
             and any(getattr(c, "kind", None) in OPTION_KINDS for c in r.conclusions)]
    return {fact for row in rows
            for _key, fact in unknown_slots_of(ctx, rules, (OPTION, row.id),
                                               undecided_only=False, not_ruled_out=True)}


def separates(ctx: Ctx, item: RecItem, facts: set[str], rows: list[OptionRow]) -> bool:
    """Whether ``item`` can tell the options ``rows`` apart.

    A recommendation that finds out something per option (its rules matched an option's
    fact while unknown: how residents or the raden view each option) tells them apart only
    when an option's effect, criterion or risk waits on such a fact (``facts``,
    :func:`option_facts`): residents' views decide a herindeling's draagvlak, not a choice
    between legal forms whose effects do not depend on them. Any other (what unwinding
    costs) is kept.
    """
    ids = {r.id for r in rows}
    rules = {f[0] for f in item.firings}
    per_option = {fact for f in ctx.result.firings if f.key[0] in rules
                  for ent, fact, value in f.matched
                  if ent[0] == OPTION and ent[1] in ids and value is None}
    return not per_option or bool(per_option & facts)
