"""Kleene semantics of aggregates: unknown stays unknown unless the known values decide."""

from __future__ import annotations

import pytest

from pvrules.validate.aggregate import aggregate
from pvrules.validate.vocab import build_vocabulary
from pvrules.validate.vocabulary import FactDef, ScaleDef

SCALE = ScaleDef.model_validate({"id": "s", "values": [
    {"id": v, "nl": v, "en": v} for v in ("laag", "gemiddeld", "hoog")]})
TEXT = {"label": {"nl": "x", "en": "x"}, "description": {"nl": "x", "en": "x"}}
LEVEL = FactDef.model_validate({"id": "lv", "type": "level", "scale": "s", **TEXT})
NUMBER = FactDef.model_validate({"id": "nr", "type": "number", "min": 0, "max": 10, **TEXT})
OPEN = FactDef.model_validate({"id": "op", "type": "number", **TEXT})
FLAG = FactDef.model_validate({"id": "fl", "type": "bool", **TEXT})
ENUM = FactDef.model_validate({"id": "en", "type": "enum", "values": [
    {"id": "a", "nl": "a", "en": "a"}, {"id": "b", "nl": "b", "en": "b"},
    {"id": "other", "nl": "andere", "en": "other", "catch_all": True}], **TEXT})
VOCAB = build_vocabulary([], [SCALE], [LEVEL, NUMBER, OPEN, FLAG, ENUM])
U = None

CASES = [
    # fn, fact, values, expected
    ("differs", ENUM, ["a", "b"], True),
    ("differs", ENUM, ["a", U, "b"], True),       # two known values differ
    ("differs", ENUM, ["a", "a"], False),
    ("differs", ENUM, ["a", U], U),               # could still differ
    ("differs", ENUM, [], False),
    ("differs", ENUM, ["other", "other"], U),     # two 'andere regio' may be different ones
    ("differs", ENUM, ["a", "other"], True),      # a listed region is not 'another region'
    ("differs", ENUM, ["other"], False),          # one member: nothing to differ from
    ("differs", ENUM, ["a", "a", "other"], True),
    ("min", LEVEL, [2, 1], 1),
    ("min", LEVEL, [2, U], U),                    # the unknown one may be lower
    ("min", LEVEL, [0, U], 0),                    # already the lowest on the scale
    ("max", LEVEL, [2, U], 2),                    # already the highest
    ("max", LEVEL, [1, U], U),
    ("min", NUMBER, [0, U], 0),                   # the declared minimum decides
    ("min", OPEN, [0, U], U),                     # no declared minimum: unknown
    ("max", NUMBER, [10, U, 3], 10),
    ("min", LEVEL, [], U),
    ("all", FLAG, [True, True], True),
    ("all", FLAG, [True, U], U),
    ("all", FLAG, [False, U], False),
    ("all", FLAG, [], True),
    ("any", FLAG, [False, U], U),
    ("any", FLAG, [True, U], True),
    ("any", FLAG, [False, False], False),
    ("count", FLAG, [True, False, True], 2),
    ("count", FLAG, [True, U], U),
]


@pytest.mark.parametrize(("fn", "fact", "values", "expected"), CASES)
def test_kleene(fn: str, fact: FactDef, values: list[object], expected: object) -> None:
    got = aggregate(fn, values, VOCAB, fact)  # type: ignore[arg-type]
    assert got == expected and type(got) is type(expected)
