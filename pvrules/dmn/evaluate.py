"""Evaluate decision tables and decision models, applying the DMN hit policies.

Hit policies (DMN 1.5, clause 8.2.11):

* ``U`` unique: at most one rule may match, else an error.
* ``A`` any: matching rules must all give the same output, else an error.
* ``P`` priority: the match whose outputs come first in the output values.
* ``F`` first: the first match in rule order.
* ``R`` rule order: a list of all match outputs in rule order.
* ``O`` output order: that list sorted by output value priority.
* ``C`` collect: the list in rule order; ``C+`` sum, ``C<`` minimum,
  ``C>`` maximum, ``C#`` count.

With one output the result of a rule is the output value; with several it is
a dict keyed by output name. When no rule matches, the default output
entries are used if any output has one; otherwise single-hit policies give
``None``, R, O and C give ``[]``, C# gives 0 and C+, C<, C> give ``None``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from pvrules.errors import TableError
from pvrules.suggest import did_you_mean
from pvrules.tables.feel_ast import Expression, UnaryTests, UnknownNameError
from pvrules.tables.model import (
    Aggregation,
    Decision,
    DecisionModel,
    DecisionTable,
    HitPolicy,
    InputClause,
    TableRule,
)
from pvrules.tables.problems import EVAL_SUMMARY, table_error, where
from pvrules.tables.values import (
    DECIMAL_CONTEXT,
    FeelValue,
    ValueConversionError,
    feel_compare,
    format_value,
    same_value,
    to_feel,
)


@dataclass(frozen=True)
class RuleHit:
    """A rule that matched: its 1-based index and its id, if any."""

    index: int
    id: str | None = None


@dataclass(frozen=True)
class DecisionResult:
    """The outcome of one decision.

    Attributes:
        name: the decision name.
        value: the result value.
        matched: every rule whose input entries all matched, in rule order.
        selected: the rules that gave the result (for F and P the one chosen,
            for O in output order), empty when defaults or nothing were used.
        hit_policy: the short hit policy code, ``None`` for a literal expression.
        used_default: True when no rule matched and default outputs were used.
    """

    name: str
    value: FeelValue
    matched: tuple[RuleHit, ...] = ()
    selected: tuple[RuleHit, ...] = ()
    hit_policy: str | None = None
    used_default: bool = False


@dataclass(frozen=True)
class ModelResult:
    """The results of the evaluated decisions, in evaluation order."""

    results: tuple[DecisionResult, ...]

    def __getitem__(self, name: str) -> DecisionResult:
        """The result of the decision ``name``."""
        for result in self.results:
            if result.name == name:
                return result
        raise KeyError(name)

    def values(self) -> dict[str, FeelValue]:
        """Decision name to result value."""
        return {r.name: r.value for r in self.results}


def evaluate_model(
    model: DecisionModel,
    inputs: Mapping[str, object],
    decisions: Sequence[str] | None = None,
) -> ModelResult:
    """Evaluate the decisions of a model in dependency order.

    Args:
        model: the decision model.
        inputs: input values by name; plain Python values are converted with
            :func:`~pvrules.tables.values.to_feel` (numbers become ``Decimal``).
        decisions: names of the decisions wanted (their required decisions
            are evaluated too); ``None`` for all decisions.

    Returns:
        The results, each decision after the decisions it requires.

    Raises:
        TableError: for an unknown decision, a missing input, a value FEEL
            cannot hold, or a violated hit policy.
    """
    context = convert_inputs(inputs, model.file)
    results: list[DecisionResult] = []
    for decision in model.evaluation_order(decisions):
        result = evaluate_decision(decision, context, file=model.file)
        context[decision.name] = result.value
        results.append(result)
    return ModelResult(tuple(results))


def convert_inputs(inputs: Mapping[str, object], file: str | None = None) -> dict[str, FeelValue]:
    """Convert input values to FEEL values.

    Raises:
        TableError: ``table-input`` for a value FEEL cannot represent.
    """
    context: dict[str, FeelValue] = {}
    for name, value in inputs.items():
        try:
            context[name] = to_feel(value)
        except ValueConversionError as exc:
            raise table_error(
                "table-input", f"input '{name}': {exc}", file=file, summary=EVAL_SUMMARY
            ) from None
    return context


def evaluate_decision(
    decision: Decision, context: Mapping[str, FeelValue], *, file: str | None = None
) -> DecisionResult:
    """Evaluate one decision (table or literal expression) in a context.

    Args:
        decision: the decision.
        context: input values and results of required decisions, as FEEL values.
        file: the file name for messages.

    Returns:
        The decision result.
    """
    if decision.table is not None:
        return evaluate_table(decision.table, context)
    assert decision.expression is not None
    loc = where(decision.name, kind="decision")
    value = _evaluate(
        decision.expression, context, file=file, line=decision.line, loc=loc, rule_id=None
    )
    return DecisionResult(decision.name, value)


def evaluate_table(table: DecisionTable, context: Mapping[str, FeelValue]) -> DecisionResult:
    """Evaluate a decision table.

    Args:
        table: the table.
        context: values by name, as FEEL values (see :func:`convert_inputs`).

    Returns:
        The result, with the matched and selected rules.

    Raises:
        TableError: ``table-missing-input`` when an input is not given,
            ``table-unique-violation`` / ``table-any-violation`` when the hit
            policy is violated, ``table-aggregation`` for outputs that
            cannot be aggregated.
    """
    values = [
        _coerce(clause, value)
        for clause, value in zip(table.inputs, _input_values(table, context), strict=True)
    ]
    for clause, value in zip(table.inputs, values, strict=True):
        _check_allowed(table, clause, value, context)
    matched = [rule for rule in table.rules if _matches(table, rule, values, context)]
    return _apply_policy(table, matched, context)


def _input_values(table: DecisionTable, context: Mapping[str, FeelValue]) -> list[FeelValue]:
    return [
        _evaluate(
            clause.expression,
            context,
            file=table.file,
            line=clause.line,
            loc=where(table.name, column=clause.title),
            rule_id=None,
        )
        for clause in table.inputs
    ]


def _coerce(clause: InputClause, value: FeelValue) -> FeelValue:
    """Read an ISO date string as a date when the column's type is ``date``."""
    if isinstance(value, str) and (clause.type_ref or "").split(":")[-1].lower() == "date":
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return value
    return value


def _check_allowed(
    table: DecisionTable,
    clause: InputClause,
    value: FeelValue,
    context: Mapping[str, FeelValue],
) -> None:
    """Refuse an input value outside the column's allowed values (null passes)."""
    if clause.allowed_values is None or value is None:
        return
    try:
        allowed = clause.allowed_values.matches(value, context)
    except UnknownNameError:
        return
    if allowed is True:
        return
    listed = clause.allowed_values.literal_values() or ()
    shown = tuple(format_value(v) for v in listed)
    texts = [v for v in listed if isinstance(v, str)]
    hint = did_you_mean(value, texts) if isinstance(value, str) else None
    raise table_error(
        "table-input-value",
        f"input {format_value(value)} for '{clause.title}' is not one of the allowed "
        f"values {clause.allowed_values.text}",
        file=table.file,
        line=clause.line,
        loc=where(table.name, column=clause.title),
        allowed=shown,
        suggestion=hint,
        summary=EVAL_SUMMARY,
    )


def _matches(
    table: DecisionTable,
    rule: TableRule,
    values: Sequence[FeelValue],
    context: Mapping[str, FeelValue],
) -> bool:
    for clause, entry, value in zip(table.inputs, rule.inputs, values, strict=True):
        if not _test(entry, value, context, table=table, rule=rule, column=clause.title):
            return False
    return True


def _test(
    entry: UnaryTests,
    value: FeelValue,
    context: Mapping[str, FeelValue],
    *,
    table: DecisionTable,
    rule: TableRule,
    column: str,
) -> bool:
    try:
        return entry.matches(value, context) is True
    except UnknownNameError as exc:
        raise _unknown_name(
            exc.name,
            context,
            file=table.file,
            line=rule.line,
            loc=where(table.name, rule.index, column),
            rule_id=rule.id,
        ) from None


def _evaluate(
    expression: Expression,
    context: Mapping[str, FeelValue],
    *,
    file: str | None,
    line: int | None,
    loc: str | None,
    rule_id: str | None,
) -> FeelValue:
    try:
        return expression.evaluate(context)
    except UnknownNameError as exc:
        raise _unknown_name(
            exc.name, context, file=file, line=line, loc=loc, rule_id=rule_id
        ) from None


def _unknown_name(
    name: str,
    context: Mapping[str, FeelValue],
    *,
    file: str | None,
    line: int | None,
    loc: str | None,
    rule_id: str | None,
) -> TableError:
    known = sorted(context)
    given = ", ".join(known) if known else "none"
    return table_error(
        "table-missing-input",
        f"no value for '{name}': give it as an input",
        file=file,
        line=line,
        loc=loc,
        rule_id=rule_id,
        suggestion=did_you_mean(name, known) or f"inputs given: {given}",
        summary=EVAL_SUMMARY,
    )


def _rule_output(
    table: DecisionTable, rule: TableRule, context: Mapping[str, FeelValue]
) -> FeelValue:
    values = [
        _evaluate(
            entry,
            context,
            file=table.file,
            line=rule.line,
            loc=where(table.name, rule.index, clause.title),
            rule_id=rule.id,
        )
        for entry, clause in zip(rule.outputs, table.outputs, strict=True)
    ]
    return _shape(table, values)


def _shape(table: DecisionTable, values: Sequence[FeelValue]) -> FeelValue:
    if len(table.outputs) == 1:
        return values[0]
    return {
        clause.name or clause.title: value
        for clause, value in zip(table.outputs, values, strict=True)
    }


def _priority_key(
    table: DecisionTable, rule: TableRule, context: Mapping[str, FeelValue]
) -> tuple[int, ...]:
    key: list[int] = []
    for clause, entry in zip(table.outputs, rule.outputs, strict=True):
        value = _evaluate(
            entry,
            context,
            file=table.file,
            line=rule.line,
            loc=where(table.name, rule.index, clause.title),
            rule_id=rule.id,
        )
        rank = clause.priority(value)
        if rank is not None:
            key.append(rank)
    return tuple(key)


def _hits(rules: Sequence[TableRule]) -> tuple[RuleHit, ...]:
    return tuple(RuleHit(rule.index, rule.id) for rule in rules)


def _rule_list(rules: Sequence[TableRule]) -> str:
    numbers = [str(r.index) for r in rules]
    return ", ".join(numbers[:-1]) + " and " + numbers[-1] if len(numbers) > 1 else numbers[0]


def _apply_policy(
    table: DecisionTable, matched: list[TableRule], context: Mapping[str, FeelValue]
) -> DecisionResult:
    policy = table.hit_policy
    code = table.policy_code
    hits = _hits(matched)
    if not matched:
        return _no_match(table, context)

    def result(value: FeelValue, selected: Sequence[TableRule]) -> DecisionResult:
        return DecisionResult(table.name, value, hits, _hits(selected), code)

    if policy is HitPolicy.UNIQUE:
        if len(matched) > 1:
            raise table_error(
                "table-unique-violation",
                f"rules {_rule_list(matched)} {'both' if len(matched) == 2 else 'all'} match, "
                "but hit policy UNIQUE allows only one",
                file=table.file,
                line=matched[1].line,
                loc=where(table.name),
                rule_id=matched[1].id,
                summary=EVAL_SUMMARY,
                suggestion="make the rules exclusive, or use hit policy F or P",
            )
        return result(_rule_output(table, matched[0], context), matched)
    if policy is HitPolicy.ANY:
        outputs = [_rule_output(table, rule, context) for rule in matched]
        for rule, value in zip(matched[1:], outputs[1:], strict=True):
            if not same_value(value, outputs[0]):
                raise table_error(
                    "table-any-violation",
                    f"rules {matched[0].index} and {rule.index} both match but give "
                    f"different outputs ({format_value(outputs[0])} and "
                    f"{format_value(value)}); hit policy ANY needs equal outputs",
                    file=table.file,
                    line=rule.line,
                    loc=where(table.name),
                    rule_id=rule.id,
                    summary=EVAL_SUMMARY,
                )
        return result(outputs[0], matched)
    if policy is HitPolicy.FIRST:
        return result(_rule_output(table, matched[0], context), matched[:1])
    if policy in (HitPolicy.PRIORITY, HitPolicy.OUTPUT_ORDER):
        ordered = sorted(matched, key=lambda rule: _priority_key(table, rule, context))
        if policy is HitPolicy.PRIORITY:
            return result(_rule_output(table, ordered[0], context), ordered[:1])
        return result([_rule_output(table, rule, context) for rule in ordered], ordered)
    outputs = [_rule_output(table, rule, context) for rule in matched]
    if table.aggregation is None:
        return result(outputs, matched)
    return result(_aggregate(table, matched, outputs), matched)


def _no_match(table: DecisionTable, context: Mapping[str, FeelValue]) -> DecisionResult:
    code = table.policy_code
    if table.has_defaults:
        values = [
            _evaluate(
                clause.default,
                context,
                file=table.file,
                line=clause.line,
                loc=where(table.name, column=clause.title),
                rule_id=None,
            )
            if clause.default is not None
            else None
            for clause in table.outputs
        ]
        value = _shape(table, values)
        if table.aggregation is Aggregation.COUNT:
            value = Decimal(0)
        elif table.hit_policy.multiple and table.aggregation is None:
            value = [value]
        return DecisionResult(table.name, value, (), (), code, used_default=True)
    empty: FeelValue = None
    if table.aggregation is Aggregation.COUNT:
        empty = Decimal(0)
    elif table.hit_policy.multiple and table.aggregation is None:
        empty = []
    return DecisionResult(table.name, empty, (), (), code)


def _aggregate(
    table: DecisionTable, rules: Sequence[TableRule], outputs: Sequence[FeelValue]
) -> FeelValue:
    if table.aggregation is Aggregation.COUNT:
        return Decimal(len(outputs))
    present = [
        (rule, value) for rule, value in zip(rules, outputs, strict=True) if value is not None
    ]
    if not present:
        return None
    if table.aggregation is Aggregation.SUM:
        total = Decimal(0)
        for rule, value in present:
            if not isinstance(value, Decimal):
                raise _not_aggregable(table, rule, value, "numbers")
            total = DECIMAL_CONTEXT.add(total, value)
        return total
    best_rule, best = present[0]
    for rule, value in present:
        order = feel_compare(value, best)
        if order is None:
            raise _not_aggregable(table, rule, value, "values of one kind that can be ordered")
        if (order < 0) if table.aggregation is Aggregation.MIN else (order > 0):
            best_rule, best = rule, value
    if feel_compare(best, best) is None:
        raise _not_aggregable(table, best_rule, best, "numbers, strings or dates")
    return best


def _not_aggregable(
    table: DecisionTable, rule: TableRule, value: FeelValue, needed: str
) -> TableError:
    return table_error(
        "table-aggregation",
        f"hit policy {table.policy_code} needs {needed}, but rule {rule.index} "
        f"gives {format_value(value)}",
        file=table.file,
        line=rule.line,
        loc=where(table.name, rule.index),
        rule_id=rule.id,
        summary=EVAL_SUMMARY,
    )
