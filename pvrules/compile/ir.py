"""The engine-neutral condition tree (IR) every engine evaluates.

Values are normalised: ordinal levels are their rank (0 = lowest), enums and
texts are strings, booleans are ``bool``, numbers are ``int`` or ``float``.

Semantics are three-valued (Kleene): a test on an unknown fact is *unknown*,
not false. ``not`` of unknown is unknown; ``all`` is false if any part is
false; ``any`` is true if any part is true. A rule fires only when its
condition is *true*. :class:`Known` tests presence and is never unknown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Union

from pvrules.values import CASE, Value

__all__ = ["CASE", "Value"]  # re-exported: importers above validate/ may keep using compile.ir

CmpOp = Literal["eq", "ne", "lt", "le", "gt", "ge"]
NEGATE_OP: dict[str, CmpOp] = {
    "eq": "ne", "ne": "eq", "lt": "ge", "ge": "lt", "gt": "le", "le": "gt"
}


@dataclass(frozen=True)
class Ref:
    """A fact of a variable: ``var`` is ``case`` or an entity variable."""

    var: str
    fact: str


@dataclass(frozen=True)
class Cmp:
    """Compare a fact with a constant; true only when the fact is known."""

    ref: Ref
    op: CmpOp
    value: Value


@dataclass(frozen=True)
class In:
    """The fact's value is (or, negated, is not) one of ``values``."""

    ref: Ref
    values: tuple[Value, ...]
    negated: bool = False


@dataclass(frozen=True)
class Has:
    """A list fact contains (or, negated, does not contain) ``value``."""

    ref: Ref
    value: Value
    negated: bool = False


@dataclass(frozen=True)
class Known:
    """The fact is known (or, with ``known=False``, unknown). Two-valued."""

    ref: Ref
    known: bool = True


@dataclass(frozen=True)
class And:
    """All parts hold."""

    items: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    """At least one part holds."""

    items: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    """The part does not hold (Kleene negation)."""

    item: Node


@dataclass(frozen=True)
class Exists:
    """Some entity of ``entity`` bound to ``var`` satisfies ``cond``."""

    var: str
    entity: str
    cond: Node


@dataclass(frozen=True)
class ForAll:
    """Every entity of ``entity`` bound to ``var`` satisfies ``cond``."""

    var: str
    entity: str
    cond: Node


@dataclass(frozen=True)
class Const:
    """A constant truth value (``all: []`` is true)."""

    value: bool = True


Node = Union[Cmp, In, Has, Known, And, Or, Not, Exists, ForAll, Const]  # noqa: UP007
Leaf = Union[Cmp, In, Has, Known]  # noqa: UP007


@dataclass(frozen=True)
class Derive:
    """Conclude ``fact`` = ``value`` for ``target`` (``case`` or the focus var)."""

    fact: str
    value: Value
    target: str


@dataclass(frozen=True)
class Recommend:
    """Recommend (or, with ``against``, advise against) ``item`` for ``target``."""

    item: str
    strength: int
    target: str
    against: bool = False


@dataclass(frozen=True)
class Assess:
    """An assessment of ``target`` (usually an option), of one of five kinds.

    ``effect`` (``name`` a corner, ``value`` the sign ``+``/``0``/``-``),
    ``criterion`` (``name`` an item, ``value`` the score ``+``/``0``/``-``/``?``),
    ``risk`` and ``route`` (``name`` an item) and ``prefer`` (``name`` ``advised`` or
    ``advised_against``, with a strength rank).
    """

    kind: str
    name: str
    target: str
    value: Value | None = None
    strength: int = 0


Conclusion = Union[Derive, Recommend, Assess]  # noqa: UP007


@dataclass(frozen=True)
class CompiledRule:
    """A rule ready for any engine: its condition in negation normal form."""

    id: str
    index: int
    stratum: int
    focus: str | None
    focus_entity: str | None
    condition: Node
    conclusions: tuple[Conclusion, ...]
    priority: int = 0
    file: str = ""
    line: int | None = None
    reads: frozenset[tuple[str, str]] = field(default_factory=frozenset)
    """(entity type, fact) pairs the condition reads."""
    writes: frozenset[tuple[str, str]] = field(default_factory=frozenset)
    """(entity type, fact) pairs the rule derives."""
    frameworks: tuple[str, ...] = ()
    """Framework items (catalogue kind ``framework``) the rule applies."""
    valid_from: str | None = None
    valid_to: str | None = None
    """The rule's validity range (ISO dates), already part of ``condition``."""


def nnf(node: Node, negate: bool = False) -> Node:
    """Return ``node`` (or its negation) in negation normal form.

    Kleene logic keeps De Morgan's laws, so ``not`` is pushed to the leaves:
    ``not (x >= 3)`` becomes ``x < 3`` (still false when x is unknown),
    ``not exists`` becomes ``forall not``.
    """
    if isinstance(node, Not):
        return nnf(node.item, not negate)
    if isinstance(node, And | Or):
        parts = tuple(nnf(i, negate) for i in node.items)
        flip = isinstance(node, And) == negate
        return Or(parts) if flip else And(parts)
    if isinstance(node, Exists | ForAll):
        inner = nnf(node.cond, negate)
        if isinstance(node, Exists) != negate:
            return Exists(node.var, node.entity, inner)
        return ForAll(node.var, node.entity, inner)
    if not negate:
        return node
    if isinstance(node, Cmp):
        return Cmp(node.ref, NEGATE_OP[node.op], node.value)
    if isinstance(node, In):
        return In(node.ref, node.values, not node.negated)
    if isinstance(node, Has):
        return Has(node.ref, node.value, not node.negated)
    if isinstance(node, Known):
        return Known(node.ref, not node.known)
    if isinstance(node, Const):
        return Const(not node.value)
    raise TypeError(f"not a condition node: {node!r}")


def leaves(node: Node) -> list[Leaf]:
    """All leaf tests of ``node``, in order."""
    if isinstance(node, And | Or):
        return [leaf for item in node.items for leaf in leaves(item)]
    if isinstance(node, Not):
        return leaves(node.item)
    if isinstance(node, Exists | ForAll):
        return leaves(node.cond)
    if isinstance(node, Const):
        return []
    return [node]


def facts_read(node: Node) -> set[str]:
    """The names of every fact a condition reads (its leaves' references)."""
    return {leaf.ref.fact for leaf in leaves(node)}


def to_data(node: Node) -> object:
    """A plain, JSON-able rendering of a node (for golden files and debugging)."""
    if isinstance(node, And | Or):
        return {type(node).__name__.lower(): [to_data(i) for i in node.items]}
    if isinstance(node, Not):
        return {"not": to_data(node.item)}
    if isinstance(node, Exists | ForAll):
        return {type(node).__name__.lower(): {
            "var": node.var, "entity": node.entity, "cond": to_data(node.cond)}}
    if isinstance(node, Const):
        return {"const": node.value}
    if isinstance(node, Cmp):
        return {"cmp": [f"{node.ref.var}.{node.ref.fact}", node.op, node.value]}
    if isinstance(node, In):
        return {"not_in" if node.negated else "in": [
            f"{node.ref.var}.{node.ref.fact}", list(node.values)]}
    if isinstance(node, Has):
        return {"not_has" if node.negated else "has": [
            f"{node.ref.var}.{node.ref.fact}", node.value]}
    return {"known" if node.known else "unknown": f"{node.ref.var}.{node.ref.fact}"}
