"""'Find out first': the fast incremental weighing equals a straightforward full re-evaluation.

For every unknown fact the vocabulary makes a question and every value tried, the oracle
changes the case, recomputes every aggregate as loading does, evaluates the whole case
with the reference engine and compares what a reader sees; the parts, firings and rules
must equal :func:`weighed_slots` (the items built from them: tests/explain/test_findout_items.py).
The parts it is built of (incremental evaluation, aggregates) are checked against their
full counterparts on every shipped example.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from pvrules.errors import PvrulesError
from pvrules.explain.context import ExplainContext
from pvrules.explain.domains import Aggregates, with_aggregates, with_changes
from pvrules.explain.findout import (
    Face,
    Weighed,
    candidates,
    changed_parts,
    find_out_first,
    unknown_slots,
    weighed_slots,
)
from pvrules.explain.findout_items import asked
from pvrules.explain.incremental import Incremental
from pvrules.infer.result import Result
from pvrules.pipeline import Pipeline, example_names
from pvrules.validate.aggregate import compute_aggregates
from pvrules.validate.case import Case

HERE = Path(__file__).resolve().parent / "data"
SMALL = {name: HERE / "cases" / f"{name}.yaml" for name in ("opties_a", "opties_b", "opties_c")}
QUICK = ("intake-quickscan", "a2-2019")
"""Shipped examples checked against the oracle in the quick run; the rest are ``slow``."""


def _shipped() -> Pipeline | None:
    try:
        return Pipeline(engine_name="python")
    except PvrulesError:  # the built-in knowledge base is being edited
        return None


@pytest.fixture(scope="module")
def shipped() -> Pipeline:
    pipe = _shipped()
    if pipe is None:
        pytest.skip("the built-in knowledge base does not load")
    return pipe


@pytest.fixture(scope="module")
def small() -> Pipeline:
    return Pipeline([HERE / "kb" / "rules"], [HERE / "kb" / "knowledge"], "python",
                    include_builtin=False)


def changed_case(case: Case, pipe: Pipeline, changes: dict) -> Case:  # type: ignore[type-arg]
    """``case`` with ``changes``, every aggregate recomputed as loading the case does."""
    aggregates = {f.id for f in pipe.kb.vocab.facts.values() if f.aggregate is not None}
    facts = {k: {f: v for f, v in vals.items() if f not in aggregates}
             for k, vals in with_changes(case.facts, changes).items()}
    for key, values in compute_aggregates(pipe.kb.vocab, facts).items():
        facts.setdefault(key, {}).update(values)
    return replace(case, facts=facts)


def seen(face: Face, pipe: Pipeline, result: Result) -> dict[tuple[object, ...], object]:
    """Everything a reader sees of ``result``, as :class:`Face` parts."""
    fires: dict[str, frozenset[object]] = {}
    for firing in result.firings:
        fires[firing.rule_id] = fires.get(firing.rule_id, frozenset()) | {firing.focus}
    pairs = [(pipe.kb.rule(f.rule_id).priority, c) for f in result.firings
             for c in f.conclusions]
    return {**face.triangle(result.values), **face.options(fires),  # type: ignore[arg-type]
            **face.recommendations(face.scores(pairs))}


def oracle(pipe: Pipeline, result: Result) -> list[tuple[object, ...]]:
    """The weighing of find-out the slow, straightforward way: a full evaluation per value."""
    ctx = ExplainContext(pipe.kb, result, "nl")
    face = Face(pipe.kb, {k: i for i, k in enumerate(ctx.order)})
    before = seen(face, pipe, result)
    fired = {f.key for f in result.firings}
    out: list[tuple[object, ...]] = []
    for slot in unknown_slots(ctx):
        if not asked(ctx, slot):
            continue  # the vocabulary says it is no question here
        parts: set[tuple[object, ...]] = set()
        firings: set[tuple[str, object]] = set()
        for value in candidates(ctx, slot[1]):
            after = pipe.evaluate(changed_case(result.case, pipe, {slot: value}))
            firings |= fired ^ {f.key for f in after.firings}
            now = seen(face, pipe, after)
            tri = face.triangle(result.values)
            parts |= face.verdicts(tri, face.triangle(after.values))  # type: ignore[arg-type]
            parts |= changed_parts({p: v for p, v in before.items() if p not in tri},
                                   {p: v for p, v in now.items() if p not in tri})
        if firings:
            out.append((slot, frozenset(parts), len(firings),
                        frozenset(rule for rule, _focus in firings)))
    return out


def found(pipe: Pipeline, result: Result) -> list[tuple[object, ...]]:
    return [(f.slot, f.weighed.parts, f.weighed.firings, f.weighed.rules)
            for f in weighed_slots(ExplainContext(pipe.kb, result, "nl"))]


@pytest.mark.parametrize("name", sorted(SMALL))
def test_find_out_weighing_equals_the_oracle_on_the_test_cases(small: Pipeline, name: str
                                                               ) -> None:
    result = small.evaluate_file(str(SMALL[name]))
    assert found(small, result) == oracle(small, result)


@pytest.mark.parametrize("name", [
    pytest.param(n, marks=() if n in QUICK else pytest.mark.slow)
    for n in (example_names() if _shipped() is not None else [])])
def test_find_out_weighing_equals_the_oracle_on_every_example(shipped: Pipeline, name: str
                                                              ) -> None:
    result = shipped.evaluate(shipped.load_case(f"example:{name}"))
    assert found(shipped, result) == oracle(shipped, result)


def test_advice_weighs_more_than_measures(small: Pipeline) -> None:
    """A fact that changes a corner or an option outweighs one that changes only measures."""
    result = small.evaluate_file(str(SMALL["opties_b"]))
    ctx = ExplainContext(small.kb, result, "nl")
    first = find_out_first(ctx)
    assert first, "opties_b leaves facts open that change the advice"
    heavy = Weighed(frozenset({("corner", "legitimiteit")}), 1).weight
    light = Weighed(frozenset({("rec", "m_enquete", ("case", "case")),
                               ("risk", ("optie", "x"), "r")}), 5).weight
    assert heavy > light > Weighed(frozenset(), 5).weight > Weighed(frozenset(), 0).weight == 0
    weights = [f.weight for f in first]
    assert weights == sorted(weights, reverse=True)


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("name", example_names() if _shipped() is not None else [])
def test_incremental_and_aggregates_equal_full_evaluation(shipped: Pipeline, name: str) -> None:
    """For every unknown fact and value: the same firings and values as evaluating in full."""
    result = shipped.evaluate(shipped.load_case(f"example:{name}"))
    ctx = ExplainContext(shipped.kb, result, "nl")
    case, vocab = result.case, shipped.kb.vocab
    inc = Incremental(shipped.kb.rules, vocab, case, result)
    full = Incremental(shipped.kb.rules, vocab, case)
    assert (inc.base.fires, inc.base.values, inc.base.derived) == \
        (full.base.fires, full.base.values, full.base.derived)
    aggs = Aggregates(vocab, case.facts)
    changes = [{slot: value} for slot in unknown_slots(ctx) for value in candidates(ctx, slot[1])]
    for ent in case.all_entities():  # a list an aggregate is computed over loses a member
        for fact, value in case.facts.get(ent.key, {}).items():
            if fact in aggs.inputs and isinstance(value, tuple) and value:
                changes.append({(ent.key, fact): value[1:]})
    assert changes
    for change in changes:
        carried = aggs.changes(change)
        assert carried == with_aggregates(vocab, case.facts, change), change
        now = inc.run(carried)
        again = full._run(with_changes(case.facts, carried), None)
        assert now.fires == again.fires, change
        assert now.values == again.values, change
        assert now.changed_rules == {r for r in now.fires if now.fires[r] != inc.base.fires[r]}


def test_incremental_taken_from_durable_rules_equals_full_evaluation() -> None:
    """The base taken from the durable_rules result is the reference evaluation's."""
    from pvrules.infer.engine import durable_available

    if _shipped() is None or not durable_available():
        pytest.skip("durable_rules or the built-in knowledge base is not available")
    pipe = Pipeline(engine_name="durable")
    try:
        for name in example_names():
            result = pipe.evaluate(pipe.load_case(f"example:{name}"))
            taken = Incremental(pipe.kb.rules, pipe.kb.vocab, result.case, result).base
            full = Incremental(pipe.kb.rules, pipe.kb.vocab, result.case).base
            assert (taken.fires, taken.values, taken.derived) == \
                (full.fires, full.values, full.derived), name
    finally:
        pipe.close()
