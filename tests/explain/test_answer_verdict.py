"""An evaluative question gets a verdict in §1 (review 12, #1: "goed ingericht?").

"Zijn de regelingen goed ingericht?" is answered "grotendeels wel, maar niet op alle
punten: …" with what the case states, not only with the measures that follow from it.
"""

from __future__ import annotations

import dataclasses

import pytest

from pvrules.explain.answer_verdict import evaluative, points
from pvrules.pipeline import Pipeline

from .shipped import example_ctx, shipped_examples


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_question_whether_the_arrangements_are_in_order_gets_a_verdict(
        shipped_pipe: Pipeline, lang: str) -> None:
    ctx = example_ctx(shipped_pipe, "regionale-gr-jeugdhulp", lang)
    d = ctx.decisions
    assert evaluative(ctx)
    # the premises the case states (the line of each recommendation says its action first)
    found = points(ctx, tuple(dataclasses.replace(k, why=k.why[len(k.action):].strip())
                              for k in d.key_recommendations if k.why.startswith(k.action)))
    assert len(found) == 2, found  # no raadsrapporteurs; no zienswijzen
    head = ctx.msg("answer.verdict.mostly_else", points="\x00").split("\x00")[0]
    assert head in d.answer, d.answer
    at = d.answer.index(head)
    assert found[0] in d.answer[at:], d.answer
    # after the shortfall that opens (the passed Wgr deadline), before the measures
    assert d.answer.index("Wgr") < at < d.answer.index(ctx.msg("answer.ref_many",
                                                               numbers="3"))


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("name", shipped_examples())
def test_no_verdict_where_the_question_does_not_ask_for_one(shipped_pipe: Pipeline,
                                                            name: str) -> None:
    ctx = example_ctx(shipped_pipe, name)
    if evaluative(ctx):
        return
    for kind in ("answer.verdict.mostly", "answer.verdict.mostly_else", "answer.verdict.weak"):
        head = ctx.msg(kind, points="\x00").split("\x00")[0]
        assert head not in ctx.decisions.answer, ctx.decisions.answer
