"""An option that splits the tasks: its parts' effects folded into the option's row.

An option may name its parts (``delen``, entities of type ``optiedeel``), each with its own
form, tasks and partners; rules judge each part (``for_each: optiedeel``). The options table
shows the option as one row, and says in each corner column what each part means there:
"Economie naar een netwerk: 0 …; Belastingen terug: − …". The row's sign is the parts' sign
when they agree (a ``0`` part does not change a ``+`` or ``−``), and ``?`` when they differ in
direction or one is still open.
"""

from __future__ import annotations

from collections.abc import Callable

from pvrules.explain.ctxtypes import Ctx
from pvrules.explain.decisions_model import Effect
from pvrules.validate.case import EntityKey

PARTS_FACT = "delen"
"""The option's list fact that names its parts."""
PART_PARTNERS = "deel_partners"
"""The part's list fact that names its partners."""
SHOWN_SIGNS = {"+": "+", "0": "0", "-": "−", "?": "?"}

EffectOf = Callable[[EntityKey], dict[str, Effect]]
"""The effects per corner of one entity (an option or a part), as the options table shows them."""


def parts_of(ctx: Ctx, key: EntityKey) -> tuple[EntityKey, ...]:
    """The parts the option ``key`` names, in the case's order of its parts (none: empty)."""
    value = ctx.result.value(key, PARTS_FACT) if PARTS_FACT in ctx.kb.vocab.facts else None
    if not isinstance(value, tuple):
        return ()
    ref = ctx.kb.vocab.facts[PARTS_FACT].ref or ""
    named = {str(p) for p in value}
    return tuple(e.key for e in ctx.result.case.entities.get(ref, ()) if e.id in named)


def part_partners(ctx: Ctx, parts: tuple[EntityKey, ...]) -> tuple[str, ...]:
    """The names of the parts' partners, each once, in the order the parts name them."""
    out: list[str] = []
    for part in parts:
        value = ctx.result.value(part, PART_PARTNERS)
        for ident in value if isinstance(value, tuple) else ():
            other = ctx.result.case.entity(("partner", str(ident)))
            name = other.name if other else str(ident)
            if name not in out:
                out.append(name)
    return tuple(out)


def folded(ctx: Ctx, corners: tuple[str, ...], own: dict[str, Effect],
           parts: tuple[EntityKey, ...], effect_of: EffectOf,
           pending: Callable[[EntityKey, str], tuple[str, ...]]) -> dict[str, Effect]:
    """The option's effects per corner with what each part means there.

    ``own`` are the effects rules concluded for the option as a whole (they come first);
    ``effect_of`` gives a part's concluded effects, ``pending`` the unknown facts an open
    corner of a part waits on. A corner no part and no own rule speaks to is left out, so an
    option whose parts are all unjudged gets no row.
    """
    judged = {part: effect_of(part) for part in parts}
    if not any(judged.values()):
        return own
    out: dict[str, Effect] = {}
    said: dict[tuple[EntityKey, str], str] = {}
    for corner in corners:
        lines: list[str] = []
        signs: list[str] = []
        sources: list[int] = []
        mine = own.get(corner)
        if mine is not None:
            lines.append(mine.reason)
            signs.append(mine.sign)
            sources.extend(mine.sources)
        for part in parts:
            effect = judged[part].get(corner)
            name = _name(ctx, part)
            if effect is None:
                facts = pending(part, corner)
                reason = (ctx.msg("option_parts.open", facts=ctx.msg.join(list(facts)))
                          if facts else ctx.msg("option_parts.not_judged"))
                effect = Effect("?", reason)
            before = said.setdefault((part, effect.reason), corner)
            reason = effect.reason if before == corner else ctx.msg(
                "option_parts.same", corner=_corner(ctx, before))
            lines.append(ctx.msg("option_parts.line", part=name,
                                 sign=SHOWN_SIGNS.get(effect.sign, effect.sign), reason=reason))
            signs.append(effect.sign)
            sources.extend(effect.sources)
        sign = combined(signs)
        if sign == "?" and {"+", "-"} <= set(signs):
            lines.insert(0, ctx.msg("option_parts.mixed"))
        out[corner] = Effect(sign, " ".join(lines), tuple(dict.fromkeys(sources)))
    return out


def combined(signs: list[str]) -> str:
    """One sign for several: the same, a direction that ``0`` does not change, else ``?``."""
    kinds = set(signs)
    if not kinds or "?" in kinds or {"+", "-"} <= kinds:
        return "?"
    for sign in ("+", "-"):
        if sign in kinds:
            return sign
    return "0"


def _name(ctx: Ctx, part: EntityKey) -> str:
    ent = ctx.result.case.entity(part)
    return f"‘{ent.name if ent else part[1]}’"


def _corner(ctx: Ctx, corner: str) -> str:
    """The corner's name inside a sentence (lower case)."""
    item = ctx.kb.vocab.corners.get(corner)
    label = item.label.get(ctx.lang) if item is not None else corner
    return label[:1].lower() + label[1:]
