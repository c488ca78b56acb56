"""What comes next: the frameworks applied, and whether a catalogue item is in force.

The route lives in :mod:`pvrules.explain.route`.

* **frameworks**: the frameworks the applied rules name, and those the advice applies by
  what it recommends (a Wgr form, a step under the WOR), with the date they are applied for
  (the case's peildatum) and their validity; a framework that is a bill on that day
  (``bill_from`` without ``valid_from`` reached) is labelled as a wetsvoorstel.

"Find out first" lives in :mod:`pvrules.explain.findout`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from pvrules.explain.basics import peildatum
from pvrules.explain.ctxtypes import Ctx
from pvrules.explain.decisions_model import Framework, RouteStep
from pvrules.validate.catalogue import ItemDef

FRAMEWORKS = "frameworks"
"""Route-step property: the framework items the step rests on (ids separated by spaces)."""


def in_force(ctx: Ctx, item: object) -> bool:
    """Whether a catalogue item is valid on the case's date (no dates: always)."""
    day = peildatum(ctx)
    start, end = getattr(item, "valid_from", None), getattr(item, "valid_to", None)
    if day is None or (start is None and end is None):
        return True
    if start is not None and day < dt.date.fromisoformat(start):
        return False
    return not (end is not None and day >= dt.date.fromisoformat(end))


def is_bill(ctx: Ctx, item: object) -> bool:
    """Whether a framework is a public bill, not yet law, on the case's date."""
    bill = getattr(item, "bill_from", None)
    if bill is None:
        return False
    day = peildatum(ctx)
    start = getattr(item, "valid_from", None)
    return day is None or start is None or day < dt.date.fromisoformat(start)


def frameworks(ctx: Ctx, steps: Iterable[RouteStep] = ()) -> tuple[Framework, ...]:
    """The frameworks the applied rules name or the advice applies, with the date applied for.

    What the advice recommends adds the framework of the law it cites. A route step shown
    in the advice adds the frameworks its catalogue item names (property ``frameworks``: ids
    separated by spaces), those in force (or a bill) on the case's date: a route that cites
    the Wgr or the WOR lists them among the frameworks.
    """
    cats = ctx.kb.catalogues
    names: list[str] = []
    for firing in ctx.result.firings:
        for name in getattr(ctx.kb.rule(firing.rule_id), "frameworks", ()):
            if name not in names and name in cats.items:
                names.append(name)
    for name in _applied_by_items(ctx):
        if name not in names:
            names.append(name)
    for step in steps:
        item = cats.items.get(step.step)
        named = item.properties.get(FRAMEWORKS) if item is not None else None
        for name in (named.nl.split() if named is not None else ()):
            found = cats.items.get(name)
            if name not in names and found is not None \
                    and (in_force(ctx, found) or is_bill(ctx, found)):
                names.append(name)
    day = peildatum(ctx)
    order = {name: i for i, name in enumerate(cats.items)}
    return tuple(Framework(n, _label(ctx, cats.items[n]),
                           day.isoformat() if day else None,
                           getattr(cats.items[n], "valid_from", None),
                           getattr(cats.items[n], "valid_to", None),
                           is_bill(ctx, cats.items[n]))
                 for n in sorted(names, key=order.__getitem__))


def _applied_by_items(ctx: Ctx) -> list[str]:
    """The frameworks whose law the advice applies through what it recommends.

    A recommended form or measure and the route steps of the rules that recommend it (or of
    rules that recommend nothing) cite their law in ``sources``; the framework item in force
    on the peildatum that cites that law (first as its own primary source) is applied too.
    """
    cats = ctx.kb.catalogues
    live = {(r.item, r.target_key) for r in ctx.advice.recommendations
            if r.status == "recommended"}
    used: list[str] = [item for item, _target in sorted(live)]
    for firing in ctx.result.firings:
        recs = [(c.name, c.target) for c in firing.conclusions if c.kind == "recommend"]
        if recs and not any(rec in live for rec in recs):
            continue
        used.extend(c.name for c in firing.conclusions if c.kind == "route")
    laws: list[str] = []
    for item_id in used:
        item = cats.items.get(item_id)
        for ref in getattr(item, "sources", ()) or ():
            src = cats.sources.get(ref)
            if src is not None and src.kind == "wet" and ref not in laws:
                laws.append(ref)
    frames = [(name, cats.items[name]) for name in cats.items_of("framework")
              if in_force(ctx, cats.items[name])]
    out: list[str] = []
    for law in laws:
        citing = [name for name, item in frames if law in (item.sources or ())]
        primary = [name for name in citing if cats.items[name].sources[0] == law]
        chosen = (primary or citing)[:1]
        out.extend(name for name in chosen if name not in out)
    return out


BILL_STAGE = "bill_stage_"
"""Framework-item property prefix: ``bill_stage_<YYYYMMDD>`` says where a bill stood from that
date on ("openbaar gemaakt; nog niet bij de Tweede Kamer ingediend"); the label names the stage
of the case's date, never a later one (review 6: a bill "in behandeling" before it was sent to
the Tweede Kamer)."""


def bill_stage(ctx: Ctx, item: object) -> str | None:
    """The stage a bill had reached on the case's date, from its ``bill_stage_<YYYYMMDD>``."""
    day = peildatum(ctx)
    props = getattr(item, "properties", {}) or {}
    stages = sorted(key for key in props if key.startswith(BILL_STAGE))
    reached: str | None = None
    for key in stages:
        try:
            since = dt.datetime.strptime(key[len(BILL_STAGE):], "%Y%m%d").date()
        except ValueError:
            continue
        if day is None or since <= day:
            reached = key
    return str(props[reached].get(ctx.lang)) if reached is not None else None


def _label(ctx: Ctx, item: ItemDef) -> str:
    label = item.label.get(ctx.lang)
    if not is_bill(ctx, item):
        return label
    stage = bill_stage(ctx, item)
    if stage is None:
        return ctx.msg("route.framework_bill", label=label)
    return ctx.msg("route.framework_bill_stage", label=label, stage=stage)
