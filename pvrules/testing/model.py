"""The closed model of an expert test file (``rules/tests/*.yaml``).

See the section "Expert tests" of ``docs/rule-format.md``::

    tests:
      - name: Zwakke legitimiteit bij sterke organisatie vraagt participatie
        case: {feiten: {draagvlak_raad: laag}}
        expect:
          fires: [balans.legitimiteit_zwak_organisatie_sterk]
          recommends: [burgerberaad, {item: centrumregeling, for: o1}]
          derived: {legitimiteit: zwak, "opgave:o1.geschikt": true}
          # options (knowledge base v2): per option id (or optie:ID)
          effects: {herindeling_a2: {publieke_waarde: "-", organisatie: none}}
          criteria: {herindeling_a2: {interne_samenhang: "-", draagvlak: "?"}}
          risks: [{item: bestuurlijke_frictie, for: herindeling_a2}]
          preference: {herindeling_a2: advised_against, zelfstandig: none}
          route: [arhi_herindelingsontwerp]
          frameworks: [beleidskader_herindeling_2018]
          cites: [beleidskader_herindeling_2018]
          not_cites: [provinciewet]
          no_later_sources: true
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from pvrules.validate.base import Closed, Identifier, RuleId

Scalar = str | bool | int | float | None
Sign = Literal["+", "0", "-", "none"]
Score = Literal["+", "0", "-", "?", "none"]
Preference = Literal["advised", "advised_against", "none"]


class ItemExpect(Closed):
    """An expected item, optionally for one target (``o1``, ``opgave:o1`` or ``case``)."""

    item: Identifier
    for_: str | None = Field(default=None, alias="for")


def _items(value: Any) -> Any:
    """Accept ``item`` as short for ``{item: item}`` in item lists."""
    if isinstance(value, list):
        return [{"item": v} if isinstance(v, str) else v for v in value]
    return value


class Expect(Closed):
    """What a test expects of the outcome."""

    fires: tuple[RuleId, ...] = ()
    not_fires: tuple[RuleId, ...] = ()
    recommends: tuple[ItemExpect, ...] = ()
    not_recommends: tuple[ItemExpect, ...] = ()
    advised_against: tuple[ItemExpect, ...] = ()
    derived: dict[str, Scalar] = Field(default_factory=dict)
    effects: dict[str, dict[Identifier, Sign]] = Field(
        default_factory=dict, description="option → corner → sign ('none': no effect)")
    criteria: dict[str, dict[Identifier, Score]] = Field(
        default_factory=dict, description="option → criterion → score ('none': not assessed)")
    risks: tuple[ItemExpect, ...] = ()
    not_risks: tuple[ItemExpect, ...] = ()
    route: tuple[ItemExpect, ...] = ()
    not_route: tuple[ItemExpect, ...] = ()
    preference: dict[str, Preference] = Field(
        default_factory=dict, description="option → advised, advised_against or none")
    frameworks: tuple[Identifier, ...] = ()
    not_frameworks: tuple[Identifier, ...] = ()
    cites: tuple[Identifier, ...] = Field(
        default=(), description="sources the advice cites: a rule that fired cites them, they "
        "may be cited on the case's date and their scope (applies_when) holds")
    not_cites: tuple[Identifier, ...] = ()
    no_later_sources: bool = Field(
        default=False, description="no rule that fires cites a source published after the "
        "case's date")

    _short_items = field_validator("recommends", "not_recommends", "advised_against",
                                   "risks", "not_risks", "route", "not_route",
                                   mode="before")(_items)

    @field_validator("effects", "criteria", "preference", mode="before")
    @classmethod
    def _none_text(cls, value: Any) -> Any:
        """YAML ``null`` (or ``~``) is read as ``none``."""
        if not isinstance(value, dict):
            return value
        return {k: ({c: "none" if s is None else s for c, s in v.items()}
                    if isinstance(v, dict) else "none" if v is None else v)
                for k, v in value.items()}

    @model_validator(mode="after")
    def _not_empty(self) -> Expect:
        keys = [k for k in type(self).model_fields if k != "no_later_sources"]
        if not (any(getattr(self, k) for k in keys) or self.no_later_sources):
            raise ValueError("'expect' needs at least one of " + ", ".join(
                f"'{k}'" for k in [*keys, "no_later_sources"]))
        return self


class ExpertTest(Closed):
    """One expert test: a case (inline or a file) and what must come out."""

    name: str = Field(min_length=1)
    case: dict[str, Any] | None = None
    case_file: str | None = Field(default=None, min_length=1)
    set: tuple[str, ...] = ()
    expect: Expect

    @model_validator(mode="after")
    def _one_case(self) -> ExpertTest:
        if (self.case is None) == (self.case_file is None):
            raise ValueError("give exactly one of 'case' (inline) or 'case_file'")
        return self


class TestFile(Closed):
    """The shape of one test file."""

    __test__ = False  # not a pytest test class

    tests: tuple[ExpertTest, ...] = Field(min_length=1)
