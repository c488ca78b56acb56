"""Catalogues of recommendable items and the sources they and rules cite."""

from __future__ import annotations

from pydantic import Field

from pvrules.validate.base import Closed, Identifier, Text


class SourceDef(Closed):
    """A source a rule or catalogue item cites."""

    id: Identifier
    title: str
    url: str | None = None
    section: str | None = None
    uncertain: bool = False
    note: Text | None = None


class ItemDef(Closed):
    """One recommendable item (a collaboration form, a measure...)."""

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


class CatalogueHeader(Closed):
    """What a catalogue is about."""

    id: Identifier
    label: Text
    description: Text | None = None
    targets: tuple[Identifier, ...] = ("case",)
    exclusive: bool = False


class CatalogueFile(Closed):
    """The shape of one catalogue file."""

    catalogue: CatalogueHeader
    items: tuple[ItemDef, ...] = Field(min_length=1)


class SourcesFile(Closed):
    """The shape of the sources file."""

    sources: tuple[SourceDef, ...] = Field(min_length=1)
