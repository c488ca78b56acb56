"""Reading DMN files: versions, modeler styles, decision chains and every error kind."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from pvrules.dmn import evaluate_model
from pvrules.errors import InputError, TableError
from pvrules.tables import HitPolicy, read_dmn
from pvrules.tables.dmn import DMN_NAMESPACES, parse_dmn
from pvrules.tables.load import load_tables

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize("version", ["11", "12", "13", "14", "15"])
def test_every_dmn_version_reads_and_evaluates(version: str) -> None:
    model = read_dmn(DATA / f"advies_dmn{version}.dmn")
    assert model.name == f"advies {version[0]}.{version[1]}"
    assert [i.name for i in model.input_data] == ["leeftijd"]
    table = model.tables[0]
    assert table.hit_policy is HitPolicy.UNIQUE
    assert table.inputs[0].type_ref == "number"
    assert evaluate_model(model, {"leeftijd": 18}).values() == {"Advies": "goedgekeurd"}
    assert evaluate_model(model, {"leeftijd": 17}).values() == {"Advies": "afgewezen"}


def test_five_namespaces_are_known() -> None:
    assert sorted(DMN_NAMESPACES.values()) == ["1.1", "1.2", "1.3", "1.4", "1.5"]


def test_required_decisions_are_evaluated_first() -> None:
    model = read_dmn(DATA / "chained.dmn")
    assert [d.name for d in model.decisions] == ["Toeslag", "Klasse", "Bijstandsnorm"]
    assert model.decision("Klasse").requires == ("Toeslag",)
    assert [d.name for d in model.evaluation_order()] == ["Bijstandsnorm", "Toeslag", "Klasse"]
    result = evaluate_model(model, {"inkomen": 1100, "huishouden": "alleenstaand"})
    assert result.values() == {
        "Bijstandsnorm": Decimal(1200),
        "Toeslag": Decimal(125),
        "Klasse": "laag",
    }
    assert result["Toeslag"].hit_policy is None
    assert result["Klasse"].selected[0].id == "k_r1"


def test_only_the_requested_decision_and_its_requirements_run() -> None:
    model = read_dmn(DATA / "chained.dmn")
    result = evaluate_model(model, {"huishouden": "samenwonend"}, ["Toeslag"])
    assert [r.name for r in result.results] == ["Bijstandsnorm", "Toeslag"]
    assert result["Toeslag"].value == Decimal(175)


def test_decision_found_by_id_and_unknown_decision_suggests() -> None:
    model = read_dmn(DATA / "chained.dmn")
    assert model.decision("d_norm").name == "Bijstandsnorm"
    with pytest.raises(TableError) as info:
        model.decision("Klase")
    problem = info.value.problems[0]
    assert problem.code == "table-unknown-decision"
    assert problem.suggestion == "did you mean 'Klasse'?"


def test_camunda_style_model() -> None:
    model = read_dmn(DATA / "camunda_style.dmn")
    table = model.tables[0]
    assert table.hit_policy is HitPolicy.COLLECT
    assert table.rules[0].annotation == "Winter feast"
    assert table.rules[0].inputs[2].is_any  # an empty entry means any value
    inputs = {"season": "Summer", "party": {"guests": 9, "date": "2024-07-01"}}
    result = evaluate_model(model, inputs)["Dish"]
    assert result.value == ["Salad", "Pizza"]
    assert [h.id for h in result.matched] == ["row-2", "row-3"]
    winter = {"season": "Winter", "party": {"guests": 4, "date": date(2024, 1, 1)}}
    assert evaluate_model(model, winter)["Dish"].value == ["Roastbeef"]


def test_collect_max() -> None:
    model = read_dmn(DATA / "collect_max.dmn")
    assert evaluate_model(model, {"leeftijd": 5}).values() == {"Advies": Decimal(30)}
    assert evaluate_model(model, {"leeftijd": 0}).values() == {"Advies": None}


BAD_FILES = [
    ("bad_doctype.dmn", "table-xml-unsafe", 2, None),
    ("bad_xml.dmn", "table-xml", 17, None),
    ("bad_namespace.dmn", "table-namespace", 2, None),
    ("bad_feel_input.dmn", "table-feel", 14, "decision 'Advies', rule 2, column 'Leeftijd'"),
    ("bad_feel_output.dmn", "table-feel", 11, "decision 'Advies', rule 1, column 'advies'"),
    ("bad_hit_policy.dmn", "table-hit-policy", 4, "decision 'Advies'"),
    ("bad_aggregation.dmn", "table-aggregation", 4, "decision 'Advies'"),
    ("bad_columns.dmn", "table-columns", 9, "decision 'Advies', rule 1"),
    ("bad_priority.dmn", "table-output-values", 4, "decision 'Advies'"),
    (
        "bad_output_value.dmn",
        "table-output-value",
        19,
        "decision 'Advies', rule 3, column 'advies'",
    ),
    ("bad_unsupported_expression.dmn", "table-unsupported", 4, "decision 'Context'"),
    ("bad_cycle.dmn", "table-cycle", 3, None),
    ("bad_reference.dmn", "table-reference", 4, "decision 'Advies'"),
    ("bad_language.dmn", "table-feel", 6, "decision 'Advies', column 'Leeftijd'"),
    ("bad_no_input_expression.dmn", "table-structure", 5, "decision 'Advies', column 'Leeftijd'"),
    ("bad_output_names.dmn", "table-outputs", 9, "decision 'Advies'"),
]


@pytest.mark.parametrize(("name", "code", "line", "loc"), BAD_FILES)
def test_bad_dmn_files_give_located_table_errors(
    name: str, code: str, line: int, loc: str | None
) -> None:
    with pytest.raises(TableError) as info:
        load_tables(DATA / name)
    error = info.value
    assert isinstance(error, InputError)
    assert error.exit_code == 2
    problem = error.problems[0]
    assert problem.code == code
    assert problem.file == str(DATA / name)
    assert problem.line == line
    assert problem.loc == loc
    text = error.format()
    assert "Traceback" not in text
    assert f"{DATA / name}:{line}:" in text


def test_feel_error_names_rule_id_text_and_column() -> None:
    with pytest.raises(TableError) as info:
        read_dmn(DATA / "bad_feel_input.dmn")
    problem = info.value.problems[0]
    assert problem.rule_id == "r2"
    assert "'? >= 18 and ? < 65'" in problem.message
    assert "S-FEEL" in (problem.suggestion or "")


def test_doctype_is_refused_before_entities_expand() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/">&b;</definitions>'
    )
    with pytest.raises(TableError) as info:
        parse_dmn(bomb, "bomb.dmn")
    assert "DOCTYPE" in info.value.format()


def test_external_entity_is_refused() -> None:
    xxe = (
        b'<?xml version="1.0"?><!DOCTYPE d SYSTEM "file:///etc/passwd">'
        b'<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"/>'
    )
    with pytest.raises(TableError) as info:
        parse_dmn(xxe, "xxe.dmn")
    assert info.value.problems[0].code == "table-xml-unsafe"


def test_missing_file_and_unknown_extension(tmp_path: Path) -> None:
    with pytest.raises(TableError) as info:
        load_tables(tmp_path / "missing.dmn")
    assert info.value.problems[0].code == "table-file"
    other = tmp_path / "table.xlsx"
    other.write_text("x")
    with pytest.raises(TableError) as info:
        load_tables(other)
    assert ".csv" in info.value.problems[0].allowed
    with pytest.raises(TableError):
        read_dmn(tmp_path / "missing.dmn")


def test_decision_without_logic_and_duplicate_names() -> None:
    head = '<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/">'
    empty = f'{head}<decision id="a" name="A"/></definitions>'.encode()
    with pytest.raises(TableError) as info:
        parse_dmn(empty, "x.dmn")
    assert "no decision table or literal expression" in info.value.format()
    literal = "<literalExpression><text>1</text></literalExpression>"
    twice = (
        f'{head}<decision id="a" name="A">{literal}</decision>'
        f'<decision id="b" name="A">{literal}</decision></definitions>'
    ).encode()
    with pytest.raises(TableError) as info:
        parse_dmn(twice, "x.dmn")
    assert "two decisions are named 'A'" in info.value.format()
