"""Why not: why an option was not recommended, exactly as evaluation decided.

For an item and a target (the case, or one opgave) :func:`why_not` lists the
rules that could have recommended it and, for each, the tests that kept it
from firing with the actual values, and the smallest change of those values
that would make it fire; and the rules and rival options that argued against
it. The condition-level machinery is shared with what-if:

* :func:`blame` walks a condition that is not true and returns exactly the
  leaf tests that keep it from being true, grouped as "all of these" and
  "one of these would do", each with the actual value (Kleene semantics, as
  :mod:`pvrules.infer.kleene` evaluates them).
* :class:`Domains` lists the values a fact could take: the vocabulary's
  allowed values, or for numbers the thresholds the rules test.
* :func:`repair` finds a smallest set of fact values that makes a condition
  true, verified by evaluating the condition again.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from pvrules.compile.ir import (
    CASE,
    And,
    Cmp,
    CompiledRule,
    Const,
    Exists,
    ForAll,
    Has,
    In,
    Known,
    Leaf,
    Node,
    Not,
    Or,
    Recommend,
    Value,
    leaves,
)
from pvrules.explain.advice import (
    STRENGTH_NAMES,
    Advice,
    AdviceBuilder,
    Recommendation,
    SourceView,
    Step,
)
from pvrules.infer.kleene import Entities, Env, Values, evaluate
from pvrules.infer.result import Result
from pvrules.kb import KnowledgeBase
from pvrules.validate.case import CASE_KEY, EntityKey
from pvrules.validate.rulemodel import STRENGTH_LABELS
from pvrules.validate.vocab import Vocabulary

Slot = tuple[EntityKey, str]
FactValue = Value | tuple[Value, ...]


@dataclass(frozen=True)
class LeafFailure:
    """A leaf test that is not true under ``env``: false, or unknown (``truth`` None)."""

    leaf: Leaf
    env: tuple[tuple[str, EntityKey], ...]
    slot: Slot
    actual: FactValue | None
    truth: bool | None


@dataclass(frozen=True)
class BlameNode:
    """Why a condition is not true.

    ``kind`` is ``leaf`` (one failing test), ``all`` (every part must become
    true), ``any`` (one part becoming true would do), ``empty`` (no entity of
    ``entity`` exists to satisfy "some ...") or ``never`` (a constant false).
    """

    kind: str
    children: tuple[BlameNode, ...] = ()
    failure: LeafFailure | None = None
    entity: str | None = None

    def failures(self) -> list[LeafFailure]:
        """Every failing leaf below this node, in order."""
        if self.failure is not None:
            return [self.failure]
        return [f for c in self.children for f in c.failures()]


def blame(node: Node, env: Env, values: Values, entities: Entities) -> BlameNode | None:
    """The failing parts of ``node`` under ``env``; ``None`` when it is true."""
    if evaluate(node, env, values, entities) is True:
        return None
    return _simplify(_blame(node, env, values, entities))


def _blame(node: Node, env: Env, values: Values, entities: Entities) -> BlameNode:
    if isinstance(node, And | Or):
        parts = [b for item in node.items
                 if (b := blame(item, env, values, entities)) is not None]
        return BlameNode("all" if isinstance(node, And) else "any", tuple(parts))
    if isinstance(node, Exists):
        keys = list(entities.get(node.entity, ()))
        if not keys:
            return BlameNode("empty", entity=node.entity)
        parts = [b for key in keys
                 if (b := blame(node.cond, {**env, node.var: key}, values, entities))
                 is not None]
        return BlameNode("any", tuple(parts))
    if isinstance(node, ForAll):
        parts = [b for key in entities.get(node.entity, ())
                 if (b := blame(node.cond, {**env, node.var: key}, values, entities))
                 is not None]
        return BlameNode("all", tuple(parts))
    if isinstance(node, Const):
        return BlameNode("never")
    if isinstance(node, Not):  # pragma: no cover - conditions are in negation normal form
        return BlameNode("never")
    slot = (env[node.ref.var], node.ref.fact)
    actual = values.get(slot[0], {}).get(slot[1])
    truth = evaluate(node, env, values, entities)
    return BlameNode("leaf", failure=LeafFailure(node, tuple(sorted(env.items())), slot,
                                                 actual, truth))


def _simplify(node: BlameNode) -> BlameNode:
    if node.kind not in ("all", "any"):
        return node
    flat: list[BlameNode] = []
    for child in (_simplify(c) for c in node.children):
        if child.kind == node.kind:
            flat.extend(child.children)
        else:
            flat.append(child)
    if len(flat) == 1:
        return flat[0]
    return BlameNode(node.kind, tuple(flat))


def leaf_holds(leaf: Leaf, value: FactValue | None) -> bool | None:
    """Evaluate ``leaf`` as if its fact had ``value``."""
    key = ("x", "x")
    vals = {key: {leaf.ref.fact: value}} if value is not None else {}
    return evaluate(leaf, {leaf.ref.var: key}, vals, {})


@dataclass
class Domains:
    """The values each fact could take, for searching changes."""

    vocab: Vocabulary
    rules: tuple[CompiledRule, ...]
    _tests: dict[str, list[Leaf]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        """Collect every leaf test per fact."""
        for rule in self.rules:
            for leaf in leaves(rule.condition):
                self._tests.setdefault(leaf.ref.fact, []).append(leaf)

    def tests(self, fact_id: str) -> list[Leaf]:
        """Leaf tests on ``fact_id`` in any rule."""
        return self._tests.get(fact_id, [])

    def values(self, fact_id: str, current: FactValue | None) -> list[FactValue]:
        """Every candidate value other than ``current``, most plausible first."""
        fact = self.vocab.facts[fact_id]
        out: list[FactValue] = []
        if fact.type == "level":
            out = list(range(len(self.vocab.value_defs(fact))))
        elif fact.type == "enum":
            out = [v.id for v in self.vocab.value_defs(fact)]
        elif fact.type == "bool":
            out = [True, False]
        elif fact.type == "list":
            base = set(current) if isinstance(current, tuple) else set()
            for vdef in self.vocab.value_defs(fact):
                toggled = base ^ {vdef.id}
                out.append(tuple(sorted(toggled, key=str)))
        elif fact.type == "number":
            out = self._numbers(fact_id)
        else:
            out = sorted({v for leaf in self.tests(fact_id) for v in _leaf_values(leaf)
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
            for v in _leaf_values(leaf):
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


def _leaf_values(leaf: Leaf) -> tuple[Value, ...]:
    if isinstance(leaf, Cmp):
        return (leaf.value,)
    if isinstance(leaf, In):
        return leaf.values
    if isinstance(leaf, Has):
        return (leaf.value,)
    return ()


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


def repair(node: Node, env: Env, values: Values, entities: Entities, domains: Domains,
           *, max_tries: int = 2000, keep: int = 8) -> dict[Slot, FactValue | None] | None:
    """A smallest, most plausible set of fact values that makes ``node`` true.

    Only the facts of the failing tests are changed, to values that satisfy
    them. Two searches are combined and the best answer by (number of changes,
    plausibility) is returned: every set of one or two changes (at most
    ``max_tries`` of them, so that conditions over many entities stay fast), and
    a part-by-part construction from the failing parts (the cheapest ways to
    satisfy each part, combined without contradictions). Every answer is checked
    by evaluating ``node`` again; ``None`` when nothing was found (for example
    when "some partner ..." is asked and the case has no partners).
    """
    found = blame(node, env, values, entities)
    if found is None:
        return {}

    def cost(changes: Mapping[Slot, FactValue | None]) -> float:
        return sum(domains.cost(s[1], values.get(s[0], {}).get(s[1]), v)
                   for s, v in changes.items())

    def holds(changes: Mapping[Slot, FactValue | None]) -> bool:
        return evaluate(node, env, with_changes(values, changes), entities) is True

    answers: list[dict[Slot, FactValue | None]] = []
    options: dict[Slot, list[FactValue | None]] = {}
    for fail in found.failures():
        for v in _satisfying(fail, values, domains):
            if v not in options.setdefault(fail.slot, []):
                options[fail.slot].append(v)
    slots = [s for s in options if options[s]]
    tries = 0
    for size in (1, 2):
        for combo in itertools.combinations(slots, size):
            for choice in itertools.product(*(options[s] for s in combo)):
                tries += 1
                if tries > max_tries:
                    break
                changes = dict(zip(combo, choice, strict=True))
                if holds(changes):
                    answers.append(changes)
            if tries > max_tries:
                break
        if answers or tries > max_tries:
            break
    for _c, changes in _options(found, values, domains, cost, keep):
        if holds(changes):
            answers.append(changes)
            break
    if not answers:
        return None
    # ties keep the order of discovery: entities in case order, values in vocabulary order
    return min(answers, key=lambda a: (len(a), cost(a)))


Option = tuple[float, dict[Slot, FactValue | None]]


def _satisfying(fail: LeafFailure, values: Values, domains: Domains) -> list[FactValue | None]:
    """Values of the failing test's fact that pass it, most plausible first.

    A test that asks for an unknown fact ("known: false") passes only by leaving
    the fact out, which is offered as the value ``None``.
    """
    if isinstance(fail.leaf, Known) and not fail.leaf.known:
        return [None]
    current = values.get(fail.slot[0], {}).get(fail.slot[1])
    return [v for v in domains.values(fail.slot[1], current) if leaf_holds(fail.leaf, v) is True]


def _options(node: BlameNode, values: Values, domains: Domains,
             cost: Callable[[Mapping[Slot, FactValue | None]], float], keep: int
             ) -> list[Option]:
    """The cheapest ways (at most ``keep``) to make the failing part ``node`` true."""
    if node.failure is not None:
        slot = node.failure.slot
        found = [{slot: v} for v in _satisfying(node.failure, values, domains)]
        return [(cost(f), f) for f in found][:keep]
    if node.kind == "any":
        merged = sorted((o for c in node.children
                         for o in _options(c, values, domains, cost, keep)),
                        key=lambda o: (o[0], len(o[1])))
        out: list[Option] = []
        per_slots: dict[frozenset[Slot], int] = {}
        for option in merged:
            slots = frozenset(option[1])
            if per_slots.get(slots, 0) < 2 and option not in out:
                per_slots[slots] = per_slots.get(slots, 0) + 1
                out.append(option)
        return out[:keep]
    if node.kind == "all":
        acc: list[Option] = [(0.0, {})]
        for child in node.children:
            opts = _options(child, values, domains, cost, keep)
            combined: list[Option] = []
            for _c1, a in acc:
                for _c2, b in opts:
                    if any(a[s] != v for s, v in b.items() if s in a):
                        continue
                    both = {**a, **b}
                    combined.append((cost(both), both))
            combined.sort(key=lambda o: (o[0], len(o[1])))
            acc = []
            for option in combined:
                if option not in acc:
                    acc.append(option)
                if len(acc) == keep:
                    break
            if not acc:
                return []
        return acc
    return []


# -- people's words ---------------------------------------------------------------------

INTERNAL = {"internal": True}
"""Field metadata: left out of JSON output (engine objects kept for checking)."""

_OPS = {
    "nl": {"eq": "{v}", "ne": "niet {v}", "ge": "minstens {v}", "gt": "meer dan {v}",
           "le": "hoogstens {v}", "lt": "minder dan {v}"},
    "en": {"eq": "{v}", "ne": "not {v}", "ge": "at least {v}", "gt": "more than {v}",
           "le": "at most {v}", "lt": "less than {v}"},
}


@dataclass(frozen=True)
class Change:
    """One changed input fact, in people's words and as a ``--set`` argument."""

    fact: str
    label: str
    entity: str | None
    entity_key: EntityKey
    old: str
    new: str
    set_arg: str
    cost: float
    derived: bool = False
    new_raw: object = None


class Phraser:
    """Turns facts, tests and changes into plain sentences in one language."""

    def __init__(self, kb: KnowledgeBase, result: Result, lang: str) -> None:
        """Phrase for ``result`` in ``lang``."""
        self.kb = kb
        self.result = result
        self.lang = lang
        self.vocab = kb.vocab
        self.builder = AdviceBuilder(kb, result, lang)
        self.nl = lang == "nl"

    def entity(self, key: EntityKey | None) -> str | None:
        """``Opgave Sociaal domein``; ``None`` for the case."""
        return self.builder.entity_label(key)

    def value(self, fact_id: str, value: FactValue | None) -> str:
        """A value for people; lists joined, unknown as ``onbekend``."""
        if isinstance(value, tuple):
            if not value:
                return "niets" if self.nl else "nothing"
            return ", ".join(self.vocab.display(fact_id, v, self.lang) for v in value)
        return self.vocab.display(fact_id, value, self.lang)

    def fact(self, slot: Slot) -> str:
        """``Draagvlak`` or ``Schaal (Opgave Sociaal domein)``."""
        label = self.vocab.facts[slot[1]].label.get(self.lang)
        ent = self.entity(slot[0])
        return f"{label} ({ent})" if ent else label

    def test(self, leaf: Leaf) -> str:
        """What a leaf test asks: ``minstens gemiddeld``, ``bekend``."""
        fact = leaf.ref.fact
        if isinstance(leaf, Known):
            if self.nl:
                return "bekend" if leaf.known else "onbekend (niet gegeven)"
            return "known" if leaf.known else "unknown (not given)"
        if isinstance(leaf, Cmp):
            return _OPS[self.lang][leaf.op].format(v=self.value(fact, leaf.value))
        if isinstance(leaf, In):
            shown = [self.value(fact, v) for v in leaf.values]
            joined = _join(shown, "of" if self.nl else "or")
            if not leaf.negated:
                return joined
            return ("niet " if self.nl else "not ") + joined
        shown_one = self.value(fact, leaf.value)
        if leaf.negated:
            return f"zonder {shown_one}" if self.nl else f"without {shown_one}"
        return f"met {shown_one}" if self.nl else f"including {shown_one}"

    def how_derived(self, slot: Slot) -> str | None:
        """Where a derived fact's value came from, or ``None`` for an input fact."""
        if self.vocab.facts[slot[1]].origin != "derived":
            return None
        got = self.result.derived.get(slot)
        if got is None:
            return ("geen regel heeft dit afgeleid" if self.nl
                    else "no rule derived this")
        if got.by is None:
            return "de standaardwaarde" if self.nl else "the default value"
        title = self.kb.entries[got.by[0]].spec.title.get(self.lang)
        return (f"afgeleid door de regel '{title}'" if self.nl
                else f"derived by the rule '{title}'")

    def failure(self, fail: LeafFailure) -> str:
        """One failing test as a sentence."""
        slot, leaf = fail.slot, fail.leaf
        fact = self.vocab.facts[slot[1]]
        label = fact.label.get(self.lang)
        ent = self.entity(slot[0])
        needed = self.test(leaf)
        if isinstance(leaf, Known):
            shown = self.value(slot[1], fail.actual)
            if self.nl:
                where = f" voor {ent}" if ent else ""
                return (f"{label}{where} is bekend ({shown}); de regel geldt alleen als de "
                        "casus dit niet zegt." if not leaf.known else
                        f"De casus zegt niet wat {label}{where} is; de regel vraagt dat het "
                        "bekend is.")
            where = f" for {ent}" if ent else ""
            return (f"{label}{where} is known ({shown}); the rule applies only when the case "
                    "does not say." if not leaf.known else
                    f"The case does not say what {label}{where} is; the rule needs it known.")
        if fail.actual is None:
            how = self.how_derived(slot)
            if how is not None:
                return (f"{label}{' voor ' + ent if ent else ''} is niet bekend ({how}); "
                        f"nodig: {needed}." if self.nl else
                        f"{label}{' for ' + ent if ent else ''} is not known ({how}); "
                        f"needed: {needed}.")
            if fact.type == "bool":
                return (f"De casus zegt niet of {label}{' voor ' + ent if ent else ''} ja of "
                        f"nee is (nodig: {needed})." if self.nl else
                        f"The case does not say whether {label}{' for ' + ent if ent else ''} "
                        f"is yes or no (needed: {needed}).")
            return (f"De casus zegt niet wat {label}{' voor ' + ent if ent else ''} is "
                    f"(nodig: {needed})." if self.nl else
                    f"The case does not say what {label}{' for ' + ent if ent else ''} is "
                    f"(needed: {needed}).")
        shown = self.value(slot[1], fail.actual)
        how = self.how_derived(slot)
        extra = f" ({how})" if how else ""
        name = self.fact(slot)
        return (f"{name} is {shown}{extra}; nodig: {needed}." if self.nl else
                f"{name} is {shown}{extra}; needed: {needed}.")

    def change(self, slot: Slot, new: FactValue | None, domains: Domains | None = None
               ) -> Change:
        """A change of one fact, with its ``--set`` form."""
        old = self.result.value(slot[0], slot[1])
        cost = domains.cost(slot[1], old, new) if domains is not None else 1.0
        raw = self._raw(slot[1], new)
        where = slot[1] if slot[0][0] == CASE else f"{slot[0][0]}:{slot[0][1]}.{slot[1]}"
        derived = self.vocab.facts[slot[1]].origin == "derived"
        return Change(slot[1], self.vocab.facts[slot[1]].label.get(self.lang),
                      self.entity(slot[0]), slot[0], self.value(slot[1], old),
                      self.value(slot[1], new), "" if derived else f"{where}={_yaml(raw)}",
                      cost, derived, raw)

    def _raw(self, fact_id: str, value: FactValue | None) -> object:
        if value is None:
            return None
        if isinstance(value, tuple):
            return [self.vocab.raw_value(fact_id, v) for v in value]
        return self.vocab.raw_value(fact_id, value)

    def changes_sentence(self, changes: tuple[Change, ...]) -> str:
        """``Draagvlak van laag naar hoog en ...``."""
        parts = []
        for c in changes:
            name = f"{c.label} ({c.entity})" if c.entity else c.label
            if c.new_raw is None:
                parts.append(f"{name} weglaten (nu {c.old})" if self.nl
                             else f"{name} left out (now {c.old})")
            elif c.old in ("onbekend", "unknown"):
                parts.append(f"{name} invullen als {c.new}" if self.nl
                             else f"{name} filled in as {c.new}")
            else:
                parts.append(f"{name} van {c.old} naar {c.new}" if self.nl
                             else f"{name} from {c.old} to {c.new}")
        return _join(parts, "en" if self.nl else "and")


def source_views(kb: KnowledgeBase, ids: set[str]) -> tuple[SourceView, ...]:
    """The cited sources ``ids``, sorted, as shown to people."""
    out = []
    for sid in sorted(ids):
        src = kb.catalogues.sources[sid]
        out.append(SourceView(src.id, src.title, src.url, src.section, src.uncertain))
    return tuple(out)


def _join(parts: list[str], word: str) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + f" {word} " + parts[-1]


def _yaml(raw: object) -> str:
    if raw is None:
        return "null"
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if isinstance(raw, list):
        return "[" + ", ".join(str(v) for v in raw) + "]"
    return str(raw)


# -- why not ----------------------------------------------------------------------------


@dataclass(frozen=True)
class FailedTest:
    """A test of a rule that is not true, with the actual value."""

    fact: str
    label: str
    entity: str | None
    needed: str
    actual: str
    known: bool
    derived: bool
    sentence: str
    failure: LeafFailure = field(metadata=INTERNAL)


@dataclass(frozen=True)
class Reason:
    """Why a condition is not true: one test, or a group (``all`` / ``any`` / ``empty``)."""

    kind: str
    sentence: str
    children: tuple[Reason, ...] = ()
    test: FailedTest | None = None


@dataclass(frozen=True)
class RuleCheck:
    """One rule that could lead to an item, and why it did or did not."""

    rule_id: str
    title: str
    focus: str | None
    focus_key: EntityKey | None
    outcome: str
    """``fired``, ``false`` or ``unknown``."""
    sentence: str
    reasons: Reason | None
    repair: tuple[Change, ...]
    repair_sentence: str
    sources: tuple[str, ...]
    strength: str = ""


@dataclass(frozen=True)
class WhyNot:
    """Why an item is not recommended for a target."""

    lang: str
    item: str
    label: str
    catalogue: str
    target: str | None
    target_key: EntityKey
    status: str
    """``not_recommended``, ``alternative``, ``advised_against`` or ``recommended``."""
    summary: str
    rules: tuple[RuleCheck, ...]
    against: tuple[Step, ...]
    rivals: tuple[str, ...]
    unknown: tuple[str, ...]
    sources: tuple[SourceView, ...]


class WhyNotExplainer:
    """Builds :class:`WhyNot` answers for one result."""

    def __init__(self, kb: KnowledgeBase, result: Result, lang: str = "nl",
                 advice: Advice | None = None) -> None:
        """Prepare for ``result``."""
        self.kb = kb
        self.result = result
        self.lang = lang
        self.nl = lang == "nl"
        self.say = Phraser(kb, result, lang)
        self._advice = advice
        self.domains = Domains(kb.vocab, kb.rules)
        self.entities: dict[str, list[EntityKey]] = {
            typ: [e.key for e in ents] for typ, ents in result.case.entities.items()}
        self._fired = {f.key for f in result.firings}

    @property
    def advice(self) -> Advice:
        """The advice for the result (built on first use)."""
        if self._advice is None:
            self._advice = self.say.builder.build()
        return self._advice

    def recommendation(self, item: str, target: EntityKey) -> Recommendation | None:
        """The advice's entry for ``item`` and ``target``, if any."""
        for rec in self.advice.recommendations:
            if rec.item == item and rec.target_key == target:
                return rec
        return None

    def targets(self, item: str) -> list[EntityKey]:
        """Every target some rule could recommend ``item`` for, in case order."""
        found: list[EntityKey] = []
        for rule in self.kb.rules:
            for concl in rule.conclusions:
                if isinstance(concl, Recommend) and concl.item == item and not concl.against:
                    if concl.target == CASE or rule.focus_entity is None:
                        found.append(CASE_KEY)
                    else:
                        found.extend(self.entities.get(rule.focus_entity, []))
        if not found:
            cats = self.kb.catalogues
            for typ in cats.headers[cats.item_catalogue[item]].targets:
                found.extend([CASE_KEY] if typ == CASE else self.entities.get(typ, []))
        order = [CASE_KEY, *[e.key for e in self.result.case.all_entities()]]
        return sorted(set(found), key=order.index)

    def explain(self, item: str, target: EntityKey) -> WhyNot:
        """Why ``item`` is (not) recommended for ``target``."""
        rec = self.recommendation(item, target)
        status = rec.status if rec else "not_recommended"
        checks = tuple(self.check(rule, focus) for rule, focus in self.candidates(item, target))
        label = self.kb.item(item).label.get(self.lang)
        rivals = tuple(r.label for r in self.advice.recommendations
                       if r.target_key == target and r.status == "recommended"
                       and r.item in self.kb.catalogues.exclusive_with(item))
        against = rec.against if rec else ()
        unknown = tuple(dict.fromkeys(
            t.sentence for c in checks for t in _tests(c.reasons) if not t.known))
        sources = source_views(self.kb, {s for c in checks for s in c.sources}
                               | {s for st in against for s in st.sources})
        return WhyNot(self.lang, item, label, self.kb.catalogues.item_catalogue[item],
                      self.say.entity(target), target, status,
                      self._summary(label, target, status, checks=checks,
                                    against=against, rivals=rivals,
                                    against_titles=[
                                        self.kb.entries[r].spec.title.get(self.lang)
                                        for r in dict.fromkeys(rec.rules_against if rec
                                                               else ())]),
                      checks, against, rivals, unknown, sources)

    def candidates(self, item: str, target: EntityKey
                   ) -> list[tuple[CompiledRule, EntityKey | None]]:
        """The rules (with their focus) that could recommend ``item`` for ``target``."""
        out: list[tuple[CompiledRule, EntityKey | None]] = []
        for rule in self.kb.rules:
            if not any(isinstance(c, Recommend) and c.item == item and not c.against
                       and self._concl_target(rule, c, target) for c in rule.conclusions):
                continue
            if rule.focus_entity is None:
                out.append((rule, None))
            elif target == CASE_KEY:
                out.extend((rule, k) for k in self.entities.get(rule.focus_entity, []))
            else:
                out.append((rule, target))
        return out

    @staticmethod
    def _concl_target(rule: CompiledRule, concl: Recommend, target: EntityKey) -> bool:
        if concl.target == CASE or rule.focus_entity is None:
            return target == CASE_KEY
        return target[0] == rule.focus_entity

    def check(self, rule: CompiledRule, focus: EntityKey | None) -> RuleCheck:
        """Evaluate one rule for ``focus`` and explain the outcome."""
        env: dict[str, EntityKey] = {CASE: CASE_KEY}
        if rule.focus is not None and focus is not None:
            env[rule.focus] = focus
        spec = self.kb.entries[rule.id].spec
        title = spec.title.get(self.lang)
        values, ents = self.result.values, self.entities
        truth = evaluate(rule.condition, env, values, ents)
        strength = ""
        for concl in rule.conclusions:
            if isinstance(concl, Recommend) and not concl.against:
                strength = STRENGTH_LABELS[STRENGTH_NAMES[concl.strength]][self.lang]
        where = self.say.entity(focus)
        name = f"'{title}'" + (f" ({where})" if where else "")
        if truth is True:
            fired = (rule.id, focus) in self._fired
            sentence = (f"De regel {name} is van toepassing." if self.nl
                        else f"The rule {name} applies.")
            if not fired:  # pragma: no cover - would mean the engine disagrees
                sentence += " (!)"
            return RuleCheck(rule.id, title, where, focus, "fired", sentence, None, (), "",
                             spec.sources, strength)
        found = blame(rule.condition, env, values, ents)
        reasons = self._reason(found) if found is not None else None
        fix = repair(rule.condition, env, values, ents, self.domains)
        changes = tuple(self.say.change(s, v, self.domains) for s, v in (fix or {}).items())
        if fix is None:
            fix_text = ("Geen verandering van feiten kan deze regel laten gelden." if self.nl
                        else "No change of facts can make this rule apply.")
        else:
            fix_text = (f"De regel zou gelden met {self.say.changes_sentence(changes)}."
                        if self.nl else
                        f"The rule would apply with {self.say.changes_sentence(changes)}.")
            if any(c.derived for c in changes):
                fix_text += (" Afgeleide feiten volgen uit andere feiten: 'pvrules whatif' "
                             "zoekt welke." if self.nl else
                             " Derived facts follow from other facts: 'pvrules whatif' "
                             "finds which.")
        outcome = "false" if truth is False else "unknown"
        if self.nl:
            sentence = (f"De regel {name} is niet van toepassing." if truth is False else
                        f"Of de regel {name} geldt, is onbekend: de casus zegt te weinig.")
        else:
            sentence = (f"The rule {name} does not apply." if truth is False else
                        f"Whether the rule {name} applies is unknown: the case says too little.")
        return RuleCheck(rule.id, title, where, focus, outcome, sentence, reasons, changes,
                         fix_text, spec.sources, strength)

    def _reason(self, node: BlameNode) -> Reason:
        if node.failure is not None:
            fail = node.failure
            fact = self.kb.vocab.facts[fail.slot[1]]
            test = FailedTest(fail.slot[1], fact.label.get(self.lang),
                              self.say.entity(fail.slot[0]), self.say.test(fail.leaf),
                              self.say.value(fail.slot[1], fail.actual),
                              fail.actual is not None or isinstance(fail.leaf, Known),
                              fact.origin == "derived", self.say.failure(fail), fail)
            return Reason("leaf", test.sentence, (), test)
        if node.kind == "empty":
            ent = self.kb.vocab.entities[node.entity or ""]
            label = ent.label.get(self.lang).lower()
            return Reason("empty", f"De casus noemt geen enkele {label}." if self.nl
                          else f"The case names no {label} at all.")
        if node.kind == "never":
            return Reason("never", "Deze regel kan nooit gelden." if self.nl
                          else "This rule can never apply.")
        children = tuple(self._reason(c) for c in node.children)
        if node.kind == "all":
            head = "Dit alles zou anders moeten zijn:" if self.nl else \
                "All of these would have to change:"
        else:
            head = "Eén hiervan zou genoeg zijn:" if self.nl else "One of these would do:"
        return Reason(node.kind, head, children)

    def _summary(self, label: str, target: EntityKey, status: str, *,
                 checks: tuple[RuleCheck, ...], against: tuple[Step, ...],
                 rivals: tuple[str, ...], against_titles: list[str]) -> str:
        ent = self.say.entity(target)
        what = f"{label}{(' voor ' if self.nl else ' for ') + ent if ent else ''}"
        fired = [c for c in checks if c.outcome == "fired"]
        if status == "recommended":
            return (f"{what} wordt wel aanbevolen; vraag 'pvrules explain' waarom."
                    if self.nl else f"{what} is recommended; ask 'pvrules explain' why.")
        if status == "alternative":
            return (f"{what} is een alternatief: {_join(list(rivals), 'en')} gaat voor."
                    if self.nl else
                    f"{what} is an alternative: {_join(list(rivals), 'and')} is preferred.")
        if status == "advised_against" and not fired:
            titles = _join([f"'{t}'" for t in against_titles], "en" if self.nl else "and")
            many = len(against_titles) > 1
            if self.nl:
                return (f"{what} wordt afgeraden: geen regel ervoor is van toepassing, en "
                        f"{'de regels' if many else 'de regel'} {titles} "
                        f"{'pleiten' if many else 'pleit'} ertegen.")
            return (f"{what} is advised against: no rule for it applies, and "
                    f"{'the rules' if many else 'the rule'} {titles} "
                    f"{'argue' if many else 'argues'} against it.")
        if status == "advised_against":
            return (f"{what} wordt afgeraden: wat ertegen pleit, weegt minstens zo zwaar als "
                    "wat ervoor pleit." if self.nl else
                    f"{what} is advised against: what argues against it weighs at least as "
                    "much as what argues for it.")
        if not checks:
            return (f"{what} wordt niet aanbevolen: geen regel in de kennisbank kan dit "
                    "aanbevelen." if self.nl else
                    f"{what} is not recommended: no rule in the knowledge base can "
                    "recommend it.")
        unknown = sum(1 for c in checks if c.outcome == "unknown")
        n = len(checks)
        if self.nl:
            text = (f"{what} wordt niet aanbevolen: de enige regel die ertoe kan leiden, is "
                    "niet van toepassing" if n == 1 else
                    f"{what} wordt niet aanbevolen: geen van de {n} regels die ertoe kunnen "
                    "leiden, is van toepassing")
            if unknown:
                text += ("; of die geldt, is onbekend omdat de casus te weinig zegt" if n == 1
                         else f"; bij {unknown} daarvan is dat onbekend omdat de casus te "
                         "weinig zegt")
            return text + "."
        text = (f"{what} is not recommended: the only rule that could lead to it does not "
                "apply" if n == 1 else
                f"{what} is not recommended: none of the {n} rules that could lead to it "
                "applies")
        if unknown:
            text += ("; whether it does is unknown because the case says too little" if n == 1
                     else f"; for {unknown} of them that is unknown because the case says "
                     "too little")
        return text + "."


def _tests(reason: Reason | None) -> list[FailedTest]:
    if reason is None:
        return []
    if reason.test is not None:
        return [reason.test]
    return [t for c in reason.children for t in _tests(c)]


def why_not(kb: KnowledgeBase, result: Result, item: str, target: EntityKey | None = None,
            *, lang: str = "nl", advice: Advice | None = None) -> list[WhyNot]:
    """Why ``item`` is not recommended: for ``target``, or for every target it could have.

    Targets where the item is recommended are left out when no target is
    given (unless it is recommended everywhere).
    """
    explainer = WhyNotExplainer(kb, result, lang, advice)
    targets = [target] if target is not None else explainer.targets(item)
    answers = [explainer.explain(item, t) for t in targets]
    if target is None:
        open_ = [a for a in answers if a.status != "recommended"]
        return open_ or answers
    return answers
