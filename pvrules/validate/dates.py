"""Dates in the knowledge base: ISO dates, validity ranges and the peildatum.

A case is judged at its *peildatum* (``casus.datum``). Rules, catalogue items
and frameworks may carry ``valid_from`` (inclusive) and ``valid_to``
(exclusive); sources carry a ``year`` and optionally a ``date``. A source
is citable in a case only when it can be shown to precede the case: a full
``date`` on or before the peildatum, or a ``year`` alone that is *earlier*
than the peildatum's year. A source with only the year 2019 cannot be shown
to precede a case dated 2019-09-01 (it may have appeared in December), so it
is cited from 2020 on; give it its full ``date`` to cite it earlier.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import AfterValidator, Field

DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
_PATTERN = DATE_PATTERN


def not_a_date(text: object) -> str:
    """The message for a value that is not a ``YYYY-MM-DD`` date."""
    return f"'{text}' is not a date; write YYYY-MM-DD, e.g. 2019-09-01"


def parse_iso(text: str) -> dt.date:
    """``YYYY-MM-DD`` as a date; ``ValueError`` with a readable message otherwise."""
    try:
        return dt.date.fromisoformat(text)
    except (TypeError, ValueError):
        raise ValueError(not_a_date(text)) from None


def _check(text: str) -> str:
    parse_iso(text)
    return text


IsoDate = Annotated[str, Field(pattern=_PATTERN), AfterValidator(_check)]
"""A date written as ``YYYY-MM-DD`` (a quoted string in YAML)."""


def date_int(day: dt.date) -> int:
    """A date as the integer yyyymmdd that conditions on ``peildatum`` compare."""
    return day.year * 10000 + day.month * 100 + day.day


def iso_int(text: str) -> int:
    """An ISO date text as yyyymmdd."""
    return date_int(parse_iso(text))


def in_force(valid_from: str | None, valid_to: str | None, day: dt.date) -> bool:
    """Whether ``day`` lies in ``[valid_from, valid_to)`` (open ends allowed)."""
    if valid_from is not None and day < parse_iso(valid_from):
        return False
    return not (valid_to is not None and day >= parse_iso(valid_to))


def published_on(year: int | None, date: str | None) -> dt.date | None:
    """The earliest day a source can have been known: its date, else 1 January of its year."""
    if date is not None:
        return parse_iso(date)
    if year is not None:
        return dt.date(year, 1, 1)
    return None


def published_after(year: int | None, date: str | None, day: dt.date) -> bool:
    """Whether a source with this year/date cannot be shown to precede ``day``.

    A full ``date`` after ``day``, or a ``year`` alone that is ``day``'s year or later.
    Neither year nor date known: not after.
    """
    if date is not None:
        return parse_iso(date) > day
    return year is not None and year >= day.year


def year_only_same_year(year: int | None, date: str | None, day: dt.date) -> bool:
    """Whether a source is left out only because it has a year (``day``'s) and no date."""
    return date is None and year is not None and year == day.year
