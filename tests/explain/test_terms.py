"""Terms of samenwerking a draft uses are defined in appendix C, with a pointer in section 2.

A term (``knowledge/catalogues/begrip.yaml``) is listed when one of its word forms occurs as
a whole word in the body of the draft, in the draft's language, and it is in force on the
case's date; the appendix (reasoning, sources) does not count. Section 2 names the two least
known terms the draft uses. Checked on shipped examples and on the term finder itself.
"""

from __future__ import annotations

import dataclasses
import datetime
import re

import pytest

from pvrules.explain.terms import BODY, WORDS, terms_note, terms_used
from pvrules.pipeline import Pipeline
from pvrules.render.report import render_report
from tests.explain.shipped import example_ctx, shipped_examples

EXAMPLES = shipped_examples()


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline()


def _body(d: object) -> str:
    from pvrules.explain.terms import _strings

    return "\n".join(s for name in BODY for s in _strings(getattr(d, name)))


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("name", EXAMPLES)
def test_every_listed_term_is_used_and_every_used_term_listed(pipe: Pipeline, name: str,
                                                                lang: str) -> None:
    ctx = example_ctx(pipe, name, lang)
    d = ctx.decisions
    body = _body(d).casefold()
    cats = pipe.kb.catalogues
    listed = {t.id for t in d.terms}
    for item_id in cats.items_of("term"):
        item = cats.items[item_id]
        forms = [w.strip().casefold() for w in item.properties[WORDS].get(lang).split("|")]
        used = any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", body) for w in forms)
        if item.valid_from is None:
            assert (item_id in listed) == used, (item_id, used)
        else:
            assert item_id not in listed or used
    labels = [t.label.casefold() for t in d.terms]
    assert labels == sorted(labels)
    if d.terms:
        assert d.terms_note and "C" in d.terms_note


def test_a_term_only_in_the_appendix_is_not_listed(pipe: Pipeline) -> None:
    ctx = example_ctx(pipe, "a2-2019")
    d = ctx.decisions
    assert d.terms
    emptied = dataclasses.replace(d, **{name: type(getattr(d, name))() if not isinstance(
        getattr(d, name), str) else "" for name in BODY if name != "triangle"})
    still = terms_used(ctx, emptied)
    assert {t.id for t in still} < {t.id for t in d.terms}


def test_a_term_not_yet_in_force_is_left_out(pipe: Pipeline) -> None:
    from tests.explain.shipped import fresh_example_ctx

    ctx = fresh_example_ctx(pipe, "nieuwe-samenwerking-laag-vertrouwen")
    assert "begrip_bedrijfsvoeringsorganisatie" in {t.id for t in ctx.decisions.terms}
    result = dataclasses.replace(ctx.result, case=dataclasses.replace(
        ctx.result.case, peildatum=datetime.date(2014, 6, 1)))
    early = type(ctx)(ctx.kb, result, "nl")
    assert "begrip_bedrijfsvoeringsorganisatie" not in {t.id for t in
                                                        terms_used(early, ctx.decisions)}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_section_2_names_the_least_known_terms_and_appendix_c_defines_all(
        pipe: Pipeline, lang: str) -> None:
    ctx = example_ctx(pipe, "kleine-kwetsbare-gemeente", lang)
    d = ctx.decisions
    ranked = sorted(d.terms, key=lambda t: t.rank)
    assert d.terms_note == terms_note(ctx, d.terms)
    assert ranked[0].label.lower() in d.terms_note and ranked[1].label.lower() in d.terms_note
    assert ranked[-1].label.lower() not in d.terms_note
    text = render_report(d, "markdown", lang=lang, day=datetime.date(2026, 1, 1)).decode()
    appendix = text.split("\n## ")[-1]
    assert appendix.startswith("Bijlage C" if lang == "nl" else "Appendix C")
    for t in d.terms:
        assert f"**{t.label}**: {t.definition}." in appendix
    section2 = text.split("\n## 2. ")[1].split("\n## 3. ")[0]
    assert d.terms_note in section2
