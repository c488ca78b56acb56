"""The closed model of a rule file as a domain expert writes it.

Conditions (``when``) are kept as written here and are parsed against the
vocabulary by :mod:`pvrules.compile.conditions`, which knows the facts.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator

from pvrules.validate.base import Closed, Identifier, RuleId, Text
from pvrules.validate.dates import IsoDate, parse_iso

Sign = Literal["+", "0", "-"]
Score = Literal["+", "0", "-", "?"]
KINDS = ("derive", "recommend", "advise_against", "effect", "criterion", "risk", "route",
         "prefer")
"""The kinds of conclusion; a conclusion has exactly one of these keys."""


class Conclusion(Closed):
    """One conclusion: derive a fact, recommend or advise against an item, or assess an option.

    ``effect`` (a corner, with ``sign``), ``criterion`` (with ``score``), ``risk`` and
    ``route`` (catalogue items) and ``prefer`` (true: advised, false: advised against)
    describe the focus entity, usually an option.
    """

    derive: Identifier | None = None
    value: str | bool | int | float | None = None
    recommend: Identifier | None = None
    advise_against: Identifier | None = None
    effect: Identifier | None = Field(default=None, description="a corner of the triangle")
    sign: Sign | None = None
    criterion: Identifier | None = None
    score: Score | None = None
    risk: Identifier | None = None
    route: Identifier | None = None
    prefer: bool | None = None
    strength: Identifier | None = Field(
        default=None, description="a strength of the vocabulary; default: its default one")
    target: Identifier | None = Field(
        default=None, description="'case' or the rule's for_each entity; default: the focus"
    )

    @model_validator(mode="after")
    def _one_kind(self) -> Conclusion:
        kinds = [k for k in KINDS if getattr(self, k) is not None]
        if len(kinds) != 1:
            raise ValueError("a conclusion has exactly one of " + ", ".join(
                f"'{k}'" for k in KINDS))
        pairs = (("derive", "value"), ("effect", "sign"), ("criterion", "score"))
        for key, companion in pairs:
            if getattr(self, key) is not None and getattr(self, companion) is None:
                raise ValueError(f"'{key}' needs '{companion}'")
            if getattr(self, key) is None and getattr(self, companion) is not None:
                raise ValueError(f"'{companion}' belongs to '{key}' only")
        if self.strength is not None and kinds[0] not in ("recommend", "advise_against",
                                                           "prefer"):
            raise ValueError("'strength' belongs to 'recommend', 'advise_against' and "
                             "'prefer' only")
        return self

    @property
    def kind(self) -> str:
        """One of :data:`KINDS`."""
        return next(k for k in KINDS if getattr(self, k) is not None)


class RuleSpec(Closed):
    """One advisory rule."""

    id: RuleId
    title: Text
    principle: Text
    for_each: Identifier | None = None
    when: Any
    then: tuple[Conclusion, ...] = Field(min_length=1)
    explanation: Text
    sources: tuple[Identifier, ...] = Field(
        default=(), description="sources that say what the text says; none where no source "
        "carries it (never one that does not)")
    priority: int = 0
    tags: tuple[Identifier, ...] = ()
    valid_from: IsoDate | None = Field(
        default=None, description="the rule applies from this date (inclusive)")
    valid_to: IsoDate | None = Field(
        default=None, description="the rule applies until this date (exclusive)")
    frameworks: tuple[Identifier, ...] = Field(
        default=(), description="legal or policy frameworks (items of a catalogue of kind "
        "'framework') the rule applies")

    @model_validator(mode="after")
    def _ordered(self) -> RuleSpec:
        if self.valid_from is not None and self.valid_to is not None \
                and parse_iso(self.valid_from) >= parse_iso(self.valid_to):
            raise ValueError("'valid_from' must be before 'valid_to'")
        return self


class TableRef(Closed):
    """A decision table whose rows become rules (CSV, DMN or ``.table.yaml``)."""

    file: str = Field(min_length=1, description="path relative to this rule file")
    for_each: Identifier | None = None
    sources: tuple[Identifier, ...] = Field(min_length=1)
    principle: Text | None = None
    tags: tuple[Identifier, ...] = ()


class RuleFile(Closed):
    """The shape of one rule file."""

    rules: tuple[RuleSpec, ...] = ()
    tables: tuple[TableRef, ...] = Field(
        default=(), description="decision tables whose rows are rules of this file")
    disable: tuple[RuleId, ...] = Field(
        default=(), description="ids of rules (built-in or elsewhere) this file switches off"
    )
