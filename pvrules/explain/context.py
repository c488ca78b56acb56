"""The explanation context: one knowledge base, one result, one language, built once per run.

Everything that explains a result (the advice, the decisions, why, why-not,
what-if, diff, the reports) takes an :class:`ExplainContext` and reads the
advice and the decisions from it, so that they are built once::

    ctx = ExplainContext(kb, result, "nl")
    ctx.advice        # the Advice (numbered reasoning per recommendation)
    ctx.decisions     # the Decisions: the one truth every renderer reads
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from pvrules.infer.result import Result
from pvrules.kb import KnowledgeBase
from pvrules.messages import Messages
from pvrules.validate.case import CASE_KEY, EntityKey

if TYPE_CHECKING:
    from pvrules.explain.advice import Advice, AdviceBuilder
    from pvrules.explain.decisions_model import Decisions, RecItem
    from pvrules.explain.domains import Domains
    from pvrules.explain.incremental import Incremental
    from pvrules.explain.phrasing import Phraser


class ExplainContext:
    """What every explanation of one result needs; parts are built on first use."""

    def __init__(self, kb: KnowledgeBase, result: Result, lang: str = "nl",
                 advice: Advice | None = None) -> None:
        """Explain ``result`` of ``kb`` in ``lang`` (``nl`` or ``en``).

        ``advice``: the advice already built for this result and language, if any.
        """
        self.kb = kb.with_sources(result.case.own_sources)
        self.lang = "en" if lang == "en" else "nl"
        self.result = _localised(result, self.lang)
        self.msg = Messages(self.lang)
        if advice is not None:
            self.__dict__["advice"] = advice

    @cached_property
    def builder(self) -> AdviceBuilder:
        """The advice builder (entity labels, fact views, numbered chains)."""
        from pvrules.explain.advice import AdviceBuilder

        return AdviceBuilder(self.kb, self.result, self.lang)

    @cached_property
    def advice(self) -> Advice:
        """The advice for the result."""
        return self.builder.build()

    @cached_property
    def incremental(self) -> Incremental:
        """One incremental evaluator of the result, its runs kept, for every reader."""
        from pvrules.explain.incremental import Incremental

        case = self.result.case
        return Incremental(self.kb.rules, self.kb.vocab, case, self.result, memo=True)

    @cached_property
    def decisions(self) -> Decisions:
        """The decisions for the result (see :mod:`pvrules.explain.decisions`)."""
        from pvrules.explain.decisions import decide

        return decide(self)

    @cached_property
    def verdicts(self) -> dict[tuple[str, EntityKey], RecItem]:
        """The decisions' verdict per (item, target): strength after certainty, one line of why."""
        d = self.decisions
        items = [*d.key_recommendations, *(i for g in d.recommendation_groups for i in g.items),
                 *d.advised_against]
        return {(i.item, i.target_key): i for i in items}

    @cached_property
    def domains(self) -> Domains:
        """The values each fact could take (for why-not, what-if and find-out-first)."""
        from pvrules.explain.domains import Domains

        return Domains(self.kb.vocab, self.kb.rules)

    @cached_property
    def say(self) -> Phraser:
        """Facts, tests and changes in plain sentences."""
        from pvrules.explain.phrasing import Phraser

        return Phraser(self.builder, self.msg)

    @cached_property
    def entities(self) -> dict[str, list[EntityKey]]:
        """Entity keys per entity type, in case order."""
        return {typ: [e.key for e in ents] for typ, ents in self.result.case.entities.items()}

    @cached_property
    def order(self) -> list[EntityKey]:
        """The case, then every entity in case order."""
        return [CASE_KEY, *[e.key for e in self.result.case.all_entities()]]

    def with_result(self, result: Result) -> ExplainContext:
        """A context for another result of the same case (what-if, diff)."""
        return ExplainContext(self.kb, result, self.lang)


def _localised(result: Result, lang: str) -> Result:
    """``result`` with its case's names, notes and question in ``lang`` (same facts)."""
    from dataclasses import replace

    from pvrules.explain.localise import localised

    case = localised(result.case, lang)
    return result if case is result.case else replace(result, case=case)
