"""The ``pvrules`` console entry point: exit codes that hold whatever happens.

It wraps the click command group so that

* Ctrl-C (SIGINT) at any moment, start-up included, prints ``interrupted`` and
  exits with 130, never a traceback and never click's "Aborted!" with exit 1;
* a closed pipe (``pvrules advise ... | head``) ends quietly;
* standard output is written as UTF-8 whatever the locale or platform says (a
  redirected stream on Windows would be cp1252 and fail on the first "é"), and
  messages on stderr never fail on a character the terminal cannot show.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Sequence

EXIT_INTERRUPTED = 130
PYDANTIC_PLUGINS = "PYDANTIC_DISABLE_PLUGINS"
"""pydantic's own switch for its plugins (``__all__``: none are looked for)."""


def _interrupted() -> None:
    try:
        sys.stderr.write("interrupted\n")
        sys.stderr.flush()
    finally:
        os._exit(EXIT_INTERRUPTED)  # no traceback, no atexit output, whatever the state


def _streams() -> None:
    """UTF-8 on stdout; stderr replaces what it cannot encode."""
    out = sys.stdout
    if out is not None and hasattr(out, "reconfigure") and \
            (out.encoding or "").lower().replace("-", "") != "utf8":
        out.reconfigure(encoding="utf-8")
    err = sys.stderr
    if err is not None and hasattr(err, "reconfigure"):
        err.reconfigure(errors="backslashreplace")


def exit_at_once(_signum: int, _frame: object) -> None:
    """SIGINT handler for start-up: nothing to clean up yet, so leave at once with 130."""
    _interrupted()


def run(argv: Sequence[str] | None = None) -> None:
    """Run the command line and exit with its code."""
    signal.signal(signal.SIGINT, exit_at_once)  # start-up: imports, no files open yet
    # pvrules uses no pydantic plugins: without this, the first case validated scans the
    # metadata of every installed distribution for them (a tenth of a cold advise).
    # A value the user set is kept.
    os.environ.setdefault(PYDANTIC_PLUGINS, "__all__")
    try:
        import click

        _streams()
        from pvrules.cli.main import main

        # From here on Ctrl-C raises KeyboardInterrupt, so that a half-written output
        # file is removed before the exit with 130.
        signal.signal(signal.SIGINT, signal.default_int_handler)

        try:
            code = main.main(args=list(argv) if argv is not None else None, prog_name="pvrules",
                             standalone_mode=False)
        except click.exceptions.Exit as done:
            code = done.exit_code
        except click.ClickException as err:
            err.show()
            code = err.exit_code
        except click.exceptions.Abort:
            _interrupted()
        sys.stdout.flush()
        sys.exit(code if isinstance(code, int) else 0)
    except KeyboardInterrupt:
        _interrupted()
    except BrokenPipeError:
        # The reader went away: drop what is left and end quietly (128 + SIGPIPE).
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(141)
