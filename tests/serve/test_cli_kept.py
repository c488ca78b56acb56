"""The serve tests' ``cli()`` keeps a command's output only while nothing it reads changed."""

from __future__ import annotations

from pathlib import Path

from .conftest import cli

DATA = Path(__file__).resolve().parents[1] / "data"
SMALL = ["--no-builtin", "--rules-dir", str(DATA / "kb" / "rules"), "--knowledge-dir",
         str(DATA / "kb" / "knowledge"), "--engine", "python", "--format", "json"]


def test_a_changed_case_file_is_run_again(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    original = (DATA / "case_small.yaml").read_text(encoding="utf-8")
    case.write_text(original, encoding="utf-8")
    first = cli("advise", str(case), *SMALL)
    assert cli("advise", str(case), *SMALL) is first  # kept
    case.write_text(original.replace("draagvlak: laag", "draagvlak: hoog"), encoding="utf-8")
    changed = cli("advise", str(case), *SMALL)
    assert changed != first
    case.write_text(original, encoding="utf-8")
    assert cli("advise", str(case), *SMALL) == first
    assert cli("advise", str(case), *SMALL, "--lang", "en") != first
