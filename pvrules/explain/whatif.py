"""What would change it: the smallest changes of input facts that flip a recommendation.

The search tries one changed fact, then two, over the values the vocabulary
allows, ranked by size and plausibility (a step of one on a scale, or filling
in an unknown fact, is small; jumping across a scale is bigger). It stays fast
by pruning, without losing answers:

* only input facts that some rule able to reach the target reads (directly
  or through derived facts) are varied;
* per fact, only one value of each class of values that every rule test
  treats alike is tried (the most plausible one);
* a pair of changes is tried only when the two can interact: some rule reads
  what both affect, both alter the firings of recommendation rules, or both
  alter the derivation of one fact; and only when neither change alone
  already does it (an answer must be minimal).

The search uses the plain-Python reference evaluator on the relevant rules
only; every answer is then confirmed with the configured engine on the whole
knowledge base.
"""

from __future__ import annotations

import dataclasses
import itertools
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass

from pvrules.compile.ir import CASE, CompiledRule, Derive, Leaf, Recommend
from pvrules.explain.whynot import (
    BlameNode,
    Change,
    Domains,
    FactValue,
    Phraser,
    Slot,
    blame,
    leaf_holds,
    with_changes,
)
from pvrules.infer.engine import Engine
from pvrules.infer.kleene import evaluate
from pvrules.infer.reference import ReferenceEngine
from pvrules.infer.result import Applied, Result
from pvrules.kb import KnowledgeBase
from pvrules.validate.case import CASE_KEY, Case, EntityKey
from pvrules.validate.vocab import Vocabulary

STATUS_WORDS = {
    "recommended": {"nl": "aanbevolen", "en": "recommended"},
    "alternative": {"nl": "een alternatief", "en": "an alternative"},
    "advised_against": {"nl": "afgeraden", "en": "advised against"},
    "not_recommended": {"nl": "niet aanbevolen", "en": "not recommended"},
}


def item_status(kb: KnowledgeBase, result: Result | Outcome, item: str,
                target: EntityKey) -> str:
    """The advice status of ``item`` for ``target``, as the advice decides it.

    ``recommended``, ``alternative``, ``advised_against`` or ``not_recommended``;
    the same scoring as :class:`pvrules.explain.advice.AdviceBuilder`, without
    building the reasoning (fast enough to run thousands of times).
    """
    if isinstance(result, Outcome):
        pairs: Iterable[tuple[int, Applied]] = result.recommendations()
    else:
        pairs = ((kb.rule(f.rule_id).priority, c) for f in result.firings
                 for c in f.conclusions)
    scores: dict[str, list[int]] = {}
    for prio, concl in pairs:
        if concl.kind == "derive" or concl.target != target:
            continue
        s = scores.setdefault(concl.name, [0, 0, 0, -(10**9)])
        if concl.kind == "recommend":
            s[0] = max(s[0], concl.strength)
            s[2] += 1
            s[3] = max(s[3], prio)
        else:
            s[1] = max(s[1], concl.strength)
    if item not in scores:
        return "not_recommended"
    pro, con, _n, _p = scores[item]
    if pro <= con:
        return "advised_against"
    order, exclusive = _catalogue_index(kb)

    def key(name: str) -> tuple[int, int, int, int, int]:
        p, c, n, pr = scores[name]
        return (-p, c, -n, -(pr if n else 0), order[name])

    rivals = [o for o in exclusive[item] if o in scores and scores[o][0] > scores[o][1]]
    if rivals and min([item, *rivals], key=key) != item:
        return "alternative"
    return "recommended"


_INDEX: dict[int, tuple[KnowledgeBase, dict[str, int], dict[str, frozenset[str]]]] = {}


def _catalogue_index(kb: KnowledgeBase) -> tuple[dict[str, int], dict[str, frozenset[str]]]:
    """Item order and exclusive rivals of ``kb``, computed once per knowledge base."""
    found = _INDEX.get(id(kb))
    if found is None or found[0] is not kb:
        cats = kb.catalogues
        found = (kb, {name: i for i, name in enumerate(cats.items)},
                 {name: frozenset(cats.exclusive_with(name)) for name in cats.items})
        _INDEX[id(kb)] = found
    return found[1], found[2]


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


@dataclass(frozen=True)
class Scenario:
    """A set of changes that achieves the goal."""

    size: int
    cost: float
    changes: tuple[Change, ...]
    sentence: str
    set_args: tuple[str, ...]
    confirmed: bool
    side_effects: tuple[str, ...]
    """Other recommendations whose status changes too."""
    because: tuple[str, ...] = ()
    """The rules about the target that would start or stop applying."""


@dataclass(frozen=True)
class WhatIf:
    """The smallest changes that make a recommendation appear or disappear."""

    lang: str
    kind: str
    name: str
    label: str
    target: str | None
    target_key: EntityKey
    now: str
    goal: str
    summary: str
    scenarios: tuple[Scenario, ...]
    facts_considered: int
    variants_evaluated: int
    seconds: float
    complete: bool


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
    writers: dict[str, list[CompiledRule]] = {}
    for rule in kb.rules:
        for _e, fact in rule.writes:
            writers.setdefault(fact, []).append(rule)
    todo = [kb.rule(r) for r in top]
    keep = set(top)
    while todo:
        rule = todo.pop()
        for _e, fact in rule.reads:
            for producer in writers.get(fact, []):
                if producer.id not in keep:
                    keep.add(producer.id)
                    todo.append(producer)
    return tuple(r for r in kb.rules if r.id in keep)


class WhatIfSearch:
    """The search for one goal on one case."""

    def __init__(self, kb: KnowledgeBase, case: Case, goal: Goal, *,
                 confirm: Engine | None = None, lang: str = "nl") -> None:
        """Prepare the reduced engine and the facts to vary."""
        self.kb = kb
        self.case = case
        self.goal = goal
        self.lang = lang
        self.confirm_engine = confirm
        self.rules = relevant_rules(kb, goal)
        self.engine = ReferenceEngine(self.rules, kb.vocab)
        self.domains = Domains(kb.vocab, kb.rules)
        self.evaluated = 0
        self._co_read: set[tuple[str, str]] = set()
        for rule in self.rules:
            facts = sorted({f for _e, f in rule.reads})
            self._co_read.update(itertools.product(facts, facts))

    def slots(self) -> list[Slot]:
        """Input facts of the case that the relevant rules read."""
        read = {(e, f) for rule in self.rules for e, f in rule.reads}
        out: list[Slot] = []
        for entity, fact_id in sorted(read):
            if self.kb.vocab.facts[fact_id].origin != "input":
                continue
            keys = [CASE_KEY] if entity == CASE else \
                [e.key for e in self.case.entities.get(entity, ())]
            out.extend((k, fact_id) for k in keys)
        order = {CASE_KEY: 0, **{e.key: i + 1 for i, e in enumerate(self.case.all_entities())}}
        return sorted(set(out), key=lambda s: (order.get(s[0], 0), s[1]))

    def run(self, changes: Mapping[Slot, FactValue | None]) -> Result:
        """Evaluate the case with ``changes`` on the relevant rules."""
        self.evaluated += 1
        facts = with_changes(self.case.facts, changes)
        return self.engine.evaluate(dataclasses.replace(self.case, facts=facts))

    def search(self, *, max_size: int = 2, limit: int = 5, budget: float = 10.0
               ) -> tuple[list[tuple[float, dict[Slot, FactValue]]], bool, int]:
        """Find the smallest change sets; returns (cost, changes) best first, completeness.

        Args:
            max_size: the most facts changed together (1 or 2).
            limit: how many answers of each size to keep.
            budget: seconds after which the pair search stops (then not complete).
        """
        start = time.perf_counter()
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
                res = fast.run({slot: value})
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
                if time.perf_counter() - start > budget:
                    complete = False
                    break
                changes = {s1: v1, s2: v2}
                self.evaluated += 1
                if self.goal.met(self.kb, fast.run(changes), before):
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

    def _reaches(self, concl: Derive | Recommend) -> bool:
        """Whether ``concl`` is what the goal needs to appear."""
        goal = self.goal
        if isinstance(concl, Recommend):
            return (goal.kind == "item" and goal.want == "appear" and concl.item == goal.name
                    and not concl.against)
        return (goal.kind == "fact" and goal.want == "value" and concl.fact == goal.name
                and concl.value == goal.value)

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
        facts = with_changes(self.case.facts, changes)
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


def what_if(kb: KnowledgeBase, case: Case, goal: Goal, *, lang: str = "nl",
            confirm: Engine | None = None, base: Result | None = None,
            max_size: int = 2, limit: int = 5,
            label_of: Callable[[str], str] | None = None) -> WhatIf:
    """The smallest changes of input facts that achieve ``goal``.

    Args:
        kb: the knowledge base.
        case: the case as given.
        goal: what should change (see :class:`Goal`).
        lang: ``nl`` or ``en``.
        confirm: the configured engine, to confirm every answer on the whole base.
        base: the case's result with ``confirm`` (evaluated when not given).
        max_size: the most facts changed together.
        limit: how many answers of each size.
        label_of: item id → label (defaults to the catalogue labels).
    """
    start = time.perf_counter()
    search = WhatIfSearch(kb, case, goal, confirm=confirm, lang=lang)
    if base is None:
        base = (confirm.evaluate(case) if confirm is not None
                else ReferenceEngine(kb.rules, kb.vocab).evaluate(case))
    say = Phraser(kb, base, lang)
    found, complete, considered = search.search(max_size=max_size, limit=limit)
    labels = label_of or (lambda i: kb.item(i).label.get(lang))
    scenarios = []
    for cost, changes in found:
        ok, res = search.confirm(changes)
        views = tuple(say.change(s, v, search.domains) for s, v in changes.items())
        effects = (_side_effects(kb, base, res, goal, lang=lang, labels=labels)
                   if res is not None else ())
        because = _because(kb, base, res, goal, lang=lang) if res is not None else ()
        scenarios.append(Scenario(len(changes), round(cost, 2), views,
                                  say.changes_sentence(views),
                                  tuple(c.set_arg for c in views), ok, effects, because))
    nl = lang == "nl"
    if goal.kind == "item":
        label = labels(goal.name)
        now = item_status(kb, base, goal.name, goal.target)
    else:
        label = kb.vocab.facts[goal.name].label.get(lang)
        now = say.value(goal.name, base.value(goal.target, goal.name))
    ent = say.entity(goal.target)
    what = label + (f" ({ent})" if ent else "")
    summary = _summary(what, goal, now, scenarios, nl=nl, say=say, max_size=max_size)
    return WhatIf(lang, goal.kind, goal.name, label, ent, goal.target, now, goal.want, summary,
                  tuple(scenarios), considered, search.evaluated,
                  round(time.perf_counter() - start, 3), complete)


def _summary(what: str, goal: Goal, now: str, scenarios: list[Scenario], *, nl: bool,
             say: Phraser, max_size: int = 2) -> str:
    if goal.kind == "item":
        state = STATUS_WORDS.get(now, {}).get("nl" if nl else "en", now)
        aim = {"appear": ("aanbevolen te krijgen", "recommended"),
               "disappear": ("niet meer aanbevolen te krijgen", "no longer recommended")}
        text = (f"{what} is nu {state}. Om het {aim[goal.want][0]}:" if nl else
                f"{what} is now {state}. To get it {aim[goal.want][1]}:")
    else:
        wanted = say.value(goal.name, goal.value) if goal.want == "value" else None
        text = (f"{what} is nu {now}. Om het {wanted or 'anders'} te maken:" if nl else
                f"{what} is now {now}. To make it {wanted or 'different'}:")
    if not scenarios:
        if max_size == 1:
            text += (" geen verandering van één feit is genoeg." if nl else
                     " no change of one fact is enough.")
        else:
            text += (" geen verandering van één of twee feiten is genoeg." if nl else
                     " no change of one or two facts is enough.")
    return text


def _because(kb: KnowledgeBase, base: Result, after: Result, goal: Goal, *,
             lang: str) -> tuple[str, ...]:
    """Which rules about the goal start or stop applying, as sentences."""
    nl = lang == "nl"

    def about(result: Result) -> set[tuple[str, EntityKey | None]]:
        out: set[tuple[str, EntityKey | None]] = set()
        for firing in result.firings:
            for concl in firing.conclusions:
                if concl.name == goal.name and concl.target == goal.target and \
                        (goal.kind == "item") == (concl.kind != "derive"):
                    out.add(firing.key)
        return out

    before, now = about(base), about(after)
    say = Phraser(kb, after, lang)
    lines = []
    for key, started in sorted([(k, True) for k in now - before]
                               + [(k, False) for k in before - now], key=repr):
        rule_id, focus = key
        title = kb.entries[rule_id].spec.title.get(lang)
        ent = say.entity(focus) if focus is not None and focus != goal.target else None
        name = f"'{title}'" + (f" ({ent})" if ent else "")
        if started:
            lines.append(f"de regel {name} gaat gelden" if nl else f"the rule {name} applies")
        else:
            lines.append(f"de regel {name} geldt niet meer" if nl
                         else f"the rule {name} no longer applies")
    return tuple(lines)


def _side_effects(kb: KnowledgeBase, base: Result, after: Result, goal: Goal, *, lang: str,
                  labels: Callable[[str], str]) -> tuple[str, ...]:
    out = []
    say = Phraser(kb, base, lang)
    pairs = {(c.name, c.target) for r in (base, after) for f in r.firings
             for c in f.conclusions if c.kind != "derive"}
    for item, target in sorted(pairs):
        if goal.kind == "item" and (item, target) == (goal.name, goal.target):
            continue
        old = item_status(kb, base, item, target)
        new = item_status(kb, after, item, target)
        if old != new:
            ent = say.entity(target)
            words_old = STATUS_WORDS[old][lang]
            words_new = STATUS_WORDS[new][lang]
            what = labels(item) + (f" ({ent})" if ent else "")
            out.append(f"{what}: {words_old} → {words_new}")
    return tuple(out)
