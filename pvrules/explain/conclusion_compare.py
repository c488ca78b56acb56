"""Options compared on the corners of the triangle, for §6 and §1.

Only known effect signs are compared: a ``?`` cell is never better or worse than another.
What an option gains or costs is said as a comparison ("beter voor organisatie") only
where every other option's effect on that corner is known; else what the option does for
the corner, and that the other's effect is still unknown.
"""

from __future__ import annotations

from collections.abc import Sequence

from pvrules.explain.basics import corner_label, lower_first
from pvrules.explain.ctxtypes import Ctx
from pvrules.explain.decisions_model import OptionRow

SIGNS = {"+": "gain", "-": "cost"}
"""The effect signs the trade-off names; ``0`` and ``?`` are left out."""
RANK = {"-": -1, "0": 0, "+": 1}
"""The order of the known effect signs; ``?`` is not compared."""


def compare(a: OptionRow, b: OptionRow) -> tuple[bool, bool]:
    """Whether ``a`` is better than ``b`` on some corner, and worse on some (known signs)."""
    better = worse = False
    for corner in set(a.effects) | set(b.effects):
        x = RANK.get(a.effects[corner].sign) if corner in a.effects else None
        y = RANK.get(b.effects[corner].sign) if corner in b.effects else None
        if x is not None and y is not None:
            better, worse = better or x > y, worse or x < y
    return better, worse


def trades(rows: list[OptionRow]) -> bool:
    """Whether the options trade one corner against another.

    True when of two options each is better than the other on some corner (known signs).
    A one-sided score is no trade-off: calling that choice "politiek" would hide the score.
    """
    return any(all(compare(a, b)) for a in rows for b in rows)


def dominant(rows: list[OptionRow]) -> OptionRow | None:
    """The one option better than each other option on some corner and worse on none.

    Only over known signs: never while any option has a ``?`` cell (the comparison would
    rest on an unknown), and never an option with a ``-`` cell of its own (it is worse
    somewhere, whatever the others score).
    """
    if any(e.sign not in RANK for r in rows for e in r.effects.values()):
        return None
    found = [a for a in rows if all(e.sign != "-" for e in a.effects.values())
             and all(compare(a, b) == (True, False) for b in rows if b is not a)]
    return found[0] if len(found) == 1 else None


def unknowns(ctx: Ctx, row: OptionRow) -> list[str]:
    """The corners (in words) on which the effect of ``row`` is still unknown."""
    return [lower_first(corner_label(ctx, c)) for c, e in row.effects.items() if e.sign == "?"]


def gains(ctx: Ctx, row: OptionRow, others: Sequence[OptionRow] = ()) -> str:
    """"beter voor X, maar slechter voor Y" for ``row``, or ``""`` without ``+``/``-``.

    A corner on which one of ``others`` (the other options left open) has an unknown
    effect is no comparison: "goed voor organisatie (wat ‘B’ daarvoor doet, is nog
    onbekend)".
    """
    parts: list[tuple[str, str, str]] = []  # (kind, what, the options unknown there)
    for sign, kind in SIGNS.items():
        known: list[str] = []
        alone: dict[str, list[str]] = {}
        for c, e in row.effects.items():
            if e.sign != sign:
                continue
            name = lower_first(corner_label(ctx, c))
            open_ = [f"‘{o.label}’" for o in others
                     if c in o.effects and o.effects[c].sign not in RANK]
            if open_:
                alone.setdefault(ctx.msg.join(open_) + ("\x00" if len(open_) > 1 else ""),
                                 []).append(name)
            else:
                known.append(name)
        if known:
            parts.append((kind, ctx.msg(f"conclusion.{kind}", corners=ctx.msg.join(known)), ""))
        parts.extend((kind, ctx.msg(f"conclusion.{kind}_open", corners=ctx.msg.join(names)),
                      who) for who, names in alone.items())
    whos = {w for _k, _t, w in parts if w}
    if len(whos) == 1:  # the same unknown options: said once, at the end
        return f"{_joined(ctx, [(k, t) for k, t, _w in parts])}{_open(ctx, whos.pop())}"
    return _joined(ctx, [(k, f"{t}{_open(ctx, w)}" if w else t) for k, t, w in parts])


def _joined(ctx: Ctx, parts: list[tuple[str, str]]) -> str:
    """Gains and costs joined: "en" within a kind, "maar" between them.

    "beter voor A en goed voor B, maar slechter voor C"; never "maar" between two gains.
    """
    groups: dict[str, list[str]] = {}
    for kind, text in parts:
        groups.setdefault(kind, []).append(text)
    return ctx.msg("conclusion.but").join(
        f" {ctx.msg('word.and')} ".join(texts) for texts in groups.values())




def _open(ctx: Ctx, who: str) -> str:
    """" (wat ‘B’ daarvoor doet, is nog onbekend)"; ``who`` ends in NUL for several."""
    many = who.endswith("\x00")
    return ctx.msg("conclusion.open_many" if many else "conclusion.open_one",
                   others=who.rstrip("\x00"))
