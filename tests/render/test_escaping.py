"""Case and knowledge-base text shows as text: in Markdown, HTML, Word and on a terminal."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from types import SimpleNamespace
from typing import Any

import pytest

from pvrules.render.escape import md_text, strip_control
from pvrules.render.report import context, render_report
from pvrules.render.terminal import render_terminal

DAY = dt.date(2026, 11, 27)


UNESCAPED = r"(?<!\\)"
"""Not preceded by a backslash: Markdown reads the character as markup."""


@pytest.mark.parametrize(("text", "must_not"), [
    ("<script>alert(1)</script>", UNESCAPED + "<script"),
    ("[klik](javascript:alert(1))", UNESCAPED + r"\]\(javascript:"),
    ("a <!-- b", UNESCAPED + "<!--"),
    ("regel\n# Kop", r"^#"),
    ("| a | b |", UNESCAPED + r"\| a"),
    ("x\x1b[2Jy", "\x1b"),
])
def test_md_text_neutralises(text: str, must_not: str) -> None:
    assert not re.search(must_not, md_text(text), flags=re.M)


def test_md_text_keeps_plain_text_readable() -> None:
    assert md_text("Sociaal domein (toegang, Wmo): 3,5 fte — 20%") == \
        "Sociaal domein (toegang, Wmo): 3,5 fte — 20%"
    assert md_text("1. eerst") == "1\\. eerst"


def test_markdown_document_carries_no_markup_from_the_case(decisions: dict[str, Any],
                                                          h: SimpleNamespace) -> None:
    text = render_report(h.hostile(decisions), "markdown", lang="nl", day=DAY).decode()
    for markup in ("<script", "<!--", r"\]\(javascript:", "<javascript:"):
        assert not re.search(UNESCAPED + markup, text), markup
    assert "\x1b" not in text and "\x9b" not in text and "\x07" not in text
    assert not re.search(r"^#+ Kop uit de casus", text, flags=re.M)
    assert not re.search(r"^\|---\|---\|$", text, flags=re.M)  # no table from case text
    assert "Kop uit de casus" in text  # the text itself is still there


def test_html_document_escapes(decisions: dict[str, Any], h: SimpleNamespace) -> None:
    text = render_report(h.hostile(decisions), "html", lang="nl", day=DAY).decode()
    assert "<script" not in text
    assert "&lt;script&gt;" in text
    assert "<!-- verborgen" not in text
    assert 'href="javascript:' not in text
    assert "\x1b" not in text


def test_word_document_escapes(decisions: dict[str, Any], h: SimpleNamespace) -> None:
    from docx import Document

    data = render_report(h.hostile(decisions), "docx", lang="nl", day=DAY)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read("word/document.xml").decode()
    assert "<script>" not in xml and "&lt;script&gt;" in xml
    assert "\x1b" not in xml
    text = "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    assert "<script>alert(1)</script>" in text  # shown as text


def test_terminal_strips_escape_sequences(decisions: dict[str, Any], h: SimpleNamespace) -> None:
    ctx = context(h.hostile(decisions), "nl", DAY)
    for colour in (False, True):
        out = render_terminal(ctx, 80, colour)
        assert "\x07" not in out and "\x9b" not in out and "2J" not in out
        escapes = re.findall(r"\x1b\[[0-9;]*m", out)
        assert len(escapes) == out.count("\x1b")  # only our own colour codes
        assert bool(escapes) == colour


def test_strip_control_keeps_newlines_and_letters() -> None:
    assert strip_control("één\ttwee\ndrie\x1b[31mrood\x1b[0m\x00") == "één\ttwee\ndrierood"
