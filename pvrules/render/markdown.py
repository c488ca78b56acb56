"""The advice as a Markdown document (``pvrules advise``, ``pvrules report -o x.md``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pvrules.render.env import TEMPLATES, render_template, template_env, tidy


def render_markdown(context: Mapping[str, Any], template_dir: str | None = None) -> str:
    """The document as Markdown text, from the context of :func:`pvrules.render.report.context`."""
    env = template_env(template_dir)
    return tidy(render_template(env, TEMPLATES["markdown"], **context))
