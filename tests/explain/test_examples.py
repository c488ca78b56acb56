"""The explain commands on every built-in example case, with the real knowledge base.

For each example: every recommendation has a why; three options that are not
recommended have a why-not; at least one recommendation has a one-fact what-would-change-it
answer; and ``pvrules diff`` with one changed fact shows exactly the
recommendations that changed. No golden text here: the examples follow the live
knowledge base; the golden text runs on the test knowledge base (test_cases_golden.py).
"""

from __future__ import annotations

import json
from dataclasses import replace
from functools import cache
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pvrules.cli.main import main
from pvrules.explain.context import ExplainContext
from pvrules.explain.domains import Domains, with_changes
from pvrules.explain.whynot import WhyNotExplainer
from pvrules.infer.kleene import evaluate
from pvrules.pipeline import Pipeline

from .conftest import plan_questions
from .shipped import shipped_examples

EXAMPLES = shipped_examples()
# Every built-in example, every question: slow; the test KB cases cover the same code fast.
pytestmark = [pytest.mark.skipif(not EXAMPLES, reason="no loadable built-in examples"),
              pytest.mark.slow]


def run(*args: str) -> str:
    result = CliRunner().invoke(main, [*args, "--engine", "python"])
    assert result.exit_code == 0, result.output
    return result.stdout


def run_json(*args: str) -> Any:
    return json.loads(run(*args, "--format", "json"))


@cache
def plan(name: str) -> dict[str, Any]:
    """What to ask for one example: three why-nots, one what-if and one diff."""
    pipe = Pipeline(engine_name="python")
    source = f"example:{name}"
    try:
        return plan_questions(pipe, source,
                              lambda target, *extra: run_json("whatif", source, "--target",
                                                              target, *extra)["result"])
    finally:
        pipe.close()


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_recommendation_has_a_why(name: str) -> None:
    recs = plan(name)["recommendations"]
    answers = run_json("explain", f"example:{name}")["result"]
    assert [(a["name"], a["target_key"]) for a in answers] == \
        [(r.item, list(r.target_key)) for r in recs]
    for answer in answers:
        assert answer["steps"], answer["name"]
        assert answer["summary"]
        for step in answer["steps"]:  # a rule may cite no source (`sources: []`): none carries it
            assert step["text"] and isinstance(step["sources"], list)


@pytest.mark.parametrize("name", EXAMPLES)
def test_three_options_have_a_why_not(name: str) -> None:
    items = plan(name)["why_not"]
    assert len(items) == 3
    for item in items:
        [answer, *_] = run_json("explain", f"example:{name}", "--why-not", item)["result"]
        assert answer["status"] != "recommended"
        assert answer["rules"], item
        for check in answer["rules"]:
            if check["outcome"] != "fired":
                assert check["reasons"] is not None
                assert check["repair_sentence"]


@pytest.mark.parametrize("name", EXAMPLES)
def test_a_recommendation_has_a_what_would_change_it(name: str) -> None:
    target, _ = plan(name)["whatif"]
    data = run_json("whatif", f"example:{name}", "--target", target,
                    *plan(name)["whatif_args"])["result"]
    assert data["scenarios"]
    assert all(s["confirmed"] for s in data["scenarios"])
    assert "seconds" not in data


@pytest.mark.parametrize("name", EXAMPLES)
def test_diff_shows_exactly_what_changed_and_why(name: str) -> None:
    _, setting = plan(name)["whatif"]
    pipe = Pipeline(engine_name="python")
    before = pipe.advice(pipe.evaluate_file(f"example:{name}"))
    after = pipe.advice(pipe.evaluate_file(f"example:{name}", [setting]))
    old = {(r.item, r.target_key): (r.status, r.strength) for r in before.recommendations}
    new = {(r.item, r.target_key): (r.status, r.strength) for r in after.recommendations}
    changed = {k for k in old.keys() | new.keys() if old.get(k) != new.get(k)}
    data = run_json("diff", f"example:{name}", "--set", setting)["result"]
    assert {(c["item"], tuple(c["target_key"])) for c in data["recommendations"]} == changed
    assert changed
    for change in data["recommendations"]:
        assert change["started"] or change["stopped"] or change["rivals"], change["item"]
    assert len(data["inputs"]) == 1


@pytest.mark.skipif(not EXAMPLES, reason="no loadable built-in examples")
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_why_not_is_exact_on_variants_of_the_examples(data: st.DataObject) -> None:
    """Real rules (quantifiers, derived facts): failing tests fail, repairs make rules fire."""
    pipe = _real()
    name = data.draw(st.sampled_from(EXAMPLES))
    case = pipe.load_case(f"example:{name}")
    domains = Domains(pipe.kb.vocab, pipe.kb.rules)
    slots = [(k, f.id) for k in [("case", "case"), *[e.key for e in case.all_entities()]]
             for f in pipe.kb.vocab.facts_of(k[0]) if f.origin == "input" and f.type != "text"]
    picks = data.draw(st.lists(st.sampled_from(slots), max_size=4, unique=True))
    changes = {}
    for slot in picks:
        current = case.facts.get(slot[0], {}).get(slot[1])
        options = [None, *domains.values(slot[1], current)]
        changes[slot] = data.draw(st.sampled_from(options))
    case = replace(case, facts=with_changes(case.facts, changes))
    result = pipe.evaluate(case)
    fired = {f.key for f in result.firings}
    entities = {t: [e.key for e in es] for t, es in case.entities.items()}
    explainer = WhyNotExplainer(ExplainContext(pipe.kb, result))
    for rule in pipe.kb.rules:
        foci = [None] if rule.focus_entity is None else entities.get(rule.focus_entity, [])
        for focus in foci:
            check = explainer.check(rule, focus)
            assert (check.outcome == "fired") == ((rule.id, focus) in fired)
            if check.outcome == "fired":
                continue
            for test in _failed(check.reasons):
                fail = test.failure
                assert evaluate(fail.leaf, dict(fail.env), result.values, entities) is not True
            if check.repair:
                env = {"case": ("case", "case")}
                if rule.focus and focus is not None:
                    env[rule.focus] = focus
                fix = {(c.entity_key, c.fact): _normal(pipe, c.fact, c.new_raw)
                       for c in check.repair}
                assert evaluate(rule.condition, env, with_changes(result.values, fix),
                                entities) is True, (rule.id, focus)


@cache
def _real() -> Pipeline:
    return Pipeline(engine_name="python")


def _failed(reason: Any) -> list[Any]:
    if reason is None:
        return []
    if reason.test is not None:
        return [reason.test]
    return [t for c in reason.children for t in _failed(c)]


def _normal(pipe: Pipeline, fact: str, raw: Any) -> Any:
    if raw is None:
        return None
    fdef = pipe.kb.vocab.facts[fact]
    if isinstance(raw, list):
        return tuple(sorted((pipe.kb.vocab.normalize(fdef, v) for v in raw), key=str))
    return pipe.kb.vocab.normalize(fdef, raw)


@pytest.mark.parametrize("name", EXAMPLES)
def test_decisions_never_contradict_the_result(name: str) -> None:
    """The one truth on every example: balance, levels, verdicts, options, chains, sources."""
    from pvrules.explain.context import ExplainContext

    from .consistency import check_consistent

    pipe = Pipeline(engine_name="python")
    result = pipe.evaluate_file(f"example:{name}")
    for lang in ("nl", "en"):
        ctx = ExplainContext(pipe.kb, result, lang)
        check_consistent(ctx, ctx.decisions)
        if ctx.result.case.meta.vraag:
            assert ctx.decisions.answer  # the kernboodschap answers the question first
    from pvrules.render.jsonout import render_advice_json

    again = pipe.evaluate_file(f"example:{name}")
    assert render_advice_json(ExplainContext(pipe.kb, result, "nl")) == \
        render_advice_json(ExplainContext(pipe.kb, again, "nl"))
