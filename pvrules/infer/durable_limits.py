"""Check a generated ruleset against durable_rules' hard limits before compiling.

durable_rules hangs or fails at run time when a ruleset exceeds its limits
(see ../shared/engine/durable_rules.md §1.12 and durable_rules-joins.md §4):
more than 511 children under one alpha node makes ``create_ruleset`` loop
forever, one fact pushing more than 64 alpha nodes raises error 303, more than
256 rules sharing one identical pattern raises error 108. This module models
the alpha network the generated patterns build (shared constant-test chains,
private join nodes) and refuses the knowledge base, with a clear message,
when a safety margin is crossed.
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
    test: str
    spec: dict[str, object] = field(default_factory=dict)
    children: dict[str, _Node] = field(default_factory=dict)
    private: int = 0
    betas: int = 0
    rules: set[str] = field(default_factory=set)


def _test_key(test: dict[str, object]) -> str:
    return repr(sorted(test.items()))


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


def _network(plan: DurablePlan) -> _Node:
    root = _Node("root")
    for rule in plan.rules:
        for _name, pattern in rule.patterns:
            chain = pattern["$and"]
            assert isinstance(chain, list)
            node = root
            for test in chain:
                ((key, spec),) = test.items()
                if key == "e" and isinstance(spec, dict):
                    node.private += 1
                    continue
                key_text = _test_key(test)
                if key_text not in node.children:
                    node.children[key_text] = _Node(key_text, dict(test))
                node = node.children[key_text]
            node.betas += 1
            node.rules.add(rule.rule_id)
    return root


def _probe_facts(plan: DurablePlan, vocab: Vocabulary) -> Iterable[dict[str, object]]:
    """Every distinct fact shape that can reach the network (finite domains, thresholds)."""
    constants: dict[str, set[Value]] = {}
    for rule in plan.rules:
        for _name, pattern in rule.patterns:
            chain = pattern["$and"]
            assert isinstance(chain, list)
            name = next((t["n"] for t in chain if "n" in t), None)
            for test in chain:
                ((key, spec),) = test.items()
                if key == "v":
                    constants.setdefault(str(name), set()).add(spec)
                elif key.startswith("$") and isinstance(spec, dict) and "v" in spec:
                    constants.setdefault(str(name), set()).add(spec["v"])
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


def _stack_bound(node: _Node, fact: dict[str, object]) -> int:
    """An upper bound of the alpha stack while ``fact`` walks down from ``node``."""
    matched = [c for c in node.children.values() if _matches(c.spec, fact)]
    pushed = len(matched) + (node.private if "e" in fact else 0)
    deepest = max((_stack_bound(c, fact) for c in matched), default=0)
    return pushed + deepest


def check_limits(plan: DurablePlan, vocab: Vocabulary, rules: Iterable[CompiledRule]) -> None:
    """Raise :class:`EngineLimitError` when the ruleset could hit a durable limit."""
    by_id = {r.id: r for r in rules}
    root = _network(plan)
    problems: list[Problem] = []

    def walk(node: _Node, path: str) -> None:
        if len(node.children) + node.private > MAX_CHILDREN:
            problems.append(Problem("engine-limit", f"{len(node.children) + node.private} "
                                    f"alpha children under {path}; durable_rules hangs above "
                                    f"511 (limit here {MAX_CHILDREN})"))
        if node.betas > MAX_BETAS:
            some = sorted(node.rules)[0]
            rule = by_id.get(some)
            problems.append(Problem("engine-limit", f"{node.betas} rules share the pattern "
                                    f"{path}; durable_rules allows 256 (limit here {MAX_BETAS})",
                                    rule.file if rule else None, rule.line if rule else None,
                                    rule_id=some))
        for child in node.children.values():
            walk(child, f"{path}/{child.test}")

    walk(root, "root")
    worst = 0
    for fact in _probe_facts(plan, vocab):
        bound = _stack_bound(root, fact) + 1
        worst = max(worst, bound)
        if bound > MAX_STACK:
            problems.append(Problem("engine-limit", f"a fact {fact['n']}={fact.get('v')!r} "
                                    f"could push {bound} alpha nodes; durable_rules fails "
                                    f"at 64 (limit here {MAX_STACK})",
                                    suggestion="fewer rules testing this fact, or "
                                    "--engine python"))
            break
    if problems:
        raise EngineLimitError("the knowledge base would exceed durable_rules' limits; "
                               "use --engine python or reduce the rules named below", problems)
