"""JSON Schemas for case, rule and knowledge files, so editors can check and complete them.

The schemas come from the pydantic models. Without a vocabulary they are
*generic* (committed as ``pvrules/schema/*.schema.json``); with one, the
allowed values are filled in: per fact of a case its enum of values or its
number range, and in rules the fact names of conditions, the derived facts,
catalogue items, entities and sources.
"""

from __future__ import annotations

import json
from typing import Any

from pvrules.compile.conditions import _OPS_BY_TYPE
from pvrules.compile.ir import CASE
from pvrules.validate.case import CERTAINTIES, ENTITY_META, CaseMeta
from pvrules.validate.catalogue import CatalogueFile, SourcesFile
from pvrules.validate.knowledge import Knowledge
from pvrules.validate.rulemodel import RuleFile
from pvrules.validate.vocab import Vocabulary
from pvrules.validate.vocabulary import FactDef, VocabularyFile

KINDS = ("case", "rules", "knowledge")
DRAFT = "https://json-schema.org/draft/2020-12/schema"
_QUALIFIED = r"^[A-Za-z_][A-Za-z0-9_]*\.[a-z][a-z0-9_]*$"
_SCALAR: dict[str, Any] = {"type": ["string", "number", "integer", "boolean"]}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/$defs/{name}"}


def value_schema(vocab: Vocabulary, fact: FactDef) -> dict[str, Any]:
    """The schema of one value of ``fact``."""
    out: dict[str, Any]
    if fact.ref is not None:
        out = {"type": "string", "description": f"the id of one of the case's {fact.ref}"}
    elif fact.type in ("level", "enum", "list"):
        out = {"enum": [v.id for v in vocab.value_defs(fact)]}
    elif fact.type == "bool":
        out = {"type": "boolean"}
    elif fact.type == "number":
        out = {"type": "integer" if fact.integer else "number"}
        if fact.min is not None:
            out["minimum"] = fact.min
        if fact.max is not None:
            out["maximum"] = fact.max
    else:
        out = {"type": "string"}
    return out


def _described(fact: FactDef, schema: dict[str, Any]) -> dict[str, Any]:
    return {"title": fact.label.nl, "description": fact.description.nl, **schema}


def _test_schema(value: dict[str, Any], ops: tuple[str, ...]) -> dict[str, Any]:
    """A condition on one fact: a value, a list of values, or operators."""
    props: dict[str, Any] = {}
    for op in ops:
        if op == "known":
            props[op] = {"type": "boolean"}
        elif op in ("in", "not_in"):
            props[op] = {"type": "array", "items": value, "minItems": 1}
        else:
            props[op] = value
    return {"anyOf": [value, {"type": "array", "items": value, "minItems": 1},
                      {"type": "object", "properties": props, "additionalProperties": False,
                       "minProperties": 1}]}


def condition_defs(vocab: Vocabulary | None) -> dict[str, Any]:
    """``$defs`` for conditions (``Condition``, ``FactTests``, ``FactTest``)."""
    from pvrules.compile.conditions import OPERATORS

    generic = _test_schema(_SCALAR, OPERATORS)
    entities: dict[str, Any] = {"type": "string"}
    tests: dict[str, Any] = {"type": "object", "minProperties": 1,
                             "additionalProperties": _ref("FactTest")}
    if vocab is not None:
        entities = {"enum": sorted(e for e in vocab.entities if e != CASE)}
        props = {}
        for fact in sorted(vocab.facts.values(), key=lambda f: f.id):
            value = value_schema(vocab, fact)
            props[fact.id] = _described(fact, _test_schema(value, _OPS_BY_TYPE[fact.type]))
        tests = {"type": "object", "minProperties": 1, "properties": props,
                 "patternProperties": {_QUALIFIED: _ref("FactTest")},
                 "additionalProperties": False}
    cond = _ref("Condition")
    return {
        "Condition": {"description": "fact tests, all/any/not, or a quantifier", "anyOf": [
            {"type": "array", "items": cond},
            {"type": "object", "properties": {"all": {"type": "array", "items": cond}},
             "required": ["all"], "additionalProperties": False},
            {"type": "object", "properties": {"any": {"type": "array", "items": cond}},
             "required": ["any"], "additionalProperties": False},
            {"type": "object", "properties": {"not": cond}, "required": ["not"],
             "additionalProperties": False},
            {"type": "object", "properties": {"some": entities, "no": entities,
                                              "every": entities, "where": cond,
                                              "as": {"type": "string"}},
             "anyOf": [{"required": ["some"]}, {"required": ["no"]}, {"required": ["every"]}],
             "additionalProperties": False},
            _ref("FactTests"),
        ]},
        "FactTests": tests,
        "FactTest": generic,
    }


def rules_schema(knowledge: Knowledge | None = None) -> dict[str, Any]:
    """The schema of a rule file (generic, or with the names of ``knowledge``)."""
    schema = RuleFile.model_json_schema()
    defs = schema["$defs"]
    vocab = knowledge.vocab if knowledge is not None else None
    defs.update(condition_defs(vocab))
    defs["RuleSpec"]["properties"]["when"] = {**_ref("Condition"), "title": "When"}
    if knowledge is not None and vocab is not None:
        concl = defs["Conclusion"]["properties"]
        derived = sorted(f.id for f in vocab.facts.values() if f.origin == "derived")
        cats = knowledge.catalogues
        items = sorted(cats.items_of("item"))
        concl["derive"] = {"enum": derived}
        concl["recommend"] = {"enum": items}
        concl["advise_against"] = {"enum": items}
        for key, role in (("criterion", "criterion"), ("risk", "risk"), ("route", "route")):
            concl[key] = {"enum": sorted(cats.items_of(role))}
        concl["effect"] = {"enum": list(vocab.corner_ids)}
        concl["strength"] = {"enum": list(vocab.strengths)}
        spec = defs["RuleSpec"]["properties"]
        spec["frameworks"] = {"type": "array",
                              "items": {"enum": sorted(cats.items_of("framework"))}}
        spec["for_each"] = {"enum": sorted(e for e in vocab.entities if e != CASE)}
        spec["sources"] = {"type": "array",
                           "items": {"enum": sorted(knowledge.catalogues.sources)}}
    return {**schema, "$schema": DRAFT, "title": "pvrules rule file"}


def knowledge_schema() -> dict[str, Any]:
    """The schema of a knowledge file: vocabulary, catalogue or sources."""
    defs: dict[str, Any] = {}
    choices = []
    for model in (VocabularyFile, CatalogueFile, SourcesFile):
        sub = model.model_json_schema()
        defs.update(sub.pop("$defs", {}))
        defs[model.__name__] = sub
        choices.append(_ref(model.__name__))
    return {"$schema": DRAFT, "title": "pvrules knowledge file", "anyOf": choices,
            "$defs": dict(sorted(defs.items()))}


def case_schema(vocab: Vocabulary | None = None) -> dict[str, Any]:
    """The schema of a case file (generic, or with every fact's allowed values)."""
    meta = CaseMeta.model_json_schema()
    defs = meta.pop("$defs", {})
    client = meta["properties"]["opdrachtgever"]
    client["anyOf"] = [{"type": "string", "description": "the client's name"}, *client["anyOf"]]
    entity = defs["Client"]["properties"]["entiteit"]
    defs["Client"]["properties"]["entiteit"] = {
        "anyOf": [{"type": "string"}, {k: v for k, v in entity.items() if k != "default"}],
        "description": entity.get("description", "")}
    top: dict[str, Any] = {"casus": meta, "afloop": {
        "type": "string", "description": "what happened after casus.datum; no rule reads it"}}
    if vocab is None:
        top["feiten"] = {"type": "object", "additionalProperties": {**_SCALAR_OR_LIST}}
        entity_list: dict[str, Any] = {"type": "array", "items": {
            "type": "object", "required": ["id"],
            "properties": _entity_meta(),
            "additionalProperties": _SCALAR_OR_LIST}}
        return {"$schema": DRAFT, "title": "pvrules case file", "type": "object",
                "properties": top, "required": ["casus"],
                "additionalProperties": entity_list, "$defs": defs}
    top["feiten"] = {"type": "object", "properties": _fact_props(vocab, CASE),
                     "additionalProperties": False}
    for ent in sorted(vocab.entities.values(), key=lambda e: e.id):
        if ent.id == CASE:
            continue
        props = _entity_meta()
        assert set(props) == set(ENTITY_META)
        props.update(_fact_props(vocab, ent.id))
        top[ent.collection] = {"title": ent.label.nl, "type": "array", "items": {
            "type": "object", "required": ["id"], "properties": props,
            "additionalProperties": False}}
    return {"$schema": DRAFT, "title": "pvrules case file", "type": "object",
            "properties": top, "required": ["casus"], "additionalProperties": False,
            "$defs": defs}


def _entity_meta() -> dict[str, Any]:
    """The keys of an entity that are not facts: id, name and note (Dutch, and English)."""
    english = "in English, for an English advice"
    return {"id": {"type": ["string", "integer"]}, "naam": {"type": "string"},
            "toelichting": {"type": "string"},
            "naam_en": {"type": "string", "minLength": 1, "description": f"the name {english}"},
            "toelichting_en": {"type": "string", "minLength": 1,
                               "description": f"the note {english}"}}


_SCALAR_OR_LIST: dict[str, Any] = {"type": ["string", "number", "integer", "boolean", "array",
                                            "null"]}


def _fact_props(vocab: Vocabulary, entity: str) -> dict[str, Any]:
    props = {}
    for fact in sorted(vocab.facts_of(entity), key=lambda f: f.id):
        if fact.origin != "input":
            continue
        value = value_schema(vocab, fact)
        if fact.type == "list":
            value = {"anyOf": [value, {"type": "array", "items": value}]}
        plain = {"anyOf": [value, {"type": "null"}]}
        annotated = {"type": "object", "required": ["waarde"], "additionalProperties": False,
                     "properties": {"waarde": plain, "zekerheid": {"enum": list(CERTAINTIES)},
                                    "bron": {"type": "string"},
                                    "bron_en": {"type": "string", "minLength": 1,
                                                "description": "the bron in English"},
                                    "bron_id": {"anyOf": [{"type": "string"}, {
                                        "type": "array", "items": {"type": "string"}}],
                                        "description": "the id(s) in casus.bronnen the fact "
                                                       "rests on"},
                                    "per_partner": {"type": "object",
                                                    "additionalProperties": plain}}}
        props[fact.id] = _described(fact, {"anyOf": [*plain["anyOf"], annotated]})
    return props


def schema_for(kind: str, knowledge: Knowledge | None = None) -> dict[str, Any]:
    """The schema of ``kind`` (``case``, ``rules`` or ``knowledge``)."""
    if kind == "case":
        return case_schema(knowledge.vocab if knowledge is not None else None)
    if kind == "rules":
        return rules_schema(knowledge)
    return knowledge_schema()


def dumps(schema: dict[str, Any]) -> str:
    """Stable JSON text of a schema."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
