"""``pvrules report``: formats, options, safe writing, clear template errors."""

from __future__ import annotations

import io
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner
from docx import Document

from pvrules.cli.main import main


def run(h: SimpleNamespace, *args: str) -> object:
    return CliRunner().invoke(main, ["report", str(h.CASE_SMALL), *h.SMALL_KB_ARGS,
                                     "--engine", "python", *args])


@pytest.mark.parametrize(("name", "check"), [
    ("advies.md", lambda b: b.startswith(b"# Adviesrapport: Test")),
    ("advies.html", lambda b: b.startswith(b"<!DOCTYPE html>")),
    ("advies.docx", lambda b: Document(io.BytesIO(b)).paragraphs[0].text
     == "Adviesrapport: Test"),
])
def test_format_from_extension_and_byte_equal_runs(h: SimpleNamespace, tmp_path: Path,
                                                   name: str, check: object) -> None:
    first, second = tmp_path / f"1-{name}", tmp_path / f"2-{name}"
    for out in (first, second):
        res = run(h, "-o", str(out), "--date", "2026-11-27")
        assert res.exit_code == 0, res.output  # type: ignore[attr-defined]
    assert check(first.read_bytes())  # type: ignore[operator]
    assert first.read_bytes() == second.read_bytes()


def test_stdout_markdown_and_english(h: SimpleNamespace) -> None:
    res = run(h, "--date", "2026-11-27", "--lang", "en")
    assert res.exit_code == 0
    assert res.output.startswith("# Advisory report: Test")  # type: ignore[attr-defined]
    assert "27 November 2026" in res.output  # type: ignore[attr-defined]


def test_format_option_overrides_extension(h: SimpleNamespace, tmp_path: Path) -> None:
    out = tmp_path / "advies.txt"
    assert run(h, "-o", str(out), "--format", "html").exit_code == 0  # type: ignore[attr-defined]
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_set_changes_the_case(h: SimpleNamespace) -> None:
    res = run(h, "--date", "2026-11-27", "--set", "draagvlak=hoog")
    assert "- Legitimiteit: sterk — draagvlak hoog." in res.output  # type: ignore[attr-defined]


def test_never_overwrites_without_force(h: SimpleNamespace, tmp_path: Path) -> None:
    out = tmp_path / "advies.md"
    out.write_text("mine", encoding="utf-8")
    res = run(h, "-o", str(out))
    assert res.exit_code == 2  # type: ignore[attr-defined]
    assert "already exists" in res.output  # type: ignore[attr-defined]
    assert out.read_text(encoding="utf-8") == "mine"
    assert run(h, "-o", str(out), "--force").exit_code == 0  # type: ignore[attr-defined]
    assert out.read_text(encoding="utf-8").startswith("# Adviesrapport")
    assert [p.name for p in tmp_path.iterdir()] == ["advies.md"]  # no temporary files left


@pytest.mark.parametrize(("args", "message"), [
    (["-o", "advies.pdf"], "cannot tell the report format"),
    (["--format", "docx"], "a Word report needs a file name"),
    (["--date", "27-11-2026"], "bad date"),
])
def test_bad_options(h: SimpleNamespace, tmp_path: Path, args: list[str], message: str) -> None:
    args = [str(tmp_path / a) if a.endswith(".pdf") else a for a in args]
    res = run(h, *args)
    assert res.exit_code == 2  # type: ignore[attr-defined]
    assert message in res.output  # type: ignore[attr-defined]
    assert "Traceback" not in res.output  # type: ignore[attr-defined]


def test_template_dir_overrides_by_name(h: SimpleNamespace, tmp_path: Path) -> None:
    (tmp_path / "report.md.j2").write_text("Eigen sjabloon: {{ r.title }} ({{ r.date }})\n",
                                           encoding="utf-8")
    res = run(h, "--template-dir", str(tmp_path), "--date", "2026-11-27")
    assert res.exit_code == 0  # type: ignore[attr-defined]
    assert res.output == "Eigen sjabloon: Test (2026-11-27)\n"  # type: ignore[attr-defined]
    html = run(h, "--template-dir", str(tmp_path), "--format", "html")
    assert html.output.startswith("<!DOCTYPE html>")  # type: ignore[attr-defined]


def test_template_syntax_error_names_template_and_line(h: SimpleNamespace) -> None:
    res = run(h, "--template-dir", str(h.BAD / "syntax"))
    assert res.exit_code == 2  # type: ignore[attr-defined]
    out = res.output  # type: ignore[attr-defined]
    assert "template 'report.md.j2' has a syntax error at line 4" in out
    assert f"{h.BAD / 'syntax' / 'report.md.j2'}:4" in out
    assert "Traceback" not in out


def test_template_runtime_error_names_template_and_line(h: SimpleNamespace) -> None:
    res = run(h, "--template-dir", str(h.BAD / "undefined"), "--format", "html")
    assert res.exit_code == 2  # type: ignore[attr-defined]
    out = res.output  # type: ignore[attr-defined]
    assert "template 'report.html.j2' has an error at line 5" in out
    assert "no_such_field" in out
    assert "Traceback" not in out
