"""Whether advice §1 gives "whatever the choice" fits every option on the table (review 11, #4).

A recommendation that holds whichever option is chosen may still presuppose some of them:
a verbeterplan for a collaboration that one option unwinds, or underpinning a judgement on
a partner that another option leaves out. Such advice is said conditionally ("Gaat de
samenwerking door, dan adviseren wij …", "Bij een keuze voor ‘X’ adviseren wij …"), never
"Welke optie u ook kiest".

What a recommendation is about: its target and the entities of the firings its chain
leads to. A partner it is about must be among an option's partners; a collaboration it is
about does not outlive an option whose form ends it (``answer.ending_forms``).
"""

from __future__ import annotations

from collections.abc import Sequence

from pvrules.explain.ctxtypes import Ctx
from pvrules.explain.decisions_model import OptionRow, RecItem

PARTNER = "partner"
COLLABORATION = "samenwerking"


def _about(item: RecItem) -> set[tuple[str, str]]:
    """The partners and collaborations ``item`` is about (entity keys)."""
    keys = [item.target_key, *(key for _rule, key in item.firings if key is not None)]
    return {(str(k[0]), str(k[1])) for k in keys if k and k[0] in (PARTNER, COLLABORATION)}


def ending(ctx: Ctx, row: OptionRow) -> bool:
    """Whether ``row``'s form ends the collaboration (unwinding, leaving, ending a relation)."""
    return (row.form or "") in {f for f in ctx.msg("answer.ending_forms").split("|") if f}


def fits(ctx: Ctx, item: RecItem, row: OptionRow) -> bool:
    """Whether ``item`` still applies when ``row`` is chosen."""
    names = {e.key: e.name for e in ctx.result.case.all_entities()}
    for key in _about(item):
        if key[0] == PARTNER and key in names and names[key] not in row.partners:
            return False  # the option leaves this partner out
        if key[0] == COLLABORATION and ending(ctx, row):
            return False  # the option ends the collaboration the advice works on
    return True


def fitting(ctx: Ctx, items: Sequence[RecItem], rows: Sequence[OptionRow]) -> list[OptionRow]:
    """The options of ``rows`` that every one of ``items`` fits, in order."""
    return [r for r in rows if all(fits(ctx, k, r) for k in items)]


def conditional(ctx: Ctx, items: Sequence[RecItem], rows: Sequence[OptionRow],
                before: bool = False, plain: bool = False) -> str:
    """The prefix for advice that fits only some of ``rows``, or ``""`` when it fits all.

    "Vóór een keuze voor ‘X’ adviseren wij" for a step that informs the choice (``before``);
    "Gaat de samenwerking door, dan adviseren wij" when only options that end the
    collaboration fall out; else "Bij een keuze voor ‘X’ adviseren wij". ``""`` too when no
    option fits (the advice is then not for §1's choice at all). ``plain``: the words
    before an action sentence ("Gaat de samenwerking door: laat …").
    """
    fit = fitting(ctx, items, rows)
    if len(fit) == len(rows) or not fit:
        return ""
    quoted = [f"‘{r.label}’" for r in fit]
    names = ", ".join(quoted[:-1]) + ctx.msg("answer.or") + quoted[-1] if len(quoted) > 1 \
        else quoted[0]
    if before:
        key = "answer.fits_before_plain" if plain else "answer.fits_before"
    elif all(ending(ctx, r) for r in rows if r not in fit):
        key = "answer.fits_continues_plain" if plain else "answer.fits_continues"
    else:
        key = "answer.fits_some_plain" if plain else "answer.fits_some"
    return ctx.msg(key, options=names)
