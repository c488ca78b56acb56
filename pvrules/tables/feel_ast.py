"""Syntax tree of the supported S-FEEL subset, and its evaluation.

Two kinds of text are parsed (see :mod:`pvrules.tables.feel`):

* *expressions*, for input expressions, output entries, default outputs and
  literal-expression decisions: literals, names and dotted paths, ``+ - * /``,
  comparisons, ``and``/``or``, parentheses and ``date("...")``;
* *unary tests*, for input entries and allowed values: ``-``, comparisons
  with an endpoint, intervals, comma lists and ``not(...)``.

Evaluation follows FEEL's three-valued logic: a comparison of values that
cannot be compared gives ``None`` (null), and an input entry matches only when
its test gives ``True``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal, DivisionByZero, InvalidOperation
from typing import Literal as TypingLiteral
from typing import TypeAlias

from pvrules.tables.values import (
    DECIMAL_CONTEXT,
    FeelValue,
    feel_compare,
    feel_equal,
    format_value,
)

ComparisonOp = TypingLiteral["<", "<=", ">", ">=", "=", "!="]


class UnknownNameError(LookupError):
    """An expression refers to a name that is not in the evaluation context."""

    def __init__(self, name: str) -> None:
        """Remember the missing name."""
        super().__init__(name)
        self.name = name


@dataclass(frozen=True)
class Literal:
    """A literal value: number, string, boolean, date or null."""

    value: FeelValue


@dataclass(frozen=True)
class Name:
    """A name, or a dotted path such as ``applicant.age``."""

    parts: tuple[str, ...]

    @property
    def dotted(self) -> str:
        """The path as written, parts joined by dots."""
        return ".".join(self.parts)


@dataclass(frozen=True)
class Negate:
    """Arithmetic negation ``-x``."""

    operand: Node


@dataclass(frozen=True)
class BinaryOp:
    """An arithmetic, comparison or boolean operation."""

    op: str
    left: Node
    right: Node


Node: TypeAlias = "Literal | Name | Negate | BinaryOp"
"""Any expression node."""


@dataclass(frozen=True)
class Comparison:
    """A unary test comparing the input with an endpoint, e.g. ``>= 18``.

    A plain value ``"High"`` is the comparison ``= "High"``.
    """

    op: ComparisonOp
    operand: Node


@dataclass(frozen=True)
class Interval:
    """A unary test ``[a..b]``; open ends are written ``(a`` / ``]a`` and ``b)`` / ``b[``."""

    start: Node
    start_closed: bool
    end: Node
    end_closed: bool


PositiveTest: TypeAlias = Comparison | Interval
"""One test of a comma list."""


@dataclass(frozen=True)
class Expression:
    """A parsed expression together with its source text."""

    text: str
    node: Node

    def evaluate(self, context: Mapping[str, FeelValue]) -> FeelValue:
        """Evaluate in ``context``; see :func:`evaluate_node`."""
        return evaluate_node(self.node, context)

    def names(self) -> tuple[Name, ...]:
        """Every name the expression refers to, in source order."""
        return tuple(_names(self.node))

    @property
    def literal(self) -> bool:
        """True when the expression is a literal value."""
        return isinstance(self.node, Literal)


@dataclass(frozen=True)
class UnaryTests:
    """A parsed input entry: ``-`` (any), a comma list of tests, or ``not(...)``.

    Attributes:
        text: the source text.
        tests: the positive tests; empty for ``-``.
        negated: True for ``not(...)``.
    """

    text: str
    tests: tuple[PositiveTest, ...]
    negated: bool = False

    @property
    def is_any(self) -> bool:
        """True for ``-`` (or an empty cell), which matches every value."""
        return not self.tests and not self.negated

    def matches(self, value: FeelValue, context: Mapping[str, FeelValue]) -> bool | None:
        """Apply the tests to ``value``.

        Args:
            value: the value of the input expression.
            context: names the endpoints may refer to.

        Returns:
            ``True`` when the value passes, ``False`` when not, ``None`` when
            the result is null (for example comparing a number with a string).
        """
        if self.is_any:
            return True
        result: bool | None = False
        for test in self.tests:
            outcome = test_value(test, value, context)
            if outcome is True:
                result = True
                break
            if outcome is None:
                result = None
        if self.negated:
            return None if result is None else not result
        return result

    def names(self) -> tuple[Name, ...]:
        """Every name the endpoints refer to, in source order."""
        found: list[Name] = []
        for test in self.tests:
            if isinstance(test, Comparison):
                found.extend(_names(test.operand))
            else:
                found.extend(_names(test.start))
                found.extend(_names(test.end))
        return tuple(found)

    def literal_values(self) -> tuple[FeelValue, ...] | None:
        """The values of a plain list of literals (``"a", "b"``), else ``None``."""
        if self.negated or not self.tests:
            return None
        values: list[FeelValue] = []
        for test in self.tests:
            if not (
                isinstance(test, Comparison)
                and test.op == "="
                and isinstance(test.operand, Literal)
            ):
                return None
            values.append(test.operand.value)
        return tuple(values)


def _names(node: Node) -> Iterator[Name]:
    if isinstance(node, Name):
        yield node
    elif isinstance(node, Negate):
        yield from _names(node.operand)
    elif isinstance(node, BinaryOp):
        yield from _names(node.left)
        yield from _names(node.right)


def lookup(name: Name, context: Mapping[str, FeelValue]) -> FeelValue:
    """Resolve a name or path in a context.

    Raises:
        UnknownNameError: when the first part of the name is not in the context.
            A missing later part of a path gives ``None`` as in FEEL.
    """
    first = name.parts[0]
    if first not in context:
        raise UnknownNameError(first)
    value = context[first]
    for part in name.parts[1:]:
        if isinstance(value, dict):
            value = value.get(part)
        else:
            return None
    return value


def evaluate_node(node: Node, context: Mapping[str, FeelValue]) -> FeelValue:
    """Evaluate an expression node.

    Args:
        node: the node.
        context: values of the names the node may refer to.

    Returns:
        The value; ``None`` where FEEL gives null (type mismatch, division by
        zero, null operand).

    Raises:
        UnknownNameError: for a name that is not in the context.
    """
    if isinstance(node, Literal):
        return node.value
    if isinstance(node, Name):
        return lookup(node, context)
    if isinstance(node, Negate):
        operand = evaluate_node(node.operand, context)
        if isinstance(operand, Decimal) and not isinstance(operand, bool):
            return DECIMAL_CONTEXT.minus(operand)
        return None
    return _binary(node, context)


def _binary(node: BinaryOp, context: Mapping[str, FeelValue]) -> FeelValue:
    op = node.op
    if op in ("and", "or"):
        return _logic(op, evaluate_node(node.left, context), evaluate_node(node.right, context))
    left = evaluate_node(node.left, context)
    right = evaluate_node(node.right, context)
    if op in ("<", "<=", ">", ">=", "=", "!="):
        return compare_values(op, left, right)
    if isinstance(left, str) and isinstance(right, str) and op == "+":
        return left + right
    if not (isinstance(left, Decimal) and isinstance(right, Decimal)):
        return None
    try:
        if op == "+":
            return DECIMAL_CONTEXT.add(left, right)
        if op == "-":
            return DECIMAL_CONTEXT.subtract(left, right)
        if op == "*":
            return DECIMAL_CONTEXT.multiply(left, right)
        if op == "/":
            if right == 0:
                return None
            return DECIMAL_CONTEXT.divide(left, right)
    except (DivisionByZero, InvalidOperation):
        return None
    raise ValueError(f"unknown operator {op!r}")


def _logic(op: str, left: FeelValue, right: FeelValue) -> bool | None:
    a = left if isinstance(left, bool) else None
    b = right if isinstance(right, bool) else None
    if op == "and":
        if a is False or b is False:
            return False
        if a is True and b is True:
            return True
        return None
    if a is True or b is True:
        return True
    if a is False and b is False:
        return False
    return None


def compare_values(op: str, left: FeelValue, right: FeelValue) -> bool | None:
    """Apply a comparison operator with FEEL's null semantics.

    Args:
        op: one of ``< <= > >= = !=``.
        left: left operand.
        right: right operand.

    Returns:
        The truth value, or ``None`` when the operands cannot be compared.
    """
    if op == "=":
        return feel_equal(left, right)
    if op == "!=":
        same = feel_equal(left, right)
        return None if same is None else not same
    order = feel_compare(left, right)
    if order is None:
        return None
    if op == "<":
        return order < 0
    if op == "<=":
        return order <= 0
    if op == ">":
        return order > 0
    if op == ">=":
        return order >= 0
    raise ValueError(f"unknown comparison {op!r}")


def test_value(
    test: PositiveTest, value: FeelValue, context: Mapping[str, FeelValue]
) -> bool | None:
    """Apply one positive unary test to a value (three-valued)."""
    if isinstance(test, Comparison):
        return compare_values(test.op, value, evaluate_node(test.operand, context))
    start = evaluate_node(test.start, context)
    end = evaluate_node(test.end, context)
    low = compare_values(">=" if test.start_closed else ">", value, start)
    high = compare_values("<=" if test.end_closed else "<", value, end)
    return _logic("and", low, high)


def describe_node(node: Node) -> str:
    """Render a node back to FEEL text (used in messages)."""
    if isinstance(node, Literal):
        return format_value(node.value)
    if isinstance(node, Name):
        return node.dotted
    if isinstance(node, Negate):
        return f"-{describe_node(node.operand)}"
    return f"{describe_node(node.left)} {node.op} {describe_node(node.right)}"
