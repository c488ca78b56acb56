"""``python -m pvrules`` runs the command line."""

from pvrules.cli import main

if __name__ == "__main__":
    main()
