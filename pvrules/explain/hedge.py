"""A rule text that states an uncertain fact of the case says it is the case file's word.

A rule fires on the facts it matched; when one of them is a ground fact the case marks as
uncertain (``zekerheid: laag``), the text's sentence about that entity — the first one that
names it and is not the advice itself — gets a short hedge ("volgens het dossier, nog niet
bevestigd"). What the rule concludes does not change; only how firmly the text says it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from pvrules.infer.result import Firing
from pvrules.validate.case import Case
from pvrules.validate.vocab import Vocabulary

LOW = "laag"
"""The case's ``zekerheid`` of a fact that is not yet confirmed."""

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z‘'\"(])")

_DISPUTED = re.compile(r"\bbetwist|\bdisput", re.IGNORECASE)
"""A sentence that already says a judgement is disputed ("X betwist dat oordeel") states
what is uncertain about it: it gets no hedge on top."""


def uncertain_names(firing: Firing, case: Case, vocab: Vocabulary) -> list[str]:
    """Names of the entities whose uncertain ground facts ``firing`` matched."""
    names: list[str] = []
    for target, fact, value in firing.matched:
        fdef = vocab.facts.get(fact)
        if target is None or value is None or value is False or fdef is None or not fdef.ground:
            continue
        if case.certainty_of(target, fact) != LOW:
            continue
        ent = case.entity(target)
        if ent is not None and ent.name and ent.name not in names:
            names.append(ent.name)
    return names


def hedge(text: str, names: list[str], note: str, opens: tuple[str, ...]) -> str:
    """``text`` with `` (note)`` at the end of its first sentence naming one of ``names``.

    A sentence that opens with one of ``opens`` (the advice itself) is not a statement of
    fact and is skipped; a text without such a sentence, or whose first such sentence already
    says the judgement is disputed, is returned unchanged.
    """
    if not names or not text or note in text:
        return text
    sentences = _SENTENCE_END.split(text)
    for i, sentence in enumerate(sentences):
        if sentence.startswith(opens) or not any(n in sentence for n in names):
            continue
        if _DISPUTED.search(sentence):
            return text
        body = sentence.rstrip()
        end = body[-1] if body[-1:] in ".!?" else ""
        sentences[i] = f"{body[:len(body) - len(end)]} ({note}){end}"
        return " ".join(sentences)
    return text


def hedged(text: str, firing: Firing, case: Case, vocab: Vocabulary,
           msg: Callable[[str], str]) -> str:
    """``text`` of ``firing`` hedged where it states an uncertain fact (see :func:`hedge`)."""
    names = uncertain_names(firing, case, vocab)
    if not names:
        return text
    opens = tuple(w for w in msg("answer.advice_opens").split("|") if w)
    return hedge(text, names, msg("certainty.per_case_file"), opens)
