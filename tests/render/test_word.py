"""The Word document as a Dutch office expects it, checked with python-docx.

A4; nl-NL (en-GB for English) as the language of every style; page numbers in the footer;
a table of contents that Word updates on opening; real heading styles; title, subject and
author; nothing left of the default template (US Letter, en-US, thumbnail, python-docx).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm

from pvrules.render.report import render_report

DAY = dt.date(2026, 11, 27)


def word(decisions: dict[str, Any], lang: str = "nl", **kw: Any) -> bytes:
    return render_report(decisions, "docx", lang=lang, day=DAY, **kw)


@pytest.fixture(scope="module")
def dutch_word(h: Any) -> bytes:
    """The Word document of the test decisions in Dutch, rendered once for the tests that
    only read it (the decisions fixture gives each test its own copy to change)."""
    return word(h.load())


def test_a4_with_margins(dutch_word: bytes) -> None:
    for section in Document(io.BytesIO(dutch_word)).sections:
        assert abs(section.page_width - Mm(210)) < Mm(1)
        assert abs(section.page_height - Mm(297)) < Mm(1)
        assert section.left_margin >= Mm(15)


@pytest.mark.parametrize(("lang", "tag"), [("nl", "nl-NL"), ("en", "en-GB")])
def test_language_of_every_style(decisions: dict[str, Any], lang: str, tag: str) -> None:
    data = word(decisions, lang)
    doc = Document(io.BytesIO(data))
    root = doc.styles.element
    default = root.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert default.find(qn("w:lang")).get(qn("w:val")) == tag
    styles = root.findall(qn("w:style"))
    assert len(styles) > 10
    for style in styles:
        lang_el = style.find(qn("w:rPr")).find(qn("w:lang"))
        assert lang_el.get(qn("w:val")) == tag, style.get(qn("w:styleId"))
    assert doc.core_properties.language == tag
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.endswith(".xml"):
                assert b"en-US" not in z.read(name), name


def test_page_numbers_toc_and_update_on_open(dutch_word: bytes) -> None:
    data = dutch_word
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        document = z.read("word/document.xml").decode()
        settings = z.read("word/settings.xml").decode()
        footers = [z.read(n).decode() for n in z.namelist() if n.startswith("word/footer")]
        names = z.namelist()
    assert any("PAGE" in f and "fldChar" in f for f in footers)
    assert 'TOC \\o "1-2"' in document
    assert '<w:updateFields w:val="true"/>' in settings
    assert "savePreviewPicture" not in settings
    assert '<w:decimalSymbol w:val=","/>' in settings
    assert not [n for n in names if "thumbnail" in n or n.startswith("customXml")]
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        app = z.read("docProps/app.xml").decode()
    assert "Microsoft" not in app and "<Pages>" not in app


def test_headings_are_real_heading_styles(dutch_word: bytes) -> None:
    doc = Document(io.BytesIO(dutch_word))
    used = {p.style.name for p in doc.paragraphs if p.style is not None}
    assert {"Title", "Heading 1", "Heading 2"} <= used
    for p in doc.paragraphs:
        if p.text.startswith(("1. Kernboodschap", "Bijlage A")):
            assert p.style is not None and p.style.name == "Heading 1"


def test_properties(decisions: dict[str, Any]) -> None:
    props = Document(io.BytesIO(word(decisions))).core_properties
    assert props.title == f"Advies: {decisions['case']['title']}"
    assert props.subject == decisions["case"]["question"]
    assert props.author == "Bureau Voorbeeld"
    assert props.created is not None
    assert props.created.date() == dt.date(2026, 11, 27)
    assert "python-docx" not in f"{props.comments} {props.keywords} {props.author}"
    props = Document(io.BytesIO(word(decisions, author="A. Adviseur"))).core_properties
    assert props.author == "A. Adviseur"
    decisions["case"]["author"] = None
    assert Document(io.BytesIO(word(decisions))).core_properties.author == ""


def test_triangle_picture_inline(dutch_word: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(dutch_word)) as z:
        pictures = [n for n in z.namelist() if n.startswith("word/media/")]
    assert len(pictures) == 1 and pictures[0].endswith(".png")


def test_control_characters_do_not_corrupt(decisions: dict[str, Any]) -> None:
    decisions["answer"] += "\x00\x01\x0b\ufffe"
    doc = Document(io.BytesIO(word(decisions)))
    assert any(decisions["answer"][:30] in p.text for p in doc.paragraphs)


def test_shipped_template_is_what_the_script_builds(tmp_path: Path) -> None:
    """pvrules/render/templates/report.docx is exactly what scripts/make_docx_template.py writes."""
    import subprocess
    import sys
    from importlib import resources

    script = Path(__file__).resolve().parents[2] / "scripts" / "make_docx_template.py"
    if not script.exists():
        pytest.skip("scripts/ is not part of this checkout")
    out = tmp_path / "report.docx"
    subprocess.run([sys.executable, str(script), "--output", str(out)], check=True,
                   capture_output=True, timeout=120)
    shipped = (resources.files("pvrules.render") / "templates" / "report.docx").read_bytes()
    assert out.read_bytes() == shipped, "run python scripts/make_docx_template.py and commit"
