"""``pvrules report`` and ``pvrules advise``: formats, options, safe writing."""

from __future__ import annotations

import io
import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner, Result
from docx import Document

from pvrules.cli.main import main


def run(h: SimpleNamespace, *args: str, command: str = "report") -> Result:
    return CliRunner().invoke(main, [command, str(h.CASE_SMALL), *h.SMALL_KB_ARGS,
                                     "--engine", "python", *args])


@pytest.mark.parametrize(("name", "check"), [
    ("advies.md", lambda b: b.startswith(b"# Advies: Test")),
    ("advies.html", lambda b: b.startswith(b"<!DOCTYPE html>")),
    ("advies.docx", lambda b: Document(io.BytesIO(b)).paragraphs[0].text == "Advies: Test"),
])
def test_format_from_extension_and_byte_equal_runs(h: SimpleNamespace, tmp_path: Path,
                                                   name: str, check: object) -> None:
    first, second = tmp_path / f"1-{name}", tmp_path / f"2-{name}"
    for out in (first, second):
        res = run(h, "-o", str(out), "--date", "2026-11-27")
        assert res.exit_code == 0, res.output
    assert check(first.read_bytes())  # type: ignore[operator]
    assert first.read_bytes() == second.read_bytes()


def test_stdout_markdown_and_english(h: SimpleNamespace) -> None:
    res = run(h, "--date", "2026-11-27", "--lang", "en")
    assert res.exit_code == 0, res.output
    assert res.output.startswith("# Advice: Test")
    assert "27 November 2026" in res.output
    assert "## 1. Key message" in res.output
    dash = run(h, "--date", "2026-11-27", "--lang", "en", "-o", "-")
    assert dash.output == res.output


def test_format_option_overrides_extension(h: SimpleNamespace, tmp_path: Path) -> None:
    out = tmp_path / "advies.txt"
    assert run(h, "-o", str(out), "--format", "html").exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_author_option(h: SimpleNamespace, tmp_path: Path) -> None:
    out = tmp_path / "advies.docx"
    assert run(h, "-o", str(out), "--author", "A. Adviseur").exit_code == 0
    assert Document(str(out)).core_properties.author == "A. Adviseur"


def test_never_overwrites_without_force(h: SimpleNamespace, tmp_path: Path) -> None:
    out = tmp_path / "advies.md"
    out.write_text("mine", encoding="utf-8")
    res = run(h, "-o", str(out))
    assert res.exit_code == 2
    assert "already exists" in res.output
    assert out.read_text(encoding="utf-8") == "mine"
    assert run(h, "-o", str(out), "--force").exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("# Advies")
    assert [p.name for p in tmp_path.iterdir()] == ["advies.md"]  # no temporary files left


@pytest.mark.parametrize(("args", "message"), [
    (["-o", "advies.pdf"], "cannot tell the report format"),
    (["--format", "docx"], "a Word document needs a file name"),
    (["--date", "27-11-2026"], "bad date"),
])
def test_bad_options(h: SimpleNamespace, tmp_path: Path, args: list[str], message: str) -> None:
    args = [str(tmp_path / a) if a.endswith(".pdf") else a for a in args]
    res = run(h, *args)
    assert res.exit_code == 2
    assert message in res.output
    assert "Traceback" not in res.output


def test_advise_writes_the_whole_document_to_a_pipe_or_file(h: SimpleNamespace,
                                                             tmp_path: Path) -> None:
    piped = run(h, command="advise")
    assert piped.exit_code == 0, piped.output
    assert piped.output.startswith("# Advies: Test")
    assert "## Bijlage A. De redeneringen" in piped.output
    out = tmp_path / "advies.md"
    assert run(h, "-o", str(out), command="advise").exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("# Advies: Test")


def test_advise_json_has_the_decisions(h: SimpleNamespace) -> None:
    res = run(h, "--format", "json", command="advise")
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    for key in ("case", "answer", "triangle", "key_recommendations", "options", "chains",
                "sources"):
        assert key in data
    assert json.loads(run(h, "--format", "json", command="advise").output) == data
