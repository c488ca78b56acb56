"""Lint: overlapping rules and gaps, and the value sets behind them."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pvrules.tables.dmn import parse_dmn
from pvrules.tables.feel import parse_unary_tests
from pvrules.tables.lint import MAX_GAPS, lint_model, lint_table
from pvrules.tables.load import load_tables
from pvrules.tables.valuesets import (
    BoolSet,
    SpanSet,
    cell_set,
    everything,
    intersect,
    partition,
    union,
)
from pvrules.tables.yaml_table import parse_yaml_tables

DATA = Path(__file__).parent / "data"


def findings(name: str) -> list[tuple[str, str, str | None, int | None]]:
    return [(p.code, p.message, p.rule_id, p.line) for p in lint_model(load_tables(DATA / name))]


def test_clean_table_has_no_findings() -> None:
    assert findings("lint_clean.csv") == []


def test_overlap_in_unique_table() -> None:
    assert findings("lint_overlap_u.csv") == [
        (
            "table-overlap",
            "rule 1 (jong) and rule 2 (midden) overlap: both match leeftijd in [16..18), "
            'risico = "hoog" (hit policy U allows one match)',
            "midden",
            4,
        )
    ]


def test_overlap_with_different_outputs_in_any_table() -> None:
    # rules 1 and 2 overlap too, but give the same output: allowed for A.
    assert findings("lint_overlap_a.yaml") == [
        (
            "table-overlap",
            "rule 2 and rule 3 overlap: both match spoed = false, inkomen in [500..1000) "
            "and give different outputs (hit policy A)",
            None,
            11,
        )
    ]


def test_numeric_gap() -> None:
    assert findings("lint_gap_numeric.csv") == [
        ("table-gap", "no rule matches inkomen = 2000", None, 2)
    ]


def test_enumerated_gap_from_input_values() -> None:
    assert findings("lint_gap_enum.dmn") == [
        ("table-gap", 'no rule matches Risico = "hoog", Spoed = false', None, 4)
    ]


def test_boolean_gap_with_undeclared_strings() -> None:
    assert findings("lint_gap_boolean.yaml") == [
        ("table-gap", 'no rule matches spoed = false, gemeente in "Amersfoort", "Zeist"', None, 2)
    ]


def test_tck_priority_table_gap() -> None:
    tck = Path(__file__).resolve().parents[1] / "data" / "dmn-tck"
    model_file = tck / "0118-multi-priority-hitpolicy" / "0118-multi-priority-hitpolicy.dmn"
    [problem] = lint_model(load_tables(model_file))
    assert problem.message == (
        'no rule matches Age >= 18, RiskCategory in "Low", "Medium", isAffordable = false'
    )


def lint_yaml(source: str) -> list[str]:
    model = parse_yaml_tables(source, "t.yaml", "t")
    return [p.message for p in lint_table(model.tables[0])]


def test_multiple_hit_and_default_tables_have_no_gap_findings() -> None:
    base = "table: {{hit_policy: {p}, inputs: [n], outputs: [{o}], rows: [['< 0', 1]]}}"
    assert lint_yaml(base.format(p="C", o="x")) == []
    assert lint_yaml(base.format(p="R", o="x")) == []
    assert lint_yaml(base.format(p="U", o="{name: x, default: 0}")) == []
    assert lint_yaml(base.format(p="F", o="x")) == ["no rule matches n >= 0"]


def test_first_policy_overlaps_are_not_reported() -> None:
    source = "table: {hit_policy: F, inputs: [n], outputs: [x], rows: [['-', 1], ['-', 2]]}"
    assert lint_yaml(source) == []


def test_cells_with_names_are_not_analysed() -> None:
    rule = (
        "<rule><inputEntry><text>{}</text></inputEntry>"
        "<outputEntry><text>1</text></outputEntry></rule>"
    )
    xml = (
        '<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/">'
        '<decision name="D"><decisionTable>'
        "<input><inputExpression><text>n</text></inputExpression></input>"
        '<output name="x"/>'
        + rule.format("&lt; max")
        + rule.format("&lt; max")
        + "</decisionTable></decision></definitions>"
    )
    assert lint_model(parse_dmn(xml.encode(), "names.dmn")) == []


def test_many_gaps_are_capped() -> None:
    rows = "\n".join(f"    - [{i}, {i}, x]" for i in range(30))
    source = f"table:\n  inputs: [a, b]\n  outputs: [x]\n  rows:\n{rows}\n"
    messages = lint_yaml(source)
    assert len(messages) == MAX_GAPS + 1
    assert messages[-1].startswith("and ")


def test_dates_are_discrete() -> None:
    source = """
table:
  inputs: [{fact: d, type: date}]
  outputs: [x]
  rows:
    - ['< date("2024-01-01")', a]
    - ['>= date("2024-01-02")', b]
"""
    assert lint_yaml(source) == ['no rule matches d = date("2024-01-01")']


def test_not_lists_overlap_on_other_strings() -> None:
    source = "table: {inputs: [g], outputs: [x], rows: [[not(A), 1], [not(B), 2]]}"
    assert lint_yaml(source)[0].startswith(
        'rule 1 and rule 2 overlap: both match g not in ("A", "B")'
    )


# -- value sets --------------------------------------------------------------
def _cell(text: str, kind_name: str) -> SpanSet | BoolSet:
    found = cell_set(parse_unary_tests(text), kind_name)
    assert found is not None
    return found


def test_value_set_rendering() -> None:
    number = "number"
    assert _cell("[1..5), > 7", number).describe() == "[1..5), > 7"
    assert _cell("[1..5), > 7", number).complement().describe() == "< 1, [5..7]"
    assert _cell("!= 5", number).describe() == "not(5)"
    assert _cell('not("a", 5)', "string").is_empty()
    assert _cell("not(true)", "boolean") == BoolSet(frozenset({False}))
    assert cell_set(parse_unary_tests("< x"), number) is None
    assert everything(number).complement().describe() == "(nothing)"
    assert BoolSet.everything().describe() == "-"
    pieces = partition(everything(number), [_cell("[1..2]", number)])
    assert [p.describe() for p in pieces] == ["< 1", "1", "(1..2)", "2", "> 2"]


numbers = st.integers(min_value=-3, max_value=3).map(Decimal)
ops = st.sampled_from(["<", "<=", ">", ">=", "=", "!="])
brackets = st.sampled_from(["[", "(", "]"]), st.sampled_from(["]", ")", "["])


@st.composite
def cells(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        if draw(st.booleans()):
            parts.append(f"{draw(ops)} {draw(numbers)}")
        else:
            low, high = sorted([draw(numbers), draw(numbers)])
            parts.append(f"{draw(brackets[0])}{low}..{high}{draw(brackets[1])}")
    text = ", ".join(parts)
    return f"not({text})" if draw(st.booleans()) else text


SAMPLES = [Decimal(n) / 2 for n in range(-9, 10)]


@pytest.mark.slow  # 300 generated pairs of cells
@settings(max_examples=300, deadline=None)
@given(cells(), cells())
def test_value_sets_agree_with_the_evaluator(first: str, second: str) -> None:
    a_tests, b_tests = parse_unary_tests(first), parse_unary_tests(second)
    a, b = cell_set(a_tests, "number"), cell_set(b_tests, "number")
    assert isinstance(a, SpanSet)
    assert isinstance(b, SpanSet)
    both, either = intersect(a, b), union(a, b)
    for value in SAMPLES:
        in_a = a_tests.matches(value, {}) is True
        in_b = b_tests.matches(value, {}) is True
        assert _member(a, value) == in_a, (first, value)
        assert _member(both, value) == (in_a and in_b)
        assert _member(either, value) == (in_a or in_b)
        assert _member(a.complement(), value) == (not in_a)
    # the rendering is itself a valid cell with the same meaning
    if not a.is_empty():
        again = cell_set(parse_unary_tests(a.describe()), "number")
        assert again == a


def _member(value_set: SpanSet | BoolSet, value: Decimal) -> bool:
    probe = SpanSet.point("number", value)
    assert isinstance(value_set, SpanSet)
    return not value_set.intersect(probe).is_empty()


def test_gap_search_has_a_step_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    from pvrules.tables import lint

    monkeypatch.setattr(lint, "MAX_STEPS", 1)
    source = "table: {inputs: [a, b], outputs: [x], rows: [[1, 1, x], [2, 2, y]]}"
    model = parse_yaml_tables(source, "t.yaml", "t")
    codes = [p.code for p in lint.lint_table(model.tables[0])]
    assert codes[-1] == "table-gap-incomplete"


def test_a_catch_all_row_leaves_no_gaps() -> None:
    rows = ", ".join(f"[{i}, {i}, {i}]" for i in range(40))
    source = f"table: {{hit_policy: F, inputs: [a, b], outputs: [x], rows: [{rows}, [-, -, z]]}}"
    assert lint_yaml(source) == []
