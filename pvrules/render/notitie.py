"""The notitie "Eerste indruk en plan van aanpak" (``casus.document: notitie``).

An early-stage case gets a short note instead of a raad advice: the first impression,
what we know, what we do not know yet, a plan of approach, and when college and raad come
in. It renders the same decisions as the advice (see :mod:`pvrules.render.report`) through
``notitie.md.j2`` or ``notitie.html.j2``; there is no route table, no kaders list and no
options chapter. Word is not available for a notitie (a clear error, never a wrong document).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pvrules.errors import InputError, Problem
from pvrules.render.env import render_template, template_env, tidy

NOTITIE = "notitie"
"""The value of ``casus.document`` that selects this document."""
TEMPLATES = {"markdown": "notitie.md.j2", "html": "notitie.html.j2"}
MAX_UNKNOWN = 6
"""At most this many find-out items are listed; the rest is counted."""


def is_notitie(context: Mapping[str, Any]) -> bool:
    """Whether the decisions in ``context`` are for a notitie."""
    case = context["d"].get("case") or {}
    return bool(case.get("document") == NOTITIE)


def render_notitie(context: Mapping[str, Any], fmt: str,
                   template_dir: str | None = None) -> str:
    """The notitie as Markdown or HTML text.

    Raises:
        InputError: for ``docx`` (not available for a notitie) or an unknown format.
    """
    if fmt not in TEMPLATES:
        say = context["m"]
        raise InputError(say("notitie.no_docx"), [Problem(
            "unknown-format", say("notitie.no_docx"), "--format", allowed=tuple(TEMPLATES),
            suggestion="use -o notitie.md or -o notitie.html")])
    ctx = {**context, "max_unknown": MAX_UNKNOWN}
    if fmt == "html":
        from markupsafe import Markup

        from pvrules.render.triangle import render_svg

        corners = context["d"].get("triangle", {}).get("corners", [])
        svg = Markup(render_svg(corners, title=context["m"]("report.triangle_alt")))
        env = template_env(template_dir, autoescape=True)
        return render_template(env, TEMPLATES["html"], **ctx, triangle_svg=svg).strip() + "\n"
    env = template_env(template_dir)
    return tidy(render_template(env, TEMPLATES["markdown"], **ctx))
