"""The advisory report as a Word document, filled in by docxtpl.

The Word template ``report.docx`` (built by ``scripts/make_docx_template.py``)
holds jinja2 tags in its paragraphs and table rows; it receives the same ``r``
and ``t`` as the other templates, plus ``triangle``: the triangle as a PNG
image. Texts are XML-escaped (autoescape), so names and notes from a case file
cannot break the document.

The bytes are reproducible: the zip entries get a fixed timestamp (the
report's date) and the core properties (created, modified, revision) are set
from the report's date, not the clock.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from importlib import resources
from pathlib import Path
from typing import Any

from pvrules.errors import Problem, TemplateError
from pvrules.render.report import TEMPLATES, level_bar, one_line, template_error
from pvrules.render.report_data import ReportData
from pvrules.render.triangle import render_png

TRIANGLE_WIDTH_MM = 120
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def template_bytes(template_dir: str | None = None) -> tuple[bytes, str]:
    """The Word template's bytes and where it came from (``--template-dir`` first)."""
    name = TEMPLATES["docx"]
    if template_dir:
        own = Path(template_dir) / name
        if own.is_file():
            return own.read_bytes(), str(own)
    entry = resources.files("pvrules.render") / "templates" / name
    return entry.read_bytes(), name


def normalize_zip(data: bytes, day: dt.date | None = None) -> bytes:
    """Rewrite a zip (docx) with fixed timestamps and attributes, entries in the same order.

    Args:
        data: the zip file's bytes.
        day: the timestamp for every entry (1980-01-01 when ``None``).

    Returns:
        The same archive, byte-for-byte reproducible.
    """
    stamp = (day.year, day.month, day.day, 0, 0, 0) if day and day.year >= 1980 else ZIP_EPOCH
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.create_system = 0
            fixed.external_attr = 0
            dst.writestr(fixed, src.read(info.filename), compresslevel=6)
    return out.getvalue()


def set_core_properties(document: Any, title: str, day: dt.date, lang: str) -> None:
    """Pin the Word core properties (no clock, no user name)."""
    stamp = dt.datetime(day.year, day.month, day.day)
    props = document.core_properties
    props.title = xml_safe(title)
    props.author = "pvrules"
    props.last_modified_by = "pvrules"
    props.created = stamp
    props.modified = stamp
    props.last_printed = stamp
    props.revision = 1
    props.language = "nl-NL" if lang == "nl" else "en-GB"
    props.comments = ""
    props.keywords = "pvrules"


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(value: Any) -> Any:
    """Drop characters XML 1.0 forbids (a stray control character would corrupt the .docx)."""
    return _NOT_XML.sub("", value) if isinstance(value, str) else value


def _env() -> Any:
    from jinja2 import Environment, StrictUndefined

    env = Environment(autoescape=True, undefined=StrictUndefined, finalize=xml_safe)
    env.filters.update({"oneline": one_line, "bar": level_bar})
    return env


def render_docx_report(data: ReportData, template_dir: str | None = None) -> bytes:
    """The report as .docx bytes.

    Raises:
        TemplateError: when the Word template is not a valid .docx or its tags fail.
    """
    from docx.shared import Mm
    from docxtpl import DocxTemplate, InlineImage
    from jinja2 import TemplateError as JinjaError

    raw, where = template_bytes(template_dir)
    try:
        tpl = DocxTemplate(io.BytesIO(raw))
        tpl.init_docx()
    except (zipfile.BadZipFile, KeyError, ValueError) as err:
        raise TemplateError(f"template '{where}' is not a Word document: {err}", [Problem(
            "template", "not a valid .docx file", where,
            suggestion="save the template from Word as .docx")]) from None
    steps = max((c.max_rank for c in data.corners), default=2) or 2
    png = render_png(data.triangle, steps=steps)
    context = {"r": data, "t": data.t,
               "triangle": InlineImage(tpl, io.BytesIO(png), width=Mm(TRIANGLE_WIDTH_MM))}
    try:
        tpl.render(context, _env(), autoescape=True)
    except (JinjaError, TypeError, ValueError, AttributeError, KeyError) as err:
        error = template_error(err, where)
        near = " / ".join(s.strip() for s in getattr(err, "docx_context", ()) if s.strip())
        if near:
            error.message += f" (near: {near[:200]})"
        raise error from None
    set_core_properties(tpl.docx, f"{data.t['report']}: {data.title}",
                        dt.date.fromisoformat(data.date), data.lang)
    buf = io.BytesIO()
    tpl.save(buf)
    return normalize_zip(buf.getvalue(), dt.date.fromisoformat(data.date))
