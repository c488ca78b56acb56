"""Translate compiled rules into the safe subset of durable_rules' JSON rulesets.

This module is pure Python (no durable_rules import), so the generated
rulesets can be inspected, golden-tested and limit-checked anywhere.

What is generated (see docs/engine.md and ../shared/engine/*.md):

* one fact per attribute value: ``{"k":"c","n":fact,"v":value}`` for the case,
  ``{"k":"a","n":fact,"e":"opgave:2","v":value}`` for an entity, list elements as
  ``k = "lc"`` / ``"la"``, entity existence as ``{"k":"x","n":type,"e":id}`` and one
  sentinel ``{"k":"case"}``;
* or, *packed* (:class:`DurableCompiler` with ``pack``): each entity as one fact
  ``{"k":"E","t":type,"e":"opgave:2","a_schaal":…,…}`` holding every fact no rule
  derives (known at the start; a list as its length), so a rule's tests on those facts
  of one entity are one pattern with no join; derived entity facts and list elements
  stay one fact each, joined on ``e``. A test on a packed fact that durable would
  not test at all ("known", or "in" every value) is a residual;
* each rule's condition in disjunctive normal form (:func:`pvrules.compile.dnf.dnf`
  with ``demote``); each disjunct is one durable rule whose patterns are flat
  ``$and`` chains of constant tests (discriminators first, no ``$or``, no ``$not``,
  no arithmetic), with an equality join on ``e`` as the last test of every later
  pattern of an entity variable, and ``dist: 0``;
* "unknown" tests, negated list tests and "every/no" quantifiers are not sent to
  durable: they are *residual* checks done in Python when the activation fires;
  strict stratification makes that exact;
* a "some" part that durable could match (only positive tests on its own entity) is
  a :class:`Flag`: decided in Python when its stratum starts, and a flag fact
  ``{"k":"f","g":group,"n":name}`` the rules using it test;
* priorities ``2·stratum + 2`` for rules and a barrier rule at ``2·stratum + 3``
  per stratum that closes it; the barriers also act as the sentinel rule.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from pvrules.compile.dnf import Conjunct, Group, dnf, residual_leaf
from pvrules.compile.ir import (
    CASE,
    And,
    Cmp,
    CompiledRule,
    Exists,
    Has,
    In,
    Known,
    Leaf,
    Node,
    Value,
)
from pvrules.errors import EngineLimitError, Problem
from pvrules.validate.vocab import Vocabulary

_UNFIT = ("the knowledge base does not fit durable_rules' safe subset; use --engine python "
          "or simplify the rules named below")
MAX_DISJUNCTS = 64
MAX_PATTERNS = 16
MAX_EXPRESSIONS = 31
MAX_STRATUM = 20000
SHARE_LIMIT = 128
"""Patterns shared by more rules than this are spread over buckets (durable allows 256)."""


@dataclass(frozen=True)
class DurableRule:
    """One generated durable rule and how to read its activations."""

    name: str
    rule_id: str
    pri: int
    patterns: tuple[tuple[str, dict[str, object]], ...]
    focus_pattern: str | None
    residual: Node | None


@dataclass(frozen=True)
class Flag:
    """A ``some`` part of rules, decided in Python once per case; a fact when it holds.

    The existential is uncorrelated (it mentions only its own entity), so its truth is a
    property of the case: the adapter evaluates ``cond`` when stratum ``stratum`` (the
    first whose rules test the flag) starts and asserts one flag fact if it is true. The
    rules that use it test that fact instead of the witnesses (a Rete ``exists`` node
    kept out of durable): no activation per witness, and no witness fact is asserted
    for the flag alone.
    """

    name: str
    stratum: int
    cond: Node


@dataclass(frozen=True)
class DurablePlan:
    """The whole generated ruleset."""

    rules: tuple[DurableRule, ...]
    barriers: dict[str, int]
    """Barrier rule name → the stratum it closes."""
    flags: tuple[Flag, ...] = ()
    """The existentials decided in Python, by name."""
    packed: frozenset[str] = frozenset()
    """Entity facts sent as properties of one fact per entity (see :func:`packed_prop`)."""

    def ruleset(self) -> dict[str, object]:
        """The ruleset definition as durable_rules expects it (rule order kept)."""
        out: dict[str, object] = {}
        for rule in self.rules:
            out[rule.name] = {"pri": rule.pri, "dist": 0,
                              "all": [{name: pat} for name, pat in rule.patterns]}
        for name, stratum in self.barriers.items():
            out[name] = {"pri": 2 * stratum + 3, "all": [{"m": {"k": "case"}}]}
        return out

    def ruleset_json(self) -> str:
        """The ruleset as the JSON text handed to ``create_ruleset``.

        Written once per plan and kept with it (also in a pickled plan, so that an engine
        built from the cache does not write it again); the plan is never changed.
        """
        text = self.__dict__.get("_ruleset_json")
        if not isinstance(text, str):
            text = dumps(self.ruleset())
            object.__setattr__(self, "_ruleset_json", text)
        return text


def dumps(data: object) -> str:
    """JSON the C parser accepts: floats always with a mantissa dot, no NaN or infinity.

    json's compact C encoder writes the text; only when it holds something that may be
    a float in exponent form (``1e-05``), NaN or infinity is every value written here.
    """
    text = _compact(data)
    if _SUSPECT.search(text) is None:
        return text
    return _dumps(data)


_SUSPECT = re.compile(r"[:,\[]-?(?:\d+[eE]|NaN|Infinity)")
"""A value json writes differently from :func:`format_float` (``1e-05``, NaN, infinity)
starts like this; text in strings may match too, which only costs the slow path."""


def _dumps(data: object) -> str:
    if isinstance(data, dict):
        return "{" + ",".join(f"{json.dumps(str(k))}:{_dumps(v)}" for k, v in data.items()) + "}"
    if isinstance(data, list | tuple):
        return "[" + ",".join(_dumps(v) for v in data) + "]"
    if isinstance(data, float):
        return format_float(data)
    return json.dumps(data)


_encode_str = json.encoder.encode_basestring_ascii  # the C encoder json.dumps uses


def dumps_fact(fact: dict[str, object]) -> str:
    """One flat fact as JSON, fast (the per-case hot path); floats as in :func:`dumps`.

    Keys are pvrules' own short names; values are text, booleans or numbers.
    """
    items = []
    for key, value in fact.items():
        if isinstance(value, str):
            text = _encode_str(value)
        elif value is True:
            text = "true"
        elif value is False:
            text = "false"
        elif isinstance(value, int):
            text = str(value)
        elif isinstance(value, float):
            text = format_float(value)
        else:
            text = json.dumps(value)
        items.append(f'"{key}":{text}')
    return "{" + ",".join(items) + "}"


def dumps_facts(facts: list[dict[str, object]]) -> str:
    """A list of flat facts as JSON (json's C encoder when no value is a float)."""
    if any(float in map(type, f.values()) for f in facts):
        return "[" + ",".join(dumps_fact(f) for f in facts) + "]"
    return _compact(facts)


_compact = json.JSONEncoder(separators=(",", ":")).encode
"""The C encoder: text, booleans and integers exactly as :func:`dumps_fact` writes them."""


def format_float(value: float) -> str:
    """Render a float so that durable's JSON parser reads it (``1.0e-05``, not ``1e-05``)."""
    if not math.isfinite(value):
        raise ValueError("durable_rules cannot take NaN or infinity")
    text = repr(float(value))
    if "e" in text and "." not in text.split("e")[0]:
        mantissa, exp = text.split("e")
        text = f"{mantissa}.0e{exp}"
    return text


def _value_tests(leaf: Leaf, vocab: Vocabulary) -> list[list[dict[str, object]]]:
    """Alternatives of flat constant tests for one positive leaf."""
    fact = vocab.facts[leaf.ref.fact]
    if isinstance(leaf, Known):
        return [[]]
    if isinstance(leaf, Has):
        return [[{"v": leaf.value}]]
    if isinstance(leaf, Cmp):
        if leaf.op == "eq":
            return [[{"v": leaf.value}]]
        op = {"ne": "$neq", "lt": "$lt", "le": "$lte", "gt": "$gt", "ge": "$gte"}[leaf.op]
        return [[{op: {"v": leaf.value}}]]
    assert isinstance(leaf, In)
    if leaf.negated:
        return [[{"$neq": {"v": v}} for v in leaf.values]]
    closed: list[Value] | None = None
    if fact.type == "level":
        closed = list(range(len(vocab.value_defs(fact))))
    elif fact.type == "enum":
        closed = [v.id for v in vocab.value_defs(fact)]
    elif fact.type == "bool":
        closed = [False, True]
    if closed is not None:
        rest = [v for v in closed if v not in leaf.values]
        if fact.type == "level" and leaf.values:
            ranks = sorted(int(v) for v in leaf.values)
            low, high = ranks[0], ranks[-1]
            if list(range(low, high + 1)) == ranks:
                return [[{"$gte": {"v": low}}, {"$lte": {"v": high}}]]
        if not rest:
            return [[]]
        if len(rest) < MAX_EXPRESSIONS - 4:
            return [[{"$neq": {"v": v}} for v in rest]]
    return [[{"v": v}] for v in leaf.values]


def _leaf_tests(items: list[tuple[Leaf, list[dict[str, object]]]]) -> list[Node]:
    """The tests chosen for leaves, as condition nodes to check in Python."""
    out: list[Node] = []
    for leaf, tests in items:
        if isinstance(leaf, In) and not leaf.negated and len(tests) == 1 and "v" in tests[0]:
            value = tests[0]["v"]  # one value of an expanded 'in' over an open domain
            out.append(Cmp(leaf.ref, "eq", value))  # type: ignore[arg-type]
        else:
            out.append(leaf)
    return out


class DurableCompiler:
    """Turns compiled rules into a :class:`DurablePlan`, refusing what is unsafe."""

    def __init__(self, vocab: Vocabulary, pack: bool = False) -> None:
        """Use ``vocab`` to know fact types and closed value sets.

        With ``pack``, each entity is one fact holding the facts no rule derives (see the
        module docstring); otherwise one fact per attribute value.
        """
        self.vocab = vocab
        self.pack = pack
        self.problems: list[Problem] = []
        self._flags: dict[str, Flag] = {}
        self._packed: frozenset[str] = frozenset()
        self._plain: tuple[list[DurableRule], list[Problem]] | None = None
        """With :meth:`compile_both`: the rules and problems of one fact per value."""
        self._stack_limit: int | None = None
        self._firsts: dict[str, tuple[set[str], set[str]]] = {}
        """Entity type → the properties of equality tests and the other tests that start
        its packed patterns (each a child of one alpha node the fact passes)."""
        self._gave_up = False

    def compile(self, rules: tuple[CompiledRule, ...]) -> DurablePlan:
        """Generate the plan, or raise :class:`EngineLimitError` listing every problem."""
        out, barriers, flags = self._generate(rules)
        if self.problems:
            raise EngineLimitError(_UNFIT, self.problems)
        return DurablePlan(tuple(_spread(out)), barriers, flags, self._packed)

    def compile_both(self, rules: tuple[CompiledRule, ...], stack_limit: int | None = None
                     ) -> tuple[DurablePlan | None, Callable[[], DurablePlan] | None]:
        """The packed plan and the plan with one fact per value, in one pass over the rules.

        The second is finished only when called. Either is ``None`` where it does not fit
        durable's safe subset; raises :class:`EngineLimitError` (with the problems of one
        fact per value) if neither does. With ``stack_limit``, packing is given up (the
        packed plan is ``None``) as soon as the tests that start the packed patterns of one
        entity type alone would push more alpha nodes (a lower bound of
        ``durable_limits``' bound).
        """
        self.pack = True
        self._stack_limit, self._firsts, self._gave_up = stack_limit, {}, False
        self._plain = ([], [])
        try:
            out, barriers, flags = self._generate(rules)
            plain_rules, plain_problems = self._plain
        finally:
            self._plain = None
        packed = None if self.problems or self._gave_up else DurablePlan(
            tuple(_spread(out)), barriers, flags, self._packed)
        if plain_problems:
            if packed is None:
                raise EngineLimitError(_UNFIT, plain_problems)
            return packed, None
        return packed, lambda: DurablePlan(tuple(_spread(plain_rules)), barriers, flags)

    def _generate(self, rules: tuple[CompiledRule, ...]
                  ) -> tuple[list[DurableRule], dict[str, int], tuple[Flag, ...]]:
        out: list[DurableRule] = []
        strata = sorted({r.stratum for r in rules} | {0})
        if self.pack:
            written = {fact for r in rules for _entity, fact in r.writes}
            self._packed = frozenset(f.id for f in self.vocab.facts.values()
                                     if f.entity != CASE and f.id not in written)
        for rule in rules:
            if rule.stratum > MAX_STRATUM:
                self._problem(rule, f"stratum {rule.stratum} is too deep for durable_rules")
                if self._plain is not None:
                    self._plain[1].append(self.problems[-1])
                continue
            out.extend(self._rule(rule))
        barriers = {f"zz_barrier_{s}": s for s in range(max(strata) + 1)}
        flags = tuple(self._flags[name] for name in sorted(self._flags))
        return out, barriers, flags

    def _problem(self, rule: CompiledRule, message: str) -> None:
        self.problems.append(Problem("engine-limit", message, rule.file, rule.line,
                                     rule_id=rule.id))

    def _rule(self, rule: CompiledRule) -> list[DurableRule]:
        conjuncts = dnf(rule.condition, demote=True, limit=MAX_DISJUNCTS)
        expanded: list[tuple[Conjunct, list[tuple[Leaf, list[dict[str, object]]]]]] = []
        for raw in conjuncts:
            positive = [lf for lf in raw.leaves if not residual_leaf(lf)]
            residual_leaves = [lf for lf in raw.leaves if residual_leaf(lf)]
            conj = Conjunct(positive, raw.exist_vars, [*residual_leaves, *raw.residual])
            options = [[(lf, t) for t in _value_tests(lf, self.vocab)] for lf in positive]
            for combo in itertools.product(*options):
                expanded.append((conj, list(combo)))
                if len(expanded) > MAX_DISJUNCTS:
                    break
        if len(expanded) > MAX_DISJUNCTS:
            # Too many alternatives for durable: one rule per focus, checked in Python.
            expanded = [(Conjunct(residual=[rule.condition]), [])]
        generated = []
        for d, (conj, tests) in enumerate(expanded):
            if not self._gave_up:
                made = self._disjunct(rule, d, conj, tests)
                if made is not None:
                    generated.extend(made)
            if self._plain is not None:  # the same alternative with one fact per value
                plain_rules, plain_problems = self._plain
                self.pack, problems, self.problems = False, self.problems, plain_problems
                try:
                    made = self._disjunct(rule, d, conj, tests)
                finally:
                    self.pack, self.problems = True, problems
                if made is not None:
                    plain_rules.extend(made)
        return generated

    def _track_first(self, entity: str, chain: list[dict[str, object]]) -> None:
        """Give packing up once the first tests of ``entity``'s packed patterns are too many.

        Each distinct first test is a child of the entity type's alpha node; of equality
        tests on one property at most one matches, every other may (as in
        ``durable_limits._any_bound``); the kind and type nodes and the margin add 3.
        """
        if self._stack_limit is None or len(chain) < 3:
            return
        equal, other = self._firsts.setdefault(entity, (set(), set()))
        ((key, _spec),) = chain[2].items()
        if key.startswith("$"):
            other.add(repr(chain[2]))
        else:
            equal.add(key)
        if 3 + len(equal) + len(other) > self._stack_limit:
            self._gave_up = True

    def _is_packed(self, leaf: Leaf) -> bool:
        return leaf.ref.var != CASE and not isinstance(leaf, Has) \
            and leaf.ref.fact in self._packed

    def _var_patterns(self, var_entity: dict[str, str],
                      by_var: dict[str, list[tuple[Leaf, list[dict[str, object]]]]],
                      ) -> tuple[list[tuple[str, dict[str, object]]], dict[str, str]]:
        """Named patterns for the variables of ``var_entity`` (case first).

        Also returns each variable's first pattern, the one its later patterns join to.
        """
        patterns: list[tuple[str, dict[str, object]]] = []
        first: dict[str, str] = {}
        for leaf, extra in by_var.get(CASE, []) if CASE in var_entity else []:
            patterns.append((f"p{len(patterns)}", self._pattern(leaf, extra, None)))
        for var in [v for v in var_entity if v != CASE]:
            items = by_var.get(var, [])
            if self.pack:
                own = [(lf, t) for lf, t in items if self._is_packed(lf)]
                items = [(lf, t) for lf, t in items if not self._is_packed(lf)]
                if own or not items:  # the entity fact, with its tests: no join
                    name = f"p{len(patterns)}"
                    chain: list[dict[str, object]] = [{"k": "E"}, {"t": var_entity[var]}]
                    for lf, extra in own:
                        chain.extend(_renamed(extra, packed_prop(lf.ref.fact)))
                    patterns.append((name, {"$and": chain}))
                    self._track_first(var_entity[var], chain)
                    first[var] = name
            if not items and var in first:
                continue
            if not items:
                name = f"p{len(patterns)}"
                patterns.append((name, {"$and": [{"k": "x"}, {"n": var_entity[var]}]}))
                first[var] = name
                continue
            for leaf, extra in items:
                name = f"p{len(patterns)}"
                patterns.append((name, self._pattern(leaf, extra, first.get(var))))
                first.setdefault(var, name)
        return patterns, first

    def _flag(self, rule: CompiledRule, var: str, entity: str,
              items: list[tuple[Leaf, list[dict[str, object]]]]) -> str:
        """The flag for one existential of ``rule`` (see :class:`Flag`); its name.

        Identical existentials (the same tests, as durable patterns) share one flag.
        """
        pack, self.pack = self.pack, False  # named by the facts' own patterns, as unpacked
        try:
            patterns, _first = self._var_patterns({var: entity}, {var: items})
        finally:
            self.pack = pack
        digest = hashlib.sha1(dumps(list(patterns)).encode()).hexdigest()[:16]
        name = f"xf_{digest}"
        cond = Exists(var, entity, And(tuple(_leaf_tests(items))))
        seen = self._flags.get(name)
        if seen is None or rule.stratum < seen.stratum:
            self._flags[name] = Flag(name, rule.stratum, cond)
        return name

    def _disjunct(self, rule: CompiledRule, d: int, conj: Conjunct,
                  tests: list[tuple[Leaf, list[dict[str, object]]]]
                  ) -> list[DurableRule] | None:
        if self.pack:  # a packed fact with no test on its value: "known" is checked in Python
            bare = [(lf, t) for lf, t in tests
                    if not t and lf.ref.var == rule.focus and self._is_packed(lf)]
            if bare:
                tests = [item for item in tests if item not in bare]
                conj = Conjunct(conj.leaves, conj.exist_vars,
                                [*conj.residual, *_leaf_tests(bare)])
        var_entity = {CASE: CASE}
        if rule.focus is not None and rule.focus_entity is not None:
            var_entity[rule.focus] = rule.focus_entity
        by_var: dict[str, list[tuple[Leaf, list[dict[str, object]]]]] = {}
        for leaf, extra in tests:
            by_var.setdefault(leaf.ref.var, []).append((leaf, extra))
        flags = [self._flag(rule, var, entity, by_var.get(var, []))
                 for var, entity in conj.exist_vars.items() if var != rule.focus]
        patterns, first = self._var_patterns(var_entity, by_var)
        for flag in flags:
            patterns.append((f"p{len(patterns)}",
                             {"$and": [{"k": "f"}, {"g": _flag_group(flag)}, {"n": flag}]}))
        if not patterns:
            patterns.append(("p0", {"$and": [{"k": "case"}]}))
        if len(patterns) > MAX_PATTERNS:
            # Check the tests on the case (then on the focus) in Python instead.
            for var in [v for v in (CASE, rule.focus) if v is not None]:
                movable = [(lf, t) for lf, t in tests if lf.ref.var == var]
                if movable:
                    keep = [(lf, t) for lf, t in tests if lf.ref.var != var]
                    moved = Conjunct(conj.leaves, conj.exist_vars,
                                     [*conj.residual, *_leaf_tests(movable)])
                    return self._disjunct(rule, d, moved, keep)
            self._problem(rule, f"one alternative of the condition needs {len(patterns)} "
                          f"patterns (one per entity test); durable_rules allows "
                          f"{MAX_PATTERNS}; split the rule")
            return None
        for name, pat in patterns:
            tests_in = pat["$and"]
            assert isinstance(tests_in, list)
            if len(tests_in) > MAX_EXPRESSIONS:
                self._problem(rule, f"pattern {name} has {len(tests_in)} tests; durable_rules "
                              f"allows {MAX_EXPRESSIONS}")
                return None
        residual: Node | None = And(tuple(
            Exists(r.var, r.entity, r.cond) if isinstance(r, Group) else r
            for r in conj.residual)) if conj.residual else None
        focus_pattern = first.get(rule.focus) if rule.focus else None
        return [DurableRule(f"{rule.id}#{d}", rule.id, 2 * rule.stratum + 2, tuple(patterns),
                            focus_pattern, residual)]

    def _pattern(self, leaf: Leaf, extra: list[dict[str, object]],
                 join_to: str | None) -> dict[str, object]:
        fact = self.vocab.facts[leaf.ref.fact]
        is_list_elem = isinstance(leaf, Has)
        if leaf.ref.var == CASE:
            kind = "lc" if is_list_elem else "c"
        else:
            kind = "la" if is_list_elem else "a"
        chain: list[dict[str, object]] = [{"k": kind}, {"n": fact.id}, *extra]
        if join_to is not None:
            chain.append({"e": {join_to: "e"}})
        return {"$and": chain}


def packed_prop(fact: str) -> str:
    """The property of a packed entity fact that holds ``fact`` (never a fixed key)."""
    return f"a_{fact}"


def _renamed(tests: list[dict[str, object]], prop: str) -> list[dict[str, object]]:
    """Value tests on ``v`` as tests on ``prop`` (the same operators and constants)."""
    out: list[dict[str, object]] = []
    for test in tests:
        ((key, spec),) = test.items()
        if key == "v":
            out.append({prop: spec})
        else:
            assert isinstance(spec, dict)
            ((_v, const),) = spec.items()
            out.append({key: {prop: const}})
    return out


FLAG_GROUPS = 64
"""Flag patterns test a group first, so no alpha node has more than a few flags under it."""


def _flag_group(flag: str | None) -> int:
    return int(str(flag)[3:11], 16) % FLAG_GROUPS


def flag_fact(flag: str, sid: str) -> dict[str, object]:
    """The fact asserted (once per case) when a flag's existential holds."""
    return {"k": "f", "g": _flag_group(flag), "n": flag, "b": 0, "sid": sid}


def _chain_key(pattern: dict[str, object]) -> str:
    chain = pattern["$and"]
    assert isinstance(chain, list)
    # repr, like the JSON text, tells 1, 1.0 and True apart and keeps key order (faster)
    return repr([t for t in chain if "e" not in t or not isinstance(t["e"], dict)])


def _spread(rules: list[DurableRule]) -> list[DurableRule]:
    """Give heavily shared patterns a bucket test, so no alpha node has too many rules.

    Every fact carries ``"b": 0``; a bucket test ``{"$neq": {"b": i}}`` (i ≥ 1) is
    always true, but makes ``ceil(n / SHARE_LIMIT)`` distinct alpha nodes out of
    one shared by ``n`` rules (durable_rules-joins.md §4.3, "bucket").
    """
    counts: dict[str, int] = {}
    keys = [[_chain_key(p) for _n, p in rule.patterns] for rule in rules]  # once each
    for rule_keys in keys:
        for key in set(rule_keys):
            counts[key] = counts.get(key, 0) + 1
    heavy = {k: -(-n // SHARE_LIMIT) for k, n in counts.items() if n > SHARE_LIMIT}
    if not heavy:
        return rules
    seen: dict[str, int] = {}
    out = []
    for rule, rule_keys in zip(rules, keys, strict=True):
        patterns = []
        for (name, original), key in zip(rule.patterns, rule_keys, strict=True):
            pattern = original
            if key in heavy:
                position = seen.get(key, 0)
                seen[key] = position + 1
                chain = list(original["$and"])  # type: ignore[call-overload]
                bucket = {"$neq": {"b": position % heavy[key] + 1}}
                at = len(chain) - 1 if chain and isinstance(chain[-1].get("e"), dict) \
                    else len(chain)
                chain.insert(at, bucket)
                pattern = {"$and": chain}
            patterns.append((name, pattern))
        out.append(DurableRule(rule.name, rule.rule_id, rule.pri, tuple(patterns),
                               rule.focus_pattern, rule.residual))
    return out
