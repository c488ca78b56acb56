"""Conditions compiled to closures: Kleene logic without a dispatch at every node.

The closures have the semantics of :func:`pvrules.infer.kleene.evaluate` (the
definition, checked against it in tests/engine/test_reference_compiled.py). A
quantifier whose condition mentions no outer variable has one truth value for
the whole case; with a :class:`Scope` it is computed once until the scope's memo
is cleared (the engines clear it when a stratum closes and facts change).
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from typing import Any

from pvrules.compile.ir import (
    CASE,
    And,
    Cmp,
    Const,
    Exists,
    ForAll,
    Has,
    In,
    Known,
    Node,
    Not,
    Or,
    leaves,
)
from pvrules.infer.kleene import Entities, Truth, Values
from pvrules.validate.case import EntityKey


class Scope:
    """The facts a compiled condition reads, and the quantifier truths of this stratum."""

    __slots__ = ("entities", "memo", "trace", "values")

    def __init__(self, values: Values, entities: Entities) -> None:
        self.values = values
        self.entities = entities
        self.memo: dict[int, Truth] = {}
        self.trace: dict[int, list[tuple[EntityKey, str]]] = {}
        """Supports of quantifiers that mention no outer variable (see infer/support.py)."""

    def clear(self) -> None:
        """Forget what was computed: the facts changed (a stratum closed)."""
        self.memo.clear()
        self.trace.clear()


Check = Callable[[dict[str, EntityKey], Scope], Truth]
_MISSING: Any = object()


def free_vars(node: Node) -> set[str]:
    """Variables ``node`` reads that it does not bind itself."""
    if isinstance(node, Exists | ForAll):
        return free_vars(node.cond) - {node.var}
    if isinstance(node, And | Or):
        out: set[str] = set()
        for item in node.items:
            out |= free_vars(item)
        return out
    if isinstance(node, Not):
        return free_vars(node.item)
    if isinstance(node, Const):
        return set()
    return {lf.ref.var for lf in leaves(node)}


class Compiler:
    """Compiles condition nodes to closures, once per node."""

    def __init__(self) -> None:
        self._done: dict[int, tuple[Node, Check]] = {}
        self._closed: dict[int, tuple[Node, bool]] = {}
        self._slots = 0

    def closed(self, node: Node) -> bool:
        """Whether ``node`` mentions no variable but the case (one truth per case)."""
        got = self._closed.get(id(node))
        if got is None or got[0] is not node:
            got = (node, free_vars(node) <= {CASE})
            self._closed[id(node)] = got
        return got[1]

    def check(self, node: Node) -> Check:
        """The closure for ``node`` (compiled on first use)."""
        got = self._done.get(id(node))
        if got is None or got[0] is not node:
            got = (node, self._compile(node))
            self._done[id(node)] = got
        return got[1]

    def _compile(self, node: Node) -> Check:
        if isinstance(node, And):
            return _all(tuple(self.check(item) for item in node.items))
        if isinstance(node, Or):
            return _any(tuple(self.check(item) for item in node.items))
        if isinstance(node, Exists | ForAll):
            split = self._split(node)
            if split is not None:
                return split
            inner = self.check(node.cond)  # first: it may number quantifiers inside
            self._slots += 1  # then this one's own memo slot, never an inner one's
            slot = self._slots if self.closed(node) else 0
            return _quantifier(inner, node.var, node.entity, isinstance(node, Exists), slot)
        if isinstance(node, Const):
            value = node.value
            return lambda env, scope: value
        if isinstance(node, Not):
            inner = self.check(node.item)

            def negate(env: dict[str, EntityKey], scope: Scope) -> Truth:
                truth = inner(env, scope)
                return None if truth is None else not truth

            return negate
        return _leaf(node)


    def _split(self, node: Exists | ForAll) -> Check | None:
        """Take the parts that do not mention the variable out of a quantifier.

        ``some x: (A and B(x))`` is ``A and (some x: B(x))``, and ``every x: (A or B(x))``
        is ``A or (every x: B(x))``, in Kleene logic too. With at least one entity,
        ``some x: (A or B(x))`` is ``A or (some x: B(x))`` and ``every x: (A and B(x))``
        is ``A and (every x: B(x))`` (``or``/``and`` are idempotent); with none, the
        quantifier's own value. An inner quantifier that then mentions only its own
        variable is computed once per stratum instead of once per outer entity.
        """
        exists = isinstance(node, Exists)
        cond = node.cond
        if not isinstance(cond, And | Or):
            return None
        outer = tuple(i for i in cond.items if node.var not in free_vars(i))
        inner = tuple(i for i in cond.items if node.var in free_vars(i))
        if not outer or not inner:
            return None
        kind = type(cond)
        body = inner[0] if len(inner) == 1 else kind(inner)
        rest = Exists(node.var, node.entity, body) if exists \
            else ForAll(node.var, node.entity, body)
        joined = self.check(kind((*outer, rest)))
        if (kind is And) == exists:  # some/and, every/or: always the same
            return joined
        empty_value = not exists
        entity = node.entity

        def guarded(env: dict[str, EntityKey], scope: Scope) -> Truth:
            if not scope.entities.get(entity):
                return empty_value
            return joined(env, scope)

        return guarded


def _all(items: tuple[Check, ...]) -> Check:
    def check(env: dict[str, EntityKey], scope: Scope) -> Truth:
        result: Truth = True
        for item in items:
            truth = item(env, scope)
            if truth is False:
                return False
            if truth is None:
                result = None
        return result

    return check


def _any(items: tuple[Check, ...]) -> Check:
    def check(env: dict[str, EntityKey], scope: Scope) -> Truth:
        result: Truth = False
        for item in items:
            truth = item(env, scope)
            if truth is True:
                return True
            if truth is None:
                result = None
        return result

    return check


def _quantifier(inner: Check, var: str, entity: str, want: bool, slot: int) -> Check:
    def check(env: dict[str, EntityKey], scope: Scope) -> Truth:
        if slot:
            known = scope.memo.get(slot, _MISSING)
            if known is not _MISSING:
                return known  # type: ignore[no-any-return]
        result: Truth = not want
        saved = env.get(var, _MISSING)
        try:
            for key in scope.entities.get(entity, ()):
                env[var] = key
                truth = inner(env, scope)
                if truth is want:
                    result = want
                    break
                if truth is None:
                    result = None
        finally:
            if saved is _MISSING:
                env.pop(var, None)
            else:
                env[var] = saved
        if slot:
            scope.memo[slot] = result
        return result

    return check


def _leaf(node: Node) -> Check:
    if not isinstance(node, Known | Cmp | In | Has):
        raise TypeError(f"not a condition node: {node!r}")
    ref = node.ref
    var, fact = ref.var, ref.fact
    empty: Mapping[str, Any] = {}

    if isinstance(node, Known):
        if node.known:
            return lambda env, scope: scope.values.get(env[var], empty).get(fact) is not None
        return lambda env, scope: scope.values.get(env[var], empty).get(fact) is None
    if isinstance(node, Cmp):
        return _cmp(var, fact, node.op, node.value)
    if isinstance(node, In):
        options, negated = node.values, node.negated

        def within(env: dict[str, EntityKey], scope: Scope) -> Truth:
            value = scope.values.get(env[var], empty).get(fact)
            return None if value is None else (value in options) != negated

        return within
    if isinstance(node, Has):
        item, negated_has = node.value, node.negated

        def has(env: dict[str, EntityKey], scope: Scope) -> Truth:
            value = scope.values.get(env[var], empty).get(fact)
            if value is None:
                return None
            assert isinstance(value, tuple)
            return (item in value) != negated_has

        return has
    raise AssertionError(node)  # pragma: no cover - the types are checked above


_ORDER: dict[str, Callable[[Any, Any], bool]] = {
    "lt": operator.lt, "le": operator.le, "gt": operator.gt, "ge": operator.ge}


def _cmp(var: str, fact: str, op: str, const: Any) -> Check:
    """A comparison specialised to its operator: :func:`kleene.compare` without dispatch."""
    empty: Mapping[str, Any] = {}
    if op == "eq":
        def equal(env: dict[str, EntityKey], scope: Scope) -> Truth:
            value = scope.values.get(env[var], empty).get(fact)
            return None if value is None else value == const

        return equal
    if op == "ne":
        def differ(env: dict[str, EntityKey], scope: Scope) -> Truth:
            value = scope.values.get(env[var], empty).get(fact)
            return None if value is None else value != const

        return differ
    order = _ORDER[op]
    if isinstance(const, str | bool):  # never ordered (kleene.compare): false once known
        return lambda env, scope: None if scope.values.get(env[var], empty).get(fact) is None \
            else False
    unordered = (str, bool)

    def ordered(env: dict[str, EntityKey], scope: Scope) -> Truth:
        value = scope.values.get(env[var], empty).get(fact)
        if value is None:
            return None
        return False if isinstance(value, unordered) else order(value, const)

    return ordered
