"""Conditions in plain words, and why a rule did or did not fire on a case."""

from __future__ import annotations

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
    Node,
    Not,
    Or,
    Ref,
    Value,
)
from pvrules.infer.kleene import Truth, evaluate
from pvrules.infer.result import Result
from pvrules.validate.case import CASE_KEY, EntityKey
from pvrules.validate.vocab import PEILDATUM, Vocabulary

_OPS = {"eq": "is", "ne": "is not", "ge": "is at least", "le": "is at most",
        "gt": "is above", "lt": "is below"}


def show_value(vocab: Vocabulary, fact: str, value: object) -> str:
    """A normalised value as written in files (level ranks become their ids)."""
    if value is None:
        return "unknown"
    if isinstance(value, tuple):
        return "[" + ", ".join(show_value(vocab, fact, v) for v in value) + "]"
    if fact == PEILDATUM and isinstance(value, int) and not isinstance(value, bool):
        return f"{value // 10000:04d}-{value // 100 % 100:02d}-{value % 100:02d}"
    if fact in vocab.facts and isinstance(value, str | bool | int | float):
        value = vocab.raw_value(fact, value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def ref_name(ref: Ref) -> str:
    """``fact`` for the case or the focus, ``partner.fact`` for a quantified entity."""
    var = ref.var.split("~", 1)[0]
    return ref.fact if ref.var == CASE else f"{var}.{ref.fact}"


def describe(node: Node, vocab: Vocabulary) -> str:
    """A condition in plain words, e.g. ``draagvlak_raad is at most laag``."""
    if isinstance(node, Cmp):
        return f"{ref_name(node.ref)} {_OPS[node.op]} " \
               f"{show_value(vocab, node.ref.fact, node.value)}"
    if isinstance(node, In):
        values = ", ".join(show_value(vocab, node.ref.fact, v) for v in node.values)
        return f"{ref_name(node.ref)} is {'none' if node.negated else 'one'} of {values}"
    if isinstance(node, Has):
        verb = "does not contain" if node.negated else "contains"
        return f"{ref_name(node.ref)} {verb} {show_value(vocab, node.ref.fact, node.value)}"
    if isinstance(node, Known):
        return f"{ref_name(node.ref)} is {'known' if node.known else 'unknown'}"
    if isinstance(node, And | Or):
        if not node.items:
            return "true" if isinstance(node, And) else "false"
        word = " and " if isinstance(node, And) else " or "
        return "(" + word.join(describe(i, vocab) for i in node.items) + ")"
    if isinstance(node, Not):
        return f"not {describe(node.item, vocab)}"
    if isinstance(node, Exists):
        name = node.var.split("~", 1)[0]
        return f"some {name}" + ("" if node.cond == Const(True) else
                                 f" with {describe(node.cond, vocab)}")
    if isinstance(node, ForAll):
        name = node.var.split("~", 1)[0]
        return f"every {name} has {describe(node.cond, vocab)}"
    return "true" if node.value else "false"


def rule_env(rule: CompiledRule, focus: EntityKey | None) -> dict[str, EntityKey]:
    """Variable bindings for evaluating ``rule`` on ``focus``."""
    env = {CASE: CASE_KEY}
    if rule.focus is not None and focus is not None:
        env[rule.focus] = focus
    return env


def foci(rule: CompiledRule, result: Result) -> list[EntityKey | None]:
    """The entities ``rule`` is tried for in ``result``'s case (``[None]``: the case)."""
    if rule.focus_entity is None:
        return [None]
    return [e.key for e in result.case.entities.get(rule.focus_entity, ())]


def entity_name(key: EntityKey | None) -> str:
    """``opgave o1`` for an entity key, ``the case`` for ``None``."""
    if key is None or key == CASE_KEY:
        return "the case"
    return f"{key[0]} {key[1]}"


def _entities(result: Result) -> dict[str, list[EntityKey]]:
    return {typ: [e.key for e in ents] for typ, ents in result.case.entities.items()}


def truth(node: Node, rule: CompiledRule, focus: EntityKey | None, result: Result) -> Truth:
    """The truth of ``node`` of ``rule`` for ``focus`` on the final values of ``result``."""
    return evaluate(node, rule_env(rule, focus), result.values, _entities(result))


def why_not(rule: CompiledRule, result: Result, vocab: Vocabulary) -> list[str]:
    """Plain lines saying which parts of ``rule``'s condition were not true, per focus."""
    lines: list[str] = []
    targets = foci(rule, result)
    if not targets:
        return [f"the case has no {rule.focus_entity} to try it for"]
    parts = rule.condition.items if isinstance(rule.condition, And) else (rule.condition,)
    for focus in targets:
        if (rule.id, focus) in {f.key for f in result.firings}:
            continue
        failing = []
        for part in parts:
            value = truth(part, rule, focus, result)
            if value is not True:
                verdict = "does not hold" if value is False else "is unknown"
                failing.append(f"'{describe(part, vocab)}' {verdict}"
                               + _values_note(part, rule, focus, result, vocab))
        prefix = "" if focus is None else f"for {entity_name(focus)}: "
        lines.append(prefix + ("; ".join(failing) if failing else "its condition was not true"))
    return lines


def _values_note(node: Node, rule: CompiledRule, focus: EntityKey | None, result: Result,
                 vocab: Vocabulary) -> str:
    """`` (draagvlak_raad is hoog)`` for a test on a fact of the case or the focus."""
    if not isinstance(node, Cmp | In | Has | Known):
        return ""
    env = rule_env(rule, focus)
    key = env.get(node.ref.var)
    if key is None:
        return ""
    value: Value | tuple[Value, ...] | None = result.value(key, node.ref.fact)
    return f": {ref_name(node.ref)} is {show_value(vocab, node.ref.fact, value)}"


def why(rule: CompiledRule, result: Result, vocab: Vocabulary) -> list[str]:
    """Plain lines saying for which entities ``rule`` fired and on which facts."""
    from pvrules.infer.support import support

    lines = []
    for firing in result.fired(rule.id):
        used = support(rule.condition, rule_env(rule, firing.focus), result.values,
                       _entities(result))
        facts = ", ".join(f"{fact} = {show_value(vocab, fact, result.value(key, fact))}"
                          + ("" if key == CASE_KEY else f" ({entity_name(key)})")
                          for key, fact in used)
        lines.append(f"fired for {entity_name(firing.focus)}" + (f" on {facts}" if facts else ""))
    return lines
