"""Case files: read, check against the vocabulary, and normalise.

A case file holds ``casus`` (who, what question), ``feiten`` (facts of the case
as a whole) and one list per entity (``partners``, ``opgaven``...; the names
come from the vocabulary). Each entity has an ``id``, optionally a ``naam``
and ``toelichting``, and its facts. A fact left out, or given as ``null``, is
unknown; unknown is not false.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import Field, ValidationError

from pvrules.errors import CaseError, InputError, Problem, problems_error
from pvrules.load.yamlio import Document, Loc, format_loc, parse_yaml, read_document
from pvrules.suggest import did_you_mean
from pvrules.validate.base import Closed
from pvrules.validate.problems import pydantic_problems
from pvrules.validate.vocab import ValueProblem, Vocabulary
from pvrules.values import CASE, Value

ENTITY_META = ("id", "naam", "toelichting")


class CaseMeta(Closed):
    """What the case is about (``casus:`` in the file)."""

    id: str = Field(min_length=1, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")
    titel: str = Field(min_length=1)
    vraag: str | None = None
    opdrachtgever: str | None = None
    datum: str | None = None
    toelichting: str | None = None
    taal: str | None = None


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


@dataclass(frozen=True)
class Case:
    """A validated case: metadata, entities and normalised input facts."""

    meta: CaseMeta
    entities: Mapping[str, tuple[Entity, ...]]
    facts: Mapping[EntityKey, Mapping[str, Value | tuple[Value, ...]]]
    source: str = "<case>"

    def entity(self, key: EntityKey) -> Entity | None:
        """The entity with ``key`` (``None`` for the case itself)."""
        for ent in self.entities.get(key[0], ()):
            if ent.id == key[1]:
                return ent
        return None

    def all_entities(self) -> list[Entity]:
        """Every entity, in type then file order."""
        return [e for typ in sorted(self.entities) for e in self.entities[typ]]


def load_case_file(path: str, vocab: Vocabulary, overrides: Sequence[str] = ()) -> Case:
    """Read, check and normalise a case file (YAML or JSON)."""
    doc = read_document(path)
    return case_from_document(doc, vocab, overrides)


def load_case_text(text: str, source: str, vocab: Vocabulary,
                   overrides: Sequence[str] = ()) -> Case:
    """Check and normalise a case given as YAML text."""
    return case_from_document(parse_yaml(text, source), vocab, overrides)


def case_from_document(doc: Document, vocab: Vocabulary, overrides: Sequence[str] = ()) -> Case:
    """Check a parsed case document; raise one :class:`CaseError` with every problem."""
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
    if meta_raw is None:
        problems.append(Problem("missing-key", "'casus' is required (at least id and titel)",
                                doc.source, 1, "casus"))
    else:
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
    facts: dict[EntityKey, dict[str, Value | tuple[Value, ...]]] = {}
    facts[CASE_KEY] = _facts(data.get("feiten") or {}, CASE, ("feiten",), vocab, doc, problems,
                             meta_keys=())
    entities: dict[str, tuple[Entity, ...]] = {}
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
            facts[ent.key] = _facts(raw, ent_def.id, eloc, vocab, doc, problems, ENTITY_META)
        entities[ent_def.id] = tuple(found)
    if problems or meta is None:
        raise problems_error(CaseError, "the case file has problems", problems)
    return Case(meta, entities, facts, doc.source)


def _top_keys(vocab: Vocabulary) -> tuple[str, ...]:
    return ("casus", "feiten", *sorted(e.collection for e in vocab.entities.values()
                                       if e.id != CASE))


def _facts(raw: Any, entity: str, loc: Loc, vocab: Vocabulary, doc: Document,
           problems: list[Problem], meta_keys: tuple[str, ...]
           ) -> dict[str, Value | tuple[Value, ...]]:
    if not isinstance(raw, dict):
        problems.append(Problem("bad-value", "expected a mapping of facts", doc.source,
                                doc.line_of(loc), format_loc(loc)))
        return {}
    own = {f.id: f for f in vocab.facts_of(entity)}
    inputs = sorted(f.id for f in own.values() if f.origin == "input")
    out: dict[str, Value | tuple[Value, ...]] = {}
    for key, value in raw.items():
        if key in meta_keys:
            continue
        floc = (*loc, key)
        where = (doc.source, doc.line_of(floc), format_loc(floc))
        fact = own.get(key)
        if fact is None:
            other = vocab.facts.get(key)
            hint = did_you_mean(str(key), [*inputs, *meta_keys])
            if other is not None:
                here = "the case as a whole" if entity == CASE else f"a {entity}"
                there = ("the case as a whole ('feiten')" if other.entity == CASE else
                         f"each {other.entity} (under "
                         f"'{vocab.entities[other.entity].collection}')")
                msg = f"'{key}' is a fact of {there}, not of {here}"
                hint = hint or f"move it to {there}"
            else:
                msg = f"unknown fact '{key}'"
            problems.append(Problem("unknown-fact", msg, *where,
                                    allowed=tuple(sorted([*meta_keys, *inputs])),
                                    suggestion=hint))
            continue
        if fact.origin == "derived":
            problems.append(Problem("derived-fact", f"'{key}' is derived by the rules and "
                                    "cannot be given in a case", *where,
                                    suggestion="give the facts it is derived from instead"))
            continue
        if value is None:
            continue
        try:
            if fact.type == "list":
                items = value if isinstance(value, list) else [value]
                norm = tuple(sorted({vocab.normalize(fact, v) for v in items}, key=str))
                out[key] = norm
            else:
                out[key] = vocab.normalize(fact, value)
        except ValueProblem as err:
            options = [a for a in err.allowed if " " not in a]
            problems.append(Problem("bad-value", str(err), *where, allowed=err.allowed,
                                    suggestion=did_you_mean(err.wrong, options)
                                    if err.wrong and options else None))
    return out


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
