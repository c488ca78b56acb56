"""Turn a decision table over vocabulary facts into rules of the YAML rule format.

Each row becomes one rule (``docs/rule-format.md``), so a table compiles to
the same condition tree as hand-written rules and is validated and linted
the same way. Input columns name facts (``draagvlak_raad``, or
``opgave.schaal`` in a ``for_each`` rule). Output columns:

* ``recommend`` / ``advise_against``: the cell is a catalogue item id;
* ``strength``: ``zwak``, ``middel`` or ``sterk`` for those conclusions;
* any other name: a derived fact, concluded as ``derive: NAME, value: CELL``.

An empty (null) output cell concludes nothing. Cells map to conditions:

========================  =====================================
cell                      condition on fact ``f``
========================  =====================================
``-``                     (none)
``hoog`` / ``a, b``       ``f: hoog`` / ``f: [a, b]``
``< v`` ``<= v``          ``f: {below: v}`` / ``{at_most: v}``
``> v`` ``>= v``          ``f: {above: v}`` / ``{at_least: v}``
``!= v``                  ``f: {is_not: v}``
``[a..b]``, ``(a..b)``    ``f: {at_least: a, at_most: b}``, ...
``not(a, b)``             ``f: {not_in: [a, b]}``
``null`` / ``not(null)``  ``f: {known: false}`` / ``{known: true}``
other ``not(...)``        ``not: {...}``
mixed lists               ``any: [...]``
========================  =====================================

The rule engine's semantics then apply: comparisons on levels follow the
scale, and an unknown fact makes a comparison unknown (not false).

Hit policies: U and A give rules of equal priority. F gives earlier rows a
higher ``priority`` and P gives rows whose outputs come earlier in the
output values a higher ``priority``; since the rule engine lets the higher
priority win between *derivations* only, F and P tables may only derive
facts and must fill every output cell. R, O and C (and aggregations)
collect several results, which rules do not express, and are refused; so
are default outputs (give the derived fact a ``default`` in the vocabulary
instead).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from pvrules.tables.feel_ast import (
    Comparison,
    Expression,
    Interval,
    Literal,
    Name,
    PositiveTest,
    UnaryTests,
)
from pvrules.tables.model import DecisionModel, DecisionTable, HitPolicy, TableRule
from pvrules.tables.problems import table_error, where
from pvrules.tables.values import FeelValue, format_value

ITEM_OUTPUTS = ("recommend", "advise_against")
STRENGTH_OUTPUT = "strength"
STRENGTHS = ("zwak", "middel", "sterk")

_COMPARE_OPS = {"<": "below", "<=": "at_most", ">": "above", ">=": "at_least", "!=": "is_not"}

Scalar = str | bool | int | float


def table_rules(
    text: str,
    name: str,
    *,
    sources: Sequence[str],
    principle: dict[str, str] | None = None,
    for_each: str | None = None,
    tags: Sequence[str] = (),
) -> tuple[DecisionModel, dict[str, Any]]:
    """Read a table file given as text and turn it into a rule file mapping.

    The one door from the core (validate/) into decision tables: the reader is
    chosen by ``name``'s extension (:func:`pvrules.tables.load.parse_table_text`),
    the rows become rules with :func:`model_to_rule_file` (same arguments).

    Returns:
        The model read (its rows carry their lines) and the rule file mapping.

    Raises:
        TableError: any reader or conversion error.
    """
    from pvrules.tables.load import parse_table_text

    model = parse_table_text(text, name)
    data = model_to_rule_file(model, sources=sources, principle=principle, for_each=for_each,
                              tags=tags)
    return model, data


def model_to_rule_file(
    model: DecisionModel,
    *,
    sources: Sequence[str],
    principle: dict[str, str] | None = None,
    for_each: str | None = None,
    tags: Sequence[str] = (),
) -> dict[str, Any]:
    """Convert every table of a model into one rule file mapping ``{"rules": [...]}``.

    Args:
        model: tables read from a DMN, CSV or YAML file.
        sources: source ids every rule cites (at least one).
        principle: the balance principle (``{"nl": ..., "en": ...}``); a
            text naming the table is used when not given.
        for_each: the entity the rules are tried for, if any.
        tags: tags added to every rule.

    Returns:
        A mapping that ``yaml.safe_dump`` writes as a rule file.

    Raises:
        TableError: see :func:`table_to_rules`.
    """
    rules: list[dict[str, Any]] = []
    for table in model.tables:
        rules.extend(
            table_to_rules(
                table, sources=sources, principle=principle, for_each=for_each, tags=tags
            )
        )
    return {"rules": rules}


def table_to_rules(
    table: DecisionTable,
    *,
    sources: Sequence[str],
    principle: dict[str, str] | None = None,
    for_each: str | None = None,
    tags: Sequence[str] = (),
) -> list[dict[str, Any]]:
    """Convert one decision table into rule mappings, one per row.

    Args:
        table: the decision table; its inputs must be facts.
        sources: source ids every rule cites (at least one).
        principle: the balance principle; a text naming the table by default.
        for_each: the entity the rules are tried for, if any.
        tags: tags added to every rule.

    Returns:
        The rules, in row order, as plain mappings in the rule format.

    Raises:
        TableError: ``table-to-rules`` for a hit policy, default, input or
            cell that rules cannot express, with the row and column.
    """
    if not sources:
        raise _error(table, None, None, "a rule needs at least one source id")
    if table.hit_policy.multiple or table.aggregation is not None:
        raise _error(
            table,
            None,
            None,
            f"hit policy {table.policy_code} collects several results, which rules cannot "
            "express; use U, A, P or F",
        )
    if table.has_defaults:
        raise _error(
            table,
            None,
            None,
            "default outputs cannot become rules; give the derived fact a 'default' in "
            "the vocabulary instead",
        )
    ordered = table.hit_policy in (HitPolicy.FIRST, HitPolicy.PRIORITY)
    if ordered:
        _check_ordered(table)
    facts = [_fact_name(table, position) for position in range(len(table.inputs))]
    priorities = _priorities(table)
    prefix = _slug(table.id or table.name)
    rules = []
    for rule in table.rules:
        conclusions = _conclusions(table, rule)
        if ordered and len(conclusions) != len(table.outputs):
            raise _error(
                table,
                rule,
                None,
                f"the row leaves an output empty; with hit policy {table.policy_code} it "
                "would hide later rows, which rules cannot express",
            )
        if not conclusions:
            continue
        conditions = [
            cond
            for fact, tests, clause in zip(facts, rule.inputs, table.inputs, strict=True)
            if (cond := _condition(table, rule, clause.title, fact, tests)) is not None
        ]
        rules.append(
            _rule_mapping(
                table,
                rule,
                prefix=prefix,
                conditions=conditions,
                conclusions=conclusions,
                priority=priorities.get(rule.index, 0),
                sources=sources,
                principle=principle,
                for_each=for_each,
                tags=tags,
            )
        )
    return rules


def _rule_mapping(
    table: DecisionTable,
    rule: TableRule,
    *,
    prefix: str,
    conditions: list[dict[str, Any]],
    conclusions: list[dict[str, Any]],
    priority: int,
    sources: Sequence[str],
    principle: dict[str, str] | None,
    for_each: str | None,
    tags: Sequence[str],
) -> dict[str, Any]:
    described = "; ".join(
        f"{clause.title}: {entry.text.strip()}"
        for clause, entry in zip(table.inputs, rule.inputs, strict=True)
        if not entry.is_any
    )
    when_nl = described or "altijd"
    when_en = described or "always"
    title_nl = rule.annotation or f"{table.name}, regel {rule.index}"
    title_en = rule.annotation or f"{table.name}, row {rule.index}"
    mapping: dict[str, Any] = {
        "id": f"{prefix}.{_slug(rule.id) if rule.id else f'r{rule.index}'}",
        "title": {"nl": title_nl, "en": title_en},
        "principle": principle
        or {"nl": f"Beslistabel {table.name}", "en": f"Decision table {table.name}"},
    }
    if for_each:
        mapping["for_each"] = for_each
    mapping["when"] = {"all": conditions}
    mapping["then"] = conclusions
    mapping["explanation"] = {
        "nl": f"Volgens beslistabel {table.name}, regel {rule.index} ({when_nl}).",
        "en": f"According to decision table {table.name}, row {rule.index} ({when_en}).",
    }
    mapping["sources"] = list(sources)
    if priority:
        mapping["priority"] = priority
    if tags:
        mapping["tags"] = list(tags)
    return mapping


def _error(
    table: DecisionTable, rule: TableRule | None, column: str | None, message: str
) -> Exception:
    return table_error(
        "table-to-rules",
        message,
        file=table.file,
        line=rule.line if rule is not None else table.line,
        loc=where(table.name, rule.index if rule is not None else None, column),
        rule_id=rule.id if rule is not None else None,
        summary="the table cannot become rules",
    )


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9_.-]+", "_", text.strip().lower()).strip("_.-")
    if not slug or not slug[0].isalpha():
        slug = "t_" + slug
    return slug


def _check_ordered(table: DecisionTable) -> None:
    """F and P become priorities, which decide between derivations only."""
    for output in table.outputs:
        if (output.name or output.title) in (*ITEM_OUTPUTS, STRENGTH_OUTPUT):
            raise _error(
                table,
                None,
                output.title,
                f"with hit policy {table.policy_code} only derived facts can be outputs: "
                "rule priorities decide between derivations, not between recommendations",
            )


def _fact_name(table: DecisionTable, position: int) -> str:
    clause = table.inputs[position]
    node = clause.expression.node
    if not isinstance(node, Name) or len(node.parts) > 2:
        raise _error(
            table,
            None,
            clause.title,
            f"input {clause.expression.text!r} must be a fact, such as 'draagvlak_raad' or "
            "'opgave.schaal'",
        )
    return node.dotted


def _priorities(table: DecisionTable) -> dict[int, int]:
    count = len(table.rules)
    if table.hit_policy is HitPolicy.FIRST:
        return {rule.index: count - rule.index + 1 for rule in table.rules}
    if table.hit_policy is not HitPolicy.PRIORITY:
        return {}
    keys = {rule.index: _rank(table, rule) for rule in table.rules}
    distinct = sorted(set(keys.values()))
    return {index: len(distinct) - distinct.index(key) for index, key in keys.items()}


def _rank(table: DecisionTable, rule: TableRule) -> tuple[int, ...]:
    key: list[int] = []
    for output, entry in zip(table.outputs, rule.outputs, strict=True):
        rank = output.priority(_literal(table, rule, output.title, entry))
        if rank is not None:
            key.append(rank)
    return tuple(key)


def _literal(table: DecisionTable, rule: TableRule, column: str, entry: Expression) -> FeelValue:
    if not isinstance(entry.node, Literal):
        raise _error(
            table, rule, column, f"output {entry.text!r} must be a value, not an expression"
        )
    return entry.node.value


def _conclusions(table: DecisionTable, rule: TableRule) -> list[dict[str, Any]]:
    values = {
        (output.name or output.title): _literal(table, rule, output.title, entry)
        for output, entry in zip(table.outputs, rule.outputs, strict=True)
    }
    strength = values.pop(STRENGTH_OUTPUT, None)
    if strength is not None and strength not in STRENGTHS:
        raise _error(
            table,
            rule,
            STRENGTH_OUTPUT,
            f"strength {format_value(strength)} is not one of {', '.join(STRENGTHS)}",
        )
    conclusions: list[dict[str, Any]] = []
    for name, value in values.items():
        if value is None:
            continue
        if name in ITEM_OUTPUTS:
            if not isinstance(value, str):
                raise _error(
                    table, rule, name, f"'{name}' needs an item id, not {format_value(value)}"
                )
            conclusion: dict[str, Any] = {name: value}
            if strength is not None:
                conclusion["strength"] = strength
            conclusions.append(conclusion)
        else:
            conclusions.append({"derive": name, "value": _plain(table, rule, name, value)})
    return conclusions


def _plain(table: DecisionTable, rule: TableRule, column: str, value: FeelValue) -> Scalar:
    if isinstance(value, (bool, str)):
        return value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, date):
        return value.isoformat()
    raise _error(table, rule, column, f"{format_value(value)} cannot be a fact value")


def _condition(
    table: DecisionTable, rule: TableRule, column: str, fact: str, tests: UnaryTests
) -> dict[str, Any] | None:
    if tests.is_any:
        return None
    values = _values(table, rule, column, tests)
    equal = [v for op, v in values if op == "="]
    if len(equal) == len(values) and None not in equal:
        plain = [_plain(table, rule, column, v) for v in equal]
        if tests.negated:
            return {fact: {"is_not": plain[0]} if len(plain) == 1 else {"not_in": plain}}
        return {fact: plain[0] if len(plain) == 1 else plain}
    parts = [_one(table, rule, column, fact, test) for test in tests.tests]
    positive = parts[0] if len(parts) == 1 else {"any": parts}
    if tests.negated:
        if len(parts) == 1 and _is_known(parts[0], fact, False):
            return {fact: {"known": True}}
        return {"not": positive}
    return positive


def _is_known(condition: dict[str, Any], fact: str, value: bool) -> bool:
    return condition.get(fact) == {"known": value}


def _values(
    table: DecisionTable, rule: TableRule, column: str, tests: UnaryTests
) -> list[tuple[str, FeelValue]]:
    found: list[tuple[str, FeelValue]] = []
    for test in tests.tests:
        operands = [test.operand] if isinstance(test, Comparison) else [test.start, test.end]
        for operand in operands:
            if not isinstance(operand, Literal):
                raise _error(
                    table,
                    rule,
                    column,
                    f"the cell {tests.text!r} refers to a name; rules compare facts with values",
                )
        if isinstance(test, Comparison):
            assert isinstance(test.operand, Literal)
            found.append((test.op, test.operand.value))
        else:
            found.append(("..", None))
    return found


def _one(
    table: DecisionTable, rule: TableRule, column: str, fact: str, test: PositiveTest
) -> dict[str, Any]:
    if isinstance(test, Interval):
        assert isinstance(test.start, Literal)
        assert isinstance(test.end, Literal)
        low = _plain(table, rule, column, test.start.value)
        high = _plain(table, rule, column, test.end.value)
        return {
            fact: {
                ("at_least" if test.start_closed else "above"): low,
                ("at_most" if test.end_closed else "below"): high,
            }
        }
    assert isinstance(test.operand, Literal)
    value = test.operand.value
    if value is None:
        if test.op in ("=", "!="):
            return {fact: {"known": test.op == "!="}}
        raise _error(table, rule, column, f"'{test.op} null' cannot become a condition")
    plain = _plain(table, rule, column, value)
    if test.op == "=":
        return {fact: plain}
    return {fact: {_COMPARE_OPS[test.op]: plain}}
