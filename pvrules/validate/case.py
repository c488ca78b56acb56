"""Case files: read, check against the vocabulary, and normalise.

A case file holds ``casus`` (who asks, what question, the date), ``feiten``
(facts of the case as a whole), one list per entity (``partners``,
``opgaven``, ``opties``...; the names come from the vocabulary) and optionally
``afloop`` (what happened after the date; no rule reads it). Each entity has
an ``id``, optionally a ``naam`` and ``toelichting``, and its facts. A fact
left out, or given as ``null``, is unknown; unknown is not false. A fact may be
given as ``{waarde, zekerheid, bron}``: the engine sees the value, the case
keeps how certain it is and where it comes from (``bron_id`` names the case source(s) by
id: :mod:`pvrules.validate.bron_ids`). A fact that differs by partner
(support in each raad) may add ``per_partner: {partner_id: value}``: rules still
read ``waarde`` (the aggregate), the advice prints the values per partner.

Free text is written in Dutch. For an English advice a case may give it in English too:
``casus.titel_en``, ``casus.vraag_en`` and ``casus.opdrachtgever.naam_en``, an entity's
``naam_en`` and ``toelichting_en``, a fact's ``bron_en``. No rule reads them; an English
advice without them quotes the Dutch text marked as such (see :mod:`pvrules.explain.localise`).

Before inference pvrules adds the computed facts: ``peildatum`` (the case's
date as yyyymmdd), ``opdrachtgever_soort`` (when the vocabulary declares it)
and the aggregates the vocabulary declares (see :mod:`pvrules.validate.aggregate`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

from pydantic import Field, ValidationError, field_validator

from pvrules.errors import CaseError, InputError, Problem, problems_error
from pvrules.load.yamlio import Document, Loc, format_loc, parse_yaml, read_document
from pvrules.suggest import did_you_mean
from pvrules.validate.aggregate import compute_aggregates
from pvrules.validate.base import Closed, Identifier
from pvrules.validate.bron_ids import check_bron_ids, read_bron_ids
from pvrules.validate.case_sources import known_sources, own_sources
from pvrules.validate.case_warnings import warn_partial_unwinding, warn_per_partner_only
from pvrules.validate.catalogue import SourceDef
from pvrules.validate.chosen import check_chosen
from pvrules.validate.client import Client, client_facts, client_partners
from pvrules.validate.dates import IsoDate, date_int, parse_iso
from pvrules.validate.problems import pydantic_problems
from pvrules.validate.vocab import PEILDATUM, ValueProblem, Vocabulary
from pvrules.values import CASE, Value

ENTITY_META = ("id", "naam", "toelichting", "naam_en", "toelichting_en")
CERTAINTIES = ("laag", "gemiddeld", "hoog")
"""How certain a stated fact is; ``hoog`` (as stated) when not given."""
FACT_KEYS = ("waarde", "zekerheid", "bron", "bron_en", "bron_id", "per_partner")
ENGLISH = "_en"
"""The suffix of a free-text field's English version (``naam_en``, ``bron_en``...)."""
Certainty = Literal["laag", "gemiddeld", "hoog"]


class CaseMeta(Closed):
    """What the case is about (``casus:`` in the file)."""

    id: str = Field(min_length=1, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")
    titel: str = Field(min_length=1)
    vraag: str | None = None
    titel_en: str | None = Field(default=None, min_length=1,
                                 description="the title in English, for an English advice")
    vraag_en: str | None = Field(default=None, min_length=1,
                                 description="the question in English, for an English advice")
    opdrachtgever: Client | None = None
    datum: IsoDate | None = None
    auteur: str | None = None
    bronnen: tuple[Identifier, ...] = Field(default=(), json_schema_extra={
        "description": "the case's sources: the id of a knowledge-base source, or a source "
        "written in place (id, title, author or publisher, year, url)",
        "items": {"anyOf": [{"type": "string"}, {"type": "object", "required": ["id", "title"]}]}})
    toelichting: str | None = None
    toelichting_en: str | None = Field(default=None, min_length=1,
                                       description="the toelichting in English")
    taal: str | None = None
    document: Literal["advies", "notitie"] = Field(
        default="advies", description="the kind of document: a raad advice or an early notitie")

    @field_validator("opdrachtgever", mode="before")
    @classmethod
    def _plain_name(cls, value: object) -> object:
        return {"naam": value} if isinstance(value, str) else value

    @property
    def client_name(self) -> str | None:
        """The client's name (``None`` when the case does not say)."""
        return self.opdrachtgever.naam if self.opdrachtgever else None


@dataclass(frozen=True)
class Entity:
    """One entity of a case: a partner, an opgave, a collaboration."""

    type: str
    id: str
    name: str
    slot: int
    notes: str | None = None

    @property
    def key(self) -> EntityKey:
        """The key of this entity's facts."""
        return (self.type, self.id)


EntityKey = tuple[str, str]
CASE_KEY: EntityKey = (CASE, CASE)


class PartnerValues(NamedTuple):
    """A fact stated per partner: the ``waarde`` the rules read and each partner's value."""

    stated: Value | None
    values: tuple[tuple[str, Value], ...]


@dataclass(frozen=True)
class Case:
    """A validated case: metadata, entities and normalised input facts.

    ``facts`` holds the stated facts plus the computed ones (``peildatum``,
    ``opdrachtgever_soort``, aggregates); ``certainty`` and ``provenance`` hold the
    ``zekerheid`` and ``bron`` a fact was given with.
    """

    meta: CaseMeta
    entities: Mapping[str, tuple[Entity, ...]]
    facts: Mapping[EntityKey, Mapping[str, Value | tuple[Value, ...]]]
    source: str = "<case>"
    certainty: Mapping[tuple[EntityKey, str], str] = field(default_factory=dict)
    provenance: Mapping[tuple[EntityKey, str], str] = field(default_factory=dict)
    peildatum: dt.date = dt.date(2000, 1, 1)
    """The date the case is judged at: ``casus.datum``, else the caller's date or today."""
    date_defaulted: bool = False
    """True when the case gives no ``casus.datum`` and ``peildatum`` was defaulted."""
    afloop: str | None = None
    """What happened after the date; never read by rules, never printed in the advice body."""
    per_partner: Mapping[tuple[EntityKey, str], PartnerValues] = field(default_factory=dict)
    """A fact's values per partner (``per_partner:``); never read by rules."""
    english: Mapping[tuple[EntityKey, str], str] = field(default_factory=dict)
    """English versions of free text: ``(entity key, naam|toelichting)``, ``(CASE_KEY,
    titel|vraag)`` and ``(entity key, bron:FACT)``; never read by rules."""

    own_sources: tuple[SourceDef, ...] = ()
    source_ids: Mapping[tuple[EntityKey, str], tuple[str, ...]] = field(default_factory=dict)
    """The case sources a stated fact names by id (``bron_id``); never read by rules."""
    """The sources the case defines in place in ``casus.bronnen`` (see ``case_sources``)."""

    language: str = "nl"
    """The language names, notes and the question are in (see :mod:`pvrules.explain.localise`)."""

    def english_of(self, key: EntityKey, name: str) -> str | None:
        """The English version of free text ``name`` of ``key`` (``bron:FACT`` for a bron)."""
        return self.english.get((key, name))

    def certainty_of(self, key: EntityKey, fact: str) -> str:
        """How certain a stated fact is (``hoog`` unless the case says otherwise)."""
        return self.certainty.get((key, fact), "hoog")

    def entity(self, key: EntityKey) -> Entity | None:
        """The entity with ``key`` (``None`` for the case itself)."""
        for ent in self.entities.get(key[0], ()):
            if ent.id == key[1]:
                return ent
        return None

    def all_entities(self) -> list[Entity]:
        """Every entity, in type then file order."""
        return [e for typ in sorted(self.entities) for e in self.entities[typ]]


def load_case_file(path: str, vocab: Vocabulary, overrides: Sequence[str] = (),
                   today: dt.date | None = None,
                   sources: Mapping[str, SourceDef] | None = None) -> Case:
    """Read, check and normalise a case file (YAML or JSON)."""
    doc = read_document(path)
    return case_from_document(doc, vocab, overrides, today, sources)


def load_case_text(text: str, source: str, vocab: Vocabulary,
                   overrides: Sequence[str] = (), today: dt.date | None = None,
                   sources: Mapping[str, SourceDef] | None = None) -> Case:
    """Check and normalise a case given as YAML text."""
    return case_from_document(parse_yaml(text, source), vocab, overrides, today, sources)


def case_from_document(doc: Document, vocab: Vocabulary, overrides: Sequence[str] = (),
                       today: dt.date | None = None,
                       sources: Mapping[str, SourceDef] | None = None) -> Case:
    """Check a parsed case document; raise one :class:`CaseError` with every problem.

    ``today`` is the peildatum of a case without ``casus.datum`` (default: today).
    ``sources``: the knowledge base's sources; when given, every id in ``casus.bronnen``
    must be one of them or a source the case defines in place (see
    :mod:`pvrules.validate.case_sources`).
    """
    data = doc.data
    if not isinstance(data, dict):
        raise CaseError("a case file is a mapping", [Problem(
            "bad-case", "expected 'casus:', 'feiten:' and entity lists at the top level",
            doc.source, 1, allowed=_top_keys(vocab))])
    if overrides:
        data = apply_overrides(data, overrides, vocab)
    problems: list[Problem] = []
    meta_raw = data.get("casus")
    meta: CaseMeta | None = None
    own: tuple[SourceDef, ...] = ()
    written: tuple[str, ...] = ()
    if meta_raw is None:
        problems.append(Problem("missing-key", "'casus' is required (at least id and titel)",
                                doc.source, 1, "casus"))
    else:
        if isinstance(meta_raw, dict):
            meta_raw = dict(meta_raw)  # own_sources rewrites casus.bronnen: not the caller's
        written = _written_source_ids(meta_raw)  # before own_sources rewrites them
        own = own_sources(meta_raw, doc, problems)
        try:
            meta = CaseMeta.model_validate(meta_raw)
        except ValidationError as err:
            problems.extend(pydantic_problems(err, CaseMeta, doc, ("casus",)))
    allowed_top = _top_keys(vocab)
    for key in data:
        if key not in allowed_top:
            problems.append(Problem("unknown-key", f"unknown section '{key}'", doc.source,
                                    doc.line_of((key,)), str(key), allowed=allowed_top,
                                    suggestion=did_you_mean(str(key), allowed_top)))
    afloop = data.get("afloop")
    if afloop is not None and not isinstance(afloop, str):
        problems.append(Problem("bad-value", "'afloop' is free text", doc.source,
                                doc.line_of(("afloop",)), "afloop"))
    entities, raw_entities = _entities(data, vocab, doc, problems)
    ids = {typ: {e.id for e in ents} for typ, ents in entities.items()}
    reader = _FactReader(vocab, doc, problems, ids)
    facts: dict[EntityKey, dict[str, Value | tuple[Value, ...]]] = {}
    facts[CASE_KEY] = reader.read(data.get("feiten") or {}, CASE, ("feiten",), meta_keys=())
    english = reader.english
    for ent, raw, eloc in raw_entities:
        facts[ent.key] = reader.read(raw, ent.type, eloc, ENTITY_META)
        _english_meta(raw, ent.key, eloc, doc, english, problems)
    problems.extend(check_chosen(doc, raw_entities, facts))
    if meta is not None:
        client_facts(meta.opdrachtgever, vocab, ids, doc, facts[CASE_KEY], problems)
        client_partners(meta.opdrachtgever, vocab, facts)
        if sources is not None:
            problems.extend(known_sources(meta.bronnen, own, sources, doc))
        problems.extend(check_bron_ids(reader.source_ids, reader.source_locs,
                                       (*meta.bronnen, *written), doc))
    if problems or meta is None:
        raise problems_error(CaseError, "the case file has problems", problems)
    _warn_partial_unwinding(doc, raw_entities, facts)
    english.update({(CASE_KEY, name): text for name, text in
                    (("titel", meta.titel_en), ("vraag", meta.vraag_en),
                     ("toelichting", meta.toelichting_en)) if text})
    day = parse_iso(meta.datum) if meta.datum else (today or dt.date.today())
    facts[CASE_KEY][PEILDATUM] = date_int(day)
    for key, values in compute_aggregates(vocab, facts).items():
        facts.setdefault(key, {}).update(values)
    return Case(meta, entities, facts, doc.source, reader.certainty, reader.provenance, day,
                meta.datum is None, afloop if isinstance(afloop, str) else None,
                reader.per_partner, english, own_sources=own, source_ids=reader.source_ids)


def _english_meta(raw: dict[str, Any], key: EntityKey, loc: Loc, doc: Document,
                  english: dict[tuple[EntityKey, str], str], problems: list[Problem]) -> None:
    """Keep an entity's ``naam_en`` and ``toelichting_en``: non-empty text, next to the Dutch."""
    for name in ("naam", "toelichting"):
        text = raw.get(name + ENGLISH)
        if text is None:
            continue
        floc = (*loc, name + ENGLISH)
        if not isinstance(text, str) or not text.strip():
            problems.append(Problem("bad-value", f"'{name}{ENGLISH}' is the {name} in English: "
                                    "a non-empty text", doc.source, doc.line_of(floc),
                                    format_loc(floc)))
        elif name not in raw:
            problems.append(Problem("missing-key", f"'{name}{ENGLISH}' translates '{name}'; "
                                    f"give '{name}' (in Dutch) too", doc.source,
                                    doc.line_of(floc), format_loc(floc)))
        else:
            english[(key, name)] = text.strip()


def _warn_partial_unwinding(doc: Document, raw_entities: list[tuple[Entity, dict[str, Any], Loc]],
                            facts: Mapping[EntityKey, Mapping[str, Any]]) -> None:
    """Warn where an ``ontvlechten`` option names only some of a collaboration's members."""
    def ids(value: Any) -> tuple[str, ...]:
        return tuple(str(v) for v in value) if isinstance(value, (list, tuple)) else ()
    options = [(format_loc(eloc), doc.line_of((*eloc, "optievorm")) or doc.line_of(eloc),
                facts[ent.key].get("optievorm"), ids(facts[ent.key].get("partners")))
               for ent, _raw, eloc in raw_entities if ent.type == "optie"]
    collaborations = [(ent.id, ids(facts[ent.key].get("deelnemers")))
                      for ent, _raw, _eloc in raw_entities if ent.type == "samenwerking"]
    warn_partial_unwinding(doc.source, options, collaborations)


def _entities(data: dict[str, Any], vocab: Vocabulary, doc: Document, problems: list[Problem]
              ) -> tuple[dict[str, tuple[Entity, ...]], list[tuple[Entity, dict[str, Any], Loc]]]:
    """The entities of every collection, and their raw mappings with locations."""
    entities: dict[str, tuple[Entity, ...]] = {}
    raw_entities: list[tuple[Entity, dict[str, Any], Loc]] = []
    for ent_def in vocab.entities.values():
        if ent_def.id == CASE:
            continue
        raw_list = data.get(ent_def.collection) or []
        loc: Loc = (ent_def.collection,)
        if not isinstance(raw_list, list):
            problems.append(Problem("bad-value", f"'{ent_def.collection}' is a list of "
                                    f"{ent_def.label.nl.lower()}", doc.source, doc.line_of(loc),
                                    format_loc(loc)))
            continue
        found: list[Entity] = []
        seen: set[str] = set()
        for i, raw in enumerate(raw_list):
            eloc = (*loc, i)
            if not isinstance(raw, dict):
                problems.append(Problem("bad-value", "expected a mapping with 'id' and facts",
                                        doc.source, doc.line_of(eloc), format_loc(eloc)))
                continue
            ident = raw.get("id")
            if not isinstance(ident, str | int) or isinstance(ident, bool) or str(ident) == "":
                problems.append(Problem("missing-key", "each entry needs an 'id'", doc.source,
                                        doc.line_of(eloc), format_loc((*eloc, "id"))))
                continue
            ident = str(ident)
            if ident in seen:
                problems.append(Problem("duplicate-id", f"id '{ident}' is used twice in "
                                        f"'{ent_def.collection}'", doc.source,
                                        doc.line_of((*eloc, "id")), format_loc((*eloc, "id"))))
                continue
            seen.add(ident)
            name = raw.get("naam", ident)
            notes = raw.get("toelichting")
            ent = Entity(ent_def.id, ident, str(name), len(found) + 1,
                         None if notes is None else str(notes))
            found.append(ent)
            raw_entities.append((ent, raw, eloc))
        entities[ent_def.id] = tuple(found)
    return entities, raw_entities


def _top_keys(vocab: Vocabulary) -> tuple[str, ...]:
    return ("casus", "feiten", "afloop", *sorted(e.collection for e in vocab.entities.values()
                                       if e.id != CASE))


class _FactReader:
    """Reads and normalises the facts of the case and its entities, collecting problems."""

    def __init__(self, vocab: Vocabulary, doc: Document, problems: list[Problem],
                 ids: Mapping[str, set[str]]) -> None:
        self.vocab, self.doc, self.problems, self.ids = vocab, doc, problems, ids
        self.certainty: dict[tuple[EntityKey, str], str] = {}
        self.provenance: dict[tuple[EntityKey, str], str] = {}
        self.per_partner: dict[tuple[EntityKey, str], PartnerValues] = {}
        self.english: dict[tuple[EntityKey, str], str] = {}
        self.source_ids: dict[tuple[EntityKey, str], tuple[str, ...]] = {}
        self.source_locs: dict[tuple[EntityKey, str], Loc] = {}

    def read(self, raw: Any, entity: str, loc: Loc, meta_keys: tuple[str, ...]
             ) -> dict[str, Value | tuple[Value, ...]]:
        """The normalised facts of one mapping (the case's ``feiten`` or one entity)."""
        vocab, doc, problems = self.vocab, self.doc, self.problems
        if not isinstance(raw, dict):
            problems.append(Problem("bad-value", "expected a mapping of facts", doc.source,
                                    doc.line_of(loc), format_loc(loc)))
            return {}
        key_of = CASE_KEY if entity == CASE else (entity, str(raw.get("id")))
        own = {f.id: f for f in vocab.facts_of(entity)}
        inputs = sorted(f.id for f in own.values() if f.origin == "input")
        out: dict[str, Value | tuple[Value, ...]] = {}
        for key, given in raw.items():
            if key in meta_keys:
                continue
            floc = (*loc, key)
            where = (doc.source, doc.line_of(floc), format_loc(floc))
            fact = own.get(key)
            if fact is None:
                self._unknown(str(key), entity, inputs, meta_keys, where)
                continue
            if fact.origin != "input":
                how = ("derived by the rules" if fact.origin == "derived" else
                       "computed by pvrules" + (f" from '{fact.aggregate.over}'"
                                                if fact.aggregate else ""))
                problems.append(Problem("derived-fact", f"'{key}' is {how} and cannot be "
                                        "given in a case", *where,
                                        suggestion="give the facts it is derived from instead"))
                continue
            value = self._annotated(given, key_of, str(key), floc) \
                if isinstance(given, dict) else given
            if isinstance(given, dict) and given.get("per_partner") is not None:
                self._per_partner(fact, given["per_partner"], key_of, (*floc, "per_partner"),
                                  value, raw.get("partners"))
            if value is None:
                continue
            try:
                if fact.type == "list":
                    items = value if isinstance(value, list) else [value]
                    norm = tuple(sorted({vocab.normalize(fact, v) for v in items}, key=str))
                    if fact.ref is not None:
                        self._refs(fact.ref, norm, floc)
                    out[key] = norm
                else:
                    out[key] = vocab.normalize(fact, value)
            except ValueProblem as err:
                options = [a for a in err.allowed if " " not in a]
                problems.append(Problem("bad-value", str(err), *where, allowed=err.allowed,
                                        suggestion=did_you_mean(err.wrong, options)
                                        if err.wrong and options else None))
        return out

    def _unknown(self, key: str, entity: str, inputs: list[str], meta_keys: tuple[str, ...],
                 where: tuple[str, int | None, str]) -> None:
        vocab = self.vocab
        other = vocab.facts.get(key)
        hint = did_you_mean(key, [*inputs, *meta_keys])
        if other is not None:
            here = "the case as a whole" if entity == CASE else f"a {entity}"
            there = ("the case as a whole ('feiten')" if other.entity == CASE else
                     f"each {other.entity} (under "
                     f"'{vocab.entities[other.entity].collection}')")
            msg = f"'{key}' is a fact of {there}, not of {here}"
            hint = hint or f"move it to {there}"
        else:
            msg = f"unknown fact '{key}'"
        self.problems.append(Problem("unknown-fact", msg, *where,
                                     allowed=tuple(sorted([*meta_keys, *inputs])),
                                     suggestion=hint))

    def _annotated(self, raw: dict[str, Any], key: EntityKey, fact: str, loc: Loc) -> Any:
        """The value of ``{waarde, zekerheid, bron}``; records certainty and provenance."""
        doc = self.doc
        for name in raw:
            if name not in FACT_KEYS:
                self.problems.append(Problem(
                    "unknown-key", f"unknown key '{name}' in a fact with certainty",
                    doc.source, doc.line_of((*loc, name)), format_loc((*loc, name)),
                    allowed=FACT_KEYS, suggestion=did_you_mean(str(name), FACT_KEYS)))
        if "waarde" not in raw:
            self.problems.append(Problem(
                "missing-key", "a fact given as a mapping needs 'waarde' (null: unknown)",
                doc.source, doc.line_of(loc), format_loc((*loc, "waarde")),
                allowed=FACT_KEYS))
        certainty = raw.get("zekerheid")
        if certainty is not None:
            if certainty not in CERTAINTIES:
                cloc = (*loc, "zekerheid")
                self.problems.append(Problem(
                    "bad-value", f"'{certainty}' is not a certainty", doc.source,
                    doc.line_of(cloc), format_loc(cloc), allowed=CERTAINTIES,
                    suggestion=did_you_mean(str(certainty), CERTAINTIES)))
            else:
                self.certainty[(key, fact)] = str(certainty)
        source = raw.get("bron")
        if source is not None:
            self.provenance[(key, fact)] = str(source)
        named = read_bron_ids(raw, loc, doc, self.problems)
        if named:
            self.source_ids[(key, fact)], self.source_locs[(key, fact)] = named, loc
        self._bron_en(raw, key, fact, loc)
        return raw.get("waarde")

    def _bron_en(self, raw: dict[str, Any], key: EntityKey, fact: str, loc: Loc) -> None:
        """Keep ``bron_en``, the English version of ``bron`` (non-empty, next to a ``bron``)."""
        text = raw.get("bron" + ENGLISH)
        if text is None:
            return
        floc = (*loc, "bron" + ENGLISH)
        where = (self.doc.source, self.doc.line_of(floc), format_loc(floc))
        if not isinstance(text, str) or not text.strip():
            self.problems.append(Problem("bad-value", "'bron_en' is the bron in English: a "
                                        "non-empty text", *where))
        elif raw.get("bron") is None:
            self.problems.append(Problem("missing-key", "'bron_en' translates 'bron'; give "
                                        "'bron' (in Dutch) too", *where))
        else:
            self.english[(key, f"bron:{fact}")] = text.strip()

    def _per_partner(self, fact: Any, raw: Any, key: EntityKey, loc: Loc, stated: Any,
                     among: Any = None) -> None:
        """Check and keep ``per_partner: {partner_id: value}`` of one fact.

        ``among`` is the entity's own ``partners`` list, if it has one: a fact given for only
        some of them is rightly unknown as a whole (one partner not yet sounded out), so only
        a fact given for all of them without a ``waarde`` is warned about.
        """
        doc, known = self.doc, sorted(self.ids.get("partner", set()))
        if fact.type == "list" or not isinstance(raw, dict) or not raw:
            self.problems.append(Problem(
                "bad-value", "'per_partner' maps partner ids to a value of this fact"
                + (" (not for a list fact)" if fact.type == "list" else ""),
                doc.source, doc.line_of(loc), format_loc(loc), allowed=tuple(known)))
            return
        out: list[tuple[str, Value]] = []
        for ident, given in raw.items():
            vloc = (*loc, ident)
            where = (doc.source, doc.line_of(vloc) or doc.line_of(loc), format_loc(vloc))
            if str(ident) not in known:
                self.problems.append(Problem(
                    "unknown-entity", f"'{ident}' is not the id of one of the case's partners",
                    *where, allowed=tuple(known), suggestion=did_you_mean(str(ident), known)))
                continue
            try:
                out.append((str(ident), self.vocab.normalize(fact, given)))
            except ValueProblem as err:
                self.problems.append(Problem("bad-value", str(err), *where,
                                             allowed=err.allowed))
        try:
            norm = None if stated is None else self.vocab.normalize(fact, stated)
        except ValueProblem:
            norm = None  # reported where the value itself is read
        partial = isinstance(among, list) and not {str(p) for p in among} <= {i for i, _ in out}
        if stated is None and out and not partial:  # rules never read per_partner
            warn_per_partner_only(doc.source, doc.line_of(loc), format_loc(loc[:-1]), fact.id,
                                  [(str(i), g) for i, g in raw.items()])
        self.per_partner[(key, fact.id)] = PartnerValues(norm, tuple(out))

    def _refs(self, entity: str, values: tuple[Value, ...], loc: Loc) -> None:
        """Every value of a ``ref`` list fact is the id of such an entity in this case."""
        known = sorted(self.ids.get(entity, set()))
        collection = self.vocab.entities[entity].collection if entity in self.vocab.entities \
            else entity
        for value in values:
            if str(value) not in known:
                self.problems.append(Problem(
                    "unknown-entity", f"'{value}' is not the id of one of the case's "
                    f"{collection}", self.doc.source, self.doc.line_of(loc), format_loc(loc),
                    allowed=tuple(known), suggestion=did_you_mean(str(value), known)
                    or f"add it under '{collection}:' first"))


def apply_overrides(data: dict[str, Any], overrides: Sequence[str],
                    vocab: Vocabulary) -> dict[str, Any]:
    """Return a copy of raw case data with ``fact=value`` changes applied.

    ``fact=value`` sets a case fact; ``opgaven[0].schaal=regionaal`` (0-based, as in
    error messages) or
    ``opgave:<id>.schaal=...`` sets an entity's fact; ``value`` is read as YAML
    (``null`` makes the fact unknown).
    """
    import copy

    result = copy.deepcopy(data)
    for text in overrides:
        target, sep, raw_value = text.partition("=")
        if not sep or not target.strip():
            raise InputError(f"cannot read --set '{text}'", [Problem(
                "bad-option", "expected FACT=VALUE, e.g. draagvlak_raad=hoog or "
                "opgave:ID.schaal=regionaal", "--set")])
        value = parse_yaml(raw_value, "--set").data if raw_value.strip() else None
        container, fact = _locate(result, target.strip(), vocab)
        container[fact] = value
    return result


def _locate(data: dict[str, Any], target: str, vocab: Vocabulary) -> tuple[dict[str, Any], str]:
    head, dot, fact = target.rpartition(".")
    if not dot:
        if not isinstance(data.get("feiten"), dict):
            data["feiten"] = {}
        return data["feiten"], target
    if ":" in head and "[" not in head:
        typ, _, ident = head.partition(":")
        ent = vocab.entities.get(typ)
        if ent is not None:
            for item in data.get(ent.collection) or []:
                if isinstance(item, dict) and str(item.get("id")) == ident:
                    return item, fact
        raise InputError(f"--set: no {typ} with id '{ident}' in the case",
                         [Problem("bad-option", f"cannot find '{head}'", "--set")])
    name, _, index = head.partition("[")
    try:
        pos = int(index.rstrip("]"))
        items = data.get(name) or []
        if pos < 0:
            raise IndexError(pos)
        item = items[pos]
    except (ValueError, IndexError, TypeError) as err:
        raise InputError(f"--set: cannot find '{head}' in the case", [Problem(
            "bad-option", "use collection[N] with N counting from 0 as in error messages, "
            "e.g. opgaven[0].schaal, or opgave:ID.schaal",
            "--set")]) from err
    return item, fact


def _written_source_ids(meta_raw: object) -> tuple[str, ...]:
    """The ids ``casus.bronnen`` writes, valid or not.

    A source whose definition has a problem is reported once, at the source; a fact citing it
    by ``bron_id`` is not also "not a source of this case".
    """
    entries = meta_raw.get("bronnen") if isinstance(meta_raw, dict) else None
    if not isinstance(entries, list):
        return ()
    return tuple(str(e["id"]) for e in entries if isinstance(e, dict) and isinstance(
        e.get("id"), str)) + tuple(e for e in entries if isinstance(e, str))

