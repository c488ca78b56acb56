"""What an evaluation produces: firings, derived facts and final values."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from pvrules.compile.ir import Value
from pvrules.validate.case import Case, EntityKey

FiringKey = tuple[str, EntityKey | None]
"""(rule id, focus entity or ``None``): a rule fires at most once per focus."""


@dataclass(frozen=True)
class Applied:
    """One conclusion as applied: to which entity, with which value or strength."""

    kind: str
    """``derive``, ``recommend``, ``against``, or an assessment: ``effect`` (name: corner,
    value: sign), ``criterion`` (value: score), ``risk``, ``route`` or ``prefer`` (name:
    ``advised`` / ``advised_against``)."""
    name: str
    target: EntityKey
    value: Value | None = None
    strength: int = 0


Matched = tuple[tuple[EntityKey, str, Value | tuple[Value, ...] | None], ...]
"""The facts that made a condition true, with their values (``None``: unknown)."""


class LateMatched(Protocol):
    """Computes a firing's matched facts when they are first read (see :class:`Firing`)."""

    def __call__(self, firing: Firing) -> Matched:
        """The matched facts of ``firing`` (from its rule id and focus)."""


class _MatchedField:
    """The data descriptor behind :attr:`Firing.matched`: a tuple, or computed when read.

    An engine records a firing with a :class:`LateMatched` instead of the tuple
    (:func:`new_firing` with ``late``), which is called with the firing: the support of
    most firings is never read, and the facts a rule reads are final when it fires
    (strata), so computing it later gives the same facts and values. The first read
    computes and keeps the tuple.
    """

    def __get__(self, obj: object, owner: type | None = None) -> Matched:
        if obj is None:
            return ()  # the field's default
        fields = obj.__dict__
        got: Matched | None = fields.get("_matched")
        if got is None:
            pending = fields.get("_late")
            if pending is None:  # another thread has just computed it
                return fields["_matched"]  # type: ignore[no-any-return]
            got = pending(obj)
            fields["_matched"] = got  # before "_late" goes: a reader finds one of them
            fields.pop("_late", None)
        return got

    def __set__(self, obj: object, value: Matched) -> None:
        obj.__dict__["_matched"] = value


@dataclass(frozen=True)
class Firing:
    """A rule that fired, for which focus entity, and what it concluded."""

    rule_id: str
    stratum: int
    focus: EntityKey | None
    conclusions: tuple[Applied, ...]
    matched: _MatchedField = _MatchedField()
    """The facts that made the condition true, with their values (``None``: unknown);
    possibly computed on first read."""

    @property
    def key(self) -> FiringKey:
        """The identity of this firing."""
        return (self.rule_id, self.focus)

    def __getstate__(self) -> dict[str, object]:
        """Plain fields for pickle and copy (the matched facts computed)."""
        return {"rule_id": self.rule_id, "stratum": self.stratum, "focus": self.focus,
                "conclusions": self.conclusions, "_matched": self.matched}


@dataclass(frozen=True)
class DerivedFact:
    """A derived fact's final value and the firings behind it."""

    target: EntityKey
    fact: str
    value: Value
    by: FiringKey | None
    """The firing whose value was taken; ``None`` when the vocabulary default applied."""
    also_by: tuple[FiringKey, ...] = ()
    """Other firings that derived the same value."""
    overruled: tuple[tuple[FiringKey, Value], ...] = ()
    """Firings that derived a different value and lost (by priority, then rule order)."""


@dataclass(frozen=True)
class Result:
    """The outcome of evaluating one case."""

    case: Case
    engine: str
    firings: tuple[Firing, ...]
    derived: Mapping[tuple[EntityKey, str], DerivedFact]
    values: Mapping[EntityKey, Mapping[str, Value | tuple[Value, ...]]]
    notes: tuple[str, ...] = field(default_factory=tuple)

    def fired(self, rule_id: str) -> list[Firing]:
        """Firings of ``rule_id``."""
        return [f for f in self.firings if f.rule_id == rule_id]

    def firing(self, key: FiringKey) -> Firing:
        """The firing with ``key``."""
        for f in self.firings:
            if f.key == key:
                return f
        raise KeyError(key)

    def value(self, target: EntityKey, fact: str) -> Value | tuple[Value, ...] | None:
        """The final value of a fact (input or derived), or ``None`` when unknown."""
        return self.values.get(target, {}).get(fact)

    def signature(self) -> tuple[object, ...]:
        """A comparable summary: firings with conclusions, and derived values."""
        return (
            tuple((f.rule_id, f.focus, f.conclusions, f.matched) for f in self.firings),
            tuple(sorted((k, d.value, d.by) for k, d in self.derived.items())),
        )


_new = object.__new__


def new_firing(rule_id: str, stratum: int, focus: EntityKey | None,
               conclusions: tuple[Applied, ...], matched: Matched | None,
               late: LateMatched | None = None) -> Firing:
    """The :class:`Firing` its constructor makes, equal and equally hashed.

    Built without the frozen ``__setattr__`` per field: the hot path of an engine, one
    per firing (tests/engine/test_result_fast.py checks it against the constructor).
    With ``matched`` ``None``, ``late`` computes the matched facts from the firing when
    they are first read.
    """
    firing = _new(Firing)
    if matched is None:
        firing.__dict__.update(rule_id=rule_id, stratum=stratum, focus=focus,
                               conclusions=conclusions, _late=late)
    else:
        firing.__dict__.update(rule_id=rule_id, stratum=stratum, focus=focus,
                               conclusions=conclusions, _matched=matched)
    return firing


def new_applied(kind: str, name: str, target: EntityKey, value: Value | None,
                strength: int) -> Applied:
    """The :class:`Applied` its constructor makes, built like :func:`new_firing`."""
    applied = _new(Applied)
    fields = applied.__dict__
    fields["kind"] = kind
    fields["name"] = name
    fields["target"] = target
    fields["value"] = value
    fields["strength"] = strength
    return applied
