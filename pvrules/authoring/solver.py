"""Can a conjunction of tests be true? A small, sound-enough solver over fact domains.

A condition in disjunctive normal form (:func:`pvrules.infer.durable_plan.dnf`)
is a list of conjuncts; each conjunct is a list of leaf tests. Tests on
different facts (or on the same fact of different entities) are independent,
so a conjunct can be true exactly when, for each fact it tests, some value
(or "unknown") passes all of that fact's tests. Quantifier residues (``every``,
``no`` with unknown tests) are assumed satisfiable: the solver never claims
"impossible" without proof. The domains are the one value-domain model of
:mod:`pvrules.explain.domains`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from pvrules.compile.ir import Has, In, Known, Leaf, Value
from pvrules.explain.domains import Domain, Domains
from pvrules.infer.durable_plan import Conjunct
from pvrules.infer.kleene import compare
from pvrules.validate.vocabulary import FactDef

__all__ = ["Domain", "Domains", "contradiction", "group_satisfiable", "satisfiable"]

def _passes(value: Value, leaf: Leaf) -> bool:
    if isinstance(leaf, In):
        return (value in leaf.values) != leaf.negated
    if isinstance(leaf, Has | Known):
        return True
    return compare(leaf.op, value, leaf.value)


def group_satisfiable(leaves: Sequence[Leaf], domain: Domain, fact: FactDef | None) -> bool:
    """Whether some value (or unknown) of one fact passes every test in ``leaves``."""
    wants_unknown = any(isinstance(lf, Known) and not lf.known for lf in leaves)
    value_tests = [lf for lf in leaves if not isinstance(lf, Known)]
    wants_known = bool(value_tests) or any(isinstance(lf, Known) and lf.known for lf in leaves)
    if wants_unknown:
        return not wants_known and domain.can_be_unknown
    if domain.values is not None:
        if not any(all(_passes(v, lf) for lf in value_tests) for v in domain.values):
            return False
        return bool(domain.values) or not wants_known
    has = [lf for lf in value_tests if isinstance(lf, Has)]
    if has:
        pos = {lf.value for lf in has if not lf.negated}
        neg = {lf.value for lf in has if lf.negated}
        return not pos & neg
    return _open_satisfiable(value_tests, fact)


def _open_satisfiable(tests: Sequence[Leaf], fact: FactDef | None) -> bool:
    """Numbers and texts: finite candidates from ``is``/``in``, else an interval."""
    points: set[Value] | None = None
    for lf in tests:
        if isinstance(lf, In) and not lf.negated:
            points = set(lf.values) if points is None else points & set(lf.values)
        elif not isinstance(lf, In | Has | Known) and lf.op == "eq":
            points = {lf.value} if points is None else points & {lf.value}
    if points is not None:
        return any(_in_range(p, fact) and all(_passes(p, lf) for lf in tests) for p in points)
    if fact is None or fact.type != "number":
        return True
    low, high = -math.inf, math.inf
    low_open = high_open = False
    if fact.min is not None:
        low = fact.min
    if fact.max is not None:
        high = fact.max
    for lf in tests:
        if isinstance(lf, In | Has | Known) or isinstance(lf.value, str | bool):
            continue
        bound = float(lf.value)
        if lf.op in ("ge", "gt") and (bound > low or (bound == low and lf.op == "gt")):
            low, low_open = bound, lf.op == "gt"
        if lf.op in ("le", "lt") and (bound < high or (bound == high and lf.op == "lt")):
            high, high_open = bound, lf.op == "lt"
    if fact.integer:
        if math.isinf(low) or math.isinf(high):
            return low < high or (low == high and not (low_open or high_open))
        first = math.floor(low) + 1 if low_open or not float(low).is_integer() else low
        last = math.ceil(high) - 1 if high_open or not float(high).is_integer() else high
        if first > last:
            return False
        if last - first < 1000:
            return any(all(_passes(int(v), lf) for lf in tests)
                       for v in range(int(first), int(last) + 1))
        return True
    if low > high or (low == high and (low_open or high_open)):
        return False
    if low == high:
        return all(_passes(low, lf) for lf in tests)
    return True


def _in_range(value: Value, fact: FactDef | None) -> bool:
    if fact is None or fact.type != "number" or isinstance(value, str | bool):
        return True
    return (fact.min is None or value >= fact.min) and (fact.max is None or value <= fact.max)


def contradiction(conjunct: Conjunct | Iterable[Leaf], domains: Domains) -> list[Leaf] | None:
    """The tests on one fact that cannot all be true, or ``None`` when there are none."""
    leaves = conjunct.leaves if isinstance(conjunct, Conjunct) else list(conjunct)
    groups: dict[tuple[str, str], list[Leaf]] = {}
    for leaf in leaves:
        groups.setdefault((leaf.ref.var, leaf.ref.fact), []).append(leaf)
    for (_var, fact_id), group in groups.items():
        fact = domains.vocab.facts.get(fact_id)
        if fact is None:
            continue
        if not group_satisfiable(group, domains.of(fact_id), fact):
            return group
    return None


def satisfiable(conjunct: Conjunct | Iterable[Leaf], domains: Domains) -> bool:
    """Whether all leaf tests of ``conjunct`` can be true together."""
    return contradiction(conjunct, domains) is None
