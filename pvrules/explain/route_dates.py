"""When a route step falls, counted from the case's date (``casus.datum``).

A route step (catalogue kind ``route``) may carry these ``properties``; each is a date the law
or the process gives, so that an advisor sees a date or a season, never one in the past of
the case's date as a step still to come:

* ``due_months`` (``"3"``): the step falls that many months after the case's date; the step's
  ``when`` gets the season ("najaar 2019"), or fills ``{due}`` in ``when_due``
  ("na twee jaar: uiterlijk eind 2021"); with ``due_month`` (``"11"``) the step falls in the
  first such month from then on (a budget adopted in November), and ``{next}`` in ``when_due``
  is the year after it ("bij de begroting voor 2025 (najaar 2024)");
* ``target_months`` (``"15"``) with ``when_target``: a step counted back from the 1 January on
  which a merger takes effect (Wet arhi). The date is the first 1 January that leaves the first
  step still to do at least its ``target_lead`` months after the case's date;
  ``when_target`` fills ``{date}`` (the step's latest date), ``{year}`` (the year of that
  1 January) and ``{prior}`` (the year before it: a merger election in the November before);
* ``target_fact`` (``"herindeling_ingang_beoogd"``): a case fact that states the 1 January the
  procedure's own documents aim at; where it names a date after the case's date, that year is
  the merger's year instead of the first feasible one (the documents know it, the route does not
  compute it);
* ``deadline`` (ISO date, a legal deadline) is read by :func:`deadline_days` and
  :mod:`pvrules.explain.route`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable

from pvrules.explain.basics import peildatum
from pvrules.explain.ctxtypes import Ctx
from pvrules.explain.texts import client_kind
from pvrules.messages import Messages
from pvrules.validate.case import CASE_KEY

EXPECTED = "onderzoek_uitkomst_verwacht"
"""The case fact that says when the outcome of the studies under way is expected."""
DUE_MONTHS = "due_months"
DUE_MONTH = "due_month"
WHEN_DUE = "when_due"
TARGET_MONTHS = "target_months"
TARGET_LEAD = "target_lead"
WHEN_TARGET = "when_target"
WHEN_TARGET_STATED = "when_target_stated"
"""``when_target`` where the year is the one the case states, not the first feasible one."""
TARGET_FACT = "target_fact"
_SEASONS = ((2, "early"), (5, "spring"), (8, "summer"), (11, "autumn"), (12, "late"))
"""The last month of each season: January–February early in the year, December late."""


def _prop(item: object, name: str, lang: str = "nl") -> str | None:
    value = getattr(item, "properties", {}).get(name)
    getter = getattr(value, "get", None)
    return str(getter(lang)) if getter is not None else None


def _int_prop(item: object, name: str) -> int | None:
    text = _prop(item, name)
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None


_DUTCH_DATE = re.compile(r"(\d{1,2}) ([a-z]+) (\d{4})")


def as_date(text: str) -> dt.date | None:
    """``2019-09-30`` or ``30 september 2019`` as a date; ``None`` for other text."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    match = _DUTCH_DATE.fullmatch(text.strip().lower())
    if match is None:
        return None
    dutch = Messages("nl")
    months = {dutch(f"report.month.{m}"): m for m in range(1, 13)}
    if match.group(2) not in months:
        return None
    try:
        return dt.date(int(match.group(3)), months[match.group(2)], int(match.group(1)))
    except ValueError:
        return None


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved ``months`` months (to the month's last day when the day does not exist)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def season(ctx: Ctx, day: dt.date) -> str:
    """``day`` as a season of its year: "najaar 2019", "begin 2020", "eind 2021"."""
    name = next(n for last, n in _SEASONS if day.month <= last)
    return ctx.msg(f"route.season.{name}", year=day.year)


def date_text(ctx: Ctx, day: dt.date) -> str:
    """``day`` in words: "1 oktober 2017"."""
    return f"{day.day} {ctx.msg(f'report.month.{day.month}')} {day.year}"


def deadline_days(ctx: Ctx, day: dt.date) -> int:
    """Days from the case's date to ``day`` (negative once it has passed): computed once here."""
    return (day - peildatum(ctx)).days


def due_months(item: object) -> int | None:
    """The step's ``due_months``, if it has one."""
    return _int_prop(item, DUE_MONTHS)


def due(ctx: Ctx, item: object, when: str | None, floor: int = 0) -> str | None:
    """``when`` with the season the step falls in (``due_months`` after the case's date).

    ``floor``: the step falls no earlier than that many months after the case's date (a step
    listed after another never gets an earlier season).
    """
    months = _int_prop(item, DUE_MONTHS)
    if months is None:
        return when
    months = max(months, floor)
    day = add_months(peildatum(ctx), months)
    month = _int_prop(item, DUE_MONTH)
    if month is not None and 1 <= month <= 12:  # the first such month (a budget in November)
        day = dt.date(day.year if day.month <= month else day.year + 1, month, 1)
    text = season(ctx, day)
    template = _prop(item, WHEN_DUE, ctx.lang)
    if template is not None:
        return template.replace("{due}", text).replace("{next}", str(day.year + 1))
    return ctx.msg("route.due", when=when, due=text) if when else text


def target_year(ctx: Ctx, items: Iterable[object]) -> int | None:
    """The year of the first 1 January the steps still to do can reach, or ``None``.

    ``items`` are the steps still to do, in order; the first with ``target_months`` sets it:
    its latest date (that many months before 1 January) must lie at least ``target_lead``
    months after the case's date.
    """
    items = list(items)
    for item in items:  # a date the case states wins
        fact = _prop(item, TARGET_FACT)
        stated = ctx.result.case.facts.get(CASE_KEY, {}).get(fact) if fact else None
        day = as_date(str(stated)) if stated is not None else None
        if day is not None and day > peildatum(ctx):
            return day.year
    for item in items:
        months = _int_prop(item, TARGET_MONTHS)
        if months is None:
            continue
        earliest = add_months(peildatum(ctx), _int_prop(item, TARGET_LEAD) or 0)
        year = earliest.year + 1
        while add_months(dt.date(year, 1, 1), -months) < earliest:
            year += 1
        return year
    return None


def targeted(ctx: Ctx, item: object, year: int | None, when: str | None) -> str | None:
    """``when`` as the step's ``when_target`` for the merger taking effect on 1 January ``year``.

    ``when_target_<client kind>`` (:func:`pvrules.explain.texts.client_kind`) wins for that
    kind of client: a province that adopts the advice agrees its date with the ministry alone.
    Where the step's latest date lies before the case's date (a merger date the case states,
    no longer reachable), the ``when`` says so instead of planning a date in the past.
    """
    months = _int_prop(item, TARGET_MONTHS)
    fact = _prop(item, TARGET_FACT)
    stated = ctx.result.case.facts.get(CASE_KEY, {}).get(fact) if fact else None
    day = as_date(str(stated)) if stated is not None else None
    template = _prop(item, f"{WHEN_TARGET}_{client_kind(ctx.result.case)}", ctx.lang) \
        or (_prop(item, WHEN_TARGET_STATED, ctx.lang)
            if day is not None and day.year == year else None) \
        or _prop(item, WHEN_TARGET, ctx.lang)
    if months is None or template is None or year is None:
        return when
    day = add_months(dt.date(year, 1, 1), -months)
    text = template.replace("{date}", date_text(ctx, day)).replace("{year}", str(year)) \
        .replace("{prior}", str(year - 1))
    if day < peildatum(ctx):  # a stated merger date the procedure can no longer reach
        return ctx.msg("route.target_passed", when=text, date=date_text(ctx, day), year=year)
    return text


def after_outcome(ctx: Ctx, when: str | None, awaited: Iterable[str]) -> str | None:
    """``when`` after the outcome of the studies ``awaited`` (with its expected moment).

    A step after a study under way has no season, but says what it waits for: "vóór het
    besluit over de richting, na de uitkomst van het lopende bestuurskrachtonderzoek
    (verwacht juni 2024)".
    """
    names = list(dict.fromkeys(a for a in awaited if a))
    if not names:
        return when
    expected = ctx.result.case.facts.get(CASE_KEY, {}).get(EXPECTED)
    if len(names) == 1:
        key = "route.after_outcome_expected" if expected else "route.after_outcome"
        what = names[0]
    else:
        key = "route.after_outcome_expected_plural" if expected else "route.after_outcome_plural"
        what = ctx.msg("route.the_studies")
    text = ctx.msg(key, what=what, expected=expected)
    return f"{when}, {text}" if when else text
