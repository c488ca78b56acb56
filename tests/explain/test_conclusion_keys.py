"""§6 without options says what the key recommendations aim at (review 8: one-line §6).

The aim comes from the tags of the rules that give each key recommendation: a repair of a
weak corner names that corner; an example whose §6 weighs options gets no such sentence.
"""

from __future__ import annotations

import pytest

from pvrules.explain.basics import corner_label, in_sentence
from pvrules.explain.conclusion_keys import aims
from pvrules.pipeline import Pipeline

from .shipped import example_ctx, shipped_examples


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_weak_corner_repaired_by_a_key_recommendation_is_named_in_section_6(
        shipped_pipe: Pipeline, lang: str) -> None:
    ctx = example_ctx(shipped_pipe, "nieuwe-samenwerking-laag-vertrouwen", lang)
    dec = ctx.decisions
    weak = [c for c in dec.triangle.corners if c.rank == 0]
    assert weak and not any(d.options for d in dec.options)
    said = " ".join(dec.conclusion)
    sentence = aims(ctx, dec.key_recommendations, dec.triangle)
    assert sentence and sentence in said
    assert ctx.msg("conclusion.aim.repair_weak",
                   corner=corner_label(ctx, weak[0].id).lower()) in sentence


def test_section_6_that_weighs_options_adds_no_aims(shipped_pipe: Pipeline) -> None:
    ctx = example_ctx(shipped_pipe, "haren-2017")
    dec = ctx.decisions
    assert any(d.options for d in dec.options)
    sentence = aims(ctx, dec.key_recommendations, dec.triangle)
    assert not sentence or sentence not in " ".join(dec.conclusion)


def test_no_aim_no_sentence(shipped_pipe: Pipeline) -> None:
    ctx = example_ctx(shipped_pipe, "vijfheerenlanden-2017")
    dec = ctx.decisions
    assert aims(ctx, (), dec.triangle) == ""
    head = ctx.msg("conclusion.aims", aims="\x00").split("\x00")[0]
    one = ctx.msg("conclusion.aims_one", aims="\x00").split("\x00")[0]
    said = " ".join(dec.conclusion)
    assert (head in said or one in said) == bool(aims(ctx, dec.key_recommendations,
                                                      dec.triangle))


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("name", shipped_examples())
def test_the_conclusion_ends_with_the_advice_itself(shipped_pipe: Pipeline, name: str) -> None:
    """§6 names what we advise, never "de N kernaanbevelingen van hoofdstuk 1 uit te voeren"."""
    ctx = example_ctx(shipped_pipe, name)
    d = ctx.decisions
    if not d.conclusion or not d.key_recommendations:
        return
    text = " ".join(d.conclusion)
    assert "kernaanbevelingen van hoofdstuk 1" not in text, text
    for k in d.key_recommendations:  # each recommendation in its own words
        head = in_sentence(ctx, k.label.split(": ", 1)[0]).lower()
        assert text.lower().count(head) >= 1, (k.label, text)
