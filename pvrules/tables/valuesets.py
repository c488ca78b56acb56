"""Sets of input values, for finding overlapping rules and gaps in a table.

A cell of a decision table such as ``[18..65)``, ``"hoog", "midden"`` or
``not(true)`` stands for a set of values of one *kind* (number, string,
date or boolean). For numbers, strings and dates the set is a union of
intervals (:class:`SpanSet`); for booleans it is a subset of
``{true, false}`` (:class:`BoolSet`). Lint analyses each input column in
one kind and assumes the input is never null.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import TypeAlias

from pvrules.tables.feel_ast import Comparison, Interval, Literal, PositiveTest, UnaryTests
from pvrules.tables.values import FeelValue, format_value, kind

Point: TypeAlias = Decimal | str | date
"""A value of an ordered kind."""

ORDERED_KINDS = ("number", "string", "date")
KINDS = (*ORDERED_KINDS, "boolean")


@dataclass(frozen=True)
class Span:
    """An interval; ``None`` as ``low`` or ``high`` means unbounded."""

    low: Point | None
    low_closed: bool
    high: Point | None
    high_closed: bool

    def is_empty(self) -> bool:
        """True when no value lies in the interval."""
        if self.low is None or self.high is None:
            return False
        if _lt(self.high, self.low):
            return True
        if self.low == self.high:
            return not (self.low_closed and self.high_closed)
        return False


def _lt(a: Point, b: Point) -> bool:
    return a < b  # type: ignore[operator]


def _normalise_date(span: Span) -> Span:
    """Dates are discrete: make open ends closed (``(d`` is ``[d+1``)."""
    low, low_closed, high, high_closed = span.low, span.low_closed, span.high, span.high_closed
    if isinstance(low, date) and not low_closed:
        low, low_closed = low + timedelta(days=1), True
    if isinstance(high, date) and not high_closed:
        high, high_closed = high - timedelta(days=1), True
    return Span(low, low_closed, high, high_closed)


@dataclass(frozen=True)
class SpanSet:
    """A union of disjoint, sorted intervals of one ordered kind."""

    kind: str
    spans: tuple[Span, ...]

    @staticmethod
    def of(kind: str, spans: Iterable[Span]) -> SpanSet:
        """Build a normalised set from any intervals."""
        items = [s if kind != "date" else _normalise_date(s) for s in spans]
        items = [s for s in items if not s.is_empty()]
        items.sort(key=_sort_key)
        merged: list[Span] = []
        for span in items:
            if merged and _touches(merged[-1], span):
                merged[-1] = _join(merged[-1], span)
            else:
                merged.append(span)
        return SpanSet(kind, tuple(merged))

    @staticmethod
    def everything(kind: str) -> SpanSet:
        """All values of the kind."""
        return SpanSet(kind, (Span(None, False, None, False),))

    @staticmethod
    def point(kind: str, value: Point) -> SpanSet:
        """A single value."""
        return SpanSet(kind, (Span(value, True, value, True),))

    def is_empty(self) -> bool:
        """True for the empty set."""
        return not self.spans

    def union(self, other: SpanSet) -> SpanSet:
        """Values in either set."""
        return SpanSet.of(self.kind, self.spans + other.spans)

    def intersect(self, other: SpanSet) -> SpanSet:
        """Values in both sets."""
        found = []
        for a in self.spans:
            for b in other.spans:
                span = _overlap(a, b)
                if span is not None:
                    found.append(span)
        return SpanSet.of(self.kind, found)

    def complement(self) -> SpanSet:
        """Values of the kind not in the set."""
        result: list[Span] = []
        low: Point | None = None
        low_closed = False
        unbounded_low = True
        for span in self.spans:
            if span.low is not None:
                result.append(
                    Span(
                        low if not unbounded_low else None,
                        low_closed,
                        span.low,
                        not span.low_closed,
                    )
                )
            if span.high is None:
                return SpanSet.of(self.kind, result)
            low, low_closed, unbounded_low = span.high, not span.high_closed, False
        result.append(Span(None if unbounded_low else low, low_closed, None, False))
        return SpanSet.of(self.kind, result)

    def boundaries(self) -> list[Point]:
        """Every finite interval end."""
        points: list[Point] = []
        for span in self.spans:
            if span.low is not None:
                points.append(span.low)
            if span.high is not None:
                points.append(span.high)
        return points

    def describe(self) -> str:
        """Render as S-FEEL unary tests, e.g. ``< 18, [65..70]`` or ``not("a")``."""
        if self.spans == SpanSet.everything(self.kind).spans:
            return "-"
        if not self.spans:
            return "(nothing)"
        gaps = self.complement()
        if (
            self.spans[0].low is None
            and self.spans[-1].high is None
            and gaps.spans
            and all(s.low is not None and s.low == s.high for s in gaps.spans)
        ):
            return "not(" + ", ".join(_show(s.low) for s in gaps.spans) + ")"
        return ", ".join(_describe_span(s) for s in self.spans)


def _sort_key(span: Span) -> tuple[int, tuple[Point, int] | None]:
    if span.low is None:
        return (0, None)
    return (1, (span.low, 0 if span.low_closed else 1))


def _touches(a: Span, b: Span) -> bool:
    """True when ``b`` (starting at or after ``a``) overlaps or adjoins ``a``."""
    if a.high is None or b.low is None:
        return True
    if _lt(b.low, a.high):
        return True
    if b.low == a.high:
        return a.high_closed or b.low_closed
    return False


def _join(a: Span, b: Span) -> Span:
    if a.high is None or b.high is None:
        return Span(a.low, a.low_closed, None, False)
    if _lt(a.high, b.high):
        return Span(a.low, a.low_closed, b.high, b.high_closed)
    if a.high == b.high:
        return Span(a.low, a.low_closed, a.high, a.high_closed or b.high_closed)
    return a


def _overlap(a: Span, b: Span) -> Span | None:
    low, low_closed = a.low, a.low_closed
    if b.low is not None and (low is None or _lt(low, b.low)):
        low, low_closed = b.low, b.low_closed
    elif b.low is not None and low == b.low:
        low_closed = low_closed and b.low_closed
    high, high_closed = a.high, a.high_closed
    if b.high is not None and (high is None or _lt(b.high, high)):
        high, high_closed = b.high, b.high_closed
    elif b.high is not None and high == b.high:
        high_closed = high_closed and b.high_closed
    span = Span(low, low_closed, high, high_closed)
    return None if span.is_empty() else span


def _show(value: Point | None) -> str:
    return format_value(value)


def _describe_span(span: Span) -> str:
    if span.low is not None and span.low == span.high:
        return _show(span.low)
    if span.low is None and span.high is None:
        return "-"
    if span.low is None:
        return ("<= " if span.high_closed else "< ") + _show(span.high)
    if span.high is None:
        return (">= " if span.low_closed else "> ") + _show(span.low)
    opener = "[" if span.low_closed else "("
    closer = "]" if span.high_closed else ")"
    return f"{opener}{_show(span.low)}..{_show(span.high)}{closer}"


@dataclass(frozen=True)
class BoolSet:
    """A subset of ``{true, false}``."""

    values: frozenset[bool]
    kind: str = "boolean"

    @staticmethod
    def everything() -> BoolSet:
        """Both booleans."""
        return BoolSet(frozenset({True, False}))

    def is_empty(self) -> bool:
        """True for the empty set."""
        return not self.values

    def union(self, other: BoolSet) -> BoolSet:
        """Values in either set."""
        return BoolSet(self.values | other.values)

    def intersect(self, other: BoolSet) -> BoolSet:
        """Values in both sets."""
        return BoolSet(self.values & other.values)

    def complement(self) -> BoolSet:
        """The other boolean(s)."""
        return BoolSet(frozenset({True, False}) - self.values)

    def describe(self) -> str:
        """Render as ``true``, ``false`` or ``-``."""
        if len(self.values) == 2:
            return "-"
        if not self.values:
            return "(nothing)"
        return "true" if True in self.values else "false"


ValueSet: TypeAlias = SpanSet | BoolSet
"""A set of values of one kind."""


def everything(kind_name: str) -> ValueSet:
    """All values of a kind."""
    return BoolSet.everything() if kind_name == "boolean" else SpanSet.everything(kind_name)


def union(a: ValueSet, b: ValueSet) -> ValueSet:
    """Union of two sets of the same kind."""
    if isinstance(a, BoolSet) and isinstance(b, BoolSet):
        return a.union(b)
    if isinstance(a, SpanSet) and isinstance(b, SpanSet):
        return a.union(b)
    raise TypeError("sets of different kinds")


def meets(a: ValueSet, b: ValueSet) -> bool:
    """True when two sets of the same kind share a value (faster than intersecting)."""
    if isinstance(a, BoolSet) and isinstance(b, BoolSet):
        return bool(a.values & b.values)
    if isinstance(a, SpanSet) and isinstance(b, SpanSet):
        return any(_overlap(x, y) is not None for x in a.spans for y in b.spans)
    raise TypeError("sets of different kinds")


def intersect(a: ValueSet, b: ValueSet) -> ValueSet:
    """Intersection of two sets of the same kind."""
    if isinstance(a, BoolSet) and isinstance(b, BoolSet):
        return a.intersect(b)
    if isinstance(a, SpanSet) and isinstance(b, SpanSet):
        return a.intersect(b)
    raise TypeError("sets of different kinds")


def literal_kinds(tests: UnaryTests) -> set[str] | None:
    """Kinds of the literals in a cell, or ``None`` when an endpoint is not a literal."""
    kinds: set[str] = set()
    for test in tests.tests:
        operands = [test.operand] if isinstance(test, Comparison) else [test.start, test.end]
        for operand in operands:
            if not isinstance(operand, Literal):
                return None
            if operand.value is not None:
                kinds.add(kind(operand.value))
    return kinds


def cell_set(tests: UnaryTests, kind_name: str) -> ValueSet | None:
    """The non-null values of ``kind_name`` that a cell matches.

    Args:
        tests: the parsed cell.
        kind_name: ``number``, ``string``, ``date`` or ``boolean``.

    Returns:
        The set, or ``None`` when the cell cannot be analysed (an endpoint
        refers to a name).
    """
    if tests.is_any:
        return everything(kind_name)
    kinds = literal_kinds(tests)
    if kinds is None:
        return None
    # A test on a value of another kind gives null for every value of this
    # kind, which makes a list that has one both "true or null" and its
    # negation "false or null": never true.
    foreign = bool(kinds - {kind_name})
    positive = _positive_set(tests, kind_name)
    if tests.negated:
        return _empty(kind_name) if foreign else _complement(positive)
    return positive


def _empty(kind_name: str) -> ValueSet:
    if kind_name == "boolean":
        return BoolSet(frozenset())
    return SpanSet(kind_name, ())


def _complement(value_set: ValueSet) -> ValueSet:
    return value_set.complement()


def _positive_set(tests: UnaryTests, kind_name: str) -> ValueSet:
    result = _empty(kind_name)
    for test in tests.tests:
        result = union(result, _one_test(test, kind_name))
    return result


def _one_test(test: PositiveTest, kind_name: str) -> ValueSet:
    if isinstance(test, Comparison):
        assert isinstance(test.operand, Literal)
        value = test.operand.value
        if value is None or kind(value) != kind_name:
            return _empty(kind_name)
        if kind_name == "boolean":
            assert isinstance(value, bool)
            matched = BoolSet(frozenset({value}))
            if test.op == "=":
                return matched
            if test.op == "!=":
                return matched.complement()
            return _empty(kind_name)
        assert isinstance(value, (Decimal, str, date))
        return _compare_set(test.op, value, kind_name)
    assert isinstance(test, Interval)
    assert isinstance(test.start, Literal)
    assert isinstance(test.end, Literal)
    low, high = test.start.value, test.end.value
    if kind_name == "boolean" or kind(low) != kind_name or kind(high) != kind_name:
        return _empty(kind_name)
    assert isinstance(low, (Decimal, str, date))
    assert isinstance(high, (Decimal, str, date))
    return SpanSet.of(kind_name, [Span(low, test.start_closed, high, test.end_closed)])


def _compare_set(op: str, value: Point, kind_name: str) -> SpanSet:
    if op == "=":
        return SpanSet.point(kind_name, value)
    if op == "!=":
        return SpanSet.point(kind_name, value).complement()
    spans = {
        "<": Span(None, False, value, False),
        "<=": Span(None, False, value, True),
        ">": Span(value, False, None, False),
        ">=": Span(value, True, None, False),
    }
    return SpanSet.of(kind_name, [spans[op]])


def partition(domain: ValueSet, cells: Sequence[ValueSet]) -> list[ValueSet]:
    """Split a domain into pieces that each lie wholly inside or outside every cell.

    Args:
        domain: the values the column can take.
        cells: the sets of the column's cells.

    Returns:
        Non-empty, disjoint pieces covering the domain, in value order.
    """
    if isinstance(domain, BoolSet):
        return [BoolSet(frozenset({v})) for v in (True, False) if v in domain.values]
    assert isinstance(domain, SpanSet)
    points: set[Point] = set(domain.boundaries())
    for cell in cells:
        assert isinstance(cell, SpanSet)
        points.update(cell.boundaries())
    ordered: list[Point] = sorted(points)
    pieces: list[Span] = []
    previous: Point | None = None
    for point in ordered:
        pieces.append(Span(previous, False, point, False))
        pieces.append(Span(point, True, point, True))
        previous = point
    pieces.append(Span(previous, False, None, False))
    result: list[ValueSet] = []
    for piece in pieces:
        part = domain.intersect(SpanSet.of(domain.kind, [piece]))
        if not part.is_empty():
            result.append(part)
    return result


def point_value(value_set: ValueSet) -> FeelValue:
    """An example value from a non-empty set (used in messages)."""
    if isinstance(value_set, BoolSet):
        return True in value_set.values
    span = value_set.spans[0]
    if span.low is not None and span.low_closed:
        return span.low
    if span.high is not None and span.high_closed:
        return span.high
    return span.low if span.low is not None else span.high
