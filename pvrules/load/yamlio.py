"""Strict, safe YAML reading with line numbers.

Rule and case files are untrusted input written by people. They are read with
a private :class:`yaml.SafeLoader` subclass that

* never constructs Python objects (safe loading only),
* rejects duplicate keys in a mapping,
* keeps dates as plain strings (``2019-09-01`` stays text), and
* records the line of every mapping key and sequence item, so that errors can
  name ``file:line`` for a path such as ``opgaven[2].schaal``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

import yaml

from pvrules.errors import FileFormatError, Problem

Loc = tuple[str | int, ...]


_Base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictSafeLoader(_Base):  # type: ignore[misc]
    """Safe loader (libyaml's C parser when present) without the timestamp resolver.

    A private subclass: PyYAML's shared loaders are never modified. The implicit tag
    of a scalar depends only on its text (no path resolvers here), so it is resolved
    once per text and loader: PyYAML's resolver is Python even under libyaml.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.pvrules_resolved: dict[str, str] = {}

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        """The tag of a node: PyYAML's answer, memoised per plain scalar's text.

        Without path resolvers (this class has none: checked below) PyYAML's resolver
        gives a plain scalar the tag of its text, any other scalar the ``str`` tag and a
        collection the ``seq`` or ``map`` tag; libyaml asks once per node, so these
        answers are given here without its Python call chain
        (tests/load/test_yamlio_fast.py checks them against PyYAML's).
        """
        if kind is yaml.ScalarNode:
            if not implicit[0]:
                return _STR
            tag = self.pvrules_resolved.get(value)
            if tag is None:
                tag = super().resolve(kind, value, implicit)
                self.pvrules_resolved[value] = tag
            return tag
        if kind is yaml.MappingNode:
            return _MAP
        if kind is yaml.SequenceNode:
            return _SEQ
        return super().resolve(kind, value, implicit)  # type: ignore[no-any-return]


_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_PLAIN = (True, False)
_MERGED = frozenset({"tag:yaml.org,2002:merge", "tag:yaml.org,2002:value"})

_StrictSafeLoader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class Document:
    """A parsed file: its data and the line of every path inside it."""

    data: Any
    source: str
    lines: dict[Loc, int]

    def line_of(self, loc: Loc) -> int | None:
        """Return the line of ``loc`` or of its nearest enclosing path."""
        probe = tuple(loc)
        while True:
            if probe in self.lines:
                return self.lines[probe]
            if not probe:
                return None
            probe = probe[:-1]


def format_loc(loc: Loc) -> str:
    """Render a path as ``opgaven[2].schaal`` (indexes as given, 0-based)."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text


MAX_NODES = 2_000_000
"""Upper bound on values read from one file (stops alias "billion laughs" blow-ups)."""
MAX_DEPTH = 64
"""Deepest nesting of mappings and lists accepted in one file."""


def _too_deep(source: str, line: int | None, loc: Loc) -> FileFormatError:
    return FileFormatError("the file is nested too deeply", [Problem(
        "too-deep", f"mappings and lists are nested more than {MAX_DEPTH} levels deep", source,
        line, format_loc(loc[:8]) + ("..." if len(loc) > 8 else "") or None)])


def check_plain(data: Any, source: str, lines: dict[Loc, int] | None = None) -> None:
    """Refuse nesting deeper than :data:`MAX_DEPTH` and text that is not valid Unicode.

    Escapes such as JSON's backslash-u-d800 give lone surrogates, which cannot be
    written as UTF-8 anywhere later; they are refused here, with their place.
    """
    stack: list[tuple[Any, Loc]] = [(data, ())]
    while stack:
        value, loc = stack.pop()
        if len(loc) > MAX_DEPTH:
            raise _too_deep(source, (lines or {}).get(loc), loc)
        if isinstance(value, dict):
            for key, item in value.items():
                _check_text(str(key), source, (*loc, str(key)), lines)
                stack.append((item, (*loc, str(key))))
        elif isinstance(value, list):
            stack.extend((item, (*loc, i)) for i, item in enumerate(value))
        elif isinstance(value, str):
            _check_text(value, source, loc, lines)


def _check_text(text: str, source: str, loc: Loc, lines: dict[Loc, int] | None) -> None:
    if text.isascii():
        return
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as err:
        raise FileFormatError("the file holds text that is not valid Unicode", [Problem(
            "encoding", f"character {err.start + 1} is a lone surrogate "
            f"(\\u{ord(text[err.start]):04x}), which is not a character", source,
            (lines or {}).get(loc), format_loc(loc) or None,
            suggestion="remove the escape, or write the character itself")]) from err


def _convert(loader: _StrictSafeLoader, node: yaml.Node, loc: Loc, lines: dict[Loc, int],
             source: str, budget: list[int]) -> Any:
    budget[0] -= 1
    if len(loc) > MAX_DEPTH:
        raise _too_deep(source, node.start_mark.line + 1, loc)
    if budget[0] < 0:
        raise FileFormatError("the file is too large or expands too much",
                              [Problem("yaml-too-large", f"more than {MAX_NODES} values "
                                       "(check for repeated aliases)", source,
                                       node.start_mark.line + 1)])
    if loc not in lines:  # a mapping's value has its key's line already
        lines[loc] = node.start_mark.line + 1
    kind = type(node)
    if kind is yaml.ScalarNode:  # the most common node first
        value = node.value
        if node.tag == _STR and (getattr(node, "style", None) not in (None, "")
                                 or loader.resolve(kind, value, _PLAIN) == _STR):
            # text as written (_check_scalar's checks pass): what the constructor
            # would return, without its machinery
            if not value.isascii():
                _check_text(value, source, loc, lines)
            return value
        _check_scalar(loader, node, loc, source)
        if node.tag == _STR:
            _check_text(value, source, loc, lines)
            return value
        return loader.construct_object(node, deep=True)
    expected = None
    if kind is yaml.MappingNode:
        expected = "tag:yaml.org,2002:map"
    elif kind is yaml.SequenceNode:
        expected = "tag:yaml.org,2002:seq"
    if expected is not None and node.tag != expected:
        raise FileFormatError(
            "YAML tags are not allowed",
            [Problem("yaml-tag", f"the tag '{node.tag}' is not allowed here", source,
                     node.start_mark.line + 1, format_loc(loc),
                     suggestion="remove the '!!...' tag; files hold plain data only")])
    if isinstance(node, yaml.MappingNode):
        if any(key_node.tag in _MERGED for key_node, _value in node.value):
            loader.flatten_mapping(node)  # it changes only '<<' and '=' keys
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            # Keys are always text: YAML 1.1 would read `no:` as false and `1:` as a number.
            key = (key_node.value if isinstance(key_node, yaml.ScalarNode)
                   else loader.construct_object(key_node, deep=True))
            if not isinstance(key, str | int | float | bool) and key is not None:
                raise FileFormatError(
                    "a mapping key must be plain text",
                    [Problem("bad-key", f"unsupported key {key!r}", source,
                             key_node.start_mark.line + 1, format_loc(loc))],
                )
            key = str(key) if not isinstance(key, str) else key
            if key in result:
                raise FileFormatError(
                    f"duplicate key '{key}'",
                    [Problem("duplicate-key",
                             f"the key '{key}' appears twice in the same mapping "
                             f"(first on line {lines.get((*loc, key))})",
                             source, key_node.start_mark.line + 1, format_loc((*loc, key)),
                             suggestion="remove or rename one of them")],
                )
            at = (*loc, key)
            lines[at] = key_node.start_mark.line + 1
            if not key.isascii():
                _check_text(key, source, at, lines)
            result[key] = _convert(loader, value_node, at, lines, source, budget)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _convert(loader, item, (*loc, i), lines, source, budget)
            for i, item in enumerate(node.value)
        ]
    _check_scalar(loader, node, loc, source)
    if node.tag == _STR:  # what the constructor would return, without its machinery
        _check_text(node.value, source, loc, lines)
        return node.value
    return loader.construct_object(node, deep=True)


_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_PLAIN_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_ODD_FLOAT = re.compile(r"[_:]|^[-+]?0[0-9]")


def _check_scalar(loader: _StrictSafeLoader, node: yaml.Node, loc: Loc, source: str) -> None:
    """Refuse explicit tags and numbers YAML would silently rewrite (``007``, ``0x1F``).

    YAML 1.1 reads ``007`` as 7, ``0x1F`` as 31 and ``12:30`` as 750: an id or text
    written that way would change without a word. Such values must be quoted.
    """
    plain = getattr(node, "style", None) in (None, "")
    expected = (loader.resolve(yaml.ScalarNode, node.value, (True, False)) if plain
                else _STR)
    line = node.start_mark.line + 1
    if node.tag != expected:
        raise FileFormatError("YAML tags are not allowed", [Problem(
            "yaml-tag", f"the tag '{node.tag}' is not allowed here", source, line,
            format_loc(loc) or None,
            suggestion="remove the '!!...' tag; files hold plain data only")])
    text = str(node.value)
    odd = ((node.tag == _INT and not _PLAIN_INT.fullmatch(text))
           or (node.tag == _FLOAT and _ODD_FLOAT.search(text) is not None))
    if odd:
        raise FileFormatError("a value would change its meaning", [Problem(
            "yaml-number", f"YAML reads {text} as the number "
            f"{loader.construct_object(node, deep=True)!r}, not as written", source, line,
            format_loc(loc) or None,
            suggestion=f"quote it to keep it as written: '{text}'")])


def parse_yaml(text: str, source: str) -> Document:
    """Parse YAML ``text`` from ``source`` (a name used in error messages)."""
    loader = _StrictSafeLoader(text)
    lines: dict[Loc, int] = {}
    try:
        node = loader.get_single_node()
        data = None if node is None else _convert(loader, node, (), lines, source, [MAX_NODES])
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        raise FileFormatError(
            "the file is not valid YAML",
            [Problem("yaml-syntax", f"{err.problem or err.context}", source,
                     mark.line + 1 if mark else None,
                     suggestion="check the indentation and quoting on this line")],
        ) from err
    except yaml.YAMLError as err:
        raise FileFormatError(
            "the file is not valid YAML", [Problem("yaml-syntax", str(err), source)]
        ) from err
    except RecursionError as err:
        raise _too_deep(source, None, ()) from err
    except ValueError as err:  # e.g. an integer of more than 4300 digits
        raise FileFormatError("the file is not valid YAML", [Problem(
            "yaml-value", str(err), source, suggestion="quote the value to keep it as text")]
        ) from err
    finally:
        loader.dispose()
    # Depth and Unicode were checked while converting (check_plain's checks, one walk).
    return Document(data, source, lines)


class _DuplicateKey(ValueError):
    pass


def _reject_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(f"duplicate key '{key}'")
        result[key] = value
    return result


def parse_json(text: str, source: str) -> Document:
    """Parse JSON ``text``; paths get no line numbers beyond the syntax error."""
    try:
        data = json.loads(text, object_pairs_hook=_reject_duplicates)
    except json.JSONDecodeError as err:
        raise FileFormatError(
            "the file is not valid JSON",
            [Problem("json-syntax", err.msg, source, err.lineno)],
        ) from err
    except _DuplicateKey as err:
        raise FileFormatError(
            "the file is not valid JSON", [Problem("duplicate-key", str(err), source)]
        ) from err
    except RecursionError as err:
        raise _too_deep(source, None, ()) from err
    except ValueError as err:  # e.g. an integer of more than 4300 digits
        raise FileFormatError(
            "the file is not valid JSON", [Problem("json-value", str(err), source)]
        ) from err
    check_plain(data, source)
    return Document(data, source, {})


def parse_text(text: str, source: str) -> Document:
    """Parse YAML or JSON, choosing by the file name's extension."""
    if source.lower().endswith(".json"):
        return parse_json(text, source)
    return parse_yaml(text, source)


def read_document(path: str) -> Document:
    """Read and parse a YAML or JSON file from disk (``-``: standard input, as YAML).

    The file must be a regular file within the size cap of :mod:`pvrules.load.reading`.
    """
    from pvrules.load.reading import STDIN, read_input_text

    text = read_input_text(path)
    return parse_text(text, "<stdin>" if path == STDIN else path)
