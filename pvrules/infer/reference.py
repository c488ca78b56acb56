"""The plain-Python reference evaluator of the condition tree.

Stratum by stratum, in rule order, every rule is tried for every focus
entity; a rule fires when its condition is true (Kleene logic). It has none
of durable_rules' traps and is the oracle every other engine is checked
against.

Conditions are evaluated by closures compiled once per knowledge base (the
same semantics as :func:`pvrules.infer.kleene.evaluate`, without dispatching
on the node type at every step). A quantifier whose condition mentions no
outer variable has one truth value for the whole case; it is computed once
per stratum (facts change only when a stratum closes), so a rule for each of
n entities that asks "some partner ..." costs n + m, not n · m.

Rules are filed by the case fact each needs (:mod:`pvrules.infer.guards`): per
stratum a case tries only the rules whose guard can hold, in any order (a stratum's
firings do not depend on their order: facts change only when it closes, and the
result is sorted). Likewise a rule whose focus entity must pass a test (a guard on the
focus variable) is tried, when there are many entities of its type, only for the
entities filed under a value that can pass it.
"""

from __future__ import annotations

from pvrules.compile.ir import CASE, CompiledRule
from pvrules.infer.compiled import Check
from pvrules.infer.guards import FocusIndex, Guard, Leaf, RuleIndex, Test, case_test, guard
from pvrules.infer.result import Result
from pvrules.infer.session import Plan, Recipe, Session
from pvrules.validate.case import CASE_KEY, Case, EntityKey
from pvrules.validate.vocab import Vocabulary

Entry = tuple[CompiledRule, Check, str | None, str | None, Guard | None, Recipe]
"""A rule, its compiled condition, its focus entity type, its focus variable, the
guard on its focus entity (see :func:`pvrules.infer.guards.guard`) and what a firing
of it records (:func:`pvrules.infer.session.recipe`)."""

NARROW_FROM = 8
"""Entities of one type from which a rule with a focus guard tries only those its
guard lets through (:class:`~pvrules.infer.guards.FocusIndex`); fewer are all tried."""

_NONE: dict[str, object] = {}


class ReferenceEngine:
    """Evaluate cases in plain Python."""

    name = "python"

    def __init__(self, rules: tuple[CompiledRule, ...], vocab: Vocabulary) -> None:
        """Prepare the plan for ``rules`` and compile their conditions."""
        self.plan = Plan.build(rules, vocab)
        compiled = self.plan.compiler.check
        by_stratum: dict[int, list[tuple[Guard | None, Entry]]] = {}
        by_test: dict[int, list[tuple[Leaf, Test, Entry]]] = {}
        for rule in rules:
            focus_guard = guard(rule, rule.focus) if rule.focus is not None else None
            entry = (rule, compiled(rule.condition), rule.focus_entity, rule.focus,
                     focus_guard, self.plan.recipes[rule.id])
            case_guard = guard(rule)
            leaf = case_test(rule) if case_guard is None or case_guard[1] is None else None
            if leaf is not None:  # a test it needs, evaluated once per stratum for all
                by_test.setdefault(rule.stratum, []).append((leaf, compiled(leaf), entry))
            else:
                by_stratum.setdefault(rule.stratum, []).append((case_guard, entry))
        self._by_stratum = {stratum: RuleIndex(by_stratum.get(stratum, ()),
                                               by_test.get(stratum, ()))
                            for stratum in {*by_stratum, *by_test}}

    def evaluate(self, case: Case) -> Result:
        """Evaluate one case to a fixpoint."""
        session = Session(self.plan, case)
        scope = session.scope  # cleared when a stratum closes: its facts are known then
        env = {CASE: CASE_KEY}  # one binding dict: the closures leave it as they found it
        fire, entities, values = session.fire, session.entities, session.values
        final_at = self.plan.final_at
        filed: dict[tuple[str, str], FocusIndex[EntityKey]] = {}  # (entity type, fact)
        for stratum in self.plan.strata:
            index = self._by_stratum.get(stratum)
            selected = index.select(values.get(CASE_KEY, _NONE), env, scope) \
                if index is not None else ()
            for derived in [k for k in filed if k[1] in final_at]:
                del filed[derived]  # derived facts may have changed: filed again when asked
            for rule, check, entity, var, focus_guard, prepared in selected:
                if entity is None:  # a case rule: tried once
                    if check(env, scope) is True:
                        fire(rule, None, prepared)
                    continue
                focuses = entities.get(entity)
                if not focuses:
                    continue
                if focus_guard is not None and len(focuses) >= NARROW_FROM:
                    fact, wanted = focus_guard
                    by_fact = filed.get((entity, fact))
                    if by_fact is None:
                        by_fact = filed[(entity, fact)] = FocusIndex(focuses, values, fact)
                    narrowed = by_fact.select(wanted)
                    if narrowed is not None:
                        focuses = narrowed
                if var is None:
                    for focus in focuses:
                        if check(env, scope) is True:
                            fire(rule, focus, prepared)
                    continue
                for focus in focuses:
                    env[var] = focus
                    if check(env, scope) is True:
                        fire(rule, focus, prepared)
                env.pop(var, None)
            session.close_stratum(stratum)
        return session.result(self.name)

    def close(self) -> None:
        """Nothing to release."""
