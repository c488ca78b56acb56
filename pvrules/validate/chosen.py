"""The chosen option: at most one option is ``gekozen``, and only with a chosen direction.

An option marked ``gekozen: true`` is the one the raden already chose (its besluit as bron):
the question is then about working it out. Two chosen options, or a chosen option without
``feiten.richting_gekozen: true``, are each a located problem. A chosen direction with
several options and none marked is a warning: the advice then treats them all as open.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from typing import Any

from pvrules.errors import Problem
from pvrules.load.yamlio import Document, Loc, format_loc
from pvrules.values import CASE

CHOSEN = "gekozen"
DIRECTION = "richting_gekozen"
OPTION = "optie"


def check_chosen(doc: Document, entities: Sequence[tuple[Any, Any, Loc]],
                 facts: Mapping[tuple[str, str], Mapping[str, Any]]) -> list[Problem]:
    """Problems with ``gekozen``: ``entities`` holds (entity, raw, location) in file order."""
    chosen = [(ent.id, loc) for ent, _raw, loc in entities
              if ent.type == OPTION and facts.get((OPTION, ent.id), {}).get(CHOSEN) is True]
    problems: list[Problem] = []
    for oid, loc in chosen[1:]:
        where = (*loc, CHOSEN)
        problems.append(Problem(
            "bad-value", f"'{oid}' is marked gekozen, but so is '{chosen[0][0]}': at most one "
            "option is the chosen one", doc.source, doc.line_of(where), format_loc(where),
            suggestion="keep 'gekozen: true' on the option the raden chose only"))
    direction = facts.get((CASE, CASE), {}).get(DIRECTION)
    options = [loc for ent, _raw, loc in entities if ent.type == OPTION]
    if direction is True and not chosen and len(options) > 1:
        print(unmarked_message(doc.source, doc.line_of(options[0]), len(options)),
              file=sys.stderr)
    if chosen and direction is not True:
        oid, loc = chosen[0]
        where = (*loc, CHOSEN)
        said = "false" if direction is False else "not given"
        problems.append(Problem(
            "bad-value", f"'{oid}' is marked gekozen, but feiten.richting_gekozen is {said}",
            doc.source, doc.line_of(where), format_loc(where),
            suggestion="set feiten.richting_gekozen: true (with the besluit as bron), or drop "
            "'gekozen'"))
    return problems


def unmarked_message(source: str, line: int | None, n: int) -> str:
    """The warning for a chosen direction whose chosen option is not marked."""
    where = f"{source}:{line}" if line else source
    return (f"warning: {where}: feiten.richting_gekozen is true, but none of the {n} options "
            f"is marked '{CHOSEN}: true'; the advice treats every option as open. Mark the "
            "option the raden chose (with its besluit as bron).")
