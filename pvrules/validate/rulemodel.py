"""The closed model of a rule file as a domain expert writes it.

Conditions (``when``) are kept as written here and are parsed against the
vocabulary by :mod:`pvrules.compile.conditions`, which knows the facts.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator

from pvrules.validate.base import Closed, Identifier, RuleId, Text

Strength = Literal["zwak", "middel", "sterk"]
STRENGTHS: dict[str, int] = {"zwak": 1, "middel": 2, "sterk": 3}
STRENGTH_LABELS: dict[str, dict[str, str]] = {
    "zwak": {"nl": "te overwegen", "en": "worth considering"},
    "middel": {"nl": "aanbevolen", "en": "recommended"},
    "sterk": {"nl": "sterk aanbevolen", "en": "strongly recommended"},
}


class Conclusion(Closed):
    """One conclusion: derive a fact, recommend an item, or advise against one."""

    derive: Identifier | None = None
    value: str | bool | int | float | None = None
    recommend: Identifier | None = None
    advise_against: Identifier | None = None
    strength: Strength = "middel"
    target: Identifier | None = Field(
        default=None, description="'case' or the rule's for_each entity; default: the focus"
    )

    @model_validator(mode="after")
    def _one_kind(self) -> Conclusion:
        kinds = [k for k in ("derive", "recommend", "advise_against") if getattr(self, k)]
        if len(kinds) != 1:
            raise ValueError(
                "a conclusion has exactly one of 'derive', 'recommend' or 'advise_against'"
            )
        if self.derive and self.value is None:
            raise ValueError("'derive' needs a 'value'")
        if not self.derive and self.value is not None:
            raise ValueError("'value' belongs to 'derive' only")
        return self

    @property
    def kind(self) -> str:
        """``derive``, ``recommend`` or ``advise_against``."""
        if self.derive:
            return "derive"
        return "recommend" if self.recommend else "advise_against"


class RuleSpec(Closed):
    """One advisory rule."""

    id: RuleId
    title: Text
    principle: Text
    for_each: Identifier | None = None
    when: Any
    then: tuple[Conclusion, ...] = Field(min_length=1)
    explanation: Text
    sources: tuple[Identifier, ...] = Field(min_length=1)
    priority: int = 0
    tags: tuple[Identifier, ...] = ()


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
