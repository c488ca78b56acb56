from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from pvrules.compile.ir import CASE, CompiledRule, leaves
from pvrules.explain.context import ExplainContext
from pvrules.explain.domains import with_changes
from pvrules.explain.whynot import (
    FailedTest,
    Reason,
    RuleCheck,
    WhyNotExplainer,
    why_not,
)
from pvrules.infer.kleene import evaluate
from pvrules.infer.result import Result
from pvrules.pipeline import Pipeline
from pvrules.validate.case import CASE_KEY, Case, load_case_text

from .conftest import small_pipeline
from .strategies import small_cases

PIPE = small_pipeline()
VOCAB = PIPE.kb.vocab


def failed_tests(reason: Reason | None) -> list[FailedTest]:
    if reason is None:
        return []
    if reason.test is not None:
        return [reason.test]
    return [t for c in reason.children for t in failed_tests(c)]


def kinds_of(reason: Reason | None) -> set[str]:
    if reason is None:
        return set()
    return {reason.kind, *(k for c in reason.children for k in kinds_of(c))}


def normal(fact: str, raw: Any) -> Any:
    if raw is None:
        return None
    if isinstance(raw, list):
        return tuple(sorted((VOCAB.normalize(VOCAB.facts[fact], v) for v in raw), key=str))
    return VOCAB.normalize(VOCAB.facts[fact], raw)


def repair_of(check: RuleCheck) -> dict[Any, Any]:
    return {(c.entity_key, c.fact): normal(c.fact, c.new_raw) for c in check.repair}


def env_of(rule: CompiledRule, focus: Any) -> dict[str, Any]:
    env = {CASE: CASE_KEY}
    if rule.focus and focus is not None:
        env[rule.focus] = focus
    return env


def all_checks(result: Result) -> list[tuple[CompiledRule, Any, RuleCheck]]:
    explainer = WhyNotExplainer(ExplainContext(PIPE.kb, result, "nl"))
    out = []
    for rule in PIPE.kb.rules:
        focuses = [None] if rule.focus_entity is None else \
            [e.key for e in result.case.entities.get(rule.focus_entity, ())]
        for focus in focuses:
            out.append((rule, focus, explainer.check(rule, focus)))
    return out


@pytest.mark.slow  # 150 generated cases
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_cases())
def test_why_not_agrees_with_evaluation(text: str) -> None:
    case = load_case_text(text, "<generated>", VOCAB)
    result = PIPE.evaluate(case)
    fired = {f.key for f in result.firings}
    entities = {t: [e.key for e in es] for t, es in case.entities.items()}
    for rule, focus, check in all_checks(result):
        assert (check.outcome == "fired") == ((rule.id, focus) in fired), rule.id
        if check.outcome == "fired":
            continue
        env = env_of(rule, focus)
        # Every condition reported as failing really is not true, with the reported value.
        for test in failed_tests(check.reasons):
            fail = test.failure
            assert evaluate(fail.leaf, dict(fail.env), result.values, entities) is not True
            assert result.value(*fail.slot) == fail.actual
            assert test.known == (fail.actual is not None or test.needed in ("bekend",
                                  "onbekend (niet gegeven)"))
        # Changing the reported values really makes the rule fire.
        fix = repair_of(check)
        if not check.repair:
            assert kinds_of(check.reasons) & {"empty", "never"}, (rule.id, focus)
            continue
        changed = with_changes(result.values, fix)
        assert evaluate(rule.condition, env, changed, entities) is True, (rule.id, focus, fix)
        reads_derived = any(VOCAB.facts[f].origin == "derived" for _e, f in rule.reads)
        if not reads_derived:
            # End to end: the engine on the changed case fires the rule.
            facts = with_changes(case.facts, fix)
            from dataclasses import replace
            again = PIPE.evaluate(replace(case, facts=facts))
            assert (rule.id, focus) in {f.key for f in again.firings}, (rule.id, focus, fix)


@pytest.mark.fast_sample(1)  # the edit loop tries 20 generated cases, the full suite 60
@pytest.mark.parametrize("examples", [20, 60])
def test_failing_tests_are_exactly_the_non_true_leaves_of_an_all(examples: int) -> None:
    check = given(small_cases())(_failing_tests_are_exactly_the_non_true_leaves_of_an_all)
    settings(max_examples=examples, deadline=None)(check)()


def _failing_tests_are_exactly_the_non_true_leaves_of_an_all(text: str) -> None:
    # For a rule whose condition is a plain 'all' of leaves, the reported failures are
    # exactly the leaves that are not true: none missing, none extra.
    case = load_case_text(text, "<generated>", VOCAB)
    result = PIPE.evaluate(case)
    entities = {t: [e.key for e in es] for t, es in case.entities.items()}
    for rule, focus, check in all_checks(result):
        node = rule.condition
        if check.outcome == "fired" or type(node).__name__ != "And" or \
                any(type(i).__name__ not in ("Cmp", "In", "Has", "Known") for i in node.items):
            continue
        env = env_of(rule, focus)
        expected = [leaf for leaf in leaves(node)
                    if evaluate(leaf, env, result.values, entities) is not True]
        assert [t.failure.leaf for t in failed_tests(check.reasons)] == expected


def test_why_not_names_rules_values_and_opponents(pipe: Pipeline, result: Result) -> None:
    [answer] = why_not(ExplainContext(pipe.kb, result), "centrum", ("opgave", "o2"))
    assert answer.status == "advised_against"
    assert [c.rule_id for c in answer.rules] == ["vorm.centrum"]
    check = answer.rules[0]
    assert check.outcome == "false"
    sentences = [t.sentence for t in failed_tests(check.reasons)]
    assert sentences == [
        "De casus zegt niet of Beleidsrijk voor Opgave o2 ja of nee is (nodig: nee).",
        "Schaal (Opgave o2) is regionaal; nodig: niet regionaal.",
    ]
    assert {c.set_arg for c in check.repair} == {"opgave:o2.beleidsrijk=false",
                                                 "opgave:o2.schaal=lokaal"}
    assert answer.rivals == ("Openbaar lichaam",)
    assert [s.rule_id for s in answer.against] == ["vorm.lokaal"]
    assert answer.unknown == ("De casus zegt niet of Beleidsrijk voor Opgave o2 ja of nee is "
                              "(nodig: nee).",)


def test_why_not_without_target_covers_every_open_target(pipe: Pipeline,
                                                         result: Result) -> None:
    answers = why_not(ExplainContext(pipe.kb, result, "en"), "lichaam")
    assert [a.target_key for a in answers] == [("opgave", "o1")]
    assert answers[0].summary.startswith("Public body for Task o1 is not recommended")
    sentence = answers[0].rules[0].reasons.sentence  # type: ignore[union-attr]
    assert sentence == "Scale (Task o1) is local; needed: regional."


def test_derived_facts_say_where_they_come_from(pipe: Pipeline, result: Result) -> None:
    [answer] = why_not(ExplainContext(pipe.kb, result), "capaciteit_opbouwen")
    texts = [t.sentence for t in failed_tests(answer.rules[0].reasons)]
    assert texts[0] == ("Organisatie is sterk (volgt uit 'Organisatie sterk'); "
                        "nodig: zwak.")
    assert "pvrules whatif" in answer.rules[0].repair_sentence


def test_no_entities_to_satisfy_some(pipe: Pipeline) -> None:
    text = "casus: {id: x, titel: X}\nopgaven: [{id: o1, schaal: regionaal}]\n"
    case: Case = load_case_text(text, "<t>", pipe.kb.vocab)
    result = pipe.evaluate(case)
    [answer] = why_not(ExplainContext(pipe.kb, result), "lichaam", ("opgave", "o1"))
    check = answer.rules[0]
    assert "empty" in kinds_of(check.reasons)
    assert check.repair == ()
    assert check.repair_sentence.startswith("Geen verandering in de casus")
