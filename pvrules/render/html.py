"""The advisory report as one self-contained HTML file.

No network: the CSS is inline and the triangle is an inline SVG. Every text
from the case file or the knowledge base is escaped (the environment
autoescapes); only the SVG, which :mod:`pvrules.render.triangle` builds and
escapes itself, is passed through as markup.
"""

from __future__ import annotations

from typing import Any

from pvrules.render.report import TEMPLATES, level_bar, one_line, render_template
from pvrules.render.report_data import ReportData
from pvrules.render.triangle import render_svg


def html_env(template_dir: str | None = None) -> Any:
    """The jinja2 environment for HTML templates: autoescaping, strict undefined."""
    from pvrules.render.markdown import template_env

    env = template_env(template_dir).overlay(autoescape=True, trim_blocks=True,
                                             lstrip_blocks=True)
    env.filters.update({"oneline": one_line, "bar": level_bar})
    env.tests["web_url"] = is_web_url
    return env


def is_web_url(value: object) -> bool:
    """Whether ``value`` is an http(s) address (only those become links)."""
    return isinstance(value, str) and value.lower().startswith(("https://", "http://"))


def triangle_svg(data: ReportData) -> str:
    """The triangle of ``data`` as inline SVG markup."""
    steps = max((c.max_rank for c in data.corners), default=2) or 2
    return render_svg(data.triangle, title=data.t["triangle"], steps=steps)


def render_html_report(data: ReportData, template_dir: str | None = None) -> str:
    """The report as an HTML document (text)."""
    from markupsafe import Markup

    env = html_env(template_dir)
    svg = Markup(triangle_svg(data))  # built and escaped by triangle.render_svg
    text = render_template(env, TEMPLATES["html"], r=data, t=data.t, triangle_svg=svg)
    return text.strip() + "\n"
