"""The advice as one self-contained HTML page.

No network: the CSS is inline and the triangle is an inline SVG. Every text
from the case or the knowledge base is escaped (the environment autoescapes);
only the SVG, which :mod:`pvrules.render.triangle` builds and escapes itself,
is passed through as markup.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pvrules.render.env import TEMPLATES, render_template, template_env
from pvrules.render.triangle import render_svg


def render_html(context: Mapping[str, Any], template_dir: str | None = None) -> str:
    """The document as HTML text, from the context of :func:`pvrules.render.report.context`."""
    from markupsafe import Markup

    corners = context["d"].get("triangle", {}).get("corners", [])
    svg = Markup(render_svg(corners, title=context["m"]("report.triangle_alt")))
    env = template_env(template_dir, autoescape=True)
    text = render_template(env, TEMPLATES["html"], **context, triangle_svg=svg)
    return text.strip() + "\n"
