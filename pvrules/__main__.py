"""``python -m pvrules`` runs the command line."""

import signal

from pvrules.entry import exit_at_once, run

if __name__ == "__main__":
    signal.signal(signal.SIGINT, exit_at_once)
    run()
