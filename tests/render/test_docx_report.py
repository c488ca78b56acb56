"""The Word report: headings, tables and texts read back with python-docx; LibreOffice opens it."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest
from docx import Document

from pvrules.errors import TemplateError
from pvrules.pipeline import Pipeline
from pvrules.render.report import render_report
from pvrules.render.report_data import ReportData


def headings(doc: object) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in doc.paragraphs  # type: ignore[attr-defined]
            if p.style.name.startswith(("Heading", "Title"))]


def check_docx_structure(payload: bytes, data: ReportData) -> object:
    """Word headings for every section, the tables, the triangle image, pinned properties."""
    doc = Document(io.BytesIO(payload))
    heads = headings(doc)
    assert heads[0] == ("Title", f"{data.t['report']}: {data.title}")
    h1 = [text for style, text in heads if style == "Heading 1"]
    assert h1 == [f"1. {data.t['summary']}", f"2. {data.t['background']}",
                  f"3. {data.t['diagnosis']}", f"4. {data.t['forms']}",
                  f"5. {data.t['governance']}", f"6. {data.t['board']}", data.t["appendix"]]
    h2 = [text for style, text in heads if style == "Heading 2"]
    for i, corner in enumerate(data.corners, 1):
        assert f"3.{i} {corner.label}: {corner.level}" in h2
    for i, decision in enumerate(data.forms, 1):
        assert f"4.{i} {decision.target}" in h2
    h3 = [text for style, text in heads if style == "Heading 3"]
    assert len(h3) == sum(len(d.options) for d in data.forms)
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "{{" not in text
    assert "{%" not in text
    for line in (*data.diagnosis_lines, *data.main_recommendations):
        assert line in text
    tables = doc.tables
    # parties, corners, one per decision, rules fired, facts used, derived?, reproduce
    expected = 2 + len(data.board) + 2 + (1 if data.derived else 0) + 1
    assert len(tables) == expected
    corner_rows = [[c.text for c in row.cells] for row in tables[1].rows]
    assert corner_rows[0] == [data.t["corner"], data.t["level"], data.t["indicators"]]
    assert [r[0].rstrip(" ▼") for r in corner_rows[1:]] == [c.label for c in data.corners]
    fired = tables[2 + len(data.board)]
    assert len(fired.rows) == 1 + len(data.fired)
    reproduce = {row.cells[0].text: row.cells[1].text for row in tables[-1].rows}
    assert reproduce[data.t["kb_version"]] == data.kb_hash
    assert reproduce[data.t["report_date"]] == data.date
    assert len(doc.inline_shapes) == 1
    props = doc.core_properties
    day = dt.date.fromisoformat(data.date)
    assert props.created is not None
    assert props.created.date() == day
    assert props.modified is not None
    assert props.modified.date() == day
    assert props.revision == 1
    with zipfile.ZipFile(io.BytesIO(payload)) as zf:
        assert {i.date_time[:3] for i in zf.infolist()} == {(day.year, day.month, day.day)}
        assert zf.testzip() is None
    return doc


def test_small_docx(small_data: ReportData) -> None:
    doc = check_docx_structure(render_report(small_data, "docx"), small_data)
    board = doc.tables[3]  # type: ignore[attr-defined]
    rows = [[c.text for c in row.cells] for row in board.rows]
    assert rows == [["Optie", "Oordeel", "Publieke waarde", "Legitimiteit", "Organisatie"],
                    ["Openbaar lichaam", "aanbevolen", "·", "·", "·"],
                    ["Lokaal houden", "alternatief", "·", "·", "·"],
                    ["Centrumregeling", "afgeraden", "·", "·", "·"]]
    text = "\n".join(p.text for p in doc.paragraphs)  # type: ignore[attr-defined]
    assert "Centrumregeling, zonder één hoek: − Lokaal (Opgave o2)" in text
    assert "Openbaar lichaam: + Lichaam (Opgave o2): x" in text


def test_docx_escapes_case_text(small_pipe: Pipeline, h: SimpleNamespace,
                                hostile_case: Path) -> None:
    data = h.make_data(small_pipe, hostile_case)
    doc = check_docx_structure(render_report(data, "docx"), data)
    text = "\n".join(p.text for p in doc.paragraphs)  # type: ignore[attr-defined]
    assert '<script>alert(1)</script> "quoted" | pipe' in text


def test_docx_date_changes_only_dates(small_pipe: Pipeline, h: SimpleNamespace) -> None:
    one = render_report(h.make_data(small_pipe, h.CASE_SMALL, day=dt.date(2026, 1, 2)), "docx")
    two = render_report(h.make_data(small_pipe, h.CASE_SMALL, day=dt.date(2026, 1, 2)), "docx")
    three = render_report(h.make_data(small_pipe, h.CASE_SMALL, day=dt.date(2026, 1, 3)), "docx")
    assert one == two != three


def test_bad_docx_template(small_data: ReportData, tmp_path: Path) -> None:
    doc = Document()
    doc.add_paragraph("{{ r.title }}")
    doc.add_paragraph("{{ r.title ")
    doc.save(tmp_path / "report.docx")
    with pytest.raises(TemplateError) as info:
        render_report(small_data, "docx", str(tmp_path))
    assert str(tmp_path / "report.docx") in info.value.message
    assert info.value.line is not None
    (tmp_path / "report.docx").write_bytes(b"not a zip")
    with pytest.raises(TemplateError, match="not a Word document"):
        render_report(small_data, "docx", str(tmp_path))


def convert_to_pdf(libreoffice: str, docx: Path, tmp_path: Path) -> Path:
    """Convert with LibreOffice headless; return the PDF."""
    profile = tmp_path / "lo-profile"
    run = subprocess.run([libreoffice, "--headless", "--norestore",
                          f"-env:UserInstallation={profile.as_uri()}", "--convert-to", "pdf",
                          "--outdir", str(tmp_path), str(docx)],
                         capture_output=True, text=True, timeout=300, check=False)
    pdf = tmp_path / (docx.stem + ".pdf")
    assert run.returncode == 0, run.stderr[-2000:]
    assert "Error" not in run.stderr, run.stderr[-2000:]
    assert pdf.exists(), run.stdout + run.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    assert pdf.stat().st_size > 10_000
    return pdf


@pytest.mark.browser
def test_small_docx_opens_in_libreoffice(small_data: ReportData, libreoffice: str,
                                         tmp_path: Path) -> None:
    docx = tmp_path / "advies.docx"
    docx.write_bytes(render_report(small_data, "docx"))
    convert_to_pdf(libreoffice, docx, tmp_path)


def test_docx_survives_control_characters(small_pipe: Pipeline, h: SimpleNamespace,
                                          tmp_path: Path) -> None:
    text = h.CASE_SMALL.read_text(encoding="utf-8").replace(
        "casus: {id: t1, titel: Test}",
        'casus: {id: t1, titel: "Test\\x0bX", toelichting: "a\\x07b\\x08c"}')
    case = tmp_path / "control.yaml"
    case.write_text(text, encoding="utf-8")
    data = h.make_data(small_pipe, case)
    doc = Document(io.BytesIO(render_report(data, "docx")))
    assert doc.paragraphs[0].text == "Adviesrapport: TestX"
    assert "abc" in "\n".join(p.text for p in doc.paragraphs)
