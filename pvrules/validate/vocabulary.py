"""The vocabulary: entities, ordinal scales and facts, each declared once."""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field, model_validator

from pvrules.validate.ask import AskDef
from pvrules.validate.base import Closed, Identifier, Text

FactType = Literal["level", "enum", "bool", "number", "text", "list"]
Origin = Literal["input", "derived", "computed"]
AggregateFn = Literal["differs", "min", "max", "all", "any", "count"]


class CornerDef(Closed):
    """A corner of the triangle, declared in a vocabulary file (``corners:``)."""

    id: Identifier
    label: Text
    description: Text | None = None
    fact: Identifier | None = Field(
        default=None, description="the derived level fact of this corner; default: the id")

    @property
    def level_fact(self) -> str:
        """The id of the fact that holds this corner's level."""
        return self.fact or self.id


class StrengthDef(Closed):
    """A strength of a conclusion (``strengths:``, listed from weak to strong)."""

    id: Identifier
    label: Text
    default: bool = False


class AggregateDef(Closed):
    """A fact computed over the entities a list fact refers to (before inference)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True,
                              populate_by_name=True)

    over: Identifier = Field(description="a list fact with 'ref:' of the same entity")
    of: Identifier | None = Field(default=None,
                                  description="the fact of the referred entities; "
                                  "optional for 'count' only")
    fn: AggregateFn
    is_: Identifier | None = Field(default=None, alias="is",
                                   description="with any/all/count: the value of an enum "
                                   "'of' that counts as true ('beleidsrijk')")


class EntityDef(Closed):
    """A kind of entity a case holds several of (partners, opgaven...)."""

    id: Identifier
    collection: Identifier = Field(description="key of the list in a case file, e.g. 'opgaven'")
    label: Text
    plural: Text | None = None
    description: Text | None = None


class ValueDef(Closed):
    """One allowed value of a scale, enum or list fact."""

    id: Identifier
    nl: str
    en: str
    catch_all: bool = Field(default=False, description="the value stands for anything not "
                            "listed ('overig', 'andere regio'): two entities with it may still "
                            "differ, so it never makes them the same")

    def label(self, lang: str) -> str:
        """Return the label in ``lang``."""
        return self.en if lang == "en" else self.nl


class ScaleDef(Closed):
    """An ordinal scale: values from low to high."""

    id: Identifier
    label: Text | None = None
    values: tuple[ValueDef, ...] = Field(min_length=2)

    @model_validator(mode="after")
    def _unique(self) -> ScaleDef:
        ids = [v.id for v in self.values]
        if len(set(ids)) != len(ids):
            raise ValueError("scale values must be unique")
        return self


class FactDef(Closed):
    """One fact a case or a rule may name."""

    id: Identifier
    entity: Identifier = "case"
    type: FactType
    scale: Identifier | None = None
    values: tuple[ValueDef, ...] | None = None
    min: float | None = None
    max: float | None = None
    integer: bool = False
    unit: Text | None = None
    label: Text
    description: Text
    question: Text | None = None
    corner: Identifier | None = None
    origin: Origin = "input"
    default: str | bool | float | int | None = None
    lever: bool = Field(default=False, description="a policy lever (what-if proposes these) "
                        "rather than a circumstance")
    ref: Identifier | None = Field(default=None, description="for a list fact: its values are "
                                   "ids of this entity in the same case")
    aggregate: AggregateDef | None = None
    ground: bool = Field(default=True, description="false for a fact that only gates rules "
                         "(a context such as the client's kind): never listed as a ground "
                         "of a reasoning")
    lookup: bool = Field(default=False, description="a matter of public record (a register, "
                         "CBS, the province's decisions) that an advisor fills in rather than "
                         "finds out: listed apart from 'Eerst uitzoeken', not ranked in it")
    ask: bool | AskDef = Field(default=True, description="whether (and when) the fact, "
                               "still unknown, is a question under 'Eerst uitzoeken'; see "
                               "pvrules.validate.ask")

    @model_validator(mode="before")
    @classmethod
    def _computed(cls, data: object) -> object:
        if isinstance(data, dict) and data.get("aggregate") is not None \
                and "origin" not in data:
            return {**data, "origin": "computed"}
        return data

    @model_validator(mode="after")
    def _shape(self) -> FactDef:
        if self.ref is not None:
            if self.type != "list":
                raise ValueError("'ref' is only for 'list' facts")
            if self.values:
                raise ValueError("a list fact with 'ref' takes its values from the case; "
                                 "leave out 'values'")
        if self.aggregate is not None and self.origin != "computed":
            raise ValueError("an 'aggregate' fact is computed: leave out 'origin' or say "
                             "'origin: computed'")
        if self.type == "level" and not self.scale:
            raise ValueError("a 'level' fact needs 'scale'")
        if self.type != "level" and self.scale:
            raise ValueError("'scale' is only for 'level' facts")
        if self.type in ("enum", "list") and not self.values and self.ref is None:
            raise ValueError(f"an '{self.type}' fact needs 'values'")
        if self.type not in ("enum", "list") and self.values:
            raise ValueError("'values' is only for 'enum' and 'list' facts")
        if self.type != "number" and (self.min is not None or self.max is not None):
            raise ValueError("'min' and 'max' are only for 'number' facts")
        if self.default is not None and self.origin != "derived":
            raise ValueError("'default' is only for derived facts")
        if self.lookup and self.origin != "input":
            raise ValueError("'lookup' is only for input facts (given in a case)")
        if self.ask is not True and self.origin != "input":
            raise ValueError("'ask' is only for input facts (given in a case)")
        if self.values:
            ids = [v.id for v in self.values]
            if len(set(ids)) != len(ids):
                raise ValueError("values must be unique")
        return self


class VocabularyFile(Closed):
    """The shape of one vocabulary file (all sections optional)."""

    entities: tuple[EntityDef, ...] = ()
    scales: tuple[ScaleDef, ...] = ()
    facts: tuple[FactDef, ...] = ()
    corners: tuple[CornerDef, ...] = ()
    strengths: tuple[StrengthDef, ...] = ()
