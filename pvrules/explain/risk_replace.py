"""A precise risk of an option in the place of the general one it names (catalogue ``replaces``).

"Transitiekosten die bij een zwakke financiële positie zwaar wegen" says the general
"transitiekosten" once, with why they weigh in this case; an option's risk list shows the
precise risk where the general one would stand. Replacements chain: a risk that replaces one
that itself replaces a third leaves only the most precise.
"""

from __future__ import annotations

from pvrules.explain.ctxtypes import Ctx
from pvrules.explain.decisions_model import Risk
from pvrules.validate.catalogue import ItemDef

REPLACES = "replaces"
"""Catalogue property of a risk item: the general risk it names more precisely for this case."""


def replaced(ctx: Ctx, risks: list[Risk]) -> list[Risk]:
    """``risks`` without each general risk that a more precise one of the same list replaces.

    The precise risk takes the place of the first general one in its chain; order otherwise kept.
    """
    at, items = {r.id: i for i, r in enumerate(risks)}, ctx.kb.catalogues.items
    chains: dict[str, list[str]] = {}
    for risk in risks:
        found, name = chains.setdefault(risk.id, []), _general(items[risk.id])
        while name is not None and name in items and name not in found:
            found.append(name)
            name = _general(items[name])
    dropped = {g for found in chains.values() for g in found if g in at}
    return sorted((r for r in risks if r.id not in dropped),
                  key=lambda r: min([at[r.id], *(at[g] for g in chains[r.id] if g in at)]))


def _general(item: ItemDef) -> str | None:
    general = item.properties.get(REPLACES)
    return general.get("nl") if general is not None else None
