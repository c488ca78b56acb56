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


UNWINDING = "ontvlechten"
LEAVING = "uittreden"


def partial_unwinding_messages(source: str, options: Sequence[tuple[str, int | None, object,
                                                                   tuple[str, ...]]],
                               collaborations: Sequence[tuple[str, tuple[str, ...]]]
                               ) -> list[str]:
    """Warnings for an ``ontvlechten`` option that only some participants take.

    ``options`` holds (place, line, optievorm, partner ids) per option; ``collaborations``
    (id, participant ids) per collaboration of the case. Unwinding splits the whole shared
    organisation; when the option's partners are only some of a collaboration's participants,
    the author likely means that they leave and the others go on: ``uittreden``.
    """
    out = []
    for place, line, form, partners in options:
        if form != UNWINDING or not partners:
            continue
        mine = set(partners)
        for coll, members in collaborations:
            if mine < set(members):
                where = f"{source}:{line}" if line else source
                out.append(f"warning: {where}: {place}.optievorm: 'ontvlechten' splits the whole "
                           f"of '{coll}', but this option names only {', '.join(partners)} of "
                           f"its participants ({', '.join(members)}); if only they leave and "
                           f"the others go on, did you mean '{LEAVING}'?")
                break
    return out


def warn_partial_unwinding(source: str, options: Sequence[tuple[str, int | None, object,
                                                                tuple[str, ...]]],
                           collaborations: Sequence[tuple[str, tuple[str, ...]]]) -> None:
    """Write :func:`partial_unwinding_messages` to stderr."""
    for line in partial_unwinding_messages(source, options, collaborations):
        print(line, file=sys.stderr)
