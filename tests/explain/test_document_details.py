"""Document details of the rendered report (review 9, item 6): Markdown that renders as meant.

On one shipped example with both case sources and literature.
"""

from __future__ import annotations

import datetime as dt

import pytest

from pvrules.pipeline import Pipeline
from pvrules.render.report import render_report

from .shipped import example_ctx


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline([], [], "python")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_literature_heading_is_its_own_paragraph(pipe: Pipeline, lang: str) -> None:
    """Without a blank line before it, "*Literatuur, wet- en regelgeving*" renders glued to
    the last item of the list above it."""
    ctx = example_ctx(pipe, "a2-2019", lang)
    text = render_report(ctx.decisions, "markdown", lang=lang,
                         day=dt.date(2026, 12, 2)).decode("utf-8")
    lines = text.splitlines()
    heading = f"*{ctx.msg('report.literature')}*"
    at = lines.index(heading)
    assert lines[at - 1] == "" and lines[at + 1] == "", lines[at - 2:at + 2]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_an_empty_measures_chapter_says_why(pipe: Pipeline, lang: str) -> None:
    """Not a bare "Geen verdere maatregelen." as a whole chapter: where the key
    recommendations carry every measure, chapter 5 says so in one sentence."""
    ctx = example_ctx(pipe, "nieuwe-samenwerking-laag-vertrouwen", lang)
    d = ctx.decisions
    assert d.key_recommendations and d.analysis
    for fmt in ("markdown", "html"):
        text = render_report(d, fmt, lang=lang, day=dt.date(2026, 12, 2)).decode("utf-8")
        assert ctx.msg("report.no_measures_key_tasks") in text
        assert ctx.msg("report.no_measures") not in text


@pytest.mark.parametrize("name", ["a2-2019", "voorschoten-2019"])
def test_the_approach_points_to_documents_only_with_a_source_number(pipe: Pipeline,
                                                                    name: str) -> None:
    """"wat de stukken zeggen over …: zij geven daar een oordeel" needs a document to point
    to; without a source number the sentence says it goes by the file (review 9, item 6)."""
    import re

    ctx = example_ctx(pipe, name)
    approach = ctx.decisions.approach
    assert approach is not None
    cited = ctx.msg("report.approach_rests", facts="§").split("§")[0]
    uncited = ctx.msg("report.approach_rests_uncited", facts="§").split("§")[0]
    for sentence in re.split(r"(?<=\.) ", approach.text):
        if sentence.startswith(cited):
            assert re.search(r"\[\d", sentence), sentence
    assert cited in approach.text or uncited in approach.text


def test_clauses_about_one_entity_name_it_once(pipe: Pipeline) -> None:
    """"welke vorm het verband heeft (bij X) [3], wie het bestuur vormen (bij X) [3]" names X
    and the source once (review 9, blind: three clauses each with "(bij X) [3]")."""
    from pvrules.explain.approach import _joined

    ctx = example_ctx(pipe, "a2-2019")
    at = ctx.msg("report.approach_for", fact="welke vorm het verband heeft", names="X")
    other = ctx.msg("report.approach_for", fact="wie het bestuur vormen", names="X")
    elsewhere = ctx.msg("report.approach_for", fact="wie het bestuur vormen", names="Y")
    out = _joined(ctx, [f"{at} [3]", "het draagvlak [1]", f"{other} [3]", f"{elsewhere} [3]"])
    assert out[0].count("X") == 1 and out[0].endswith("[3]")
    assert "welke vorm het verband heeft" in out[0] and "wie het bestuur vormen" in out[0]
    assert out[1:] == ["het draagvlak [1]", f"{elsewhere} [3]"]


def test_a_reasoning_header_cites_its_own_sources_and_each_step_its_own(pipe: Pipeline) -> None:
    """Review 9 #7 (fourth review): "Preventief toezicht: eerst financieel herstel … [4, 5, 2,
    6]" cited the business-case steps' sources at the header. The header cites the sources of
    the reasoning that names it; each step below cites its own."""
    import re

    ctx = example_ctx(pipe, "kleine-kwetsbare-gemeente")
    checked = 0
    for chain in ctx.decisions.chains:
        if len(chain.steps) < 2:
            continue
        cited = {title: {int(n) for n in re.findall(r"\d+", m.group(1))}
                 for title, text in chain.steps
                 for m in [re.search(r"\[([\d, ]+)\]$", text)] if m}
        named = cited.get(chain.title.rstrip("."))
        if named is None:
            continue
        assert set(chain.sources) == named, (chain.title, chain.sources, cited)
        checked += 1
        if len(set().union(*cited.values())) > len(named):
            checked += 10  # a step cites a source the header does not
    assert checked > 10
