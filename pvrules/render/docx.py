"""The advice as a Word document, filled in by docxtpl in the template sandbox.

The Word template ``report.docx`` (built by ``scripts/make_docx_template.py``)
holds jinja2 tags in its paragraphs and table rows; it receives the same
context as the other formats plus ``triangle``, the triangle as a PNG image.
Its tags render in :mod:`pvrules.sandbox` like every other template, and texts
are XML-escaped, so a case cannot break the document.

What a Dutch office expects is set here, on the rendered document: A4 (from the
template), the language of every style (``nl-NL``, or ``en-GB`` for English),
and the properties title, subject and author. The bytes are reproducible: the
zip entries and core properties carry the document's date, not the clock.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Mapping
from importlib import resources
from typing import Any

from pvrules.errors import Problem, TemplateError
from pvrules.render.env import TEMPLATES, template_env, template_error
from pvrules.render.escape import xml_safe
from pvrules.render.triangle import render_png

TRIANGLE_WIDTH_MM = 95
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
LANGUAGES = {"nl": "nl-NL", "en": "en-GB"}
SEPARATORS = {"nl": {"w:decimalSymbol": ",", "w:listSeparator": ";"},
              "en": {"w:decimalSymbol": ".", "w:listSeparator": ","}}
"""The decimal sign and list separator of Word's fields, as in the document's language."""
_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")


def template_bytes(template_dir: str | None = None, name: str = TEMPLATES["docx"]
                   ) -> tuple[bytes, str]:
    """The Word template ``name``'s bytes and where it came from (``--template-dir`` first)."""
    from pvrules.sandbox import confined_path

    if template_dir:
        own = confined_path(template_dir, name)
        if own is not None:
            return own.read_bytes(), str(own)
    entry = resources.files("pvrules.render") / "templates" / name
    return entry.read_bytes(), name


def open_template(template_dir: str | None = None, name: str = TEMPLATES["docx"]
                  ) -> tuple[Any, str]:
    """The Word template ``name`` opened by docxtpl, and where it came from.

    Raises:
        TemplateError: when the file is not a valid .docx.
    """
    from docxtpl import DocxTemplate

    raw, where = template_bytes(template_dir, name)
    try:
        tpl = DocxTemplate(io.BytesIO(raw))
        tpl.init_docx()
    except (zipfile.BadZipFile, KeyError, ValueError) as err:
        raise TemplateError(f"template '{where}' is not a Word document: {err}", [Problem(
            "template", "not a valid .docx file", where,
            suggestion="save the template from Word as .docx")]) from None
    return tpl, where


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


def set_properties(document: Any, *, title: str, subject: str, author: str, day: dt.date,
                   lang: str) -> None:
    """Pin the Word core properties: title, subject, author, language; the date, no clock."""
    stamp = dt.datetime(day.year, day.month, day.day)
    props = document.core_properties
    props.title = str(xml_safe(title))[:255]
    props.subject = str(xml_safe(subject))[:255]
    props.author = str(xml_safe(author))[:255]
    props.last_modified_by = props.author
    props.created = stamp
    props.modified = stamp
    props.last_printed = stamp
    props.revision = 1
    props.language = LANGUAGES.get(lang, "nl-NL")
    props.comments = ""
    props.keywords = ""
    props.category = ""


def set_language(document: Any, lang: str) -> None:
    """Give the document defaults and every style the proofing language ``nl-NL``/``en-GB``."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tag = LANGUAGES.get(lang, "nl-NL")
    root = document.styles.element
    holders = list(root.findall(qn("w:style")))
    defaults = root.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr_default = defaults.find(qn("w:rPrDefault"))
        if rpr_default is None:
            rpr_default = OxmlElement("w:rPrDefault")
            defaults.insert(0, rpr_default)
        holders.insert(0, rpr_default)
    for holder in holders:
        rpr = holder.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            holder.append(rpr)
        found = rpr.find(qn("w:lang"))
        if found is None:
            found = OxmlElement("w:lang")
            after = next((el for el in rpr if el.tag in {qn(t) for t in _AFTER_LANG}), None)
            if after is None:
                rpr.append(found)
            else:
                after.addprevious(found)
        for attr in ("w:val", "w:eastAsia", "w:bidi"):
            found.set(qn(attr), tag)
    settings = document.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), tag)
    for name, value in SEPARATORS.get(lang, SEPARATORS["nl"]).items():
        found = settings.find(qn(name))
        if found is not None:
            found.set(qn("w:val"), value)


def render_docx(context: Mapping[str, Any], template_dir: str | None = None) -> bytes:
    """The document as .docx bytes, from the context of :func:`pvrules.render.report.context`.

    Raises:
        TemplateError: when the Word template is not a valid .docx or its tags fail.
    """
    from docx.shared import Mm
    from docxtpl import InlineImage
    from jinja2 import TemplateError as JinjaError

    tpl, where = open_template(template_dir)
    d = context["d"]
    png = render_png(d.get("triangle", {}).get("corners", []))
    full = {**context, "triangle": InlineImage(tpl, io.BytesIO(png), width=Mm(TRIANGLE_WIDTH_MM))}
    try:
        tpl.render(full, template_env(template_dir, autoescape=True), autoescape=True)
    except (JinjaError, TypeError, ValueError, AttributeError, KeyError, OverflowError,
            ArithmeticError, RecursionError) as err:
        error = template_error(err, where)
        near = " / ".join(s.strip() for s in getattr(err, "docx_context", ()) if s.strip())
        if near:
            error.message += f" (near: {near[:200]})"
        raise error from None
    day = dt.date.fromisoformat(context["date"])
    case = d.get("case", {})
    m = context["m"]
    set_properties(tpl.docx, title=f"{m('report.title')}: {case.get('title') or ''}",
                   subject=case.get("question") or "", author=case.get("author") or "",
                   day=day, lang=context["lang"])
    set_language(tpl.docx, context["lang"])
    buf = io.BytesIO()
    tpl.save(buf)
    return normalize_zip(buf.getvalue(), day)
