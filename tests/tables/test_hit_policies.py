"""Hit policies, defaults and evaluation errors, on small YAML tables."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from pvrules.dmn import evaluate_model
from pvrules.dmn.evaluate import DecisionResult
from pvrules.errors import TableError
from pvrules.tables import Aggregation, HitPolicy, parse_hit_policy
from pvrules.tables.load import load_tables
from pvrules.tables.yaml_table import parse_yaml_tables

DATA = Path(__file__).parent / "data"
D = Decimal

SCORES = """
table:
  name: T
  hit_policy: {policy}
  inputs: [n]
  outputs:
    - name: out
      values: [c, b, a]
  rows:
    - ["> 1", a]
    - ["> 2", b]
    - ["> 3", c]
    - ["> 4", b]
"""

NUMBERS = """
table:
  name: T
  hit_policy: {policy}
  inputs: [n]
  outputs: [out]
  rows:
    - ["> 1", 10]
    - ["> 2", 5]
    - ["> 3", 20]
    - ["> 4", 5]
"""


def run(source: str, policy: str, **inputs: object) -> DecisionResult:
    model = parse_yaml_tables(source.format(policy=policy), "t.yaml", "t")
    return evaluate_model(model, inputs)["T"]


def test_first_and_rule_order() -> None:
    first = run(SCORES, "F", n=4)
    assert first.value == "a"
    assert [h.index for h in first.matched] == [1, 2, 3]
    assert [h.index for h in first.selected] == [1]
    assert run(SCORES, "R", n=5).value == ["a", "b", "c", "b"]


def test_priority_and_output_order_follow_output_values() -> None:
    priority = run(SCORES, "P", n=5)
    assert priority.value == "c"
    assert [h.index for h in priority.selected] == [3]
    ordered = run(SCORES, "O", n=5)
    assert ordered.value == ["c", "b", "b", "a"]
    assert [h.index for h in ordered.selected] == [3, 2, 4, 1]


def test_collect_and_aggregations() -> None:
    assert run(NUMBERS, "C", n=5).value == [D(10), D(5), D(20), D(5)]
    assert run(NUMBERS, "C+", n=5).value == D(40)
    assert run(NUMBERS, "C<", n=5).value == D(5)
    assert run(NUMBERS, "C>", n=5).value == D(20)
    assert run(NUMBERS, "C#", n=5).value == D(4)
    assert run(NUMBERS, "COLLECT SUM", n=3).value == D(15)


@pytest.mark.parametrize(
    ("policy", "empty"),
    [("U", None), ("F", None), ("R", []), ("C", []), ("C+", None), ("C<", None), ("C#", D(0))],
)
def test_no_match_without_defaults(policy: str, empty: object) -> None:
    result = run(NUMBERS, policy, n=0)
    assert result.value == empty
    assert result.matched == ()
    assert not result.used_default


def test_unique_violation_names_the_rules() -> None:
    model = load_tables(DATA / "unique_violation.csv")
    assert evaluate_model(model, {"leeftijd": 30}).values() == {"unique_violation": "ja"}
    with pytest.raises(TableError) as info:
        evaluate_model(model, {"leeftijd": 12})
    problem = info.value.problems[0]
    assert problem.code == "table-unique-violation"
    assert "rules 1 and 2 both match" in problem.message
    assert problem.rule_id == "grens"
    assert problem.line == 4


def test_any_allows_equal_outputs_and_refuses_different_ones() -> None:
    model = load_tables(DATA / "any_violation.yaml")
    assert evaluate_model(model, {"leeftijd": 19}).values() == {"any_violation": "ja"}
    with pytest.raises(TableError) as info:
        evaluate_model(model, {"leeftijd": 10})
    problem = info.value.problems[0]
    assert problem.code == "table-any-violation"
    assert "rules 1 and 3" in problem.message
    assert '"nee" and "ja"' in problem.message


def test_multiple_outputs_give_dicts_and_defaults_apply_per_output() -> None:
    model = load_tables(DATA / "tarief.csv")
    result = evaluate_model(model, {"leeftijd": 70, "zone": "schil", "mantelzorger": False})
    assert result.values() == {"Parkeertarief": {"tarief": D(30), "opmerking": "seniorenkorting"}}
    assert result["Parkeertarief"].selected[0].id == "senior"
    none = evaluate_model(model, {"leeftijd": 70, "zone": "schil", "mantelzorger": None})
    assert none["Parkeertarief"].used_default
    assert none.values() == {"Parkeertarief": {"tarief": D(0), "opmerking": None}}


def test_defaults_in_multiple_hit_tables() -> None:
    source = """
table:
  name: T
  hit_policy: {policy}
  inputs: [n]
  outputs:
    - name: out
      default: 7
  rows:
    - ["> 1", 10]
"""
    assert run(source, "R", n=0).value == [D(7)]
    assert run(source, "C+", n=0).value == D(7)
    assert run(source, "C#", n=0).value == D(0)
    assert run(source, "U", n=0).value == D(7)


def test_aggregating_text_is_an_error() -> None:
    source = """
table:
  name: T
  hit_policy: {policy}
  inputs: [n]
  outputs: [out]
  rows:
    - ["> 1", 10]
    - ["> 1", tien]
"""
    with pytest.raises(TableError) as info:
        run(source, "C+", n=2)
    assert info.value.problems[0].code == "table-aggregation"
    assert 'rule 2 gives "tien"' in info.value.problems[0].message
    with pytest.raises(TableError):
        run(source, "C<", n=2)
    assert run(source, "C#", n=2).value == D(2)


def test_max_of_strings_and_null_outputs_are_skipped() -> None:
    source = """
table:
  name: T
  hit_policy: {policy}
  inputs: [n]
  outputs: [out]
  rows:
    - ["> 1", appel]
    - ["> 1", peer]
    - ["> 1", ""]
"""
    assert run(source, "C>", n=2).value == "peer"
    assert run(source, "C<", n=2).value == "appel"


def test_missing_input_suggests_a_name() -> None:
    model = load_tables(DATA / "lint_clean.csv")
    with pytest.raises(TableError) as info:
        evaluate_model(model, {"leeftijd": 20, "risic": "hoog"})
    problem = info.value.problems[0]
    assert problem.code == "table-missing-input"
    assert problem.suggestion == "did you mean 'risic'?"


def test_input_outside_allowed_values_is_refused() -> None:
    model = load_tables(DATA / "lint_clean.csv")
    with pytest.raises(TableError) as info:
        evaluate_model(model, {"leeftijd": 20, "risico": "Hoog"})
    problem = info.value.problems[0]
    assert problem.code == "table-input-value"
    assert problem.allowed == ('"hoog"', '"laag"')
    assert problem.suggestion == "did you mean 'hoog'?"
    assert evaluate_model(model, {"leeftijd": 20, "risico": None}).values() == {"lint_clean": None}


def test_unconvertible_input_is_a_table_error() -> None:
    model = load_tables(DATA / "lint_clean.csv")
    with pytest.raises(TableError) as info:
        evaluate_model(model, {"leeftijd": float("inf"), "risico": "hoog"})
    assert info.value.problems[0].code == "table-input"


@pytest.mark.parametrize(
    ("text", "policy", "aggregation"),
    [
        ("U", HitPolicy.UNIQUE, None),
        ("unique", HitPolicy.UNIQUE, None),
        ("RULE ORDER", HitPolicy.RULE_ORDER, None),
        ("rule_order", HitPolicy.RULE_ORDER, None),
        ("output-order", HitPolicy.OUTPUT_ORDER, None),
        ("C#", HitPolicy.COLLECT, Aggregation.COUNT),
        ("collect max", HitPolicy.COLLECT, Aggregation.MAX),
        ("c<", HitPolicy.COLLECT, Aggregation.MIN),
    ],
)
def test_parse_hit_policy(text: str, policy: HitPolicy, aggregation: Aggregation | None) -> None:
    assert parse_hit_policy(text) == (policy, aggregation)


@pytest.mark.parametrize("text", ["", "X", "COLLECT AVG", "C*"])
def test_parse_hit_policy_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="hit policy"):
        parse_hit_policy(text)
