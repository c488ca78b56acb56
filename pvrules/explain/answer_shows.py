"""What the comparison of the options shows, for §1 before "the raad chooses".

Where the raad chooses between options and no source prefers one, §1 does not open with
"Dit advies wijst geen van de opties aan": it first says, in one sentence, what §4/§6
computed per option (better or worse on which corner; for an option that changes little,
its own risk with its cause), options with the same gains together, then who chooses.
"""

from __future__ import annotations

from pvrules.explain.conclusion import _risk
from pvrules.explain.conclusion_compare import gains
from pvrules.explain.ctxtypes import Ctx
from pvrules.explain.decisions_model import OptionRow

MAX_OPTIONS = 3
"""At most this many options are weighed in §1; with more, §4 and §6 carry them."""


def _clause(ctx: Ctx, rows: list[OptionRow], what: str) -> str:
    names = ctx.msg.join([f"‘{r.label}’" for r in rows])
    return ctx.msg("answer.shows_gain" if len(rows) == 1 else "answer.shows_gain_many",
                   options=names, what=what)


def shows(ctx: Ctx, rows: list[OptionRow]) -> str:
    """"Wat de vergelijking van de opties laat zien: ‘A’ en ‘B’ zijn beter voor …; …" or ``""``.

    Options that gain or cost a corner first (grouped by what they gain), then those that
    change little (with their own risk and its cause: often the fact that points one way),
    then those not yet to judge. ``""`` with fewer than two or more than
    :data:`MAX_OPTIONS` options, or when no option gains or costs a corner or has a risk of
    its own (nothing points any way).
    """
    if not 1 < len(rows) <= MAX_OPTIONS:
        return ""
    grouped: dict[str, list[OptionRow]] = {}
    neutral: list[tuple[str, str]] = []  # (clause, its risk)
    unjudged: list[str] = []
    for row in rows:
        what = gains(ctx, row, [o for o in rows if o is not row])
        if what:
            grouped.setdefault(what, []).append(row)
            continue
        risk = _risk(ctx, row, unknown=False)
        if any(e.sign == "?" for e in row.effects.values()):
            unjudged.append(ctx.msg("answer.shows_open", option=row.label, risk=risk))
        else:
            neutral.append((ctx.msg("answer.shows_neutral", option=row.label, risk=risk), risk))
    if not grouped and not any(risk for _s, risk in neutral):
        return ""
    clauses = [_clause(ctx, rs, what) for what, rs in grouped.items()]
    clauses += [s for s, _r in neutral] + unjudged
    return ctx.msg("answer.shows", what="; ".join(clauses))
