"""The one value-domain model: which values each fact can take.

Used by lint (can a combination of tests be true at all?, via
:mod:`pvrules.authoring.solver`), by why-not (the smallest repair), by what-if
(the values worth trying) and by "find out first" (how much of the advice a
still unknown fact could change).

* :meth:`Domains.of` is the domain in the abstract: for input facts their type's
  values (scales, enums, booleans; ``None`` = infinitely many), for derived facts
  the values rules derive plus the default.
* :meth:`Domains.values` lists concrete candidate values for a search: the
  vocabulary's values, for lists one toggled value, for numbers each threshold
  the rules test and its neighbours (so every interval between thresholds has a
  value), ordered by plausibility (:meth:`Domains.cost`).
* :meth:`Domains.representatives` keeps one value per class of values that every
  rule test treats alike.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from pvrules.compile.ir import Cmp, CompiledRule, Derive, Has, In, Leaf, Value, leaves
from pvrules.infer.kleene import Values, evaluate
from pvrules.validate.case import EntityKey
from pvrules.validate.vocab import Vocabulary
from pvrules.validate.vocabulary import FactDef

if TYPE_CHECKING:
    from dataclasses import dataclass
else:  # the same classes, cheaper to create: a cold start
    from pvrules.explain.frozen import dataclass

Slot = tuple[EntityKey, str]
FactValue = Value | tuple[Value, ...]


@dataclass(frozen=True)
class Domain:
    """The values a fact can take in a case, and whether it can be unknown."""

    values: frozenset[Value] | None
    """``None``: infinitely many (numbers, texts, lists)."""
    can_be_unknown: bool


def leaf_holds(leaf: Leaf, value: FactValue | None) -> bool | None:
    """Evaluate ``leaf`` as if its fact had ``value``."""
    key = ("x", "x")
    vals = {key: {leaf.ref.fact: value}} if value is not None else {}
    return evaluate(leaf, {leaf.ref.var: key}, vals, {})


def leaf_values(leaf: Leaf) -> tuple[Value, ...]:
    """The constants a leaf test compares with."""
    if isinstance(leaf, Cmp):
        return (leaf.value,)
    if isinstance(leaf, In):
        return leaf.values
    if isinstance(leaf, Has):
        return (leaf.value,)
    return ()


class Domains:
    """Domains of every fact of a knowledge base (see the module docstring)."""

    def __init__(self, vocab: Vocabulary, rules: Sequence[CompiledRule]) -> None:
        """Collect the leaf tests per fact and the values rules derive."""
        self.vocab = vocab
        self.rules = tuple(rules)
        self._tests: dict[str, list[Leaf]] = {}
        self.derived: dict[str, set[Value]] = {}
        for rule in self.rules:
            for leaf in leaves(rule.condition):
                self._tests.setdefault(leaf.ref.fact, []).append(leaf)
            for concl in rule.conclusions:
                if isinstance(concl, Derive):
                    self.derived.setdefault(concl.fact, set()).add(concl.value)

    # -- in the abstract (lint) ------------------------------------------------------------

    def of(self, fact_id: str) -> Domain:
        """The domain of ``fact_id``."""
        fact = self.vocab.facts[fact_id]
        if fact.origin == "derived":
            values = set(self.derived.get(fact_id, set()))
            if fact.default is not None:
                values.add(self.vocab.normalize(fact, fact.default))
            return Domain(frozenset(values), fact.default is None)
        return Domain(self._finite(fact), True)

    def _finite(self, fact: FactDef) -> frozenset[Value] | None:
        if fact.type == "level":
            return frozenset(range(len(self.vocab.value_defs(fact))))
        if fact.type == "enum":
            return frozenset(v.id for v in self.vocab.value_defs(fact))
        if fact.type == "bool":
            return frozenset((True, False))
        return None

    # -- concrete candidates (why-not, what-if, find out first) -----------------------------

    def tests(self, fact_id: str) -> list[Leaf]:
        """Leaf tests on ``fact_id`` in any rule."""
        return self._tests.get(fact_id, [])

    def values(self, fact_id: str, current: FactValue | None) -> list[FactValue]:
        """Every candidate value other than ``current``, most plausible first."""
        fact = self.vocab.facts[fact_id]
        out: list[FactValue]
        if fact.type == "level":
            out = list(range(len(self.vocab.value_defs(fact))))
        elif fact.type == "enum":
            out = [v.id for v in self.vocab.value_defs(fact)]
        elif fact.type == "bool":
            out = [True, False]
        elif fact.type == "list":
            base = set(current) if isinstance(current, tuple) else set()
            out = [tuple(sorted(base ^ {vdef.id}, key=str))
                   for vdef in self.vocab.value_defs(fact)]
        elif fact.type == "number":
            out = self._numbers(fact_id)
        else:
            out = sorted({v for leaf in self.tests(fact_id) for v in leaf_values(leaf)
                          if isinstance(v, str)})
        unique: list[FactValue] = []
        for v in out:
            if v != current and v not in unique:
                unique.append(v)
        unique.sort(key=lambda v: self.cost(fact_id, current, v))
        return unique

    def _numbers(self, fact_id: str) -> list[FactValue]:
        fact = self.vocab.facts[fact_id]
        step: float = 1 if fact.integer else 0.5
        found: set[float] = set()
        for leaf in self.tests(fact_id):
            for v in leaf_values(leaf):
                if isinstance(v, bool) or not isinstance(v, int | float):
                    continue
                found.update((v - step, v, v + step))
        if not fact.integer:  # every open interval between two thresholds gets a value
            points = sorted(found)
            found.update((a + b) / 2 for a, b in itertools.pairwise(points))
        out: list[FactValue] = []
        for v in sorted(found):
            if (fact.min is not None and v < fact.min) or (fact.max is not None and v > fact.max):
                continue
            out.append(int(v) if fact.integer or float(v).is_integer() else v)
        return out

    def representatives(self, fact_id: str, current: FactValue | None) -> list[FactValue]:
        """One value per class of values that every rule treats alike, most plausible first.

        Two values that give every leaf test on the fact the same truth cannot
        change any outcome differently, so only the most plausible of each
        class needs to be tried. The class of ``current`` is left out.
        """
        tests = self.tests(fact_id)

        def signature(v: FactValue | None) -> tuple[bool | None, ...]:
            return tuple(leaf_holds(t, v) for t in tests)

        seen = {signature(current)}
        out = []
        for v in self.values(fact_id, current):
            sig = signature(v)
            if sig not in seen:
                seen.add(sig)
                out.append(v)
        return out

    def cost(self, fact_id: str, old: FactValue | None, new: FactValue | None) -> float:
        """How big (how implausible) a change from ``old`` to ``new`` is; 0.5 = filling in."""
        if old is None:
            return 0.5
        fact = self.vocab.facts[fact_id]
        if fact.type == "level" and isinstance(old, int) and isinstance(new, int):
            return float(abs(new - old))
        if fact.type == "number" and isinstance(old, int | float) and \
                isinstance(new, int | float) and not isinstance(new, bool):
            return 1.0 + min(1.0, abs(new - old) / max(abs(old), 1.0))
        if fact.type == "list" and isinstance(old, tuple) and isinstance(new, tuple):
            return float(len(set(old) ^ set(new)))
        return 1.0


def with_changes(values: Values, changes: Mapping[Slot, FactValue | None]
                 ) -> dict[EntityKey, dict[str, FactValue]]:
    """``values`` with ``changes`` applied (``None`` makes a fact unknown).

    Only the entities whose facts change are copied; ``values`` is left as it is.
    """
    out: dict[EntityKey, dict[str, FactValue]] = dict(values)  # type: ignore[arg-type]
    copied: set[EntityKey] = set()
    for (key, fact), value in changes.items():
        if key not in copied:
            out[key] = dict(out.get(key, {}))
            copied.add(key)
        slot = out[key]
        if value is None:
            slot.pop(fact, None)
        else:
            slot[fact] = value
    return out


def with_aggregates(vocab: Vocabulary, facts: Values, changes: Mapping[Slot, FactValue | None]
                    ) -> dict[Slot, FactValue | None]:
    """``changes`` plus the aggregate facts they alter.

    Aggregates (a fact of an option computed over its partners) are computed
    before inference, so a change of a partner's fact must carry the new
    aggregate with it, as loading the changed case would.
    """
    inputs = {name for f in vocab.facts.values() if f.aggregate is not None
              for name in (f.aggregate.over, f.aggregate.of) if name}
    if not any(fact in inputs for _key, fact in changes):
        return dict(changes)  # no aggregate reads a changed fact: nothing to carry
    from pvrules.validate.aggregate import compute_aggregates

    changed = with_changes(facts, changes)
    before = compute_aggregates(vocab, facts)
    after = compute_aggregates(vocab, changed)
    out = dict(changes)
    for key in set(before) | set(after):
        for fact in set(before.get(key, {})) | set(after.get(key, {})):
            old, new = before.get(key, {}).get(fact), after.get(key, {}).get(fact)
            if old != new:
                out[(key, fact)] = new
    return out


class Aggregates:
    """The aggregates of one case, computed once; a change recomputes only what it touches.

    :meth:`changes` gives exactly what :func:`with_aggregates` gives, but
    recomputes only the aggregates of the entities whose list names a changed
    entity (or whose own list changed), against aggregates of the case
    computed once, instead of every aggregate of the case twice per change.
    """

    def __init__(self, vocab: Vocabulary, facts: Values) -> None:
        """Compute the aggregates of ``facts`` once."""
        from pvrules.validate.aggregate import compute_aggregates

        self.vocab = vocab
        self.facts = facts
        self.defs = sorted((f for f in vocab.facts.values() if f.aggregate is not None),
                           key=lambda f: f.id)
        self.reading: dict[str, frozenset[str]] = {}
        """Per aggregate: the facts it is computed from (its list, and the fact it reads)."""
        for fdef in self.defs:
            assert fdef.aggregate is not None
            self.reading[fdef.id] = frozenset(
                n for n in (fdef.aggregate.over, fdef.aggregate.of) if n)
        self.inputs = frozenset().union(*self.reading.values())
        self.base = compute_aggregates(vocab, facts)
        self.lists: dict[str, list[tuple[EntityKey, frozenset[str]]]] = {}
        """Per aggregate: each entity of its type with the ids its list names."""
        for fdef in self.defs:
            assert fdef.aggregate is not None
            over = fdef.aggregate.over
            self.lists[fdef.id] = [(k, _names(v.get(over))) for k, v in sorted(facts.items())
                                   if k[0] == fdef.entity]

    def changes(self, changes: Mapping[Slot, FactValue | None]
                ) -> dict[Slot, FactValue | None]:
        """``changes`` plus the aggregate facts they alter (as :func:`with_aggregates`)."""
        facts = {fact for _key, fact in changes}
        if facts.isdisjoint(self.inputs):
            return dict(changes)
        defs = [d for d in self.defs if not facts.isdisjoint(self.reading[d.id])]
        if not defs:
            return dict(changes)
        changed = with_changes(self.facts, changes)
        out = dict(changes)
        for fdef in defs:
            agg = fdef.aggregate
            assert agg is not None
            ref = self.vocab.facts[agg.over].ref
            ids = {key[1] for key, fact in changes if key[0] == ref and fact == agg.of}
            keys = [k for k, names in self.lists[fdef.id] if names & ids]
            keys += [k for k, fact in changes if fact == agg.over and k[0] == fdef.entity]
            for key in sorted(set(keys)):
                old = self.base.get(key, {}).get(fdef.id)
                new = self._one(fdef, ref, changed, key)
                if old != new:
                    out[(key, fdef.id)] = new
        return out

    def _one(self, fdef: FactDef, ref: str | None,
             facts: Mapping[EntityKey, Mapping[str, FactValue]], key: EntityKey) -> Value | None:
        """The aggregate ``fdef`` of ``key`` in ``facts`` (``None``: unknown).

        As :func:`pvrules.validate.aggregate.compute_aggregates` computes it.
        """
        from pvrules.validate.aggregate import aggregate, as_counted

        agg = fdef.aggregate
        assert agg is not None
        assert ref is not None
        members = facts.get(key, {}).get(agg.over)
        if not isinstance(members, tuple):
            return None
        if agg.of is None:
            return len(members)
        values = as_counted(agg.is_, [facts.get((ref, str(m)), {}).get(agg.of) for m in members])
        return aggregate(agg.fn, values, self.vocab, self.vocab.facts[agg.of])


def _names(members: FactValue | None) -> frozenset[str]:
    """The entity ids a list fact names (none when it is not a list)."""
    return frozenset(str(m) for m in members) if isinstance(members, tuple) else frozenset()
