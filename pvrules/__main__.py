"""``python -m pvrules`` runs the command line."""

from pvrules.entry import run

if __name__ == "__main__":
    run()
