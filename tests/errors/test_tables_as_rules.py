"""Decision tables included from a rule file compile to the same rules as YAML."""

from __future__ import annotations

from pathlib import Path

import pytest

from pvrules.compile.ir import Cmp, Recommend
from pvrules.errors import RuleFileError
from pvrules.kb import load_kb

DATA = Path(__file__).resolve().parents[1] / "data"


def _load(*rules: Path):
    return load_kb([DATA / "kb" / "rules", *rules], [DATA / "kb" / "knowledge"],
                   include_builtin=False, use_env=False)


def test_csv_table_rows_become_rules(tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "vormen.csv").write_text((DATA / "kb_tables" / "vormen.csv").read_text())
    (folder / "tabellen.yaml").write_text((DATA / "kb_tables" / "tabellen.yaml").read_text())
    kb = _load(folder)
    rule = kb.rule("vormen.arm")
    assert rule.focus_entity == "opgave"
    assert rule.conclusions == (Recommend("centrum", 1, "opgave"),)
    assert {c.ref.fact for c in rule.condition.items} == {"schaal", "beleidsrijk"}  # type: ignore[union-attr]
    assert all(isinstance(c, Cmp) for c in rule.condition.items)  # type: ignore[union-attr]
    assert kb.entries["vormen.arm"].line == 4  # the row in the CSV file


def test_bad_item_in_a_table_names_file_row_and_rule(tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "kapot.csv").write_text((DATA / "kb_tables" / "kapot.csv").read_text())
    (folder / "t.yaml").write_text("tables:\n  - {file: kapot.csv, for_each: opgave, "
                                   "sources: [s1]}\n")
    with pytest.raises(RuleFileError) as info:
        _load(folder)
    problem = info.value.problems[0]
    assert problem.file.endswith("kapot.csv") and problem.line == 3
    assert problem.rule_id == "kapot.regio"
    assert "did you mean 'lichaam'?" in info.value.format()


def test_missing_table_file(tmp_path: Path) -> None:
    (tmp_path / "t.yaml").write_text("tables:\n  - {file: weg.csv, sources: [s1]}\n")
    with pytest.raises(RuleFileError) as info:
        _load(tmp_path)
    assert "no decision table 'weg.csv' next to this file" in info.value.format()
