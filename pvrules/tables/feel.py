"""Lexer and parser for the S-FEEL subset used in decision tables.

Public entry points:

* :func:`parse_unary_tests` for input entries and ``inputValues`` /
  ``outputValues`` (``-``, ``< 18``, ``[1..10]``, ``"a", "b"``, ``not("x")``,
  ``null``, ``date("2019-01-01")``);
* :func:`parse_expression` for input expressions, output entries, defaults
  and literal-expression decisions.

With ``bare_strings=True`` (used by the CSV and YAML table formats) a bare
word such as ``hoog`` or ``te laag`` is the string ``"hoog"`` / ``"te laag"``
instead of a name. Anything outside the subset raises :class:`FeelError`, a
:class:`~pvrules.errors.TableError`; readers re-raise it with the file, table,
rule and column.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from pvrules.errors import Problem, TableError
from pvrules.tables.feel_ast import (
    BinaryOp,
    Comparison,
    ComparisonOp,
    Expression,
    Interval,
    Literal,
    Name,
    Negate,
    Node,
    PositiveTest,
    UnaryTests,
)
from pvrules.tables.values import FeelValue

KEYWORDS = frozenset({"true", "false", "null", "not", "and", "or"})
UNSUPPORTED_KEYWORDS = frozenset(
    {
        "if",
        "then",
        "else",
        "for",
        "in",
        "return",
        "some",
        "every",
        "satisfies",
        "between",
        "instance",
        "of",
        "function",
    }
)
_BARE_STOP_WORDS = frozenset({"true", "false", "null"})
_TWO_CHAR_OPS = ("..", "<=", ">=", "!=", "**")
_ONE_CHAR_OPS = "<>=()[],.+-*/{}:?"
_OPEN_QUOTES = '"\u201c\u201d'
_CLOSE_QUOTES = '"\u201c\u201d'
_BARE_EXTRA = "_-/'&+?"
_COMPARISON_OPS: dict[str, ComparisonOp] = {
    "<": "<",
    "<=": "<=",
    ">": ">",
    ">=": ">=",
    "=": "=",
    "!=": "!=",
}
_ESCAPES = {'"': '"', "\\": "\\", "n": "\n", "t": "\t", "r": "\r", "'": "'"}


class FeelError(TableError):
    """A text is not in the supported S-FEEL subset.

    Attributes:
        text: the full text that was parsed.
        position: 0-based offset of the problem in ``text``.
        reason: what is wrong, without location.
    """

    code = "table-feel"

    def __init__(self, reason: str, text: str, position: int) -> None:
        """Build the error with a caret-free one-line message."""
        message = f"{reason} in {text!r} (at character {position + 1})"
        super().__init__(message, [Problem("table-feel", message)])
        self.text = text
        self.position = position
        self.reason = reason


@dataclass(frozen=True)
class Token:
    """One lexical token.

    Attributes:
        kind: ``num``, ``str``, ``name``, ``op`` or ``eof``.
        value: the token text (for strings: the unescaped content).
        start: offset of the first character.
        end: offset after the last character.
    """

    kind: str
    value: str
    start: int
    end: int


def tokenize(
    text: str, *, bare_strings: bool = False, digits_in_words: bool = False
) -> list[Token]:
    """Split text into tokens.

    Args:
        text: the source text.
        bare_strings: allow ``-``, ``/``, ``'``, ``&``, ``+`` and ``?`` inside
            words (for bare-word strings such as ``hoog-risico``).
        digits_in_words: read a run starting with a digit as a word, not a
            number (for text columns holding codes such as ``3511``).

    Returns:
        The tokens, ending with an ``eof`` token.

    Raises:
        FeelError: for an unterminated string or an unexpected character.
    """
    tokens: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch.isdigit() and digits_in_words:
            j = i + 1
            while j < n and _word_char(text, j, True):
                j += 1
            tokens.append(Token("name", text[i:j], i, j))
            i = j
        elif ch.isdigit():
            j = i
            while j < n and text[j].isdigit():
                j += 1
            if j + 1 < n and text[j] == "." and text[j + 1].isdigit():
                j += 1
                while j < n and text[j].isdigit():
                    j += 1
            if j < n and (text[j].isalpha() or text[j] == "_"):
                if not bare_strings:
                    raise FeelError("a number runs into a word", text, j)
                while j < n and _word_char(text, j, bare_strings):
                    j += 1
                tokens.append(Token("name", text[i:j], i, j))
            else:
                tokens.append(Token("num", text[i:j], i, j))
            i = j
        elif ch in _OPEN_QUOTES:
            i = _string(text, i, tokens)
        elif ch.isalpha() or ch == "_":
            j = i + 1
            while j < n and _word_char(text, j, bare_strings):
                j += 1
            tokens.append(Token("name", text[i:j], i, j))
            i = j
        elif text.startswith(_TWO_CHAR_OPS, i):
            tokens.append(Token("op", text[i : i + 2], i, i + 2))
            i += 2
        elif ch in _ONE_CHAR_OPS:
            tokens.append(Token("op", ch, i, i + 1))
            i += 1
        else:
            raise FeelError(f"unexpected character {ch!r}", text, i)
    tokens.append(Token("eof", "", n, n))
    return tokens


def _word_char(text: str, j: int, bare: bool) -> bool:
    ch = text[j]
    if ch.isalnum() or ch == "_":
        return True
    if not bare:
        return False
    if ch == ".":
        return j + 1 < len(text) and text[j + 1].isalnum()
    return ch in _BARE_EXTRA


def _string(text: str, start: int, tokens: list[Token]) -> int:
    chars: list[str] = []
    i = start + 1
    while i < len(text):
        ch = text[i]
        if ch in _CLOSE_QUOTES:
            tokens.append(Token("str", "".join(chars), start, i + 1))
            return i + 1
        if ch == "\\":
            if i + 1 >= len(text):
                break
            nxt = text[i + 1]
            if nxt == "u" and _is_hex(text[i + 2 : i + 6]):
                chars.append(chr(int(text[i + 2 : i + 6], 16)))
                i += 6
                continue
            if nxt not in _ESCAPES:
                raise FeelError(f"unknown escape '\\{nxt}'", text, i)
            chars.append(_ESCAPES[nxt])
            i += 2
            continue
        chars.append(ch)
        i += 1
    raise FeelError("unterminated string", text, start)


def _is_hex(text: str) -> bool:
    return len(text) == 4 and all(c in "0123456789abcdefABCDEF" for c in text)


class _Parser:
    """Recursive-descent parser over a token list."""

    def __init__(self, text: str, bare_strings: bool, all_text: bool = False) -> None:
        self.text = text
        self.bare = bare_strings or all_text
        self.tokens = tokenize(text, bare_strings=self.bare, digits_in_words=all_text)
        self.pos = 0

    # -- token helpers -------------------------------------------------
    @property
    def tok(self) -> Token:
        return self.tokens[self.pos]

    def peek(self, offset: int = 1) -> Token:
        return self.tokens[min(self.pos + offset, len(self.tokens) - 1)]

    def advance(self) -> Token:
        token = self.tokens[self.pos]
        if token.kind != "eof":
            self.pos += 1
        return token

    def at_op(self, *ops: str) -> bool:
        return self.tok.kind == "op" and self.tok.value in ops

    def at_word(self, *words: str) -> bool:
        return self.tok.kind == "name" and self.tok.value in words

    def expect_op(self, op: str) -> Token:
        if not self.at_op(op):
            raise self.error(f"expected '{op}'")
        return self.advance()

    def error(self, reason: str, token: Token | None = None) -> FeelError:
        token = token or self.tok
        if token.kind == "eof" and "expected" in reason:
            reason += " but the text ends"
        elif token.kind != "eof" and "expected" in reason:
            reason += f" but found {self.text[token.start : token.end]!r}"
        return FeelError(reason, self.text, token.start)

    def expect_end(self) -> None:
        if self.tok.kind != "eof":
            raise self.unsupported(self.tok)

    def unsupported(self, token: Token) -> FeelError:
        if token.kind == "name" and token.value in UNSUPPORTED_KEYWORDS:
            return FeelError(
                f"'{token.value}' is full FEEL, which is not supported (only S-FEEL)",
                self.text,
                token.start,
            )
        if token.kind == "op" and token.value in ("{", "}", ":", "?", "**"):
            return FeelError(
                f"'{token.value}' is full FEEL, which is not supported (only S-FEEL)",
                self.text,
                token.start,
            )
        shown = self.text[token.start : token.end]
        return FeelError(f"unexpected {shown!r}", self.text, token.start)

    # -- expressions ---------------------------------------------------
    def expression(self) -> Node:
        return self.disjunction()

    def disjunction(self) -> Node:
        node = self.conjunction()
        while self.at_word("or"):
            self.advance()
            node = BinaryOp("or", node, self.conjunction())
        return node

    def conjunction(self) -> Node:
        node = self.comparison()
        while self.at_word("and"):
            self.advance()
            node = BinaryOp("and", node, self.comparison())
        return node

    def comparison(self) -> Node:
        node = self.additive()
        if self.at_op("<", "<=", ">", ">=", "=", "!="):
            op = self.advance().value
            node = BinaryOp(op, node, self.additive())
        return node

    def additive(self) -> Node:
        node = self.multiplicative()
        while self.at_op("+", "-"):
            op = self.advance().value
            node = BinaryOp(op, node, self.multiplicative())
        return node

    def multiplicative(self) -> Node:
        node = self.unary()
        while self.at_op("*", "/"):
            op = self.advance().value
            node = BinaryOp(op, node, self.unary())
        return node

    def unary(self) -> Node:
        if self.at_op("-"):
            self.advance()
            operand = self.unary()
            if isinstance(operand, Literal) and isinstance(operand.value, Decimal):
                return Literal(-operand.value)
            return Negate(operand)
        return self.primary()

    def primary(self) -> Node:
        token = self.tok
        if self.at_op("("):
            self.advance()
            node = self.expression()
            self.expect_op(")")
            return node
        if token.kind in ("num", "str") or token.kind == "name":
            return self.value()
        if token.kind == "eof":
            raise self.error("expected a value")
        raise self.unsupported(token)

    def value(self) -> Node:
        """A literal, ``date("...")`` or a (possibly multi-word, dotted) name."""
        token = self.tok
        if token.kind == "num":
            self.advance()
            return Literal(Decimal(token.value))
        if token.kind == "str":
            self.advance()
            return Literal(token.value)
        if token.kind != "name":
            if token.kind == "eof":
                raise self.error("expected a value")
            raise self.unsupported(token)
        if token.value in ("true", "false"):
            self.advance()
            return Literal(token.value == "true")
        if token.value == "null":
            self.advance()
            return Literal(None)
        if not self.bare and (token.value in KEYWORDS or token.value in UNSUPPORTED_KEYWORDS):
            raise self.unsupported(token)
        if self.peek().kind == "op" and self.peek().value == "(":
            return self.call()
        return self.name()

    def call(self) -> Node:
        token = self.advance()
        if token.value != "date":
            raise FeelError(
                f"function '{token.value}' is not supported (only date(\"YYYY-MM-DD\"))",
                self.text,
                token.start,
            )
        self.expect_op("(")
        arg = self.tok
        if arg.kind != "str":
            raise self.error('date() needs a string such as "2019-01-01"', arg)
        self.advance()
        self.expect_op(")")
        try:
            return Literal(date.fromisoformat(arg.value))
        except ValueError:
            raise FeelError(
                f"{arg.value!r} is not a date (write YYYY-MM-DD)", self.text, arg.start
            ) from None

    def name(self) -> Node:
        first = self.tok
        parts: list[str] = [self.word()]
        while self.at_op(".") and self.peek().kind == "name" and not self.bare:
            self.advance()
            parts.append(self.word())
        if self.bare:
            end = self.tokens[self.pos - 1].end
            return Literal(self.text[first.start : end])
        return Name(tuple(parts))

    def word(self) -> str:
        """One name segment; consecutive words join with single spaces."""
        stop = _BARE_STOP_WORDS if self.bare else KEYWORDS | UNSUPPORTED_KEYWORDS
        kinds = ("name", "num") if self.bare else ("name",)
        words = [self.advance().value]
        while self.tok.kind in kinds and self.tok.value not in stop:
            words.append(self.advance().value)
        return " ".join(words)

    # -- unary tests ---------------------------------------------------
    def unary_tests(self) -> UnaryTests:
        if self.tok.kind == "eof" or (self.at_op("-") and self.peek().kind == "eof"):
            return UnaryTests(self.text, ())
        if self.at_word("not") and self.peek().kind == "op" and self.peek().value == "(":
            self.advance()
            self.advance()
            tests = self.positive_tests()
            self.expect_op(")")
            self.expect_end()
            return UnaryTests(self.text, tests, negated=True)
        tests = self.positive_tests()
        self.expect_end()
        return UnaryTests(self.text, tests)

    def positive_tests(self) -> tuple[PositiveTest, ...]:
        tests = [self.positive_test()]
        while self.at_op(","):
            self.advance()
            tests.append(self.positive_test())
        return tuple(tests)

    def positive_test(self) -> PositiveTest:
        if self.at_op("<", "<=", ">", ">=", "=", "!="):
            return Comparison(_COMPARISON_OPS[self.advance().value], self.endpoint())
        if self.at_op("[", "(", "]"):
            return self.interval()
        if self.at_op("-") and self.peek().kind != "num":
            raise FeelError("'-' (any value) must stand alone", self.text, self.tok.start)
        return Comparison("=", self.endpoint())

    def endpoint(self) -> Node:
        if self.at_op("-") and self.peek().kind == "num":
            self.advance()
            token = self.advance()
            return Literal(-Decimal(token.value))
        return self.value()

    def interval(self) -> Interval:
        opener = self.advance().value
        start = self.endpoint()
        if not self.at_op(".."):
            raise self.error("expected '..' in a range")
        self.advance()
        end = self.endpoint()
        if not self.at_op("]", ")", "["):
            raise self.error("expected ']', ')' or '[' to close the range")
        closer = self.advance().value
        return Interval(start, opener == "[", end, closer == "]")


def parse_unary_tests(
    text: str, *, bare_strings: bool = False, all_text: bool = False
) -> UnaryTests:
    """Parse an input entry or a list of allowed values.

    Args:
        text: the cell text; an empty text means ``-`` (any value).
        bare_strings: read bare words as strings (CSV/YAML tables).
        all_text: like ``bare_strings``, and read numbers as text too (for
            columns of type string: ``3511`` is ``"3511"``).

    Returns:
        The parsed tests.

    Raises:
        FeelError: when the text is not a supported unary test.
    """
    return _Parser(text, bare_strings, all_text).unary_tests()


def parse_expression(text: str, *, bare_strings: bool = False) -> Expression:
    """Parse a simple expression (output entry, input expression, default).

    Args:
        text: the expression text; must not be empty.
        bare_strings: read bare words as strings (CSV/YAML tables).

    Returns:
        The parsed expression.

    Raises:
        FeelError: when the text is not a supported expression.
    """
    parser = _Parser(text, bare_strings)
    if parser.tok.kind == "eof":
        raise FeelError("empty expression", text, 0)
    node = parser.expression()
    parser.expect_end()
    return Expression(text, node)


def parse_literal(text: str) -> FeelValue:
    """Parse one FEEL literal: number, string, boolean, null or ``date("...")``.

    A leading minus is allowed on numbers.

    Raises:
        FeelError: when the text is not a single literal.
    """
    expression = parse_expression(text)
    if not isinstance(expression.node, Literal):
        raise FeelError('expected a literal value (number, "string", true, false, null)', text, 0)
    return expression.node.value
