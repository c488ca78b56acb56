"""Why an option of the case is not advised, and the smallest change that would make it so.

The case's own options (``opties:``) are entities, not catalogue items: rules assess
them (``effect``, ``risk``, ``prefer``), and an option is advised or advised against
by a ``prefer`` conclusion. The explain commands name such an option as they name any
entity (``optie:ID``, ``optie NAAM``, or its id or name alone when that is no
catalogue item)::

    pvrules explain CASE --why-not optie:herindeling_a2
    pvrules whatif CASE --target optie:herindeling_a2

:func:`why_not_option` answers with the same :class:`~pvrules.explain.whynot.WhyNot`
as a catalogue item (rendered by the same template): the rules that could advise the
option and why they do not apply, with the smallest change that would make each apply,
and the reasoning of the rules that advise against it. :func:`what_if_option` runs the
what-if search with the goal "the option is advised" and answers with a
:class:`~pvrules.explain.whatif.WhatIf`.
"""

from __future__ import annotations

import dataclasses
import itertools
from dataclasses import dataclass
from typing import Any

from pvrules.compile.ir import Assess, CompiledRule
from pvrules.errors import NameNotFoundError
from pvrules.explain.advice import Step
from pvrules.explain.agenda import in_force
from pvrules.explain.context import ExplainContext
from pvrules.explain.whatif import WhatIf, confirmed
from pvrules.explain.whatif_search import Goal, WhatIfSearch, uses_levers, with_producers
from pvrules.explain.whynot import WhyNot, WhyNotExplainer, tests_of
from pvrules.infer.engine import Engine
from pvrules.infer.reference import ReferenceEngine
from pvrules.kb import KnowledgeBase
from pvrules.validate.case import CASE_KEY, Case, EntityKey

OPTION_ENTITY = "optie"
"""The entity type of the case's own options (as :mod:`pvrules.explain.choices`)."""
STATUS = {"advised": "recommended", "advised_against": "advised_against",
          None: "not_recommended"}
"""An option's preference as the status words of items."""


def option_key(resolver: Any, text: str) -> EntityKey | None:
    """The option entity ``text`` names; ``None`` when it names an item, a fact or nothing.

    A catalogue item or fact of that name comes first, so every name the commands
    took before means what it meant.
    """
    if resolver.case is None or OPTION_ENTITY not in resolver.kb.vocab.entities:
        return None
    try:
        resolver.target(text, "--why-not")
        return None
    except NameNotFoundError:
        pass
    try:
        key: EntityKey = resolver.entity(text, "--why-not")
    except NameNotFoundError:
        return None
    return key if key[0] == OPTION_ENTITY else None


def prefer_rules(kb: KnowledgeBase, entity: str, name: str | None = None
                 ) -> list[CompiledRule]:
    """The rules that state a preference (``name``: only ``advised`` or ``advised_against``)."""
    return [r for r in kb.rules if r.focus_entity == entity and any(
        isinstance(c, Assess) and c.kind == "prefer" and (name is None or c.name == name)
        for c in r.conclusions)]


def _fired(result: Any) -> set[tuple[str, EntityKey | None]]:
    """(rule, focus) of every firing of a result or an incremental outcome."""
    fires = getattr(result, "fires", None)
    if fires is not None:
        return {(rule_id, f) for rule_id, foci in fires.items() for f in foci}
    return {f.key for f in result.firings}


def preference(kb: KnowledgeBase, result: Any, key: EntityKey) -> str | None:
    """``advised``, ``advised_against`` or ``None``: the strongest rule wins, as in the advice."""
    fired = _fired(result)
    found = [(-r.priority, r.index, c.name) for r in prefer_rules(kb, key[0])
             if (r.id, key) in fired
             for c in r.conclusions if isinstance(c, Assess) and c.kind == "prefer"]
    return min(found)[2] if found else None


def why_not_option(ctx: ExplainContext, key: EntityKey) -> WhyNot:
    """Why the option ``key`` is not advised (or is advised against), as for an item."""
    kb = ctx.kb
    explainer = WhyNotExplainer(ctx)
    status = STATUS[preference(kb, ctx.result, key)]
    checks = tuple(explainer.check(rule, key) for rule in prefer_rules(kb, key[0], "advised")
                   if in_force(ctx, rule))  # the case's date is not a lever
    against_rules = {r.id for r in prefer_rules(kb, key[0], "advised_against")}
    firings = [f.key for f in ctx.result.firings
               if f.rule_id in against_rules and f.focus == key]
    against = _with_conclusions(ctx, ctx.builder.steps_for(firings) if firings else (), key)
    label = ctx.say.entity(key) or key[1]
    unknown = tuple(dict.fromkeys(
        t.sentence for c in checks for t in tests_of(c.reasons) if not t.known))
    from pvrules.explain.phrasing import source_views

    sources = source_views(kb, {s for c in checks for s in c.sources}
                           | {s for st in against for s in st.sources},
                           ctx.result.case.peildatum)
    titles = [kb.entries[r].spec.title.get(ctx.lang) for r in dict.fromkeys(
        f[0] for f in firings)]
    summary = explainer._summary(label, CASE_KEY, status, checks, (), titles)
    return WhyNot(ctx.lang, f"{key[0]}:{key[1]}", label, key[0], None, key, status, summary,
                  checks, against, (), unknown, sources)


def _with_conclusions(ctx: ExplainContext, steps: tuple[Step, ...], key: EntityKey
                      ) -> tuple[Step, ...]:
    """The steps, a preference stated as their conclusion ("afgeraden: NAAM")."""
    ent = ctx.result.case.entity(key)
    name = ent.name if ent else key[1]
    prefers = {r.id: c.name for r in prefer_rules(ctx.kb, key[0])
               for c in r.conclusions if isinstance(c, Assess) and c.kind == "prefer"}
    status = {"advised": "status.recommended", "advised_against": "status.advised_against"}
    return tuple(dataclasses.replace(s, conclusion=f"{ctx.msg(status[prefers[s.rule_id]])}: "
                                                   f"{name}")
                 if s.rule_id in prefers and not s.conclusion else s for s in steps)


@dataclass(frozen=True)
class PreferGoal(Goal):
    """The goal "the option ``target`` is advised"."""

    def met(self, kb: KnowledgeBase, result: Any, before: object) -> bool:
        """Whether the option is advised in ``result``."""
        return preference(kb, result, self.target) == "advised"


class _PreferSearch(WhatIfSearch):
    """The what-if search on the rules that can change an option's preference."""

    def __init__(self, kb: KnowledgeBase, case: Case, goal: Goal, **options: Any) -> None:
        super().__init__(kb, case, goal, **options)
        self.rules = _relevant(kb, goal.target[0])
        self.engine = ReferenceEngine(self.rules, kb.vocab)
        self._co_read = set()
        for rule in self.rules:
            facts = sorted({f for _e, f in rule.reads})
            self._co_read.update(itertools.product(facts, facts))


def _relevant(kb: KnowledgeBase, entity: str) -> tuple[CompiledRule, ...]:
    """The preference rules and every rule that derives what they read."""
    return with_producers(kb, prefer_rules(kb, entity))


def what_if_option(ctx: ExplainContext, case: Case, key: EntityKey, *,
                   confirm: Engine | None = None, max_size: int = 2, limit: int = 5,
                   all_facts: bool = False) -> WhatIf:
    """The smallest changes of input facts of ``case`` that make the option ``key`` advised."""
    kb, msg = ctx.kb, ctx.msg
    goal = PreferGoal("prefer", key[1], key, "appear")
    search = _PreferSearch(kb, case, goal, confirm=confirm, all_facts=all_facts,
                           domains=ctx.domains)
    found, complete, considered = search.search(max_size=max_size, limit=limit)
    scenarios = confirmed(ctx, search, found, goal, lambda res: _because(ctx, res, key))
    now = STATUS[preference(kb, ctx.result, key)]
    label = ctx.say.entity(key) or key[1]
    levers = not all_facts and uses_levers(kb)
    summary = msg("whatif.item_appear", what=label, state=msg(f"status.{now}"))
    if not scenarios:
        summary += " " + msg("whatif.none_one" if max_size == 1 else "whatif.none_two")
        if levers:
            summary += " " + msg("whatif.levers_only")
    return WhatIf(ctx.lang, "prefer", f"{key[0]}:{key[1]}", label, None, key, now, "appear",
                  summary, tuple(scenarios), considered, search.evaluated, complete, levers)


def _because(ctx: ExplainContext, after: Any, key: EntityKey) -> tuple[str, ...]:
    """The preference rules about the option that start or stop applying."""
    rules = {r.id for r in prefer_rules(ctx.kb, key[0])}
    before = {k for k in _fired(ctx.result) if k[0] in rules and k[1] == key}
    now = {k for k in _fired(after) if k[0] in rules and k[1] == key}
    lines = []
    for (rule_id, _focus), started in sorted([(k, True) for k in now - before]
                                             + [(k, False) for k in before - now], key=repr):
        title = ctx.kb.entries[rule_id].spec.title.get(ctx.lang)
        lines.append(ctx.msg("whatif.starts" if started else "whatif.stops", name=f"'{title}'"))
    return tuple(lines)
