"""A fact's ``ask:`` property: when a still unknown fact is a question for "Eerst uitzoeken".

By default every input fact a rule reads is a question when the case leaves it
unknown and it could change the advice. ``ask:`` narrows that down in the
vocabulary, so that no fact id is listed in code:

* ``ask: false`` — never a question for a raad or an advisor: an engine-structural
  fact, one the case's own structure answers, or one that only gates rules.
* ``ask: {only_if: {FACT: [values]}}`` — a question only when every named fact has
  one of those values (an unknown value does not count). ``only_if`` may also be a
  list of such mappings: then one of them must hold.
* ``ask: {unless: {FACT: [values]}}`` — not a question when one named fact has one
  of those values.
* ``ask: {unless_all: {FACT: [values]}}`` — not a question when every entity of FACT's
  kind in the case (and there is at least one) has one of those values: the client's own
  capacity is no question when every option only chooses a form for one task.
* ``ask: {group: ID, who: {nl: …, en: …}, role: ROLE}`` — facts with the same group are
  one question (support for an option in the raden, among residents, in the region);
  ``who`` says whom the fact asks about; members with the same ``role`` are named once
  (by a member of an option rather than of the case as a whole).
* ``ask: {subject: {nl: …, en: …}}`` — the fact in plain words for the kernboodschap's
  "Zoek eerst uit: …" ("hoe expliciet de maatschappelijke opgaven zijn"); default: its
  label in lower case.
* ``ask: {answered_by: {FACT: [values], ...}}`` — not a question when one entity of the
  case has all these values (every named fact belongs to that one kind of entity): a
  finding the case states on it answers the fact (a shared civil service whose goal
  attainment a study has established answers its capacity and vulnerability).
* ``ask: {study: FACT}`` — a finding of a bestuurskracht or audit study: when the
  case fact FACT (a true/false fact: "a study exists") is true, or a case source is a
  rekenkamer report, the item reads "take it from [the study]".

A named FACT is looked up on the asked fact's own entity when it is a fact of that
entity, on the case when it is a case fact, and otherwise on every entity of its
kind in the case (one of them must match).
"""

from __future__ import annotations

from pydantic import Field, model_validator

from pvrules.validate.base import Closed, Identifier, Text

CondValue = bool | int | float | str
Condition = dict[Identifier, tuple[CondValue, ...]]


class AskDef(Closed):
    """When an unknown fact is listed under "Eerst uitzoeken" (see the module docstring)."""

    only_if: Condition | tuple[Condition, ...] | None = Field(
        default=None, description="a question only when these facts have these values "
                                  "(a list: when one of the mappings holds)")
    unless: Condition | None = Field(
        default=None, description="not a question when one of these facts has one of these "
                                  "values")
    unless_all: Condition | None = Field(
        default=None, description="not a question when every entity of the named fact's kind "
                                  "in the case (at least one) has one of these values")
    group: Identifier | None = Field(
        default=None, description="facts with the same group are asked as one question")
    who: Text | None = Field(
        default=None, description="for a group: whom this fact asks about ('de raden')")
    subject: Text | None = Field(
        default=None, description="the fact in plain words for the kernboodschap's 'Zoek "
                                  "eerst uit: …' (an indirect question or a noun phrase)")
    role: Identifier | None = Field(
        default=None, description="for a group: members with the same role are named once")
    answered_by: Condition | None = Field(
        default=None, description="not a question when one entity of the case has all these "
                                  "values (facts of one kind of entity): a finding on it "
                                  "answers the fact")
    study: Identifier | None = Field(
        default=None, description="a finding of a bestuurskracht or audit study: the case "
                                  "fact that says such a study exists; the item is then "
                                  "taken from the study")

    @model_validator(mode="after")
    def _shape(self) -> AskDef:
        if (self.who is not None or self.role is not None) and self.group is None:
            raise ValueError("'who' and 'role' are only for a fact with 'group'")
        for cond in self.conditions():
            if not cond:
                raise ValueError("a condition names at least one fact")
            for fact, values in cond.items():
                if not values:
                    raise ValueError(f"condition on '{fact}' lists no values")
        return self

    def conditions(self) -> tuple[Condition, ...]:
        """Every condition mapping (``only_if`` alternatives, then ``unless``)."""
        only = () if self.only_if is None else (
            (self.only_if,) if isinstance(self.only_if, dict) else self.only_if)
        study: tuple[Condition, ...] = (({self.study: (True,)},) if self.study is not None
                                        else ())
        answered: tuple[Condition, ...] = ((self.answered_by,) if self.answered_by is not None
                                           else ())
        every: tuple[Condition, ...] = ((self.unless_all,) if self.unless_all is not None
                                        else ())
        return (*only, *((self.unless,) if self.unless is not None else ()), *answered, *study,
                *every)

    def alternatives(self) -> tuple[Condition, ...]:
        """The ``only_if`` mappings, one of which must hold (none: no condition)."""
        if self.only_if is None:
            return ()
        return (self.only_if,) if isinstance(self.only_if, dict) else self.only_if
