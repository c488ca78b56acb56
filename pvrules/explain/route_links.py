"""Route steps that hold for an option only where a collaboration links it to the outside.

A route item with ``properties.shared_outside`` (a comma-separated list of ``vorm`` values of
a collaboration) is kept for an option only where an existing collaboration of one of those
forms, or of a form the case does not state, has participants both among the option's
partners and outside them: a municipality that merges while it shares its civil service
with one that does not (the shared organisation must be unwound or its services agreed).
A route item with ``properties.with_partner_soort`` (a ``soort`` of partner, such as
``provincie``) is kept for an option only where one of the option's partners is of that kind:
a regeling in which a province takes part is a gemengde regeling, with consent of Provinciale
Staten too. The rules cannot join an option to a collaboration through their participants, nor
test the kind of an option's partners; this does.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from pvrules.explain.ctxtypes import Ctx
from pvrules.validate.case import EntityKey

SHARED_OUTSIDE = "shared_outside"
MIN_OPTIONS = "min_options"
"""A route item's property: it is listed only where it is concluded for at least this many
options (which of several merger options the design laid down covers: a question only
where there are several)."""
WITH_PARTNER = "with_partner_soort"
PARTNER = "partner"
SAMENWERKING = "samenwerking"
FORM_CHANGE = "form_change"
"""A route item's property (``"true"``): a step about changing the form of a collaboration (a
sector law's test of the form). Concluded for the case, it is listed only where something
changes form: an option on the table, a proposed collaboration, or a form the advice recommends
(review 12, #9: the Jeugdwet art. 2.8 step without any change of form)."""
FORMS = "samenwerkingsvorm"
"""The catalogue of collaboration forms a recommendation may be of."""
KEEPS = "bestaand_verband"
"""The form item that keeps a task where it is: no change for a task in an existing verband."""
NO_STRUCTURE = frozenset({KEEPS, "lokaal_houden", "beleid_afstemmen"})
"""Form items that set up no collaboration: no change for a task not in a verband now."""


def _forms(item: object, name: str = SHARED_OUTSIDE) -> set[str] | None:
    """The values named by the item's property ``name``, or ``None`` without it."""
    found = getattr(item, "properties", {}).get(name)
    getter = getattr(found, "get", None)
    if getter is None:
        return None
    return {v.strip() for v in str(getter("nl")).split(",") if v.strip()}


def _ids(value: object) -> set[str]:
    return {str(v) for v in value} if isinstance(value, (list, tuple, set)) else set()


def links_outside(ctx: Ctx, option: EntityKey, forms: set[str]) -> bool:
    """Whether ``option`` has a partner tied to a municipality outside it.

    That is: an existing collaboration of ``forms`` (or of no stated form) has participants
    both among the option's partners and outside them.
    """
    facts = ctx.result.case.facts
    partners = _ids(facts.get(option, {}).get("partners"))
    for key, own in facts.items():
        if key[0] != SAMENWERKING or own.get("status") not in (None, "bestaand"):
            continue
        vorm = own.get("vorm")
        members = _ids(own.get("deelnemers"))
        if (vorm is None or str(vorm) in forms) and members & partners and members - partners:
            return True
    return False


def with_partner(ctx: Ctx, option: EntityKey, kinds: set[str]) -> bool:
    """Whether one of ``option``'s partners is of a ``soort`` in ``kinds``."""
    facts = ctx.result.case.facts
    return any(str(facts.get((PARTNER, p), {}).get("soort")) in kinds
               for p in _ids(facts.get(option, {}).get("partners")))


def keep_linked(ctx: Ctx, items: Mapping[str, object], names: Iterable[str],
                per_option: dict[str, set[EntityKey]],
                targets: dict[str, list[EntityKey]]) -> set[str]:
    """Narrow (in place) each ``shared_outside`` / ``with_partner_soort`` step to its options.

    Returns the names left with no option at all (the caller drops them).
    """
    gone: set[str] = set()
    for name in names:
        least = _forms(items[name], MIN_OPTIONS)
        if least and min(int(n) for n in least if n.isdigit()) > len(per_option.get(name, ())):
            per_option[name] = set()
            targets[name] = [t for t in targets.get(name, []) if t[0] != "optie"]
            gone.add(name)
            continue
        forms, kinds = _forms(items[name]), _forms(items[name], WITH_PARTNER)
        if forms is None and kinds is None:
            continue
        kept = {o for o in per_option.get(name, set())
                if (forms is None or links_outside(ctx, o, forms))
                and (kinds is None or with_partner(ctx, o, kinds))}
        per_option[name] = kept
        targets[name] = [t for t in targets.get(name, []) if t in kept]
        if not kept:
            gone.add(name)
    return gone


def without_form_change(ctx: Ctx, items: Mapping[str, object],
                        found: Iterable[str]) -> list[str]:
    """The ``form_change`` steps of ``found`` to leave out: nothing in the case changes form."""
    flagged = [n for n in found if _forms(items[n], FORM_CHANGE) == {"true"}]
    if not flagged:
        return []
    facts = ctx.result.case.facts
    cats = ctx.kb.catalogues
    changes = any(key[0] == "optie" for key in facts) \
        or any(key[0] == SAMENWERKING and own.get("status") == "voorgenomen"
               for key, own in facts.items()) \
        or any(r.status == "recommended" and cats.item_catalogue.get(r.item) == FORMS
               and _changes(r.item, facts.get(r.target_key, {}).get("in_bestaand_verband"))
               for r in ctx.advice.recommendations)
    return [] if changes else flagged


def _changes(item: str, in_verband: object) -> bool:
    """Whether recommending form ``item`` for a task changes its form (now in a verband or not)."""
    return item != KEEPS if in_verband is True else item not in NO_STRUCTURE
