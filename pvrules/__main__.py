"""``python -m pvrules`` runs the command line."""

import os
import signal
import sys


def _interrupted(_signum: int, _frame: object) -> None:
    """Ctrl-C while the entry point is still being imported: ``interrupted``, exit 130."""
    try:
        sys.stderr.write("interrupted\n")
        sys.stderr.flush()
    finally:
        os._exit(130)


if __name__ == "__main__":
    signal.signal(signal.SIGINT, _interrupted)  # before any more pvrules code is imported
    from pvrules.entry import run

    run()
