"""Aggregate facts: computed over the entities a list fact refers to, before inference.

An option (``optie``) names its partners (``partners: [a, b]``, a list fact
with ``ref: partner``); a fact declared with ``aggregate: {over: partners, of:
regio_orientatie, fn: differs}`` is computed here from those partners' facts,
so every engine sees the same input. Semantics are Kleene (three-valued), and an
unknown aggregate stays unknown, never a default:

* ``differs``: true when two known values differ; false when all are known and
  equal; unknown otherwise. A value marked ``catch_all`` in the vocabulary ('andere
  regio') equals no other value, not even itself: two of them leave it unknown.
* ``min`` / ``max``: unknown when any value is unknown, unless a known value is
  already the lowest (for ``min``) or highest (for ``max``) the fact allows.
* ``all`` / ``any``: Kleene conjunction / disjunction of a true/false fact.
* ``count``: the number of referred entities (without ``of``), or of those
  whose ``of`` is true (unknown when any is unknown).
* ``is: VALUE`` (with ``any``, ``all`` or ``count``): an enum ``of`` counts as true
  where it has that value ("a policy-rich task"), false where it has another.

When the list fact itself is unknown, every aggregate over it is unknown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from pvrules.validate.vocab import Vocabulary
from pvrules.validate.vocabulary import FactDef
from pvrules.values import Value

EntityKey = tuple[str, str]
Facts = Mapping[EntityKey, Mapping[str, Value | tuple[Value, ...]]]


def compute_aggregates(vocab: Vocabulary, facts: Facts) -> dict[EntityKey, dict[str, Value]]:
    """The known aggregate values per entity key (unknown ones are left out)."""
    out: dict[EntityKey, dict[str, Value]] = {}
    aggregates = [f for f in vocab.facts.values() if f.aggregate is not None]
    for fact in sorted(aggregates, key=lambda f: f.id):
        agg = fact.aggregate
        assert agg is not None
        ref = vocab.facts[agg.over].ref
        assert ref is not None
        for key in sorted(k for k in facts if k[0] == fact.entity):
            members = facts[key].get(agg.over)
            if not isinstance(members, tuple):
                continue
            if agg.of is None:
                out.setdefault(key, {})[fact.id] = len(members)
                continue
            values = as_counted(agg.is_, [facts.get((ref, str(m)), {}).get(agg.of)
                                          for m in members])
            value = aggregate(agg.fn, values, vocab, vocab.facts[agg.of])
            if value is not None:
                out.setdefault(key, {})[fact.id] = value
    return out


def as_counted(is_: Value | None, values: Sequence[Value | tuple[Value, ...] | None]
               ) -> list[Value | tuple[Value, ...] | None]:
    """The members' values as the aggregate reads them: with ``is:``, whether each is that value.

    An enum value that counts as true (``is: private_partner``); unknown stays unknown.
    """
    if is_ is None:
        return list(values)
    return [None if v is None or isinstance(v, tuple) else v == is_ for v in values]


def aggregate(fn: str, values: Sequence[Value | tuple[Value, ...] | None], vocab: Vocabulary,
              of: FactDef) -> Value | None:
    """One aggregate of ``values`` (``None`` = unknown) under Kleene semantics."""
    known = [v for v in values if v is not None and not isinstance(v, tuple)]
    complete = len(known) == len(values)
    if fn == "differs":
        return _differs(known, complete, {v.id for v in of.values or () if v.catch_all})
    if fn == "all":
        if any(v is False for v in known):
            return False
        return True if complete else None
    if fn == "any":
        if any(v is True for v in known):
            return True
        return False if complete else None
    if fn == "count":
        return sum(1 for v in known if v is True) if complete else None
    if not known:
        return None
    ordered = [v for v in known if isinstance(v, int | float) and not isinstance(v, bool)]
    if fn == "min":
        low = min(ordered)
        return low if complete or low == _bound(of, vocab, low=True) else None
    high = max(ordered)
    return high if complete or high == _bound(of, vocab, low=False) else None


def _differs(known: Sequence[Value], complete: bool, catch_all: set[str]) -> bool | None:
    """Whether known values differ; a catch-all value ('andere regio') equals nothing.

    A listed value and a catch-all one differ; two catch-all values may or may not, so
    they leave the answer unknown.
    """
    listed = {v for v in known if v not in catch_all}
    loose = len(known) - sum(1 for v in known if v not in catch_all)
    if len(listed) > 1 or (listed and loose):
        return True
    if loose > 1:
        return None
    return False if complete else None


def _bound(of: FactDef, vocab: Vocabulary, low: bool) -> float | None:
    """The lowest (or highest) value ``of`` allows, if there is one."""
    if of.type == "level":
        return 0 if low else len(vocab.value_defs(of)) - 1
    return of.min if low else of.max
