"""A verdict on an evaluative question in §1 ("Zijn de regelingen goed ingericht?").

A question that asks whether something is in order (``answer.verdict.words``: "goed
ingericht", "op orde") gets a verdict in words, not only the measures that follow from it:
"Grotendeels wel, maar niet op alle punten: <what the case states>" where no corner is
weak, "Op belangrijke punten niet: …" where one is. The points are the premises the case
states for the key recommendations about the arrangement (``answer.verdict.items``: the
first sentence of their why, each once: "GR X is een openbaar lichaam zonder
raadsrapporteurs"). After a sentence that already names a shortfall (a legal deadline
passed), the verdict says "Voor het overige …". No verdict without such a point, or while
a corner is not judged yet.
"""

from __future__ import annotations

from pvrules.explain.answer_sentences import _SENTENCES, _lower
from pvrules.explain.ctxtypes import Ctx
from pvrules.explain.decisions_model import RecItem, Triangle
from pvrules.messages import Messages

MAX_POINTS = 3
"""At most this many points carry the verdict; the recommendations say the rest."""


def _words(key: str) -> list[str]:
    return [w for lang in ("nl", "en") for w in Messages(lang)(key).split("|") if w]


def evaluative(ctx: Ctx) -> bool:
    """Whether the case's question asks whether something is in order."""
    question = (ctx.result.case.meta.vraag or "").lower()
    return any(w in question for w in _words("answer.verdict.words"))


def points(ctx: Ctx, key: tuple[RecItem, ...]) -> list[str]:
    """What the case states against the arrangement: the premises of the key measures."""
    items = set(_words("answer.verdict.items"))
    out: list[str] = []
    for k in key:
        if k.item not in items or not k.why.strip():
            continue
        said = _SENTENCES.split(k.why.strip(), maxsplit=1)[0].rstrip(" .")
        if said and said not in out:
            out.append(said)
    return out[:MAX_POINTS]


def verdict(ctx: Ctx, tri: Triangle, key: tuple[RecItem, ...], after: bool = False) -> str:
    """The verdict (module docstring), or ``""``; ``after``: a shortfall is said already."""
    if not evaluative(ctx) or any(c.rank is None for c in tri.corners):
        return ""
    found = points(ctx, key)
    if not found:
        return ""
    weak = any(c.rank == 0 for c in tri.corners)
    kind = "answer.verdict.weak" if weak else \
        "answer.verdict.mostly_else" if after else "answer.verdict.mostly"
    said = "; ".join([found[0], *(_lower(p) for p in found[1:])])
    return ctx.msg(kind, points=said)
