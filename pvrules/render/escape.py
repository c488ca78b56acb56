"""Make case and knowledge-base text safe in Markdown, on a terminal and in XML.

A case file is written by a user; its texts must show as text wherever they
land. In Markdown a name may not open a tag (``<script>``), a comment (``<!--``
hides the rest of the page), a link (``[x](javascript:...)``), a heading or a
table; on a terminal it may not carry escape sequences that move the cursor
or rewrite the screen. HTML and Word escape through jinja2's autoescape.
"""

from __future__ import annotations

import re

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_MD_LINE_START = re.compile(r"^(\s*)(?:([-+=#])|(\d+)([.)]))")


def strip_control(text: str) -> str:
    """``text`` without terminal escape sequences and control characters (keeps newline, tab)."""
    return _CONTROL.sub("", _ANSI.sub("", text))


def one_line(value: object) -> str:
    """Text on one line: control characters dropped, runs of white space one space."""
    return " ".join(strip_control(str(value)).split())


def md_text(value: object) -> str:
    """Case or knowledge-base text as literal Markdown on one line.

    Markdown's punctuation is backslash-escaped, so the text cannot open HTML
    (``<script>``, ``<!--``), a link, emphasis, a heading, a list or a table
    cell; line breaks become spaces.
    """
    text = _MD_SPECIAL.sub(r"\\\1", one_line(value))
    return _MD_LINE_START.sub(_escape_start, text)


def _escape_start(match: re.Match[str]) -> str:
    pad, mark, digits, dot = match.groups()
    return f"{pad}\\{mark}" if mark else f"{pad}{digits}\\{dot}"


def md_url(value: object) -> str:
    """A web address as a Markdown autolink, or escaped text when it is not http(s)."""
    text = one_line(value)
    if re.fullmatch(r"https?://[^\s<>\"'`]+", text, flags=re.IGNORECASE):
        return f"<{text}>"
    return md_text(text)


def is_web_url(value: object) -> bool:
    """Whether ``value`` is an http(s) address without spaces or quotes (only those link)."""
    return isinstance(value, str) and re.fullmatch(
        r"https?://[^\s<>\"'`]+", value, flags=re.IGNORECASE) is not None


def xml_safe(value: object) -> object:
    """Drop characters XML 1.0 forbids; a stray control character would corrupt a .docx."""
    if not isinstance(value, str):
        return value
    cleaned = _XML_BAD.sub("", value)
    return value if cleaned == value else type(value)(cleaned)  # Markup stays Markup
