"""The document's structure, in every format and language, rendered from given decisions.

What advice-practice.md asks of the document: the kernboodschap answers the question first
with at most five key recommendations; the analysis, the options side by side ending in
"de raad kiest" unless the sources carry a preference; measures grouped by theme; route;
"Eerst uitzoeken"; then an appendix with every chain once and the bibliography.
"""

from __future__ import annotations

import html
import io
import json
import re
from html.parser import HTMLParser
from types import SimpleNamespace
from typing import Any

import pytest
from docx import Document

from pvrules.messages import Messages
from pvrules.render.report import render_report


def render(decisions: dict[str, Any], fmt: str, lang: str = "nl", **kw: Any) -> str:
    """The document's text. The same decisions (same data, same order) with the same
    options are rendered once per run: rendering is deterministic (``test_deterministic``)."""
    import datetime as dt

    key = (json.dumps(decisions), fmt, lang, json.dumps(kw, sort_keys=True))
    if key in _RENDERED:
        return _RENDERED[key]
    data = render_report(decisions, fmt, lang=lang, day=dt.date(2026, 11, 27), **kw)
    if fmt == "docx":
        doc = Document(io.BytesIO(data))
        text = "\n".join(p.text for p in doc.paragraphs) + "\n" + "\n".join(
            c.text for t in doc.tables for r in t.rows for c in r.cells)
    else:
        text = data.decode("utf-8")
        text = html.unescape(text) if fmt == "html" else text
    _RENDERED[key] = text
    return text


_RENDERED: dict[tuple[str, str, str, str], str] = {}


class Text(HTMLParser):
    """The visible text of an HTML page and its h2 headings."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.h2: list[str] = []
        self._in: str | None = None
        self._skip = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._skip = tag in ("style", "title", "svg") or self._skip
        if tag == "h2":
            self._in, self.h2 = "h2", [*self.h2, ""]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "title", "svg"):
            self._skip = False
        if tag == "h2":
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self.parts.append(data)
        if self._in == "h2":
            self.h2[-1] += data


def headings(text: str, fmt: str) -> list[str]:
    """The top-level sections, numbers stripped."""
    if fmt == "markdown":
        found = re.findall(r"^## (.+)$", text, flags=re.M)
    else:
        parser = Text()
        parser.feed(text)
        found = parser.h2
    return [re.sub(r"^\d+\.\s*", "", h).strip() for h in found]


SECTIONS = ("report.answer", "report.background", "report.analysis", "report.options",
            "report.measures", "report.route", "report.find_out", "report.chains",
            "report.sources")


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_sections_in_order_in_the_language(decisions: dict[str, Any], fmt: str,
                                           lang: str) -> None:
    m = Messages(lang)
    assert headings(render(decisions, fmt, lang), fmt) == [m(k) for k in SECTIONS]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_word_has_the_sections_as_real_headings(decisions: dict[str, Any], lang: str) -> None:
    import datetime as dt

    m = Messages(lang)
    doc = Document(io.BytesIO(render_report(decisions, "docx", lang=lang,
                                            day=dt.date(2026, 11, 27))))
    h1 = [re.sub(r"^\d+\.\s*", "", p.text) for p in doc.paragraphs
          if p.style is not None and p.style.name == "Heading 1"]
    assert h1 == [m(k) for k in SECTIONS]
    h2 = [p.text for p in doc.paragraphs if p.style is not None and p.style.name == "Heading 2"]
    assert f"4.1 {decisions['options'][0]['question']}" in h2


@pytest.mark.parametrize("fmt", ["markdown", "html", "docx"])
def test_the_answer_comes_first(decisions: dict[str, Any], fmt: str) -> None:
    text = render(decisions, fmt)
    answer = text.find(decisions["answer"][:60])
    assert answer > 0
    for later in (Messages("nl")("report.background"), decisions["options"][0]["question"]):
        assert answer < text.find(later)
    last = answer
    for n, rec in enumerate(decisions["key_recommendations"], start=1):
        at = text.find(rec["label"])
        assert last < at < text.find(Messages("nl")("report.background")), rec["label"]
        last = at
        number = "<li><strong>" if fmt == "html" else f"{n}. "
        assert number in text[max(0, at - 40):at + 5]


@pytest.mark.parametrize("fmt", ["markdown", "html", "docx"])
def test_each_chain_once_and_referred_to_by_number(decisions: dict[str, Any], fmt: str) -> None:
    text = render(decisions, fmt)
    m = Messages("nl")
    appendix = text.find(m("report.chains"))
    body, tail = text[:appendix], text[appendix:]
    for chain in decisions["chains"]:
        assert tail.count(m("report.chain", n=chain["number"]) + ". ") == 1
        texts = [st[1] for st in chain["steps"]] if len(chain["steps"]) > 1 else [chain["text"]]
        for text_ in texts:  # a chain of several steps shows its steps, not their sum
            assert tail.count(text_) == 1
            assert body.count(text_) == 0
    assert m("report.see_chain", n=1) in body
    assert body.count(m("report.see_chain", n=2)) >= 1


@pytest.mark.parametrize("fmt", ["markdown", "html", "docx"])
def test_more_than_five_are_grouped_by_theme(decisions: dict[str, Any], fmt: str) -> None:
    text = render(decisions, fmt)
    groups = decisions["recommendation_groups"]
    more = sum(len(g["items"]) for g in groups)
    assert Messages("nl")("report.more_recommendations", n=more, section=5) in text
    for g in groups:
        assert g["label"] in text
        for item in g["items"]:
            # one bullet per measure: what, for whom (by name), one clause why, its reasoning
            bullet = next(line for line in text.splitlines() if item["label"] in line
                          and item["why"] in line)
            assert text.find(g["label"]) < text.find(bullet)
            if item.get("target"):
                assert f"voor {item['target']}" in bullet
            assert Messages("nl")("report.see_chain", n=item["chain"]) in bullet


@pytest.mark.parametrize("fmt", ["markdown", "html", "docx"])
def test_the_council_chooses_unless_a_preference(decisions: dict[str, Any], fmt: str) -> None:
    m = Messages("nl")
    chooses = m("report.chooser_chooses", chooser="de raad")
    assert chooses in render(decisions, fmt)
    decisions["options"][0]["preference"] = {"option": "Samenwerking versterken",
                                             "strength": "middel", "why": "Omdat het kan."}
    text = render(decisions, fmt)
    assert chooses not in text
    assert m("report.preference", option="Samenwerking versterken", strength="middel",
             why="Omdat het kan.") in text
    decisions["options"][0]["text"] = "Wat de analyse over deze keuze zegt."
    assert "Wat de analyse over deze keuze zegt." in render(decisions, fmt)


@pytest.mark.parametrize("fmt", ["markdown", "html", "docx"])
def test_options_side_by_side_with_criteria_and_unknowns(decisions: dict[str, Any],
                                                         fmt: str) -> None:
    text = render(decisions, fmt)
    for option in decisions["options"][0]["options"]:
        for effect in option["effects"].values():
            assert effect["reason"] in text
        for criterion in option["criteria"]:
            assert criterion["reason"] in text
            for unknown in criterion["unknown"]:
                assert unknown in text
        for risk in option["risks"]:
            assert risk["reason"].rstrip(" .;") in text  # in a list: its own stop dropped
    assert "−" in text  # a real minus sign for a negative effect


@pytest.mark.parametrize("fmt", ["markdown", "html", "docx"])
def test_background_route_find_out_and_bibliography(decisions: dict[str, Any],
                                                    fmt: str) -> None:
    text = render(decisions, fmt)
    assert decisions["case"]["client"]["naam"] in text
    assert "1 september 2019" in text  # the reference date, in words
    assert decisions["frameworks"][0]["label"] in text
    for step in decisions["route"]:
        assert step["label"] in text
    first, second = decisions["find_out_first"]
    assert text.find(first["question"]) < text.find(second["question"])
    berenschot = decisions["sources"][1]
    assert "Berenschot, " in text and berenschot["title"] in text
    assert "https://wetten.overheid.nl/BWBR0003740" in text


@pytest.mark.parametrize("fmt", ["markdown", "html", "docx"])
def test_no_source_url_unless_a_web_address(decisions: dict[str, Any], fmt: str) -> None:
    decisions["sources"][0]["url"] = "javascript:alert(1)"
    assert "javascript:" not in render(decisions, fmt)


@pytest.mark.parametrize("fmt", ["markdown", "html", "docx"])
def test_author_from_the_option_over_the_case(decisions: dict[str, Any], fmt: str) -> None:
    assert "Bureau Voorbeeld" in render(decisions, fmt)
    text = render(decisions, fmt, author="A. Adviseur")
    assert "A. Adviseur" in text and "Bureau Voorbeeld" not in text


@pytest.mark.parametrize("fmt", ["markdown", "html", "docx"])
def test_empty_decisions_still_make_a_document(decisions: dict[str, Any], fmt: str) -> None:
    for key in ("key_recommendations", "recommendation_groups", "advised_against", "options",
                "route", "find_out_first", "frameworks", "chains", "sources", "analysis"):
        decisions[key] = []
    decisions["triangle"]["balance"] = None
    text = render(decisions, fmt)
    m = Messages("nl")
    for key in ("report.no_recommendations", "report.no_measures", "report.no_route",
                "report.nothing_to_find_out_no_options", "report.no_frameworks",
                "report.no_sources"):
        assert m(key) in text


def test_deterministic(decisions: dict[str, Any], h: SimpleNamespace) -> None:
    import datetime as dt

    for fmt in ("markdown", "html", "docx"):
        first = render_report(decisions, fmt, lang="nl", day=dt.date(2026, 11, 27))
        assert render_report(h.load(), fmt, lang="nl", day=dt.date(2026, 11, 27)) == first


@pytest.mark.parametrize("fmt", ["markdown", "html", "docx"])
def test_a_form_in_the_tasks_table_is_not_repeated_as_a_measure(decisions: dict[str, Any],
                                                               fmt: str) -> None:
    row = decisions["analysis"][0]
    decisions["recommendation_groups"][1]["items"].append(
        {"item": row["form"], "label": "Vorm al in de tabel", "target": row["label"],
         "strength": "middel", "why": row["why"], "chain": row["chain"]})
    text = render(decisions, fmt)
    assert "Vorm al in de tabel" not in text
    assert Messages("nl")("report.more_recommendations", n=3, section=5) in text


@pytest.mark.parametrize("fmt", ["markdown", "html", "docx"])
def test_a_risk_does_not_repeat_the_effect_it_comes_from(decisions: dict[str, Any],
                                                         fmt: str) -> None:
    option = decisions["options"][0]["options"][1]
    option["risks"][0]["reason"] = option["effects"]["organisatie"]["reason"]
    text = render(decisions, fmt)
    assert text.count(option["effects"]["organisatie"]["reason"]) == 1
    assert option["risks"][0]["label"] in text


@pytest.mark.parametrize("fmt", ["markdown", "html", "docx"])
def test_a_recommendation_on_uncertain_facts_says_so(decisions: dict[str, Any],
                                                     fmt: str) -> None:
    note = Messages("nl")("report.uncertain")
    assert note not in render(decisions, fmt)
    decisions["key_recommendations"][1]["uncertain"] = True
    text = render(decisions, fmt)
    assert text.count(note) == 1
    assert text.find(decisions["key_recommendations"][1]["label"]) < text.find(note)
