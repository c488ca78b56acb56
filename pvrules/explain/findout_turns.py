"""What turns on an item of "Eerst uitzoeken": "Daarvan hangt af: …" (review 10).

An advisor who asks someone a question says why it matters. The parts of the advice an
answer can change (:mod:`pvrules.explain.findout`: a corner, the balance, an option's effect,
criterion, preference or risk, a recommendation) become one short clause, the heaviest
first: the verdict on a corner, then the options by name, then the key recommendations by
their label (one the advice does not make yet: whether it is added), then (only when
nothing heavier turns on it) a measure or a risk. A
recommendation that asks for the fact itself ("peil het draagvlak") is not named: that
is how the answer is found, not what depends on it.
"""

from __future__ import annotations

from collections.abc import Iterable

from pvrules.explain.basics import corner_label, entity_name
from pvrules.explain.ctxtypes import Ctx
from pvrules.explain.findout_made import recommended_items

MAX_SAID = 4
"""Things named at most; the heaviest first."""
MAX_OPTIONS = 2
"""Options named one by one; more are "de opties"."""
MAX_RECS = 2
"""Recommendations named by label at most."""
OPTION = "optie"


def _label(ctx: Ctx, item: str) -> str | None:
    found = ctx.kb.catalogues.items.get(item)
    return found.label.get(ctx.lang) if found is not None else None


def _options(ctx: Ctx, keys: list[object], question: str = "") -> str | None:
    names = [n for n in dict.fromkeys(entity_name(ctx, k) for k in keys
                                      if isinstance(k, tuple) and k[:1] == (OPTION,)) if n]
    if not names:
        return None
    if len(names) == 1 and (f"‘{names[0]}’" in question or question.startswith(names[0])):
        # the item names it already, in its question or before it
        return ctx.msg("find_out.turns.this_option")
    if len(names) > MAX_OPTIONS:
        return ctx.msg("find_out.turns.options")
    return ctx.msg("find_out.turns.option", option=ctx.msg.join([f"‘{n}’" for n in names]))


def _recs(ctx: Ctx, items: list[object], key: str) -> str | None:
    labels = [lb for lb in dict.fromkeys(_label(ctx, str(i)) for i in items) if lb]
    if not labels:
        return None
    quoted = ctx.msg.join([f"‘{lb}’" for lb in labels[:MAX_RECS]])
    return ctx.msg(f"find_out.turns.{key}{'s' if len(labels) > 1 else ''}", what=quoted)


def _risks(ctx: Ctx, keys: list[object]) -> str | None:
    if not keys:
        return None
    names = [n for n in dict.fromkeys(entity_name(ctx, k) for k in keys
                                      if isinstance(k, tuple)) if n]
    if not names or len(names) > MAX_OPTIONS:
        return ctx.msg("find_out.turns.risks")
    return ctx.msg("find_out.turns.risks_of", of=ctx.msg.join([f"‘{n}’" for n in names]))


def turns(ctx: Ctx, parts: Iterable[tuple[object, ...]], question: str = "") -> str:
    """The clause "Daarvan hangt af: …" for ``parts``, or "" when nothing a reader sees does.

    ``question``: the item's entity and question; an option it names is "die optie" here.
    """
    parts = sorted(set(parts), key=str)
    said: list[str] = []
    corners = [str(p[1]) for p in parts if p[0] == "corner"]
    if corners:
        said.append(ctx.msg("find_out.turns.corner", corner=ctx.msg.join(
            [corner_label(ctx, c).lower() for c in dict.fromkeys(corners)])))
    if any(p[0] == "balance" for p in parts) and not corners:
        said.append(ctx.msg("find_out.turns.balance"))
    options = _options(ctx, [p[1] for p in parts if p[0] in ("effect", "prefer", "criterion")],
                       question)
    if options:
        said.append(options)
    made = recommended_items(ctx)
    given = [p for p in parts if p[0] == "key" and p[1] in made]  # for whichever target
    for kind, of in (("key", given), ("key_new", [p for p in parts
                                                 if p[0] == "key" and p not in given])):
        keys = _recs(ctx, [p[1] for p in of], kind)
        if keys:
            said.append(keys)
    if not said:  # nothing heavier: a measure, or the risks of an option or a collaboration
        for found in (_recs(ctx, [p[1] for p in parts if p[0] == "rec"], "rec"),
                      _risks(ctx, [p[1] for p in parts if p[0] == "risk"])):
            if found:
                said.append(found)
    if not said:
        return ""
    return ctx.msg("find_out.turns.sentence", what=ctx.msg.join(said[:MAX_SAID]))
