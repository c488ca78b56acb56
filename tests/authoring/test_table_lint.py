"""Decision tables included from rule files are linted with the rules."""

from __future__ import annotations

from pathlib import Path

from pvrules.authoring.lint import run_lint

DATA = Path(__file__).resolve().parents[1] / "data"
SMALL = {"rules_dirs": [DATA / "kb" / "rules"], "knowledge_dirs": [DATA / "kb" / "knowledge"],
         "include_builtin": False, "use_env": False}


def test_overlapping_rows_and_row_conflicts_are_reported(tmp_path: Path) -> None:
    (tmp_path / "ov.csv").write_text(
        "# hit_policy: U\nopgave.schaal,opgave.beleidsrijk,=> recommend,@id\n"
        "regionaal,-,lichaam,regio\n-,false,centrum,arm\n", encoding="utf-8")
    (tmp_path / "t.yaml").write_text(
        "tables:\n  - {file: ov.csv, for_each: opgave, sources: [s1]}\n", encoding="utf-8")
    result = run_lint([tmp_path], **SMALL)  # type: ignore[arg-type]
    codes = {(f.problem.code, f.problem.line) for f in result.findings}
    assert ("table-overlap", 4) in codes
    assert ("conflict", 4) in codes
    assert all(f.problem.file == str(tmp_path / "ov.csv") for f in result.findings)
    assert result.exit_code() == 0
    assert result.exit_code(strict=True) == 1


def test_clean_table_lints_clean(tmp_path: Path) -> None:
    (tmp_path / "vormen.csv").write_text(
        (DATA / "kb_tables" / "vormen.csv").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "t.yaml").write_text(
        (DATA / "kb_tables" / "tabellen.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = run_lint([tmp_path], **SMALL)  # type: ignore[arg-type]
    assert not [f for f in result.findings if f.problem.code.startswith("table-")]
    assert not result.errors
