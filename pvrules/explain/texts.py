"""Render texts written by domain experts (rule explanations) in a jinja2 sandbox."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from pvrules.errors import TemplateError


@lru_cache(maxsize=1)
def _env() -> Any:
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    return ImmutableSandboxedEnvironment(undefined=StrictUndefined, autoescape=False,
                                         keep_trailing_newline=False)


@lru_cache(maxsize=2048)
def _compile(text: str) -> Any:
    return _env().from_string(text)


def render_text(text: str, context: Mapping[str, Any], where: str) -> str:
    """Render an expert-written ``text`` with ``context``; errors name ``where``."""
    from jinja2 import TemplateError as JinjaError
    from jinja2.exceptions import SecurityError

    try:
        return str(_compile(text).render(**context)).strip()
    except (JinjaError, SecurityError) as err:
        line = getattr(err, "lineno", None)
        raise TemplateError(f"the text of {where} cannot be rendered: {err}"
                            + (f" (line {line} of the text)" if line else "")) from err
