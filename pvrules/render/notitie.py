"""The notitie "Eerste indruk en plan van aanpak" (``casus.document: notitie``).

An early-stage case gets a short note instead of a raad advice: the first impression,
what we know, what we do not know yet, a plan of approach, and when college and raad come
in. It renders the same decisions as the advice (see :mod:`pvrules.render.report`) through
``notitie.md.j2`` or ``notitie.html.j2``; there is no route table, no kaders list and no
options chapter. Word fills ``notitie.docx`` (built by scripts/make_notitie_docx.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pvrules.errors import InputError, Problem
from pvrules.render.env import render_template, template_env, tidy

NOTITIE = "notitie"
"""The value of ``casus.document`` that selects this document."""
TEMPLATES = {"markdown": "notitie.md.j2", "html": "notitie.html.j2", "docx": "notitie.docx"}
MAX_UNKNOWN = 6
"""At most this many find-out items are listed as questions; the rest in one sentence."""


def is_notitie(context: Mapping[str, Any]) -> bool:
    """Whether the decisions in ``context`` are for a notitie."""
    case = context["d"].get("case") or {}
    return bool(case.get("document") == NOTITIE)


def notitie_hint(data: Mapping[str, Any], lang: str) -> str | None:
    """A hint that a notitie may fit better, or ``None``; it never switches by itself.

    Given for an advice (``casus.document`` not ``notitie``) with no options on the table
    and most corners of the triangle still unknown: an early case.
    """
    from pvrules.messages import Messages

    if (data.get("case") or {}).get("document", "advies") == NOTITIE or data.get("options"):
        return None
    corners = (data.get("triangle") or {}).get("corners") or []
    unknown = sum(1 for c in corners if c.get("rank") is None)
    if not corners or 2 * unknown <= len(corners):
        return None
    return Messages(lang)("notitie.hint")


def render_notitie(context: Mapping[str, Any], fmt: str,
                   template_dir: str | None = None) -> bytes:
    """The notitie as Markdown, HTML or Word bytes.

    Raises:
        InputError: for an unknown format.
        TemplateError: when a template fails.
    """
    if fmt not in TEMPLATES:
        raise InputError(f"unknown report format '{fmt}'", [Problem(
            "unknown-format", f"unknown format '{fmt}'", "--format", allowed=tuple(TEMPLATES))])
    ctx = {**context, "max_unknown": MAX_UNKNOWN, "d": _own_sources(context["d"])}
    if fmt == "docx":
        return _docx(ctx, template_dir)
    if fmt == "html":
        env = template_env(template_dir, autoescape=True)
        text = render_template(env, TEMPLATES["html"], **ctx).strip() + "\n"
        return text.encode("utf-8")
    env = template_env(template_dir)
    return tidy(render_template(env, TEMPLATES["markdown"], **ctx)).encode("utf-8")


def _own_sources(data: Mapping[str, Any]) -> dict[str, Any]:
    """The decisions with only the case's own sources: a notitie cites no literature.

    Its sentences carry no reference numbers, so a list of literature would be a list no
    sentence needs; what the client gave us is what the first impression rests on.
    """
    return {**data, "sources": [s for s in data.get("sources") or () if s.get("case")]}


def _docx(context: Mapping[str, Any], template_dir: str | None) -> bytes:
    """The notitie as .docx bytes (reproducible, the document's language set)."""
    import datetime as dt
    import io

    from jinja2 import TemplateError as JinjaError

    from pvrules.render.docx import normalize_zip, open_template, set_language, set_properties
    from pvrules.render.env import template_error

    tpl, where = open_template(template_dir, TEMPLATES["docx"])
    try:
        tpl.render(dict(context), template_env(template_dir, autoescape=True), autoescape=True)
    except (JinjaError, TypeError, ValueError, AttributeError, KeyError) as err:
        raise template_error(err, where) from None
    day = dt.date.fromisoformat(context["date"])
    case = context["d"].get("case", {})
    m = context["m"]
    set_properties(tpl.docx, title=f"{m('notitie.title')}: {case.get('title') or ''}",
                   subject=case.get("question") or "", author=case.get("author") or "",
                   day=day, lang=context["lang"])
    set_language(tpl.docx, context["lang"])
    buf = io.BytesIO()
    tpl.save(buf)
    return normalize_zip(buf.getvalue(), day)
