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
