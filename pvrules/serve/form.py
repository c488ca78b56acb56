"""The case form, generated from the vocabulary.

Facts are grouped by entity (the case as a whole, then each partner, opgave,
collaboration...) and within an entity by corner of the triangle. Every field
carries its nl/en label, its help text, the allowed values, and the path
(``loc``) the CLI's messages use (``feiten.draagvlak_raad``,
``opgaven[0].schaal``), so a message lands next to its field.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pvrules.compile.ir import CASE
from pvrules.explain.texts import fill_organs
from pvrules.load.yamlio import format_loc
from pvrules.validate.vocab import Vocabulary
from pvrules.validate.vocabulary import FactDef

FROM_CASUS = frozenset({"peildatum", "opdrachtgever_soort"})
"""contract §1: case facts filled from ``casus:`` (datum, opdrachtgever.soort), not asked."""
OTHER = "overig"
META_FIELDS = ("id", "titel", "vraag", "opdrachtgever", "datum")
UNKNOWN = {"nl": "onbekend", "en": "unknown"}
ANY_ORGANS = {
    "nl": {"raad": "de raad of Provinciale Staten", "college": "het college of Gedeputeerde Staten",
           "overheid": "de gemeente of provincie"},
    "en": {"raad": "the council or Provincial Council",
           "college": "the executive or Provincial Executive",
           "overheid": "the municipality or province"}}
"""The client's organs in a question on the form, where the client may not be known yet."""


@dataclass(frozen=True)
class Field:
    """One input on the form."""

    path: tuple[str | int, ...]
    fact: str
    label: str
    help: str
    question: str
    widget: str
    """``select`` (level, enum, bool), ``number``, ``checks`` (list) or ``text``."""
    options: tuple[tuple[str, str], ...]
    value: Any
    wrapped: bool
    """The value in the file is a mapping ``{waarde: ..., zekerheid: ...}`` (case v2)."""
    minimum: float | None = None
    maximum: float | None = None
    step: str = "any"
    certainty: str | None = None
    """Case v2: how certain the value is (``zekerheid``), when the file says."""
    provenance: str | None = None
    """Case v2: where the value comes from (``bron``), when the file says."""

    @property
    def loc(self) -> str:
        """The path as the CLI's messages print it."""
        return format_loc(self.path)

    @property
    def invalid_value(self) -> bool:
        """The file holds a value that is not among the options (shown, and flagged)."""
        if self.widget != "select" or self.value is None:
            return False
        return _text(self.value) not in {o for o, _ in self.options}


@dataclass(frozen=True)
class Group:
    """The facts of one corner (or the other facts) for one entity."""

    id: str
    label: str
    fields: tuple[Field, ...]


@dataclass(frozen=True)
class EntityForm:
    """One entity on the form: the case as a whole, or a partner, opgave..."""

    type: str
    collection: str
    index: int
    id: str
    name: str
    groups: tuple[Group, ...]
    label: str = ""


@dataclass(frozen=True)
class CaseForm:
    """The whole form."""

    meta: dict[str, Any]
    case: EntityForm
    collections: tuple[tuple[str, str, str, tuple[EntityForm, ...]], ...]
    """(entity type, collection, plural label, entities)."""
    templates: dict[str, EntityForm] = field(default_factory=dict)
    """An empty entity of each type, for "add"."""


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def corner_label(vocab: Vocabulary, corner: str, lang: str) -> str:
    """The label of a corner (from the derived fact of that name), or "Overige feiten"."""
    if corner == OTHER:
        return "Overige feiten" if lang == "nl" else "Other facts"
    found = vocab.corners.get(corner)
    if found is not None:
        return str(found.label.get(lang))
    fact = vocab.facts.get(corner)
    return fact.label.get(lang) if fact is not None else corner


Refs = Mapping[str, tuple[tuple[str, str], ...]]
"""Entity type → (id, name) of the case's entities of that type (for ``ref`` facts)."""


def make_field(vocab: Vocabulary, fact: FactDef, path: tuple[str | int, ...], raw: Any,
               lang: str, refs: Refs | None = None) -> Field:
    """The input for ``fact`` at ``path`` with its current raw value.

    A fact with ``ref: partner`` (a list of partner ids of this case) offers the
    case's partners; ids in the file that are not (yet) partners are offered too.
    """
    wrapped = isinstance(raw, Mapping) and "waarde" in raw
    value = raw.get("waarde") if isinstance(raw, Mapping) and wrapped else raw
    options: tuple[tuple[str, str], ...] = ()
    widget = "text"
    lo = hi = None
    step = "any"
    ref = getattr(fact, "ref", None)
    if ref:
        known = tuple((refs or {}).get(ref, ()))
        given = value if isinstance(value, list) else ([value] if value else [])
        options = known + tuple((str(v), str(v)) for v in given
                                if str(v) not in {k for k, _ in known})
        widget = "checks" if fact.type == "list" else "select"
    elif fact.type in ("level", "enum", "list"):
        options = tuple((v.id, v.label(lang)) for v in vocab.value_defs(fact))
        widget = "checks" if fact.type == "list" else "select"
    elif fact.type == "bool":
        options = (("true", "ja" if lang == "nl" else "yes"),
                   ("false", "nee" if lang == "nl" else "no"))
        widget = "select"
    elif fact.type == "number":
        widget, lo, hi = "number", fact.min, fact.max
        step = "1" if fact.integer else "any"
    meta = raw if isinstance(raw, Mapping) and wrapped else {}
    return Field(path, fact.id, fact.label.get(lang), fact.description.get(lang),
                 fill_organs(fact.question.get(lang), ANY_ORGANS.get(lang, ANY_ORGANS["en"]))
                 if fact.question else "", widget, options, value,
                 wrapped, lo, hi, step,
                 _text(meta.get("zekerheid")) or None, _text(meta.get("bron")) or None)


def _groups(vocab: Vocabulary, entity: str, base: tuple[str | int, ...],
            raw: Mapping[str, Any], lang: str, refs: Refs | None = None) -> tuple[Group, ...]:
    facts = [f for f in vocab.facts_of(entity) if f.origin == "input"
             and not (entity == CASE and f.id in FROM_CASUS)]
    groups = []
    for corner in (*vocab.corner_ids, OTHER):
        mine = [f for f in facts if (f.corner or OTHER) == corner]
        if mine:
            groups.append(Group(corner, corner_label(vocab, corner, lang), tuple(
                make_field(vocab, f, (*base, f.id), raw.get(f.id), lang, refs) for f in mine)))
    return tuple(groups)


def entity_form(vocab: Vocabulary, entity: str, index: int, raw: Mapping[str, Any],
                lang: str, refs: Refs | None = None) -> EntityForm:
    """The form of one entity of type ``entity`` at position ``index`` of its list."""
    ent = vocab.entities[entity]
    path: tuple[str | int, ...] = (ent.collection, index)
    return EntityForm(entity, ent.collection, index, _text(raw.get("id")),
                      _text(raw.get("naam")), _groups(vocab, entity, path, raw, lang, refs),
                      ent.label.get(lang))


def _refs(vocab: Vocabulary, data: Mapping[str, Any]) -> dict[str, tuple[tuple[str, str], ...]]:
    out = {}
    for ent in vocab.entities.values():
        items = data.get(ent.collection)
        out[ent.id] = tuple((str(i["id"]), _text(i.get("naam")) or str(i["id"]))
                            for i in (items if isinstance(items, list) else [])
                            if isinstance(i, Mapping) and i.get("id") is not None)
    return out


def case_form(vocab: Vocabulary, data: Mapping[str, Any] | None, lang: str = "nl") -> CaseForm:
    """The form for a case (its raw data as read from the file; ``None`` for a new case)."""
    data = data if isinstance(data, Mapping) else {}
    casus = data.get("casus") if isinstance(data.get("casus"), Mapping) else {}
    assert isinstance(casus, Mapping)
    meta = {k: casus.get(k) for k in META_FIELDS}
    feiten = data.get("feiten") if isinstance(data.get("feiten"), Mapping) else {}
    assert isinstance(feiten, Mapping)
    case = EntityForm(CASE, "feiten", 0, "", "", _groups(vocab, CASE, ("feiten",), feiten, lang),
                      "Casus" if lang == "nl" else "Case")
    refs = _refs(vocab, data)
    collections = []
    templates = {}
    for ent in vocab.entities.values():
        if ent.id == CASE:
            continue
        raw_list = data.get(ent.collection)
        items = raw_list if isinstance(raw_list, list) else []
        forms = tuple(entity_form(vocab, ent.id, i, item if isinstance(item, Mapping) else {},
                                  lang, refs) for i, item in enumerate(items))
        plural = (ent.plural or ent.label).get(lang)
        collections.append((ent.id, ent.collection, plural, forms))
        templates[ent.id] = entity_form(vocab, ent.id, 0, {}, lang, refs)
    return CaseForm(meta, case, tuple(collections), templates)
