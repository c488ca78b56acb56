"""An option's costs and risks as sentences: label and reason joined once for every format.

The Markdown, HTML and Word reports print ``Risk.label`` followed by ``Risk.tail``, one line
each (Markdown: a sub-list under the option, not one pasted paragraph); the joining rules
live here, not in three templates:

- an aspect of the assessment frame with a short noun label ("Omkeerbaarheid") takes its
  reason after a colon, in sentence case ("Omkeerbaarheid: goed omkeerbaar — er verandert …");
  a colon inside that reason becomes a dash, so one clause never holds two colons;
- a label that already holds a colon, or is itself a claim (every risk proper), ends with a
  period and its reason follows as a sentence of its own;
- after any colon a capital stays only where a name starts: a whole entity name of the case
  or an acronym (:func:`sentence_case`; "De …" is a name only as "De Zorgcoöperatie").
"""

from __future__ import annotations

import dataclasses
import re

from pvrules.explain.basics import lower_first
from pvrules.explain.ctxtypes import Ctx
from pvrules.explain.decisions_model import OptionRow, Risk

ASPECT = "afweging_"
"""Prefix of the risk catalogue's items of the assessment frame (costs, reversibility, …)."""

_SIGN = re.compile(r"^[?+−-]\s+")
"""A leading sign marker ("? Nog niet geraamd"): the words themselves say it in a sentence."""

_COLON = re.compile(r":\s+(?=\S)")


def with_tails(ctx: Ctx, row: OptionRow) -> OptionRow:
    """``row`` with every risk's :attr:`Risk.tail` and :attr:`Risk.inline` filled in.

    Risks proper come first, then the aspects of the assessment frame (costs,
    reversibility, …): the reader sees what can go wrong before what it costs.
    """
    risks = sorted(row.risks, key=lambda r: r.id.startswith(ASPECT))
    return dataclasses.replace(row, risks=tuple(
        dataclasses.replace(r, tail=tail(ctx, r), inline=sentence_case(ctx, r.label))
        for r in risks))


def tail(ctx: Ctx, risk: Risk) -> str:
    """What follows ``risk.label``: ``": reason."``, ``". Reason."`` or ``"."``."""
    reason = _SIGN.sub("", risk.reason.strip()).rstrip(" .;:")
    if not reason:
        return "."
    label = risk.label.rstrip()
    if risk.id.startswith(ASPECT) and ":" not in label:
        reason = _COLON.sub(" — ", reason, count=1)
        return f": {_after_colons(ctx, sentence_case(ctx, reason))}."
    return f". {_after_colons(ctx, reason[:1].upper() + reason[1:])}."


def _after_colons(ctx: Ctx, text: str) -> str:
    """``text`` with the word after each colon in sentence case, unless it starts a name."""
    parts = _COLON.split(text)
    return ": ".join([parts[0], *(sentence_case(ctx, p) for p in parts[1:])])


def sentence_case(ctx: Ctx, text: str) -> str:
    """``text`` inside a sentence: lower-case first letter, unless a name or acronym starts it."""
    first = text.split(" ", 1)[0]
    names = (e.name for e in ctx.result.case.all_entities() if e.name)
    if sum(ch.isupper() for ch in first) > 1 or any(text.startswith(n) for n in names):
        return text
    return lower_first(text)
