"""Render expert-supplied jinja2 text as data: no code, bounded time and size.

Templates (report templates, ``--template-dir``, the tags in a Word template)
and rule explanation texts are written by people, not by the program. They are
rendered here, in a :class:`jinja2.sandbox.SandboxedEnvironment` with limits:

* no attribute that reaches Python internals (``__globals__``, ``__init__``...):
  the sandbox refuses it and :func:`as_template_error` makes that a clear error;
* ``range`` gives at most :data:`MAX_RANGE` numbers;
* all loops of one render together run at most :data:`MAX_ITERATIONS` times;
* ``*`` and ``**`` cannot build huge strings, lists or numbers, nor can the
  padding filters (``center``, ``indent``) or ``%`` widths;
* one render writes at most :data:`MAX_OUTPUT` characters;
* a loader reads only files inside its folder (a symlink out is refused).

Use :func:`sandboxed_env` for an environment and :func:`render_string` for one
short text. Every limit raises :class:`jinja2.exceptions.SecurityError`, which
:func:`as_template_error` turns into pvrules' :class:`~pvrules.errors.TemplateError`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, StrictUndefined, Template, TemplateNotFound, nodes
from jinja2 import TemplateError as JinjaError
from jinja2.exceptions import SecurityError, TemplateSyntaxError
from jinja2.loaders import split_template_path
from jinja2.sandbox import SandboxedEnvironment

from pvrules.errors import Problem, TemplateError

MAX_RANGE = 10_000
"""The most numbers one ``range(...)`` may give."""
MAX_ITERATIONS = 200_000
"""The most loop iterations of one render, all loops together."""
MAX_OUTPUT = 5_000_000
"""The most characters one render may write."""
MAX_SEQUENCE = 1_000_000
"""The longest string or list ``*`` may build."""
MAX_EXPONENT = 64
"""The largest exponent ``**`` accepts."""
MAX_BITS = 4096
"""The largest integer (in bits) ``**`` may build."""
MAX_WIDTH = 10_000
"""The largest width the padding filters and ``%`` formats accept."""
MAX_COMPILED = 64
"""The most source texts one environment keeps compiled (see ``from_string``)."""


@dataclass
class _Budget:
    iterations: int = 0


_BUDGET: ContextVar[_Budget | None] = ContextVar("pvrules_template_budget", default=None)


def _safe_range(*args: int) -> range:
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise SecurityError(f"range gives {len(numbers)} numbers; at most {MAX_RANGE} "
                            "are allowed in a template")
    return numbers


def _guard_loop(iterable: Iterable[Any]) -> Iterator[Any]:
    """Count the iterations of a template loop against the render's budget."""
    budget = _BUDGET.get()
    if budget is None:  # rendered outside LimitedTemplate.render (for example a macro)
        budget = _Budget()
    for item in iterable:
        budget.iterations += 1
        if budget.iterations > MAX_ITERATIONS:
            raise SecurityError(f"the template's loops ran more than {MAX_ITERATIONS} "
                                "times; a template lays out data, it does not compute")
        yield item


def _limited_output(chunks: Iterable[str]) -> Iterator[str]:
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > MAX_OUTPUT:
            raise SecurityError(f"the template writes more than {MAX_OUTPUT} characters")
        yield chunk


class LimitedTemplate(Template):
    """A template whose render counts loop iterations and output size."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        """Render like jinja2, within the limits of this module."""
        ctx = self.new_context(dict(*args, **kwargs))
        token = _BUDGET.set(_Budget()) if _BUDGET.get() is None else None
        try:
            return self.environment.concat(
                _limited_output(self.root_render_func(ctx)))
        except Exception:
            self.environment.handle_exception()
        finally:
            if token is not None:
                _BUDGET.reset(token)


def _wrap_loops(tree: nodes.Template) -> nodes.Template:
    """Route the iterable of every ``{% for %}`` through the loop guard."""
    for loop in tree.find_all(nodes.For):
        loop.iter = nodes.Call(nodes.Name("__pvrules_loop_guard", "load"), [loop.iter], [],
                               None, None, lineno=loop.lineno)
    return tree


def _width_filter(name: str, inner: Callable[..., Any], position: int) -> Callable[..., Any]:
    def checked(*args: Any, **kwargs: Any) -> Any:
        width = args[position] if len(args) > position else kwargs.get("width", 0)
        if isinstance(width, int) and abs(width) > MAX_WIDTH:
            raise SecurityError(f"filter '{name}' with width {width}; at most {MAX_WIDTH}")
        return inner(*args, **kwargs)
    return checked


_PERCENT_WIDTH = re.compile(r"%[-+ #0]*(\d+|\*)?(?:\.(\d+|\*))?")


class LimitedSandbox(SandboxedEnvironment):
    """jinja2's sandbox with limits on loops, ranges, arithmetic and output size."""

    template_class = LimitedTemplate
    intercepted_binops = frozenset({"*", "**", "%"})

    def __init__(self, **options: Any) -> None:
        """Create the environment; options as for :class:`jinja2.Environment`."""
        options.setdefault("undefined", StrictUndefined)
        super().__init__(**options)
        self.globals["range"] = _safe_range
        self.globals["__pvrules_loop_guard"] = _guard_loop
        self.filters["center"] = _width_filter("center", self.filters["center"], 1)
        self.filters["indent"] = _width_filter("indent", self.filters["indent"], 1)
        self._from_string: dict[str, Template] = {}

    def from_string(self, source: str | nodes.Template, globals: Any = None,
                    template_class: type[Template] | None = None) -> Template:
        """Compile like jinja2, but a plain source text only once per environment.

        A Word template's tags reach jinja2 as source text on every render (docxtpl
        calls this), and compiling them costs far more than rendering. Templates are
        immutable once compiled, so one compiled template serves every render.
        """
        if globals or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        found = self._from_string.get(source)
        if found is None:
            if len(self._from_string) >= MAX_COMPILED:
                self._from_string.clear()
            found = self._from_string[source] = super().from_string(source)
        return found

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        return _wrap_loops(super()._parse(source, name, filename))

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        """Refuse ``*``, ``**`` and ``%`` that would build something huge."""
        if operator == "**":
            if isinstance(right, int | float) and abs(right) > MAX_EXPONENT and \
                    not (isinstance(left, int | float) and abs(left) <= 1):
                raise SecurityError(f"exponent {right} is too large (at most {MAX_EXPONENT})")
            if isinstance(left, int) and isinstance(right, int) and \
                    left.bit_length() * abs(right) > MAX_BITS:
                raise SecurityError(f"'**' would build a number of more than {MAX_BITS} bits")
            return left**right
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, str | list | tuple) and isinstance(times, int) and \
                        len(seq) * times > MAX_SEQUENCE:
                    raise SecurityError(f"'*' would build {len(seq) * times} items; "
                                        f"at most {MAX_SEQUENCE}")
            return left * right
        if isinstance(left, str):
            for match in _PERCENT_WIDTH.finditer(left):
                for part in match.groups():
                    if part and part != "*" and int(part) > MAX_WIDTH:
                        raise SecurityError(f"format width {part} is too large")
                    if part == "*":
                        raise SecurityError("'*' widths are not allowed in templates")
        return left % right


class ConfinedLoader(BaseLoader):
    """Load ``NAME`` from one folder; names and symlinks that leave it are refused."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        """Serve templates from ``folder``."""
        self.folder = Path(folder)

    def get_source(self, environment: Any, template: str
                   ) -> tuple[str, str, Callable[[], bool]]:
        """The text of ``template``, its file name and an up-to-date check."""
        path = confined_path(self.folder, template)
        if path is None:
            raise TemplateNotFound(template)
        text = path.read_text(encoding="utf-8")
        mtime = path.stat().st_mtime
        return text, str(path), lambda: path.is_file() and path.stat().st_mtime == mtime

    def list_templates(self) -> list[str]:
        """Every file directly or below the folder (for jinja's tools)."""
        root = self.folder.resolve()
        return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def confined_path(folder: str | os.PathLike[str], name: str) -> Path | None:
    """``folder/name`` if it is a file really inside ``folder``; ``None`` if missing.

    Raises:
        TemplateError: when the name or a symlink leads outside the folder.
    """
    root = Path(folder).resolve()
    try:
        parts = split_template_path(name)
    except TemplateNotFound:
        raise _outside(name, folder) from None
    candidate = root.joinpath(*parts)
    if not candidate.exists() and not candidate.is_symlink():
        return None
    real = candidate.resolve()
    if real != root and root not in real.parents:
        raise _outside(name, folder)
    return real if real.is_file() else None


def _outside(name: str, folder: str | os.PathLike[str]) -> TemplateError:
    return TemplateError(f"template '{name}' leads outside the template folder {folder}", [
        Problem("template-outside", "a template (or a symlink) points outside its folder",
                str(Path(folder) / name),
                suggestion="copy the template into the folder instead of linking to it")])


def sandboxed_env(loader: BaseLoader | None = None, **options: Any) -> LimitedSandbox:
    """A new limited sandbox; ``options`` as for :class:`jinja2.Environment`."""
    return LimitedSandbox(loader=loader, **options)


@lru_cache(maxsize=1)
def _text_env() -> LimitedSandbox:
    return LimitedSandbox(autoescape=False, keep_trailing_newline=False)


@lru_cache(maxsize=2048)
def _compile_text(text: str) -> Template:
    return _text_env().from_string(text)


def render_string(text: str, context: Mapping[str, Any], where: str) -> str:
    """Render one expert-written text (a rule explanation) with ``context``.

    Args:
        text: the jinja2 text.
        context: the names it may use.
        where: what the text belongs to, for the error (``rule 'x.y'``).

    Raises:
        TemplateError: on a syntax error, an unknown name, unsafe access or a limit.
    """
    try:
        return str(_compile_text(text).render(**context)).strip()
    except (JinjaError, TypeError, ValueError, OverflowError, ArithmeticError) as err:
        line = getattr(err, "lineno", None)
        raise TemplateError(f"the text of {where} cannot be rendered: {_reason(err)}"
                            + (f" (line {line} of the text)" if line else ""), [Problem(
                                "template", _reason(err), where, line,
                                suggestion="a text may only show values: {{ name }}")]
                            ) from None


def _reason(err: BaseException) -> str:
    if isinstance(err, SecurityError):
        return f"not allowed in a template: {err}"
    if isinstance(err, TemplateSyntaxError):
        return f"syntax error: {err.message}"
    return getattr(err, "message", None) or str(err) or type(err).__name__


def is_limit_error(err: BaseException) -> bool:
    """Whether ``err`` is a refusal by the sandbox (unsafe access or a limit)."""
    return isinstance(err, SecurityError)


def describe(err: BaseException) -> str:
    """A one-line reason for a jinja2 error, saying when the sandbox refused something."""
    return _reason(err)
