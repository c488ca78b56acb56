"""What the options mean in this case, for §1 before "the raad chooses".

Where the raad chooses between options and no source prefers one, §1 does not open with
"Dit advies wijst geen van de opties aan", nor with corner names ("X is goed voor
legitimiteit, maar slechter voor organisatie"): corner vocabulary belongs in §4. It says,
per option, what speaks for it and what against it in the words of its own §4 cells (the
first clause of the reason of each ``+`` and ``-`` cell: what the option does in this case);
an option that changes little, with its own risk and its cause (often the fact that points
one way); one not yet to judge, as such. Then who chooses.
"""

from __future__ import annotations

import re

from pvrules.explain.basics import lower_first
from pvrules.explain.conclusion import _risk
from pvrules.explain.ctxtypes import Ctx
from pvrules.explain.decisions_model import OptionRow

MAX_OPTIONS = 3
"""At most this many options are weighed in §1; with more, §4 and §6 carry them."""
CLAUSE = re.compile(r"; |: ")
"""Where the first clause of a §4 reason ends: §1 says what it does, §4 the rest."""


def first_clause(reason: str) -> str:
    """The part of ``reason`` before its first "; " or ": " outside parentheses.

    "… een kleine gemeente (inwoners: 9.000 in X); …" keeps its parenthesis whole.
    """
    depth = 0
    for i, char in enumerate(reason):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0 and CLAUSE.match(reason, i):
            return reason[:i]
    return reason


def in_case_terms(ctx: Ctx, row: OptionRow, sign: str) -> str:
    """What ``row`` does on the corners where its effect is ``sign``, in the case's words.

    The first clause of each such cell's reason, lower case, joined ("één gedeelde ambtelijke
    organisatie vergroot capaciteit …, en een subsidie op een vaste grondslag …"), each
    said once; ``""`` without such a cell or reason.
    """
    said: list[str] = []
    for effect in row.effects.values():
        if effect.sign != sign or not effect.reason:
            continue
        clause = _lower(first_clause(effect.reason.strip()).rstrip(" ."))
        if clause and clause not in said:
            said.append(clause)
    return f", {ctx.msg('word.and')} ".join(said)


def _lower(text: str) -> str:
    """``text`` inside a sentence: "Eén organisatie" becomes "één organisatie"."""
    return f"é{text[1:]}" if text.startswith("Eé") else lower_first(text)


def _option(ctx: Ctx, row: OptionRow) -> str:
    """One sentence on ``row``: what speaks for it and against it, else ``""``."""
    pro, con = in_case_terms(ctx, row, "+"), in_case_terms(ctx, row, "-")
    if pro and con:
        return ctx.msg("answer.shows_both", option=row.label, pro=pro, con=con)
    if pro:
        return ctx.msg("answer.shows_pro", option=row.label, pro=pro)
    if con:
        return ctx.msg("answer.shows_con", option=row.label, con=con)
    return ""


def shows(ctx: Ctx, rows: list[OptionRow]) -> str:
    """What the options mean in this case: one sentence per option, or ``""``.

    Options that gain or cost something first (in §4's order), then those that change
    little (with their own risk and its cause), then those not yet to judge. ``""`` with
    fewer than two or more than :data:`MAX_OPTIONS` options, or when no option gains or
    costs anything or has a risk of its own (nothing points any way).
    """
    if not 1 < len(rows) <= MAX_OPTIONS:
        return ""
    moving: list[str] = []
    neutral: list[tuple[str, str]] = []  # (sentence, its risk)
    unjudged: list[str] = []
    for row in rows:
        said = _option(ctx, row)
        if said:
            moving.append(said)
            continue
        risk = _risk(ctx, row, unknown=False)
        if any(e.sign == "?" for e in row.effects.values()):
            unjudged.append(ctx.msg("answer.shows_open", option=row.label, risk=risk))
        else:
            neutral.append((ctx.msg("answer.shows_neutral", option=row.label, risk=risk), risk))
    if not moving and not any(risk for _s, risk in neutral):
        return ""
    return " ".join([*moving, *(s for s, _r in neutral), *unjudged])
