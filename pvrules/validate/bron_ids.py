"""A stated fact's ``bron_id``: the case source(s) it rests on, named by id.

``{waarde: laag, bron: "referendum in Nuenen (Omroep Brabant, 2018)", bron_id: referendum_2018}``
cites exactly that source of ``casus.bronnen`` at the fact (a list names several). Without
it the advice matches the ``bron`` text to the case's sources by publisher, title words and
year (:mod:`pvrules.explain.bron_match`). An id that is not one of the case's sources is an
error naming the place, with "did you mean".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypeVar

from pvrules.errors import Problem
from pvrules.load.yamlio import Document, Loc, format_loc
from pvrules.suggest import did_you_mean

KEY = "bron_id"
Slot = TypeVar("Slot")


def read_bron_ids(raw: Mapping[str, object], loc: Loc, doc: Document,
                  problems: list[Problem]) -> tuple[str, ...]:
    """The ids ``raw[KEY]`` names (one id or a list of ids); a wrong shape is a problem."""
    given = raw.get(KEY)
    if given is None:
        return ()
    ids = [given] if isinstance(given, str) else given
    if not isinstance(ids, list) or not ids or not all(isinstance(i, str) and i for i in ids):
        where = (*loc, KEY)
        problems.append(Problem("bad-value", f"'{KEY}' is the id of a source in casus.bronnen, "
                                "or a list of such ids", doc.source, doc.line_of(where),
                                format_loc(where)))
        return ()
    return tuple(str(i) for i in ids)


def check_bron_ids(named: Mapping[Slot, tuple[str, ...]], locs: Mapping[Slot, Loc],
                   bronnen: Sequence[str], doc: Document) -> list[Problem]:
    """Problems for every ``bron_id`` that is not an id of the case's ``casus.bronnen``."""
    out: list[Problem] = []
    for slot, ids in named.items():
        for ident in ids:
            if ident in bronnen:
                continue
            where = (*locs[slot], KEY)
            out.append(Problem("unknown-source", f"'{ident}' is not a source of this case "
                               "(casus.bronnen)", doc.source, doc.line_of(where),
                               format_loc(where), allowed=tuple(bronnen),
                               suggestion=did_you_mean(ident, list(bronnen))))
    return out
