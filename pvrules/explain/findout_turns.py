"""What turns on an item of "Eerst uitzoeken": "Daarvan hangt af …" (reviews 10 and 12).

An advisor who asks someone a question says why it matters, in terms of the decision, not
of the advice's machinery (review 12: "Daarvan hangt af: het oordeel over de legitimiteit,
de beoordeling van die optie en of ook ‘Burgerberaad’ … nodig zijn" → "Daarvan hangt af of
een fusie op termijn weer in beeld komt"). The parts of the advice an answer can change
(:mod:`pvrules.explain.findout`) become clauses, the choice first:

* an option's preference: whether an option the advice rejects comes back into view,
  whether the one it favours stays the way to go, or whether another stays in the picture;
* an option's effect or criterion score: how that option (or the options) comes out;
* a corner's verdict: the plain question behind it (``find_out.turns.corner.ID``: "of de
  koers genoeg draagvlak heeft"), else the balance of the triangle;
* only when nothing of that turns on it: the recommendations by label, then a measure or
  the risks (an item that passes the gate always has one of the above).

A fact whose answer settles one decision whatever part of the advice it moves says that
decision instead (``find_out.turns.fact.FACT``: "of verbeteren volstaat of de vorm zelf het
probleem is").

A recommendation that asks for the fact itself ("peil het draagvlak") is not named: that
is how the answer is found, not what depends on it.
"""

from __future__ import annotations

from collections.abc import Iterable

from pvrules.explain.basics import corner_label, entity_name
from pvrules.explain.ctxtypes import Ctx
from pvrules.explain.findout_made import recommended_items

MAX_SAID = 3
"""Clauses named at most; the choice first."""
MAX_OPTIONS = 2
"""Options named one by one; more are "de opties"."""
MAX_RECS = 2
"""Recommendations named by label at most."""
OPTION = "optie"
AGAINST, ADVISED = "advised_against", "advised"
"""The names of a ``prefer`` conclusion (:class:`~pvrules.compile.ir.Assess`)."""


def _label(ctx: Ctx, item: str) -> str | None:
    found = ctx.kb.catalogues.items.get(item)
    return found.label.get(ctx.lang) if found is not None else None


def _names(ctx: Ctx, keys: Iterable[object]) -> list[str]:
    return [n for n in dict.fromkeys(entity_name(ctx, k) for k in keys
                                     if isinstance(k, tuple) and k[:1] == (OPTION,)) if n]


def _named(ctx: Ctx, name: str, question: str) -> bool:
    """Whether the item's question (or the entity before it) names option ``name``."""
    return f"‘{name}’" in question or question.startswith(name)


def _preferences(ctx: Ctx) -> dict[object, str]:
    """Per option the advice prefers or rejects: ``advised`` or ``advised_against``."""
    out: dict[object, str] = {}
    for firing in ctx.result.firings:
        for c in firing.conclusions:
            if c.kind == "prefer" and c.target is not None and \
                    out.get(c.target) != AGAINST:  # rejected once is rejected
                out[c.target] = str(c.name)
    return out


def _choice(ctx: Ctx, keys: list[object], question: str) -> list[str]:
    """Clauses for the options whose preference turns on the answer."""
    prefs = _preferences(ctx)
    out: list[str] = []
    named = [n for n in (entity_name(ctx, k) if isinstance(k, tuple) else None
                         for k in dict.fromkeys(keys)) if n]
    for key in dict.fromkeys(keys):
        name = entity_name(ctx, key) if isinstance(key, tuple) else None
        if not name:
            continue
        kind = {AGAINST: "back", ADVISED: "stays"}.get(prefs.get(key, ""), "open")
        # "die optie" only when the question names one option: with two, each by name
        this = len(named) == 1 and _named(ctx, name, question)
        clause = ctx.msg(f"find_out.turns.{kind}{'_this' if this else ''}", option=f"‘{name}’")
        if clause not in out:
            out.append(clause)
    return out[:MAX_OPTIONS]


def _options(ctx: Ctx, keys: list[object], question: str = "") -> str | None:
    names = _names(ctx, keys)
    if not names:
        return None
    if len(names) == 1 and _named(ctx, names[0], question):
        return ctx.msg("find_out.turns.this_option")
    if len(names) > MAX_OPTIONS:
        return ctx.msg("find_out.turns.options")
    return ctx.msg("find_out.turns.option", option=ctx.msg.join([f"‘{n}’" for n in names]))


def _corner(ctx: Ctx, corner: str) -> str:
    own = f"find_out.turns.corner.{corner}"
    if ctx.msg.has(own):
        return ctx.msg(own)
    return ctx.msg("find_out.turns.corner", corner=corner_label(ctx, corner).lower())


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


def turns(ctx: Ctx, parts: Iterable[tuple[object, ...]], question: str = "",
          fact: str | None = None) -> str:
    """The clause "Daarvan hangt af …" for ``parts``, or "" when nothing a reader sees does.

    ``question``: the item's entity and question; an option it names is "die optie" here.
    ``fact``: the item's one fact; its own clause (``find_out.turns.fact.FACT``) is said instead.
    """
    parts = sorted(set(parts), key=str)
    if parts and fact is not None and ctx.msg.has(f"find_out.turns.fact.{fact}"):
        return ctx.msg("find_out.turns.sentence", what=ctx.msg(f"find_out.turns.fact.{fact}"))
    preferred = [p[1] for p in parts if p[0] == "prefer"]
    said = _choice(ctx, preferred, question)
    scored = [p[1] for p in parts if p[0] in ("effect", "criterion")
              and p[1] not in preferred]
    options = _options(ctx, scored, question)
    if options:
        said.append(options)
    corners = list(dict.fromkeys(str(p[1]) for p in parts if p[0] == "corner"))
    said.extend(_corner(ctx, c) for c in corners)
    if any(p[0] == "balance" for p in parts) and not corners:
        said.append(ctx.msg("find_out.turns.balance"))
    if not said:  # nothing of the choice: the recommendations, a measure or the risks
        made = recommended_items(ctx)
        given = [p for p in parts if p[0] == "key" and p[1] in made]
        for kind, of in (("key", given), ("key_new", [p for p in parts
                                                     if p[0] == "key" and p not in given])):
            keys = _recs(ctx, [p[1] for p in of], kind)
            if keys:
                said.append(keys)
    if not said:
        for found in (_recs(ctx, [p[1] for p in parts if p[0] == "rec"], "rec"),
                      _risks(ctx, [p[1] for p in parts if p[0] == "risk"])):
            if found:
                said.append(found)
    if not said:
        return ""
    return ctx.msg("find_out.turns.sentence", what=ctx.msg.join(said[:MAX_SAID]))
