"""The disjunctive normal form of a condition, for reasoning about rules.

Like :func:`pvrules.infer.durable_plan.dnf` (and with its :class:`Conjunct`),
but purely logical: every branch of an ``any`` becomes its own conjunct, so
that contradictions and overlaps between rules can be seen. The engine's
version moves mixed branches into Python-side residual checks, which is right
for durable_rules but would hide them from lint. ``every`` quantifiers, and
``any`` parts that would multiply beyond :data:`LIMIT` conjuncts, stay
residual: the solver treats a residual as satisfiable, so lint never claims
"impossible" without proof.
"""

from __future__ import annotations

import math

from pvrules.compile.ir import And, Cmp, Const, Exists, ForAll, Has, In, Known, Node, Or
from pvrules.infer.durable_plan import Conjunct

LIMIT = 256


def lint_dnf(node: Node) -> list[Conjunct]:
    """The DNF of an NNF condition (a compiled rule's ``condition``)."""
    if isinstance(node, Const):
        return [Conjunct()] if node.value else []
    if isinstance(node, Cmp | In | Has | Known):
        return [Conjunct(leaves=[node])]
    if isinstance(node, Or):
        return [c for item in node.items for c in lint_dnf(item)]
    if isinstance(node, And):
        parts = [lint_dnf(item) for item in node.items]
        while math.prod(len(p) for p in parts) > LIMIT:
            widest = max(range(len(parts)), key=lambda i: len(parts[i]))
            parts[widest] = [Conjunct(residual=[node.items[widest]])]
        result = [Conjunct()]
        for part in parts:
            result = [a.merged(b) for a in result for b in part]
        return result
    if isinstance(node, Exists):
        out = []
        for inner in lint_dnf(node.cond):
            inner.exist_vars[node.var] = node.entity
            out.append(inner)
        return out
    if isinstance(node, ForAll):
        return [Conjunct(residual=[node])]
    raise TypeError(f"not an NNF node: {node!r}")
