"""Decision tables over vocabulary facts become rules of the YAML rule format."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from pvrules.errors import TableError
from pvrules.tables.dmn import parse_dmn
from pvrules.tables.load import load_tables
from pvrules.tables.to_rules import model_to_rule_file, table_to_rules
from pvrules.tables.yaml_table import parse_yaml_tables

DATA = Path(__file__).parent / "data"
SOURCES = ["moore_1995"]


def rules_of(name: str, **options: Any) -> list[dict[str, Any]]:
    rules: list[dict[str, Any]] = model_to_rule_file(
        load_tables(DATA / name), sources=SOURCES, **options
    )["rules"]
    return rules


def test_rows_become_rules_with_conditions_and_conclusions() -> None:
    rules = rules_of("rules_table.yaml")
    assert [r["id"] for r in rules] == [
        "legitimiteit_tabel.sterk",
        "legitimiteit_tabel.r2",
        "legitimiteit_tabel.r3",
        "legitimiteit_tabel.r4",
    ]
    assert rules[0]["title"] == {"nl": "Breed draagvlak", "en": "Breed draagvlak"}
    assert [r["when"] for r in rules] == [
        {
            "all": [
                {"draagvlak_raad": {"at_least": "hoog"}},
                {"draagvlak_inwoners": {"at_least": "hoog"}},
            ]
        },
        {
            "all": [
                {"draagvlak_raad": {"at_least": "laag", "at_most": "gemiddeld"}},
                {"draagvlak_inwoners": {"is_not": "zeer_laag"}},
                {"herindeling_overwogen": False},
            ]
        },
        {
            "all": [
                {"draagvlak_raad": {"below": "hoog"}},
                {"draagvlak_inwoners": ["zeer_laag", "laag"]},
            ]
        },
        {
            "all": [
                {"draagvlak_raad": {"known": False}},
                {
                    "any": [
                        {"draagvlak_inwoners": {"below": "laag"}},
                        {"draagvlak_inwoners": {"above": "hoog"}},
                    ]
                },
                {"herindeling_overwogen": True},
            ]
        },
    ]
    assert rules[1]["then"] == [
        {"derive": "legitimiteit", "value": "redelijk"},
        {"recommend": "opties_aan_raad", "strength": "zwak"},
    ]
    assert rules[0]["then"] == [{"derive": "legitimiteit", "value": "sterk"}]
    assert all("priority" not in r for r in rules)
    assert all(r["sources"] == SOURCES for r in rules)


def test_first_hit_becomes_priorities() -> None:
    rules = rules_of("rules_first.yaml", for_each=None, tags=["tabel"])
    assert [r["priority"] for r in rules] == [4, 3, 2, 1]
    assert rules[3]["when"] == {"all": []}
    assert rules[0]["tags"] == ["tabel"]


def test_priority_hit_policy_uses_output_values() -> None:
    source = """
table:
  id: p
  hit_policy: P
  inputs: [draagvlak_raad]
  outputs:
    - name: legitimiteit
      values: [zwak, redelijk, sterk]
  rows:
    - [-, sterk]
    - [laag, zwak]
    - [gemiddeld, redelijk]
"""
    rules = table_to_rules(parse_yaml_tables(source, "p.yaml", "p").tables[0], sources=SOURCES)
    assert [r["priority"] for r in rules] == [1, 3, 2]


CELLS = [
    ("-", None),
    ("hoog", {"f": "hoog"}),
    ("12.5", {"f": 12.5}),
    ("3", {"f": 3}),
    ("true", {"f": True}),
    ('date("2024-01-31")', {"f": "2024-01-31"}),
    ("a, b", {"f": ["a", "b"]}),
    ("not(a)", {"f": {"is_not": "a"}}),
    ("not(a, b)", {"f": {"not_in": ["a", "b"]}}),
    ("!= 3", {"f": {"is_not": 3}}),
    ("(1..5)", {"f": {"above": 1, "below": 5}}),
    ("not(< 3)", {"not": {"f": {"below": 3}}}),
    ("not(null)", {"f": {"known": True}}),
    ("null", {"f": {"known": False}}),
    ("1, < 0", {"any": [{"f": 1}, {"f": {"below": 0}}]}),
]


@pytest.mark.parametrize(("cell", "condition"), CELLS)
def test_cell_conditions(cell: str, condition: dict[str, Any] | None) -> None:
    source = f"table: {{inputs: [f], outputs: [x], rows: [[{json.dumps(cell)}, 1]]}}"
    [rule] = table_to_rules(parse_yaml_tables(source, "t.yaml", "t").tables[0], sources=SOURCES)
    assert rule["when"] == {"all": [] if condition is None else [condition]}


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("table: {hit_policy: C, inputs: [f], outputs: [x], rows: [[1, 1]]}", "collects several"),
        (
            "table: {inputs: [f], outputs: [{name: x, default: 1}], rows: [[1, 1]]}",
            "default outputs",
        ),
        (
            "table: {hit_policy: F, inputs: [f], outputs: [recommend], rows: [[1, a]]}",
            "only derived",
        ),
        ("table: {hit_policy: F, inputs: [f], outputs: [x], rows: [[1, '']]}", "leaves an output"),
        ("table: {inputs: [a.b.c], outputs: [x], rows: [[1, 1]]}", "must be a fact"),
        ("table: {inputs: [f], outputs: [recommend], rows: [[1, 3]]}", "needs an item id"),
        (
            "table: {inputs: [f], outputs: [recommend, strength], rows: [[1, a, heel]]}",
            "is not one of zwak",
        ),
    ],
)
def test_tables_rules_cannot_express(source: str, message: str) -> None:
    table = parse_yaml_tables(source, "t.yaml", "t").tables[0]
    with pytest.raises(TableError) as info:
        table_to_rules(table, sources=SOURCES)
    assert info.value.problems[0].code == "table-to-rules"
    assert message in info.value.format()


def test_a_cell_that_refers_to_a_name_is_refused() -> None:
    model = load_tables(DATA / "chained.dmn")
    with pytest.raises(TableError) as info:
        model_to_rule_file(model, sources=[])
    assert "at least one source" in info.value.format()
    xml = (
        '<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/">'
        '<decision name="D"><decisionTable>'
        "<input><inputExpression><text>n</text></inputExpression></input>"
        '<output name="x"/><rule><inputEntry><text>&lt; m</text></inputEntry>'
        "<outputEntry><text>1</text></outputEntry></rule>"
        "</decisionTable></decision></definitions>"
    )
    with pytest.raises(TableError) as info:
        model_to_rule_file(parse_dmn(xml.encode(), "n.dmn"), sources=SOURCES)
    assert "refers to a name" in info.value.format()


# -- the rules compile like hand-written ones --------------------------------------------
HAND_WRITTEN = """
rules:
  - id: hand.r2
    title: {nl: t, en: t}
    principle: {nl: p, en: p}
    when:
      all:
        - draagvlak_raad: {at_least: laag, at_most: gemiddeld}
        - draagvlak_inwoners: {is_not: zeer_laag}
        - herindeling_overwogen: false
    then:
      - derive: legitimiteit
        value: redelijk
      - recommend: opties_aan_raad
        strength: zwak
    explanation: {nl: e, en: e}
    sources: [moore_1995]
"""


def _compile(text: str) -> list[Any]:
    compiler = pytest.importorskip("pvrules.compile.compiler")
    resources = pytest.importorskip("pvrules.load.resources")
    knowledge_mod = pytest.importorskip("pvrules.validate.knowledge")
    rules_mod = pytest.importorskip("pvrules.validate.rules")
    knowledge = knowledge_mod.load_knowledge(
        resources.gather("pvrules.knowledge", [], (".yaml", ".yml", ".json"), True)
    )
    entries, _disabled, problems = rules_mod.load_rule_files(
        [resources.SourceFile("table-rules.yaml", text, False)]
    )
    assert problems == []
    compiled, compile_problems = compiler.compile_rules(entries, knowledge)
    assert compile_problems == []
    return list(compiled)


def test_generated_rules_compile_to_the_same_tree_as_yaml_rules() -> None:
    for name in ("rules_table.yaml", "rules_first.yaml"):
        text = yaml.safe_dump(
            model_to_rule_file(load_tables(DATA / name), sources=SOURCES), allow_unicode=True
        )
        compiled = _compile(text)
        assert len(compiled) == 4
    generated = {
        r.id: r
        for r in _compile(
            yaml.safe_dump(
                model_to_rule_file(load_tables(DATA / "rules_table.yaml"), sources=SOURCES)
            )
        )
    }
    [hand] = _compile(HAND_WRITTEN)
    table_rule = generated["legitimiteit_tabel.r2"]
    assert table_rule.condition == hand.condition
    assert table_rule.conclusions == hand.conclusions
