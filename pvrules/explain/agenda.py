"""What comes next: the frameworks applied, and whether a catalogue item is in force.

The route lives in :mod:`pvrules.explain.route`.

* **frameworks**: the frameworks the applied rules name, and those the advice applies by
  what it recommends (a Wgr form, a step under the WOR), with the date they are applied for
  (the case's peildatum) and their validity.

"Find out first" lives in :mod:`pvrules.explain.findout`.
"""

from __future__ import annotations

import datetime as dt

from pvrules.explain.basics import peildatum
from pvrules.explain.ctxtypes import Ctx
from pvrules.explain.decisions_model import Framework


def in_force(ctx: Ctx, item: object) -> bool:
    """Whether a catalogue item is valid on the case's date (no dates: always)."""
    day = peildatum(ctx)
    start, end = getattr(item, "valid_from", None), getattr(item, "valid_to", None)
    if day is None or (start is None and end is None):
        return True
    if start is not None and day < dt.date.fromisoformat(start):
        return False
    return not (end is not None and day >= dt.date.fromisoformat(end))


def frameworks(ctx: Ctx) -> tuple[Framework, ...]:
    """The frameworks the applied rules name or the advice applies, with the date applied for."""
    cats = ctx.kb.catalogues
    names: list[str] = []
    for firing in ctx.result.firings:
        for name in getattr(ctx.kb.rule(firing.rule_id), "frameworks", ()):
            if name not in names and name in cats.items:
                names.append(name)
    for name in _applied_by_items(ctx):
        if name not in names:
            names.append(name)
    day = peildatum(ctx)
    order = {name: i for i, name in enumerate(cats.items)}
    return tuple(Framework(n, cats.items[n].label.get(ctx.lang),
                           day.isoformat() if day else None,
                           getattr(cats.items[n], "valid_from", None),
                           getattr(cats.items[n], "valid_to", None))
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
