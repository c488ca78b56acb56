"""§6 weighs what the question is about and, after a choice, what the chosen course asks.

* A question about a condition the case states (low trust between partners) gets a §6
  sentence naming where it holds and the key recommendations that address it, by number.
* A question that names no such condition, or a condition the case does not state, gets none.
* After the raden chose a herindeling, §6 names what the course asks (the themes of the key
  recommendations) and its own risks, in both languages.
* A municipal client does not list the Provinciewet among the frameworks applied.
"""

from __future__ import annotations

import pytest

from pvrules.explain.agenda import frameworks
from pvrules.explain.conclusion_chosen import chosen_course
from pvrules.explain.conclusion_focus import focus
from pvrules.pipeline import Pipeline

from .shipped import example_ctx


def _head(ctx: object, key: str) -> str:
    say = ctx.msg  # type: ignore[attr-defined]
    return str(say(key, subject="\x00", who="", what="")).split("\x00")[0]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_low_trust_the_question_is_about_is_weighed(shipped_pipe: Pipeline, lang: str) -> None:
    ctx = example_ctx(shipped_pipe, "nieuwe-samenwerking-laag-vertrouwen", lang)
    dec = ctx.decisions
    sentence = focus(ctx, dec.triangle, dec.key_recommendations)
    low = [e.name for e in ctx.result.case.all_entities()
           if e.key[0] == "partner" and ctx.result.value(e.key, "vertrouwen") in (0, 1)]
    assert low and all(name in sentence for name in low)
    assert ctx.msg("conclusion.focus.vertrouwen.subject") in sentence
    refs = [i for i, k in enumerate(dec.key_recommendations, 1)
            if k.item in {"convenant_netwerk", "stapsgewijs_opbouwen",
                          "uitvoering_op_afspraak", "vertrouwen_herstellen"}]
    assert refs and ctx.msg("answer.ref_many", numbers=ctx.msg.join(
        [str(n) for n in refs])) in sentence
    assert sentence in " ".join(dec.conclusion)


@pytest.mark.parametrize("name", ["regionale-gr-jeugdhulp", "vijfheerenlanden-2017"])
def test_no_condition_in_the_question_no_focus_sentence(shipped_pipe: Pipeline, name: str) -> None:
    ctx = example_ctx(shipped_pipe, name)
    dec = ctx.decisions
    assert focus(ctx, dec.triangle, dec.key_recommendations) == ""
    assert _head(ctx, "conclusion.focus.said") not in " ".join(dec.conclusion)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_chosen_merger_says_what_it_asks_and_risks(shipped_pipe: Pipeline, lang: str) -> None:
    ctx = example_ctx(shipped_pipe, "vijfheerenlanden-2017", lang)
    dec = ctx.decisions
    table = next(d for d in dec.options if d.options)
    said = chosen_course(ctx, table, dec.key_recommendations)
    assert said and said in " ".join(dec.conclusion)
    asks = ctx.msg("conclusion.chosen_asks", what="\x00").split("\x00")[0]
    assert asks in said
    for key in ("herindeling_harmonisatie", "herindeling_financien"):
        theme = ctx.kb.catalogues.items[key].properties["theme"].get(lang)
        assert theme[:1].lower() + theme[1:] in said
    that = ctx.kb.catalogues.items["provinciegrens"].properties["risk_that"].get(lang)
    assert that in said


def test_no_choice_made_no_chosen_course(shipped_pipe: Pipeline) -> None:
    ctx = example_ctx(shipped_pipe, "a2-2019")
    asks = ctx.msg("conclusion.chosen_asks", what="\x00").split("\x00")[0]
    assert asks not in " ".join(ctx.decisions.conclusion)


@pytest.mark.parametrize(("name", "listed"), [("netwerk-private-partners", False),
                                              ("o-gen-2019", True)])
def test_provinciewet_only_for_a_province(shipped_pipe: Pipeline, name: str, listed: bool) -> None:
    ctx = example_ctx(shipped_pipe, name)
    assert ("provinciewet" in {f.id for f in frameworks(ctx)}) is listed
