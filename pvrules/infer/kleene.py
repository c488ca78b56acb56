"""Three-valued (Kleene) evaluation of the condition tree: the reference semantics.

``True`` and ``False`` are definite; ``None`` means unknown. A rule fires only
when its condition evaluates to ``True``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from pvrules.compile.ir import (
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
    Ref,
    Value,
)
from pvrules.validate.case import EntityKey

Values = Mapping[EntityKey, Mapping[str, Value | tuple[Value, ...]]]
Entities = Mapping[str, Sequence[EntityKey]]
Env = Mapping[str, EntityKey]
Truth = bool | None


def lookup(ref: Ref, env: Env, values: Values) -> Value | tuple[Value, ...] | None:
    """The value of ``ref`` under ``env``, or ``None`` when unknown."""
    return values.get(env[ref.var], {}).get(ref.fact)


def compare(op: str, left: Value, right: Value) -> bool:
    """Compare two normalised values of one fact."""
    if op == "eq":
        return left == right
    if op == "ne":
        return left != right
    if isinstance(left, str | bool) or isinstance(right, str | bool):
        return False
    if op == "lt":
        return left < right
    if op == "le":
        return left <= right
    if op == "gt":
        return left > right
    return left >= right


def evaluate(node: Node, env: Env, values: Values, entities: Entities) -> Truth:
    """Evaluate ``node`` under variable bindings ``env``."""
    if isinstance(node, And):
        result: Truth = True
        for item in node.items:
            truth = evaluate(item, env, values, entities)
            if truth is False:
                return False
            if truth is None:
                result = None
        return result
    if isinstance(node, Or):
        result = False
        for item in node.items:
            truth = evaluate(item, env, values, entities)
            if truth is True:
                return True
            if truth is None:
                result = None
        return result
    if isinstance(node, Exists | ForAll):
        want = isinstance(node, Exists)
        result = not want
        for key in entities.get(node.entity, ()):
            truth = evaluate(node.cond, {**env, node.var: key}, values, entities)
            if truth is want:
                return want
            if truth is None:
                result = None
        return result
    if isinstance(node, Const):
        return node.value
    if isinstance(node, Known):
        return (lookup(node.ref, env, values) is not None) == node.known
    if isinstance(node, Not):
        truth = evaluate(node.item, env, values, entities)
        return None if truth is None else not truth
    value = lookup(node.ref, env, values)
    if value is None:
        return None
    if isinstance(node, Cmp):
        return compare(node.op, value, node.value)  # type: ignore[arg-type]
    if isinstance(node, In):
        return (value in node.values) != node.negated
    if isinstance(node, Has):
        assert isinstance(value, tuple)
        return (node.value in value) != node.negated
    raise TypeError(f"not a condition node: {node!r}")
