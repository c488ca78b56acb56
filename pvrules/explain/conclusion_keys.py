"""What the key recommendations of §1 advise and aim at, in the last sentences of §6.

§6 ends with the advice itself (:func:`advised`): "Wij adviseren u de vier
kernaanbevelingen van hoofdstuk 1 uit te voeren." points instead of advising. Where §6 has
no options to weigh, what they aim at follows (:func:`aims`). Each key
recommendation's aim comes from the tags of the first rule giving it that has one (the first
tag of :data:`AIMS` it carries; ``herstel`` with a corner tag: strengthening that corner),
each aim said once. A recommendation whose rules carry none of these tags is left out; with
none left, no sentence.
"""

from __future__ import annotations

import re

from pvrules.explain.basics import corner_label, in_sentence
from pvrules.explain.ctxtypes import Ctx
from pvrules.explain.decisions_model import RecItem, Triangle

AIMS = ("herstel", "wgr_2022", "portefeuille", "governance", "vorm")
"""Rule tags with an aim (``conclusion.aim.<tag>``), the first that applies wins."""
REPAIR = "herstel"


def _aim(ctx: Ctx, item: RecItem, tri: Triangle) -> str:
    """The aim of the first rule giving ``item`` that has one."""
    for rule_id, _ in item.firings:
        entry = ctx.kb.entries.get(rule_id)
        aim = _aim_of(ctx, entry.spec.tags, tri) if entry is not None else ""
        if aim:
            return aim
    return ""


def _aim_of(ctx: Ctx, tags: tuple[str, ...] | list[str], tri: Triangle) -> str:
    for tag in AIMS:
        if tag not in tags:
            continue
        if tag == REPAIR:
            corner = next((c for c in tri.corners if c.id in tags), None)
            if corner is None:
                continue
            kind = "conclusion.aim.repair_weak" if corner.rank == 0 else "conclusion.aim.repair"
            return ctx.msg(kind, corner=corner_label(ctx, corner.id).lower())
        return ctx.msg(f"conclusion.aim.{tag}")
    return ""


def aims(ctx: Ctx, keys: tuple[RecItem, ...], tri: Triangle) -> str:
    """"Zij zijn gericht op …." for ``keys``, or ``""`` when none has a known aim."""
    said: list[str] = []
    for item in keys:
        aim = _aim(ctx, item, tri)
        if aim and aim not in said:
            said.append(aim)
    if not said:
        return ""
    kind = "conclusion.aims_one" if len(keys) == 1 else "conclusion.aims"
    return ctx.msg(kind, aims=ctx.msg.join(said))


def advised(ctx: Ctx, keys: tuple[RecItem, ...]) -> str:
    """The key recommendations as what we advise: their labels in one phrase, or ``""``.

    Each recommendation once (several targets of one measure are one step), in the order
    of §1, inside a sentence ("de regeling aanpassen aan de gewijzigde Wgr"), a label "X: a,
    b" by its head X when X says enough alone (:func:`_head`); ``;`` between
    them when a label has "en" inside, so that the list stays readable.
    """
    labels = list(dict.fromkeys(_in(ctx, _head(k.label)) for k in
                                {k.item: k for k in keys}.values()))  # its head: one colon
    if not labels:
        return ""
    if len(labels) > 1 and any(re.search(r" (?:en|and) ", x) for x in labels):
        return "; ".join(labels)
    return ctx.msg.join(labels)


def _in(ctx: Ctx, label: str) -> str:
    """A label inside a sentence; "A plan" too ("a plan": one letter, no name)."""
    said = in_sentence(ctx, label)
    return f"a{said[1:]}" if said.startswith("A ") and ctx.lang != "nl" else said


HEAD_WORDS = 3
"""A label's head before its colon stands for it alone from this many words on."""


def _head(label: str) -> str:
    """``label`` without what follows its colon, when the head says what it is about.

    "Maatregelen in volgorde: eerst …" is "Maatregelen in volgorde"; "Het herindelingsadvies:
    per zienswijze de reactie" stays whole (two words say too little).
    """
    head, colon, _rest = label.partition(": ")
    return head if colon and len(head.split()) >= HEAD_WORDS else label
