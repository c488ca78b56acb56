"""Options and error handling shared by the commands."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from pvrules.errors import PvrulesError

F = TypeVar("F", bound=Callable[..., Any])


def guarded(func: F) -> F:
    """Turn pvrules errors into a clear message on stderr and the error's exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except PvrulesError as err:
            click.echo(err.format(), err=True)
            sys.exit(err.exit_code)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)
        except (click.exceptions.Exit, click.ClickException, SystemExit, BrokenPipeError):
            raise
        except RecursionError:
            click.echo("error: the input is nested too deeply to be processed\n"
                       "    flatten the nesting (mappings, lists, conditions) and try again",
                       err=True)
            sys.exit(2)
        except OSError as err:
            from pvrules.render.output import host_errno

            where = f" {err.filename}" if getattr(err, "filename", None) else ""
            click.echo(f"error: cannot access{where}: {err.strerror or err}", err=True)
            sys.exit(3 if host_errno(err) else 2)
        except Exception as err:
            if _interrupted(err):  # Ctrl-C during an import, wrapped by Python (__set_name__)
                click.echo("interrupted", err=True)
                sys.exit(130)
            if os.environ.get("PVRULES_DEBUG"):
                raise
            click.echo(f"internal error: {type(err).__name__}: {err}\n"
                       "This is a bug in pvrules; please report it with the command you ran "
                       "(set PVRULES_DEBUG=1 to see the traceback).", err=True)
            sys.exit(70)

    return wrapper  # type: ignore[return-value]


def _interrupted(err: BaseException) -> bool:
    """Whether ``err`` wraps a KeyboardInterrupt (its cause or context, at any depth).

    Python turns an interrupt that lands while a class is being created (a
    ``cached_property``'s ``__set_name__``) into "RuntimeError: Error calling __set_name__",
    with the KeyboardInterrupt as its cause: that is Ctrl-C, not a bug.
    """
    seen: set[int] = set()
    found: BaseException | None = err
    while found is not None and id(found) not in seen:
        if isinstance(found, KeyboardInterrupt):
            return True
        seen.add(id(found))
        found = found.__cause__ or found.__context__
    return False


def kb_options(func: F) -> F:
    """``--rules-dir``, ``--knowledge-dir``, ``--no-builtin`` and ``--engine``."""
    func = click.option("--no-builtin", "no_builtin", is_flag=True,
                        help="Use only the given --rules-dir/--knowledge-dir folders, not the "
                             "built-in knowledge base.")(func)
    func = click.option("--engine", type=click.Choice(["auto", "durable", "python"]),
                        default="auto", show_default=True,
                        help="Inference engine: durable_rules, or the plain-Python "
                             "reference evaluator.")(func)
    func = click.option("--knowledge-dir", "knowledge_dirs", multiple=True,
                        type=click.Path(exists=True),
                        help="Extra vocabulary/catalogue folder (repeatable; also "
                             "PVRULES_KNOWLEDGE_PATH).")(func)
    func = click.option("--rules-dir", "rules_dirs", multiple=True, type=click.Path(exists=True),
                        help="Extra rules folder (repeatable; also PVRULES_RULES_PATH).")(func)
    return func  # noqa: RET504 - one decorator per statement reads better


def lang_option(func: F) -> F:
    """``--lang nl|en``."""
    return click.option("--lang", type=click.Choice(["nl", "en"]), default="nl",
                        show_default=True, help="Language of the output.")(func)


def set_option(func: F) -> F:
    """``--set FACT=VALUE`` (repeatable)."""
    return click.option("--set", "overrides", multiple=True, metavar="FACT=VALUE",
                        help="Change a fact of the case before evaluating (repeatable); "
                             "e.g. draagvlak_raad=hoog, opgave:ID.schaal=regionaal, "
                             "opgaven[0].schaal=lokaal; null makes it unknown.")(func)


def case_source(case: str | None, example: str | None) -> str:
    """The case path, or ``example:NAME`` for a built-in example."""
    from pvrules.errors import InputError, Problem
    from pvrules.pipeline import DEFAULT_EXAMPLE

    if case and example:
        raise InputError("give a case file or --example, not both",
                         [Problem("bad-option", "both a case file and --example were given",
                                  "--example")])
    if example:
        return f"example:{DEFAULT_EXAMPLE if example == '__default__' else example}"
    if not case:
        raise InputError("no case given", [Problem(
            "bad-option", "give a case file, or --example for the built-in example", "CASE",
            suggestion="try: pvrules advise --example")])
    return case
