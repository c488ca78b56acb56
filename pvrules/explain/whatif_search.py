"""The search behind what-if: the smallest changes of input facts that reach a goal.

The search tries one changed fact, then two, over the values the value-domain
model offers (:mod:`pvrules.explain.domains`), ranked by size and plausibility
(a step of one on a scale, or filling in an unknown fact, is small; jumping
across a scale is bigger). It stays fast by pruning, without losing answers:

* only input facts that some rule able to reach the target reads (directly
  or through derived facts) are varied, and by default only policy levers
  (facts the vocabulary marks ``lever: true``) when the vocabulary marks any;
* per fact, only one value of each class of values that every rule test
  treats alike is tried (the most plausible one);
* a pair of changes is tried only when the two can interact: some rule reads
  what both affect, both alter the firings of recommendation rules, or both
  alter the derivation of one fact; and only when neither change alone
  already does it (an answer must be minimal).

The search uses the incremental reference evaluation on the relevant rules
only (:mod:`pvrules.explain.incremental`); every answer is then confirmed with
the configured engine on the whole knowledge base. It is bounded by a number
of evaluations, never by the clock, so two runs give the same answer.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Mapping
from dataclasses import dataclass

from pvrules.compile.ir import CASE, CompiledRule, Conclusion, Derive, Leaf, Recommend
from pvrules.explain.blame import BlameNode, blame
from pvrules.explain.domains import (
    Domains,
    FactValue,
    Slot,
    leaf_holds,
    with_aggregates,
    with_changes,
)
from pvrules.explain.incremental import Incremental, Outcome
from pvrules.explain.scoring import item_status
from pvrules.infer.engine import Engine
from pvrules.infer.reference import ReferenceEngine
from pvrules.infer.result import Result
from pvrules.kb import KnowledgeBase
from pvrules.validate.case import CASE_KEY, Case, EntityKey

MAX_PAIRS = 20000
"""The most pairs of changes one search evaluates (then the answer is not complete)."""


@dataclass(frozen=True)
class Goal:
    """What the search should achieve."""

    kind: str
    """``item`` or ``fact``."""
    name: str
    target: EntityKey
    want: str
    """Items: ``appear`` or ``disappear``; facts: ``value`` or ``change``."""
    value: FactValue | None = None

    def met(self, kb: KnowledgeBase, result: Result | Outcome, before: object) -> bool:
        """Whether ``result`` achieves the goal (``before`` is the status now)."""
        if self.kind == "item":
            recommended = item_status(kb, result, self.name, self.target) == "recommended"
            return recommended if self.want == "appear" else not recommended
        now = result.value(self.target, self.name)
        return now == self.value if self.want == "value" else now != before



def relevant_rules(kb: KnowledgeBase, goal: Goal) -> tuple[CompiledRule, ...]:
    """The rules that can reach the goal: its direct rules and everything they depend on."""
    top: set[str] = set()
    if goal.kind == "item":
        names = {goal.name, *kb.catalogues.exclusive_with(goal.name)}
        for rule in kb.rules:
            if any(isinstance(c, Recommend) and c.item in names for c in rule.conclusions):
                top.add(rule.id)
    else:
        for rule in kb.rules:
            if any(isinstance(c, Derive) and c.fact == goal.name for c in rule.conclusions):
                top.add(rule.id)
    return with_producers(kb, [kb.rule(r) for r in top])


def with_producers(kb: KnowledgeBase, top: list[CompiledRule]) -> tuple[CompiledRule, ...]:
    """``top`` and every rule that derives what they read, in the knowledge base's order."""
    writers: dict[str, list[CompiledRule]] = {}
    for rule in kb.rules:
        for _e, fact in rule.writes:
            writers.setdefault(fact, []).append(rule)
    todo = list(top)
    keep = {r.id for r in top}
    while todo:
        rule = todo.pop()
        for _e, fact in rule.reads:
            for producer in writers.get(fact, []):
                if producer.id not in keep:
                    keep.add(producer.id)
                    todo.append(producer)
    return tuple(r for r in kb.rules if r.id in keep)


def uses_levers(kb: KnowledgeBase) -> bool:
    """Whether the vocabulary marks some fact as a policy lever (``lever: true``)."""
    return any(getattr(f, "lever", False) for f in kb.vocab.facts.values())


class WhatIfSearch:
    """The search for one goal on one case."""

    def __init__(self, kb: KnowledgeBase, case: Case, goal: Goal, *,
                 confirm: Engine | None = None, all_facts: bool = False,
                 domains: Domains | None = None) -> None:
        """Prepare the reduced engine and the facts to vary."""
        self.kb = kb
        self.case = case
        self.goal = goal
        self.all_facts = all_facts
        self.confirm_engine = confirm
        self.rules = relevant_rules(kb, goal)
        self.engine = ReferenceEngine(self.rules, kb.vocab)
        self.domains = domains or Domains(kb.vocab, kb.rules)
        self.evaluated = 0
        self._co_read: set[tuple[str, str]] = set()
        for rule in self.rules:
            facts = sorted({f for _e, f in rule.reads})
            self._co_read.update(itertools.product(facts, facts))

    def slots(self) -> list[Slot]:
        """Input facts of the case that the relevant rules read (levers only, unless asked).

        When the vocabulary marks no fact as a lever at all, every input fact counts.
        """
        read = {(e, f) for rule in self.rules for e, f in rule.reads}
        for _e, fact_id in list(read):  # facts an aggregate that is read is computed of
            agg = self.kb.vocab.facts[fact_id].aggregate
            over = self.kb.vocab.facts.get(agg.over) if agg is not None else None
            if agg is not None and agg.of and over is not None and over.ref:
                read.add((over.ref, agg.of))
        only_levers = not self.all_facts and uses_levers(self.kb)
        out: list[Slot] = []
        for entity, fact_id in sorted(read):
            fact = self.kb.vocab.facts[fact_id]
            if fact.origin != "input" or (only_levers and not getattr(fact, "lever", False)):
                continue
            keys = [CASE_KEY] if entity == CASE else \
                [e.key for e in self.case.entities.get(entity, ())]
            out.extend((k, fact_id) for k in keys)
        order = {CASE_KEY: 0, **{e.key: i + 1 for i, e in enumerate(self.case.all_entities())}}
        return sorted(set(out), key=lambda s: (order.get(s[0], 0), s[1]))

    def run(self, changes: Mapping[Slot, FactValue | None]) -> Result:
        """Evaluate the case with ``changes`` on the relevant rules."""
        self.evaluated += 1
        facts = with_changes(self.case.facts, self.aggregated(changes))
        return self.engine.evaluate(dataclasses.replace(self.case, facts=facts))

    def aggregated(self, changes: Mapping[Slot, FactValue | None]
                   ) -> dict[Slot, FactValue | None]:
        """``changes`` with the aggregates they alter (see :func:`with_aggregates`)."""
        return with_aggregates(self.kb.vocab, self.case.facts, changes)

    def search(self, *, max_size: int = 2, limit: int = 5, max_pairs: int = MAX_PAIRS
               ) -> tuple[list[tuple[float, dict[Slot, FactValue]]], bool, int]:
        """Find the smallest change sets; returns (cost, changes) best first, completeness.

        Args:
            max_size: the most facts changed together (1 or 2).
            limit: how many answers of each size to keep.
            max_pairs: pairs evaluated after which the pair search stops (then not complete).
        """
        pairs_tried = 0
        fast = Incremental(self.rules, self.kb.vocab, self.case)
        base = fast.base
        before = base.value(self.goal.target, self.goal.name) if self.goal.kind == "fact" \
            else None
        slots = self.slots()
        singles: list[tuple[Slot, FactValue, frozenset[str]]] = []
        found: list[tuple[float, dict[Slot, FactValue]]] = []
        for slot in slots:
            current = self.case.facts.get(slot[0], {}).get(slot[1])
            for value in self.domains.representatives(slot[1], current):
                self.evaluated += 1
                res = fast.run(self.aggregated({slot: value}))
                if self.goal.met(self.kb, res, before):
                    found.append((self._cost({slot: value}), {slot: value}))
                    continue
                tokens = {slot[1], *res.changed_facts}
                if res.status_changed:
                    tokens.add("<status>")
                singles.append((slot, value, frozenset(tokens)))
        complete = True
        best = _best(found, limit)
        needs = self.requirements(base)
        if max_size >= 2 and needs != []:
            pairs: list[tuple[float, dict[Slot, FactValue]]] = []
            for (s1, v1, t1), (s2, v2, t2) in itertools.combinations(singles, 2):
                if s1 == s2 or not self._interact(t1, t2):
                    continue
                if needs is not None and not any(n <= {s1, s2} for n in needs):
                    continue
                pairs_tried += 1
                if pairs_tried > max_pairs:
                    complete = False
                    break
                changes = {s1: v1, s2: v2}
                self.evaluated += 1
                if self.goal.met(self.kb, fast.run(self.aggregated(changes)), before):
                    pairs.append((self._cost(changes), changes))
            best += _best(pairs, limit)
        return best, complete, len(slots)

    def requirements(self, base: Outcome) -> list[frozenset[Slot]] | None:
        """Input facts that must change for the goal, one set per rule that could reach it.

        When the goal needs some rule to fire that does not fire now (an item
        nobody recommends yet, a value nobody derives yet), one of those rules
        must come to fire. Its failing tests on *input* facts can only become
        true by changing exactly those facts, so every answer changes all the
        input facts of at least one set. ``None`` when no such bound applies;
        an empty list when no change of facts can reach the goal.
        """
        goal = self.goal
        candidates: list[tuple[CompiledRule, EntityKey | None]] = []
        for rule in self.rules:
            for concl in rule.conclusions:
                if not self._reaches(concl):
                    continue
                case_level = concl.target == CASE or rule.focus_entity is None
                if case_level and goal.target != CASE_KEY:
                    continue
                if not case_level and goal.target[0] != rule.focus_entity:
                    continue
                if rule.focus_entity is None:
                    candidates.append((rule, None))
                elif case_level:
                    candidates.extend((rule, e.key) for e in
                                      self.case.entities.get(rule.focus_entity, ()))
                else:
                    candidates.append((rule, goal.target))
        if not candidates:
            return None
        if goal.kind == "fact":
            default = self.kb.vocab.facts[goal.name].default
            if default is not None and \
                    self.kb.vocab.normalize(self.kb.vocab.facts[goal.name], default) == goal.value:
                return None
        fired = {(rule_id, f) for rule_id, foci in base.fires.items() for f in foci}
        if any((rule.id, focus) in fired for rule, focus in candidates):
            return None
        self._base = base
        self._memo: dict[tuple[Slot, Leaf], frozenset[Slot] | None] = {}
        out = []
        for rule, focus in candidates:
            need = self._rule_needs(rule, focus)
            if need is not None:
                out.append(need)
        return out

    def _rule_needs(self, rule: CompiledRule, focus: EntityKey | None
                    ) -> frozenset[Slot] | None:
        """Input facts that must change for ``rule`` to come to fire for ``focus``."""
        env: dict[str, EntityKey] = {CASE: CASE_KEY}
        if rule.focus is not None and focus is not None:
            env[rule.focus] = focus
        entities = {t: [e.key for e in es] for t, es in self.case.entities.items()}
        tree = blame(rule.condition, env, self._base.values, entities)
        return self._must_change(tree) if tree is not None else frozenset()

    def _fact_needs(self, slot: Slot, leaf: Leaf) -> frozenset[Slot] | None:
        """Input facts that must change for the derived ``slot`` to pass ``leaf``.

        Some rule that derives a passing value must come to fire (unless one
        fires already or the default passes: then nothing is certain).
        """
        key = (slot, leaf)
        if key in self._memo:
            return self._memo[key]
        self._memo[key] = frozenset()  # no cycles in a stratified base; guard anyway
        fdef = self.kb.vocab.facts[slot[1]]
        result: frozenset[Slot] | None = frozenset()
        if fdef.default is None or \
                leaf_holds(leaf, self.kb.vocab.normalize(fdef, fdef.default)) is not True:
            options: list[frozenset[Slot] | None] = []
            certain = True
            for rule in self.rules:
                for concl in rule.conclusions:
                    if not (isinstance(concl, Derive) and concl.fact == slot[1]
                            and leaf_holds(leaf, concl.value) is True):
                        continue
                    case_level = concl.target == CASE or rule.focus_entity is None
                    if case_level != (slot[0] == CASE_KEY):
                        continue
                    foci: list[EntityKey | None]
                    if rule.focus_entity is None:
                        foci = [None]
                    elif case_level:
                        foci = [e.key for e in self.case.entities.get(rule.focus_entity, ())]
                    else:
                        foci = [slot[0]]
                    for focus in foci:
                        if focus in self._base.fires.get(rule.id, frozenset()):
                            certain = False
                        options.append(self._rule_needs(rule, focus))
            possible = [o for o in options if o is not None]
            if not certain:
                result = frozenset()
            elif not possible:
                result = None
            else:
                result = frozenset.intersection(*possible)
        self._memo[key] = result
        return result

    def _reaches(self, concl: Conclusion) -> bool:
        """Whether ``concl`` is what the goal needs to appear."""
        goal = self.goal
        if isinstance(concl, Recommend):
            return (goal.kind == "item" and goal.want == "appear" and concl.item == goal.name
                    and not concl.against)
        if isinstance(concl, Derive):
            return (goal.kind == "fact" and goal.want == "value" and concl.fact == goal.name
                    and concl.value == goal.value)
        return False

    def _must_change(self, node: BlameNode) -> frozenset[Slot] | None:
        if node.failure is not None:
            slot = node.failure.slot
            if self.kb.vocab.facts[slot[1]].origin == "derived":
                return self._fact_needs(slot, node.failure.leaf)
            return frozenset({slot})
        if node.kind in ("empty", "never"):
            return None
        parts = [self._must_change(c) for c in node.children]
        if node.kind == "all":
            if any(p is None for p in parts):
                return None
            return frozenset().union(*[p for p in parts if p is not None])
        possible = [p for p in parts if p is not None]
        if not possible:
            return None
        return frozenset.intersection(*possible)

    def _cost(self, changes: Mapping[Slot, FactValue]) -> float:
        return sum(self.domains.cost(s[1], self.case.facts.get(s[0], {}).get(s[1]), v)
                   for s, v in changes.items())

    def _interact(self, t1: frozenset[str], t2: frozenset[str]) -> bool:
        if t1 & t2:
            return True
        return any((a, b) in self._co_read for a in t1 for b in t2)

    def confirm(self, changes: Mapping[Slot, FactValue]) -> tuple[bool, Result | None]:
        """Check an answer with the configured engine on the whole knowledge base."""
        if self.confirm_engine is None:
            return True, None
        facts = with_changes(self.case.facts, self.aggregated(changes))
        result = self.confirm_engine.evaluate(dataclasses.replace(self.case, facts=facts))
        before = None
        if self.goal.kind == "fact":
            before = self.run({}).value(self.goal.target, self.goal.name)
        return self.goal.met(self.kb, result, before), result


def _best(found: list[tuple[float, dict[Slot, FactValue]]], limit: int
          ) -> list[tuple[float, dict[Slot, FactValue]]]:
    """The ``limit`` best answers, one per set of changed facts (the cheapest values)."""
    out: list[tuple[float, dict[Slot, FactValue]]] = []
    seen: set[frozenset[Slot]] = set()
    for entry in sorted(found, key=_rank):
        slots = frozenset(entry[1])
        if slots not in seen:
            seen.add(slots)
            out.append(entry)
    return out[:limit]


def _rank(entry: tuple[float, dict[Slot, FactValue]]) -> tuple[int, float, str]:
    cost, changes = entry
    return (len(changes), cost, repr(sorted(changes.items(), key=repr)))
