from __future__ import annotations

import itertools
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pvrules.explain.context import ExplainContext
from pvrules.explain.incremental import Incremental
from pvrules.explain.scoring import item_status
from pvrules.explain.whatif import what_if
from pvrules.explain.whatif_search import Goal, WhatIfSearch, relevant_rules
from pvrules.infer.result import Result
from pvrules.pipeline import Pipeline
from pvrules.validate.case import CASE_KEY, Case, load_case_text

from .conftest import CASE_FILE, small_pipeline
from .strategies import small_cases

PIPE = small_pipeline()
ITEMS = ["participatie", "capaciteit_opbouwen", "centrum", "lichaam", "lokaal"]


def ctx_of(pipe: Pipeline, case: Case, lang: str = "nl") -> ExplainContext:
    return ExplainContext(pipe.kb, pipe.evaluate(case), lang)


def goal_for(case: Case, result: Result, item: str, index: int) -> Goal | None:
    cats = PIPE.kb.catalogues
    targets = cats.headers[cats.item_catalogue[item]].targets
    keys = [CASE_KEY] if "opgave" not in targets else \
        [e.key for e in case.entities.get("opgave", ())]
    if not keys:
        return None
    target = keys[index % len(keys)]
    now = item_status(PIPE.kb, result, item, target)
    return Goal("item", item, target, "disappear" if now == "recommended" else "appear")


def brute_force_smallest(case: Case, goal: Goal) -> int | None:
    """The smallest number of changed facts that reaches the goal, trying every value."""
    search = WhatIfSearch(PIPE.kb, case, goal)
    options: list[tuple[Any, Any]] = []
    for slot in search.slots():
        current = case.facts.get(slot[0], {}).get(slot[1])
        options.extend((slot, v) for v in search.domains.values(slot[1], current))
    base = search.run({})
    for size in (1, 2):
        for combo in itertools.combinations(options, size):
            if len({s for s, _v in combo}) < size:
                continue
            if goal.met(PIPE.kb, search.run(dict(combo)), base):
                return size
    return None


def test_status_matches_the_advice(pipe: Pipeline, result: Result) -> None:
    advice = pipe.advice(result)
    for rec in advice.recommendations:
        assert item_status(pipe.kb, result, rec.item, rec.target_key) == rec.status
    assert item_status(pipe.kb, result, "capaciteit_opbouwen", CASE_KEY) == "not_recommended"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_cases(), st.sampled_from(ITEMS), st.integers(0, 5))
def test_status_function_agrees_with_advice_builder(text: str, item: str, index: int) -> None:
    case = load_case_text(text, "<g>", PIPE.kb.vocab)
    result = PIPE.evaluate(case)
    recs = {(r.item, r.target_key): r.status for r in PIPE.advice(result).recommendations}
    for key in [CASE_KEY, *[e.key for e in case.all_entities()]]:
        assert item_status(PIPE.kb, result, item, key) == recs.get((item, key),
                                                                   "not_recommended")


@pytest.mark.fast_sample(1)  # the edit loop tries 15 generated cases, the full suite 40
@pytest.mark.parametrize("examples", [15, 40])
def test_pruned_search_finds_the_smallest_changes(examples: int) -> None:
    check = given(small_cases(), st.sampled_from(ITEMS), st.integers(0, 5))(
        _pruned_search_finds_the_smallest_changes)
    settings(max_examples=examples, deadline=None,
             suppress_health_check=[HealthCheck.too_slow])(check)()


def _pruned_search_finds_the_smallest_changes(text: str, item: str, index: int) -> None:
    case = load_case_text(text, "<g>", PIPE.kb.vocab)
    result = PIPE.evaluate(case)
    goal = goal_for(case, result, item, index)
    if goal is None:
        return
    answer = what_if(ExplainContext(PIPE.kb, result), case, goal, confirm=PIPE.engine)
    smallest = brute_force_smallest(case, goal)
    found = min((s.size for s in answer.scenarios), default=None)
    assert found == smallest
    for scenario in answer.scenarios:
        assert scenario.confirmed
        # the --set arguments shown reach the goal end to end
        again = PIPE.evaluate(load_case_text(text, "<g>", PIPE.kb.vocab, scenario.set_args))
        assert goal.met(PIPE.kb, again, None)
        if scenario.size == 2:
            for single in scenario.set_args:
                alone = PIPE.evaluate(load_case_text(text, "<g>", PIPE.kb.vocab, [single]))
                assert not goal.met(PIPE.kb, alone, None), "a pair must be minimal"


def test_smallest_changes_ranked(pipe: Pipeline, case: Case) -> None:
    answer = what_if(ctx_of(pipe, case), case, Goal("item", "participatie", CASE_KEY, "disappear"),
                     confirm=pipe.engine)
    assert answer.now == "recommended"
    # one answer per fact: capaciteit=laag also works but is a bigger step than gemiddeld
    assert [s.set_args for s in answer.scenarios] == [
        ("capaciteit=gemiddeld",), ("draagvlak=gemiddeld",)]
    assert [s.cost for s in answer.scenarios] == [1.0, 1.0]
    assert answer.summary == ("Participatie is nu aanbevolen. Om het niet meer aanbevolen "
                              "te krijgen:")


def test_pairs_and_filling_in_unknown_facts(pipe: Pipeline, case: Case) -> None:
    answer = what_if(ctx_of(pipe, case), case, Goal("item", "centrum", ("opgave", "o2"), "appear"),
                     confirm=pipe.engine)
    [pair] = answer.scenarios
    assert pair.size == 2
    assert pair.sentence == ("Beleidsrijk (Opgave o2) invullen als nee en Schaal (Opgave o2) "
                             "van regionaal naar lokaal")
    assert pair.side_effects == ("Openbaar lichaam (Opgave o2): aanbevolen → niet aanbevolen",)
    assert pair.because == ("'Centrum' gaat gelden",)


def test_derived_fact_target(pipe: Pipeline, case: Case) -> None:
    answer = what_if(ctx_of(pipe, case, "en"), case,
                     Goal("fact", "legitimiteit", CASE_KEY, "value", 2), confirm=pipe.engine)
    assert answer.summary == "Legitimacy is now weak. To make it strong:"
    assert answer.scenarios[0].set_args == ("draagvlak=gemiddeld",)


def test_relevant_rules_prune_the_rest(pipe: Pipeline) -> None:
    rules = {r.id for r in relevant_rules(pipe.kb, Goal("item", "participatie", CASE_KEY,
                                                        "appear"))}
    assert "vorm.lichaam" not in rules
    assert {"leg.zwak", "org.sterk", "balans.participatie", "geschikt.gevolg",
            "vorm.centrum", "risico.wantrouwen"} <= rules


def test_fast_enough_for_a_meeting(pipe: Pipeline) -> None:
    case = pipe.load_case(str(CASE_FILE))
    answer = what_if(ctx_of(pipe, case), case, Goal("item", "centrum", ("opgave", "o2"), "appear"),
                     confirm=pipe.engine)
    assert not hasattr(answer, "seconds")


@pytest.mark.fast_sample(1)  # the edit loop tries 25 generated cases, the full suite 80
@pytest.mark.parametrize("examples", [25, 80])
def test_incremental_evaluation_matches_the_reference_engine(examples: int) -> None:
    check = given(small_cases(), st.sampled_from(ITEMS), st.data())(
        _incremental_evaluation_matches_the_reference_engine)
    settings(max_examples=examples, deadline=None,
             suppress_health_check=[HealthCheck.too_slow])(check)()


def _incremental_evaluation_matches_the_reference_engine(text: str, item: str,
                                                         data: st.DataObject) -> None:
    case = load_case_text(text, "<g>", PIPE.kb.vocab)
    goal = Goal("item", item, CASE_KEY, "appear")
    search = WhatIfSearch(PIPE.kb, case, goal)
    fast = Incremental(search.rules, PIPE.kb.vocab, case)
    options = [(slot, v) for slot in search.slots()
               for v in search.domains.values(slot[1], case.facts.get(slot[0], {})
                                              .get(slot[1]))]
    picks = data.draw(st.lists(st.sampled_from(options), max_size=3)) if options else []
    changes = dict(picks)
    ref = search.run(changes)
    got = fast.run(changes)
    assert got.values == {k: v for k, v in ref.values.items() if v or k in got.values}
    fired = {(rid, f) for rid, foci in got.fires.items() for f in foci}
    assert fired == {f.key for f in ref.firings}
    for key in [CASE_KEY, *[e.key for e in case.all_entities()]]:
        for name in ITEMS:
            assert item_status(PIPE.kb, got, name, key) == item_status(PIPE.kb, ref, name, key)


@pytest.mark.fast_sample(1)  # the edit loop tries 20 generated cases, the full suite 60
@pytest.mark.parametrize("examples", [20, 60])
def test_pruned_search_for_derived_values(examples: int) -> None:
    check = given(small_cases(), st.sampled_from([("legitimiteit", 0), ("legitimiteit", 2),
                                                  ("organisatie", 0), ("organisatie", 2),
                                                  ("risico", True), ("risico", False)]))(
        _pruned_search_for_derived_values)
    settings(max_examples=examples, deadline=None,
             suppress_health_check=[HealthCheck.too_slow])(check)()


def _pruned_search_for_derived_values(text: str, wanted: tuple[str, Any]) -> None:
    case = load_case_text(text, "<g>", PIPE.kb.vocab)
    result = PIPE.evaluate(case)
    fact, value = wanted
    goal = Goal("fact", fact, CASE_KEY, "value", value)
    if result.value(CASE_KEY, fact) == value:
        return
    answer = what_if(ExplainContext(PIPE.kb, result), case, goal, confirm=PIPE.engine)
    assert min((s.size for s in answer.scenarios), default=None) == \
        brute_force_smallest(case, goal)
    assert all(s.confirmed for s in answer.scenarios)
