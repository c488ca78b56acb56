"""Catalogues of recommendable items and the sources they and rules cite."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from pvrules.validate.base import Closed, Identifier, Text
from pvrules.validate.dates import IsoDate, parse_iso, published_after

SourceKind = Literal["wet", "verdrag", "kamerstuk", "beleidskader", "rapport", "rekenkamer",
                     "artikel", "boek", "nieuws", "overheidspagina", "persbericht"]
"""``verdrag``: a treaty (Tractatenblad); ``kamerstuk``: a parliamentary paper, such as the
explanatory letter or memorie van toelichting with a bill or a treaty's approval."""
CatalogueKind = Literal["item", "criterion", "risk", "route", "framework", "term"]


class SourceDef(Closed):
    """A source a rule or catalogue item cites.

    ``author`` or ``publisher`` and ``year`` are required by ``pvrules rules lint``
    (a missing one is an error there); ``url`` is the original publisher's address
    and ``mirror_url`` a copy on an upload site, which no report prints. A policy
    framework replaced by a newer one names it in ``replaced_by`` with the day of
    the replacement in ``replaced_on``; from that day it is not cited. ``not_for``
    names conclusions the source does not carry (``effect``, ``diagnose``).
    """

    id: Identifier
    title: str
    author: str | None = None
    publisher: str | None = None
    year: int | None = Field(default=None, ge=1800, le=2100)
    date: IsoDate | None = None
    kind: SourceKind | None = None
    url: str | None = None
    mirror_url: str | None = None
    section: str | None = None
    uncertain: bool = False
    note: Text | None = None
    replaced_by: Identifier | None = None
    replaced_on: IsoDate | None = None
    not_for: tuple[Literal["effect", "diagnose"], ...] = Field(
        default=(), description="what the source does not carry, so a rule that concludes it may "
        "not cite the source: 'effect' (an option's effect on a corner of the triangle), "
        "'diagnose' (the level of a corner); checked by pvrules rules lint (source-not-for)")
    applies_when: dict[Identifier, tuple[bool | int | str, ...]] | None = Field(
        default=None, description="the scope of a framework: it is cited only in a case where "
        "some entity has one of these facts with one of the listed values (for example "
        "{optievorm: [herindeling]}); without it, everywhere")

    @field_validator("date", mode="before")
    @classmethod
    def _month_only(cls, value: object) -> object:
        """A source known to the month ("2019-05") counts from the month's last day.

        Conservative for citing: it precedes a case only when the whole month does.
        """
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}", value):
            year, month = int(value[:4]), int(value[5:])
            if 1 <= month <= 12:
                last = calendar.monthrange(year, month)[1]
                return f"{value}-{last:02d}"
        return value

    @model_validator(mode="after")
    def _date_in_year(self) -> SourceDef:
        if self.date is not None and self.year is not None \
                and parse_iso(self.date).year != self.year:
            raise ValueError(f"'date' {self.date} is not in 'year' {self.year}")
        if (self.replaced_by is None) != (self.replaced_on is None):
            raise ValueError("'replaced_by' and 'replaced_on' go together: name the newer "
                             "source and the day it replaced this one")
        return self

    def replaced(self, day: dt.date) -> bool:
        """Whether a newer framework replaced this source on or before ``day``."""
        return self.replaced_on is not None and day >= parse_iso(self.replaced_on)

    def applies(self, values: Mapping[Any, Mapping[str, object]]) -> bool:
        """Whether the source's scope (``applies_when``) holds for a case's fact ``values``.

        ``values`` maps each entity to its facts; the scope holds when some entity has one
        of the named facts with one of its listed values (a list fact: one of its members).
        """
        if not self.applies_when:
            return True
        for facts in values.values():
            for fact, allowed in self.applies_when.items():
                value = facts.get(fact)
                members = value if isinstance(value, tuple | list) else (value,)
                if any(m in allowed for m in members if m is not None):
                    return True
        return False

    def citable_on(self, day: dt.date, vouched: bool = False) -> bool:
        """Whether an advice for a case dated ``day`` may cite this source.

        Only when it can be shown to precede the case (see ``published_after``) and no
        newer framework had replaced it by then. ``vouched``: the case file lists it among
        its own sources (``casus.bronnen``), so a year alone, the case's own, is enough.
        """
        if vouched and self.date is None and self.year == day.year:
            return not self.replaced(day)
        return not (published_after(self.year, self.date, day) or self.replaced(day))


def cited_source(sources: Mapping[str, SourceDef], source_id: str, day: dt.date,
                 vouched: bool = False) -> str | None:
    """The source to cite for ``source_id`` in a case dated ``day``.

    The source itself when it may be cited then; the framework that replaced it
    (``replaced_by``) when that one may; else ``None``. ``vouched``: one of the case's
    own sources (see ``SourceDef.citable_on``).
    """
    src = sources[source_id]
    if src.citable_on(day, vouched):
        return source_id
    newer = sources.get(src.replaced_by or "")
    if src.replaced(day) and newer is not None and newer.citable_on(day):
        return newer.id
    return None


class ValidityMixin(Closed):
    """``valid_from`` (inclusive) and ``valid_to`` (exclusive), both optional."""

    valid_from: IsoDate | None = None
    valid_to: IsoDate | None = None

    @model_validator(mode="after")
    def _ordered(self) -> ValidityMixin:
        if self.valid_from is not None and self.valid_to is not None \
                and parse_iso(self.valid_from) >= parse_iso(self.valid_to):
            raise ValueError("'valid_from' must be before 'valid_to'")
        return self


class ItemDef(ValidityMixin):
    """One catalogue item: a form, a measure, a criterion, a risk, a route step, a framework.

    Route steps (catalogue kind ``route``) may say ``who``, ``when``, ``order`` and ``law``.
    ``done_by``: kinds of a case's own sources that show the item is done already (a
    rekenkamer report makes a new assessment redundant); lint warns when it is advised then.
    ``makes``: yes/no case facts the item produces when the advice gives it (a business case
    makes ``business_case_aanwezig``): chapter 8 does not ask for them.
    """

    id: Identifier
    label: Text
    description: Text
    properties: dict[Identifier, Text] = Field(default_factory=dict)
    suits: tuple[Text, ...] = ()
    not_suits: tuple[Text, ...] = ()
    asks_of: Text | None = None
    excludes: tuple[Identifier, ...] = ()
    sources: tuple[Identifier, ...] = Field(
        default=(), description="sources that say what the text says; none where no source "
        "carries it (never one that does not)")
    uncertain: bool = False
    who: Text | None = None
    when: Text | None = None
    order: int | None = None
    law: Text | None = None
    done_by: tuple[SourceKind, ...] = ()
    makes: tuple[Identifier, ...] = Field(
        default=(), description="yes/no case facts the item produces when the advice gives it "
        "(a recommendation or a route step): not asked under 'Eerst uitzoeken'")
    bill_from: IsoDate | None = Field(
        default=None, description="frameworks only: the day the bill became public; from then "
        "until 'valid_from' (or for good, without one) the framework is a wetsvoorstel, not law")

    @model_validator(mode="after")
    def _bill_before_law(self) -> ItemDef:
        if self.bill_from is not None and self.valid_from is not None \
                and parse_iso(self.bill_from) >= parse_iso(self.valid_from):
            raise ValueError("'bill_from' must be before 'valid_from'")
        return self


class CatalogueHeader(Closed):
    """What a catalogue is about."""

    id: Identifier
    label: Text
    description: Text | None = None
    targets: tuple[Identifier, ...] = ("case",)
    exclusive: bool = False
    kind: CatalogueKind = Field(
        default="item", description="what rules do with its items: 'item' (recommend/"
        "advise_against), 'criterion', 'risk', 'route', 'framework' or 'term' (a"
        " word the report defines where the draft uses it; no rule concludes it)")

    @property
    def role(self) -> CatalogueKind:
        """What rules do with the items (the declared ``kind``)."""
        return self.kind


class CatalogueFile(Closed):
    """The shape of one catalogue file."""

    catalogue: CatalogueHeader
    items: tuple[ItemDef, ...] = Field(min_length=1)


class SourcesFile(Closed):
    """The shape of the sources file."""

    sources: tuple[SourceDef, ...] = Field(min_length=1)
