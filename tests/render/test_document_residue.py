"""Engine residue in the document (review 8, #10): names, stops, empty sections, glosses.

A descriptive name ("De andere gemeenten van …", "Twee buurgemeenten") starts in lower
case after the first item of a list; a reasoning title that ends in an abbreviation gets no
second full stop; a case without opgaven says so instead of "for no opgave"; an option
name the case gives in English is not glossed with its form.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from pvrules.explain.context import ExplainContext
from pvrules.messages import Messages, listed, listed_name
from pvrules.pipeline import Pipeline, example_names
from pvrules.render.report import render_report

DAY = dt.date(2026, 12, 1)


@pytest.mark.parametrize(("name", "inside"), [
    ("De andere gemeenten van Hart van Brabant", "de andere gemeenten van Hart van Brabant"),
    ("Twee buurgemeenten", "twee buurgemeenten"),
    ("The other municipalities", "the other municipalities"),
    ("De Wolden", "De Wolden"),                  # a proper name
    ("Het Hogeland", "Het Hogeland"),
    ("Havenstad", "Havenstad"),
    ("A2-samenwerking", "A2-samenwerking"),
])
def test_a_descriptive_name_starts_in_lower_case_inside_a_list(name: str, inside: str) -> None:
    assert listed_name(name) == inside
    nl = Messages("nl")
    assert nl.join(["Tilburg", name]) == f"Tilburg {nl('word.and')} {inside}"
    assert nl.join([name, "Tilburg"]).startswith(name)   # first: may open a sentence
    assert listed([name, name]) == f"{inside}, {inside}"  # a table cell opens no sentence


def _ctx(name: str, lang: str = "nl") -> ExplainContext:
    pipe = Pipeline(engine_name="python")
    return ExplainContext(pipe.kb, pipe.evaluate(pipe.load_case(f"example:{name}")), lang)


def _md(ctx: ExplainContext, d: object | None = None) -> str:
    return render_report(d or ctx.decisions, "markdown", lang=ctx.lang, day=DAY).decode("utf-8")


def test_a_title_ending_in_an_abbreviation_gets_one_full_stop() -> None:
    ctx = _ctx("bar-2016")
    d = ctx.decisions
    chain = d.chains[0]
    short = dataclasses.replace(chain, title=f"{chain.title} — Nuenen c.a.")
    text = _md(ctx, dataclasses.replace(d, chains=(short, *d.chains[1:])))
    assert "Nuenen c.a.**" in text and "c.a..**" not in text
    html = render_report(dataclasses.replace(d, chains=(short, *d.chains[1:])), "html",
                         lang="nl", day=DAY).decode("utf-8")
    assert "c.a..</strong>" not in html and "c.a.</strong>" in html


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("name", example_names())
def test_a_case_without_opgaven_says_so(name: str) -> None:
    ctx = _ctx(name)
    d = ctx.decisions
    if d.case.document != "advies" or d.analysis:
        return
    text = _md(ctx)
    none = not ctx.result.case.entities.get("opgave")
    assert (ctx.msg("report.no_tasks_named") in text) is none, name
    assert (ctx.msg("report.no_tasks") in text) is not none, name


def test_an_option_named_in_english_is_not_glossed_with_its_form() -> None:
    ctx = _ctx("a2-2019", "en")
    d = ctx.decisions
    english = [r for dec in d.options for r in dec.options
               if ctx.result.case.english_of(("optie", r.id), "naam")]
    assert english, "the example names its options in English"
    text = " ".join([d.answer, *d.conclusion])
    forms = {v.id: v.en for v in ctx.kb.vocab.facts["optievorm"].values or ()}
    for row in english:
        assert row.label in text, row.label
        assert f"{row.label}’ ({forms[row.form or '']})" not in text, row.label
