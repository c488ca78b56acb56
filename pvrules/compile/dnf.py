"""The disjunctive normal form (DNF) of a compiled condition.

One DNF serves lint and the engines. Purely logical (the default, for lint):
every branch of an ``any`` becomes its own conjunct, so that contradictions
and overlaps between rules can be seen; an ``any`` that would multiply beyond
``limit`` conjuncts, and ``every`` quantifiers, stay *residual*, and a solver
treats a residual as satisfiable, so lint never claims "impossible" without
proof.

With ``demote=True`` (durable_rules' plan) a branch that durable cannot match
moves to a Python-side residual check instead: an ``any`` with a branch of
only "unknown" / "does not contain" tests is checked as a whole, and an
existential whose tests include such a leaf becomes a residual :class:`Group`.
Strict stratification makes those residual checks exact.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from pvrules.compile.ir import (
    And,
    Cmp,
    Const,
    Exists,
    ForAll,
    Has,
    In,
    Known,
    Leaf,
    Node,
    Or,
    leaves,
)

LINT_LIMIT = 256
"""Most conjuncts a purely logical DNF multiplies out before keeping an ``any`` residual."""


@dataclass(frozen=True)
class Group:
    """A residual existential: ``Exists(var, entity, And(literals))`` checked in Python."""

    var: str
    entity: str
    cond: Node


@dataclass
class Conjunct:
    """One disjunct of a rule: leaves, existential variables and residual parts."""

    leaves: list[Leaf] = field(default_factory=list)
    exist_vars: dict[str, str] = field(default_factory=dict)
    residual: list[Node] = field(default_factory=list)

    def merged(self, other: Conjunct) -> Conjunct:
        """The conjunction of two conjuncts."""
        return Conjunct([*self.leaves, *other.leaves], {**self.exist_vars, **other.exist_vars},
                        [*self.residual, *other.residual])


def dnf(node: Node, *, demote: bool = False, limit: int = LINT_LIMIT) -> list[Conjunct]:
    """The DNF of an NNF condition (a compiled rule's ``condition``), Kleene-safe.

    Args:
        node: the condition.
        demote: move what durable_rules cannot match into residual checks.
        limit: the most alternatives an ``all`` multiplies out; beyond it the
            widest ``any`` stays residual.
    """
    if isinstance(node, Const):
        return [Conjunct()] if node.value else []
    if isinstance(node, Cmp | In | Has | Known):
        return [Conjunct(leaves=[node])]
    if isinstance(node, Or):
        return [c for item in node.items for c in dnf(item, demote=demote, limit=limit)]
    if isinstance(node, And):
        parts = [dnf(item, demote=demote, limit=limit) for item in node.items]
        if demote:
            parts = [_demote_mixed(item, part) for item, part in zip(node.items, parts,
                                                                       strict=True)]
        while math.prod(len(p) for p in parts) > limit:
            # Check the widest 'any' as a whole instead of multiplying alternatives.
            widest = max(range(len(parts)), key=lambda i: len(parts[i]))
            parts[widest] = [Conjunct(residual=[node.items[widest]])]
        result = [Conjunct()]
        for part in parts:
            result = [a.merged(b) for a in result for b in part]
        return result
    if isinstance(node, Exists):
        out = []
        for inner in dnf(node.cond, demote=demote, limit=limit):
            if demote:
                out.append(_grouped(node, inner))
            else:
                inner.exist_vars[node.var] = node.entity
                out.append(inner)
        return out
    if isinstance(node, ForAll):
        return [Conjunct(residual=[node])]
    raise TypeError(f"not an NNF node: {node!r}")


def residual_leaf(leaf: Leaf) -> bool:
    """Whether durable_rules cannot match ``leaf`` (an "unknown" or "does not contain" test)."""
    return (isinstance(leaf, Known) and not leaf.known) or (isinstance(leaf, Has)
                                                            and leaf.negated)


def _grouped(node: Exists, inner: Conjunct) -> Conjunct:
    """Bind the existential, or check it as a residual group when durable cannot match it."""
    own = [lf for lf in inner.leaves if lf.ref.var == node.var]
    if not (any(residual_leaf(lf) for lf in own) or _mentions(inner.residual, node.var)):
        inner.exist_vars[node.var] = node.entity
        return inner
    rest = Conjunct([lf for lf in inner.leaves if lf.ref.var != node.var], {},
                    [r for r in inner.residual if not _mentions([r], node.var)])
    group_cond = And((*own, *[r for r in inner.residual if _mentions([r], node.var)]))
    rest.residual.append(Group(node.var, node.entity, group_cond))  # type: ignore[arg-type]
    rest.exist_vars.update(inner.exist_vars)
    return rest


def _demote_mixed(item: Node, part: list[Conjunct]) -> list[Conjunct]:
    """Check an 'any' as a whole in Python when a branch has nothing durable can match.

    "Unknown, or at least X" is the typical case; it keeps the number of durable rules small.
    """
    if len(part) > 1 and any(not c.exist_vars and all(residual_leaf(lf) for lf in c.leaves)
                             for c in part):
        return [Conjunct(residual=[item])]
    return part


def _mentions(nodes: list[Node], var: str) -> bool:
    for n in nodes:
        if isinstance(n, Group):
            if var in {lf.ref.var for lf in leaves(n.cond)}:
                return True
            continue
        if any(lf.ref.var == var for lf in leaves(n)):
            return True
    return False
