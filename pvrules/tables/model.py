"""The decision table model shared by the DMN, CSV and YAML readers.

All classes are frozen dataclasses. A :class:`DecisionModel` holds one or
more :class:`Decision` objects; a decision is either a
:class:`DecisionTable` or a literal expression, and may require other
decisions (their results are then available under the decision's name).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from pvrules.suggest import did_you_mean
from pvrules.tables.feel_ast import Expression, UnaryTests
from pvrules.tables.problems import table_error
from pvrules.tables.values import FeelValue, same_value


class HitPolicy(Enum):
    """DMN hit policies, valued by their one-letter code."""

    UNIQUE = "U"
    ANY = "A"
    PRIORITY = "P"
    FIRST = "F"
    RULE_ORDER = "R"
    OUTPUT_ORDER = "O"
    COLLECT = "C"

    @property
    def multiple(self) -> bool:
        """True for the policies that return a list (R, O, C)."""
        return self in (HitPolicy.RULE_ORDER, HitPolicy.OUTPUT_ORDER, HitPolicy.COLLECT)

    @property
    def dmn_name(self) -> str:
        """The name used in DMN XML, e.g. ``RULE ORDER``."""
        return self.name.replace("_", " ")


class Aggregation(Enum):
    """Aggregations of the COLLECT hit policy, valued by their symbol."""

    SUM = "+"
    MIN = "<"
    MAX = ">"
    COUNT = "#"


HIT_POLICY_CODES: tuple[str, ...] = ("U", "A", "P", "F", "R", "O", "C", "C+", "C<", "C>", "C#")
"""Every accepted short hit policy code, for messages."""


def parse_hit_policy(text: str) -> tuple[HitPolicy, Aggregation | None]:
    """Read a hit policy written as a code or as a DMN name.

    Accepts ``U``, ``UNIQUE``, ``RULE ORDER``, ``rule_order``, ``C+``,
    ``COLLECT SUM``, ``C#`` and the like, in any case.

    Args:
        text: the hit policy text.

    Returns:
        The hit policy and, for COLLECT, the aggregation or ``None``.

    Raises:
        ValueError: when the text is not a known hit policy.
    """
    cleaned = " ".join(text.replace("_", " ").replace("-", " ").split()).upper()
    if not cleaned:
        raise ValueError("empty hit policy")
    if cleaned.startswith("C") and len(cleaned) == 2 and cleaned[1] in "+<>#":
        return HitPolicy.COLLECT, Aggregation(cleaned[1])
    for policy in HitPolicy:
        if cleaned in (policy.value, policy.dmn_name):
            return policy, None
    if cleaned.startswith("COLLECT "):
        aggregation = cleaned.split(" ", 1)[1]
        if aggregation in Aggregation.__members__:
            return HitPolicy.COLLECT, Aggregation[aggregation]
    raise ValueError(f"unknown hit policy {text!r}")


def parse_aggregation(text: str) -> Aggregation:
    """Read a DMN ``aggregation`` attribute (``SUM``, ``MIN``, ``MAX``, ``COUNT``).

    Raises:
        ValueError: for any other text.
    """
    cleaned = text.strip().upper()
    if cleaned in Aggregation.__members__:
        return Aggregation[cleaned]
    raise ValueError(f"unknown aggregation {text!r}")


def policy_code(policy: HitPolicy, aggregation: Aggregation | None) -> str:
    """Short code of a hit policy, e.g. ``U`` or ``C+``."""
    return policy.value + (aggregation.value if aggregation else "")


@dataclass(frozen=True)
class InputClause:
    """An input column.

    Attributes:
        expression: the input expression (a fact name, path or expression).
        label: the column heading, if it differs from the expression.
        type_ref: the declared type (``number``, ``string``, ``boolean``...).
        allowed_values: the ``inputValues`` tests, if given.
        id: the DMN id, if any.
        line: where the column is defined.
    """

    expression: Expression
    label: str | None = None
    type_ref: str | None = None
    allowed_values: UnaryTests | None = None
    id: str | None = None
    line: int | None = None

    @property
    def title(self) -> str:
        """Name shown in messages: the label, else the expression text."""
        return self.label or self.expression.text


@dataclass(frozen=True)
class OutputClause:
    """An output column.

    Attributes:
        name: the output name (key of the result when there are several).
        label: the column heading.
        type_ref: the declared type.
        allowed_values: the ``outputValues`` list; its order gives the
            priority for hit policies P and O (first is highest).
        default: the default output entry, used when no rule matches.
        id: the DMN id, if any.
        line: where the column is defined.
    """

    name: str | None = None
    label: str | None = None
    type_ref: str | None = None
    allowed_values: UnaryTests | None = None
    default: Expression | None = None
    id: str | None = None
    line: int | None = None

    @property
    def title(self) -> str:
        """Name shown in messages."""
        return self.name or self.label or "output"

    def priority(self, value: FeelValue) -> int | None:
        """Position of ``value`` in the output values (0 = highest priority).

        Returns:
            The index, ``len(values)`` for a value not in the list, or
            ``None`` when the output has no literal list of values.
        """
        values = self.allowed_values.literal_values() if self.allowed_values else None
        if values is None:
            return None
        for index, candidate in enumerate(values):
            if same_value(candidate, value):
                return index
        return len(values)


@dataclass(frozen=True)
class TableRule:
    """One rule (row) of a table.

    Attributes:
        index: 1-based position in the table.
        inputs: one input entry per input column.
        outputs: one output entry per output column.
        id: the rule id, if any.
        annotation: a description or note, if any.
        line: where the rule is defined.
    """

    index: int
    inputs: tuple[UnaryTests, ...]
    outputs: tuple[Expression, ...]
    id: str | None = None
    annotation: str | None = None
    line: int | None = None


@dataclass(frozen=True)
class DecisionTable:
    """A decision table.

    Attributes:
        name: the decision (or table) name; results are stored under it.
        hit_policy: how matching rules give the result.
        aggregation: the COLLECT aggregation, if any.
        inputs: the input columns.
        outputs: the output columns (at least one).
        rules: the rules in table order.
        id: the table or decision id, if any.
        file: the file it was read from.
        line: where the table starts.
    """

    name: str
    hit_policy: HitPolicy
    aggregation: Aggregation | None
    inputs: tuple[InputClause, ...]
    outputs: tuple[OutputClause, ...]
    rules: tuple[TableRule, ...]
    id: str | None = None
    file: str | None = None
    line: int | None = None

    @property
    def policy_code(self) -> str:
        """Short hit policy code, e.g. ``U`` or ``C#``."""
        return policy_code(self.hit_policy, self.aggregation)

    @property
    def has_defaults(self) -> bool:
        """True when some output has a default output entry."""
        return any(output.default is not None for output in self.outputs)


@dataclass(frozen=True)
class InputData:
    """A DMN ``inputData`` element: a value the caller provides."""

    name: str
    id: str | None = None
    type_ref: str | None = None


@dataclass(frozen=True)
class Decision:
    """A decision: a table or a literal expression.

    Attributes:
        name: the decision name; its result is stored under it.
        table: the decision table, or ``None`` for a literal expression.
        expression: the literal expression, or ``None`` for a table.
        requires: names of the decisions whose results it needs.
        id: the DMN id, if any.
        type_ref: the declared result type, if any.
        line: where the decision is defined.
    """

    name: str
    table: DecisionTable | None = None
    expression: Expression | None = None
    requires: tuple[str, ...] = ()
    id: str | None = None
    type_ref: str | None = None
    line: int | None = None


@dataclass(frozen=True)
class DecisionModel:
    """A set of decisions read from one file.

    Attributes:
        decisions: the decisions in file order.
        input_data: the declared inputs (DMN only).
        name: the model name, if any.
        file: the file it was read from.
    """

    decisions: tuple[Decision, ...]
    input_data: tuple[InputData, ...] = ()
    name: str | None = None
    file: str | None = None

    @property
    def tables(self) -> tuple[DecisionTable, ...]:
        """The decision tables, in file order."""
        return tuple(d.table for d in self.decisions if d.table is not None)

    def decision(self, name: str) -> Decision:
        """Find a decision by name (or id).

        Raises:
            TableError: ``table-unknown-decision`` with a did-you-mean.
        """
        for decision in self.decisions:
            if decision.name == name:
                return decision
        for decision in self.decisions:
            if decision.id == name:
                return decision
        names = [d.name for d in self.decisions]
        raise table_error(
            "table-unknown-decision",
            f"there is no decision named '{name}'",
            file=self.file,
            allowed=names,
            suggestion=did_you_mean(name, names),
            summary="unknown decision",
        )

    def evaluation_order(self, targets: Iterable[str] | None = None) -> tuple[Decision, ...]:
        """Decisions in an order where every decision follows those it requires.

        Args:
            targets: names of the decisions wanted; ``None`` for all. Their
                required decisions are included.

        Returns:
            The decisions to evaluate, dependencies first, otherwise in file order.

        Raises:
            TableError: ``table-unknown-decision`` or ``table-cycle``.
        """
        by_name = {d.name: d for d in self.decisions}
        wanted = (
            [self.decision(t) for t in targets] if targets is not None else list(self.decisions)
        )
        order: list[Decision] = []
        state: dict[str, str] = {}

        def visit(decision: Decision, path: tuple[str, ...]) -> None:
            if state.get(decision.name) == "done":
                return
            if state.get(decision.name) == "busy":
                cycle = " -> ".join((*path[path.index(decision.name) :], decision.name))
                raise table_error(
                    "table-cycle",
                    f"decisions require each other in a cycle: {cycle}",
                    file=self.file,
                    line=decision.line,
                )
            state[decision.name] = "busy"
            for required in decision.requires:
                if required in by_name:
                    visit(by_name[required], (*path, decision.name))
            state[decision.name] = "done"
            order.append(decision)

        for decision in wanted:
            visit(decision, ())
        return tuple(order)


def referenced_names(decision: Decision) -> tuple[str, ...]:
    """First parts of every name a decision's expressions and entries use.

    Args:
        decision: a table or literal-expression decision.

    Returns:
        Distinct names in order of first use, e.g. ``("Age", "applicant")``
        for ``Age`` and ``applicant.income``.
    """
    found: dict[str, None] = {}
    if decision.expression is not None:
        for name in decision.expression.names():
            found.setdefault(name.parts[0])
    table = decision.table
    if table is not None:
        for clause in table.inputs:
            for name in clause.expression.names():
                found.setdefault(name.parts[0])
        for rule in table.rules:
            for entry in rule.inputs:
                for name in entry.names():
                    found.setdefault(name.parts[0])
            for output in rule.outputs:
                for name in output.names():
                    found.setdefault(name.parts[0])
        for out in table.outputs:
            if out.default is not None:
                for name in out.default.names():
                    found.setdefault(name.parts[0])
    return tuple(found)
