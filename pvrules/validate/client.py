"""The client of a case (``casus.opdrachtgever``): its kind and organ as computed facts.

``soort`` sets ``opdrachtgever_soort`` (who asks: a municipality, several, a province...);
``orgaan`` sets ``opdrachtgever_orgaan`` (which organ asks: de raden, het college,
Gedeputeerde Staten...). Without ``orgaan``, the organ is read from the client's name when
it names exactly one ("Raden van …"); the advice then never asks that organ about its own
view (the vocabulary's ``ask: {unless: {opdrachtgever_orgaan: …}}``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from contextlib import suppress

from pydantic import Field, field_validator

from pvrules.errors import Problem
from pvrules.load.yamlio import Document, Loc, format_loc
from pvrules.suggest import did_you_mean
from pvrules.validate.base import Closed, Identifier
from pvrules.validate.vocab import ValueProblem, Vocabulary
from pvrules.values import Value


class Client(Closed):
    """Who asks for the advice (``casus.opdrachtgever``)."""

    naam: str = Field(min_length=1)
    naam_en: str | None = Field(default=None, min_length=1,
                                description="the client's name in English, for an English advice")
    soort: Identifier | None = None
    orgaan: Identifier | None = Field(
        default=None, description="which organ asks (raad, raden, college, colleges, "
        "gedeputeerde_staten, provinciale_staten, algemeen_bestuur, dagelijks_bestuur); "
        "default: read from the name when it names exactly one")
    entiteit: tuple[str, ...] = Field(default=(), description="partner id(s) that ask")

    @field_validator("entiteit", mode="before")
    @classmethod
    def _one_or_more(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value


CLIENT_FACT = "opdrachtgever_soort"
CLIENT_ORGAN_FACT = "opdrachtgever_orgaan"
ORGAN_WORDS = (("gedeputeerde staten", "gedeputeerde_staten"),
               ("provinciale staten", "provinciale_staten"),
               ("algemeen bestuur", "algemeen_bestuur"), ("dagelijks bestuur", "dagelijks_bestuur"),
               ("colleges", "colleges"), ("college", "college"), ("raden", "raden"),
               ("gemeenteraad", "raad"), ("raad", "raad"))
"""Words in ``casus.opdrachtgever.naam`` that name the client's organ, most specific first:
when ``orgaan`` is not given and the name names exactly one organ, that is the organ."""


def client_facts(client: Client | None, vocab: Vocabulary, ids: Mapping[str, set[str]],
                 doc: Document, case_facts: dict[str, Value | tuple[Value, ...]],
                 problems: list[Problem]) -> None:
    """Check ``casus.opdrachtgever``; set ``opdrachtgever_soort`` and ``opdrachtgever_orgaan``."""
    if client is None:
        return
    base: Loc = ("casus", "opdrachtgever")
    for key, fact_id, given, what in (("soort", CLIENT_FACT, client.soort, "kind of client"),
                                      ("orgaan", CLIENT_ORGAN_FACT, client.orgaan,
                                       "client organ")):
        fact = vocab.facts.get(fact_id)
        if given is None:
            named = organ_from_name(client.naam) if key == "orgaan" else None
            if fact is not None and named is not None:
                # a knowledge base with other organs: the name says nothing
                with suppress(ValueProblem):
                    case_facts[fact_id] = vocab.normalize(fact, named)
            continue
        where = (doc.source, doc.line_of((*base, key)), format_loc((*base, key)))
        if fact is None:
            problems.append(Problem("unknown-key", "this knowledge base does not declare the "
                                    f"fact '{fact_id}', so '{key}' cannot be given", *where))
            continue
        try:
            case_facts[fact_id] = vocab.normalize(fact, given)
        except ValueProblem as err:
            problems.append(Problem("bad-value", f"'{given}' is not a {what}", *where,
                                    allowed=err.allowed,
                                    suggestion=did_you_mean(given, err.allowed)))
    for i, ident in enumerate(client.entiteit):
        if not any(ident in known for known in ids.values()):
            loc = (*base, "entiteit", i) if len(client.entiteit) > 1 else (*base, "entiteit")
            everything = sorted(set().union(*ids.values())) if ids else []
            problems.append(Problem("unknown-entity", f"'{ident}' is not an id in this case",
                                    doc.source, doc.line_of(loc) or doc.line_of(base),
                                    format_loc(loc), allowed=tuple(everything),
                                    suggestion=did_you_mean(ident, everything)))


def organ_from_name(name: str) -> str | None:
    """The organ the client's name names (:data:`ORGAN_WORDS`), when it names exactly one."""
    low = f" {name.lower()} "
    found: list[str] = []
    for word, organ in ORGAN_WORDS:
        hit = re.search(rf"\b{word}\b", low)
        if hit:
            found.append(organ)
            low = low[:hit.start()] + low[hit.end():]
    return found[0] if len(set(found)) == 1 else None


CLIENT_PARTNER_FACT = "is_opdrachtgever"
PARTNER = "partner"


def client_partners(client: Client | None, vocab: Vocabulary,
                    facts: Mapping[tuple[str, str], dict[str, Value | tuple[Value, ...]]]) -> None:
    """Set the partner fact ``is_opdrachtgever`` from ``casus.opdrachtgever.entiteit``.

    True for the partners that ask, false for the others; left unknown when the case does not
    name the client's entity (or the knowledge base does not declare the fact).
    """
    if client is None or not client.entiteit or CLIENT_PARTNER_FACT not in vocab.facts:
        return
    asking = set(client.entiteit)
    for key, values in facts.items():
        if key[0] == PARTNER:
            values[CLIENT_PARTNER_FACT] = key[1] in asking

