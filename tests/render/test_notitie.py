"""The notitie "Eerste indruk en plan van aanpak" (``casus.document: notitie``).

Rendered end to end on the small test knowledge base (a copy whose measures say who does
them and how long they take), in Markdown and HTML, Dutch and English; and checked that a
notitie never carries what only a raad advice has (route table, kaders, options chapter).
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml

from pvrules.explain.context import ExplainContext
from pvrules.messages import Messages
from pvrules.pipeline import Pipeline
from pvrules.render.notitie import notitie_hint
from pvrules.render.report import plain, render_report

DATA = Path(__file__).resolve().parents[1] / "data"
CASE = DATA / "notitie" / "notitie.yaml"
DAY = dt.date(2026, 11, 27)
EXT = {"markdown": "md", "html": "html"}
WHO = {"nl": "Het college", "en": "The executive"}
DURATION = {"nl": "twee maanden", "en": "two months"}
MEASURES = ("participatie", "capaciteit_opbouwen")


@pytest.fixture(scope="module")
def knowledge(tmp_path_factory: pytest.TempPathFactory, h: SimpleNamespace) -> Path:
    """The small test knowledge base with ``who`` and ``properties.duration`` on each measure."""
    folder = tmp_path_factory.mktemp("notitie-kb")
    shutil.copytree(h.KB_KNOWLEDGE, folder, dirs_exist_ok=True)
    measures = folder / "measures.yaml"
    data = yaml.safe_load(measures.read_text(encoding="utf-8"))
    for item in data["items"]:
        item["who"] = WHO
        item["properties"] = {"duration": DURATION}
    measures.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return folder


def _decisions(h: SimpleNamespace, knowledge: Path, case: Path, lang: str) -> dict[str, Any]:
    pipe = Pipeline(rules_dirs=[h.KB_RULES], knowledge_dirs=[knowledge],
                    engine_name="python", include_builtin=False)
    try:
        result = pipe.evaluate_file(str(case))
        return dict(plain(ExplainContext(pipe.kb, result, lang).decisions))
    finally:
        pipe.close()


@pytest.fixture(scope="module")
def decided(h: SimpleNamespace, knowledge: Path) -> dict[str, dict[str, Any]]:
    return {lang: _decisions(h, knowledge, CASE, lang) for lang in ("nl", "en")}


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_notitie_golden(fmt: str, lang: str, decided: dict[str, dict[str, Any]],
                        h: SimpleNamespace, golden: Callable[..., None]) -> None:
    text = render_report(decided[lang], fmt, lang=lang, day=DAY).decode("utf-8")
    golden(h.GOLDEN / f"notitie.{lang}.{EXT[fmt]}", text, dates=[DAY])


def test_the_plan_is_the_key_recommendations_with_who_and_duration(
        decided: dict[str, dict[str, Any]]) -> None:
    for lang, data in decided.items():
        assert data["case"]["document"] == "notitie"
        keys = [r["item"] for r in data["key_recommendations"]]
        assert keys, "the test case must give key recommendations"
        assert [s["item"] for s in data["plan"]] == keys
        for step in data["plan"]:  # only the measures say who and how long
            measure = step["item"] in MEASURES
            assert step["who"] == (WHO[lang] if measure else None)
            assert step["duration"] == (DURATION[lang] if measure else None)
        assert any(s["item"] in MEASURES for s in data["plan"])


def test_what_the_case_states_carries_its_certainty(decided: dict[str, dict[str, Any]]) -> None:
    stated = decided["nl"]["stated"]
    low = [line for line in stated if "(zekerheid: laag)" in line]
    assert len(low) == 1 and low[0].startswith("Draagvlak")
    assert any(line.endswith(" is gemiddeld.") for line in stated)  # capaciteit, certain


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_a_notitie_has_no_route_kaders_or_options(
        fmt: str, lang: str, decided: dict[str, dict[str, Any]]) -> None:
    data = decided[lang]
    # give it what a raad advice would show, so leaving it out is the template's doing
    step: dict[str, Any] = {"step": "raadsbesluit", "label": "Raadsbesluit XYZ", "who": "de raad",
            "when": None, "law": "Gemeentewet", "options": [], "choice": None}
    data = {**data, "route": [step], "route_groups": [{"heading": None, "steps": [step],
                                                        "first": 1}],
            "frameworks": [{"id": "gw", "label": "Gemeentewet KADER", "applied_for": "2026-11-27",
                            "valid_from": None, "valid_to": None}]}
    text = render_report(data, fmt, lang=lang, day=DAY).decode("utf-8")
    m = Messages(lang)
    for absent in ("Raadsbesluit XYZ", "Gemeentewet KADER", m("report.route"),
                   m("report.options"), m("report.chains")):
        assert absent not in text
    for present in ("notitie.answer", "notitie.known", "notitie.unknown", "notitie.plan",
                    "notitie.bodies"):
        assert m(present) in text


def test_an_advice_is_unchanged_by_default(h: SimpleNamespace, knowledge: Path) -> None:
    data = _decisions(h, knowledge, h.CASE_SMALL, "nl")
    assert data["case"]["document"] == "advies"
    assert data["plan"] == [] and data["stated"] == []
    text = render_report(data, "markdown", lang="nl", day=DAY).decode("utf-8")
    assert Messages("nl")("report.route") in text


@pytest.mark.parametrize("fmt", ["markdown", "html", "docx"])
def test_at_most_six_unknowns_and_the_rest_named(fmt: str,
                                                 decided: dict[str, dict[str, Any]]) -> None:
    """Review 6 and 7: "Daarnaast zijn er 2 kleinere vragen" is a count the reader cannot use;
    the rest is named in one sentence, in plain words."""
    data = decided["nl"]
    item: dict[str, Any] = {"fact": "f", "label": "Vraag", "entity": None, "question": "Hoe?",
                            "weight": 1, "facts": [], "rules": [], "decisive": False,
                            "subject": "", "source": None}
    many = [{**item, "label": f"Vraag {i}", "question": f"Hoe staat het met punt {i}?",
             "subject": f"hoe het met punt {i} staat"} for i in range(9)]
    raw = render_report({**data, "find_out_first": many}, fmt, lang="nl", day=DAY)
    if fmt == "docx":
        from docx import Document

        text = "\n".join(p.text for p in Document(io.BytesIO(raw)).paragraphs)
    else:
        text = raw.decode("utf-8")
    assert "punt 5?" in text and "punt 6?" not in text
    assert "Vraag 5" not in text  # the question says it; no field label in front
    m = Messages("nl")
    assert m("notitie.unknown_more", what=m.join(
        [f"hoe het met punt {i} staat" for i in (6, 7, 8)])) in text
    assert "kleinere vragen" not in text


@pytest.mark.parametrize("fmt", ["markdown", "html", "docx"])
def test_the_find_out_intro_says_the_advice_can_change_only_when_it_can(
        fmt: str, h: SimpleNamespace, knowledge: Path) -> None:
    """Review 6: when §8 lists only items that change a measure, a risk or the toets (none
    can change the direction), its intro does not say the advice can change."""
    data = _decisions(h, knowledge, h.CASE_SMALL, "nl")
    item: dict[str, Any] = {"fact": "f", "label": "Vraag", "entity": None, "question": "Hoe?",
                            "weight": 1, "facts": ["f"], "rules": [], "decisive": False,
                            "subject": "hoe", "source": None}
    m = Messages("nl")
    for minor in (False, True):
        raw = render_report({**data, "find_out_first": [{**item, "minor": minor}]}, fmt,
                            lang="nl", day=DAY)
        if fmt == "docx":
            from docx import Document

            text = "\n".join(p.text for p in Document(io.BytesIO(raw)).paragraphs)
        else:
            text = raw.decode("utf-8")
        said, other = ("report.find_out_intro_minor", "report.find_out_intro") if minor \
            else ("report.find_out_intro", "report.find_out_intro_minor")
        assert m(said) in text and m(other) not in text, (fmt, minor)


def test_word_has_the_notitie_and_no_route(decided: dict[str, dict[str, Any]]) -> None:
    from docx import Document

    for lang, data in decided.items():
        raw = render_report(data, "docx", lang=lang, day=DAY)
        assert raw == render_report(data, "docx", lang=lang, day=DAY)  # same bytes
        doc = Document(io.BytesIO(raw))
        text = "\n".join(p.text for p in doc.paragraphs)
        cells = "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
        m = Messages(lang)
        assert doc.paragraphs[0].text.startswith(m("notitie.title"))
        for key in ("notitie.known", "notitie.unknown", "notitie.plan", "notitie.bodies"):
            assert m(key) in text
        assert m("report.route") not in text and m("report.options") not in text
        assert "{{" not in text + cells and "{%" not in text + cells
        assert DURATION[lang] in cells and WHO[lang] in cells
        assert data["stated"][0] in text


def test_an_early_advice_gets_a_hint_and_a_full_one_does_not(
        decided: dict[str, dict[str, Any]]) -> None:
    data = decided["nl"]
    unknown = [{**c, "rank": None} for c in data["triangle"]["corners"]]
    early = {**data, "case": {**data["case"], "document": "advies"}, "options": [],
             "triangle": {**data["triangle"], "corners": unknown}}
    assert notitie_hint(early, "nl") == Messages("nl")("notitie.hint")
    assert notitie_hint(early, "en") == Messages("en")("notitie.hint")
    assert notitie_hint({**early, "case": data["case"]}, "nl") is None  # already a notitie
    assert notitie_hint({**early, "options": [{"id": "x"}]}, "nl") is None
    known = [{**c, "rank": 1} for c in unknown]
    half = [*known[:2], *unknown[2:]]
    assert notitie_hint({**early, "triangle": {"corners": half}}, "nl") is None


@pytest.mark.parametrize(("case", "hinted"), [(DATA / "cases" / "onbekend.yaml", True),
                                              (DATA / "case_small.yaml", False)])
def test_report_cli_hints_at_a_notitie_for_an_early_case(
        case: Path, hinted: bool, h: SimpleNamespace, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from pvrules.cli import main

    target = tmp_path / "advies.md"
    result = CliRunner().invoke(main, ["report", str(case), *h.SMALL_KB_ARGS, "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""  # the document went to the file
    assert target.read_text(encoding="utf-8").startswith("# ")
    assert (Messages("nl")("notitie.hint") in result.stderr) is hinted


@pytest.mark.parametrize("fmt", ["markdown", "html", "docx"])
def test_public_records_to_fill_in_are_named(fmt: str,
                                             decided: dict[str, dict[str, Any]]) -> None:
    data = decided["nl"]
    item: dict[str, Any] = {"fact": "n", "label": "Aantal verbanden", "entity": "Gemeente A",
                            "question": "Hoeveel?", "weight": 1, "facts": ["n"], "rules": [],
                            "decisive": False, "subject": "", "source": None}
    raw = render_report({**data, "fill_in": [item]}, fmt, lang="nl", day=DAY)
    if fmt == "docx":
        from docx import Document

        text = "\n".join(p.text for p in Document(io.BytesIO(raw)).paragraphs)
    else:
        text = raw.decode("utf-8")
    assert Messages("nl")("report.fill_in") in text
    assert "Aantal verbanden (Gemeente A)." in text
    if fmt != "docx" and not data["fill_in"]:  # nothing to fill in: no such line
        plain_text = render_report(data, fmt, lang="nl", day=DAY).decode("utf-8")
        assert Messages("nl")("report.fill_in") not in plain_text


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_a_notitie_lists_only_the_case_sources_and_never_the_tool(
        fmt: str, decided: dict[str, dict[str, Any]]) -> None:
    data = decided["nl"]
    own = {"id": "eigen", "number": 1, "title": "Brief van de gemeente EIGEN", "author": None,
           "publisher": "Gemeente", "year": 2024, "url": None, "case": True}
    other = {**own, "id": "lit", "number": 2, "title": "Handboek LITERATUUR", "case": False}
    m = Messages("nl")
    with_own = render_report({**data, "sources": [own, other]}, fmt, lang="nl",
                             day=DAY).decode("utf-8")
    assert "Brief van de gemeente EIGEN" in with_own and "Handboek LITERATUUR" not in with_own
    none = render_report({**data, "sources": [other]}, fmt, lang="nl", day=DAY).decode("utf-8")
    assert m("notitie.sources") not in none and "Handboek LITERATUUR" not in none
    assert "pvrules" not in none.lower().split("<body", 1)[-1]


@pytest.mark.parametrize("fmt", ["markdown", "html", "docx"])
def test_the_notitie_intro_follows_whether_its_questions_change_the_direction(
        fmt: str, decided: dict[str, dict[str, Any]]) -> None:
    """As §8 of an advice: lighter questions only are not said to decide the advice."""
    data = decided["nl"]
    item: dict[str, Any] = {"fact": "f", "label": "Vraag", "entity": None, "question": "Hoe?",
                            "weight": 1, "facts": ["f"], "rules": [], "decisive": False,
                            "subject": "hoe", "source": None}
    m = Messages("nl")
    for minor in (False, True):
        raw = render_report({**data, "find_out_first": [{**item, "minor": minor}]}, fmt,
                            lang="nl", day=DAY)
        if fmt == "docx":
            from docx import Document

            text = "\n".join(p.text for p in Document(io.BytesIO(raw)).paragraphs)
        else:
            text = raw.decode("utf-8")
        said, other = ("notitie.unknown_intro_minor", "notitie.unknown_intro") if minor \
            else ("notitie.unknown_intro", "notitie.unknown_intro_minor")
        assert m(said) in text and m(other) not in text, (fmt, minor)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_what_the_case_states_is_said_not_asked(decided: dict[str, dict[str, Any]],
                                                lang: str) -> None:
    """§2 of a notitie states what we were told ("Ambitie: hoog"), not the vocabulary's
    question with its answer ("Is de keuze politiek gevoelig? Nee.") (review 9)."""
    stated = decided[lang]["stated"]
    assert stated
    for line in stated:
        assert "?" not in line, line
        assert line[:1].isupper() and line.endswith("."), line


def test_advise_prints_the_notitie_the_report_writes(h: SimpleNamespace, knowledge: Path,
                                                     tmp_path: Path) -> None:
    """Review 11: ``pvrules advise`` on a notitie case printed an advice 'voordat het de raad
    bereikt'; it prints the same notitie as ``pvrules report`` (Markdown)."""
    from click.testing import CliRunner

    from pvrules.cli import main

    kb = ["--no-builtin", "--rules-dir", str(h.KB_RULES), "--knowledge-dir", str(knowledge)]
    target = tmp_path / "notitie.md"
    day = ["--date", DAY.isoformat()]
    written = CliRunner().invoke(main, ["report", str(CASE), *kb, *day, "-o", str(target)])
    assert written.exit_code == 0, written.output
    printed = CliRunner().invoke(main, ["advise", str(CASE), *kb, *day])
    assert printed.exit_code == 0, printed.output
    assert printed.stdout == target.read_text(encoding="utf-8")
    assert printed.stdout.startswith("# " + Messages("nl")("notitie.title"))
