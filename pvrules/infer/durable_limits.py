"""Check a generated ruleset against durable_rules' hard limits before compiling.

durable_rules hangs or fails at run time when a ruleset exceeds its limits
(see ../shared/engine/durable_rules.md §1.12 and durable_rules-joins.md §4):
more than 511 children under one alpha node makes ``create_ruleset`` loop
forever, one fact pushing more than 64 alpha nodes raises error 303, more than
256 rules sharing one identical pattern raises error 108. This module models
the alpha network the generated patterns build (shared constant-test chains,
private join nodes, and the one barrier rule per stratum that tests the case
fact) and refuses the knowledge base, with a clear message naming a rule and
its file, when a safety margin is crossed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from pvrules.compile.ir import CompiledRule, Value
from pvrules.errors import EngineLimitError, Problem
from pvrules.infer.durable_plan import DurablePlan
from pvrules.infer.kleene import compare
from pvrules.validate.vocab import Vocabulary

MAX_CHILDREN = 400
MAX_BETAS = 200
MAX_STACK = 48


@dataclass
class _Node:
    test: object
    """The node's key among its parent's children (:func:`_child_key`)."""
    spec: dict[str, object] = field(default_factory=dict)
    children: dict[object, _Node] = field(default_factory=dict)
    private: int = 0
    betas: int = 0
    rules: set[str] = field(default_factory=set)
    split: tuple[dict[str, dict[object, list[_Node]]], list[_Node]] | None = field(
        default=None, repr=False, compare=False)
    """The children as (key → constant → children) for the equality tests on text,
    integers and booleans, and the rest; made when first needed (:func:`_split`)."""


def _child_key(key: str, spec: object) -> object:
    """The key of the alpha node of the test ``{key: spec}``: equal for equal tests only.

    (key, type, constant) for text, integer and boolean constants (``1`` and ``True`` are
    two keys, as durable has two nodes), else the test's ``repr``, which also tells
    ``1.0``, ``0.0`` and ``-0.0`` apart and keeps an operator's key order.
    """
    return (key, type(spec), spec) if type(spec) in _INDEXED else repr([(key, spec)])


def _matches(test: dict[str, object], fact: dict[str, object]) -> bool:
    ((key, spec),) = test.items()
    if key.startswith("$"):
        assert isinstance(spec, dict)
        ((prop, value),) = spec.items()
        if prop not in fact:
            return False
        op = {"$neq": "ne", "$lt": "lt", "$lte": "le", "$gt": "gt", "$gte": "ge"}[key]
        return compare(op, fact[prop], value)  # type: ignore[arg-type]
    return fact.get(key) == spec


def _network(plan: DurablePlan, kind: str | None = None,
             constants: dict[str, set[Value]] | None = None) -> _Node:
    """The alpha network of ``plan`` (only the patterns on facts of ``kind``, if given).

    With ``constants``, also collects the constants each fact name is compared with
    (what :func:`_probe_facts` needs), in the same walk.
    """
    root = _Node("root")
    for rule in plan.rules:
        for _name, pattern in rule.patterns:
            chain = pattern["$and"]
            assert isinstance(chain, list)
            if kind is not None and chain[0] != {"k": kind}:
                continue
            if constants is not None:
                _collect(chain, constants)
            node = root
            for test in chain:
                ((key, spec),) = test.items()
                if key == "e" and isinstance(spec, dict):
                    node.private += 1
                    continue
                child_key: object = (key, type(spec), spec) if type(spec) in _INDEXED \
                    else repr([(key, spec)])  # _child_key, inlined
                child = node.children.get(child_key)
                if child is None:
                    child = node.children[child_key] = _Node(child_key, dict(test))
                node = child
            node.betas += 1
            node.rules.add(rule.rule_id)
    # One barrier rule per stratum, each with the single pattern {"k": "case"}.
    child_key = _child_key("k", "case")
    node = root.children.setdefault(child_key, _Node(child_key, {"k": "case"}))
    node.betas += len(plan.barriers)
    return root


_NAMES = {"k": "kind", "n": "fact", "v": "value", "b": "bucket"}
_OPS = {"$neq": "≠", "$lt": "<", "$lte": "≤", "$gt": ">", "$gte": "≥"}


def _describe(test: dict[str, object]) -> str:
    """A generated test in words: ``fact = draagvlak``, ``value ≥ 3``."""
    ((key, spec),) = test.items()
    if key in _OPS and isinstance(spec, dict):
        ((prop, value),) = spec.items()
        return f"{_NAMES.get(prop, prop)} {_OPS[key]} {value!r}"
    return f"{_NAMES.get(key, key)} = {spec!r}"


def _rules_below(node: _Node) -> set[str]:
    found = set(node.rules)
    for child in node.children.values():
        found |= _rules_below(child)
    return found


def _located(message: str, rule_ids: Iterable[str], by_id: dict[str, CompiledRule],
             suggestion: str | None = None) -> Problem:
    """A problem named after the first of ``rule_ids`` (in rule order), with its file."""
    rules = sorted((by_id[r] for r in rule_ids if r in by_id), key=lambda r: r.index)
    rule = rules[0] if rules else None
    return Problem("engine-limit", message, rule.file if rule else None,
                   rule.line if rule else None, rule_id=rule.id if rule else None,
                   suggestion=suggestion)


def _collect(chain: list[dict[str, object]], constants: dict[str, set[Value]]) -> None:
    """Add the constants a pattern compares its fact's value with, under the fact's name."""
    name = next((t["n"] for t in chain if "n" in t), None)
    for test in chain:
        ((key, spec),) = test.items()
        if key == "v":
            constants.setdefault(str(name), set()).add(spec)  # type: ignore[arg-type]
        elif key.startswith("$") and isinstance(spec, dict) and "v" in spec:
            constants.setdefault(str(name), set()).add(spec["v"])


def _probe_facts(plan: DurablePlan, vocab: Vocabulary,
                 constants: dict[str, set[Value]] | None = None
                 ) -> Iterable[dict[str, object]]:
    """Every distinct fact shape that can reach the network (finite domains, thresholds).

    ``constants``: what :func:`_network` collected for ``plan``, if it did.
    """
    if constants is None:
        constants = {}
        for rule in plan.rules:
            for _name, pattern in rule.patterns:
                chain = pattern["$and"]
                assert isinstance(chain, list)
                _collect(chain, constants)
    for fact in vocab.facts.values():
        kinds = ("c", "lc") if fact.entity == "case" else ("a", "la")
        if fact.type in ("level",):
            values: list[Value] = list(range(len(vocab.value_defs(fact))))
        elif fact.type in ("enum", "list"):
            values = [v.id for v in vocab.value_defs(fact)]
        elif fact.type == "bool":
            values = [False, True]
        else:
            numbers = sorted({float(v) for v in constants.get(fact.id, set())
                              if isinstance(v, int | float)})
            values = [*numbers, *(n + 0.5 for n in numbers), *(n - 0.5 for n in numbers)]
            values += [v for v in constants.get(fact.id, set()) if isinstance(v, str)]
            values.append("\0other")
        for kind in kinds:
            for value in values:
                yield {"k": kind, "n": fact.id, "v": value, "e": "x:1", "b": 0}
    for entity in vocab.entities:
        yield {"k": "x", "n": entity, "e": "x:1", "b": 0}
    yield {"k": "case", "b": 0}


_INDEXED = (str, int, bool)
"""Constants whose equality tests :func:`_split` files by value (a dict look-up is the
same ``==``: ``1``, ``1.0`` and ``True`` are one key, as they are equal)."""


def _split(node: _Node) -> tuple[dict[str, dict[object, list[_Node]]], list[_Node]]:
    if node.split is None:
        equal: dict[str, dict[object, list[_Node]]] = {}
        others: list[_Node] = []
        for child in node.children.values():
            ((key, spec),) = child.spec.items()
            if key.startswith("$") or type(spec) not in _INDEXED:
                others.append(child)
            else:
                equal.setdefault(key, {}).setdefault(spec, []).append(child)
        node.split = (equal, others)
    return node.split


def _stack_bound(node: _Node, fact: dict[str, object]) -> int:
    """An upper bound of the alpha stack while ``fact`` walks down from ``node``.

    The children whose test ``fact`` passes (:func:`_matches`); those testing equality
    with a text, integer or boolean are looked up by the fact's value instead of tested
    one by one.
    """
    equal, others = _split(node)
    matched = [c for c in others if _matches(c.spec, fact)]
    for key, by_value in equal.items():
        if key not in fact:
            continue  # None equals none of these constants
        try:
            matched += by_value.get(fact[key], ())
        except TypeError:  # an unhashable value: test each
            matched += [c for cs in by_value.values() for c in cs if _matches(c.spec, fact)]
    pushed = len(matched) + (node.private if "e" in fact else 0)
    deepest = max((_stack_bound(c, fact) for c in matched), default=0)
    return pushed + deepest


def _any_bound(node: _Node) -> int:
    """An upper bound of the alpha stack for *any* fact walking down from ``node``.

    For a packed entity fact, whose properties take any values: of the equality tests
    on one property at most one matches; every other test is counted as matching.
    """
    equal: set[str] = set()
    others = 0
    for child in node.children.values():
        ((key, _spec),) = child.spec.items()
        if key.startswith("$"):
            others += 1
        else:
            equal.add(key)
    deepest = max((_any_bound(c) for c in node.children.values()), default=0)
    return len(equal) + others + node.private + deepest


def _entity_bounds(root: _Node) -> Iterable[tuple[str, int]]:
    """(entity type, stack bound) of each packed entity fact (``{"k":"E","t":type,...}``)."""
    kind = root.children.get(_child_key("k", "E"))
    if kind is None:
        return
    for child in kind.children.values():
        # the root pushes the kind node, the kind node the fact's type node (and any
        # private joins), then the type's tests; + 1 as for the other facts
        yield str(child.spec.get("t")), 1 + 1 + kind.private + _any_bound(child) + 1


MAX_PROPERTIES = 240
"""Properties of one packed fact (durable refuses a fact with more than 255, error 302;
a packed fact also carries k, t, e, b, sid and id)."""


def packed_fits(plan: DurablePlan) -> bool:
    """Whether ``plan``'s packed entity facts stay under durable's limits.

    Under the alpha-stack margin, and under the number of properties of one fact.
    """
    props: dict[object, set[str]] = {}
    for rule in plan.rules:
        for _name, pattern in rule.patterns:
            chain = pattern["$and"]
            assert isinstance(chain, list)
            if chain[0] == {"k": "E"}:
                own = props.setdefault(chain[1].get("t"), set())
                for test in chain[2:]:
                    ((key, spec),) = test.items()
                    if key.startswith("$") and isinstance(spec, dict):
                        own.update(str(prop) for prop in spec)
                    else:
                        own.add(key)
    if any(len(names - {"b"}) > MAX_PROPERTIES for names in props.values()):
        return False
    return all(bound <= MAX_STACK for _entity, bound in _entity_bounds(_network(plan, "E")))


def check_limits(plan: DurablePlan, vocab: Vocabulary, rules: Iterable[CompiledRule]) -> None:
    """Raise :class:`EngineLimitError` when the ruleset could hit a durable limit."""
    by_id = {r.id: r for r in rules}
    constants: dict[str, set[Value]] = {}
    root = _network(plan, constants=constants)
    problems: list[Problem] = []

    strata = len(plan.barriers)
    deepest = sorted(by_id.values(), key=lambda r: (-r.stratum, r.index))

    def walk(node: _Node, path: str) -> None:
        if len(node.children) + node.private > MAX_CHILDREN:
            problems.append(_located(f"{len(node.children) + node.private} alpha children "
                                     f"under ({path or 'the root'}); durable_rules hangs "
                                     f"above 511 (limit here {MAX_CHILDREN})",
                                     _rules_below(node), by_id))
        if node.betas > MAX_BETAS:
            if node.spec == {"k": "case"} and strata > node.betas // 2:
                problems.append(_located(
                    f"the rules form {strata} strata (chains of derived facts); durable_rules "
                    f"closes each stratum with one rule on the case fact and allows 256 rules "
                    f"on one pattern (limit here {MAX_BETAS}); this rule is in the deepest "
                    f"stratum", [r.id for r in deepest[:1]], by_id,
                    "shorten the chain of derivations, or use --engine python"))
            else:
                problems.append(_located(f"{node.betas} rules share the pattern ({path}); "
                                         f"durable_rules allows 256 (limit here {MAX_BETAS})",
                                         node.rules, by_id))
        for child in node.children.values():
            walk(child, f"{path}, {_describe(child.spec)}" if path else _describe(child.spec))

    walk(root, "")
    worst = 0
    for fact in _probe_facts(plan, vocab, constants):
        bound = _stack_bound(root, fact) + 1
        worst = max(worst, bound)
        if bound > MAX_STACK:
            testing = {r.rule_id for r in plan.rules for _n, p in r.patterns
                       if {"n": fact.get("n")} in p["$and"]}  # type: ignore[operator]
            problems.append(_located(f"a fact {fact.get('n')}={fact.get('v')!r} could push "
                                     f"{bound} alpha nodes; durable_rules fails at 64 (limit "
                                     f"here {MAX_STACK})", testing, by_id,
                                     "fewer rules testing this fact, or --engine python"))
            break
    for entity, bound in _entity_bounds(root):
        if bound > MAX_STACK:
            testing = {r.rule_id for r in plan.rules for _n, p in r.patterns
                       if {"t": entity} in p["$and"]}  # type: ignore[operator]
            problems.append(_located(f"a packed fact of entity type '{entity}' could push "
                                     f"{bound} alpha nodes; durable_rules fails at 64 (limit "
                                     f"here {MAX_STACK})", testing, by_id,
                                     "fewer rules testing this entity type, or unpacked "
                                     "entity facts"))
    if problems:
        raise EngineLimitError("the knowledge base would exceed durable_rules' limits; "
                               "use --engine python or reduce the rules named below", problems)
