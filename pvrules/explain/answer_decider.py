"""Who decides on an option whose decision is not the raad's choice, for §1 and §6.

Participation in a private legal person is a decision of the college (Gemeentewet, art. 160
lid 1 onder e), after the raad's wensen en bedenkingen (lid 2); for a province, of
Gedeputeerde Staten after those of Provinciale Staten (Provinciewet, art. 158). "De raad
kiest" alone would be wrong for such an option: the sentence here says who decides on it.
"""

from __future__ import annotations

from pvrules.explain.ctxtypes import Ctx
from pvrules.explain.decisions_model import OptionRow
from pvrules.explain.texts import client_kind, organs

FORM_FACT = "optievorm"
RELATION_FACT = "optie_relatie"
PRIVATE = "privaatrechtelijke_vorm"
PARTICIPATES = ("deelneming", None)
"""The relations to a private legal person that are participation (unknown: the default)."""
OPTION = "optie"
PROVINCE = {"answer.decider_private": "answer.decider_private.provincie",
            "conclusion.decider_private": "conclusion.decider_private.provincie"}
"""The message for a province as client, per message."""


def participations(ctx: Ctx, rows: list[OptionRow]) -> list[OptionRow]:
    """The options of ``rows`` that participate in a private legal person."""
    out = []
    for row in rows:
        key = (OPTION, row.id)
        if ctx.result.value(key, FORM_FACT) == PRIVATE \
                and ctx.result.value(key, RELATION_FACT) in PARTICIPATES:
            out.append(row)
    return out


def decider(ctx: Ctx, rows: list[OptionRow], kind: str = "answer.decider_private") -> str:
    """Who decides on participation in a private legal person among ``rows``, or ``""``.

    ``kind``: the message (§1 ``answer.decider_private``, §6 ``conclusion.decider_private``);
    its ``.provincie`` variant for a province as client.
    """
    found = participations(ctx, rows)
    if not found:
        return ""
    names = organs(ctx.result.case, ctx.msg)
    client = client_kind(ctx.result.case)
    key = PROVINCE.get(kind, kind) if client == "provincie" else kind
    return ctx.msg(key, options=ctx.msg.join([f"‘{r.label}’" for r in found]),
                   college=names["college"], raad=names["raad"],
                   decides=ctx.msg(f"verb.decides.{client}"))  # "de colleges besluiten"


def who_decides(ctx: Ctx, rows: list[OptionRow], chooser: str, chooser_kind: str,
                kind: str = "answer.decider_private") -> str:
    """Who decides on each of ``rows`` in one clause, or ``""`` when none participates.

    The college (after the raad's wensen en bedenkingen) for a participation, ``chooser``
    for the other options ("…; over de andere opties beslist de raad"): one statement,
    never "de raad kiest" for all of them and the college for one after it. No ending stop.
    """
    said = decider(ctx, rows, kind)
    others = len(rows) - len(participations(ctx, rows))
    if not said or not others:
        return said
    return said + ctx.msg("answer.others_decide" if others > 1 else "answer.other_decides",
                          chooser=chooser, decides=ctx.msg(f"verb.decides.{chooser_kind}"))
