"""How the advice was made (the "Aanpak" of an adviesrapport): what the case file states.

Counted from the case only: the facts it states (computed ones such as aggregates,
the date and the client's kind left out), the sources it names, and the facts it gives
with low or medium certainty, named so that an advisor can check them first.
"""

from __future__ import annotations

from pvrules.explain.basics import LOW, fact_name
from pvrules.explain.ctxtypes import Ctx
from pvrules.explain.decisions_model import Approach

MEDIUM = "gemiddeld"
COMPUTED = frozenset({"opdrachtgever_soort"})
NAMED = 8
"""Up to this many facts of medium certainty are named; more are counted."""


def approach(ctx: Ctx, sources: tuple[int, ...] = ()) -> Approach:
    """What the case states, the numbers of its own sources, and its less certain facts."""
    case, vocab = ctx.result.case, ctx.kb.vocab
    given = 0
    low: list[str] = []
    medium: list[str] = []
    for key, facts in case.facts.items():
        for fact_id, value in facts.items():
            fdef = vocab.facts.get(fact_id)
            if fdef is None or fdef.origin != "input" or fdef.aggregate is not None \
                    or fact_id in COMPUTED or fdef.id == "peildatum" or value is None:
                continue
            given += 1
            certainty = case.certainty_of(key, fact_id)
            if certainty == LOW:
                low.append(fact_name(ctx, (key, fact_id)))
            elif certainty == MEDIUM:
                medium.append(fact_name(ctx, (key, fact_id)))
    named = tuple(medium) if len(medium) <= NAMED else ()
    return Approach(given, len(case.meta.bronnen), len(medium), tuple(low), sources, named)
