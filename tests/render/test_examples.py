"""Every shipped example, end to end: the document in three formats, its rules, its length.

For each example: the first paragraph after the question is the answer; at most five key
recommendations; no options row without an effect; no reasoning chain in the body; the body
before the appendix fits on 8 A4 pages, printed by Chromium (print CSS) and by LibreOffice
(the Word file). No golden text here: the examples follow the live knowledge base, whose
content the expert tests cover; the golden documents run on the test knowledge base
(test_golden.py).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from pvrules.explain.context import ExplainContext
from pvrules.messages import Messages
from pvrules.pipeline import Pipeline, example_names
from pvrules.render.report import plain, render_report

EXAMPLES = example_names()
# Every shipped example end to end: slow; the test KB goldens cover the same code fast.
pytestmark = pytest.mark.slow
DAY = dt.date(2026, 11, 27)
MAX_BODY_PAGES = 8
MAX_NOTITIE_PAGES = 2
"""A notitie (``casus.document: notitie``) has no appendix: the whole of it is this short."""


def is_notitie(d: dict[str, Any]) -> bool:
    return bool(d["case"].get("document") == "notitie")


@pytest.fixture(scope="module")
def pipe() -> Iterator[Pipeline]:
    """The built-in knowledge base with the reference engine (stable across Pythons)."""
    pipeline = Pipeline(engine_name="python")
    yield pipeline
    pipeline.close()


_CACHE: dict[tuple[str, str], dict[str, Any]] = {}


def decisions_of(pipe: Pipeline, name: str, lang: str = "nl") -> dict[str, Any]:
    if (name, lang) not in _CACHE:
        result = pipe.evaluate_file(f"example:{name}")
        _CACHE[(name, lang)] = plain(ExplainContext(pipe.kb, result, lang).decisions)
    return _CACHE[(name, lang)]


@pytest.mark.parametrize("name", EXAMPLES)
def test_example_document_rules(pipe: Pipeline, name: str) -> None:
    d = decisions_of(pipe, name)
    text = render_report(d, "markdown", lang="nl", day=DAY).decode()
    m = Messages("nl")
    notitie = is_notitie(d)
    end = f"## {m('notitie.sources' if notitie else 'report.chains')}"
    # a notitie whose case names no sources of its own has no sources section
    body = text[:text.index(end)] if end in text or not notitie else text
    answer = m("notitie.answer" if notitie else "report.answer")
    first = body.split(f"## 1. {answer}", 1)[1].strip().split("\n\n")
    if notitie:  # the question is in the notitie's header, the answer comes first
        first = [f"**{m('report.question')}:**", *first]
    if d["case"]["question"]:
        assert first[0].startswith(f"**{m('report.question')}:**")
        first = first[1:]
    assert first[0] == d["answer"] or first[0].startswith(d["answer"][:40])
    assert len(d["key_recommendations"]) <= 5
    for decision in d["options"]:
        for option in decision["options"]:
            assert any(option["effects"].values()), option["id"]
    for chain in d["chains"]:  # the body refers to a chain, it does not repeat it
        if len(chain["text"]) > 80:
            assert body.count(chain["text"]) <= 1, chain["number"]
    assert not re.search(r"\b(regel|kennisbank|feit)\b", body.replace(d["answer"], "")
                         .replace(m("report.options_intro"), "")), "engine words in the body"


@pytest.mark.parametrize("name", EXAMPLES)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_example_formats_are_deterministic(pipe: Pipeline, name: str, lang: str) -> None:
    d = decisions_of(pipe, name, lang)
    for fmt in ("markdown", "html", "docx"):
        first = render_report(d, fmt, lang=lang, day=DAY)
        assert render_report(d, fmt, lang=lang, day=DAY) == first
    html = render_report(d, "html", lang=lang, day=DAY).decode()
    assert f'<html lang="{lang}">' in html and "<script" not in html


def html_body(html: str, mark: str) -> str:
    """The HTML page cut where the appendix starts."""
    start = html.index(mark)
    return html[:html.rindex("<", 0, start)] + "</main></body></html>\n"


def word_body(data: bytes, heading: str) -> bytes:
    """The Word document without the appendix (from its heading on)."""
    from docx import Document

    doc = Document(io.BytesIO(data))
    body = doc.element.body
    children = list(body)
    marker = next(p._p for p in doc.paragraphs if p.text.strip() == heading)
    start = children.index(marker)
    for el in children[start:]:
        if not el.tag.endswith("}sectPr"):
            body.remove(el)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("name", EXAMPLES)
def test_example_body_fits_8_pages_in_chromium(pipe: Pipeline, name: str, h: SimpleNamespace,
                                              chromium: str, tmp_path: Path) -> None:
    html = render_report(decisions_of(pipe, name), "html", lang="nl", day=DAY).decode()
    whole = h.pages_of(h.print_html_to_pdf(chromium, html, tmp_path, "whole"))
    if is_notitie(decisions_of(pipe, name)):
        assert whole <= MAX_NOTITIE_PAGES, f"{name}: the notitie takes {whole} A4 pages"
        return
    body = h.pages_of(h.print_html_to_pdf(chromium, html_body(html, h.APPENDIX_MARK),
                                          tmp_path, "body"))
    assert 1 <= body < whole
    assert body <= MAX_BODY_PAGES, f"{name}: the body takes {body} A4 pages"


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("name", EXAMPLES)
def test_example_body_fits_8_pages_in_libreoffice(pipe: Pipeline, name: str,
                                                  h: SimpleNamespace, libreoffice: str,
                                                  tmp_path: Path) -> None:
    data = render_report(decisions_of(pipe, name), "docx", lang="nl", day=DAY)
    whole, body = tmp_path / "whole.docx", tmp_path / "body.docx"
    whole.write_bytes(data)
    if is_notitie(decisions_of(pipe, name)):
        pages = h.pages_of(h.word_to_pdf(libreoffice, whole, tmp_path))
        assert pages <= MAX_NOTITIE_PAGES, f"{name}: the notitie takes {pages} A4 pages"
        return
    body.write_bytes(word_body(data, Messages("nl")("report.chains")))
    pages_whole = h.pages_of(h.word_to_pdf(libreoffice, whole, tmp_path))
    pages_body = h.pages_of(h.word_to_pdf(libreoffice, body, tmp_path))
    assert 1 <= pages_body < pages_whole
    assert pages_body <= MAX_BODY_PAGES, f"{name}: the body takes {pages_body} A4 pages"
