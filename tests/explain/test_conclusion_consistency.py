"""The consistency pass before rendering (review 12, #3): each conflict resolved one way.

Run on the recommendations of the shipped examples that have such a conflict: a measure
advised in §1 and "overwogen en afgeraden" in §5 (the advised side wins, its reason stays
as a caveat), a key recommendation that settles the public value first next to a measure
that settles it "niet in een aparte stap ervoor" (the key recommendation wins).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pvrules.explain.conclusion_consistency import _names, consistent
from pvrules.pipeline import Pipeline

from .shipped import example_ctx, shipped_examples


def _recs(pipe: Pipeline, name: str, lang: str = "nl"):  # type: ignore[no-untyped-def]
    """The recommendations as selected, before any consistency pass (whether or not
    :func:`~pvrules.explain.decisions.decide` runs one)."""
    from pvrules.explain.decisions import recommendations
    from pvrules.explain.registry import Registry

    ctx = example_ctx(pipe, name, lang)
    key, groups, against, _later = recommendations(ctx, Registry(ctx))
    return ctx, key, groups, against


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


def test_a_form_advised_for_one_task_and_against_for_another_is_no_conflict(
        opties_kb: Pipeline) -> None:
    # the small knowledge base: 'Openbaar lichaam' advised for one opgave, advised against
    # for another; both stay
    from pvrules.explain.context import ExplainContext
    from pvrules.explain.decisions import recommendations
    from pvrules.explain.registry import Registry

    ctx = ExplainContext(opties_kb.kb, opties_kb.evaluate_file(str(CASES / "opties_a.yaml")),
                         "nl")
    key, groups, against, _later = recommendations(ctx, Registry(ctx))
    advised = {(i.item, i.target_key) for g in groups for i in g.items}
    assert any(a.item == i and a.target_key != t for a in against for i, t in advised)
    assert consistent(ctx, key, groups, against) == (key, groups, against)


CASES = Path(__file__).resolve().parent / "data" / "cases"


@pytest.fixture(scope="module")
def opties_kb() -> Pipeline:
    data = Path(__file__).resolve().parent / "data" / "kb"
    return Pipeline([data / "rules"], [data / "knowledge"], "python", include_builtin=False)
