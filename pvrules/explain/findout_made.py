"""Facts the advice itself makes: not "uit te zoeken", they are the recommendation (review 10).

"Ligt er een capaciteitsplan?" under "Eerst uitzoeken" while a recommendation says "stel
een capaciteitsplan op" asks for the advice's own product. A yes/no fact that says a thing
exists (a plan, an analysis) is made by the advice when

* a recommendation the advice makes (status recommended) or a step of its route is that
  thing: by the knowledge base's naming, one of the two ids is the other's first words
  (``capaciteitsplan`` → ``capaciteitsplan_opstellen``, ``verbeterplan`` →
  ``verbeterplan_bestuur``, ``business_case_aanwezig`` → ``business_case``); or
* a rule recommends something *because* the fact is unknown
  (:func:`pvrules.explain.findout_items.recommended_for`) and that is all an answer changes.

Such a fact is left out of "Eerst uitzoeken"; chapter 4 and the route say what it brings.
"""

from __future__ import annotations

from pvrules.explain.ctxtypes import Ctx
from pvrules.explain.scoring import score

BOOL = "bool"
ITEM, ROUTE = "item", "route"


def _makes(item: str, fact: str) -> bool:
    """Whether catalogue ``item`` makes ``fact``: one id is the other's first words."""
    return item == fact or item.startswith(f"{fact}_") or fact.startswith(f"{item}_")


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
    """The yes/no facts a recommendation or a route step of this advice makes."""
    cats = ctx.kb.catalogues
    made = {item for item in recommended_items(ctx)
            if item in cats.item_catalogue and cats.role(item) == ITEM}
    made |= {c.name for f in ctx.result.firings for c in f.conclusions if c.kind == ROUTE}
    return frozenset(fact.id for fact in ctx.kb.vocab.facts.values()
                     if fact.type == BOOL and fact.origin == "input"
                     and any(_makes(i, fact.id) for i in made))
