"""The compiled reference evaluator equals the plain tree walk of kleene.evaluate.

The reference engine evaluates conditions with closures and keeps the truth of a
quantifier that mentions no outer variable for the rest of its stratum; this test
checks it against the direct definition (every rule, every focus, kleene.evaluate)
on generated knowledge bases with many entities, and on the shipped examples.
"""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pvrules.compile.ir import CASE
from pvrules.infer.kleene import evaluate
from pvrules.infer.reference import ReferenceEngine
from pvrules.infer.result import Result
from pvrules.infer.session import Plan, Session
from pvrules.infer.support import support
from pvrules.kb import load_kb
from pvrules.pipeline import Pipeline, example_names
from pvrules.testing.synthetic import case, write_kb
from pvrules.validate.case import CASE_KEY, Case, load_case_text


def walk(plan: Plan, the_case: Case) -> Result:
    """The definition: each rule for each focus, the condition walked by kleene.evaluate."""
    session = Session(plan, the_case)
    for stratum in plan.strata:
        for rule in plan.rules:
            if rule.stratum != stratum:
                continue
            for focus in session.focus_keys(rule):
                env = session.env(rule, focus)
                if evaluate(rule.condition, env, session.values, session.entities) is True:
                    session.fire(rule, focus)
        session.close_stratum(stratum)
    return session.result("python")


def _many(rng: random.Random, spec, index: int, n: int):  # type: ignore[no-untyped-def]
    data = case(rng, spec, index)
    for key in ("opgaven", "partners"):
        items = []
        while len(items) < n:
            items += case(rng, spec, index)[key]
        data[key] = [{**item, "id": f"{key[0]}{i}"} for i, item in enumerate(items[:n])]
    ids = {p["id"] for p in data["partners"]}
    for option in data.get("opties", ()):  # an option's partners must be partners of the case
        for fact, value in list(option.items()):
            if fact.endswith("_members"):
                option[fact] = [p for p in value if p in ids]
    return data


@pytest.mark.slow  # 25 generated knowledge bases, 8 cases each
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(min_value=0, max_value=2**31 - 1),
       n_rules=st.integers(min_value=1, max_value=60))
@example(seed=707, n_rules=31)  # nested closed quantifiers shared a memo slot (test_compiled_memo)
def test_compiled_reference_is_the_tree_walk(seed: int, n_rules: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        rules_dir, knowledge_dir, spec = write_kb(Path(tmp), seed, n_rules)
        kb = load_kb([rules_dir], [knowledge_dir], include_builtin=False, use_env=False)
    engine = ReferenceEngine(kb.rules, kb.vocab)
    plan = Plan.build(kb.rules, kb.vocab)
    rng = random.Random(seed)
    for i in range(8):
        data = _many(rng, spec, i, rng.choice([0, 1, 3, 8]))
        the_case = load_case_text(yaml.safe_dump(data), f"case{i}", kb.vocab)
        assert engine.evaluate(the_case).signature() == walk(plan, the_case).signature(), \
            f"seed {seed}, case {i}"


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("name", example_names())
def test_compiled_reference_on_the_examples(name: str) -> None:
    pipe = Pipeline(engine_name="python")
    the_case = pipe.load_case(f"example:{name}")
    expected = walk(Plan.build(pipe.kb.rules, pipe.kb.vocab), the_case)
    actual = pipe.evaluate(the_case)
    assert actual.signature() == expected.signature()
    assert actual.firings == expected.firings  # matched facts too


def _supports_agree(kb, the_case: Case, label: str) -> None:  # type: ignore[no-untyped-def]
    """Every firing's matched facts are the tree-walk support of its condition."""
    result = ReferenceEngine(kb.rules, kb.vocab).evaluate(the_case)
    entities = {typ: [e.key for e in ents] for typ, ents in the_case.entities.items()}
    by_id = {r.id: r for r in kb.rules}
    for firing in result.firings:
        rule = by_id[firing.rule_id]
        env = {CASE: CASE_KEY}
        if rule.focus is not None and firing.focus is not None:
            env[rule.focus] = firing.focus
        # the definition: walk the tree with kleene.evaluate (no compiled closures, no memo)
        expected = support(rule.condition, env, result.values, entities)
        assert [(t, f) for t, f, _v in firing.matched] == expected, (label, firing.key)
        assert all(v == result.value(t, f) for t, f, v in firing.matched), (label, firing.key)


def _supports_agree_on_generated(seed: int, n_rules: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        rules_dir, knowledge_dir, spec = write_kb(Path(tmp), seed, n_rules)
        kb = load_kb([rules_dir], [knowledge_dir], include_builtin=False, use_env=False)
    rng = random.Random(seed)
    for i in range(6):
        data = _many(rng, spec, i, rng.choice([0, 1, 3, 8]))
        _supports_agree(kb, load_case_text(yaml.safe_dump(data), f"case{i}", kb.vocab),
                        f"seed {seed}, case {i}")


@pytest.mark.fast_sample(1)  # the edit loop tries 3 generated knowledge bases, the full suite 10
@pytest.mark.parametrize("examples", [3, 10])
def test_compiled_support_is_the_tree_walk(examples: int) -> None:
    settings(max_examples=examples, deadline=None,
             suppress_health_check=[HealthCheck.too_slow])(
        given(seed=st.integers(min_value=0, max_value=2**31 - 1),
              n_rules=st.integers(min_value=1, max_value=60))(_supports_agree_on_generated))()


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("name", example_names())
def test_compiled_support_on_the_examples(name: str) -> None:
    pipe = Pipeline(engine_name="python")
    _supports_agree(pipe.kb, pipe.load_case(f"example:{name}"), name)
