"""The ``pvrules`` command line (installed as ``pvrules.cli``)."""

from __future__ import annotations

from pvrules.cli.main import main

__all__ = ["main"]
