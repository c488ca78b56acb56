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
"""

from __future__ import annotations

from pvrules.compile.ir import CASE, CompiledRule
from pvrules.infer.compiled import Check
from pvrules.infer.result import Result
from pvrules.infer.session import Plan, Session
from pvrules.validate.case import CASE_KEY, Case
from pvrules.validate.vocab import Vocabulary


class ReferenceEngine:
    """Evaluate cases in plain Python."""

    name = "python"

    def __init__(self, rules: tuple[CompiledRule, ...], vocab: Vocabulary) -> None:
        """Prepare the plan for ``rules`` and compile their conditions."""
        self.plan = Plan.build(rules, vocab)
        self._by_stratum: dict[int, list[tuple[CompiledRule, Check, str | None, str | None]]] = {}
        for rule in rules:
            self._by_stratum.setdefault(rule.stratum, []).append(
                (rule, self.plan.compiler.check(rule.condition), rule.focus_entity, rule.focus))

    def evaluate(self, case: Case) -> Result:
        """Evaluate one case to a fixpoint."""
        session = Session(self.plan, case)
        scope = session.scope  # cleared when a stratum closes: its facts are known then
        env = {CASE: CASE_KEY}  # one binding dict: the closures leave it as they found it
        fire, entities = session.fire, session.entities
        for stratum in self.plan.strata:
            for rule, check, entity, var in self._by_stratum.get(stratum, ()):
                if entity is None:  # a case rule: tried once
                    if check(env, scope) is True:
                        fire(rule, None)
                    continue
                focuses = entities.get(entity)
                if not focuses:
                    continue
                for focus in focuses:
                    if var is not None:
                        env[var] = focus
                    if check(env, scope) is True:
                        fire(rule, focus)
                if var is not None:
                    env.pop(var, None)
            session.close_stratum(stratum)
        return session.result(self.name)

    def close(self) -> None:
        """Nothing to release."""
