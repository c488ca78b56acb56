"""The bookkeeping every engine shares: applying conclusions and closing strata.

An engine decides *which* (rule, focus) pairs fire; a :class:`Session` records
the firings, resolves derived facts when a stratum is complete (priority, then
rule order; vocabulary defaults where nothing was derived) and builds the
deterministic :class:`Result`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from pvrules.compile.ir import CASE, Assess, CompiledRule, Derive, Recommend, Value
from pvrules.errors import ActionError
from pvrules.infer.compiled import Compiler, Scope
from pvrules.infer.result import (
    Applied,
    DerivedFact,
    Firing,
    FiringKey,
    Result,
    new_applied,
    new_firing,
)
from pvrules.infer.support import SupportCompiler, static_support
from pvrules.validate.case import CASE_KEY, Case, EntityKey
from pvrules.validate.vocab import Vocabulary


@dataclass(frozen=True)
class Plan:
    """Per-knowledge-base facts the engines need, computed once."""

    rules: tuple[CompiledRule, ...]
    by_id: dict[str, CompiledRule]
    strata: tuple[int, ...]
    final_at: dict[str, int]
    """Derived fact → the stratum after which it is final."""
    defaults: dict[int, tuple[tuple[str, str, Value], ...]]
    """Stratum → (entity type, fact, default value) to apply when nothing was derived;
    stratum -1 holds defaults of facts no rule derives, applied before any rule runs."""
    compiler: Compiler = field(default_factory=Compiler, compare=False, repr=False)
    """Conditions compiled to closures, shared by the engines and the trace."""
    outcomes: dict[str, tuple[Outcome, ...]] = field(default_factory=dict, compare=False,
                                                     repr=False)
    """Rule id → its conclusions, ready to apply (see :func:`outcomes_of`)."""
    tracer: SupportCompiler = field(init=False, compare=False, repr=False)
    """The support (trace) of a firing, compiled once per condition."""

    statics: dict[str, tuple[tuple[bool, str], ...] | None] = field(
        default_factory=dict, compare=False, repr=False)
    """Rule id → (on the case?, fact) of its support when known in advance (a plain
    ``all`` of leaves), else ``None``."""

    index: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    """Rule id → its position in rule order."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "tracer", SupportCompiler(self.compiler))
        for rule in self.rules:
            self.index.setdefault(rule.id, rule.index)
            self.outcomes.setdefault(rule.id, outcomes_of(rule))
            static = static_support(rule.condition)
            self.statics.setdefault(rule.id, None if static is None else tuple(
                (var == CASE, fact) for var, fact in static))

    @classmethod
    def build(cls, rules: Sequence[CompiledRule], vocab: Vocabulary) -> Plan:
        """Compute strata and defaults for ``rules``."""
        final_at: dict[str, int] = {}
        for rule in rules:
            for _entity, fact in rule.writes:
                final_at[fact] = max(final_at.get(fact, 0), rule.stratum)
        defaults: dict[int, list[tuple[str, str, Value]]] = {}
        for decl in vocab.facts.values():
            if decl.origin == "derived" and decl.default is not None:
                value = vocab.normalize(decl, decl.default)
                # A default of a fact no rule derives holds from the start (stratum -1).
                defaults.setdefault(final_at.get(decl.id, -1), []).append(
                    (decl.entity, decl.id, value))
        top = max((r.stratum for r in rules), default=0)
        return cls(tuple(rules), {r.id: r for r in rules}, tuple(range(top + 1)), final_at,
                   {k: tuple(v) for k, v in defaults.items()})


Outcome = tuple[Applied | None, str, str, Value | None, int, str | None]
"""One conclusion of a rule: the :class:`Applied` when its target is the case (built
once), else ``None``; kind, name, value, strength; the fact it derives, if any."""


def outcomes_of(rule: CompiledRule) -> tuple[Outcome, ...]:
    """The conclusions of ``rule`` as :meth:`Session.fire` applies them."""
    out: list[Outcome] = []
    for concl in rule.conclusions:
        derive: str | None = None
        value: Value | None = None
        strength = 0
        if isinstance(concl, Derive):
            kind, name, value, derive = "derive", concl.fact, concl.value, concl.fact
        elif isinstance(concl, Recommend):
            kind, name, strength = ("against" if concl.against else "recommend"), concl.item, \
                concl.strength
        elif isinstance(concl, Assess):
            kind, name, value, strength = concl.kind, concl.name, concl.value, concl.strength
        else:  # pragma: no cover - the conclusion types are closed
            raise ActionError(f"rule '{rule.id}' has a conclusion pvrules cannot apply: "
                              f"{concl!r}")
        on_case = concl.target == CASE or rule.focus_entity is None
        fixed = new_applied(kind, name, CASE_KEY, value, strength) if on_case else None
        out.append((fixed, kind, name, value, strength, derive))
    return tuple(out)


_EMPTY: dict[str, Value | tuple[Value, ...]] = {}
_NO_FOCUS: tuple[None] = (None,)


class Session:
    """One case being evaluated."""

    def __init__(self, plan: Plan, case: Case) -> None:
        """Start from the case's input facts."""
        self.plan = plan
        self.case = case
        self.values: dict[EntityKey, dict[str, Value | tuple[Value, ...]]] = {
            key: dict(facts) for key, facts in case.facts.items()}
        self.entities: dict[str, list[EntityKey]] = {
            typ: [e.key for e in ents] for typ, ents in case.entities.items()}
        self._slots: dict[EntityKey | None, int] = {e.key: e.slot for e in case.all_entities()}
        self.firings: dict[FiringKey, Firing] = {}
        self._candidates: dict[tuple[EntityKey, str], list[tuple[CompiledRule, EntityKey | None,
                                                               Value]]] = {}
        self.derived: dict[tuple[EntityKey, str], DerivedFact] = {}
        self.scope = Scope(self.values, self.entities)
        """The facts as the compiled conditions read them, with this stratum's memos."""
        self.close_stratum(-1)

    def focus_keys(self, rule: CompiledRule) -> Sequence[EntityKey | None]:
        """The focus entities a rule is tried for (``(None,)`` for a case rule)."""
        if rule.focus_entity is None:
            return _NO_FOCUS
        return self.entities.get(rule.focus_entity, ())

    def env(self, rule: CompiledRule, focus: EntityKey | None) -> dict[str, EntityKey]:
        """Variable bindings for evaluating ``rule`` on ``focus``."""
        env = {CASE: CASE_KEY}
        if rule.focus is not None and focus is not None:
            env[rule.focus] = focus
        return env

    def fire(self, rule: CompiledRule, focus: EntityKey | None) -> bool:
        """Record a firing of ``rule`` for ``focus``; ``False`` if it already fired."""
        key = (rule.id, focus)
        if key in self.firings:
            return False
        applied = []
        for fixed, kind, name, value, strength, derive in self.plan.outcomes[rule.id]:
            if fixed is None and focus is not None:
                target = focus
                applied.append(new_applied(kind, name, focus, value, strength))
            else:
                target = CASE_KEY
                applied.append(fixed or new_applied(kind, name, CASE_KEY, value, strength))
            if derive is not None:
                self._candidates.setdefault((target, derive), []).append(
                    (rule, focus, value))  # type: ignore[arg-type]  # a derived value is set
        values = self.values
        static = self.plan.statics[rule.id]
        if static is not None:  # a plain 'all' of leaves: every leaf is in the support
            on_case = values.get(CASE_KEY, _EMPTY)
            on_focus = _EMPTY if focus is None else values.get(focus, _EMPTY)
            here = CASE_KEY if focus is None else focus
            matched = tuple([(CASE_KEY, fact, on_case.get(fact)) if is_case
                             else (here, fact, on_focus.get(fact)) for is_case, fact in static])
        else:
            used: list[tuple[EntityKey, str]] = []
            self.plan.tracer.collect(rule.condition)(self.env(rule, focus), self.scope, used)
            matched = tuple([(t, f, values.get(t, _EMPTY).get(f))
                             for t, f in dict.fromkeys(used)])
        self.firings[key] = new_firing(rule.id, rule.stratum, focus, tuple(applied), matched)
        return True

    def close_stratum(self, stratum: int) -> list[tuple[EntityKey, str, Value]]:
        """Resolve facts final after ``stratum``; return the newly known values."""
        self.scope.clear()  # facts change: truths and supports kept for this stratum go
        new: list[tuple[EntityKey, str, Value]] = []
        final_at, derived = self.plan.final_at, self.derived
        due = [item for item in self._candidates.items()
               if final_at.get(item[0][1], 0) == stratum and item[0] not in derived]
        for (target, fact), cands in sorted(due, key=_cand_order):
            ordered = sorted(cands, key=lambda c: (-c[0].priority, c[0].index,
                                                   self._slot(c[1])))
            win_rule, win_focus, value = ordered[0]
            also = tuple((r.id, f) for r, f, v in ordered[1:] if v == value)
            lost = tuple(((r.id, f), v) for r, f, v in ordered[1:] if v != value)
            self.derived[(target, fact)] = DerivedFact(target, fact, value,
                                                       (win_rule.id, win_focus), also, lost)
            self.values.setdefault(target, {})[fact] = value
            new.append((target, fact, value))
        for entity, fact, value in self.plan.defaults.get(stratum, ()):
            keys = [CASE_KEY] if entity == CASE else self.entities.get(entity, [])
            for target in keys:
                if (target, fact) not in self.derived:
                    self.derived[(target, fact)] = DerivedFact(target, fact, value, None)
                    self.values.setdefault(target, {})[fact] = value
                    new.append((target, fact, value))
        return new

    def _slot(self, key: EntityKey | None) -> int:
        return 0 if key is None else self._slots.get(key, 0)

    def result(self, engine: str, notes: Sequence[str] = ()) -> Result:
        """The deterministic result: firings in (stratum, rule order, entity order)."""
        index, slots = self.plan.index, self._slots
        ordered = sorted(self.firings.values(),
                         key=lambda f: (f.stratum, index[f.rule_id], slots.get(f.focus, 0)))
        derived = dict(sorted(self.derived.items(), key=lambda kv: (kv[0][1], kv[0][0])))
        return Result(self.case, engine, tuple(ordered), derived, self.values, tuple(notes))


def _cand_order(item: tuple[tuple[EntityKey, str], object]) -> tuple[str, EntityKey]:
    (target, fact), _ = item
    return (fact, target)
