"""Small helpers the decisions share: the case's date, certainty, strengths, corners, wording."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from pvrules.explain.advice import STRENGTH_NAMES
from pvrules.explain.context import ExplainContext
from pvrules.infer.result import FiringKey
from pvrules.validate.case import EntityKey
from pvrules.validate.rulemodel import STRENGTH_LABELS

LOW = "laag"


def peildatum(ctx: ExplainContext) -> dt.date | None:
    """The date the case is judged at (``None`` when unknown)."""
    day = getattr(ctx.result.case, "peildatum", None)
    if isinstance(day, dt.date):
        return day
    text = ctx.result.case.meta.datum
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def input_slots(ctx: ExplainContext, keys: Iterable[FiringKey]
                ) -> list[tuple[EntityKey, str]]:
    """The input facts (with their entity) a chain of firings rests on, in order."""
    out: list[tuple[EntityKey, str]] = []
    seen: set[FiringKey] = set()
    todo = list(keys)
    firings = {f.key: f for f in ctx.result.firings}
    while todo:
        key = todo.pop(0)
        if key in seen or key not in firings:
            continue
        seen.add(key)
        for target, fact, _value in firings[key].matched:
            fdef = ctx.kb.vocab.facts.get(fact)
            if fdef is None:
                continue
            if fdef.origin == "input":
                if (target, fact) not in out:
                    out.append((target, fact))
            else:
                got = ctx.result.derived.get((target, fact))
                if got is not None and got.by is not None:
                    todo.append(got.by)
    return out


def low_certainty(ctx: ExplainContext, keys: Iterable[FiringKey]) -> tuple[bool, bool, list[str]]:
    """(rests on some low-certainty fact, rests only on such facts, their names)."""
    slots = [s for s in input_slots(ctx, keys) if ctx.result.value(*s) is not None]
    case = ctx.result.case
    certainty = getattr(case, "certainty_of", None)
    low = [s for s in slots if certainty is not None and certainty(*s) == LOW]
    names = [ctx.say.fact(s) for s in low]
    return bool(low), bool(slots) and len(low) == len(slots), names


def strength_of(ctx: ExplainContext, rank: int) -> tuple[str, str]:
    """(id, label) of the strength with ``rank`` (1 = weakest)."""
    rank = max(1, rank)
    vocab = ctx.kb.vocab
    by_rank = getattr(vocab, "strength_by_rank", None)
    if by_rank is not None and getattr(vocab, "strengths", None):
        try:
            found = by_rank(rank)
        except KeyError:
            found = None
        if found is not None:
            return found.id, found.label.get(ctx.lang)
    name = STRENGTH_NAMES.get(rank, "middel")
    return name, STRENGTH_LABELS[name][ctx.lang]


def first_sentence(text: str) -> str:
    """The first sentence of ``text`` (the one line of why)."""
    text = " ".join(text.split())
    for end in (". ", "! ", "? "):
        pos = text.find(end)
        if pos > 0:
            return text[:pos + 1]
    return text


def level_fact(ctx: ExplainContext, corner: str) -> str | None:
    """The id of the derived fact holding ``corner``'s level."""
    declared = getattr(ctx.kb.vocab, "corners", None) or {}
    if corner in declared:
        return str(declared[corner].level_fact)
    return corner if corner in ctx.kb.vocab.facts else None


def corner_ids(ctx: ExplainContext) -> tuple[str, ...]:
    """The corners of the vocabulary, in declared order."""
    declared = getattr(ctx.kb.vocab, "corner_ids", None)
    if declared:
        return tuple(declared)
    return tuple(c.id for c in ctx.advice.corners)


def corner_label(ctx: ExplainContext, corner: str) -> str:
    """A corner's label from the vocabulary."""
    declared = getattr(ctx.kb.vocab, "corners", None) or {}
    if corner in declared:
        return str(declared[corner].label.get(ctx.lang))
    fact = ctx.kb.vocab.facts.get(corner)
    return fact.label.get(ctx.lang) if fact is not None else corner.replace("_", " ")


