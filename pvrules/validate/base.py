"""Shared pydantic building blocks: closed frozen models and bilingual text."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

# Field(...) rather than StringConstraints: it keeps pydantic.types out of a cold start.
Identifier = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", min_length=1, max_length=80)]
"""A lower-case identifier: letters, digits and underscores, starting with a letter."""

RuleId = Annotated[
    str, Field(pattern=r"^[A-Za-z][A-Za-z0-9_.\-]*$", min_length=1, max_length=120)
]
"""A rule id: letters, digits, ``_``, ``.`` and ``-``, starting with a letter."""


class Closed(BaseModel):
    """A closed, immutable model: unknown keys are errors."""

    # defer_build: schemas are built on first validation, so a run that reads the
    # knowledge base from the compiled cache never pays for building them.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Text(Closed):
    """A text in Dutch and English."""

    nl: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, lang: str) -> str:
        """Return the text in ``lang`` (``nl`` or ``en``)."""
        return self.en if lang == "en" else self.nl
