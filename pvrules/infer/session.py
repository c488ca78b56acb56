"""The bookkeeping every engine shares: applying conclusions and closing strata.

An engine decides *which* (rule, focus) pairs fire; a :class:`Session` records
the firings, resolves derived facts when a stratum is complete (priority, then
rule order; vocabulary defaults where nothing was derived) and builds the
deterministic :class:`Result`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pvrules.compile.ir import CASE, Assess, CompiledRule, Derive, Recommend, Value
from pvrules.errors import ActionError
from pvrules.infer.result import Applied, DerivedFact, Firing, FiringKey, Result
from pvrules.infer.support import support
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
        self._slots = {e.key: e.slot for e in case.all_entities()}
        self.firings: dict[FiringKey, Firing] = {}
        self._candidates: dict[tuple[EntityKey, str], list[tuple[CompiledRule, EntityKey | None,
                                                               Value]]] = {}
        self.derived: dict[tuple[EntityKey, str], DerivedFact] = {}
        self.close_stratum(-1)

    def focus_keys(self, rule: CompiledRule) -> list[EntityKey | None]:
        """The focus entities a rule is tried for (``[None]`` for a case rule)."""
        if rule.focus_entity is None:
            return [None]
        return list(self.entities.get(rule.focus_entity, ()))

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
        try:
            for concl in rule.conclusions:
                target = CASE_KEY if concl.target == CASE or focus is None else focus
                if isinstance(concl, Derive):
                    applied.append(Applied("derive", concl.fact, target, concl.value))
                    self._candidates.setdefault((target, concl.fact), []).append(
                        (rule, focus, concl.value))
                elif isinstance(concl, Recommend):
                    applied.append(Applied("against" if concl.against else "recommend",
                                           concl.item, target, None, concl.strength))
                elif isinstance(concl, Assess):
                    applied.append(Applied(concl.kind, concl.name, target, concl.value,
                                           concl.strength))
        except Exception as err:  # pragma: no cover - defensive: surfaces as a clear error
            raise ActionError(f"applying the conclusions of rule '{rule.id}' failed: {err}") \
                from err
        used = support(rule.condition, self.env(rule, focus), self.values, self.entities)
        matched = tuple((t, f, self.values.get(t, {}).get(f)) for t, f in used)
        self.firings[key] = Firing(rule.id, rule.stratum, focus, tuple(applied), matched)
        return True

    def close_stratum(self, stratum: int) -> list[tuple[EntityKey, str, Value]]:
        """Resolve facts final after ``stratum``; return the newly known values."""
        new: list[tuple[EntityKey, str, Value]] = []
        for (target, fact), cands in sorted(self._candidates.items(), key=_cand_order):
            if self.plan.final_at.get(fact, 0) != stratum or (target, fact) in self.derived:
                continue
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
        by_id = self.plan.by_id
        ordered = sorted(self.firings.values(),
                         key=lambda f: (f.stratum, by_id[f.rule_id].index, self._slot(f.focus)))
        derived = dict(sorted(self.derived.items(), key=lambda kv: (kv[0][1], kv[0][0])))
        return Result(self.case, engine, tuple(ordered), derived, self.values, tuple(notes))


def _cand_order(item: tuple[tuple[EntityKey, str], object]) -> tuple[str, EntityKey]:
    (target, fact), _ = item
    return (fact, target)
