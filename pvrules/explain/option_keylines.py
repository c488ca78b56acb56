"""Which key recommendations are one line, and which instruments of grip stay out of them.

Read by :func:`pvrules.explain.selection.select_key`: two decisions per task on one shared
organisation are one step (:func:`same_step`); at most one instrument of grip (catalogue
``one_line``) is a key recommendation, none where legitimacy is strong or the question is
about a merger (:func:`grip_not_key`).
"""

from __future__ import annotations

from pvrules.explain.answer_gates import asks_about_merger
from pvrules.explain.basics import item_properties
from pvrules.explain.ctxtypes import Ctx
from pvrules.explain.decisions_model import RecItem
from pvrules.messages import Messages
from pvrules.validate.case import CASE_KEY

ACTION = "action"
ONE_LINE = "one_line"
COLLABORATION = "samenwerking"


def same_step(ctx: Ctx, key: list[RecItem], item: RecItem) -> int | None:
    """The key recommendation ``item`` is one step with: both per task, for one collaboration.

    ``item`` is for the case but rests only on one collaboration (what the shared
    organisation must deliver per task), and a key recommendation is for that collaboration
    (per task harmonise or keep own policy): the raden take both in one decision.
    """
    if item.target_key[0] != "case":
        return None
    chosen = set(item.firings)
    seen = {t for f in ctx.result.firings if f.key in chosen
            for t, _f, _v in f.matched if t[0] == COLLABORATION}
    if len(seen) != 1 or not per_task(ctx, item):
        return None
    return next((i for i, k in enumerate(key) if k.target_key in seen and per_task(ctx, k)),
                None)


def per_task(ctx: Ctx, item: RecItem) -> bool:
    """Whether the catalogue action of ``item`` is a decision per task.

    Read in Dutch (``selection.one_step``), so that both languages join the same lines.
    """
    text = item_properties(ctx, item.item).get(ACTION)
    word = Messages("nl")("selection.one_step")
    return text is not None and word in (text.get("nl") or "")


LEGITIMACY = "legitimiteit"


def grip_not_key(ctx: Ctx, item: RecItem, key: list[RecItem]) -> bool:
    """Whether an instrument of grip (:data:`ONE_LINE`) stays out of the key recommendations.

    At most one is key: the first in rank, which answers the case's weakness; none where the
    legitimacy of the case is strong (a raad that steers actively) or the question is about a
    merger (grip on a regeling is then no point of the top five).
    """
    if ONE_LINE not in item_properties(ctx, item.item):
        return False
    return any(ONE_LINE in item_properties(ctx, k.item) for k in key) or asks_about_merger(ctx) \
        or _strong(ctx, LEGITIMACY)


def _strong(ctx: Ctx, corner: str) -> bool:
    """Whether the case's level of ``corner`` is the top of its scale (by id or by rank)."""
    vocab = ctx.kb.vocab
    declared = vocab.corners.get(corner)
    fact = vocab.facts.get(declared.level_fact) if declared is not None else None
    scale = vocab.scales.get(fact.scale) if fact is not None and fact.scale else None
    if fact is None or scale is None or not scale.values:
        return False
    level = ctx.result.value(CASE_KEY, fact.id)
    return level in (scale.values[-1].id, len(scale.values) - 1)
