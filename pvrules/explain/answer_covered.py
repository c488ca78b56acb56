"""Which points of a chosen option a key recommendation says already (§1, review 12 #10).

§1 states the answer once: a point of attention that a key recommendation's line (label,
action, why) says already is named by that recommendation's head, not again in a sentence.
Judged on the Dutch words in every language, so that the same points stay in either.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, cast

from pvrules.explain.ctxtypes import Ctx
from pvrules.explain.decisions_model import Decision, OptionRow, RecItem

COVER_LETTERS = 5
"""Words of at least this many letters carry what a point is about."""
COVERED = 0.5
"""A point is a key recommendation's when at least this share of its words is in its line."""


def uncovered(ctx: Ctx, decision: Decision, row: OptionRow, key: tuple[RecItem, ...],
              points: list[str], own_points: Callable[[Ctx, OptionRow], list[str]]
              ) -> list[bool]:
    """Per point, whether no key recommendation says it: judged in Dutch in every language.

    The same points stay in §1 in English as in Dutch (the words differ, the points not):
    ``own_points`` says them again in Dutch.
    """
    if ctx.lang == "nl":
        return [not _covered(p, key) for p in points]
    from pvrules.explain.answer_sentences import _dutch

    dutch = _dutch(ctx)
    made = cast("Any", dutch).decisions  # an ExplainContext: it has its decisions
    table = next((d for d in made.options if d.id == decision.id), None)
    same = next((r for r in table.options if r.id == row.id), None) if table else None
    if same is None:
        return [True] * len(points)
    found = own_points(dutch, same)
    if len(found) != len(points):
        return [True] * len(points)
    return [not _covered(p, made.key_recommendations) for p in found]


def _covered(point: str, key: tuple[RecItem, ...]) -> bool:
    """Whether a key recommendation's line (label, action, why) says ``point`` already."""
    words = {w[:COVER_LETTERS] for w in re.findall(r"\w+", point.lower())
             if len(w) >= COVER_LETTERS}
    if not words:
        return True
    for k in key:
        line = f"{k.label} {k.action} {k.why}".lower()
        found = {w[:COVER_LETTERS] for w in re.findall(r"\w+", line) if len(w) >= COVER_LETTERS}
        if len(words & found) >= COVERED * len(words):
            return True
    return False
