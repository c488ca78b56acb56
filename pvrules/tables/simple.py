"""Build decision tables from the simple CSV and YAML formats.

Both formats describe the same thing: input columns named by a fact name
(or dotted path), output columns with a name, a hit policy, optional allowed
values, types and defaults, and rows of cells. The CSV and YAML readers
(:mod:`pvrules.tables.csv_table`, :mod:`pvrules.tables.yaml_table`) turn
their syntax into :class:`ColumnSpec` and :class:`RowSpec` values; this
module parses the cells and builds a :class:`~pvrules.tables.model.DecisionTable`
with every error located by file, line, table, row and column.

Input cells are S-FEEL unary tests with *bare strings*: ``hoog`` means
``"hoog"``; an empty input cell means ``-`` (any value). Output cells are a
literal (``18``, ``true``, ``"tekst"``, ``date("2024-01-31")``) or else text
as written; an empty output cell or ``-`` means ``null``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from pvrules.suggest import did_you_mean
from pvrules.tables.checks import check_table
from pvrules.tables.feel import FeelError, parse_expression, parse_literal, parse_unary_tests
from pvrules.tables.feel_ast import Expression, Literal, Name, UnaryTests
from pvrules.tables.model import (
    HIT_POLICY_CODES,
    Decision,
    DecisionModel,
    DecisionTable,
    InputClause,
    OutputClause,
    TableRule,
    parse_hit_policy,
    referenced_names,
)
from pvrules.tables.problems import table_error, where
from pvrules.tables.valuesets import literal_kinds

TYPES = ("number", "string", "boolean", "date")
"""Types a simple-table column may declare."""


@dataclass(frozen=True)
class ColumnSpec:
    """A column as written in a simple table.

    Attributes:
        output: True for an output column.
        name: the fact name or path (inputs) or output name (outputs).
        label: a heading to show instead of the name.
        type_ref: ``number``, ``string``, ``boolean`` or ``date``, if given.
        values: allowed values as unary-test text, if given.
        default: default output as expression text (outputs only).
        line: where the column is defined.
    """

    output: bool
    name: str
    label: str | None = None
    type_ref: str | None = None
    values: str | None = None
    default: str | None = None
    line: int | None = None


@dataclass(frozen=True)
class RowSpec:
    """A row as written: one text per input and per output column.

    Attributes:
        inputs: input cell texts, in input column order.
        outputs: output cell texts, in output column order.
        line: where the row is.
        id: the rule id, if given.
        note: an annotation, if given.
    """

    inputs: tuple[str, ...]
    outputs: tuple[str, ...]
    line: int | None = None
    id: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class TableSpec:
    """A whole simple table before its cells are parsed."""

    name: str
    hit_policy: str
    columns: tuple[ColumnSpec, ...]
    rows: tuple[RowSpec, ...]
    id: str | None = None
    file: str | None = None
    line: int | None = None
    policy_line: int | None = None


def build_table(spec: TableSpec) -> DecisionTable:
    """Parse the cells of a simple table and check it.

    Args:
        spec: the table as read from CSV or YAML.

    Returns:
        The decision table.

    Raises:
        TableError: for an unknown hit policy, a bad column name or type,
            unsupported FEEL in a cell, or a table that cannot be evaluated.
    """
    try:
        policy, aggregation = parse_hit_policy(spec.hit_policy)
    except ValueError:
        raise table_error(
            "table-hit-policy",
            f"unknown hit policy {spec.hit_policy!r}",
            file=spec.file,
            line=spec.policy_line or spec.line,
            loc=where(spec.name),
            allowed=HIT_POLICY_CODES,
            suggestion=did_you_mean(spec.hit_policy, HIT_POLICY_CODES),
        ) from None
    inputs = tuple(_input(spec, c) for c in spec.columns if not c.output)
    outputs = tuple(_output(spec, c) for c in spec.columns if c.output)
    rules = tuple(
        _rule(spec, row, index, inputs, outputs) for index, row in enumerate(spec.rows, start=1)
    )
    table = DecisionTable(
        name=spec.name,
        hit_policy=policy,
        aggregation=aggregation,
        inputs=inputs,
        outputs=outputs,
        rules=rules,
        id=spec.id,
        file=spec.file,
        line=spec.line,
    )
    check_table(table)
    for position in range(len(inputs)):
        _check_kinds(table, position)
    return table


_TYPE_KIND = {"number": "number", "string": "string", "boolean": "boolean", "date": "date"}


def _check_kinds(table: DecisionTable, position: int) -> None:
    """Refuse a column that mixes text with numbers, booleans or dates.

    In the simple formats a bare word is text, so a mistyped test such as
    ``between 18 and 65`` would silently become a text; this catches it.
    """
    clause = table.inputs[position]
    expected = _TYPE_KIND.get(clause.type_ref or "")
    first_rule = None
    for rule in table.rules:
        kinds = literal_kinds(rule.inputs[position]) or set()
        if not kinds:
            continue
        if expected is None:
            expected, first_rule = sorted(kinds)[0], rule
        wrong = kinds - {expected}
        if not wrong:
            continue
        reason = (
            f"the column's type is {clause.type_ref}"
            if first_rule is None
            else f"row {first_rule.index} of this column has a {expected}"
        )
        raise table_error(
            "table-type",
            f"the cell {rule.inputs[position].text!r} holds a {sorted(wrong)[0]}, but {reason}",
            file=table.file,
            line=rule.line,
            loc=where(table.name, rule.index, clause.title),
            rule_id=rule.id,
            suggestion="write numbers as < 18, >= 18, [18..65]; quote text that is meant as "
            'text: "groep 2"; or declare the column\'s type',
        )


def model_from_tables(tables: Sequence[DecisionTable], file: str | None) -> DecisionModel:
    """Wrap tables in a model; a table whose input names another table requires it.

    Raises:
        TableError: ``table-structure`` for two tables with one name,
            ``table-cycle`` for tables that require each other.
    """
    names = [t.name for t in tables]
    decisions = []
    for table in tables:
        if names.count(table.name) > 1:
            raise table_error(
                "table-structure",
                f"two tables are named '{table.name}'",
                file=file,
                line=table.line,
            )
        decision = Decision(table.name, table=table, id=table.id, line=table.line)
        requires = tuple(n for n in referenced_names(decision) if n in names and n != table.name)
        decisions.append(
            Decision(table.name, table=table, requires=requires, id=table.id, line=table.line)
        )
    model = DecisionModel(tuple(decisions), (), None, file)
    model.evaluation_order()
    return model


def _check_type(spec: TableSpec, column: ColumnSpec) -> None:
    if column.type_ref is not None and column.type_ref not in TYPES:
        raise table_error(
            "table-type",
            f"unknown type {column.type_ref!r}",
            file=spec.file,
            line=column.line,
            loc=where(spec.name, column=column.name),
            allowed=TYPES,
            suggestion=did_you_mean(column.type_ref, TYPES),
        )


def _input(spec: TableSpec, column: ColumnSpec) -> InputClause:
    _check_type(spec, column)
    loc = where(spec.name, column=column.name)
    try:
        expression = parse_expression(column.name)
    except FeelError:
        expression = None
    if expression is None or not isinstance(expression.node, Name):
        raise table_error(
            "table-header",
            f"input column {column.name!r} must be a fact name such as 'leeftijd' or "
            "'aanvrager.leeftijd' (letters, digits, _ and dots)",
            file=spec.file,
            line=column.line,
            loc=loc,
        )
    allowed = None
    if column.values:
        allowed = _tests(
            spec,
            column.values,
            "allowed values",
            line=column.line,
            loc=loc,
            rule_id=None,
            text=column.type_ref == "string",
        )
    return InputClause(
        expression=expression,
        label=column.label,
        type_ref=column.type_ref,
        allowed_values=allowed,
        line=column.line,
    )


def _output(spec: TableSpec, column: ColumnSpec) -> OutputClause:
    _check_type(spec, column)
    loc = where(spec.name, column=column.name)
    if not column.name:
        raise table_error(
            "table-header",
            "an output column has no name",
            file=spec.file,
            line=column.line,
            loc=where(spec.name),
        )
    allowed = None
    if column.values:
        allowed = _tests(
            spec,
            column.values,
            "output values",
            line=column.line,
            loc=loc,
            rule_id=None,
            text=column.type_ref == "string",
        )
    default = None
    if column.default:
        default = _expression(
            spec,
            column.default,
            "default",
            line=column.line,
            loc=loc,
            rule_id=None,
            text=column.type_ref == "string",
        )
    return OutputClause(
        name=column.name,
        label=column.label,
        type_ref=column.type_ref,
        allowed_values=allowed,
        default=default,
        line=column.line,
    )


def _rule(
    spec: TableSpec,
    row: RowSpec,
    index: int,
    inputs: tuple[InputClause, ...],
    outputs: tuple[OutputClause, ...],
) -> TableRule:
    if len(row.inputs) != len(inputs) or len(row.outputs) != len(outputs):
        raise table_error(
            "table-columns",
            f"the row has {len(row.inputs)} input and {len(row.outputs)} output cells, "
            f"but the table has {len(inputs)} inputs and {len(outputs)} outputs",
            file=spec.file,
            line=row.line,
            loc=where(spec.name, index),
            rule_id=row.id,
        )
    tests = tuple(
        _tests(
            spec,
            text,
            "input cell",
            line=row.line,
            loc=where(spec.name, index, clause.title),
            rule_id=row.id,
            text=clause.type_ref == "string",
        )
        for text, clause in zip(row.inputs, inputs, strict=True)
    )
    results = tuple(
        _expression(
            spec,
            text,
            "output cell",
            line=row.line,
            loc=where(spec.name, index, clause.title),
            rule_id=row.id,
            text=clause.type_ref == "string",
        )
        for text, clause in zip(row.outputs, outputs, strict=True)
    )
    return TableRule(
        index=index, inputs=tests, outputs=results, id=row.id, annotation=row.note, line=row.line
    )


_HINT = (
    'cells are S-FEEL: -, 18, "tekst" or tekst, true, < 18, >= 18, [18..65], '
    "a list such as hoog, midden, and not(...)"
)


def _tests(
    spec: TableSpec,
    cell: str,
    what: str,
    *,
    line: int | None,
    loc: str | None,
    rule_id: str | None,
    text: bool = False,
) -> UnaryTests:
    try:
        return parse_unary_tests(cell.strip(), bare_strings=True, all_text=text)
    except FeelError as exc:
        raise table_error(
            "table-feel",
            f"cannot read the {what} {cell.strip()!r}: {exc.reason}",
            file=spec.file,
            line=line,
            loc=loc,
            rule_id=rule_id,
            suggestion=_HINT,
        ) from None


def _expression(
    spec: TableSpec,
    cell: str,
    what: str,
    *,
    line: int | None,
    loc: str | None,
    rule_id: str | None,
    text: bool = False,
) -> Expression:
    """An output cell or default: a literal, or else the text as written.

    ``18``, ``-2.5``, ``true``, ``null``, ``"quoted"`` and ``date("...")``
    are read as FEEL literals; an empty cell or ``-`` is null; any other
    text (``nee, tenzij vergunning``) is a string as written. With ``text``
    (a column of type string) a number is text as written too.
    """
    stripped = cell.strip()
    if stripped in ("", "-"):
        return Expression(stripped, Literal(None))
    try:
        value = parse_literal(stripped)
    except FeelError as exc:
        if stripped.startswith(('"', "\u201c", "\u201d")) or stripped.startswith("date("):
            raise table_error(
                "table-feel",
                f"cannot read the {what} {stripped!r}: {exc.reason}",
                file=spec.file,
                line=line,
                loc=loc,
                rule_id=rule_id,
                suggestion='close the quotes: "tekst", or write a date as date("2024-01-31")',
            ) from None
        return Expression(stripped, Literal(stripped))
    if text and isinstance(value, Decimal):
        return Expression(stripped, Literal(stripped))
    return Expression(stripped, Literal(value))
