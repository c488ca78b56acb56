"""Structural checks every reader applies to a table before returning it.

These catch tables that cannot be evaluated at all: a COLLECT aggregation on
several outputs, several outputs without names, PRIORITY or OUTPUT ORDER
without output values, or an output entry that is not one of the listed
output values.
"""

from __future__ import annotations

from pvrules.tables.model import DecisionTable, HitPolicy
from pvrules.tables.problems import table_error, where
from pvrules.tables.values import format_value


def check_table(table: DecisionTable, *, kind: str = "table") -> None:
    """Raise on a table that cannot be evaluated.

    Args:
        table: the table read from a file.
        kind: word for the table in messages (``decision`` for DMN).

    Raises:
        TableError: ``table-outputs``, ``table-aggregation``,
            ``table-output-values`` or ``table-output-value``.
    """
    loc = where(table.name, kind=kind)
    if not table.outputs:
        raise table_error(
            "table-outputs",
            "the table has no output column",
            file=table.file,
            line=table.line,
            loc=loc,
        )
    if len(table.outputs) > 1:
        seen: set[str] = set()
        for position, output in enumerate(table.outputs, start=1):
            if not output.name:
                raise table_error(
                    "table-outputs",
                    f"output column {position} has no name; with several outputs "
                    "each needs one (it is the key of the result)",
                    file=table.file,
                    line=output.line or table.line,
                    loc=loc,
                )
            if output.name in seen:
                raise table_error(
                    "table-outputs",
                    f"two output columns are named '{output.name}'",
                    file=table.file,
                    line=output.line or table.line,
                    loc=loc,
                )
            seen.add(output.name)
        if table.aggregation is not None:
            raise table_error(
                "table-aggregation",
                f"hit policy {table.policy_code} aggregates one output, "
                f"but the table has {len(table.outputs)}",
                file=table.file,
                line=table.line,
                loc=loc,
                suggestion="use C (collect) without aggregation, or one output column",
            )
    if table.hit_policy in (HitPolicy.PRIORITY, HitPolicy.OUTPUT_ORDER):
        _check_priorities(table, kind)


def _check_priorities(table: DecisionTable, kind: str) -> None:
    ranked = [o for o in table.outputs if o.allowed_values and o.allowed_values.literal_values()]
    if not ranked:
        raise table_error(
            "table-output-values",
            f"hit policy {table.hit_policy.dmn_name} needs output values: the list of "
            "possible outputs, highest priority first",
            file=table.file,
            line=table.line,
            loc=where(table.name, kind=kind),
            suggestion='give outputValues such as "Declined", "Approved"',
        )
    for rule in table.rules:
        for output, entry in zip(table.outputs, rule.outputs, strict=True):
            if output not in ranked or not entry.literal:
                continue
            value = entry.evaluate({})
            values = output.allowed_values.literal_values() if output.allowed_values else ()
            if output.priority(value) == len(values or ()):
                raise table_error(
                    "table-output-value",
                    f"output {format_value(value)} is not one of the output values, "
                    f"so its priority is unknown",
                    file=table.file,
                    line=rule.line,
                    loc=where(table.name, rule.index, output.title, kind=kind),
                    rule_id=rule.id,
                    allowed=tuple(format_value(v) for v in values or ()),
                )
