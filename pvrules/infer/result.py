"""What an evaluation produces: firings, derived facts and final values."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

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


@dataclass(frozen=True)
class Firing:
    """A rule that fired, for which focus entity, and what it concluded."""

    rule_id: str
    stratum: int
    focus: EntityKey | None
    conclusions: tuple[Applied, ...]
    matched: tuple[tuple[EntityKey, str, Value | tuple[Value, ...] | None], ...] = ()
    """The facts that made the condition true, with their values (``None``: unknown)."""

    @property
    def key(self) -> FiringKey:
        """The identity of this firing."""
        return (self.rule_id, self.focus)


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
               conclusions: tuple[Applied, ...],
               matched: tuple[tuple[EntityKey, str, Value | tuple[Value, ...] | None], ...]
               ) -> Firing:
    """The :class:`Firing` its constructor makes, equal and equally hashed.

    Built without the frozen ``__setattr__`` per field: the hot path of an engine, one
    per firing (tests/engine/test_result_fast.py checks it against the constructor).
    """
    firing = _new(Firing)
    fields = firing.__dict__
    fields["rule_id"] = rule_id
    fields["stratum"] = stratum
    fields["focus"] = focus
    fields["conclusions"] = conclusions
    fields["matched"] = matched
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
