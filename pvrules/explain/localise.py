"""A case's free text in the language of the advice.

A case is written in Dutch: its title, question, the names and notes (``toelichting``)
of its entities. For an English advice the case may give each in English as well
(``titel_en``, ``vraag_en``, the client's ``naam_en``, an entity's ``naam_en`` and
``toelichting_en``; ``bron_en`` for a fact's
source, see :func:`pvrules.explain.casefacts.bron_shown`). :func:`localised` returns the
case as the advice prints it: the English text where there is one; where there is none, a
name stays as it is (a name is a name, and the advice quotes it), while a sentence (the
question, a note) is quoted in Dutch and marked as such: "(Dutch: …)" — never a Dutch
sentence silently inside English ones. Facts are untouched: the rules' result holds.
"""

from __future__ import annotations

import dataclasses

from pvrules.messages import Messages
from pvrules.validate.case import CASE_KEY, Case, Entity

DUTCH = "nl"


def localised(case: Case, lang: str) -> Case:
    """``case`` with its names, notes, title and question in ``lang`` (same facts)."""
    if lang in (DUTCH, case.language):
        return case
    msg = Messages(lang)

    def sentence(text: str | None, english: str | None) -> str | None:
        if english:
            return english
        return msg("case.in_dutch", text=text.strip()) if text and text.strip() else text

    def entity(ent: Entity) -> Entity:
        return dataclasses.replace(
            ent, name=case.english_of(ent.key, "naam") or ent.name,
            notes=sentence(ent.notes, case.english_of(ent.key, "toelichting")))

    client = case.meta.opdrachtgever
    if client is not None and client.naam_en:
        client = client.model_copy(update={"naam": client.naam_en})
    meta = case.meta.model_copy(update={
        "titel": case.english_of(CASE_KEY, "titel") or case.meta.titel,
        "vraag": sentence(case.meta.vraag, case.english_of(CASE_KEY, "vraag")),
        "toelichting": sentence(case.meta.toelichting, case.english_of(CASE_KEY, "toelichting")),
        "opdrachtgever": client})
    entities = {typ: tuple(entity(e) for e in ents) for typ, ents in case.entities.items()}
    return dataclasses.replace(case, meta=meta, entities=entities, language=lang)
