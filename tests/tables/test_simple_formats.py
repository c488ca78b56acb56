"""The simple CSV and YAML table formats."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from pvrules.dmn import evaluate_model
from pvrules.errors import TableError
from pvrules.tables import HitPolicy
from pvrules.tables.csv_table import parse_csv_table
from pvrules.tables.load import load_tables
from pvrules.tables.yaml_table import cell_text, parse_yaml_tables

DATA = Path(__file__).parent / "data"
D = Decimal


def test_csv_table_with_metadata_ids_notes_and_defaults() -> None:
    model = load_tables(DATA / "tarief.csv")
    table = model.tables[0]
    assert table.name == "Parkeertarief"
    assert table.hit_policy is HitPolicy.UNIQUE
    assert [c.title for c in table.inputs] == ["leeftijd", "zone", "mantelzorger"]
    assert [c.title for c in table.outputs] == ["tarief", "opmerking"]
    assert table.inputs[0].type_ref == "number"
    assert table.inputs[1].allowed_values is not None
    assert table.outputs[0].default is not None
    assert [r.id for r in table.rules] == ["c-jong", "sb-jong", "senior", "mz"]
    assert table.rules[3].annotation == "mantelzorgers betalen niet"
    assert [r.line for r in table.rules] == [8, 9, 10, 11]
    mz = evaluate_model(model, {"leeftijd": 40, "zone": "centrum", "mantelzorger": True})
    assert mz.values() == {
        "Parkeertarief": {"tarief": D(0), "opmerking": "mantelzorg, vrijgesteld"}
    }
    young = evaluate_model(model, {"leeftijd": 40, "zone": "buiten", "mantelzorger": False})
    assert young.values() == {"Parkeertarief": {"tarief": D(60), "opmerking": None}}


def test_csv_from_excel_with_bom_semicolons_and_crlf() -> None:
    model = load_tables(DATA / "route_excel.csv")
    table = model.tables[0]
    assert table.hit_policy is HitPolicy.FIRST
    assert [c.title for c in table.inputs] == ["bedrag", "soort"]
    assert evaluate_model(model, {"bedrag": 20000, "soort": "inkoop"}).values() == {
        "route_excel": "college"
    }
    assert evaluate_model(model, {"bedrag": 5000, "soort": "subsidie"}).values() == {
        "route_excel": "wethouder"
    }
    assert evaluate_model(model, {"bedrag": 5000, "soort": "inkoop"}).values() == {
        "route_excel": "ambtelijk"
    }


def test_csv_comments_blank_rows_and_short_rows() -> None:
    text = (
        "# Een toelichting: mag vrij tekst bevatten\n"
        "\n"
        "a,b,=> uit\n"
        "1,,een\n"
        "\n"
        "# 2,x,commentaarregel\n"
        "2\n"
    )
    model = parse_csv_table(text, "x.csv", "x")
    rules = model.tables[0].rules
    assert len(rules) == 2
    assert rules[1].inputs[1].is_any
    assert rules[1].outputs[0].evaluate({}) is None
    assert [r.line for r in rules] == [4, 7]


def test_yaml_tables_chain_by_name() -> None:
    model = load_tables(DATA / "toeslag.yaml")
    assert [d.name for d in model.decisions] == ["Norm", "Toeslag"]
    assert model.decision("Toeslag").requires == ("Norm",)
    inputs = {"huishouden": "samenwonend", "aanvrager": {"inkomen": 1500, "kinderen": 2}}
    result = evaluate_model(model, inputs)
    assert result.values() == {"Norm": D(1700), "Toeslag": D(75)}
    assert [h.index for h in result["Toeslag"].matched] == [2, 3]
    table = model.decision("Toeslag").table
    assert table is not None
    assert table.rules[0].id == "basis"
    assert table.rules[0].annotation == "onder de norm"


def test_yaml_priority_table() -> None:
    model = load_tables(DATA / "keuze.yaml")
    assert model.tables[0].name == "keuze"
    assert evaluate_model(model, {"leeftijd": 30, "spoed": True}).values() == {
        "keuze": "onderzoeken"
    }
    assert evaluate_model(model, {"leeftijd": 10, "spoed": True}).values() == {"keuze": "afwijzen"}


def test_yaml_scalars_become_cells() -> None:
    source = """
table:
  inputs: [a, b, c, d]
  outputs: [x]
  rows:
    - [1.5, true, 2024-01-31, [hoog, "te, laag"], null]
"""
    model = parse_yaml_tables(source, "t.yaml", "t")
    rule = model.tables[0].rules[0]
    assert [t.text for t in rule.inputs] == [
        "1.5",
        "true",
        'date("2024-01-31")',
        'hoog, "te, laag"',
    ]
    assert rule.outputs[0].evaluate({}) is None
    assert cell_text(3) == "3"
    assert cell_text(None) == ""


CSV_ERRORS = [
    ("bad_header.csv", "table-header", 2),
    ("bad_cell.csv", "table-feel", 4),
    ("bad_hit_policy.csv", "table-hit-policy", 1),
    ("bad_metadata.csv", "table-metadata", 1),
    ("bad_columns.csv", "table-columns", 2),
    ("bad_values_column.csv", "table-metadata", 1),
    ("bad_type.csv", "table-type", 2),
    ("bad_no_output.csv", "table-outputs", 1),
    ("bad_special_column.csv", "table-header", 1),
    ("bad_encoding.csv", "table-file", 2),
    ("bad_quote.csv", "table-csv", 2),
    ("bad_yaml.yaml", "table-yaml", 3),
    ("bad_key.yaml", "table-yaml", 6),
    ("bad_row.yaml", "table-columns", 6),
    ("bad_duplicate_key.yaml", "table-yaml", 3),
    ("bad_cell.yaml", "table-feel", 6),
    ("bad_mixed_types.yaml", "table-type", 6),
    ("bad_top.yaml", "table-yaml", 2),
]


@pytest.mark.parametrize(("name", "code", "line"), CSV_ERRORS)
def test_bad_simple_files(name: str, code: str, line: int) -> None:
    with pytest.raises(TableError) as info:
        load_tables(DATA / name)
    problem = info.value.problems[0]
    assert (problem.code, problem.line) == (code, line)
    assert problem.file == str(DATA / name)
    assert "Traceback" not in info.value.format()


def test_text_in_a_number_column_is_refused() -> None:
    with pytest.raises(TableError) as info:
        load_tables(DATA / "bad_mixed_types.yaml")
    problem = info.value.problems[0]
    assert problem.message == (
        "the cell 'between 18 and 65' holds a string, but row 1 of this column has a number"
    )


def test_numbers_in_a_text_column_are_text() -> None:
    text = "# type postcode: string\n# type => code: string\npostcode,=> code\n0030,0101\n1234,2\n"
    model = parse_csv_table(text, "p.csv", "p")
    assert evaluate_model(model, {"postcode": "0030"}).values() == {"p": "0101"}
    assert evaluate_model(model, {"postcode": "1234"}).values() == {"p": "2"}
    assert evaluate_model(model, {"postcode": "30"}).values() == {"p": None}


def test_cell_error_names_row_and_column() -> None:
    with pytest.raises(TableError) as info:
        load_tables(DATA / "bad_cell.csv")
    problem = info.value.problems[0]
    assert problem.loc == "table 'bad_cell', rule 2, column 'leeftijd'"
    assert "'>= 18 en < 65'" in problem.message


def test_suggestions_for_typos() -> None:
    for name, hint in [
        ("bad_metadata.csv", "did you mean 'hit_policy'?"),
        ("bad_values_column.csv", "did you mean 'risico'?"),
        ("bad_hit_policy.csv", "did you mean 'U'?"),
    ]:
        with pytest.raises(TableError) as info:
            load_tables(DATA / name)
        assert info.value.problems[0].suggestion == hint
    with pytest.raises(TableError) as info:
        parse_yaml_tables("table: {inputs: [a], outputs: [b], row: []}", "t.yaml", "t")
    assert info.value.problems[0].suggestion == "did you mean 'rows'?"


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("table: 3", "a table must be a mapping"),
        ("table: {inputs: [a], outputs: [b]}", "needs 'rows:' as a list"),
        ("tables: []", "'tables:' must be a non-empty list"),
        ("table: {}\ntables: []", "exactly one of"),
        ("tables: [{inputs: [a], outputs: [b], rows: []}]", "needs a name or id"),
        ("table: {inputs: [a], outputs: [{label: x}], rows: []}", "needs 'name:'"),
        ("table: {inputs: [{fact: a, kleur: x}], outputs: [b], rows: []}", "unknown key 'kleur'"),
        ("table: {inputs: [a], outputs: [b], rows: [{cells: [1, 2], extra: 1}]}", "unknown key"),
        ("table: {inputs: [a], outputs: [b], rows: [{id: x}]}", "needs 'cells:'"),
        ("table: {inputs: [a], outputs: [b], rows: [3]}", "a row must be a list"),
        ("table: {name: [x], inputs: [a], outputs: [b], rows: []}", "must be a single value"),
        ("", "the file is empty"),
        ("table: {inputs: [a], outputs: [b, b], rows: []}", "two output columns"),
        (
            "tables: [{name: A, inputs: [a], outputs: [b], rows: []},"
            " {name: A, inputs: [a], outputs: [b], rows: []}]",
            "two tables are named",
        ),
        ("table: {inputs: ['a b c +'], outputs: [b], rows: []}", "must be a fact name"),
        ("table: {inputs: [a], outputs: [b], rows: [[1, '\"open']]}", "close the quotes"),
    ],
)
def test_yaml_structure_errors(source: str, message: str) -> None:
    with pytest.raises(TableError) as info:
        parse_yaml_tables(source, "t.yaml", "t")
    assert message in info.value.format()


def test_tables_requiring_each_other_are_a_cycle() -> None:
    source = """
tables:
  - {name: A, inputs: [B], outputs: [x], rows: [[1, 1]]}
  - {name: B, inputs: [A], outputs: [x], rows: [[1, 1]]}
"""
    with pytest.raises(TableError) as info:
        parse_yaml_tables(source, "t.yaml", "t")
    assert info.value.problems[0].code == "table-cycle"
