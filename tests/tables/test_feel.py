"""S-FEEL lexer, parser and evaluator."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from pvrules.errors import TableError
from pvrules.tables.feel import FeelError, parse_expression, parse_literal, parse_unary_tests
from pvrules.tables.feel_ast import UnknownNameError
from pvrules.tables.values import (
    ValueConversionError,
    feel_compare,
    feel_equal,
    format_value,
    to_feel,
    to_json,
)

D = Decimal


def matches(text: str, value: object, **context: object) -> bool | None:
    tests = parse_unary_tests(text)
    return tests.matches(to_feel(value), {k: to_feel(v) for k, v in context.items()})


@pytest.mark.parametrize(
    ("text", "value", "expected"),
    [
        ("-", 5, True),
        ("-", None, True),
        ("", "x", True),
        ("18", 18, True),
        ("18", D("18.0"), True),
        ("18", 17, False),
        ("-5", -5, True),
        ("< -5", -6, True),
        ("<18", 17, True),
        ("<18", 18, False),
        ("<= 18", 18, True),
        ("> 18", 18, False),
        (">=18", 18, True),
        ("= 3", 3, True),
        ("!= 3", 3, False),
        ("!= 3", 4, True),
        ('"Medium","Low"', "Low", True),
        ('"Medium","Low"', "High", False),
        ("[1..10]", 10, True),
        ("[1..10)", 10, False),
        ("[1..10[", 10, False),
        ("]1..10]", 1, False),
        ("(1..10]", D("1.5"), True),
        ('not("High")', "Low", True),
        ('not("High")', "High", False),
        ("not(< 5, > 10)", 7, True),
        ("not(< 5, > 10)", 3, False),
        ("true", True, True),
        ("true", False, False),
        ("false", False, True),
        ("null", None, True),
        ("null", 0, False),
        ('date("2019-01-01")', date(2019, 1, 1), True),
        ('>= date("2019-01-01")', date(2018, 12, 31), False),
        ('[date("2019-01-01")..date("2019-12-31")]', date(2019, 6, 1), True),
        ('["a".."c"]', "b", True),
    ],
)
def test_unary_tests(text: str, value: object, expected: bool) -> None:
    assert matches(text, value) is expected


def test_comparison_of_different_kinds_is_null_and_does_not_match() -> None:
    assert matches("< 5", "abc") is None
    assert matches('"5"', 5) is None
    assert matches("not(< 5)", "abc") is None
    assert matches("< 5", None) is None


def test_booleans_are_not_numbers() -> None:
    assert matches("1", True) is None
    assert matches("true", 1) is None


def test_endpoint_may_be_a_name_or_path() -> None:
    assert matches("< max", 5, max=10) is True
    assert matches(">= limits.low", 5, limits={"low": 6}) is False
    assert matches("= Max Age", 65, **{"Max Age": 65}) is True


def test_unknown_name_in_endpoint_raises() -> None:
    with pytest.raises(UnknownNameError) as info:
        matches("< max", 5)
    assert info.value.name == "max"


@pytest.mark.parametrize(
    ("text", "context", "expected"),
    [
        ("1 + 2 * 3", {}, D(7)),
        ("(1 + 2) * 3", {}, D(9)),
        ("10 / 4", {}, D("2.5")),
        ("10 / 0", {}, None),
        ("0.1 + 0.2", {}, D("0.3")),
        ("-x", {"x": D(2)}, D(-2)),
        ('"a" + "b"', {}, "ab"),
        ('"a" + 1', {}, None),
        ("x + 1", {"x": None}, None),
        ("a.b.c", {"a": {"b": {"c": D(1)}}}, D(1)),
        ("a.missing", {"a": {}}, None),
        ("Approval Status", {"Approval Status": "ok"}, "ok"),
        ("x > 1 and y", {"x": D(2), "y": True}, True),
        ("x > 1 or y", {"x": D(0), "y": None}, None),
        ("false and y", {"y": None}, False),
        ("true or y", {"y": None}, True),
        ("x = null", {"x": None}, True),
        ("x != null", {"x": D(1)}, True),
        ('date("2024-02-29")', {}, date(2024, 2, 29)),
    ],
)
def test_expressions(text: str, context: dict[str, object], expected: object) -> None:
    value = parse_expression(text).evaluate({k: to_feel(v) for k, v in context.items()})
    assert feel_equal(value, to_feel(expected)) is True or (value is None and expected is None)


def test_expression_names() -> None:
    names = parse_expression("a.b + Max Age * c").names()
    assert [n.dotted for n in names] == ["a.b", "Max Age", "c"]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("? > 5", "full FEEL"),
        ("if a then b else c", "full FEEL"),
        ("some x in y satisfies x", "full FEEL"),
        ("{a: 1}", "full FEEL"),
        ("foo(1)", "function 'foo' is not supported"),
        ('"abc', "unterminated string"),
        ("5a", "number runs into a word"),
        ("[1..", "expected a value"),
        ("[1..5", "expected ']', ')' or '['"),
        ("[1 5]", "expected '..'"),
        ("not(1", "expected ')'"),
        ("- , 5", "'-' (any value) must stand alone"),
        ("a,,b", "unexpected ','"),
        ("1 2", "unexpected '2'"),
        ('date("2019-13-01")', "is not a date"),
        ("date(2019)", "date() needs a string"),
        ("a ; b", "unexpected character ';'"),
        ('"\\q"', "unknown escape"),
    ],
)
def test_unsupported_or_invalid_unary_tests(text: str, reason: str) -> None:
    with pytest.raises(FeelError) as info:
        parse_unary_tests(text)
    assert reason in info.value.reason
    assert isinstance(info.value, TableError)
    assert info.value.text == text


def test_empty_expression_is_an_error() -> None:
    with pytest.raises(FeelError, match="empty expression"):
        parse_expression("  ")


def test_string_escapes_and_typographic_quotes() -> None:
    assert parse_literal('"a\\"b\\\\c\\n\\u0041"') == 'a"b\\c\nA'
    assert parse_literal("\u201choog\u201d") == "hoog"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hoog", ("hoog",)),
        ("te laag, midden", ("te laag", "midden")),
        ("hoog-risico", ("hoog-risico",)),
        ("sociaal domein/jeugd", ("sociaal domein/jeugd",)),
        ("in en uit", ("in en uit",)),
        ('"quoted", bare', ("quoted", "bare")),
        ("true", (True,)),
        ("v1.2", ("v1.2",)),
        ("groep 2, 2e kwartaal", ("groep 2", "2e kwartaal")),
        ("fase 1.5", ("fase 1.5",)),
        ("18", (Decimal(18),)),
    ],
)
def test_bare_strings(text: str, expected: tuple[object, ...]) -> None:
    assert parse_unary_tests(text, bare_strings=True).literal_values() == expected


def test_bare_strings_still_parse_operators() -> None:
    tests = parse_unary_tests("not(hoog, laag)", bare_strings=True)
    assert tests.negated
    assert tests.literal_values() is None
    assert tests.matches("midden", {}) is True


def test_parse_literal() -> None:
    assert parse_literal("-2.50") == D("-2.50")
    assert parse_literal("null") is None
    with pytest.raises(FeelError):
        parse_literal("a + 1")


def test_values_conversion_and_rendering() -> None:
    assert to_feel({"a": [1, 2.5, True, None]}) == {"a": [D(1), D("2.5"), True, None]}
    assert to_json(to_feel({"a": [1, 2.5, date(2020, 1, 2)]})) == {"a": [1, 2.5, "2020-01-02"]}
    assert format_value(to_feel({"n": 1e2, "s": 'x"y', "l": [False]})) == (
        '{n: 100, s: "x\\"y", l: [false]}'
    )
    assert format_value(D("1.50")) == "1.5"
    for bad in (float("nan"), {1: 2}, {1, 2}):
        with pytest.raises(ValueConversionError):
            to_feel(bad)


def test_compare() -> None:
    assert feel_compare(D(1), D(2)) == -1
    assert feel_compare("b", "a") == 1
    assert feel_compare(date(2020, 1, 1), date(2020, 1, 1)) == 0
    assert feel_compare(True, False) is None
    assert feel_compare(D(1), "1") is None
    assert feel_equal([D(1), "a"], [D("1.0"), "a"]) is True
    assert feel_equal({"a": D(1)}, {"a": D(2)}) is False
    assert feel_equal([D(1)], ["1"]) is None
