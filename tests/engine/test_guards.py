"""The guard index of the reference evaluator: it may only leave out rules that cannot fire."""

from __future__ import annotations

import random
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from pvrules.compile.ir import CASE, And, Cmp, CompiledRule, Has, In, Known, Node, Not, Or, Ref
from pvrules.infer import reference
from pvrules.infer.compiled import Compiler, Scope
from pvrules.infer.guards import FocusIndex, RuleIndex, case_test, guard
from pvrules.infer.reference import ReferenceEngine
from pvrules.kb import load_kb
from pvrules.testing.synthetic import case as synthetic_case
from pvrules.testing.synthetic import write_kb
from pvrules.validate.case import CASE_KEY, load_case_text


def rule(cond: Node, focus: str | None = None) -> CompiledRule:
    return CompiledRule("r", 0, 0, focus, "partner" if focus else None, cond, ())


def case_ref(fact: str) -> Ref:
    return Ref(CASE, fact)


@pytest.mark.parametrize(("cond", "expected"), [
    (Cmp(case_ref("a"), "eq", 3), ("a", (3,))),
    (In(case_ref("a"), ("x", "y")), ("a", ("x", "y"))),
    (In(case_ref("a"), ("x",), negated=True), ("a", None)),
    (Cmp(case_ref("a"), "ge", 3), ("a", None)),
    (Has(case_ref("a"), "x"), ("a", None)),
    (Known(case_ref("a")), ("a", None)),
    (Known(case_ref("a"), known=False), None),
    (Not(Cmp(case_ref("a"), "eq", 3)), None),
    (Or((Cmp(case_ref("a"), "eq", 3), Cmp(case_ref("b"), "eq", 3))), None),
    # in an 'all' the most selective case leaf is the guard: a value before knownness
    (And((Known(case_ref("a"), known=False), Cmp(case_ref("b"), "lt", 2),
          Cmp(case_ref("c"), "eq", "v"))), ("c", ("v",))),
    (And((Cmp(Ref("p", "x"), "eq", 1), Cmp(case_ref("b"), "ne", 2))), ("b", None)),
])
def test_guard_of_a_condition(cond: Node, expected: object) -> None:
    assert guard(rule(cond, "p")) == expected


def test_a_leaf_on_the_focus_entity_is_no_guard() -> None:
    assert guard(rule(Cmp(Ref("p", "x"), "eq", 1), "p")) is None


def test_a_leaf_on_the_focus_entity_is_its_focus_guard() -> None:
    cond = And((Cmp(case_ref("a"), "eq", 1), Known(Ref("p", "y")), In(Ref("p", "x"), (1, 2))))
    assert guard(rule(cond, "p"), "p") == ("x", (1, 2))
    assert guard(rule(Known(Ref("p", "y"), known=False), "p"), "p") is None


LEAVES: list[Node] = [
    Cmp(case_ref("a"), "eq", 1), Cmp(case_ref("a"), "eq", 1.0), Cmp(case_ref("a"), "eq", True),
    Cmp(case_ref("b"), "eq", "x"), In(case_ref("b"), ("x", "y")), In(case_ref("b"), ("z",)),
    In(case_ref("b"), ("x",), negated=True), Cmp(case_ref("a"), "gt", 0),
    Known(case_ref("c")), Known(case_ref("c"), known=False), Has(case_ref("d"), "x"),
    In(case_ref("e"), ("x", "y")), Cmp(case_ref("e"), "le", 2),
]
VALUES: dict[str, list[object]] = {
    "a": [None, 0, 1, 1.0, True, 2, "1"], "b": [None, "x", "y", "z", "w"],
    "c": [None, 5], "d": [None, ("x",), ("y",)], "e": [None, "x", "y", 2, 3.0]}


def test_select_never_leaves_out_a_rule_whose_condition_can_be_true() -> None:
    """Random 'all's of case leaves and random facts: every true rule is selected, once."""
    rng = random.Random(5)
    compiler = Compiler()
    for _ in range(300):
        conds = [And(tuple(rng.sample(LEAVES, rng.randint(1, 3)))) for _ in range(12)]
        index = RuleIndex((guard(rule(c)), i) for i, c in enumerate(conds))
        facts = {k: v for k, vs in VALUES.items() if (v := rng.choice(vs)) is not None}
        selected = index.select(facts)
        assert len(selected) == len(set(selected))
        scope = Scope({CASE_KEY: facts}, {})  # type: ignore[dict-item]
        for i, cond in enumerate(conds):
            if compiler.check(cond)({CASE: CASE_KEY}, scope) is True:
                assert i in selected, (cond, facts)


@pytest.mark.parametrize(("cond", "expected"), [
    (Cmp(case_ref("a"), "ge", 3), Cmp(case_ref("a"), "ge", 3)),
    (And((Known(case_ref("a")), In(case_ref("b"), ("x",), negated=True))),
     In(case_ref("b"), ("x",), negated=True)),
    (And((Cmp(Ref("p", "x"), "lt", 1), Known(case_ref("c"), known=False))),
     Known(case_ref("c"), known=False)),
    (Has(case_ref("d"), "x"), Has(case_ref("d"), "x")),
    (Known(case_ref("a")), None),  # knownness is its guard already
    (Cmp(case_ref("a"), "eq", 3), None),  # so is an equality
    (Or((Cmp(case_ref("a"), "ge", 3), Cmp(case_ref("b"), "ge", 3))), None),
    (Not(Cmp(case_ref("a"), "ge", 3)), None),
])
def test_the_test_a_rule_is_filed_under(cond: Node, expected: object) -> None:
    assert case_test(rule(cond, "p")) == expected


def test_select_with_tests_never_leaves_out_a_rule_whose_condition_can_be_true() -> None:
    """As above, with rules filed under a test they need (equal tests evaluated once)."""
    rng = random.Random(8)
    compiler = Compiler()
    leaves = [*LEAVES, Cmp(case_ref("a"), "gt", True), Cmp(case_ref("a"), "ne", 1.0),
              Cmp(case_ref("a"), "lt", 2), Cmp(case_ref("a"), "lt", 2.0),
              Has(case_ref("d"), "x", negated=True)]
    for _ in range(300):
        conds = [And(tuple(rng.sample(leaves, rng.randint(1, 3)))) for _ in range(12)]
        filed = [(c, case_test(rule(c)), i) for i, c in enumerate(conds)]
        index = RuleIndex([(guard(rule(c)), i) for c, leaf, i in filed if leaf is None],
                          [(leaf, compiler.check(leaf), i) for _c, leaf, i in filed if leaf])
        facts = {k: v for k, vs in VALUES.items() if (v := rng.choice(vs)) is not None}
        scope = Scope({CASE_KEY: facts}, {})  # type: ignore[dict-item]
        selected = index.select(facts, {CASE: CASE_KEY}, scope)
        assert len(selected) == len(set(selected))
        for i, cond in enumerate(conds):
            if compiler.check(cond)({CASE: CASE_KEY}, scope) is True:
                assert i in selected, (cond, facts)


def test_an_unhashable_value_tries_every_rule_of_its_fact() -> None:
    index = RuleIndex([(("a", (1,)), "one"), (("a", (2,)), "two"), (None, "free")])
    assert sorted(index.select({"a": [1]})) == ["free", "one", "two"]
    assert sorted(index.select({"a": 2})) == ["free", "two"]
    assert index.select({}) == ["free"]


FOCUS_VALUES: list[object] = [None, 0, 1, 1.0, True, False, 2, "1", "x", "y", ("x",), ("x", "y")]


def test_focus_index_selects_exactly_the_entities_a_guard_lets_through() -> None:
    """Random entity values and guards: the entities whose value equals one wanted value
    (or is known), each once, whatever the mix of types."""
    rng = random.Random(12)
    for _ in range(400):
        keys = [("partner", f"p{i}") for i in range(rng.randint(0, 12))]
        values = {k: {"f": v} for k in keys if (v := rng.choice(FOCUS_VALUES)) is not None}
        index = FocusIndex(keys, values, "f")
        wanted = None if rng.random() < 0.2 else tuple(
            rng.choice(FOCUS_VALUES[1:]) for _ in range(rng.randint(1, 3)))
        got = index.select(wanted)
        assert got is not None
        assert len(got) == len(set(got))
        known = [k for k in keys if k in values]
        expected = known if wanted is None else [
            k for k in known if any(values[k]["f"] == w for w in wanted)]
        assert sorted(got) == sorted(expected), (values, wanted)


def test_focus_index_with_an_unhashable_value_tries_every_known_entity() -> None:
    keys = [("partner", "a"), ("partner", "b"), ("partner", "c")]
    index = FocusIndex(keys, {keys[0]: {"f": [1]}, keys[1]: {"f": 2}}, "f")
    assert index.select((2,)) == keys[:2]
    assert index.select(None) == keys[:2]


def _many_entities(seed: int) -> tuple[ReferenceEngine, list[Any]]:
    """A generated knowledge base and cases with 10-20 opgaven and partners each."""
    with tempfile.TemporaryDirectory() as tmp:
        rules_dir, knowledge_dir, spec = write_kb(Path(tmp), seed, 80)
        kb = load_kb([rules_dir], [knowledge_dir], include_builtin=False, use_env=False)
    rng = random.Random(seed)
    cases = []
    for i in range(4):
        data = synthetic_case(rng, spec, i)
        for key in ("opgaven", "partners"):
            pool: list[dict[str, Any]] = []
            while len(pool) < 10 + 3 * i:
                pool += synthetic_case(rng, spec, i)[key]
            data[key] = [{**item, "id": f"{key[0]}{n}"} for n, item in enumerate(pool)]
        data["opties"] = [{k: v for k, v in o.items() if k != "x_members"}
                          for o in data["opties"]]
        cases.append(load_case_text(yaml.safe_dump(data), f"c{i}", kb.vocab))
    return ReferenceEngine(kb.rules, kb.vocab), cases


@pytest.mark.fast_sample(1)  # one generated knowledge base in the edit loop, all in the suite
@pytest.mark.parametrize("seed", [1, 8, 77])
def test_rules_are_tried_only_for_entities_their_focus_guard_lets_through(
        seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    engine, cases = _many_entities(seed)
    tries = {"n": 0}
    for entries in [e for index in engine._by_stratum.values() for e in _entries(index)]:
        for at, (rule_, check, *rest) in enumerate(entries):
            def counted(env: Any, scope: Any, _check: Any = check) -> Any:
                tries["n"] += 1
                return _check(env, scope)
            entries[at] = (rule_, counted, *rest)
    narrowed = [engine.evaluate(c).signature() for c in cases]
    with_guard = tries["n"]
    tries["n"] = 0
    monkeypatch.setattr(reference, "NARROW_FROM", 10**9)  # every entity tried
    assert [engine.evaluate(c).signature() for c in cases] == narrowed
    assert with_guard < tries["n"]  # fewer conditions tried, the same results


def _entries(index: RuleIndex[Any]) -> list[list[Any]]:
    return [index.always, *index.known.values(),
            *(entries for by_value in index.equal.values() for entries in by_value.values()),
            *(entries for _check, entries in index.tested.values())]


@pytest.mark.fast_sample(1)  # one generated knowledge base in the edit loop, all in the suite
@pytest.mark.parametrize("seed", [3, 21])
def test_rules_filed_under_a_test_are_tried_less_with_the_same_results(seed: int) -> None:
    """On a generated knowledge base: fewer conditions tried than with every such rule
    filed under its knownness guard, and the same results."""
    with tempfile.TemporaryDirectory() as tmp:
        rules_dir, knowledge_dir, spec = write_kb(Path(tmp), seed, 150)
        kb = load_kb([rules_dir], [knowledge_dir], include_builtin=False, use_env=False)
    rng = random.Random(seed)
    cases = [load_case_text(yaml.safe_dump(synthetic_case(rng, spec, i)), f"c{i}", kb.vocab)
             for i in range(12)]
    filed, plain = ReferenceEngine(kb.rules, kb.vocab), ReferenceEngine(kb.rules, kb.vocab)
    assert any(index.tested for index in filed._by_stratum.values())
    compiled = plain.plan.compiler.check
    plain._by_stratum = {stratum: RuleIndex(
        (guard(e[0]), e) for e in [x for es in _entries(index) for x in es])
        for stratum, index in filed._by_stratum.items()}
    tries = {"n": 0}
    for engine in (filed, plain):
        for entries in [e for index in engine._by_stratum.values() for e in _entries(index)]:
            for at, (rule_, _check, *rest) in enumerate(entries):
                def counted(env: Any, scope: Any, _rule: Any = rule_) -> Any:
                    tries["n"] += 1
                    return compiled(_rule.condition)(env, scope)
                entries[at] = (rule_, counted, *rest)
    results = []
    counts = []
    for engine in (filed, plain):
        tries["n"] = 0
        results.append([engine.evaluate(c).signature() for c in cases])
        counts.append(tries["n"])
    assert results[0] == results[1]
    assert counts[0] < counts[1]
