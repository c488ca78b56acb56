"""Incremental re-evaluation for what-if: only what a change touches, reference semantics.

:class:`Incremental` evaluates a case once with the plain-Python semantics of
:mod:`pvrules.infer.reference` and then re-evaluates, for a change of a few
facts, only the rules that read what changed. :func:`relevant_rules` keeps the
rules that can reach a goal (directly or through derived facts).
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from pvrules.compile.ir import (
    CASE,
    And,
    Cmp,
    CompiledRule,
    Const,
    Derive,
    Exists,
    ForAll,
    Has,
    In,
    Known,
    Node,
    Not,
    Or,
    Recommend,
    leaves,
)
from pvrules.explain.domains import FactValue, Slot, with_changes
from pvrules.infer.kleene import Entities, Env, Truth, Values, compare, evaluate
from pvrules.infer.result import Applied, Result
from pvrules.validate.case import CASE_KEY, Case, EntityKey
from pvrules.validate.vocab import Vocabulary

if TYPE_CHECKING:
    from dataclasses import dataclass
else:  # the same classes, cheaper to create: a cold start
    from pvrules.explain.frozen import dataclass


@dataclass
class Outcome:
    """What an incremental evaluation produced: values, which rules fired, what changed."""

    values: dict[EntityKey, dict[str, FactValue]]
    fires: dict[str, frozenset[EntityKey | None]]
    derived: dict[str, tuple[object, ...]]
    applied: Mapping[tuple[str, EntityKey | None], tuple[tuple[int, Applied], ...]]
    changed_facts: set[str]
    status_changed: bool
    changed_rules: frozenset[str] = frozenset()
    """Rules whose firings differ from the case as given (empty for the case itself)."""

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

    def __init__(self, rules: tuple[CompiledRule, ...], vocab: Vocabulary, case: Case,
                 result: Result | None = None, memo: bool = False) -> None:
        """Index ``rules`` for ``case`` and evaluate the case as given.

        ``result``: the case's evaluation by an engine (the same semantics); its
        firings and values are taken instead of evaluating every rule again.
        ``memo``: keep each :meth:`run`'s outcome, so that several readers of one draft
        (find-out-first, the kernboodschap's check of what an unknown can flip) try a
        change once. Outcomes are only read, never changed.
        """
        self._memo: dict[tuple[tuple[Slot, FactValue | None], ...], Outcome] | None = \
            {} if memo else None
        self.vocab = vocab
        self.entities = {t: [e.key for e in es] for t, es in case.entities.items()}
        self.slots = {e.key: e.slot for e in case.all_entities()}
        self.shape = tuple(self.slots.items())
        """The case's entities in order: with the rules, what :class:`Shaped` depends on."""
        self.rules = rules
        idx = rule_index(rules, vocab)
        self.by_stratum, self.reads, self.readers = idx.by_stratum, idx.reads, idx.readers
        self.local, self.writes, self.recommends = idx.local, idx.writes, idx.recommends
        self.writers, self.finals = idx.writers, idx.finals
        self.test, self.unsafe = idx.test, idx.unsafe
        self._opened: dict[str, frozenset[EntityKey | None]] = {}
        self._plans: dict[tuple[Slot, bool], Plan] = {}
        self._shaped = shaped(rules, self.entities, self.shape)
        self.foci, self.envs = self._shaped.foci, self._shaped.envs
        self.applied = self._shaped.applied
        self.base = self._run(case.facts, None) if result is None else self._taken(result)

    def _taken(self, result: Result) -> Outcome:
        """The outcome of the case as ``result`` gives it."""
        fires: dict[str, frozenset[EntityKey | None]] = {r.id: frozenset() for r in self.rules}
        found: dict[str, set[EntityKey | None]] = {}
        for firing in result.firings:
            found.setdefault(firing.rule_id, set()).add(firing.focus)
        fires.update((r, frozenset(f)) for r, f in found.items())
        derived = {fact: self._resolve(fact, fires)[0] for facts in self.finals for fact in facts}
        values = {k: dict(v) for k, v in result.values.items()}
        return Outcome(values, fires, derived, self.applied, set(), False)

    def run(self, changes: Mapping[Slot, FactValue | None]) -> Outcome:
        """The outcome with ``changes`` applied to the case."""
        if self._memo is None:
            return self._changed(changes)
        key = tuple(sorted(changes.items(), key=lambda item: repr(item[0])))
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = self._changed(changes)
        return found

    def _changed(self, changes: Mapping[Slot, FactValue | None]) -> Outcome:
        values = with_changes(self.base.values, changes)
        keys: dict[str, set[EntityKey]] = {}
        known: set[str] = set()
        shape: list[tuple[Slot, bool]] = []
        for (key, fact), value in changes.items():
            keys.setdefault(fact, set()).add(key)
            refines = value is not None and self.base.value(key, fact) is None
            if not refines:
                known.add(fact)
            shape.append(((key, fact), refines))
        if self._unmoved(tuple(shape), values):  # the common case: nothing fires otherwise
            return Outcome(values, self.base.fires, self.base.derived,  # shared: read only
                           self.applied, set(keys), False)
        return self._run(values, keys, frozenset(keys.keys() - known))

    def _unmoved(self, shape: tuple[tuple[Slot, bool], ...],
                 values: Mapping[EntityKey, Mapping[str, FactValue]]) -> bool:
        """Whether no rule that reads a changed slot fires otherwise with ``values``.

        Then nothing derived changes either, so no later rule can. The (rule, foci) to
        try are planned once per changed slot (:meth:`_plan`).
        """
        entities = self.entities
        for part in shape:
            plan = self._plans.get(part)
            if plan is None:
                plan = self._plans[part] = self._plan(*part)
            for test, tries in plan:
                for env, fired in tries:
                    if (test(env, values, entities) is True) != fired:
                        return False
        return True

    def _plan(self, slot: Slot, refines: bool) -> Plan:
        """Per rule reading ``slot``: the foci its change can alter, with their test.

        A slot that was unknown and becomes known (``refines``) can only alter foci whose
        truth was undecided in the case as given, unless the rule tests it with ``known:``.
        """
        plan = []
        for rule, reach in self._reach(slot):
            envs = self.envs[rule.id]
            foci = list(envs) if reach is None else reach
            if refines and slot[1] not in self.unsafe[rule.id]:
                undecided = self._open(rule)
                foci = [f for f in foci if f in undecided]
            if foci:
                fired = self.base.fires.get(rule.id, frozenset())
                plan.append((self.test[rule.id], tuple((envs[f], f in fired) for f in foci)))
        return tuple(plan)

    def _reach(self, slot: Slot) -> Reach:
        """Every rule reading ``slot``'s fact with the foci a change of it can alter (None: all).

        It depends on the rules and the case's entities only, so it is kept for the
        next case of the same shape (a form that changes one fact at a time).
        """
        known = self._shaped.reach
        found = known.get(slot)
        if found is None:
            key, fact = slot
            out: list[tuple[CompiledRule, tuple[EntityKey | None, ...] | None]] = []
            for readers in self.readers:
                for rule in readers.get(fact, ()):
                    foci = self._foci(rule, {fact: {key}})
                    out.append((rule, None if foci is None else tuple(foci)))
            found = known[slot] = tuple(out)
        return found

    def _open(self, rule: CompiledRule) -> frozenset[EntityKey | None]:
        """The foci of ``rule`` whose truth in the case as given is unknown (kept).

        Also any focus where the test and the base's firings disagree, so that such a
        focus is always evaluated again rather than assumed.
        """
        found = self._opened.get(rule.id)
        if found is None:
            test, base = self.test[rule.id], self.base
            fired = base.fires.get(rule.id, frozenset())
            found = self._opened[rule.id] = frozenset(
                focus for focus, env in self.foci[rule.id]
                if (truth := test(env, base.values, self.entities)) is None
                or truth != (focus in fired))
        return found

    def _foci(self, rule: CompiledRule, changed: Mapping[str, set[EntityKey]]
              ) -> list[EntityKey | None] | None:
        """The foci of ``rule`` a change can alter; ``None``: all of them."""
        if rule.id not in self.local:
            return None
        out: set[EntityKey] = set()
        for fact in self.reads[rule.id] & changed.keys():
            out |= changed[fact]
        if CASE_KEY in out:
            return None
        envs = self.envs[rule.id]
        return [k for k in out if k in envs]

    def _run(self, facts: Mapping[EntityKey, Mapping[str, FactValue]],
             dirty: Mapping[str, set[EntityKey]] | None,
             refined: frozenset[str] = frozenset()) -> Outcome:
        """Evaluate ``facts``: every rule (``dirty`` None) or those reading a changed fact.

        ``refined``: the changed facts that were unknown in the case as given and are now
        known. Three-valued logic is monotone in them (except ``known:`` tests), so a focus
        whose truth was already decided stays as it was and only undecided ones are tried.
        """
        full = dirty is None
        base = None if full else self.base
        values: dict[EntityKey, dict[str, FactValue]] = \
            {k: dict(v) for k, v in facts.items()} if full else dict(facts)  # type: ignore[arg-type]
        changed: dict[str, set[EntityKey]] = {} if dirty is None else dict(dirty)
        fires = {} if base is None else dict(base.fires)
        derived = {} if base is None else dict(base.derived)
        status_changed = False
        moved: set[str] = set()
        # derived facts whose writers' firings changed, kept over the strata: a fact is resolved
        # at its last writer's stratum, later than an earlier writer that changed when that last
        # writer reads a derived fact (forgetting it hid a corner's verdict from find-out-first)
        touched: set[str] = set()
        for stratum, every in enumerate(self.by_stratum):
            rules = every
            if not full:
                readers = self.readers[stratum]
                rules = list({r.id: r for f in changed if f in readers
                              for r in readers[f]}.values())
            for rule in rules:
                foci = None if full else self._foci(rule, changed)
                if refined and not self._decides(rule.id, changed, refined):
                    undecided = self._open(rule)
                    foci = list(undecided) if foci is None else \
                        [f for f in foci if f in undecided]
                    if not foci:
                        continue
                test = self.test[rule.id]
                if foci is None:
                    new = frozenset(focus for focus, env in self.foci[rule.id]
                                    if test(env, values, self.entities) is True)
                else:
                    envs = self.envs[rule.id]
                    now = {focus for focus in foci
                           if test(envs[focus], values, self.entities) is True}
                    new = (fires[rule.id] - set(foci)) | now
                if full or new != fires[rule.id]:
                    if not full:
                        moved.add(rule.id)
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
                changed[fact] = self._store(values, fact, resolved, copy=not full)
        return Outcome(values, fires, derived, self.applied, set(changed),
                       status_changed and not full, frozenset(moved))

    def _decides(self, rule_id: str, changed: Mapping[str, set[EntityKey]],
                 refined: frozenset[str]) -> bool:
        """Whether a change can alter a decided truth of ``rule_id`` (not only refine it)."""
        hit = self.reads[rule_id] & changed.keys()
        return not hit <= refined or not hit.isdisjoint(self.unsafe[rule_id])

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
               resolved: Mapping[EntityKey, FactValue], copy: bool) -> set[EntityKey]:
        """Store ``fact`` as ``resolved``; the keys whose value changed.

        With ``copy``, an entity's facts are copied before they change (they may
        be shared with the case as given).
        """
        moved: set[EntityKey] = set()
        for key in list(values):
            slot = values[key]
            old = slot.get(fact)
            new = resolved.get(key)
            if old == new and (old is not None or fact not in slot):
                continue
            moved.add(key)
            if copy:
                slot = values[key] = dict(slot)
            if new is None:
                del slot[fact]
            else:
                slot[fact] = new
        for key in resolved.keys() - values.keys():
            moved.add(key)
            values[key] = {fact: resolved[key]}
        return moved


def _local(rule: CompiledRule) -> bool:
    """Whether ``rule`` reads only its focus and the case (no quantifier, no other variable)."""
    def quantified(node: Node) -> bool:
        if isinstance(node, Exists | ForAll):
            return True
        if isinstance(node, And | Or):
            return any(quantified(i) for i in node.items)
        if isinstance(node, Not):
            return quantified(node.item)
        return False
    return not quantified(rule.condition) and \
        all(leaf.ref.var in (CASE, rule.focus) for leaf in leaves(rule.condition))


def _unsafe(rule: CompiledRule) -> frozenset[str]:
    """The facts ``rule`` tests with ``known:`` (knowing them flips a decided test).

    Every other test is monotone in three-valued logic: an unknown fact that becomes
    known turns an undecided test decided, never a decided one the other way. A leaf
    this module does not know makes every fact the rule reads unsafe.
    """
    out: set[str] = set()
    for leaf in leaves(rule.condition):
        if isinstance(leaf, Known):
            out.add(leaf.ref.fact)
        elif not isinstance(leaf, Cmp | In | Has | Const):
            return frozenset(f for _e, f in rule.reads)
    return frozenset(out)


class RuleIndex:
    """What :class:`Incremental` needs of a knowledge base's rules, built once per rule set."""

    def __init__(self, rules: tuple[CompiledRule, ...], vocab: Vocabulary) -> None:
        """Index ``rules``: by stratum, who reads and who writes each fact, the local rules."""
        top = max((r.stratum for r in rules), default=0)
        self.by_stratum: list[list[CompiledRule]] = [[] for _ in range(top + 1)]
        for rule in rules:
            self.by_stratum[rule.stratum].append(rule)
        self.reads = {r.id: frozenset(f for _e, f in r.reads) for r in rules}
        self.readers: list[dict[str, list[CompiledRule]]] = [{} for _ in range(top + 1)]
        for rule in rules:
            for fact in self.reads[rule.id]:
                self.readers[rule.stratum].setdefault(fact, []).append(rule)
        self.local = {r.id for r in rules if r.focus is not None and _local(r)}
        """Rules whose truth for a focus depends only on the focus and the case."""
        self.test = {r.id: compiled(r.condition) for r in rules}
        """Each rule's condition as a function (:func:`compiled`)."""
        self.unsafe = {r.id: _unsafe(r) for r in rules}
        """Per rule, the facts it reads in a way that knowing them can undo a decided truth."""
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


Reach = tuple[tuple[CompiledRule, tuple[EntityKey | None, ...] | None], ...]
"""Rules reading a slot, each with the foci its change can alter (``None``: every focus)."""


class Shaped:
    """What :class:`Incremental` needs that depends only on the rules and the case's entities.

    Kept for the next case of the same shape (a form that changes one fact at a time);
    everything here is only read once built, except :attr:`reach`, which only grows.
    """

    def __init__(self, rules: tuple[CompiledRule, ...],
                 entities: Mapping[str, list[EntityKey]]) -> None:
        """Each rule's foci with their variables, and what each focus would recommend."""
        self.foci: dict[str, list[tuple[EntityKey | None, dict[str, EntityKey]]]] = {}
        self.envs: dict[str, dict[EntityKey | None, dict[str, EntityKey]]] = {}
        self.applied: dict[tuple[str, EntityKey | None], tuple[tuple[int, Applied], ...]] = {}
        self.reach: dict[Slot, Reach] = {}
        """What :meth:`Incremental._reach` found."""
        for rule in rules:
            keys: list[EntityKey | None] = [None] if rule.focus_entity is None else \
                list(entities.get(rule.focus_entity, ()))
            self.foci[rule.id] = []
            self.envs[rule.id] = {}
            for focus in keys:
                env = {CASE: CASE_KEY}
                if rule.focus is not None and focus is not None:
                    env[rule.focus] = focus
                self.foci[rule.id].append((focus, env))
                self.envs[rule.id][focus] = env
                self.applied[(rule.id, focus)] = tuple(
                    (rule.priority, Applied("against" if c.against else "recommend", c.item,
                                            CASE_KEY if c.target == CASE or focus is None
                                            else focus, None, c.strength))
                    for c in rule.conclusions if isinstance(c, Recommend))


_SHAPED: list[tuple[tuple[CompiledRule, ...], object, Shaped]] = []


def shaped(rules: tuple[CompiledRule, ...], entities: Mapping[str, list[EntityKey]],
           order: tuple[tuple[EntityKey, int], ...]) -> Shaped:
    """The :class:`Shaped` of ``rules`` for a case with ``entities`` (kept for one shape)."""
    key = (order, tuple((t, tuple(keys)) for t, keys in entities.items()))
    entry = _SHAPED[0] if _SHAPED else None  # read once: another thread may replace it
    if entry is None or entry[0] is not rules or entry[1] != key:
        entry = (rules, key, Shaped(rules, entities))
        _SHAPED[:] = [entry]  # one shape at a time: keep memory flat
    return entry[2]
_INDEX: list[tuple[tuple[CompiledRule, ...], Vocabulary, RuleIndex]] = []


def rule_index(rules: tuple[CompiledRule, ...], vocab: Vocabulary) -> RuleIndex:
    """The :class:`RuleIndex` of ``rules`` (built once while the same rules are used)."""
    for seen_rules, seen_vocab, idx in _INDEX:
        if seen_rules is rules and seen_vocab is vocab:
            return idx
    idx = RuleIndex(rules, vocab)
    _INDEX[:] = [(rules, vocab, idx)]  # one knowledge base at a time: keep memory flat
    return idx


Test = Callable[[Env, Values, Entities], Truth]
Plan = tuple[tuple[Test, tuple[tuple[Env, bool], ...]], ...]
"""Per rule to try: its test, and each focus's variables with whether it fired."""


def compiled(node: Node) -> Test:
    """``node`` as a function of (env, values, entities).

    The same three-valued semantics as :func:`pvrules.infer.kleene.evaluate`,
    without walking the tree on every call.
    """
    if isinstance(node, And | Or):
        parts = tuple(compiled(i) for i in node.items)
        stop = isinstance(node, Or)  # the value that decides: False for all, True for any

        def junction(env: Env, values: Values, entities: Entities) -> Truth:
            result: Truth = not stop
            for part in parts:
                truth = part(env, values, entities)
                if truth is stop:
                    return stop
                if truth is None:
                    result = None
            return result
        return junction
    if isinstance(node, Exists | ForAll):
        inner, var, entity = compiled(node.cond), node.var, node.entity
        want = isinstance(node, Exists)

        def quantifier(env: Env, values: Values, entities: Entities) -> Truth:
            result: Truth = not want
            for key in entities.get(entity, ()):
                truth = inner({**env, var: key}, values, entities)
                if truth is want:
                    return want
                if truth is None:
                    result = None
            return result
        return quantifier
    if isinstance(node, Not):
        item = compiled(node.item)

        def negation(env: Env, values: Values, entities: Entities) -> Truth:
            truth = item(env, values, entities)
            return None if truth is None else not truth
        return negation
    if isinstance(node, Const):
        const = node.value
        return lambda env, values, entities: const
    return _leaf(node)


def _leaf(node: Node) -> Test:
    if not isinstance(node, Known | Cmp | In | Has):
        return lambda env, values, entities: evaluate(node, env, values, entities)
    var, fact = node.ref.var, node.ref.fact
    if isinstance(node, Known):
        known = node.known
        return lambda env, values, entities: \
            (values.get(env[var], _EMPTY).get(fact) is not None) == known
    if isinstance(node, Cmp):
        return _cmp(var, fact, node.op, node.value)
    if isinstance(node, In):
        options, negated = node.values, node.negated

        def member(env: Env, values: Values, entities: Entities) -> Truth:
            value = values.get(env[var], _EMPTY).get(fact)
            return None if value is None else (value in options) != negated
        return member
    item, negated = node.value, node.negated

    def has(env: Env, values: Values, entities: Entities) -> Truth:
        value = values.get(env[var], _EMPTY).get(fact)
        if value is None:
            return None
        assert isinstance(value, tuple)
        return (item in value) != negated
    return has


_EMPTY: Mapping[str, object] = {}
_ORDER: dict[str, Callable[[Any, Any], Any]] = {
    "lt": operator.lt, "le": operator.le, "gt": operator.gt, "ge": operator.ge}


def _cmp(var: str, fact: str, op: str, const: object) -> Test:
    """A comparison as :func:`pvrules.infer.kleene.compare`, with the operator chosen once."""
    if op == "eq":
        def equal(env: Env, values: Values, entities: Entities) -> Truth:
            value = values.get(env[var], _EMPTY).get(fact)
            return None if value is None else value == const
        return equal
    if op == "ne":
        def unequal(env: Env, values: Values, entities: Entities) -> Truth:
            value = values.get(env[var], _EMPTY).get(fact)
            return None if value is None else value != const
        return unequal
    if op not in _ORDER:  # not a comparison this module knows: the reference semantics
        def other(env: Env, values: Values, entities: Entities) -> Truth:
            value = values.get(env[var], _EMPTY).get(fact)
            return None if value is None else compare(op, value, const)  # type: ignore[arg-type]
        return other
    order = _ORDER[op]
    never = isinstance(const, str | bool)  # an order between words or yes/no never holds

    def ordered(env: Env, values: Values, entities: Entities) -> Truth:
        value = values.get(env[var], _EMPTY).get(fact)
        if value is None:
            return None
        if never or isinstance(value, str | bool):
            return False
        return bool(order(value, const))
    return ordered
