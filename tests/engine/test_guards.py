"""The guard index of the reference evaluator: it may only leave out rules that cannot fire."""

from __future__ import annotations

import random

import pytest

from pvrules.compile.ir import CASE, And, Cmp, CompiledRule, Has, In, Known, Node, Not, Or, Ref
from pvrules.infer.compiled import Compiler, Scope
from pvrules.infer.guards import RuleIndex, guard
from pvrules.validate.case import CASE_KEY


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


def test_an_unhashable_value_tries_every_rule_of_its_fact() -> None:
    index = RuleIndex([(("a", (1,)), "one"), (("a", (2,)), "two"), (None, "free")])
    assert sorted(index.select({"a": [1]})) == ["free", "one", "two"]
    assert sorted(index.select({"a": 2})) == ["free", "two"]
    assert index.select({}) == ["free"]
