"""The advice as a Markdown document (``pvrules advise``, ``pvrules report -o x.md``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pvrules.render.env import TEMPLATES, render_template, template_env, tidy


def render_markdown(context: Mapping[str, Any], template_dir: str | None = None) -> str:
    """The document as Markdown text, from the context of :func:`pvrules.render.report.context`.

    A case with ``casus.document: notitie`` gets the notitie (the same text as ``pvrules
    report``), not an advice to the raad it is not yet meant for.
    """
    from pvrules.render.notitie import is_notitie, render_notitie

    if is_notitie(context):
        return render_notitie(context, "markdown", template_dir).decode("utf-8")
    env = template_env(template_dir)
    return tidy(render_template(env, TEMPLATES["markdown"], **context))
