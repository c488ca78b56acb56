"""Catalogues of recommendable items and the sources they and rules cite."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from pvrules.validate.base import Closed, Identifier, Text
from pvrules.validate.dates import IsoDate, parse_iso

SourceKind = Literal["wet", "beleidskader", "rapport", "rekenkamer", "artikel", "boek", "nieuws",
                     "overheidspagina", "persbericht"]
CatalogueKind = Literal["item", "criterion", "risk", "route", "framework"]


class SourceDef(Closed):
    """A source a rule or catalogue item cites.

    ``author`` or ``publisher`` and ``year`` are required by ``pvrules rules lint``
    (a missing one is an error there); ``url`` is the original publisher's address
    and ``mirror_url`` a copy on an upload site, which no report prints.
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

    @model_validator(mode="after")
    def _date_in_year(self) -> SourceDef:
        if self.date is not None and self.year is not None \
                and parse_iso(self.date).year != self.year:
            raise ValueError(f"'date' {self.date} is not in 'year' {self.year}")
        return self


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
    """

    id: Identifier
    label: Text
    description: Text
    properties: dict[Identifier, Text] = Field(default_factory=dict)
    suits: tuple[Text, ...] = ()
    not_suits: tuple[Text, ...] = ()
    asks_of: Text | None = None
    excludes: tuple[Identifier, ...] = ()
    sources: tuple[Identifier, ...] = Field(min_length=1)
    uncertain: bool = False
    who: Text | None = None
    when: Text | None = None
    order: int | None = None
    law: Text | None = None


class CatalogueHeader(Closed):
    """What a catalogue is about."""

    id: Identifier
    label: Text
    description: Text | None = None
    targets: tuple[Identifier, ...] = ("case",)
    exclusive: bool = False
    kind: CatalogueKind = Field(
        default="item", description="what rules do with its items: 'item' (recommend/"
        "advise_against), 'criterion', 'risk', 'route' or 'framework'")

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
