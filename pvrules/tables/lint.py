"""Lint decision tables: overlapping rules and missing combinations (gaps).

* ``table-overlap``: two rules that can match the same input, in a table
  with hit policy U (never allowed) or A (allowed only with equal outputs).
* ``table-gap``: inputs that no rule matches, in a single-hit table (U, A,
  P, F) without default outputs. Multiple-hit tables (R, O, C) may
  legitimately match nothing and are not checked for gaps. A search that
  needs more than :data:`MAX_STEPS` steps ends with ``table-gap-incomplete``.

Each input column is analysed in one kind: its ``type`` (``typeRef``) if
given, else the kind of the literals in its cells. The domain of a column is
its allowed values (``inputValues``) if given; ``true``/``false`` for
booleans; every number or date; and for strings without allowed values the
strings named in the column's cells (other strings are not reported). Inputs
are assumed never to be null. A cell that refers to a name cannot be
analysed: an overlap with it is not reported, and a table with such a cell
(or a column of mixed kinds) is not checked for gaps.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from pvrules.errors import Problem
from pvrules.tables.feel_ast import Expression
from pvrules.tables.model import DecisionModel, DecisionTable, HitPolicy, InputClause, TableRule
from pvrules.tables.problems import where
from pvrules.tables.valuesets import (
    BoolSet,
    SpanSet,
    ValueSet,
    cell_set,
    everything,
    intersect,
    literal_kinds,
    meets,
    partition,
    union,
)

MAX_GAPS = 20
"""Gaps reported per table; a last finding tells how many more there are."""

MAX_STEPS = 20_000
"""Gap search steps per table; a larger search ends with ``table-gap-incomplete``."""

_TYPE_KINDS = {
    "number": "number",
    "integer": "number",
    "decimal": "number",
    "double": "number",
    "string": "string",
    "text": "string",
    "boolean": "boolean",
    "date": "date",
}


@dataclass(frozen=True)
class _Column:
    """One input column prepared for analysis."""

    title: str
    domain: ValueSet | None
    cells: tuple[ValueSet | None, ...]
    overlap_cells: tuple[ValueSet | None, ...]
    full: ValueSet | None = None


def lint_model(model: DecisionModel) -> list[Problem]:
    """Lint every decision table of a model.

    Args:
        model: the model read from a DMN, CSV or YAML file.

    Returns:
        ``table-overlap`` and ``table-gap`` problems, table by table.
    """
    problems: list[Problem] = []
    for table in model.tables:
        problems.extend(lint_table(table))
    return problems


def lint_table(table: DecisionTable) -> list[Problem]:
    """Find overlapping rules and gaps in one table.

    Args:
        table: the decision table.

    Returns:
        The findings: overlaps in rule order, then gaps in value order.
    """
    columns = [_column(table, clause, i) for i, clause in enumerate(table.inputs)]
    problems: list[Problem] = []
    if table.hit_policy in (HitPolicy.UNIQUE, HitPolicy.ANY):
        problems.extend(_overlaps(table, columns))
    single = not table.hit_policy.multiple
    analysable = all(c.domain is not None and None not in c.cells for c in columns)
    if single and not table.has_defaults and analysable:
        problems.extend(_gaps(table, columns))
    return problems


# -- columns -------------------------------------------------------------
def _column_kind(clause: InputClause, rules: Sequence[TableRule], index: int) -> str | None:
    if clause.type_ref is not None:
        named = _TYPE_KINDS.get(clause.type_ref.split(":")[-1].lower())
        if named is not None:
            return named
    kinds: set[str] = set()
    entries = [rule.inputs[index] for rule in rules]
    if clause.allowed_values is not None:
        entries.append(clause.allowed_values)
    for entry in entries:
        found = literal_kinds(entry)
        if found:
            kinds |= found
    return kinds.pop() if len(kinds) == 1 else None


def _column(table: DecisionTable, clause: InputClause, index: int) -> _Column:
    """Prepare a column: its gap domain, and cells for gaps and for overlaps.

    Cells are cut to the declared allowed values, since other inputs are
    refused. For strings without declared values the gap domain is the set
    of strings the cells name, but overlaps use the cells as written, so
    that ``not("a")`` and ``not("b")`` still overlap.
    """
    kind_name = _column_kind(clause, table.rules, index)
    if kind_name is None:
        unknown = tuple(None for _ in table.rules)
        return _Column(clause.title, None, unknown, unknown)
    raw = tuple(cell_set(rule.inputs[index], kind_name) for rule in table.rules)
    if clause.allowed_values is not None:
        declared = cell_set(clause.allowed_values, kind_name)
        if declared is not None:
            cut = _cut(raw, declared)
            return _Column(clause.title, declared, cut, cut, declared)
        return _Column(clause.title, None, raw, raw)
    if kind_name == "string":
        domain = _named_strings(raw)
        cells = _cut(raw, domain) if domain is not None else raw
        return _Column(clause.title, domain, cells, raw, everything(kind_name))
    return _Column(clause.title, everything(kind_name), raw, raw, everything(kind_name))


def _cut(cells: tuple[ValueSet | None, ...], domain: ValueSet) -> tuple[ValueSet | None, ...]:
    return tuple(intersect(c, domain) if c is not None else None for c in cells)


def _named_strings(cells: Sequence[ValueSet | None]) -> ValueSet | None:
    """The strings a column's cells name, when each cell is a finite list of them."""
    domain: ValueSet = SpanSet("string", ())
    for cell in cells:
        if cell is None:
            return None
        assert isinstance(cell, SpanSet)
        if cell.spans == SpanSet.everything("string").spans:
            continue
        if any(s.low is None or s.low != s.high for s in cell.spans):
            complement = cell.complement()
            if any(s.low is None or s.low != s.high for s in complement.spans):
                return None
            domain = union(domain, complement)
            continue
        domain = union(domain, cell)
    return domain if not domain.is_empty() else None


# -- overlaps ------------------------------------------------------------
def _overlaps(table: DecisionTable, columns: Sequence[_Column]) -> Iterator[Problem]:
    rules = table.rules
    for i, first in enumerate(rules):
        for second in rules[i + 1 :]:
            if table.hit_policy is HitPolicy.ANY and _same_outputs(first, second):
                continue
            region = _common(columns, first.index - 1, second.index - 1)
            if region is None:
                continue
            yield Problem(
                "table-overlap",
                f"{_rule_name(first)} and {_rule_name(second)} overlap: both match "
                f"{_describe(columns, region)}"
                + (
                    " and give different outputs (hit policy A)"
                    if table.hit_policy is HitPolicy.ANY
                    else " (hit policy U allows one match)"
                ),
                file=table.file,
                line=second.line,
                loc=where(table.name, second.index),
                rule_id=second.id,
                suggestion="make the rules exclusive, or choose hit policy F, P or C",
            )


def _same_outputs(a: TableRule, b: TableRule) -> bool:
    return all(_same_entry(x, y) for x, y in zip(a.outputs, b.outputs, strict=True))


def _same_entry(a: Expression, b: Expression) -> bool:
    if a.literal and b.literal:
        return a.node == b.node
    return a.text.strip() == b.text.strip()


def _common(columns: Sequence[_Column], a: int, b: int) -> list[ValueSet | None] | None:
    """The input region two rules share, or ``None`` when they cannot both match.

    A column that cannot be analysed counts as shared only when one of the
    cells is ``-``; otherwise the pair is not reported.
    """
    region: list[ValueSet | None] = []
    for column in columns:
        cell_a, cell_b = column.overlap_cells[a], column.overlap_cells[b]
        if cell_a is None or cell_b is None:
            return None
        if not meets(cell_a, cell_b):
            return None
        region.append(None)
    for position, column in enumerate(columns):
        cell_a, cell_b = column.overlap_cells[a], column.overlap_cells[b]
        assert cell_a is not None
        assert cell_b is not None
        region[position] = intersect(cell_a, cell_b)
    return region


# -- gaps ----------------------------------------------------------------
@dataclass
class _Search:
    """State of one gap search: the columns, a step budget and the findings."""

    columns: Sequence[_Column]
    covered_from: list[int]
    steps: int = 0
    stopped: bool = False
    regions: list[list[ValueSet | None]] = field(default_factory=list)


def _gaps(table: DecisionTable, columns: Sequence[_Column]) -> list[Problem]:
    search = _Search(columns, [_covered_from(columns, r) for r in range(len(table.rules))])
    _uncovered(search, list(range(len(table.rules))), [])
    regions = search.regions
    problems = [
        Problem(
            "table-gap",
            f"no rule matches {_describe(columns, region)}",
            file=table.file,
            line=table.line,
            loc=where(table.name),
            suggestion="add a rule for these inputs, or give a default output",
        )
        for region in regions[:MAX_GAPS]
    ]
    if len(regions) > MAX_GAPS:
        problems.append(
            Problem(
                "table-gap",
                f"and {len(regions) - MAX_GAPS} more input combinations that no rule matches",
                file=table.file,
                line=table.line,
                loc=where(table.name),
            )
        )
    if search.stopped:
        problems.append(
            Problem(
                "table-gap-incomplete",
                f"the gap check stopped after {MAX_STEPS} steps: the table has too many "
                "combinations to check them all; gaps may remain",
                file=table.file,
                line=table.line,
                loc=where(table.name),
            )
        )
    return problems


def _covered_from(columns: Sequence[_Column], rule: int) -> int:
    """The first column from which the rule's cells cover every value to the end."""
    position = len(columns)
    while position > 0 and columns[position - 1].cells[rule] == columns[position - 1].domain:
        position -= 1
    return position


def _uncovered(search: _Search, rules: list[int], prefix: list[ValueSet | None]) -> None:
    """Collect regions (one set per column) that none of ``rules`` matches."""
    position = len(prefix)
    columns = search.columns
    if position == len(columns) or len(search.regions) > MAX_GAPS:
        return
    if any(search.covered_from[r] <= position for r in rules):
        return  # one rule matches every remaining combination
    search.steps += 1
    if search.steps > MAX_STEPS:
        search.stopped = True
        return
    column = columns[position]
    assert column.domain is not None
    cells = [column.cells[r] for r in rules]
    groups: dict[tuple[int, ...], ValueSet] = {}
    for piece in partition(column.domain, [c for c in cells if c is not None]):
        key = tuple(
            r for r, c in zip(rules, cells, strict=True) if c is not None and meets(c, piece)
        )
        groups[key] = union(groups[key], piece) if key in groups else piece
    for key, piece in groups.items():
        if search.stopped:
            return
        region = [*prefix, piece]
        if not key:
            search.regions.append(region + [c.domain for c in columns[position + 1 :]])
        else:
            _uncovered(search, list(key), region)


# -- messages ------------------------------------------------------------
def _rule_name(rule: TableRule) -> str:
    return f"rule {rule.index}" + (f" ({rule.id})" if rule.id else "")


def _describe(columns: Sequence[_Column], region: Sequence[ValueSet | None]) -> str:
    parts = []
    for column, values in zip(columns, region, strict=True):
        if values is None or values == column.full:
            continue
        text = values.describe()
        if isinstance(values, BoolSet):
            parts.append(f"{column.title} = {text}")
        elif text.startswith(("<", ">")):
            parts.append(f"{column.title} {text}")
        elif text.startswith("not("):
            parts.append(f"{column.title} not in {text[3:]}")
        elif "," in text or text.startswith(("[", "(")):
            parts.append(f"{column.title} in {text}")
        else:
            parts.append(f"{column.title} = {text}")
    return ", ".join(parts) if parts else "every input"
