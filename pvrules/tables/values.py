"""FEEL values: the Python types that stand for them, conversion and comparison.

FEEL has numbers, strings, booleans, dates, ``null``, lists and contexts. In
pvrules they are :class:`~decimal.Decimal`, :class:`str`, :class:`bool`,
:class:`datetime.date`, ``None``, :class:`list` and :class:`dict`. Numbers are
always ``Decimal`` so that ``0.1 + 0.2 = 0.3`` holds as in FEEL; a ``bool`` is
never a number even though Python treats it as one.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Context, Decimal, InvalidOperation
from typing import TypeAlias

FeelValue: TypeAlias = (
    Decimal | str | bool | date | list["FeelValue"] | dict[str, "FeelValue"] | None
)
"""Any value a FEEL expression can produce."""

DECIMAL_CONTEXT = Context(prec=34)
"""FEEL numbers are IEEE 754 decimal128: 34 significant digits."""


class ValueConversionError(ValueError):
    """A Python value has no FEEL counterpart (for example a set or a NaN)."""


def kind(value: object) -> str:
    """Return the FEEL kind of a value.

    Args:
        value: a FEEL value.

    Returns:
        One of ``null``, ``boolean``, ``number``, ``string``, ``date``,
        ``list``, ``context`` or ``other``.
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, Decimal):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, date) and not isinstance(value, datetime):
        return "date"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "context"
    return "other"


def to_feel(value: object) -> FeelValue:
    """Convert a plain Python value (from JSON, YAML or code) to a FEEL value.

    Args:
        value: ``None``, ``bool``, ``int``, ``float``, ``Decimal``, ``str``,
            ``date``, or lists and string-keyed mappings of those.

    Returns:
        The FEEL value, with every number as a ``Decimal``.

    Raises:
        ValueConversionError: for values FEEL cannot represent.
    """
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueConversionError(f"{value} is not a FEEL number")
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            raise ValueConversionError(f"{value} is not a FEEL number")
        return Decimal(repr(value))
    if isinstance(value, datetime):
        raise ValueConversionError("date and time values are not supported, give a date")
    if isinstance(value, date):
        return value
    if isinstance(value, (list, tuple)):
        return [to_feel(item) for item in value]
    if isinstance(value, Mapping):
        result: dict[str, FeelValue] = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise ValueConversionError(f"context key {key!r} is not a string")
            result[key] = to_feel(item)
        return result
    raise ValueConversionError(f"a {type(value).__name__} is not a FEEL value")


def feel_equal(left: FeelValue, right: FeelValue) -> bool | None:
    """FEEL ``=``: ``None`` when the kinds differ (except against ``null``).

    Args:
        left: a FEEL value.
        right: a FEEL value.

    Returns:
        ``True`` or ``False``, or ``None`` for values of different kinds.
    """
    if left is None or right is None:
        return left is None and right is None
    left_kind, right_kind = kind(left), kind(right)
    if left_kind != right_kind:
        return None
    if isinstance(left, list) and isinstance(right, list):
        if len(left) != len(right):
            return False
        for a, b in zip(left, right, strict=True):
            same = feel_equal(a, b)
            if same is not True:
                return same
        return True
    if isinstance(left, dict) and isinstance(right, dict):
        if set(left) != set(right):
            return False
        for key in left:
            same = feel_equal(left[key], right[key])
            if same is not True:
                return same
        return True
    return left == right


def feel_compare(left: FeelValue, right: FeelValue) -> int | None:
    """Order two values of the same ordered kind (number, string, date).

    Args:
        left: a FEEL value.
        right: a FEEL value.

    Returns:
        -1, 0 or 1, or ``None`` when the values cannot be ordered.
    """
    if isinstance(left, bool) or isinstance(right, bool):
        return None
    if isinstance(left, Decimal) and isinstance(right, Decimal):
        return (left > right) - (left < right)
    if isinstance(left, str) and isinstance(right, str):
        return (left > right) - (left < right)
    if kind(left) == "date" and kind(right) == "date":
        assert isinstance(left, date)
        assert isinstance(right, date)
        return (left > right) - (left < right)
    return None


def same_value(left: FeelValue, right: FeelValue) -> bool:
    """Strict equality for tests and hit policy checks: same kind and same value."""
    return feel_equal(left, right) is True


def format_number(number: Decimal) -> str:
    """Render a number without exponent or trailing zeros (``1E+2`` as ``100``)."""
    if number == number.to_integral_value():
        return str(number.quantize(Decimal(1), context=DECIMAL_CONTEXT))
    return format(number.normalize(DECIMAL_CONTEXT), "f")


def format_value(value: FeelValue) -> str:
    """Render a value as FEEL literal text, for messages and lint findings."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format_number(value)
    if isinstance(value, str):
        escaped = value.replace("\\", "\\\\").replace('"', '\\"')
        return f'"{escaped}"'
    if isinstance(value, date):
        return f'date("{value.isoformat()}")'
    if isinstance(value, list):
        return "[" + ", ".join(format_value(v) for v in value) + "]"
    return "{" + ", ".join(f"{k}: {format_value(v)}" for k, v in value.items()) + "}"


JsonValue: TypeAlias = bool | int | float | str | list["JsonValue"] | dict[str, "JsonValue"] | None
"""A value :func:`json.dumps` can write."""


def to_json(value: FeelValue) -> JsonValue:
    """Convert a FEEL value to plain JSON types.

    Whole numbers become ``int``, others ``float``; dates become ISO strings.
    """
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return int(value)
        return float(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return [to_json(v) for v in value]
    return {k: to_json(v) for k, v in value.items()}


def parse_decimal(text: str) -> Decimal:
    """Parse a decimal number, raising ``ValueConversionError`` when it is not one."""
    try:
        number = Decimal(text)
    except InvalidOperation as exc:
        raise ValueConversionError(f"{text!r} is not a number") from exc
    if not number.is_finite():
        raise ValueConversionError(f"{text!r} is not a number")
    return number
