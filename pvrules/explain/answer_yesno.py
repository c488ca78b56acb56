"""A first answer in words to a yes/no question about the step it starts with (§1).

A question that opens with a finite verb ("Moeten de raden … starten, te beginnen met een
peiling onder inwoners?") asks yes or no. When it names the step to begin with
(``answer.yesno.begin``: "te beginnen met …") and a key recommendation IS that step (the
most words of the step in its label and action, the step's last word deciding a tie), §1
opens with the answer: "Ja: begin met … (aanbeveling 2)" when nothing comes before it, else
"Ja, met … (aanbeveling 2), maar begin met … (aanbeveling 1)". Without such a step, or
with no recommendation that is it, nothing is said here (what it depends on stays as is).
"""

from __future__ import annotations

import re
from typing import Any, cast

from pvrules.explain.ctxtypes import Ctx
from pvrules.explain.decisions_model import RecItem

DUTCH = "nl"
STEM = 5
"""Words match on their first this many letters (either way round: a compound contains it)."""


def _words(ctx: Ctx, key: str) -> list[str]:
    from pvrules.messages import Messages

    return [w for lang in ("nl", "en") for w in Messages(lang)(key).split("|") if w]


def asked_step(ctx: Ctx, question: str | None = None) -> str:
    """The step a yes/no question asks to begin with ("een draagvlakpeiling onder inwoners").

    ``question``: the case's question unless given.
    """
    question = ((ctx.result.case.meta.vraag or "") if question is None else question).strip()
    first = question.split(maxsplit=1)[0].lower() if question else ""
    if first not in _words(ctx, "answer.yesno.verbs"):
        return ""
    low = question.lower()
    for marker in _words(ctx, "answer.yesno.begin"):
        at = low.find(f"{marker} ")
        if at >= 0:
            return re.split(r"[?,;:]", question[at + len(marker):], maxsplit=1)[0].strip()
    return ""


def _stems(text: str) -> list[str]:
    return [w[:STEM] for w in re.findall(r"\w+", text.lower()) if len(w) >= STEM]


def step_rec(ctx: Ctx, key: tuple[RecItem, ...], step: str,
             action: dict[str, str]) -> RecItem | None:
    """The key recommendation that is ``step`` (``action``: item → its action), or None."""
    stems = [s for s in _stems(step) if s not in _words(ctx, "answer.yesno.skip")]
    if not stems:
        return None
    best: tuple[tuple[int, int], RecItem] | None = None
    for k in key:
        text = f"{k.label} {action.get(k.item, '')}".lower()
        hits = [i for i, s in enumerate(stems) if s in text]
        score = (len(hits), max(hits, default=-1))  # the step's last word decides a tie
        if hits and (best is None or score > best[0]):
            best = (score, k)
    return best[1] if best is not None else None


def yes_no(ctx: Ctx, key: tuple[RecItem, ...], action: dict[str, str]) -> str:
    """The first answer to a yes/no question on the step it begins with, or ``""``."""
    step = asked_step(ctx)
    found = step_rec(ctx, key, step, action) if step else None
    if found is None and not step and ctx.msg.lang != DUTCH:  # a question given in Dutch only
        found = _in_dutch(ctx, key)
    if found is None:
        return ""
    label = _lower(found.label)
    at = key.index(found) + 1
    if at == 1:
        return ctx.msg("answer.yesno.begin_with", what=label, number=str(at))
    return ctx.msg("answer.yesno.after", what=label, number=str(at),
                   first=_lower(key[0].label), first_number="1")


def _in_dutch(ctx: Ctx, key: tuple[RecItem, ...]) -> RecItem | None:
    """The recommendation of ``key`` the Dutch question's step is, found in Dutch."""
    from pvrules.explain.answer_sentences import _action, _dutch

    before, _, after = ctx.msg("case.in_dutch", text="\x00").partition("\x00")
    question = (ctx.result.case.meta.vraag or "").strip()
    if not (before and question.startswith(before) and question.endswith(after)):
        return None  # an English question that asks no step: nothing to find in Dutch
    dutch = cast("Any", _dutch(ctx))  # an ExplainContext: it has its decisions
    step = asked_step(dutch, question[len(before):len(question) - len(after)])
    if not step:
        return None
    theirs = dutch.decisions.key_recommendations
    found = step_rec(dutch, theirs, step, {k.item: _action(dutch, k) for k in theirs})
    return next((k for k in key if found is not None and (k.item, k.target_id)
                 == (found.item, found.target_id)), None)


def _lower(label: str) -> str:
    """A label inside a sentence: lower-case unless it starts with an acronym."""
    return label if label[:2].isupper() else label[:1].lower() + label[1:]
