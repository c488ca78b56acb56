"""What pvrules sends to durable_rules is JSON its C parser accepts."""

from __future__ import annotations

import json

import pytest

from pvrules.infer.durable_plan import dumps, dumps_facts, format_float


@pytest.mark.parametrize(("value", "text"), [(1e-05, "1.0e-05"), (1e16, "1.0e+16"),
                                             (1.5e-07, "1.5e-07"), (0.1, "0.1"), (2.0, "2.0")])
def test_floats_always_have_a_mantissa_dot(value: float, text: str) -> None:
    assert format_float(value) == text
    assert dumps({"v": [value]}) == f'{{"v":[{text}]}}'
    assert dumps_facts([{"v": value}]) == f'[{{"v":{text}}}]'


def test_nan_and_infinity_are_refused() -> None:
    for bad in (float("nan"), float("inf")):
        with pytest.raises(ValueError, match="NaN or infinity"):
            dumps([bad])


def test_both_serialisers_agree_with_json() -> None:
    facts = [{"k": "a", "n": "é\"\\", "v": True, "e": "opgave:1", "b": 0},
             {"k": "c", "n": "x", "v": -3}, {"k": "c", "n": "y", "v": 2.5}]
    assert json.loads(dumps_facts(facts)) == facts
    assert json.loads(dumps(facts)) == facts
