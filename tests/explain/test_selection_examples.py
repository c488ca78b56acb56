"""The selection of the top five and §5 on the shipped examples (pvrules/explain/selection.py).

Expert-style checks on the live knowledge base, read from the catalogue, never from lists:

* no measure is the form of an option on the table (§4 weighs it; §5 must not choose);
* no measure rests only on options the sources advise against;
* the top five holds each catalogue ``theme`` at most once, and a measure resting only on
  facts of low certainty only as the check of those facts;
* a key line with a catalogue ``action`` starts with it (what to do, by whom), then the reason.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pvrules.explain.context import ExplainContext
from pvrules.explain.selection import (
    ACTION,
    OVER_OPTIONS,
    THEME,
    _only_rejected,
    _option_forms,
)
from pvrules.pipeline import Pipeline

from .shipped import example_ctx, shipped_examples

EXAMPLES = shipped_examples()


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(engine_name="python")


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("name", EXAMPLES)
def test_the_shown_measures_neither_choose_an_option_nor_serve_a_rejected_one(
        pipe: Pipeline, name: str) -> None:
    ctx = example_ctx(pipe, name)
    d = ctx.decisions
    shown = [*d.key_recommendations, *(i for g in d.recommendation_groups for i in g.items)]
    forms = _option_forms(ctx)
    for item in shown:
        assert not (item.target_key[0] == "case" and item.item in forms), item.label
        # a measure that sets every option side by side serves the options still open
        over = OVER_OPTIONS in ctx.kb.catalogues.items[item.item].properties
        assert over or not _only_rejected(ctx, item), item.label


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("name", EXAMPLES)
def test_the_top_five_makes_each_point_once_and_says_what_to_do(
        pipe: Pipeline, name: str) -> None:
    ctx = example_ctx(pipe, name)
    key = ctx.decisions.key_recommendations
    themes = []
    for item in key:
        props = ctx.kb.catalogues.items[item.item].properties
        if THEME in props:
            themes.append(props[THEME].get("nl"))
        if item.uncertain:  # only as the check of what it rests on, never the measure itself
            assert item.label.endswith(ctx.msg("selection.verify_label", facts="")), item.label
        if ACTION in props:
            assert item.action and item.why.startswith(item.action), item.label
    assert len(themes) == len(set(themes)), themes


def test_a_rejected_planned_form_loses_its_measures(pipe: Pipeline) -> None:
    """Havenstad: the BV is advised against, so no measure for the planned BV is listed."""
    d = example_ctx(pipe, "netwerk-private-partners").decisions
    shown = [*d.key_recommendations, *(i for g in d.recommendation_groups for i in g.items)]
    assert shown
    assert all(i.target_id != "warmtebedrijf_bv" for i in shown)


def test_a_measure_over_every_option_stays_when_the_planned_company_is_rejected(
        pipe: Pipeline, monkeypatch: pytest.MonkeyPatch) -> None:
    """Havenstad: the BV is advised against, but what residents pay per option helps the raden
    choose between the options still open; with every option rejected it has nothing to serve."""
    ctx = example_ctx(pipe, "netwerk-private-partners")
    d = ctx.decisions
    shown = [*d.key_recommendations, *(i for g in d.recommendation_groups for i in g.items)]
    [item] = [i for i in shown if i.item == "kosten_bewoners_per_optie"]
    assert _only_rejected(ctx, item)  # it starts from the planned BV alone
    assert "per optie" in item.action and "nu en straks" in item.action
    everything = {c.target for f in ctx.result.firings for c in f.conclusions
                  if c.kind == "prefer" and c.name == "advised_against"}
    assert everything  # the BV
    from pvrules.explain import selection

    real = selection._rejected  # every option advised against: nothing left to compare
    monkeypatch.setattr(selection, "_rejected",
                        lambda c: real(c) | set(c.entities.get("optie", [])))
    assert selection.hidden(ctx, item)


def test_an_option_on_the_table_is_not_a_measure(pipe: Pipeline) -> None:
    """Beekdal: the werkorganisatie is one of the raad's options, so §5 does not recommend it."""
    d = example_ctx(pipe, "kleine-kwetsbare-gemeente").decisions
    items = {i.item for g in d.recommendation_groups for i in g.items}
    items |= {k.item for k in d.key_recommendations}
    assert "werkorganisatie" not in items
    assert "business_case" in items  # what is not an option stays


def test_a_reason_the_kernboodschap_gives_is_not_repeated_in_the_key_line(
        pipe: Pipeline) -> None:
    """Veenoord: the sequencing is said in §1; its key line then says only what to do."""
    d = example_ctx(pipe, "gemeente-onder-preventief-toezicht").decisions
    first = d.key_recommendations[0]
    assert first.action and first.why == first.action
    assert "niet alles tegelijk" in d.answer
    others = [k for k in d.key_recommendations[1:] if k.action]
    assert others and all(len(k.why) > len(k.action) for k in others)  # their reason stays


@pytest.mark.parametrize("name", ["o-gen-2019", "bar-2016"])
def test_a_key_line_says_by_when_where_the_route_gives_a_date(pipe: Pipeline, name: str) -> None:
    """The action of a key line whose reasoning puts a dated common step on the route ends
    with that date; a step without a date adds nothing."""
    d = example_ctx(pipe, name).decisions
    dated = [s.when.split(":")[0] for s in d.route
             if s.when and not s.options and any(c.isdigit() for c in s.when.split(":")[0])]
    with_date = [k for k in d.key_recommendations
                 if any(k.action.rstrip(".").endswith(w.split(", ")[-1]) for w in dated)]
    if name == "o-gen-2019":  # the transition decision is a common step dated 30 September
        assert with_date, [k.action for k in d.key_recommendations]
    # (BAR's per-task decision is now a step of the 'verbeteren' option, not a common step:
    # its key line then carries no date of its own)
    for k in d.key_recommendations:
        assert k.why.startswith(k.action)
        assert k.action.count(",") < 8  # one sentence, not a list of steps


def test_an_assessment_of_strength_waits_for_the_decision_asked_not_a_future_nobody_asked(
        pipe: Pipeline, tmp_path: Path) -> None:
    """A small municipality joining an energy company: the assessment comes before that decision,
    not 'vóór de keuze over de bestuurlijke toekomst' (blind Tilburg and De Wolden)."""
    case = {
        "casus": {"id": "t", "titel": "t", "datum": "2022-09-01",
                  "vraag": "Moet de gemeente deelnemen in een regionaal energiebedrijf?",
                  "opdrachtgever": {"naam": "College", "soort": "gemeente", "entiteit": ["a"]}},
        "partners": [{"id": "a", "naam": "Aadorp", "soort": "gemeente", "inwoners": 9000}],
    }
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(case, allow_unicode=True), encoding="utf-8")
    d = ExplainContext(pipe.kb, pipe.evaluate_file(str(path)), "nl").decisions
    shown = [*d.key_recommendations, *(i for g in d.recommendation_groups for i in g.items)]
    [line] = [i for i in shown if i.item == "bestuurskrachtmeting"]
    assert "bestuurlijke toekomst" not in line.action, line.action
    assert "vóór een besluit" in line.action, line.action
