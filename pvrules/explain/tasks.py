"""Per opgave, what an adviesrapport says before the form: at what scale, with whom, for whom.

From what the case states about the opgave only (its vocabulary facts ``schaal``,
``gedeeld_door_partners`` and ``niet_overheidspartners_betrokken``, and its own
``toelichting``); what the case does not state is left out, never printed as "onbekend".
Where the opgave already runs in an existing collaboration, the case's ``bron`` of
``in_bestaand_verband`` names that verband.
"""

from __future__ import annotations

from pvrules.explain.casefacts import DUTCH
from pvrules.explain.ctxtypes import Ctx
from pvrules.validate.case import EntityKey

LOCAL = "lokaal"
MUNICIPALITY = "gemeente"


def profile(ctx: Ctx, key: EntityKey) -> str:
    """``Subregionaal, samen met A, B en C. <toelichting>`` for the opgave ``key``; or ``""``."""
    value = ctx.result.value
    scale = value(key, "schaal")
    parts: list[str] = []
    if isinstance(scale, str):
        parts.append(ctx.kb.vocab.display("schaal", scale, ctx.lang))
    partners = [e.name for e in ctx.result.case.all_entities()
                if e.type == "partner" and e.name and value(e.key, "soort") == MUNICIPALITY]
    shared = value(key, "gedeeld_met")  # the partners that share it, where the case names them
    named = [e.name for e in ctx.result.case.all_entities()
             if e.type == "partner" and e.name and isinstance(shared, tuple) and e.id in shared]
    if named:
        parts.append(ctx.msg("tasks.with", names=ctx.msg.join(named)))
    elif scale == LOCAL and len(partners) > 1:
        parts.append(ctx.msg("tasks.each_own"))
    elif value(key, "gedeeld_door_partners") is True and len(partners) > 1:
        parts.append(ctx.msg("tasks.with", names=ctx.msg.join(partners)))
    if value(key, "niet_overheidspartners_betrokken") is True:
        parts.append(ctx.msg("tasks.non_government"))
    said = ", ".join(parts)
    said = said[:1].upper() + said[1:]
    ent = ctx.result.case.entity(key)
    notes = (ent.notes or "").strip() if ent is not None else ""
    if notes and not notes.removesuffix(")").endswith((".", "!", "?")):  # "(Dutch: ….)"
        notes += "."
    return " ".join(p for p in (f"{said}." if said else "", notes) if p)


def existing(ctx: Ctx, key: EntityKey) -> str:
    """Where the opgave runs now, as the case's ``bron`` of ``in_bestaand_verband`` says."""
    if ctx.result.value(key, "in_bestaand_verband") is not True:
        return ""
    case = ctx.result.case
    said = (case.provenance.get((key, "in_bestaand_verband")) or "").strip()
    if said and ctx.msg.lang != DUTCH:  # a bron is Dutch: its English, else marked as Dutch
        return case.english_of(key, "bron:in_bestaand_verband") or \
            ctx.msg("case.in_dutch", text=said)
    return said
