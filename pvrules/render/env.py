"""What every renderer shares: the sandboxed jinja2 environment, its filters, template errors.

Markdown, HTML, Word and the explain texts all render through
:func:`template_env` (a :class:`pvrules.sandbox.LimitedSandbox`): templates are
data, whoever wrote them. A ``--template-dir`` folder overrides the built-in
templates by name; its loader reads only files inside that folder.

Templates receive the decisions (``d``, the JSON shape of
:mod:`pvrules.explain.decisions`), the message catalogue (``m``: ``m("key")``)
and small helpers; they only lay text out.
"""

from __future__ import annotations

import datetime as dt
import traceback
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

from pvrules.errors import Problem, TemplateError
from pvrules.messages import listed
from pvrules.render.escape import is_web_url, md_text, md_url, one_line, xml_safe

TEMPLATES = {"markdown": "report.md.j2", "html": "report.html.j2", "docx": "report.docx"}
SIGNS = {"+": "+", "0": "0", "-": "−", "?": "?"}
"""How an effect's or criterion's sign is printed (a real minus sign)."""


def messages(lang: str) -> Callable[..., str]:
    """The catalogue's texts in ``lang``: ``m("report.title")``, ``m("key", n=3)``."""
    from pvrules.messages import Messages

    return Messages(lang)


def long_date(value: str | dt.date | None, lang: str) -> str:
    """``1 september 2019`` (``1 September 2019``); the text as given when not a date."""
    if value is None:
        return ""
    try:
        day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    except ValueError:
        return str(value)
    return f"{day.day} {messages(lang)(f'report.month.{day.month}')} {day.year}"


def sign(value: object) -> str:
    """An effect or score as printed: ``+``, ``0``, ``−`` or ``?``."""
    return SIGNS.get(str(value), str(value))


def level_bar(corner: Mapping[str, Any]) -> str:
    """A corner's level as a small bar, ``●●○`` (``?`` when unknown)."""
    rank, top = corner.get("rank"), corner.get("max_rank") or 0
    if rank is None or top <= 0:
        return "?"
    return "●" * (int(rank) + 1) + "○" * (int(top) - int(rank))


def md_cell(value: object) -> str:
    """Text safe in one Markdown table cell (escaped, one line)."""
    return md_text(value)


def source_short(source: Mapping[str, Any]) -> str:
    """A source in a few words for running text: ``Berenschot (2019) [4]``."""
    if source.get("kind") in ("wet", "beleidskader"):
        return f"{str(source.get('title')).split(' (', 1)[0]} [{source.get('number')}]"
    name = source.get("author") or source.get("publisher") or source.get("title") or ""
    year = f" ({source['year']})" if source.get("year") else ""
    return f"{name}{year} [{source.get('number')}]"


FILTERS: dict[str, Callable[..., Any]] = {
    "md": md_text, "cell": md_cell, "mdurl": md_url, "oneline": one_line,
    "bar": level_bar, "sign": sign, "source_short": source_short, "listed": listed,
}


@lru_cache(maxsize=8)
def _base_env(template_dir: str | None, autoescape: bool, trim: bool) -> Any:
    from jinja2 import ChoiceLoader, PackageLoader

    from pvrules.sandbox import ConfinedLoader, sandboxed_env

    loaders: list[Any] = []
    if template_dir:
        loaders.append(ConfinedLoader(template_dir))
    loaders.append(PackageLoader("pvrules.render", "templates"))
    from pvrules.render.bytecode import TemplateCache

    env = sandboxed_env(ChoiceLoader(loaders), autoescape=autoescape,
                        keep_trailing_newline=True, trim_blocks=trim, lstrip_blocks=trim,
                        finalize=xml_safe if autoescape else None,
                        bytecode_cache=TemplateCache(f"{autoescape}|{trim}"))
    env.filters.update(FILTERS)
    env.tests["web_url"] = is_web_url
    return env


def template_env(template_dir: str | None = None, *, autoescape: bool = False,
                 trim: bool = True) -> Any:
    """The sandboxed environment for report templates (HTML and Word: ``autoescape``).

    Args:
        template_dir: a folder whose templates override the built-in ones by name.
        autoescape: escape every value for HTML/XML.
        trim: drop the newline after a block tag and the indentation before it.
    """
    return _base_env(template_dir, autoescape, trim)


def template_error(err: BaseException, name: str) -> TemplateError:
    """A :class:`TemplateError` for ``err`` raised by template ``name``, with its line."""
    from jinja2 import TemplateSyntaxError

    from pvrules.sandbox import describe

    line: int | None = None
    filename = name
    if isinstance(err, TemplateSyntaxError):
        line = err.lineno
        filename = err.filename or err.name or name
    else:
        for frame in traceback.extract_tb(err.__traceback__):
            if frame.filename.endswith((".j2", ".html", ".md", ".xml", "<template>")) or \
                    frame.filename == filename:
                line = frame.lineno
                if frame.filename != "<template>":
                    filename = frame.filename
    reason = describe(err)
    where = f"{filename}:{line}" if line else filename
    return TemplateError(f"template '{name}' fails at line {line or '?'}: {reason}",
                         [Problem("template", reason, filename, line,
                                  suggestion=f"fix the template ({where}); a template may "
                                             "only lay out the data it receives")])


def render_template(env: Any, name: str, **context: Any) -> str:
    """Render template ``name`` of ``env``; any jinja2 or sandbox error becomes a TemplateError."""
    from jinja2 import TemplateError as JinjaError

    try:
        template = env.get_template(name)
        return str(template.render(**context))
    except TemplateError:
        raise
    except (JinjaError, TypeError, ValueError, AttributeError, KeyError, OverflowError,
            ArithmeticError, RecursionError) as err:
        raise template_error(err, name) from None


def tidy(text: str) -> str:
    """At most one blank line in a row; one newline at the end."""
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip() + "\n"
