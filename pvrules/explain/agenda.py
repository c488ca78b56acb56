"""What comes next: the route and the frameworks applied.

* **route**: the ``route`` conclusions (steps of catalogue kind ``route``), once each,
  ordered by the step's ``order`` and then catalogue order, with who decides, when
  and under which law;
* **frameworks**: the frameworks the applied rules name, with the date they are
  applied for (the case's peildatum) and their validity.

"Find out first" lives in :mod:`pvrules.explain.findout`.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from pvrules.explain.basics import peildatum
from pvrules.explain.ctxtypes import Ctx
from pvrules.explain.decisions_model import Framework, RouteStep

if TYPE_CHECKING:
    from pvrules.explain.registry import Registry


def in_force(ctx: Ctx, item: object) -> bool:
    """Whether a catalogue item is valid on the case's date (no dates: always)."""
    day = peildatum(ctx)
    start, end = getattr(item, "valid_from", None), getattr(item, "valid_to", None)
    if day is None or (start is None and end is None):
        return True
    if start is not None and day < dt.date.fromisoformat(start):
        return False
    return not (end is not None and day >= dt.date.fromisoformat(end))


def _text(value: object, lang: str) -> str | None:
    getter = getattr(value, "get", None)
    return str(getter(lang)) if getter is not None else None


def route(ctx: Ctx, reg: Registry) -> tuple[RouteStep, ...]:
    """The route steps the rules concluded, in order."""
    cats = ctx.kb.catalogues
    order = {name: i for i, name in enumerate(cats.items)}
    found: dict[str, list[str]] = {}
    for firing in ctx.result.firings:
        for concl in firing.conclusions:
            if concl.kind == "route" and concl.name in cats.items:
                found.setdefault(concl.name, []).extend(
                    ctx.kb.entries[firing.rule_id].spec.sources)
    steps = []
    for name in sorted(found, key=lambda n: (getattr(cats.items[n], "order", None) or 10**6,
                                             order[n])):
        item = cats.items[name]
        reg.cite(found[name])
        steps.append(RouteStep(name, item.label.get(ctx.lang),
                               _text(getattr(item, "who", None), ctx.lang),
                               _text(getattr(item, "when", None), ctx.lang),
                               _text(getattr(item, "law", None), ctx.lang)))
    return tuple(steps)


def frameworks(ctx: Ctx) -> tuple[Framework, ...]:
    """The frameworks named by the rules that applied, with the date applied for."""
    cats = ctx.kb.catalogues
    names: list[str] = []
    for firing in ctx.result.firings:
        for name in getattr(ctx.kb.rule(firing.rule_id), "frameworks", ()):
            if name not in names and name in cats.items:
                names.append(name)
    day = peildatum(ctx)
    order = {name: i for i, name in enumerate(cats.items)}
    return tuple(Framework(n, cats.items[n].label.get(ctx.lang),
                           day.isoformat() if day else None,
                           getattr(cats.items[n], "valid_from", None),
                           getattr(cats.items[n], "valid_to", None))
                 for n in sorted(names, key=order.__getitem__))
