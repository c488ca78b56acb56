"""Run expert tests: evaluate each test's case and compare with what it expects."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from pvrules.compile.ir import Derive, Recommend, Value
from pvrules.errors import PvrulesError
from pvrules.infer.engine import Engine, make_engine
from pvrules.infer.result import Result
from pvrules.kb import KnowledgeBase
from pvrules.load.yamlio import Document, parse_text
from pvrules.testing.assess import check_options
from pvrules.testing.describe import entity_name, show_value, why, why_not
from pvrules.testing.load import LoadedTest, split_fact_key
from pvrules.testing.model import ItemExpect
from pvrules.validate.case import CASE_KEY, Case, EntityKey, case_from_document
from pvrules.validate.vocab import ValueProblem

Status = Literal["passed", "failed", "error"]


@dataclass(frozen=True)
class Failure:
    """One expectation that did not hold, in plain words."""

    expected: str
    actual: str
    reasons: tuple[str, ...] = ()


@dataclass
class Outcome:
    """The outcome of one expert test."""

    test: LoadedTest
    status: Status
    failures: list[Failure] = field(default_factory=list)
    error: str | None = None
    result: Result | None = field(default=None, repr=False)

    @property
    def passed(self) -> bool:
        """Whether the test passed."""
        return self.status == "passed"


def build_case(loaded: LoadedTest, kb: KnowledgeBase) -> Case:
    """The test's case: inline (``casus`` may be left out) or from ``case_file``.

    Raises:
        PvrulesError: the case cannot be read or does not fit the vocabulary.
    """
    test = loaded.test
    if test.case_file is not None:
        if test.case_file.startswith("example:"):
            from pvrules.pipeline import example_text

            text, name = example_text(test.case_file.split(":", 1)[1])
        else:
            text, name = loaded.source.resolve(test.case_file)
        return case_from_document(parse_text(text, name), kb.vocab, test.set)
    data = dict(test.case or {})
    data.setdefault("casus", {"id": f"test-{loaded.index + 1}", "titel": test.name})
    prefix = (*loaded.loc, "case")
    lines = {loc[len(prefix):]: line for loc, line in loaded.doc.lines.items()
             if loc[:len(prefix)] == prefix}
    return case_from_document(Document(data, loaded.source.name, lines), kb.vocab, test.set)


def item_statuses(result: Result) -> dict[tuple[str, EntityKey], str]:
    """``recommended`` or ``advised_against`` per (item, target), as the advice decides.

    An item is recommended when its strongest recommendation is stronger than
    its strongest advice against; an "alternative" of the advice counts as
    recommended here.
    """
    pro: dict[tuple[str, EntityKey], int] = {}
    con: dict[tuple[str, EntityKey], int] = {}
    for firing in result.firings:
        for concl in firing.conclusions:
            if concl.kind not in ("recommend", "against"):
                continue
            slot = pro if concl.kind == "recommend" else con
            key = (concl.name, concl.target)
            slot[key] = max(slot.get(key, 0), concl.strength)
    return {key: "recommended" if pro.get(key, 0) > con.get(key, 0) else "advised_against"
            for key in sorted({*pro, *con})}


def target_matches(want: str | None, key: EntityKey) -> bool:
    """Whether a test's ``for`` (``o1``, ``opgave:o1``, ``case`` or nothing) names ``key``."""
    if want is None:
        return True
    if want == "case":
        return key == CASE_KEY
    if ":" in want:
        typ, _, ident = want.partition(":")
        return key == (typ, ident)
    return key != CASE_KEY and key[1] == want


class ExpertRunner:
    """Runs expert tests against one knowledge base with one engine."""

    def __init__(self, kb: KnowledgeBase, engine: str = "python") -> None:
        """Prepare the engine for ``kb``."""
        self.kb = kb
        self.engine_name = engine
        self._engine: Engine | None = None

    @property
    def engine(self) -> Engine:
        """The engine, built on first use."""
        if self._engine is None:
            self._engine = make_engine(self.kb, self.engine_name, notice=False)
        return self._engine

    def close(self) -> None:
        """Release the engine."""
        if self._engine is not None:
            self._engine.close()
            self._engine = None

    def run_all(self, tests: Iterable[LoadedTest]) -> list[Outcome]:
        """Run every test, in order."""
        return [self.run(t) for t in tests]

    def run(self, loaded: LoadedTest) -> Outcome:
        """Run one test; a case that cannot be built is an ``error``, not a failure."""
        try:
            case = build_case(loaded, self.kb)
            result = self.engine.evaluate(case)
            failures = self.check(loaded, result)
        except PvrulesError as err:
            return Outcome(loaded, "error", error=err.format())
        return Outcome(loaded, "failed" if failures else "passed", failures, result=result)

    def check(self, loaded: LoadedTest, result: Result) -> list[Failure]:
        """Every expectation of ``loaded`` that ``result`` does not meet.

        Raises:
            PvrulesError: an expected derived value does not fit its fact.
        """
        exp = loaded.test.expect
        out: list[Failure] = []
        fired = {f.rule_id for f in result.firings}
        for rid in exp.fires:
            if rid not in fired:
                out.append(Failure(f"rule '{rid}' fires", f"rule '{rid}' did not fire",
                                   tuple(self._not_fired(rid, result))))
        for rid in exp.not_fires:
            if rid in fired:
                rule = self.kb.rule(rid)
                out.append(Failure(f"rule '{rid}' does not fire", f"rule '{rid}' fired",
                                   tuple(why(rule, result, self.kb.vocab))))
        statuses = item_statuses(result)
        for ref in exp.recommends:
            if not self._has(statuses, ref, "recommended"):
                out.append(Failure(f"'{ref.item}' is recommended{_for(ref)}",
                                   self._item_state(statuses, ref),
                                   tuple(self._item_reasons(ref.item, result, against=False))))
        for ref in exp.not_recommends:
            if self._has(statuses, ref, "recommended"):
                out.append(Failure(f"'{ref.item}' is not recommended{_for(ref)}",
                                   self._item_state(statuses, ref),
                                   tuple(self._item_reasons(ref.item, result, against=False))))
        for ref in exp.advised_against:
            if not self._has(statuses, ref, "advised_against"):
                out.append(Failure(f"'{ref.item}' is advised against{_for(ref)}",
                                   self._item_state(statuses, ref),
                                   tuple(self._item_reasons(ref.item, result, against=True))))
        for key, raw in sorted(exp.derived.items()):
            failure = self._check_derived(key, raw, result)
            if failure is not None:
                out.append(failure)
        out.extend(Failure(m.expected, m.actual, m.reasons)
                   for m in check_options(exp, result, self.kb, target_matches))
        return out

    def _not_fired(self, rid: str, result: Result) -> list[str]:
        for dis in self.kb.disabled:
            if dis.rule_id == rid:
                return [f"it is switched off by 'disable:' in {dis.file}:{dis.line}"]
        return why_not(self.kb.rule(rid), result, self.kb.vocab)

    @staticmethod
    def _has(statuses: dict[tuple[str, EntityKey], str], ref: ItemExpect, status: str) -> bool:
        return any(item == ref.item and st == status and target_matches(ref.for_, target)
                   for (item, target), st in statuses.items())

    @staticmethod
    def _item_state(statuses: dict[tuple[str, EntityKey], str], ref: ItemExpect) -> str:
        found = [f"{st.replace('_', ' ')} for {entity_name(target)}"
                 for (item, target), st in statuses.items() if item == ref.item]
        if not found:
            return f"no rule recommended or advised against '{ref.item}'"
        return f"'{ref.item}' is " + ", ".join(found)

    def _item_reasons(self, item: str, result: Result, against: bool) -> list[str]:
        lines: list[str] = []
        verb = "advises against" if against else "recommends"
        for rule in self.kb.rules:
            if not any(isinstance(c, Recommend) and c.item == item and c.against == against
                       for c in rule.conclusions):
                continue
            if result.fired(rule.id):
                lines.extend(f"rule '{rule.id}' ({verb} it) {line}"
                             for line in why(rule, result, self.kb.vocab))
            else:
                lines.extend(f"rule '{rule.id}' ({verb} it) did not fire: {line}"
                             for line in why_not(rule, result, self.kb.vocab))
        if not lines:
            lines.append(f"no rule {verb} '{item}'")
        other = "recommends" if against else "advises against"
        for firing in result.firings:
            if any(c.name == item and (c.kind == "recommend") == against
                   for c in firing.conclusions):
                lines.append(f"rule '{firing.rule_id}' ({other} it) fired for "
                             f"{entity_name(firing.focus)}")
        return lines

    def _check_derived(self, key: str, raw: object, result: Result) -> Failure | None:
        entity, ident, fact_id = split_fact_key(key)
        fact = self.kb.vocab.facts[fact_id]
        target: EntityKey = CASE_KEY if entity is None or ident is None else (entity, ident)
        want: Value | None = None
        if raw is not None:
            try:
                want = self.kb.vocab.normalize(fact, raw)
            except ValueProblem as err:
                from pvrules.errors import InputError, Problem

                raise InputError(f"bad expected value for '{key}'", [Problem(
                    "bad-value", str(err), allowed=err.allowed)]) from err
        got = result.value(target, fact_id)
        if got == want and type(got) is type(want):
            return None
        vocab = self.kb.vocab
        reasons = []
        derived = result.derived.get((target, fact_id))
        if derived is not None and derived.by is None:
            reasons.append(f"no rule derived it; the default "
                           f"{show_value(vocab, fact_id, derived.value)} applied")
        elif derived is not None and derived.by is not None:
            reasons.append(f"rule '{derived.by[0]}' derived "
                           f"{show_value(vocab, fact_id, derived.value)}")
            reasons.extend(f"rule '{k[0]}' derived {show_value(vocab, fact_id, v)} but lost "
                           f"(lower priority or later in the rules)" for k, v in derived.overruled)
        for rule in self.kb.rules:
            if any(isinstance(c, Derive) and c.fact == fact_id for c in rule.conclusions) \
                    and not result.fired(rule.id):
                reasons.extend(f"rule '{rule.id}' (derives it) did not fire: {line}"
                               for line in why_not(rule, result, vocab))
        return Failure(f"{key} = {show_value(vocab, fact_id, want)}",
                       f"{key} = {show_value(vocab, fact_id, got)}", tuple(reasons))


def _for(ref: ItemExpect) -> str:
    return f" for {ref.for_}" if ref.for_ else ""
