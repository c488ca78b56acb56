"""Which of the case's own sources a stated fact's ``bron`` rests on.

A fact may name its source(s) by id (``bron_id``, :mod:`pvrules.validate.bron_ids`): then
exactly those. Otherwise the ``bron`` text is matched: a source counts when the text names
its author or publisher; of several sources under one name ("(Omroep Brabant, 2018)" with
four Omroep Brabant items of 2018) only the one whose year the text names and whose title
words it shares most, and none when that does not single one out. A ``bron`` that names two
publishers ("Berenschot (2019), via De Parel van Brabant") cites one source of each.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dataclasses import dataclass

    from pvrules.validate.catalogue import SourceDef
else:  # the same classes, cheaper to create: a cold start
    from pvrules.explain.frozen import dataclass

MIN_WORD = 5
"""Title words of at least this many letters count (no "voor", "maar", "over")."""
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_WORD = re.compile(rf"[^\W\d_]{{{MIN_WORD},}}")
MONTHS = {"januari": 1, "jan": 1, "january": 1, "februari": 2, "feb": 2, "february": 2,
          "maart": 3, "mrt": 3, "march": 3, "april": 4, "apr": 4, "mei": 5, "juni": 6,
          "june": 6, "juli": 7, "july": 7, "augustus": 8, "aug": 8, "august": 8,
          "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "october": 10,
          "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12}
"""Month names a ``bron`` text dates a source with ("Omroep Gelderland, april 2020")."""
_MONTH = re.compile(r"\b(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b")
COMMON = frozenset({"gemeente", "gemeenten", "provincie", "samenwerking", "tussen", "worden",
                    "wordt", "nieuwe", "eerste", "zeker", "alleen", "gaan", "willen"})
"""Title words too common in a case's own texts to tell two sources apart."""


@dataclass(frozen=True)
class CaseSource:
    """One of the case's own sources as the advice numbers it."""

    number: int
    id: str
    names: tuple[str, ...]
    """How a ``bron`` text names it, lower case (its author or publisher)."""
    title: str = ""
    year: int | None = None
    month: int | None = None
    """The month of its ``date``, when the source gives one."""


def case_source(number: int, ident: str, src: SourceDef) -> CaseSource:
    """``src`` (one of the case's own sources, numbered ``number``) for :func:`matching`."""
    from pvrules.validate.dates import parse_iso

    return CaseSource(number, ident, names_in_bron(src.author) or names_in_bron(src.publisher),
                      src.title, src.year, parse_iso(src.date).month if src.date else None)


def matching(said: str, sources: Sequence[CaseSource], ids: Sequence[str] = ()
             ) -> tuple[int, ...]:
    """The numbers of the ``sources`` that a ``bron`` text ``said`` (or ``ids``) names."""
    if ids:
        return tuple(s.number for s in sources if s.id in ids)
    text = said.lower()
    by_name: dict[str, list[CaseSource]] = {}
    for src in sources:
        name = next((n for n in src.names if n in text), None)
        if name is not None:
            by_name.setdefault(name, []).append(src)
    years = {int(y) for y in _YEAR.findall(text)}
    months = {MONTHS[m] for m in _MONTH.findall(text)}
    out: list[int] = []
    for group in by_name.values():
        best = _best(text, years, months, group)
        if best is not None and best.number not in out:
            out.append(best.number)
    return tuple(sorted(out))


def _best(text: str, years: set[int], months: set[int], group: list[CaseSource]
          ) -> CaseSource | None:
    """The one source of ``group`` the text points at, or ``None`` when it does not tell.

    The year the text names, then its month, narrow the group (when some but not all
    sources match); then the title words it shares most, if one source shares more.
    """
    for wanted, of in ((years, "year"), (months, "month")):
        if len(group) == 1:
            return group[0]
        dated = [s for s in group if getattr(s, of) in wanted]
        if dated and len(dated) < len(group):
            group = dated
    if len(group) == 1:
        return group[0]
    scored = sorted(((_shared(text, s.title), s) for s in group), key=lambda p: -p[0])
    top = scored[0][0]
    if top == 0 or scored[1][0] == top:
        return None
    return scored[0][1]


def _shared(text: str, title: str) -> int:
    """How many distinct title words (long, not common) the ``bron`` text contains."""
    words = {w for w in _WORD.findall(title.lower()) if w not in COMMON}
    return sum(1 for w in words if w in text)


UNKNOWN_NAMES = frozenset({"", "onbekend", "unknown", "n.n.", "anoniem", "anonymous"})


def names_in_bron(name: str | None) -> tuple[str, ...]:
    """How a case's ``bron`` text names a source, lower case.

    "Glorie, M." as "Glorie 2017"; "Van Dalfsen, Pino & Wierenga (Berenschot)" also as
    "Berenschot"; "SGP Utrecht (persbericht)" as "SGP Utrecht". An unknown name gives none.
    """
    if not name or name.strip().lower() in UNKNOWN_NAMES:
        return ()
    head, _, rest = name.partition(" (")
    out = [head.split(",")[0].strip().lower()]
    inner = rest.rstrip(")").strip().lower()
    if inner and inner not in ("persbericht", "press release"):
        out.append(inner)
    return tuple(n for n in out if len(n) > 2)
