"""Each closed quantifier keeps its truth in its own memo slot.

Regression: a quantifier that mentions no outer variable and holds another such
quantifier got the inner one's memo slot (the slot was numbered after the inner
condition was compiled). Evaluating the outer one overwrote the inner one's truth,
so a later look at the inner one (the support of a firing, a durable residual)
read the outer truth: e.g. ``every o: (some p: c.f = a) or c.g is not b`` with no
``p`` at all recorded no support instead of ``c.g`` (seed 707, 31 rules, of
test_reference_compiled.py).

Every nesting of ``some``/``every`` in ``and``/``or``, in both orders, over small
worlds: the compiled closures and the support compiler, sharing one scope as the
engines do, give what the tree walk (kleene.evaluate, support) gives, whichever
node is looked at first.
"""

from __future__ import annotations

import itertools

import pytest

from pvrules.compile.ir import CASE, And, Exists, ForAll, In, Node, Or, Ref
from pvrules.infer.compiled import Compiler, Scope
from pvrules.infer.kleene import evaluate
from pvrules.infer.support import SupportCompiler, support, unique
from pvrules.validate.case import CASE_KEY, EntityKey

QUANTIFIERS: dict[str, type[Exists] | type[ForAll]] = {"some": Exists, "every": ForAll}
CONNECTIVES: dict[str, type[And] | type[Or]] = {"and": And, "or": Or}


def shape(outer: str, inner: str, conn: str, inner_first: bool, own_var: bool) -> Node:
    """``outer o: (inner p: T) conn c.g in (a)`` (or the other order inside ``conn``).

    ``T`` is ``p.h in (a)`` with ``own_var`` (the inner quantifier reads its own
    entity), else the case fact ``c.f in (a)``; neither part mentions ``o``.
    """
    test = In(Ref("p", "h"), ("a",)) if own_var else In(Ref(CASE, "f"), ("a",))
    nested: Node = QUANTIFIERS[inner]("p", "pt", test)
    other: Node = In(Ref(CASE, "g"), ("a",))
    items = (nested, other) if inner_first else (other, nested)
    return QUANTIFIERS[outer]("o", "ot", CONNECTIVES[conn](items))


def quantifiers(node: Node) -> list[Node]:
    """``node`` and every quantifier below it, outermost first."""
    out: list[Node] = []
    if isinstance(node, Exists | ForAll):
        out.append(node)
        out += quantifiers(node.cond)
    elif isinstance(node, And | Or):
        for item in node.items:
            out += quantifiers(item)
    return out


SHAPES = [pytest.param(o, i, c, first, own, id=f"{o}-{c}-{i}-{'first' if first else 'last'}"
                       f"-{'own' if own else 'case'}")
          for o, i, c, first, own in itertools.product(
              QUANTIFIERS, QUANTIFIERS, CONNECTIVES, (True, False), (True, False))]
CASE_VALUES = ["a", "b", None]
WORLDS = list(itertools.product((0, 1, 2), (0, 1, 2), CASE_VALUES, CASE_VALUES,
                                (("a", "b"), ("b", None), (None, "a"))))


def world(n_o: int, n_p: int, f: str | None, g: str | None,
          hs: tuple[str | None, str | None]) -> tuple[dict, dict]:  # type: ignore[type-arg]
    entities: dict[str, list[EntityKey]] = {
        "ot": [("ot", f"o{i}") for i in range(n_o)],
        "pt": [("pt", f"p{i}") for i in range(n_p)]}
    values: dict[EntityKey, dict[str, str]] = {CASE_KEY: {k: v for k, v in (("f", f), ("g", g))
                                                          if v is not None}}
    for i, key in enumerate(entities["pt"]):
        h = hs[i % 2]
        values[key] = {} if h is None else {"h": h}
    return values, entities


@pytest.mark.parametrize(("outer", "inner", "conn", "inner_first", "own_var"), SHAPES)
@pytest.mark.parametrize("outer_first", [True, False], ids=["outer-first", "inner-first"])
def test_nested_closed_quantifiers(outer: str, inner: str, conn: str, inner_first: bool,
                                   own_var: bool, outer_first: bool) -> None:
    node = shape(outer, inner, conn, inner_first, own_var)
    compiler = Compiler()
    tracer = SupportCompiler(compiler)
    order = quantifiers(node) if outer_first else quantifiers(node)[::-1]
    differ: list[tuple[object, ...]] = []
    for w in WORLDS:
        values, entities = world(*w)
        scope = Scope(values, entities)  # one scope for all looks, as in one stratum
        env = {CASE: CASE_KEY}
        for part in order + order:  # each part twice: the second look reads the memo
            expected = evaluate(part, env, values, entities)
            got = compiler.check(part)(dict(env), scope)
            if got != expected:
                differ.append((w, part, "truth", got, expected))
            if expected is True:
                used: list[tuple[EntityKey, str]] = []
                tracer.collect(part)(dict(env), scope, used)
                if unique(used) != support(part, env, values, entities):
                    differ.append((w, part, "support", unique(used),
                                   support(part, env, values, entities)))
    assert not differ, differ[:3]


def test_nested_closed_quantifiers_have_their_own_slots() -> None:
    """The shape of the defect: each closed quantifier memoises under a different slot."""
    node = shape("every", "some", "or", True, False)
    compiler = Compiler()
    values, entities = world(1, 0, None, "a", ("a", "b"))
    scope = Scope(values, entities)
    assert compiler.check(node)({CASE: CASE_KEY}, scope) is True
    assert sorted(scope.memo.values(), key=str) == [False, True]  # inner false, outer true
