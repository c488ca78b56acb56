"""The bookkeeping every engine shares: applying conclusions and closing strata.

An engine decides *which* (rule, focus) pairs fire; a :class:`Session` records
the firings, resolves derived facts when a stratum is complete (priority, then
rule order; vocabulary defaults where nothing was derived) and builds the
deterministic :class:`Result`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import itemgetter

from pvrules.compile.ir import CASE, Assess, CompiledRule, Derive, Recommend, Value
from pvrules.errors import ActionError
from pvrules.infer.compiled import Compiler, Scope
from pvrules.infer.result import (
    Applied,
    DerivedFact,
    Firing,
    FiringKey,
    Matched,
    Result,
    new_applied,
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
    recipes: dict[str, Recipe] = field(default_factory=dict, compare=False, repr=False)
    """Rule id → what :meth:`Session.fire` records for it, prepared once (see :func:`recipe`)."""
    tracer: SupportCompiler = field(init=False, compare=False, repr=False)
    """The support (trace) of a firing, compiled once per condition."""

    index: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    """Rule id → its position in rule order."""
    on_focus: dict[tuple[str, EntityKey], tuple[Applied, ...]] = field(
        default_factory=dict, compare=False, repr=False)
    """(rule id, focus) → the conclusions of that firing, for rules concluding on their
    focus entity: the same immutable objects for every case naming that entity (at most
    :data:`ON_FOCUS_MAX` kept; beyond that they are built per firing)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "tracer", SupportCompiler(self.compiler))
        for rule in self.rules:
            self.index.setdefault(rule.id, rule.index)
            self.recipes.setdefault(rule.id, recipe(rule))

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


Outcome = tuple[Applied, bool, str, str, Value | None, int]
"""One conclusion of a rule: its :class:`Applied` on the case (built once), whether it
always goes to the case, then kind, name, value and strength."""

Recipe = tuple[tuple[Applied, ...], bool, tuple[Outcome, ...],
               tuple[tuple[bool, str, Value], ...], tuple[tuple[bool, str], ...] | None, int]
"""What a firing of one rule records, prepared once per knowledge base: its conclusions
all on the case; whether any goes to the focus entity instead; the conclusions one by
one; the facts it derives (always on the case?, fact, value); its support when known in
advance, as (on the case?, fact) (a plain ``all`` of leaves, else ``None``); and its
place in the order of firings (stratum, then rule order), before the focus's slot."""

ON_FOCUS_MAX = 20_000
"""How many (rule, focus) conclusion tuples a plan keeps (a few MB at most)."""

_SLOTS = 1 << 32
"""Room for the focus entity's slot in a firing's order number."""


def recipe(rule: CompiledRule) -> Recipe:
    """What :meth:`Session.fire` records when ``rule`` fires."""
    outcomes: list[Outcome] = []
    derives: list[tuple[bool, str, Value]] = []
    for concl in rule.conclusions:
        value: Value | None = None
        strength = 0
        if isinstance(concl, Derive):
            kind, name, value = "derive", concl.fact, concl.value
        elif isinstance(concl, Recommend):
            kind, name, strength = ("against" if concl.against else "recommend"), concl.item, \
                concl.strength
        elif isinstance(concl, Assess):
            kind, name, value, strength = concl.kind, concl.name, concl.value, concl.strength
        else:  # pragma: no cover - the conclusion types are closed
            raise ActionError(f"rule '{rule.id}' has a conclusion pvrules cannot apply: "
                              f"{concl!r}")
        on_case = concl.target == CASE or rule.focus_entity is None
        outcomes.append((new_applied(kind, name, CASE_KEY, value, strength), on_case, kind,
                         name, value, strength))
        if isinstance(concl, Derive):
            derives.append((on_case, concl.fact, concl.value))
    static = static_support(rule.condition)
    return (tuple(o[0] for o in outcomes), not all(o[1] for o in outcomes), tuple(outcomes),
            tuple(derives),
            None if static is None else tuple((var == CASE, fact) for var, fact in static),
            (rule.stratum * _SLOTS + rule.index) * _SLOTS)


_EMPTY: dict[str, Value | tuple[Value, ...]] = {}
_new = object.__new__
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
        self._order: list[int] = []
        """The order number of each firing, in the order of ``firings``."""
        self._candidates: dict[tuple[EntityKey, str], list[tuple[CompiledRule, EntityKey | None,
                                                               Value]]] = {}
        self.derived: dict[tuple[EntityKey, str], DerivedFact] = {}
        self.scope = Scope(self.values, self.entities)
        """The facts as the compiled conditions read them, with this stratum's memos."""
        self._late = LateSupport(self.values, self.entities, plan)
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

    def fire(self, rule: CompiledRule, focus: EntityKey | None,
             prepared: Recipe | None = None) -> bool:
        """Record a firing of ``rule`` for ``focus``; ``False`` if it already fired.

        ``prepared``: the rule's :func:`recipe` when the caller holds it (the plan's
        otherwise).
        """
        key = (rule.id, focus)
        firings = self.firings
        if key in firings:
            return False
        on_case, to_focus, outcomes, derives, _static, order = \
            prepared or self.plan.recipes[rule.id]
        if focus is None or not to_focus:
            applied = on_case
        else:
            kept = self.plan.on_focus
            got = kept.get(key)  # type: ignore[arg-type]
            if got is None:
                got = tuple([fixed if always else new_applied(kind, name, focus, value, strength)
                             for fixed, always, kind, name, value, strength in outcomes])
                if len(kept) < ON_FOCUS_MAX:
                    kept[key] = got  # type: ignore[index]
            applied = got
        if derives:
            candidates = self._candidates
            for always, fact, value in derives:
                target = CASE_KEY if always or focus is None else focus
                candidates.setdefault((target, fact), []).append((rule, focus, value))
        # What new_firing builds, without its call (one per firing: the hot path). The
        # matched facts are computed when first read (most never are): the facts a rule
        # reads are final when it fires, so they are the same then.
        firing = _new(Firing)
        firing.__dict__.update(rule_id=key[0], stratum=rule.stratum, focus=focus,
                               conclusions=applied, _late=self._late)
        firings[key] = firing
        self._order.append(order if focus is None else order + self._slots.get(focus, 0))
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
        # By (stratum, rule order, the focus's slot), ties in the order of firing.
        numbered = zip(self._order, self.firings.values(), strict=True)
        ordered = [firing for _n, firing in sorted(numbered, key=itemgetter(0))]
        derived = dict(sorted(self.derived.items(), key=lambda kv: (kv[0][1], kv[0][0])))
        return Result(self.case, engine, tuple(ordered), derived, self.values, tuple(notes))


class LateSupport:
    """The matched facts of a firing, computed when first read (:class:`Firing`).

    Reads the session's values when asked: a rule reads only facts final before its
    stratum (derived facts and defaults are set once, when their stratum closes), so the
    facts and values are those it fired on. Holds no reference to the session's firings.
    """

    __slots__ = ("by_id", "entities", "recipes", "scope", "tracer", "values")

    def __init__(self, values: dict[EntityKey, dict[str, Value | tuple[Value, ...]]],
                 entities: dict[str, list[EntityKey]], plan: Plan) -> None:
        self.values = values
        self.entities = entities
        self.tracer = plan.tracer
        self.by_id = plan.by_id
        self.recipes = plan.recipes
        self.scope: Scope | None = None

    def __call__(self, firing: Firing) -> Matched:
        """The matched facts of ``firing`` (its rule's support on its focus)."""
        rule = self.by_id[firing.rule_id]
        focus = firing.focus
        static = self.recipes[rule.id][4]
        values = self.values
        on_case = values.get(CASE_KEY, _EMPTY)
        if static is not None:  # a plain 'all' of leaves: every leaf is in the support
            if focus is None:
                return tuple([(CASE_KEY, fact, on_case.get(fact)) for _c, fact in static])
            on_focus = values.get(focus, _EMPTY)
            return tuple([(CASE_KEY, fact, on_case.get(fact)) if is_case
                          else (focus, fact, on_focus.get(fact)) for is_case, fact in static])
        if self.scope is None:  # its own memos: never those of a stratum being evaluated
            self.scope = Scope(values, self.entities)
        used: list[tuple[EntityKey, str]] = []
        env = {CASE: CASE_KEY}
        if focus is not None and rule.focus is not None:
            env[rule.focus] = focus
        self.tracer.collect(rule.condition)(env, self.scope, used)
        return tuple([(t, f, values.get(t, _EMPTY).get(f)) for t, f in dict.fromkeys(used)])


def _cand_order(item: tuple[tuple[EntityKey, str], object]) -> tuple[str, EntityKey]:
    (target, fact), _ = item
    return (fact, target)
