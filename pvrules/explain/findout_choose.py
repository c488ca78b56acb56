"""Partners still to be chosen: one question "with whom?" in "Eerst uitzoeken".

A case whose intended partners are not known (case fact ``beoogde_partners_bekend``
false) may still list an option with a placeholder partner ("nog te kiezen
buurgemeente(n)"): a partner of an option that takes part in no existing collaboration
and is not a client. Its financial position or administrative strength is no question
yet; which municipalities they are is. :func:`to_choose` finds those partners and
:func:`choose_item` asks that once, naming what to find out about them afterwards.
"""

from __future__ import annotations

from collections.abc import Sequence

from pvrules.explain.basics import entity_name
from pvrules.explain.ctxtypes import Ctx
from pvrules.explain.decisions_model import FindOut
from pvrules.explain.domains import Slot
from pvrules.explain.texts import fill_organs, organs
from pvrules.validate.ask import AskDef
from pvrules.validate.case import CASE_KEY, EntityKey

KNOWN = "beoogde_partners_bekend"
"""The case fact that says whether the intended partners are known."""
PARTNER, OPTION, COLLABORATION = "partner", "optie", "samenwerking"
BARE = frozenset(("soort", "provincie_ligging", "is_opdrachtgever"))
"""Partner facts a placeholder may carry: what kind and where, nothing about it."""


def to_choose(ctx: Ctx) -> dict[EntityKey, tuple[EntityKey, ...]]:
    """Placeholder partners, each with the options it is a partner of.

    Only when the case states its intended partners are not known: then a partner of an
    option that is no client, in no existing collaboration, not named in the option's name
    and with no facts of its own beyond its kind and province is one still to be chosen.
    """
    result = ctx.result
    if result.value(CASE_KEY, KNOWN) is not False:
        return {}
    client = result.case.meta.opdrachtgever
    asking = set(client.entiteit) if client is not None else set()
    known: set[str] = set(asking)
    for e in result.case.all_entities():
        members = result.value(e.key, "deelnemers") if e.key[0] == COLLABORATION else None
        if isinstance(members, tuple) and result.value(e.key, "status") != "voorgenomen":
            known.update(str(m) for m in members)
    chosen: dict[EntityKey, list[EntityKey]] = {}
    for e in result.case.all_entities():
        partners = result.value(e.key, "partners") if e.key[0] == OPTION else None
        if not isinstance(partners, tuple):
            continue
        for p in partners:
            name = entity_name(ctx, (PARTNER, str(p))) or str(p)
            if str(p) in known or name.lower() in (e.name or "").lower():
                continue  # a partner the option names ("Fuseren met X") is a candidate
            if set(result.case.facts.get((PARTNER, str(p)), {})) - BARE:
                continue  # the case states facts of it: a municipality, not a placeholder
            chosen.setdefault((PARTNER, str(p)), []).append(e.key)
    return {k: tuple(v) for k, v in chosen.items()}


def choose_item(ctx: Ctx, members: Sequence[Slot],
                options: Sequence[EntityKey]) -> FindOut:
    """One item: with which municipalities ``options`` would go, then what to find out."""
    msg, kb = ctx.msg, ctx.kb
    names = organs(ctx.result.case, msg)
    what: list[str] = []
    for slot in members:
        ask = kb.vocab.facts[slot[1]].ask
        if isinstance(ask, AskDef) and ask.subject is not None:
            what.append(fill_organs(ask.subject.get(ctx.lang), names))
    option_names = [f"‘{n}’" for n in (entity_name(ctx, o) for o in options) if n]
    option = msg.join(list(dict.fromkeys(option_names)))
    then = msg.join(list(dict.fromkeys(what)))
    question = msg("find_out.choose.question", option=option)
    if then:
        question = f"{question} {msg('find_out.choose.then', what=then)}"
    return FindOut(KNOWN, msg("find_out.choose.label"), None, question, 0,
                   facts=tuple(dict.fromkeys(s[1] for s in members)),
                   subject=msg("find_out.choose.subject", option=option))
