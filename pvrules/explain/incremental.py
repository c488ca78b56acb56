"""Incremental re-evaluation for what-if: only what a change touches, reference semantics.

:class:`Incremental` evaluates a case once with the plain-Python semantics of
:mod:`pvrules.infer.reference` and then re-evaluates, for a change of a few
facts, only the rules that read what changed. :func:`relevant_rules` keeps the
rules that can reach a goal (directly or through derived facts).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from pvrules.compile.ir import CASE, CompiledRule, Derive, Recommend
from pvrules.explain.domains import FactValue, Slot, with_changes
from pvrules.infer.kleene import evaluate
from pvrules.infer.result import Applied
from pvrules.validate.case import CASE_KEY, Case, EntityKey
from pvrules.validate.vocab import Vocabulary


@dataclass
class Outcome:
    """What an incremental evaluation produced: values, which rules fired, what changed."""

    values: dict[EntityKey, dict[str, FactValue]]
    fires: dict[str, frozenset[EntityKey | None]]
    derived: dict[str, tuple[object, ...]]
    applied: Mapping[tuple[str, EntityKey | None], tuple[tuple[int, Applied], ...]]
    changed_facts: set[str]
    status_changed: bool

    def value(self, target: EntityKey, fact: str) -> FactValue | None:
        """The value of a fact, or ``None`` when unknown."""
        return self.values.get(target, {}).get(fact)

    def recommendations(self) -> Iterator[tuple[int, Applied]]:
        """(priority, conclusion) for every recommendation or advice against that applies."""
        for rule_id, foci in self.fires.items():
            for focus in foci:
                yield from self.applied.get((rule_id, focus), ())


class Incremental:
    """Re-evaluates only what a change touches, with the reference semantics.

    Rules are tried stratum by stratum as in :mod:`pvrules.infer.reference`;
    after a change only rules that read a changed fact are tried again, and
    only derived facts whose deriving rules changed are resolved again
    (priority, then rule order, then entity order; defaults where nothing was
    derived), exactly as :class:`pvrules.infer.session.Session` does.
    """

    def __init__(self, rules: tuple[CompiledRule, ...], vocab: Vocabulary, case: Case) -> None:
        """Index ``rules`` for ``case`` and evaluate the case as given."""
        self.vocab = vocab
        self.entities = {t: [e.key for e in es] for t, es in case.entities.items()}
        self.slots = {e.key: e.slot for e in case.all_entities()}
        self.rules = rules
        top = max((r.stratum for r in rules), default=0)
        self.by_stratum: list[list[CompiledRule]] = [[] for _ in range(top + 1)]
        for rule in rules:
            self.by_stratum[rule.stratum].append(rule)
        self.reads = {r.id: frozenset(f for _e, f in r.reads) for r in rules}
        self.writes = {r.id: frozenset(f for _e, f in r.writes) for r in rules}
        self.recommends = {r.id for r in rules
                           if any(isinstance(c, Recommend) for c in r.conclusions)}
        self.writers: dict[str, list[CompiledRule]] = {}
        for rule in rules:
            for fact in self.writes[rule.id]:
                self.writers.setdefault(fact, []).append(rule)
        final_at = {f: max(r.stratum for r in ws) for f, ws in self.writers.items()}
        self.finals: list[list[str]] = [[] for _ in range(top + 1)]
        for fdef in vocab.facts.values():
            if fdef.origin == "derived" and (fdef.id in final_at or fdef.default is not None):
                self.finals[final_at.get(fdef.id, 0)].append(fdef.id)
        self.foci: dict[str, list[tuple[EntityKey | None, dict[str, EntityKey]]]] = {}
        self.applied: dict[tuple[str, EntityKey | None], tuple[tuple[int, Applied], ...]] = {}
        for rule in rules:
            keys: list[EntityKey | None] = [None] if rule.focus_entity is None else \
                list(self.entities.get(rule.focus_entity, ()))
            self.foci[rule.id] = []
            for focus in keys:
                env = {CASE: CASE_KEY}
                if rule.focus is not None and focus is not None:
                    env[rule.focus] = focus
                self.foci[rule.id].append((focus, env))
                self.applied[(rule.id, focus)] = tuple(
                    (rule.priority, Applied("against" if c.against else "recommend", c.item,
                                            CASE_KEY if c.target == CASE or focus is None
                                            else focus, None, c.strength))
                    for c in rule.conclusions if isinstance(c, Recommend))
        self.base = self._run(case.facts, None)

    def run(self, changes: Mapping[Slot, FactValue | None]) -> Outcome:
        """The outcome with ``changes`` applied to the case."""
        values = with_changes(self.base.values, changes)
        return self._run(values, {fact for _k, fact in changes})

    def _run(self, facts: Mapping[EntityKey, Mapping[str, FactValue]],
             dirty: set[str] | None) -> Outcome:
        full = dirty is None
        base = None if full else self.base
        values = {k: dict(v) for k, v in facts.items()}
        changed: set[str] = set() if dirty is None else set(dirty)
        fires = {} if base is None else dict(base.fires)
        derived = {} if base is None else dict(base.derived)
        status_changed = False
        for stratum, rules in enumerate(self.by_stratum):
            touched: set[str] = set()
            for rule in rules:
                if not full and not (self.reads[rule.id] & changed):
                    continue
                new = frozenset(focus for focus, env in self.foci[rule.id]
                                if evaluate(rule.condition, env, values, self.entities) is True)
                if full or new != fires[rule.id]:
                    fires[rule.id] = new
                    touched |= self.writes[rule.id]
                    status_changed = status_changed or rule.id in self.recommends
            for fact in self.finals[stratum]:
                if not full and fact not in touched:
                    continue
                sig, resolved = self._resolve(fact, fires)
                if not full and sig == derived[fact]:
                    continue
                derived[fact] = sig
                changed.add(fact)
                self._store(values, fact, resolved)
        return Outcome(values, fires, derived, self.applied, changed,
                       status_changed and not full)

    def _resolve(self, fact: str, fires: Mapping[str, frozenset[EntityKey | None]]
                 ) -> tuple[tuple[object, ...], dict[EntityKey, FactValue]]:
        cands: dict[EntityKey, list[tuple[int, int, int, str, FactValue]]] = {}
        for rule in self.writers.get(fact, ()):
            for focus in fires.get(rule.id, ()):
                for concl in rule.conclusions:
                    if isinstance(concl, Derive) and concl.fact == fact:
                        target = CASE_KEY if concl.target == CASE or focus is None else focus
                        slot = 0 if focus is None else self.slots.get(focus, 0)
                        cands.setdefault(target, []).append(
                            (-rule.priority, rule.index, slot, rule.id, concl.value))
        resolved = {t: min(cs, key=lambda c: c[:3])[4] for t, cs in cands.items()}
        fdef = self.vocab.facts[fact]
        if fdef.default is not None:
            default = self.vocab.normalize(fdef, fdef.default)
            keys = [CASE_KEY] if fdef.entity == CASE else self.entities.get(fdef.entity, [])
            for key in keys:
                resolved.setdefault(key, default)
        sig = tuple(sorted((t, tuple(sorted(cs, key=repr))) for t, cs in cands.items())) + \
            tuple(sorted(resolved.items()))
        return sig, resolved

    @staticmethod
    def _store(values: dict[EntityKey, dict[str, FactValue]], fact: str,
               resolved: Mapping[EntityKey, FactValue]) -> None:
        for key, slot in values.items():
            if fact in slot and key not in resolved:
                del slot[fact]
        for key, value in resolved.items():
            values.setdefault(key, {})[fact] = value
