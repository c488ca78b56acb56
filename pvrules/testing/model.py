"""The closed model of an expert test file (``rules/tests/*.yaml``).

See the section "Expert tests" of ``docs/rule-format.md``::

    tests:
      - name: Zwakke legitimiteit bij sterke organisatie vraagt participatie
        case: {feiten: {draagvlak_raad: laag}}
        expect:
          fires: [balans.legitimiteit_zwak_organisatie_sterk]
          recommends: [burgerberaad, {item: centrumregeling, for: o1}]
          derived: {legitimiteit: zwak, "opgave:o1.geschikt": true}
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, field_validator, model_validator

from pvrules.validate.base import Closed, Identifier, RuleId

Scalar = str | bool | int | float | None


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

    _short_items = field_validator("recommends", "not_recommends", "advised_against",
                                   mode="before")(_items)

    @model_validator(mode="after")
    def _not_empty(self) -> Expect:
        if not (self.fires or self.not_fires or self.recommends or self.not_recommends
                or self.advised_against or self.derived):
            raise ValueError("'expect' needs at least one of 'fires', 'not_fires', "
                             "'recommends', 'not_recommends', 'advised_against', 'derived'")
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
