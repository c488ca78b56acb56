"""Which options the route leaves out: the ones advised against, or all but the chosen one.

Once the raden chose a direction (``richting_gekozen``), the route is the chosen option's
establishment route, not a block per option. The chosen option is the one marked ``gekozen``
(at most one: :mod:`pvrules.validate.chosen`), else the only option on the table.
"""

from __future__ import annotations

from pvrules.explain.basics import DIRECTION_CHOSEN, entity_name
from pvrules.explain.ctxtypes import Ctx
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
