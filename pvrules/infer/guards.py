"""An index of rules by the case fact each needs, so a case only tries rules that can fire.

A rule whose condition is a leaf on a case fact, or an ``all`` with such a leaf, cannot
be true unless that leaf is: every test but ``unknown`` is unknown (so not true) when
the fact is unknown, and an equality or ``in`` test is true only for its values. That
leaf is the rule's *guard*. :class:`RuleIndex` files each rule under its guard (the
most selective one: a value before mere knownness); :meth:`RuleIndex.select` returns,
for the facts of one case, the rules without a guard and those whose guard can hold.
Every selected rule is still checked in full: the guard only leaves out rules that
cannot fire. Equality is Python's ``==`` on both sides (a dict look-up by value is the
same test as the compiled ``value == const``); a value that cannot be a dict key falls
back to trying every rule filed under its fact.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, Generic, TypeVar

from pvrules.compile.ir import CASE, And, Cmp, CompiledRule, Has, In, Known, Value

T = TypeVar("T")

Guard = tuple[str, tuple[Value, ...] | None]
"""(case fact, the values one of which it must equal; ``None``: it must be known)."""

Leaf = Cmp | In | Known | Has
Test = Callable[[dict[str, Any], Any], object]
"""A leaf's compiled check (:mod:`pvrules.infer.compiled`): ``(env, scope) -> truth``."""


def guard(rule: CompiledRule, var: str = CASE) -> Guard | None:
    """The fact of ``var`` that ``rule`` needs before it can fire, or ``None``.

    ``var``: the case, or the rule's focus variable (a test on its focus entity).
    """
    cond = rule.condition
    items = cond.items if isinstance(cond, And) else (cond,)
    known: Guard | None = None
    for item in items:
        if not isinstance(item, Cmp | In | Known | Has) or item.ref.var != var:
            continue
        fact = item.ref.fact
        if isinstance(item, Cmp) and item.op == "eq":
            return (fact, (item.value,))
        if isinstance(item, In) and not item.negated:
            return (fact, tuple(item.values))
        if isinstance(item, Known) and not item.known:
            continue  # true exactly when the fact is unknown: no guard
        if known is None:
            known = (fact, None)
    return known


def case_test(rule: CompiledRule) -> Leaf | None:
    """A test on a case fact that must be true for ``rule`` to fire, or ``None``.

    Not an equality, an ``in`` or a mere "known" (:func:`guard` files those): the first
    other leaf of the condition (or of its ``all``): an order or ``not`` test,
    ``not in``, ``contains`` or "unknown". Rules without an equality guard are filed
    under it, and each distinct test is evaluated once per stratum (:class:`RuleIndex`).
    """
    cond = rule.condition
    for item in cond.items if isinstance(cond, And) else (cond,):
        if not isinstance(item, Cmp | In | Known | Has) or item.ref.var != CASE:
            continue
        if isinstance(item, Known) and item.known:
            continue  # no more than its guard says
        if (isinstance(item, Cmp) and item.op == "eq") or (isinstance(item, In)
                                                          and not item.negated):
            continue  # a guard of its own (guard() takes it first)
        return item
    return None


class RuleIndex(Generic[T]):
    """Entries (one per rule) filed under their rule's guard, or under a test of its."""

    def __init__(self, entries: Iterable[tuple[Guard | None, T]],
                 tests: Iterable[tuple[Leaf, Test, T]] = ()) -> None:
        """File every entry under its guard (``None``: always tried).

        ``tests``: entries filed instead under a leaf on a case fact their condition
        needs true (:func:`case_test`), with the leaf's compiled check; equal leaves (same
        type, fields and constants, as ``repr`` tells them apart: ``1``, ``1.0``,
        ``True``) share one evaluation.
        """
        self.always: list[T] = []
        self.known: dict[str, list[T]] = {}
        self.equal: dict[str, dict[Value, list[T]]] = {}
        self.tested: dict[str, tuple[Test, list[T]]] = {}
        for leaf, check, entry in tests:
            self.tested.setdefault(f"{type(leaf).__name__}:{leaf!r}", (check, []))[1].append(
                entry)
        for got, entry in entries:
            if got is None:
                self.always.append(entry)
                continue
            fact, values = got
            if values is None:
                self.known.setdefault(fact, []).append(entry)
                continue
            by_value = self.equal.setdefault(fact, {})
            for value in dict.fromkeys(values):  # one entry per distinct value
                by_value.setdefault(value, []).append(entry)

    def select(self, facts: Mapping[str, object], env: dict[str, Any] | None = None,
               scope: object = None) -> list[T]:
        """The entries whose guard can hold for a case with ``facts`` (no entry twice).

        ``env`` and ``scope``: what the filed tests are evaluated with (the case's
        binding and its facts); an entry filed under a test is selected when the test is
        true. Order: unguarded entries first, then by guard; callers must not depend on
        the order within a stratum (the engines' results do not).
        """
        out = list(self.always)
        for check, filed in self.tested.values():
            if check(env, scope) is True:  # type: ignore[arg-type]
                out += filed
        for fact, entries in self.known.items():
            if facts.get(fact) is not None:
                out += entries
        for fact, by_value in self.equal.items():
            value = facts.get(fact)
            if value is None:
                continue
            try:
                hit = by_value.get(value)  # type: ignore[call-overload]
            except TypeError:  # unhashable: every entry of this fact, checked in full
                hit = list({id(e): e for es in by_value.values() for e in es}.values())
            if hit:
                out += hit
        return out


class FocusIndex(Generic[T]):
    """The entities of one type filed by the value of one fact, for one stratum.

    The reference evaluator uses it for a rule whose focus entity must pass a guard (see
    :func:`guard` with the focus variable): only the entities whose value can satisfy the
    guard are tried. Same equality as :class:`RuleIndex` (a dict look-up is Python's
    ``==``); a value that cannot be a dict key makes the index give up (``None``).
    """

    __slots__ = ("by_value", "known")

    def __init__(self, focuses: Iterable[T], values: Mapping[T, Mapping[str, object]],
                 fact: str) -> None:
        """File ``focuses`` by their value of ``fact`` (unknown: filed nowhere)."""
        self.known: list[T] = []
        self.by_value: dict[object, list[T]] | None = {}
        empty: Mapping[str, object] = {}
        for key in focuses:
            value = values.get(key, empty).get(fact)
            if value is None:
                continue
            self.known.append(key)
            if self.by_value is not None:
                try:
                    self.by_value.setdefault(value, []).append(key)
                except TypeError:  # unhashable: every known entity is tried
                    self.by_value = None

    def select(self, wanted: tuple[Value, ...] | None) -> list[T] | None:
        """The entities whose value can equal one of ``wanted`` (``None``: be known).

        Each entity at most once; ``None`` when the index cannot tell (try them all).
        """
        if wanted is None:
            return self.known
        by_value = self.by_value
        if by_value is None:
            return self.known
        if len(wanted) == 1:
            try:
                return by_value.get(wanted[0], [])
            except TypeError:
                return None
        out: list[T] = []
        try:
            for value in dict.fromkeys(wanted):  # equal values share one list: once each
                out += by_value.get(value, ())
        except TypeError:
            return None
        return out
