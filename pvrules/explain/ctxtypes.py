"""What the decisions need of an explanation context, as a protocol.

The decisions (:mod:`pvrules.explain.decisions` and the modules it uses) take
any object with these members; :class:`pvrules.explain.context.ExplainContext`
is the one there is. The protocol keeps the imports one-way: the context builds
the decisions, the decisions never import the context.
"""

from __future__ import annotations

from typing import Protocol

from pvrules.explain.advice import Advice, AdviceBuilder
from pvrules.explain.domains import Domains
from pvrules.explain.incremental import Incremental
from pvrules.explain.phrasing import Phraser
from pvrules.infer.result import Result
from pvrules.kb import KnowledgeBase
from pvrules.messages import Messages
from pvrules.validate.case import EntityKey


class Ctx(Protocol):
    """The knowledge base, the result, the language and what is built from them once."""

    kb: KnowledgeBase
    result: Result
    lang: str
    msg: Messages

    @property
    def builder(self) -> AdviceBuilder:
        """Entity labels, fact views and numbered chains."""

    @property
    def advice(self) -> Advice:
        """The advice for the result."""

    @property
    def incremental(self) -> Incremental:
        """One incremental evaluator of the result whose runs are kept."""

    @property
    def domains(self) -> Domains:
        """The values each fact could take."""

    @property
    def say(self) -> Phraser:
        """Facts, tests and changes in plain sentences."""

    @property
    def entities(self) -> dict[str, list[EntityKey]]:
        """Entity keys per entity type, in case order."""

    @property
    def order(self) -> list[EntityKey]:
        """The case, then every entity in case order."""
