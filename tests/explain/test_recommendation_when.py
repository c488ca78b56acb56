"""A key recommendation says its deadline once: an action that already comes 'voordat erover
wordt besloten' gets only the route's date, not also 'vóór het besluit over de richting'
(review 7, A2 and Voorschoten)."""

from __future__ import annotations

import pytest

from pvrules.pipeline import Pipeline

from .shipped import example_ctx, shipped_examples

BEFORE = {"nl": ("vóór het besluit", "voordat"), "en": ("before",)}


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline([], [], "python")


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("name", shipped_examples())
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_recommendation_says_before_the_decision_once(pipe: Pipeline, name: str,
                                                        lang: str) -> None:
    ctx = example_ctx(pipe, name, lang)
    for item in ctx.decisions.key_recommendations:
        action = (item.action or "").lower()
        said = sum(action.count(word) for word in BEFORE[lang])
        assert said <= 1, item.action


def test_a_province_choosing_between_instruments_leaves_it_to_gedeputeerde_staten(
        pipe: Pipeline) -> None:
    # subsidy, contract, taking part in a cooperative (Provinciewet art. 158), ending it: the
    # executive decides; Provinciale Staten only where a herindeling or a Wgr form is open
    for name, who in (("o-gen-2019", "Gedeputeerde Staten"), ("haren-2017", "Provinciale Staten")):
        d = example_ctx(pipe, name).decisions
        table = next(o for o in d.options if o.options)
        assert table.chooser == who, (name, table.chooser)
