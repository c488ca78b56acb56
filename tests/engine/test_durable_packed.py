"""Packed entity facts (one durable fact per entity) and the fallback to one fact per value.

Both fact models must give the reference evaluator's firings, conclusions and supports;
the packed one is the default, the other is used when packing would cross a limit.
"""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

import pytest
import yaml

from pvrules.infer import durable_backend, durable_limits
from pvrules.infer.durable_plan import DurableCompiler, DurablePlan
from pvrules.infer.engine import durable_available
from pvrules.infer.reference import ReferenceEngine
from pvrules.kb import load_kb
from pvrules.pipeline import Pipeline, example_names
from pvrules.testing.synthetic import case, write_kb
from pvrules.validate.case import load_case_text

pytestmark = pytest.mark.skipif(not durable_available(), reason="durable_rules not importable")


def _unpacked(rules, vocab) -> DurablePlan:  # type: ignore[no-untyped-def]
    plan = DurableCompiler(vocab).compile(rules)
    durable_limits.check_limits(plan, vocab, rules)
    return plan


@pytest.fixture(params=["packed", "unpacked"])
def model(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "unpacked":
        monkeypatch.setattr(durable_backend, "compile_plan", _unpacked)
    return str(request.param)


@pytest.mark.slow  # every example, twice; the packed model on every example is in the edit
def test_shipped_examples_on_both_fact_models(model: str) -> None:  # loop (test_differential)
    pipe = Pipeline(engine_name="python")
    durable = durable_backend.DurableEngine(pipe.kb.rules, pipe.kb.vocab)
    reference = ReferenceEngine(pipe.kb.rules, pipe.kb.vocab)
    try:
        assert bool(durable.durable_plan.packed) == (model == "packed")
        for name in example_names():
            the_case = pipe.load_case(f"example:{name}")
            assert durable.evaluate(the_case).signature() == \
                reference.evaluate(the_case).signature(), name
    finally:
        durable.close()


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("seed", [3, 707, 2024])
def test_generated_cases_with_many_entities_on_both_fact_models(model: str, seed: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        rules_dir, knowledge_dir, spec = write_kb(Path(tmp), seed, 40)
        kb = load_kb([rules_dir], [knowledge_dir], include_builtin=False, use_env=False)
    durable = durable_backend.DurableEngine(kb.rules, kb.vocab)
    reference = ReferenceEngine(kb.rules, kb.vocab)
    rng = random.Random(seed)
    try:
        for i in range(6):
            data = case(rng, spec, i)
            for key in ("opgaven", "partners"):  # several entities of each type
                data[key] = [{**item, "id": f"{key[0]}{n}"} for n, item in enumerate(
                    data[key] + case(rng, spec, i)[key] + case(rng, spec, i)[key])]
            ids = {p["id"] for p in data["partners"]}
            for option in data.get("opties", ()):
                for fact, value in list(option.items()):
                    if fact.endswith("_members"):
                        option[fact] = [p for p in value if p in ids]
            the_case = load_case_text(yaml.safe_dump(data), f"case{i}", kb.vocab)
            assert durable.evaluate(the_case).signature() == \
                reference.evaluate(the_case).signature(), (seed, i)
    finally:
        durable.close()


def test_packing_that_would_cross_a_limit_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    """A packed fact that could push too many alpha nodes: one fact per value instead."""
    pipe = Pipeline(engine_name="python")
    packed = durable_backend.compile_plan(pipe.kb.rules, pipe.kb.vocab)
    assert packed.packed
    real = durable_limits._entity_bounds
    monkeypatch.setattr(durable_limits, "_entity_bounds", lambda root: [
        (entity, durable_limits.MAX_STACK + 1) for entity, _bound in real(root)])
    plan = durable_backend.compile_plan(pipe.kb.rules, pipe.kb.vocab)
    assert not plan.packed
    assert all(pattern["$and"][0] != {"k": "E"}  # type: ignore[index]
               for rule in plan.rules for _name, pattern in rule.patterns)


def test_packed_entity_facts_stay_under_the_alpha_stack_limit() -> None:
    pipe = Pipeline(engine_name="python")
    plan = DurableCompiler(pipe.kb.vocab, pack=True).compile(pipe.kb.rules)
    bounds = dict(durable_limits._entity_bounds(durable_limits._network(plan)))
    assert bounds  # the shipped rules test entities
    assert all(0 < bound <= durable_limits.MAX_STACK for bound in bounds.values()), bounds


def test_flags_are_named_by_their_tests_not_by_the_packed_pattern() -> None:
    """'some x: known f', 'some x: g in every value' and 'some x' all pack to the bare
    entity pattern; each keeps its own flag (one shared flag answered the wrong question)."""
    pipe = Pipeline(engine_name="python")
    unpacked = DurableCompiler(pipe.kb.vocab).compile(pipe.kb.rules)
    packed = DurableCompiler(pipe.kb.vocab, pack=True).compile(pipe.kb.rules)
    assert {f.name: f.cond for f in packed.flags} == {f.name: f.cond for f in unpacked.flags}


@pytest.mark.parametrize(("limit", "packs"), [(durable_limits.MAX_STACK, True), (4, False)])
def test_packing_is_given_up_early_when_first_tests_alone_are_too_many(limit: int,
                                                                       packs: bool) -> None:
    """compile_both stops generating packed rules once a lower bound passes the limit."""
    pipe = Pipeline(engine_name="python")
    packed, plain = DurableCompiler(pipe.kb.vocab).compile_both(pipe.kb.rules, limit)
    assert (packed is not None) == packs
    assert plain is not None
    assert not plain().packed
    if packed is not None:
        assert durable_limits.packed_fits(packed)


def test_a_packed_fact_with_too_many_properties_does_not_fit(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """durable refuses a fact of more than 255 properties (error 302): such an entity type
    is not packed (here with the limit lowered below what the shipped rules test)."""
    pipe = Pipeline(engine_name="python")
    plan = DurableCompiler(pipe.kb.vocab, pack=True).compile(pipe.kb.rules)
    assert durable_limits.packed_fits(plan)
    monkeypatch.setattr(durable_limits, "MAX_PROPERTIES", 1)
    assert not durable_limits.packed_fits(plan)
