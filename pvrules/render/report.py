"""The advisory report: pick the format, render the templates, explain template errors.

Three formats share one :class:`~pvrules.render.report_data.ReportData`:

* ``markdown``: ``report.md.j2`` (plain jinja2, no escaping);
* ``html``: ``report.html.j2`` (autoescaped; see :mod:`pvrules.render.html`);
* ``docx``: ``report.docx``, a Word template filled by docxtpl
  (see :mod:`pvrules.render.docx`).

A folder given as ``template_dir`` overrides any of these templates by name
(and any template they include). Errors in a template become a
:class:`~pvrules.errors.TemplateError` naming the template and the line.
"""

from __future__ import annotations

import datetime as dt
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pvrules.errors import InputError, Problem, TemplateError
from pvrules.explain.advice import Corner
from pvrules.render.report_data import ReportData

FORMATS = ("markdown", "html", "docx")
EXTENSIONS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html",
              ".docx": "docx"}
TEMPLATES = {"markdown": "report.md.j2", "html": "report.html.j2", "docx": "report.docx"}


def format_for(path: str | None, fmt: str | None) -> str:
    """The output format: ``fmt`` if given, else from the file's extension.

    Raises:
        InputError: when neither says which format (or the extension is unknown).
    """
    if fmt:
        return fmt
    if path is None:
        return "markdown"
    suffix = Path(path).suffix.lower()
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    raise InputError(f"cannot tell the report format from '{path}'", [Problem(
        "unknown-format", f"unknown extension '{suffix or '(none)'}'", "--output",
        allowed=tuple(EXTENSIONS), suggestion="use .md, .html or .docx, or give --format")])


def parse_date(text: str | None) -> dt.date:
    """``--date YYYY-MM-DD`` as a date; today when not given.

    Raises:
        InputError: for a malformed date.
    """
    if not text:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(f"bad date '{text}'", [Problem(
            "bad-date", "expected a date as YYYY-MM-DD", "--date",
            suggestion="for example --date 2026-11-27")]) from None


def template_error(err: BaseException, name: str) -> TemplateError:
    """A :class:`TemplateError` for ``err`` raised by template ``name``, with its line."""
    from jinja2 import TemplateSyntaxError

    line: int | None = None
    filename = name
    if isinstance(err, TemplateSyntaxError):
        line = err.lineno
        filename = err.filename or err.name or name
    else:
        for frame in traceback.extract_tb(err.__traceback__):
            if frame.filename.endswith((".j2", ".html", ".md", ".xml", "<template>")) or \
                    frame.filename == filename:
                line = frame.lineno
                if frame.filename != "<template>":
                    filename = frame.filename
    kind = "syntax error" if isinstance(err, TemplateSyntaxError) else "error"
    where = f"{filename}:{line}" if line else filename
    message = getattr(err, "message", None) or str(err)
    article = "a" if kind == "syntax error" else "an"
    return TemplateError(f"template '{name}' has {article} {kind} at line {line or '?'}: "
                         f"{message}",
                         [Problem("template", f"{kind}: {message}", filename, line,
                                  suggestion=f"fix the template ({where})")])


def render_template(env: Any, name: str, **context: Any) -> str:
    """Render template ``name`` of ``env``; any jinja2 error becomes a TemplateError."""
    from jinja2 import TemplateError as JinjaError

    try:
        template = env.get_template(name)
        return str(template.render(**context))
    except TemplateError:
        raise
    except (JinjaError, TypeError, ValueError, AttributeError, KeyError) as err:
        raise template_error(err, name) from None


def level_bar(corner: Corner) -> str:
    """The corner's level as a small bar: ``●●○`` (``?`` when unknown)."""
    if corner.rank is None or corner.max_rank <= 0:
        return "?"
    return "●" * (corner.rank + 1) + "○" * (corner.max_rank - corner.rank)


def md_cell(value: object) -> str:
    """Text safe in one Markdown table cell: no line breaks, pipes escaped."""
    return " ".join(str(value).split()).replace("|", "\\|")


def one_line(value: object) -> str:
    """Text on one line (line breaks become spaces)."""
    return " ".join(str(value).split())


def _filters() -> dict[str, Callable[..., Any]]:
    return {"cell": md_cell, "oneline": one_line, "bar": level_bar}


def render_markdown_report(data: ReportData, template_dir: str | None = None) -> str:
    """The report as Markdown text."""
    from pvrules.render.markdown import template_env

    env = template_env(template_dir).overlay()
    env.filters.update(_filters())
    text = render_template(env, TEMPLATES["markdown"], r=data, t=data.t)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip() + "\n"


def render_report(data: ReportData, fmt: str, template_dir: str | None = None) -> bytes:
    """The report in ``fmt`` (``markdown``, ``html`` or ``docx``) as bytes.

    Args:
        data: the report's data.
        fmt: the output format.
        template_dir: a folder whose templates override the built-in ones by name.

    Returns:
        The file's bytes, the same for the same input and date.
    """
    if fmt == "markdown":
        return render_markdown_report(data, template_dir).encode("utf-8")
    if fmt == "html":
        from pvrules.render.html import render_html_report

        return render_html_report(data, template_dir).encode("utf-8")
    if fmt == "docx":
        from pvrules.render.docx import render_docx_report

        return render_docx_report(data, template_dir)
    raise InputError(f"unknown report format '{fmt}'", [Problem(
        "unknown-format", f"unknown format '{fmt}'", "--format", allowed=FORMATS)])
