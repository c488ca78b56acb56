"""A first answer in words to a yes/no question about the step it starts with (§1).

A question that opens with a finite verb ("Moeten de raden … starten, te beginnen met een
peiling onder inwoners?") asks yes or no. When it names the step to begin with
(``answer.yesno.begin``: "te beginnen met …") and a key recommendation IS that step (the
most words of the step in its label and action, the step's last word deciding a tie), §1
opens with the answer: "Ja: begin met … (aanbeveling 2)" when nothing comes before it, else
"Ja, met … (aanbeveling 2), maar begin met … (aanbeveling 1)". Without such a step, or
with no recommendation that is it, nothing is said here (what it depends on stays as is).

A yes/no question about one option of the table ("Moet X deelnemen aan …?": the option
whose label shares the most words with the question, proper names aside) is answered from
where the advice lands: for the option advised, "Ja, mits …" with the key recommendations
about that option (else "Ja."); for an option left open, what that option needs first
("Alleen onder een voorwaarde: eerst …"). An option advised against, or one left open with
nothing first, is answered by the sentence that follows (advised against, or left open).
"""

from __future__ import annotations

import re
from typing import Any, cast

from pvrules.explain.ctxtypes import Ctx
from pvrules.explain.decisions_model import Decision, OptionRow, RecItem

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


MIN_WORDS = 3
"""An option is the one asked about with at least this many words of the question."""
OPTION = "optie"


def asked_option(ctx: Ctx, rows: tuple[OptionRow, ...]) -> OptionRow | None:
    """The option a yes/no question asks about (most shared words, unique), or None.

    A question given in Dutch only is matched on the Dutch labels (the Dutch twin).
    """
    question = (ctx.result.case.meta.vraag or "").strip()
    dutch = _unwrapped(ctx, question)
    if dutch is not None:
        from pvrules.explain.answer_sentences import _dutch

        twin = cast("Any", _dutch(ctx))
        theirs = next((o.options for o in twin.decisions.options if o.options), ())
        found = _matching(twin, dutch, theirs)
        return next((r for r in rows if found is not None and r.id == found.id), None)
    return _matching(ctx, question, rows)


def _unwrapped(ctx: Ctx, question: str) -> str | None:
    """The Dutch question inside a "(Dutch: …)" wrapper, or None for a question in ``ctx``'s."""
    before, _, after = ctx.msg("case.in_dutch", text="\x00").partition("\x00")
    if ctx.msg.lang == DUTCH or not before or not question.startswith(before) \
            or not question.endswith(after):
        return None
    return question[len(before):len(question) - len(after)]


def _matching(ctx: Ctx, question: str, rows: tuple[OptionRow, ...]) -> OptionRow | None:
    first = question.split(maxsplit=1)[0].lower() if question else ""
    if first not in _words(ctx, "answer.yesno.verbs"):
        return None
    clause = re.split(r"[?;]|, (?:en|and) ", question, maxsplit=1)[0]
    if re.search(ctx.msg("answer.yesno.either"), clause):
        return None  # "A, of B?" weighs alternatives: not a yes or no on one option
    stems = {w[:STEM].lower() for w in re.findall(r"\w+", clause)
             if len(w) >= STEM and not w[:1].isupper()}  # proper names aside
    scored = []
    for i, row in enumerate(rows):
        own = {w[:STEM].lower() for w in re.findall(r"\w+", row.label)
               if len(w) >= STEM and not w[:1].isupper()} or {row.label[:STEM].lower()}
        hits = {s for s in stems if s in row.label.lower()}
        if len(hits) >= min(MIN_WORDS, len(own)):
            scored.append((len(hits), i))
    scored.sort(reverse=True)
    if not scored or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return rows[scored[0][1]]


def on_option(ctx: Ctx, key: tuple[RecItem, ...], table: Decision) -> str:
    """The first answer to a yes/no question about one option of ``table``, or ``""``."""
    row = asked_option(ctx, table.options)
    if row is None or row.preference == "advised_against":
        return ""
    chosen = table.preference is not None and table.preference.option == row.id
    needs = [k for k in key if any(f == (OPTION, row.id) for _r, f in k.firings)
             or k.target_key == (OPTION, row.id)]
    numbers = ctx.msg.join([str(key.index(k) + 1) for k in needs])
    refs = ctx.msg("answer.ref_one" if len(needs) == 1 else "answer.ref_many", numbers=numbers)
    what = ctx.msg.join([_lower(k.label) for k in needs])
    if chosen:
        return ctx.msg("answer.yesno.yes_if", what=what, refs=refs) if needs \
            else ctx.msg("answer.yesno.yes")
    if not needs:  # left open, nothing first: "Dit advies wijst geen … aan" answers it
        return ""
    return ctx.msg("answer.yesno.open_needs" if len(needs) == 1
                   else "answer.yesno.open_needs_many", what=what, refs=refs)


def yes_no(ctx: Ctx, key: tuple[RecItem, ...], action: dict[str, str],
           table: Decision | None = None) -> str:
    """The first answer to a yes/no question on the step it begins with, or ``""``.

    Else, with an options ``table``, the answer on the option it asks about (:func:`on_option`).
    """
    step = asked_step(ctx)
    dutch = _unwrapped(ctx, (ctx.result.case.meta.vraag or "").strip())
    if not step and dutch is not None:
        step = asked_step(ctx, dutch)  # a question given in Dutch only: its step in Dutch
        found = _in_dutch(ctx, key) if step else None
    else:
        found = step_rec(ctx, key, step, action) if step else None
    if not step and table is not None:
        return on_option(ctx, key, table)
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

    question = _unwrapped(ctx, (ctx.result.case.meta.vraag or "").strip())
    if question is None:
        return None  # an English question that asks no step: nothing to find in Dutch
    dutch = cast("Any", _dutch(ctx))  # an ExplainContext: it has its decisions
    step = asked_step(dutch, question)
    if not step:
        return None
    theirs = dutch.decisions.key_recommendations
    found = step_rec(dutch, theirs, step, {k.item: _action(dutch, k) for k in theirs})
    return next((k for k in key if found is not None and (k.item, k.target_id)
                 == (found.item, found.target_id)), None)


def _lower(label: str) -> str:
    """A label inside a sentence: lower-case unless it starts with an acronym."""
    return label if label[:2].isupper() else label[:1].lower() + label[1:]
