"""Key recommendations said in sentences, for the kernboodschap (:mod:`pvrules.explain.answer`).

What a recommendation asks (its action sentence, or its reasoning's own sentence of
advice), several targets named once, and what §1 advises first in sentences.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any, cast

from pvrules.explain.basics import PROPER_NAMES, best_firing, in_sentence, lower_first
from pvrules.explain.ctxtypes import Ctx
from pvrules.explain.decisions_model import RecItem
from pvrules.infer.result import FiringKey

DECISIVE = 9
"""A key recommendation of at least this rule priority is stated before the raad's choice."""

def _target(ctx: Ctx, item: RecItem) -> str:
    label = _lower(item.label)
    return f"{label} {ctx.msg('word.for')} {item.target}" if item.target else label


def _targets(ctx: Ctx, items: list[RecItem]) -> str:
    """``items`` in one phrase; one recommendation for several targets is named once.

    "de regeling aanpassen aan de gewijzigde Wgr voor GR A en GR B".
    """
    groups: dict[str, list[RecItem]] = {}
    for k in items:
        groups.setdefault(k.item, []).append(k)
    phrases = []
    for group in groups.values():
        targets = [k.target for k in group if k.target]
        label = _lower(group[0].label)
        phrases.append(f"{label} {ctx.msg('word.for')} {ctx.msg.join(targets)}" if targets
                       else label)
    return ctx.msg.join(phrases)





def _action(ctx: Ctx, item: RecItem) -> str:
    """What ``item`` asks, as a sentence saying what to do and who (catalogue ``action``).

    ``""`` when its catalogue item has none.
    """
    from pvrules.explain.selection import with_action

    return (item.action or with_action(ctx, item).action).strip()


def _actions(ctx: Ctx, items: list[RecItem], kind: str = "answer.we_advise") -> str:
    """``items`` (one per recommendation, several targets named once) in sentences.

    Each recommendation's action sentence ("Laat het college …"), with its targets in
    brackets; without an action the sentence of advice of its reasoning, else its label
    inside a sentence (``kind``: "Wij adviseren …").
    """
    groups: dict[str, list[RecItem]] = {}
    for k in items:
        groups.setdefault(k.item, []).append(k)
    out = []
    for group in groups.values():
        action = _action(ctx, group[0])
        targets = [k.target for k in group if k.target]
        advice = "" if action or len(group) > 1 else \
            in_sentences(ctx, dataclasses.replace(group[0], why=""))
        if advice:  # no action: its reasoning's own sentence of advice, not its label
            out.append(advice)
        elif not action:
            out.append(ctx.msg(kind, what=ctx.msg("answer.measure", label=group[0].label,
                                                  targets=_for(ctx, targets))))
        elif targets and group[0].target and group[0].target in action:  # names its task
            joined = action.replace(group[0].target, ctx.msg.join(targets), 1)
            out.append(joined if joined.endswith(".") else f"{joined}.")
        elif targets:
            out.append(f"{action.rstrip('.')} ({ctx.msg('word.for')} "
                       f"{ctx.msg.join(targets)}).")
        else:
            out.append(action if action.endswith(".") else f"{action}.")
    return " ".join(out)


def _for(ctx: Ctx, targets: list[str]) -> str:
    """" voor A en B" (the targets of a recommendation), or ``""``."""
    return f" {ctx.msg('word.for')} {ctx.msg.join(targets)}" if targets else ""


def _with_same(first: list[RecItem], rest: list[RecItem]) -> list[RecItem]:
    """``first`` and, from ``rest``, the same recommendations for other targets."""
    names = {k.item for k in first}
    return first + [k for k in rest if k.item in names and k not in first]


_lower = lower_first
_in_sentence = in_sentence


def _strip(text: str) -> str:
    return text.rstrip(" .")


_SENTENCES = re.compile(r"(?<=[.!?])\s+(?=[A-Z‘'(])")
ADVICE_SENTENCES = 2
SAME_WORDS = 5
"""A why whose first this many words the kernboodschap already said is not said again."""
"""At most this many sentences of a reasoning's advice, from its first "Wij adviseren"."""


def in_sentences(ctx: Ctx, item: RecItem, whatever: bool = False) -> str:
    """``item`` said as its reasoning advises it, in sentences.

    The advice is taken from the text of the reasoning that gives the why (its first
    sentence that opens with one of the ``answer.advice_opens`` words, and the next);
    ``""`` when that text has none. The why goes before it only when it names the partner
    or collaboration the advice is about, or the advice leans on it ("haar"); a general
    finding ("De opgaven zijn onvoldoende expliciet gemaakt") is no answer, and the
    recommendation right below gives it.
    """
    if item.uncertain and item.action and item.why.startswith(item.action):
        return item.why  # the check of uncertain facts: the measure itself waits for it
    best = best_firing(ctx, item.firings)
    steps = ctx.builder.steps_for([best]) if best is not None else ()
    text = " ".join(steps[-1].text.split()) if steps else ""
    opens = tuple(w for w in ctx.msg("answer.advice_opens").split("|") if w)
    sentences = _SENTENCES.split(text)
    at = next((i for i, t in enumerate(sentences) if t.startswith(opens)), None)
    if at is None:
        return ""
    advice = " ".join(sentences[at:at + ADVICE_SENTENCES])
    several = whatever and bool(_same_for(ctx, item, best, advice))
    why = item.why if at > 0 and not several and (
        _names_one(ctx, item.why) or _leans_back(ctx, best, sentences[at])) else ""
    # advice for every option and several targets: the why of one target is a finding
    # about that one, no answer; the advice alone, which names none of them and so reads
    # as said of all: no record list "Dat geldt voor A en B" (the recommendation below
    # names them), and not "… Hetzelfde geldt voor B"
    said = f"{why} {advice}".strip()
    same = _same_for(ctx, item, best, said)
    listed = ctx.msg("answer.applies_to", targets="\x00").split("\x00")[0]
    return said if same.startswith(listed) else f"{said} {same}".strip()


def _leans_back(ctx: Ctx, best: FiringKey | None, advice: str) -> bool:
    """Whether the advice leans on its why, judged on the Dutch text in every language.

    §1 says the same sentences in Dutch and English: "wij adviseren die raming …" leans on
    the why before it, and so does its English "we advise making that estimate …".
    """
    if ctx.lang == DUTCH or best is None:
        return _refers_back(ctx, advice)
    dutch = _dutch(ctx)
    steps = dutch.builder.steps_for([best])
    text = " ".join(steps[-1].text.split()) if steps else ""
    opens = tuple(w for w in dutch.msg("answer.advice_opens").split("|") if w)
    found = [t for t in _SENTENCES.split(text) if t.startswith(opens)]
    return _refers_back(dutch, found[0]) if found else _refers_back(ctx, advice)


DUTCH = "nl"
_DUTCH_CTX = "_dutch_context"
"""Where a context keeps its Dutch twin (same knowledge base and result), built once."""


def _dutch(ctx: Ctx) -> Ctx:
    """``ctx`` in Dutch: the same knowledge base and result, built once per context."""
    found = getattr(ctx, _DUTCH_CTX, None)
    if found is None:  # the context's own class: no import of it here (no import circle)
        found = cast("Any", type(ctx))(ctx.kb, ctx.result, DUTCH)
        setattr(ctx, _DUTCH_CTX, found)
    return cast("Ctx", found)


def _refers_back(ctx: Ctx, advice: str) -> bool:
    """Whether ``advice`` leans on the sentence before it ("wij adviseren haar …")."""
    words = "|".join(re.escape(w) for w in ctx.msg("answer.back_words").split("|") if w)
    return bool(words) and re.search(rf"\b(?:{words})\b", advice.lower()) is not None


def _names_one(ctx: Ctx, text: str) -> bool:
    """Whether ``text`` names a partner or a collaboration (what an advice is about)."""
    return any(e.name in text for e in ctx.result.case.all_entities()
               if e.key[0] in PROPER_NAMES and e.name)


def _same_for(ctx: Ctx, item: RecItem, best: FiringKey | None, said: str) -> str:
    """"Hetzelfde geldt voor B." when the same rule concludes ``item`` for others too.

    The reasoning's text names the entity of one firing; a recommendation for several
    targets (one line, "voor A en B") must not read as if it concerned only A.
    """
    if best is None:
        return ""
    names = {e.key: e.name for e in ctx.result.case.all_entities()}
    others = [names[f[1]] for f in item.firings if f[0] == best[0] and f[1] is not None
              and f[1] != best[1] and f[1] in names and names[f[1]] not in said]
    others = list(dict.fromkeys(others))
    own = names.get(best[1]) if best[1] is not None else None
    if others and own is not None and own not in said:  # the advice does not name its own
        return ctx.msg("answer.applies_to", targets=ctx.msg.join([own, *others]))
    return ctx.msg("answer.same_for", targets=ctx.msg.join(others)) if others else ""


def _prefixed(ctx: Ctx, text: str, prefix: str) -> str:
    """``text`` with ``prefix`` before its first sentence of advice ("Wij adviseren …")."""
    if not prefix:
        return text
    opens = [w for w in ctx.msg("answer.advice_opens").split("|") if w]
    at = min((i for i in (text.find(w) for w in opens) if i >= 0), default=-1)
    if at < 0:  # an action sentence ("Laat het college …"): the prefix opens it
        return f"{prefix}{_lower(text)}" if text else text
    return f"{text[:at]}{prefix}{_lower(text[at:])}"


def _advise(ctx: Ctx, firsts: list[RecItem], before: str = "", prefix: str = "") -> str:
    """What we advise first, in sentences (see :func:`in_sentences`).

    The first recommendation in sentence form, the others of ``firsts`` named after it;
    without a sentence of advice in its reasoning, ``answer.decisive`` names them all.
    When ``before`` (the kernboodschap so far) already gives its why, it is named only.
    ``prefix`` ("Welke optie u ook kiest, ") goes before the first sentence of advice.
    """
    return _prefixed(ctx, _advised(ctx, firsts, before, bool(prefix)), prefix)


def _advised(ctx: Ctx, firsts: list[RecItem], before: str = "", whatever: bool = False) -> str:
    if not firsts:
        return ""
    why = _strip(firsts[0].why).lower()
    opening = " ".join(why.split()[:SAME_WORDS])
    if why and (why in before.lower() or (len(why.split()) > SAME_WORDS
                                          and opening in before.lower())):
        # its why is said already: its advice alone, when that names what it is about
        advice = in_sentences(ctx, dataclasses.replace(firsts[0], why=""))
        plain = ctx.msg("answer.advice_opens").split("|")[0]
        if advice.startswith(plain) and len(firsts) == 1:
            return advice
        return _actions(ctx, firsts)
    said = in_sentences(ctx, firsts[0], whatever)
    if not said:
        first = firsts[0]
        decisive = bool(first.rank) and -first.rank[0] >= DECISIVE
        if _action(ctx, first):
            why = first.why
            if first.action and why.startswith(first.action):  # a check carries its action
                why = why[len(first.action):].strip()
            return f"{_actions(ctx, firsts)} {why}".strip()
        return ctx.msg("answer.decisive" if decisive else "answer.advise_why",
                       what=_targets(ctx, firsts), why=first.why).strip()
    others = [k for k in firsts[1:] if k.item != firsts[0].item]
    if others:
        said += " " + _actions(ctx, others, "answer.also")
    return said
