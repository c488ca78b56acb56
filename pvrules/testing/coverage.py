"""Which rules and which parts of their conditions the expert tests exercise.

Definitions (also in ``docs/authoring.md``):

* A **rule is covered** when it fires (for some focus) in at least one test case.
* The **branches** of a rule are the parts of its condition as written: the
  whole ``when``, each item of an ``all`` / ``any`` (or of a plain list), the
  part under a ``not``, each quantifier (``some`` / ``no`` / ``every``) and the
  ``where`` inside it. A mapping with several facts is one branch.
* A branch is **exercised** when, over all test cases, it was evaluated once to
  *true* and once to *false*. Each case is evaluated on the final values of
  its facts, for every focus entity of the rule; a ``where`` is evaluated for
  every entity the quantifier ranges over. *Unknown* counts as neither.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pvrules.compile.conditions import ConditionParser
from pvrules.compile.ir import Node, nnf
from pvrules.infer.kleene import Truth, evaluate
from pvrules.kb import KnowledgeBase
from pvrules.load.yamlio import Loc, format_loc
from pvrules.testing.describe import describe, foci, rule_env
from pvrules.testing.runner import Outcome
from pvrules.validate.case import EntityKey
from pvrules.validate.rules import RuleEntry


@dataclass
class Branch:
    """One part of a rule's condition, with what the tests made of it."""

    loc: Loc
    line: int | None
    node: Node
    children: list[Branch] = field(default_factory=list)
    var: str | None = None
    """For a quantifier: the variable its ``where`` child binds."""
    entity: str | None = None
    seen: set[Truth] = field(default_factory=set)

    def walk(self) -> list[Branch]:
        """This branch and all below it, in order."""
        return [self, *(b for c in self.children for b in c.walk())]


@dataclass
class RuleCoverage:
    """Coverage of one rule."""

    rule_id: str
    file: str
    line: int | None
    root: Branch | None
    fired: int = 0


@dataclass
class Coverage:
    """Coverage of the whole knowledge base by a set of test outcomes."""

    rules: list[RuleCoverage]
    cases: int
    facts_known: set[str] = field(default_factory=set)
    """Facts (input, computed or derived) that had a value in some test case."""

    def unexercised_facts(self, kb: KnowledgeBase) -> list[tuple[str, list[str]]]:
        """Input and computed facts that rules read but no test case knows, with the readers."""
        out = []
        for fact in kb.vocab.facts.values():
            if fact.origin == "derived" or fact.id in self.facts_known:
                continue
            readers = [r.id for r in kb.rules if any(n == fact.id for _e, n in r.reads)]
            if readers:
                out.append((fact.id, readers))
        return out

    @property
    def uncovered_rules(self) -> list[RuleCoverage]:
        """Rules no test makes fire."""
        return [r for r in self.rules if r.fired == 0]

    def branches(self) -> list[tuple[RuleCoverage, Branch]]:
        """Every branch of every rule."""
        return [(r, b) for r in self.rules if r.root for b in r.root.walk()]


def _tree(raw: Any, scope: dict[str, tuple[str, str]], loc: Loc, parser_for: Any,
          line_of: Any) -> Branch | None:
    node = parser_for(scope).parse(raw, scope, loc)
    branch = Branch(loc, line_of(loc), node)
    if isinstance(raw, list):
        items = [(v, (*loc, i)) for i, v in enumerate(raw)]
    elif isinstance(raw, dict) and set(raw) & {"some", "no", "every"}:
        kind = next(k for k in ("some", "no", "every") if k in raw)
        var = str(raw.get("as", raw[kind]))
        branch.var, branch.entity = var, str(raw[kind])
        if raw.get("where") is not None:
            inner = {**scope, var: (str(raw[kind]), var)}
            child = _tree(raw["where"], inner, (*loc, "where"), parser_for, line_of)
            if child is not None:
                branch.children.append(child)
        return branch
    elif isinstance(raw, dict) and len(raw) == 1 and next(iter(raw)) in ("all", "any") \
            and isinstance(next(iter(raw.values())), list):
        key = next(iter(raw))
        items = [(v, (*loc, key, i)) for i, v in enumerate(raw[key])]
    elif isinstance(raw, dict) and len(raw) == 1 and "not" in raw:
        items = [(raw["not"], (*loc, "not"))]
    else:
        items = []
    for value, child_loc in items:
        child = _tree(value, scope, child_loc, parser_for, line_of)
        if child is not None:
            branch.children.append(child)
    return branch


def branch_tree(entry: RuleEntry, kb: KnowledgeBase) -> Branch | None:
    """The branches of a rule's condition as written, parsed against the vocabulary."""
    spec, doc = entry.spec, entry.doc
    scope: dict[str, tuple[str, str]] = {}
    if spec.for_each:
        scope[spec.for_each] = (spec.for_each, spec.for_each)

    def parser_for(current: dict[str, tuple[str, str]]) -> ConditionParser:
        return ConditionParser(kb.vocab, doc.source, spec.id,
                               lambda loc: doc.line_of((*entry.loc, *loc)),
                               lambda loc: format_loc((*entry.loc, *loc)),
                               used_vars={v for _e, v in current.values()})

    def line_of(loc: Loc) -> int | None:
        return doc.line_of((*entry.loc, *loc))

    return _tree(spec.when, scope, ("when",), parser_for, line_of)


def _record(branch: Branch, env: dict[str, EntityKey], values: Any,
            entities: dict[str, list[EntityKey]]) -> None:
    branch.seen.add(evaluate(nnf(branch.node), env, values, entities))
    if branch.var is not None and branch.entity is not None:
        for key in entities.get(branch.entity, ()):
            for child in branch.children:
                _record(child, {**env, branch.var: key}, values, entities)
        return
    for child in branch.children:
        _record(child, env, values, entities)


def measure(kb: KnowledgeBase, outcomes: Sequence[Outcome]) -> Coverage:
    """Coverage of ``kb``'s rules by the cases of ``outcomes`` (failed tests count too)."""
    rules = []
    for rule in kb.rules:
        entry = kb.entries[rule.id]
        rules.append(RuleCoverage(rule.id, entry.file, entry.line, branch_tree(entry, kb)))
    by_id = {r.rule_id: r for r in rules}
    cases = 0
    known: set[str] = set()
    for outcome in outcomes:
        result = outcome.result
        if result is None:
            continue
        cases += 1
        known |= {name for facts in result.values.values() for name in facts}
        entities = {typ: [e.key for e in ents] for typ, ents in result.case.entities.items()}
        for rule in kb.rules:
            cov = by_id[rule.id]
            cov.fired += len(result.fired(rule.id))
            if cov.root is None:
                continue
            for focus in foci(rule, result):
                env = dict(rule_env(rule, focus))
                if rule.focus is not None and rule.focus not in env:
                    continue
                _record(cov.root, env, result.values, entities)
    return Coverage(rules, cases, known)


def _missing(branch: Branch) -> str | None:
    if not branch.seen or branch.seen == {None}:
        return "never evaluated to true or false"
    if True not in branch.seen:
        return "never true"
    if False not in branch.seen:
        return "never false"
    return None


def render_coverage(cov: Coverage, kb: KnowledgeBase | None = None) -> str:
    """A plain report of what the tests leave unexercised, per rule, with a summary."""
    lines = ["Coverage", "--------"]
    branches = cov.branches()
    gaps = 0
    for rule in cov.rules:
        where = f"{rule.file}:{rule.line}" if rule.line else rule.file
        rule_lines = []
        if rule.fired == 0:
            rule_lines.append(f"rule '{rule.rule_id}' ({where}): never fires in any test")
        root = rule.root
        if root is not None and not (root.seen - {None}):
            gaps += len(root.walk())
            rule_lines.append("    its condition is never true or false in a test "
                              "(no test case decides it)")
        elif root is not None:
            for branch in root.walk():
                why = _missing(branch)
                if why is None:
                    continue
                gaps += 1
                if rule.fired == 0 and branch is root and why == "never true":
                    continue
                text = describe(branch.node, kb.vocab) if kb is not None else ""
                rule_lines.append(f"    line {branch.line}: {format_loc(branch.loc)}"
                                  + (f" ({_short(text)})" if text else "") + f": {why}")
        if rule_lines and not rule_lines[0].startswith("rule "):
            rule_lines.insert(0, f"rule '{rule.rule_id}' ({where}):")
        lines.extend(rule_lines)
    facts = cov.unexercised_facts(kb) if kb is not None else []
    for fact, readers in facts:
        shown = ", ".join(readers[:3]) + (" …" if len(readers) > 3 else "")
        lines.append(f"fact '{fact}' is read by {shown} but known in no test case")
    total_rules = len(cov.rules)
    fired = total_rules - len(cov.uncovered_rules)
    lines.append("")
    lines.append(f"{fired} of {total_rules} rules fire in some test{_pct(fired, total_rules)}; "
                 f"{len(branches) - gaps} of {len(branches)} condition branches are seen both "
                 f"true and false{_pct(len(branches) - gaps, len(branches))} "
                 f"({cov.cases} test cases)"
                 + (f"; {len(facts)} facts that rules read are known in no test case"
                    if facts else ""))
    return "\n".join(lines) + "\n"


def _pct(part: int, whole: int) -> str:
    return f" ({100 * part // whole}%)" if whole else ""


def _short(text: str, width: int = 90) -> str:
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1]
    return text if len(text) <= width else text[:width - 1] + "…"

