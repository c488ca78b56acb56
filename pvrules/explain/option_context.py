"""Which collaborations of a case are background: not what the question or an option is about.

A case may list collaborations only as context (the client's shared civil service next to the
regional body the question is about). Their measures are no key recommendation of the advice
(:func:`rests_on_background`, read by :mod:`pvrules.explain.selection`). A collaboration is
background when the case says the question is not about it (``onderwerp_vraag: false``), when
another one is the subject of the question, or, when the case marks none, when options name the
collaborations they change (``optie_samenwerking``) and none names it.
"""

from __future__ import annotations

from pvrules.explain.ctxtypes import Ctx
from pvrules.explain.decisions_model import RecItem
from pvrules.validate.case import EntityKey

COLLABORATION = "samenwerking"
OPTION = "optie"
SUBJECT = "onderwerp_vraag"
NAMED = "optie_samenwerking"


def background(ctx: Ctx) -> set[EntityKey]:
    """The collaborations of the case that only form its background."""
    keys = list(ctx.entities.get(COLLABORATION, []))
    subject = {k: ctx.result.value(k, SUBJECT) for k in keys}
    if any(v is True for v in subject.values()):
        return {k for k in keys if subject[k] is not True}
    named: set[str] = set()
    for opt in ctx.entities.get(OPTION, []):
        value = ctx.result.value(opt, NAMED)
        if isinstance(value, (list, tuple, set, frozenset)):
            named |= {str(v) for v in value}
    out = {k for k in keys if subject[k] is False}
    if named:
        out |= {k for k in keys if k[1] not in named and subject[k] is None}
    return out


def rests_on_background(ctx: Ctx, item: RecItem) -> bool:
    """Whether ``item`` concerns only background collaborations.

    It is for one, or rests on collaborations that are all background (a measure for the
    case drawn from the client's shared organisation).
    """
    behind = background(ctx)
    if not behind:
        return False
    if item.target_key[0] == COLLABORATION:
        return item.target_key in behind
    chosen = set(item.firings)
    seen = {t for f in ctx.result.firings if f.key in chosen
            for t, _f, _v in f.matched if t[0] == COLLABORATION}
    return bool(seen) and seen <= behind
