"""The advice document: pick the format, build the template context, render.

Every format renders the same decisions (the JSON shape of
:mod:`pvrules.explain.decisions`, as plain dicts) through the sandboxed
environment of :mod:`pvrules.render.env`:

* ``markdown``: ``report.md.j2`` (every text escaped for Markdown);
* ``html``: ``report.html.j2`` (autoescaped; see :mod:`pvrules.render.html`);
* ``docx``: ``report.docx``, a Word template filled by docxtpl
  (see :mod:`pvrules.render.docx`).

A folder given as ``template_dir`` overrides any of these templates by name.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pvrules.errors import InputError, Problem
from pvrules.render.env import long_date, messages

FORMATS = ("markdown", "html", "docx")
EXTENSIONS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html",
              ".docx": "docx"}


def format_for(path: str | None, fmt: str | None) -> str:
    """The output format: ``fmt`` if given, else from the file's extension.

    Raises:
        InputError: when neither says which format (or the extension is unknown).
    """
    if fmt:
        return fmt
    if path is None or path == "-":
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


def plain(value: Any) -> Any:
    """Decisions (dataclasses) as the plain data of their JSON shape; internal fields left out."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)
                if not f.metadata.get("internal")}
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def further_groups(data: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The recommendation groups without what the body already shows (the tasks table)."""
    shown = {(row.get("form"), row.get("chain")) for row in data.get("analysis") or ()}
    out = []
    for group in data.get("recommendation_groups") or ():
        items = [r for r in group["items"] if (r.get("item"), r.get("chain")) not in shown]
        if items:
            out.append({**group, "items": items})
    return out


def context(decisions: Any, lang: str, day: dt.date,
            author: str | None = None) -> dict[str, Any]:
    """What every template receives.

    That is ``d`` (the decisions as data), ``groups`` (the recommendation groups the body
    still has to show), ``m`` (the messages), ``lang``, ``date`` and ``fdate``.

    Args:
        decisions: the decisions (:class:`~pvrules.explain.decisions_model.Decisions` or
            its JSON shape as plain data).
        lang: ``nl`` or ``en``.
        day: the document's date.
        author: overrides ``case.author`` (``--author``).
    """
    data = plain(decisions)
    if "route_groups" not in data:  # decisions written before the route was grouped
        steps = data.get("route") or []
        data["route_groups"] = [{"heading": None, "steps": steps, "first": 1}] if steps else []
    data.setdefault("approach", None)
    if isinstance(data.get("triangle"), dict):
        data["triangle"].setdefault("text", "")
    if author:
        data["case"] = {**data.get("case", {}), "author": author}
    return {"d": data, "groups": further_groups(data), "m": messages(lang),
            "lang": "en" if lang == "en" else "nl", "date": day.isoformat(),
            "fdate": lambda value: long_date(value, lang)}


def render_report(decisions: Any, fmt: str, *, lang: str, day: dt.date,
                  template_dir: str | None = None, author: str | None = None) -> bytes:
    """The document in ``fmt`` (``markdown``, ``html`` or ``docx``) as bytes.

    Args:
        decisions: the decisions (dataclasses or their JSON shape).
        fmt: the output format.
        lang: ``nl`` or ``en``.
        day: the document's date.
        template_dir: a folder whose templates override the built-in ones by name.
        author: the author (Word property and background), over ``case.author``.

    Returns:
        The file's bytes, the same for the same input and date.
    """
    ctx = context(decisions, lang, day, author)
    from pvrules.render.notitie import is_notitie, render_notitie

    if is_notitie(ctx) and fmt in FORMATS:  # casus.document: notitie
        return render_notitie(ctx, fmt, template_dir)
    if fmt == "markdown":
        from pvrules.render.markdown import render_markdown

        return render_markdown(ctx, template_dir).encode("utf-8")
    if fmt == "html":
        from pvrules.render.html import render_html

        return render_html(ctx, template_dir).encode("utf-8")
    if fmt == "docx":
        from pvrules.render.docx import render_docx

        return render_docx(ctx, template_dir)
    raise InputError(f"unknown report format '{fmt}'", [Problem(
        "unknown-format", f"unknown format '{fmt}'", "--format", allowed=FORMATS)])
