"""Small helpers the decisions share: the case's date, certainty, strengths, corners, wording."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from pvrules.explain import texts
from pvrules.explain.advice import strength
from pvrules.explain.casefacts import bron_shown
from pvrules.explain.ctxtypes import Ctx
from pvrules.infer.result import FiringKey
from pvrules.validate.base import Text
from pvrules.validate.case import EntityKey

LOW = "laag"
DIRECTION_CHOSEN = "richting_gekozen"
"""The case fact that the raden (or Staten) already chose a direction."""
DUTCH = "nl"


def peildatum(ctx: Ctx) -> dt.date:
    """The date the case is judged at (``casus.datum``, else the date of the run)."""
    return ctx.result.case.peildatum


def input_slots(ctx: Ctx, keys: Iterable[FiringKey], *, members: bool = False
                ) -> list[tuple[EntityKey, str]]:
    """The input facts (with their entity) a chain of firings rests on, in order.

    With ``members``, a fact computed over a list (``aggregate: {over, of}``, e.g. whether the
    administrative strength of a partner of the option falls short) stands for the facts of
    the entities it is computed of, so that their certainty counts.
    """
    out: list[tuple[EntityKey, str]] = []
    seen: set[FiringKey] = set()
    todo = list(keys)
    firings = {f.key: f for f in ctx.result.firings}
    while todo:
        key = todo.pop(0)
        if key in seen or key not in firings:
            continue
        seen.add(key)
        for target, fact, _value in firings[key].matched:
            fdef = ctx.kb.vocab.facts.get(fact)
            if fdef is None:
                continue
            if fdef.origin == "input":
                if (target, fact) not in out:
                    out.append((target, fact))
            elif members and fdef.aggregate is not None and fdef.aggregate.of is not None:
                for slot in _members(ctx, target, fdef.aggregate.over, fdef.aggregate.of):
                    if slot not in out:
                        out.append(slot)
            else:
                got = ctx.result.derived.get((target, fact))
                if got is not None and got.by is not None:
                    todo.append(got.by)
    return out


def _members(ctx: Ctx, target: EntityKey, over: str, of: str) -> list[tuple[EntityKey, str]]:
    """The slots ``(member, of)`` of the entities ``target``'s list fact ``over`` refers to."""
    ref = getattr(ctx.kb.vocab.facts.get(over), "ref", None)
    value = ctx.result.value(target, over)
    if ref is None or not isinstance(value, tuple):
        return []
    return [((ref, str(m)), of) for m in value]


def low_certainty_slots(ctx: Ctx, keys: Iterable[FiringKey]
                        ) -> tuple[list[tuple[EntityKey, str]], list[tuple[EntityKey, str]]]:
    """(the known facts the firings ``keys`` rest on, those of them of low certainty)."""
    slots = [s for s in input_slots(ctx, keys) if ctx.result.value(*s) is not None]
    case = ctx.result.case
    return slots, [s for s in slots if case.certainty_of(*s) == LOW]


def low_certainty(ctx: Ctx, keys: Iterable[FiringKey]) -> tuple[bool, bool, list[str]]:
    """(rests on some low-certainty fact, rests only on such facts, their names)."""
    slots, low = low_certainty_slots(ctx, keys)
    names = [ctx.say.fact(s) for s in low]
    return bool(low), bool(slots) and len(low) == len(slots), names


def best_firing(ctx: Ctx, keys: Iterable[FiringKey]) -> FiringKey | None:
    """The firing that gives the why of a recommendation: highest rule priority, then first."""
    keys = list(keys)
    if not keys:
        return None
    return max(keys, key=lambda k: (ctx.kb.rule(k[0]).priority, -ctx.kb.rule(k[0]).index))


def uncertain_grounds(ctx: Ctx, keys: Iterable[FiringKey], own: EntityKey | None = None
                      ) -> tuple[bool, list[str]]:
    """(the firings rest only on facts of low certainty, the case's ``bron`` texts of them).

    Only grounds count: facts with a value that the vocabulary does not mark as a gate
    (``ground: false``) and that are not a plain "nee"; of ``own`` (the option assessed)
    only facts stated with a ``zekerheid`` (its form and partners define it, they are no
    evidence). A conclusion that rests only on uncertain facts cannot carry a "+" or "−";
    the explanation says "?" and why.
    """
    vocab, case = ctx.kb.vocab, ctx.result.case
    slots = []
    for slot in input_slots(ctx, keys, members=True):
        fdef = vocab.facts.get(slot[1])
        value = ctx.result.value(*slot)
        if value is None or value is False or (fdef is not None and not fdef.ground):
            continue
        if slot[0] == own and slot not in case.certainty:
            continue
        slots.append(slot)
    low = [s for s in slots if case.certainty_of(*s) == LOW]
    said = [t for s in low if (t := bron_shown(case, s[0], s[1], ctx.kb, ctx.msg.lang))]
    return bool(slots) and len(low) == len(slots), list(dict.fromkeys(said))


def strength_of(ctx: Ctx, rank: int) -> tuple[str, str]:
    """(id, label) of the strength with ``rank`` (1 = weakest; clipped to the scale)."""
    return strength(ctx.kb.vocab, rank, ctx.lang)


def level_fact(ctx: Ctx, corner: str) -> str | None:
    """The id of the derived fact holding ``corner``'s level."""
    declared = ctx.kb.vocab.corners
    if corner in declared:
        return declared[corner].level_fact
    return corner if corner in ctx.kb.vocab.facts else None


def corner_ids(ctx: Ctx) -> tuple[str, ...]:
    """The corners of the vocabulary, in declared order."""
    return ctx.kb.vocab.corner_ids


def corner_label(ctx: Ctx, corner: str) -> str:
    """A corner's label from the vocabulary."""
    declared = ctx.kb.vocab.corners
    if corner in declared:
        return declared[corner].label.get(ctx.lang)
    fact = ctx.kb.vocab.facts.get(corner)
    return fact.label.get(ctx.lang) if fact is not None else corner.replace("_", " ")


def lower_first(text: str) -> str:
    """``text`` with a lower-case first letter, unless its second letter is a capital too.

    "Eén" (stressed "one") becomes "één": its accent marks both letters.
    """
    if text.startswith("Eé"):
        return "é" + text[1:]
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


PROPER_NAMES = frozenset({"partner", "samenwerking"})
"""Entity types whose names are proper names (a municipality, a collaboration), unlike the
labels of options and tasks."""


def in_sentence(ctx: Ctx, label: str) -> str:
    """A label inside a sentence: lower-case first letter, unless it starts with a name.

    A name is the first word of an entity's name in the case ("Cranendonck", "Leidse
    regio") or an acronym ("GR", "A2-samenwerking" keeps its capital only as a name).
    In English, an entity's (Dutch) name from the case is set off in quotes.
    """
    first = label.split(" ", 1)[0]
    entities = ctx.result.case.all_entities()
    own = {e.type for e in entities if e.name == label}  # options are not names
    if own and ctx.lang != DUTCH:  # a Dutch name from the case, inside an English sentence
        return f"‘{label}’"
    names = {_name_start(e.name) for e in entities if e.name and e.type not in own}
    if own & PROPER_NAMES:  # a partner or a collaboration is named, never lower-cased
        return label
    if _name_start(label) in names or sum(ch.isupper() for ch in first) > 1:
        return label
    return lower_first(label)


ARTICLES = ("De", "Het", "The")
"""Words a name may start with that are no name on their own ("De Wolden", not "De regie")."""


def _name_start(text: str) -> str:
    """The first word of ``text``, with the next one when the first is an article."""
    words = text.split(" ", 2)
    return " ".join(words[:2]) if words[0] in ARTICLES and len(words) > 1 else words[0]


def entity_name(ctx: Ctx, key: EntityKey | None) -> str | None:
    """An entity's own name (``GR Samenwerking A2-gemeenten``), without its kind.

    ``None`` for the case.
    """
    if key is None or key[0] == "case":
        return None
    ent = ctx.result.case.entity(key)
    return ent.name if ent is not None and ent.name else key[1]


def fact_name(ctx: Ctx, slot: tuple[EntityKey, str], within: EntityKey | None = None) -> str:
    """A fact in people's words with its entity's own name (``Schaal (Sociaal domein)``).

    The entity is left out when it is the case or ``within`` (the context already names it).
    """
    label = ctx.kb.vocab.facts[slot[1]].label.get(ctx.lang)
    name = entity_name(ctx, slot[0]) if slot[0] != within else None
    return f"{label} ({name})" if name else label


CERTAINTY_SCALE = ("laag", "gemiddeld", "hoog")
MEDIUM = "gemiddeld"
PROVISIONAL_SHARE = 0.5
"""A corner judged on fewer than this share of its indicators is provisional."""


def weakest(levels: Iterable[str]) -> str:
    """The lowest certainty of ``levels`` (laag < gemiddeld < hoog); ``hoog`` if none."""
    order = {c: i for i, c in enumerate(CERTAINTY_SCALE)}
    return min(levels, key=lambda c: order.get(c, len(order)), default=CERTAINTY_SCALE[-1])


def chain_certainty(ctx: Ctx, keys: Iterable[FiringKey]) -> str:
    """The certainty of a reasoning: the lowest certainty of the case facts it rests on."""
    case = ctx.result.case
    return weakest(case.certainty_of(*s) for s in input_slots(ctx, keys)
                   if ctx.result.value(*s) is not None)


def corner_coverage(ctx: Ctx, corner: str) -> tuple[int, int]:
    """(known, total) of a corner's indicators.

    The indicators are the case's input facts of that corner that the rule which derived
    the corner's level reads (all rules deriving it, while no rule has).
    """
    from pvrules.compile.ir import Derive
    from pvrules.validate.case import CASE_KEY

    fact_id = level_fact(ctx, corner)
    vocab = ctx.kb.vocab
    got = ctx.result.derived.get((CASE_KEY, fact_id)) if fact_id else None
    if got is not None and got.by is not None:
        rules = [ctx.kb.rule(got.by[0])]
    else:
        rules = [r for r in ctx.kb.rules
                 if any(isinstance(c, Derive) and c.fact == fact_id for c in r.conclusions)]
    read: list[str] = []
    for rule in rules:
        for etype, fact in sorted(rule.reads):
            fdef = vocab.facts.get(fact)
            if etype == "case" and fdef is not None and fdef.origin == "input" \
                    and fdef.corner == corner and fact not in read:
                read.append(fact)
    known = sum(ctx.result.value(CASE_KEY, f) is not None for f in read)
    return known, len(read)


def provisional(ctx: Ctx, corner: str) -> tuple[int, int] | None:
    """(known, total) when ``corner``'s level rests on too few of its indicators, else ``None``."""
    known, total = corner_coverage(ctx, corner)
    if total and ctx.result.value(*_level_slot(ctx, corner)) is not None \
            and known < PROVISIONAL_SHARE * total:
        return known, total
    return None


def _level_slot(ctx: Ctx, corner: str) -> tuple[EntityKey, str]:
    from pvrules.validate.case import CASE_KEY

    return CASE_KEY, level_fact(ctx, corner) or corner


def client_kind(ctx: Ctx) -> str:
    """``provincie``, ``gemeenten`` (several raden) or ``raad``, from the case's client."""
    return texts.client_kind(ctx.result.case)


def council(ctx: Ctx) -> str:
    """The elected body the advice goes to: the raden named when the client names them."""
    return texts.organs(ctx.result.case, ctx.msg)["raad"]


def executive(ctx: Ctx) -> str:
    """The client's executive: het college, de colleges, Gedeputeerde Staten."""
    return ctx.msg(f"executive.{client_kind(ctx)}")


def item_properties(ctx: Ctx, item: str) -> dict[str, Text]:
    """The ``properties`` of catalogue item ``item`` (a copy; empty for an unknown item)."""
    found = ctx.kb.catalogues.items.get(item)
    return dict(getattr(found, "properties", {}) or {})
