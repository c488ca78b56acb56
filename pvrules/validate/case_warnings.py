"""Warnings about a case that loads but may not say what its author meant (stderr).

A warning does not stop the case: the advice is made as the case reads. It names the file,
line and place, like a problem does.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def per_partner_only_message(source: str, line: int | None, place: str, fact: str,
                             values: Sequence[tuple[str, object]]) -> str:
    """The warning for a fact given ``per_partner`` with no ``waarde``."""
    where = f"{source}:{line}" if line else source
    given = ", ".join(f"{p}: {v}" for p, v in values)
    return (f"warning: {where}: {place}: '{fact}' is given per partner ({given}) but without "
            "'waarde'; rules read 'waarde', not 'per_partner', so every rule treats this fact "
            "as unknown. Give 'waarde' too, e.g. the lowest per-partner value.")


def warn_per_partner_only(source: str, line: int | None, place: str, fact: str,
                          values: Sequence[tuple[str, object]]) -> None:
    """Write :func:`per_partner_only_message` to stderr."""
    print(per_partner_only_message(source, line, place, fact, values), file=sys.stderr)
