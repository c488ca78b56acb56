"""Facts the advice itself makes: not "uit te zoeken", they are the recommendation (review 10).

"Ligt er een capaciteitsplan?" under "Eerst uitzoeken" while a recommendation says "stel
een capaciteitsplan op" asks for the advice's own product. A catalogue item says which
yes/no case facts it produces (``makes:``, :class:`~pvrules.validate.catalogue.ItemDef`):
a fact is made by the advice when

* a recommendation the advice makes (status recommended) or a step of its route makes it
  (``capaciteitsplan_opstellen`` makes ``capaciteitsplan``, the route step
  ``besluit_verbetering`` makes ``verbeterplan``); or
* a rule recommends something *because* the fact is unknown
  (:func:`pvrules.explain.findout_items.recommended_for`) and that is all an answer changes.

Such a fact is left out of "Eerst uitzoeken"; chapter 4 and the route say what it brings.
A recommendation that would make the fact is also no consequence of asking it
(:func:`makes`): "Is er een business case? Daarvan hangt af: of de aanbeveling ‘Business
case’ erbij komt" is circular.
"""

from __future__ import annotations

from pvrules.explain.ctxtypes import Ctx
from pvrules.explain.scoring import score

ITEM, ROUTE = "item", "route"


def makes(ctx: Ctx, item: object, fact: str) -> bool:
    """Whether catalogue ``item`` produces ``fact`` when the advice gives it (``makes:``)."""
    found = ctx.kb.catalogues.items.get(str(item))
    return found is not None and fact in found.makes


_RECOMMENDED = "_findout_recommended"


def recommended_items(ctx: Ctx) -> frozenset[str]:
    """The items this advice recommends (status recommended), for any target; kept per context."""
    store: dict[str, object] | None = getattr(ctx, "__dict__", None)
    found = store.get(_RECOMMENDED) if store is not None else None
    if isinstance(found, frozenset):
        return found
    made = frozenset(item for (item, _t), s in score(
        ctx.kb, ctx.incremental.base.recommendations()).items() if s.status == "recommended")
    if store is not None:
        store[_RECOMMENDED] = made
    return made


def made_by_advice(ctx: Ctx) -> frozenset[str]:
    """The facts a recommendation or a route step of this advice makes (``makes:``)."""
    cats = ctx.kb.catalogues
    given = {item for item in recommended_items(ctx)
             if item in cats.item_catalogue and cats.role(item) == ITEM}
    given |= {c.name for f in ctx.result.firings for c in f.conclusions if c.kind == ROUTE}
    return frozenset(fact for item in given if item in cats.items
                     for fact in cats.items[item].makes)
