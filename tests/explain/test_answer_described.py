"""A part of the question is answered with what to do, not a bare label after a colon.

"Om met weinig vertrouwen toch samen te werken: begin licht en van onderop, … (aanbeveling
4)", never "…: stapsgewijs opbouwen met quick wins (aanbeveling 4)": where the one
measure that answers a part of the question has a short catalogue description, §1 says it
(a label that joins several measures keeps its label: one description does not cover it).
"""

from __future__ import annotations

import re

import pytest

from pvrules.explain.answer import _described
from pvrules.pipeline import Pipeline

from .shipped import ExampleContexts, shipped_examples

_ctx = ExampleContexts()


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("name", shipped_examples())
def test_no_bare_label_after_a_colon_where_a_description_says_it(
        shipped_pipe: Pipeline, name: str, lang: str) -> None:
    ctx = _ctx(shipped_pipe, name, lang)
    d = ctx.decisions
    for n, k in enumerate(d.key_recommendations, 1):
        label = re.sub(r" \([^)]*\)$", "", k.label).lower()
        ref = ctx.msg("answer.ref_one", numbers=str(n))
        combined = re.search(r", | en | of | and | or ", label)  # several measures in one
        if f": {label} ({ref})".lower() in d.answer.lower() and not combined:
            assert not _described(ctx, [k]), (k.item, d.answer)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_trust_part_says_how(shipped_pipe: Pipeline, lang: str) -> None:
    ctx = _ctx(shipped_pipe, "nieuwe-samenwerking-laag-vertrouwen", lang)
    d = ctx.decisions
    k = next(k for k in d.key_recommendations if _described(ctx, [k]) and
             _described(ctx, [k]) in d.answer)
    assert k.label.lower() not in d.answer.lower()
    assert ":" not in _described(ctx, [k])
