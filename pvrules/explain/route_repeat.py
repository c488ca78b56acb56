"""Rows of the route that a reader has just read: one line that points back to them."""

from __future__ import annotations

from dataclasses import replace

from pvrules.explain.ctxtypes import Ctx
from pvrules.explain.decisions_model import RouteStep

WHEN_NO_CHOICE = "when_no_choice"
"""A step whose ``when`` names a decision ("na de keuze voor de vorm"): its ``when`` where
no step on the route makes that decision before it: a step for a task whatever the choice, or
a common step with no ``chooses`` step ahead of it (review 6, Top 10 item 1)."""

Said = tuple[str, str | None, str | None, str | None]


def said(ctx: Ctx, step: RouteStep) -> Said:
    """What a row says, to find a row repeated below.

    A step whose ``when`` depends on a choice on the route (``when_no_choice``) is the same
    step in an option's block whatever its ``when``.
    """
    props = getattr(ctx.kb.catalogues.items[step.step], "properties", {})
    return step.label, step.who, None if WHEN_NO_CHOICE in props else step.when, step.law


def same_as_above(ctx: Ctx, members: list[RouteStep],
                  shown: dict[Said, int],
                  number: int) -> list[RouteStep]:
    """A block's run of two or more steps worded exactly as a run listed above, as one line.

    An option's block that repeats the steps of a task's regeling word for word (draft,
    view, works council, consent) says "the same steps as 2 to 5 above" instead of four rows
    a reader has just read.
    """
    out: list[RouteStep] = []
    i = 0
    while i < len(members):
        start = shown.get(said(ctx, members[i]))
        j = i
        while start is not None and j + 1 < len(members) \
                and shown.get(said(ctx, members[j + 1])) == start + (j + 1 - i):
            j += 1
        if start is None or j == i:
            out.append(members[i])
            i += 1
            continue
        label = ctx.msg("route.same_as_above", first=start, last=start + j - i)
        out.append(replace(members[i], label=label, who=None, when=None, law=None))
        i = j + 1
    return out
