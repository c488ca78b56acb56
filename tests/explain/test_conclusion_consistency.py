"""The consistency pass before rendering (review 12, #3): each conflict resolved one way.

Run on the recommendations of the shipped examples that have such a conflict: a measure
advised in §1 and "overwogen en afgeraden" in §5 (the advised side wins, its reason stays
as a caveat), a key recommendation that settles the public value first next to a measure
that settles it "niet in een aparte stap ervoor" (the key recommendation wins).
"""

from __future__ import annotations

import pytest

from pvrules.explain.conclusion_consistency import _names, consistent
from pvrules.pipeline import Pipeline

from .shipped import example_ctx, shipped_examples


def _recs(pipe: Pipeline, name: str, lang: str = "nl"):  # type: ignore[no-untyped-def]
    d = example_ctx(pipe, name, lang).decisions
    return example_ctx(pipe, name, lang), d.key_recommendations, \
        d.recommendation_groups, d.advised_against


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_measure_advised_is_not_also_advised_against(shipped_pipe: Pipeline,
                                                        lang: str) -> None:
    ctx, key, groups, against = _recs(shipped_pipe, "nieuwe-samenwerking-laag-vertrouwen", lang)
    plain = next(a for a in against if a.item == "centrumregeling")
    advised = next(k for k in key if _names(ctx, k, plain))  # in either language
    assert advised.item == "uitvoering_op_afspraak"
    key2, _groups2, against2 = consistent(ctx, key, groups, against)
    assert plain not in against2  # the advised side wins
    kept = next(k for k in key2 if k.item == advised.item)
    # its reason stays, as the advised line's caveat
    assert plain.why.strip()[1:] in kept.why, kept.why
    assert ctx.msg("consistency.caveat", label="\x00", why="").split("\x00")[0] in kept.why
    assert [k.item for k in key2] == [k.item for k in key]  # nothing else moves


def test_the_public_value_first_wins_over_with_the_choice(shipped_pipe: Pipeline) -> None:
    ctx, key, groups, against = _recs(shipped_pipe, "netwerk-private-partners")
    items = {i.item for g in groups for i in g.items}
    assert "opgaven_in_vergelijking" in items  # "niet in een aparte stap ervoor"
    key2, groups2, _against2 = consistent(ctx, key, groups, against)
    assert "opgaven_in_vergelijking" not in {i.item for g in groups2 for i in g.items}
    assert key2 == key  # "eerst vaststellen welke publieke waarde" stays rec 1
    assert {i.item for g in groups2 for i in g.items} == items - {"opgaven_in_vergelijking"}


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("name", shipped_examples())
def test_after_the_pass_no_measure_is_both_advised_and_advised_against(
        shipped_pipe: Pipeline, name: str) -> None:
    ctx, key, groups, against = _recs(shipped_pipe, name)
    key2, groups2, against2 = consistent(ctx, key, groups, against)
    advised = [k.label.lower() for k in key2] + \
        [i.label.lower() for g in groups2 for i in g.items]
    for a in against2:
        assert not any(a.label.lower() in x for x in advised), (a.label, advised)
    assert consistent(ctx, key2, groups2, against2) == (key2, groups2, against2)  # stable
