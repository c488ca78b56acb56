"""The chosen option, and which options the route and the options table leave out.

Once the raden chose a direction (``richting_gekozen``), the route is the chosen option's
establishment route, not a block per option, and the options table shows that option alone
with the others in one line (:func:`chosen_row`). The chosen option is the one marked
``gekozen`` (at most one: :mod:`pvrules.validate.chosen`), else the only option on the table.
"""

from __future__ import annotations

from pvrules.explain.basics import DIRECTION_CHOSEN, entity_name
from pvrules.explain.ctxtypes import Ctx
from pvrules.explain.decisions_model import OptionRow
from pvrules.validate.case import CASE_KEY, EntityKey

OPTION = "optie"
CHOSEN = "gekozen"
WHEN_CHOSEN = "when_chosen"
"""A step's property: its ``when`` once the direction is chosen (its own says "before it")."""


def chosen_option(ctx: Ctx) -> EntityKey | None:
    """The option the raden chose, or ``None`` while the direction is open."""
    options = list(ctx.entities.get(OPTION, []))
    facts = ctx.result.case.facts
    marked = [key for key in options if facts.get(key, {}).get(CHOSEN) is True]
    if marked:
        return marked[0]
    if len(options) == 1 and facts.get(CASE_KEY, {}).get(DIRECTION_CHOSEN) is True:
        return options[0]
    return None


def not_chosen(ctx: Ctx) -> list[str]:
    """The names of the options the raden did not choose (none while the direction is open)."""
    chosen = chosen_option(ctx)
    if chosen is None:
        return []
    return [entity_name(ctx, key) or key[1] for key in ctx.entities.get(OPTION, [])
            if key != chosen]


def rejected_options(ctx: Ctx) -> set[EntityKey]:
    """The options the advice advises against, or, once one is chosen, all the others.

    An option is advised against when its strongest ``prefer`` conclusion (highest priority,
    then rule order, as the options table reads it) is ``advised_against``.
    """
    chosen = chosen_option(ctx)
    if chosen is not None:
        return {key for key in ctx.entities.get(OPTION, []) if key != chosen}
    best: dict[EntityKey, tuple[tuple[int, int], str]] = {}
    for firing in ctx.result.firings:
        rule = ctx.kb.rule(firing.rule_id)
        rank = (-rule.priority, rule.index)
        for concl in firing.conclusions:
            if concl.kind == "prefer" and concl.target[0] == OPTION and \
                    (concl.target not in best or rank < best[concl.target][0]):
                best[concl.target] = (rank, concl.name)
    return {key for key, (_rank, name) in best.items() if name == "advised_against"}


def when_chosen(ctx: Ctx, item: object) -> str | None:
    """The step's ``when_chosen`` once an option is chosen, else ``None``."""
    value = (getattr(item, "properties", None) or {}).get(WHEN_CHOSEN)
    text = getattr(value, "get", None)
    return str(text(ctx.lang)) if text is not None and chosen_option(ctx) is not None else None


Best = tuple[int, OptionRow, str]
"""The options table's best advised option: (rank, row, why)."""


def chosen_row(ctx: Ctx, rows: list[OptionRow], best: Best | None
               ) -> tuple[list[OptionRow], Best | None, str]:
    """The options table once an option is chosen: its row alone, it as the preference.

    Returns the rows, the best option (the chosen one, with the reason a rule gave for it
    if any) and a sentence naming the options not chosen ("" while the direction is open).
    """
    picked = chosen_option(ctx)
    kept = [r for r in rows if picked is not None and r.id == picked[1]]
    if not kept:
        return rows, best, ""
    own = best if best is not None and best[1].id == kept[0].id else None
    others = [r.label for r in rows if r.id != kept[0].id]
    line = " " + ctx.msg("chosen.others", options=ctx.msg.join(others)) if others else ""
    return kept, (own[0] if own else 1, kept[0], own[2] if own else ""), line
