"""Parse untrusted XML into an ElementTree, refusing DTDs and entities.

DMN and TCK files come from modelers and other organisations, so they are
untrusted. The standard library's expat parser is used directly (as
``defusedxml`` does, without adding a dependency): a document type
declaration, an entity declaration or an external entity reference is
refused with a :class:`~pvrules.errors.TableError` before anything is
expanded. The result is a normal :class:`xml.etree.ElementTree.Element`
tree, plus the line number of every element for error messages.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn
from xml.parsers import expat

from pvrules.errors import TableError
from pvrules.tables.problems import table_error

MAX_XML_BYTES = 20 * 1024 * 1024
"""Largest XML file read (20 MiB); decision models are far smaller."""


@dataclass
class XmlDocument:
    """A parsed XML document.

    Attributes:
        root: the root element; tags are ``{namespace}local``.
        lines: 1-based line of the start tag of every element.
        file: the file name used in messages.
    """

    root: ET.Element
    file: str
    lines: dict[ET.Element, int] = field(default_factory=dict)

    def line(self, element: ET.Element) -> int | None:
        """Line of ``element``'s start tag, if known."""
        return self.lines.get(element)


class _Refused(Exception):
    """Raised inside expat callbacks to stop on a forbidden construct."""

    def __init__(self, what: str, line: int) -> None:
        super().__init__(what)
        self.what = what
        self.line = line


def _error(code: str, message: str, file: str, line: int | None) -> TableError:
    return table_error(code, message, file=file, line=line, summary="cannot read the XML file")


def parse_xml_bytes(data: bytes, file: str) -> XmlDocument:
    """Parse XML bytes safely.

    Args:
        data: the raw document.
        file: name of the file, for messages.

    Returns:
        The parsed document with element line numbers.

    Raises:
        TableError: ``table-xml-unsafe`` for a DOCTYPE, ENTITY or external
            entity; ``table-xml`` for a document that is not well-formed or
            too large.
    """
    if len(data) > MAX_XML_BYTES:
        raise _error(
            "table-xml",
            f"the file is larger than {MAX_XML_BYTES // (1024 * 1024)} MiB",
            file,
            None,
        )
    builder = ET.TreeBuilder()
    lines: dict[ET.Element, int] = {}
    parser = expat.ParserCreate(namespace_separator="}")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def refuse(what: str) -> NoReturn:
        raise _Refused(what, parser.CurrentLineNumber)

    def start(name: str, attrs: dict[str, str]) -> None:
        tag = "{" + name if "}" in name else name
        attributes = {("{" + k if "}" in k else k): v for k, v in attrs.items()}
        element = builder.start(tag, attributes)
        lines[element] = parser.CurrentLineNumber

    def end(name: str) -> None:
        builder.end("{" + name if "}" in name else name)

    def doctype(*_args: object) -> None:
        refuse("a DOCTYPE declaration")

    def entity(*_args: object) -> None:
        refuse("an ENTITY declaration")

    def external(*_args: object) -> int:
        refuse("an external entity reference")

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = builder.data
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.UnparsedEntityDeclHandler = entity
    parser.ExternalEntityRefHandler = external
    try:
        parser.Parse(data, True)
    except _Refused as refused:
        raise _error(
            "table-xml-unsafe",
            f"the XML contains {refused.what}; DTDs and entities are refused "
            "in decision files (remove the <!DOCTYPE ...> part)",
            file,
            refused.line,
        ) from None
    except expat.ExpatError as exc:
        reason = expat.errors.messages.get(exc.code, str(exc)) if exc.code else str(exc)
        raise _error(
            "table-xml",
            f"not well-formed XML: {reason} (column {exc.offset + 1})",
            file,
            exc.lineno,
        ) from None
    return XmlDocument(builder.close(), file, lines)


def parse_xml_file(path: Path) -> XmlDocument:
    """Read and parse an XML file safely; see :func:`parse_xml_bytes`.

    Raises:
        TableError: ``table-file`` when the file cannot be read, or any error
            of :func:`parse_xml_bytes`.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _error(
            "table-file", f"cannot read the file: {exc.strerror or exc}", str(path), None
        ) from None
    return parse_xml_bytes(data, str(path))


def local_name(tag: str) -> str:
    """Tag without its ``{namespace}`` part."""
    return tag.rsplit("}", 1)[-1]


def namespace(tag: str) -> str:
    """The ``{namespace}`` part of a tag, without braces ('' when none)."""
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""
