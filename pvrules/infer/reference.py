"""The plain-Python reference evaluator of the condition tree.

Stratum by stratum, in rule order, every rule is tried for every focus
entity; a rule fires when its condition is true (Kleene logic). It has none
of durable_rules' traps and is the oracle every other engine is checked
against.
"""

from __future__ import annotations

from pvrules.compile.ir import CompiledRule
from pvrules.infer.kleene import evaluate
from pvrules.infer.result import Result
from pvrules.infer.session import Plan, Session
from pvrules.validate.case import Case
from pvrules.validate.vocab import Vocabulary


class ReferenceEngine:
    """Evaluate cases in plain Python."""

    name = "python"

    def __init__(self, rules: tuple[CompiledRule, ...], vocab: Vocabulary) -> None:
        """Prepare the plan for ``rules``."""
        self.plan = Plan.build(rules, vocab)
        self._by_stratum: dict[int, list[CompiledRule]] = {}
        for rule in rules:
            self._by_stratum.setdefault(rule.stratum, []).append(rule)

    def evaluate(self, case: Case) -> Result:
        """Evaluate one case to a fixpoint."""
        session = Session(self.plan, case)
        for stratum in self.plan.strata:
            for rule in self._by_stratum.get(stratum, ()):
                for focus in session.focus_keys(rule):
                    env = session.env(rule, focus)
                    if evaluate(rule.condition, env, session.values, session.entities) is True:
                        session.fire(rule, focus)
            session.close_stratum(stratum)
        return session.result(self.name)

    def close(self) -> None:
        """Nothing to release."""
