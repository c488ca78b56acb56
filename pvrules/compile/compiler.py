"""Compile rule specs into :class:`CompiledRule` objects with strata.

A rule's stratum is one more than the highest stratum of the derived facts
it reads; a derived fact is final once every rule that derives it has run.
So when a rule runs, everything it reads is final, which makes negation and
"unknown" tests exact for every engine. Cycles are refused.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

from pvrules.compile.conditions import ConditionParser
from pvrules.compile.ir import (
    CASE,
    And,
    Assess,
    Cmp,
    CompiledRule,
    Conclusion,
    Derive,
    Node,
    Recommend,
    Ref,
    nnf,
)
from pvrules.errors import Problem
from pvrules.load.yamlio import format_loc
from pvrules.suggest import did_you_mean
from pvrules.validate.dates import iso_int
from pvrules.validate.knowledge import Knowledge
from pvrules.validate.rulemodel import Conclusion as ConclusionSpec
from pvrules.validate.rules import RuleEntry
from pvrules.validate.vocab import PEILDATUM

Add = Callable[..., None]
ROLE_OF_KIND = {"recommend": "item", "advise_against": "item", "criterion": "criterion",
                "risk": "risk", "route": "route"}
"""The catalogue kind each item-naming conclusion draws from."""


def compile_rules(entries: Sequence[RuleEntry], knowledge: Knowledge
                  ) -> tuple[list[CompiledRule], list[Problem]]:
    """Compile every entry; return the compiled rules and the problems found."""
    problems: list[Problem] = []
    drafts: list[CompiledRule] = []
    frameworks = knowledge.catalogues.items_of("framework")  # once, not once per rule
    for index, entry in enumerate(entries):
        rule = _compile_one(entry, index, knowledge, problems, frameworks)
        if rule is not None:
            drafts.append(rule)
    strata, cycle_problems = _stratify(drafts, entries)
    problems.extend(cycle_problems)
    compiled = [r if strata.get(r.id, 0) == r.stratum
                else dataclasses.replace(r, stratum=strata.get(r.id, 0)) for r in drafts]
    return compiled, problems


def _compile_one(entry: RuleEntry, index: int, knowledge: Knowledge,
                 problems: list[Problem], frameworks: list[str]) -> CompiledRule | None:
    spec, doc = entry.spec, entry.doc
    vocab, cats = knowledge.vocab, knowledge.catalogues
    before = len(problems)

    def add(loc: tuple[str | int, ...], code: str, message: str,
            allowed: tuple[str, ...] = (), suggestion: str | None = None) -> None:
        full = (*entry.loc, *loc)
        problems.append(Problem(code, message, doc.source, doc.line_of(full), format_loc(full),
                                spec.id, allowed, suggestion))

    scope: dict[str, tuple[str, str]] = {}
    focus_entity = spec.for_each
    if focus_entity is not None:
        if focus_entity not in vocab.entities or focus_entity == CASE:
            add(("for_each",), "unknown-entity", f"unknown entity '{focus_entity}'",
                tuple(e for e in vocab.entities if e != CASE),
                did_you_mean(focus_entity, vocab.entities))
            return None
        scope[focus_entity] = (focus_entity, focus_entity)
    parser = ConditionParser(vocab, doc.source, spec.id,
                             lambda loc: doc.line_of((*entry.loc, *loc)),
                             lambda loc: format_loc((*entry.loc, *loc)),
                             used_vars=set(scope))
    condition = parser.parse(spec.when, scope, ("when",))
    problems.extend(parser.problems)
    conclusions: list[Conclusion] = []
    writes: set[tuple[str, str]] = set()
    for i, concl in enumerate(spec.then):
        loc = ("then", i)
        if concl.derive:
            fact = vocab.facts.get(concl.derive)
            if fact is None:
                add((*loc, "derive"), "unknown-fact", f"unknown fact '{concl.derive}'",
                    suggestion=did_you_mean(concl.derive, vocab.facts))
                continue
            if fact.origin != "derived":
                add((*loc, "derive"), "not-derived",
                    f"'{fact.id}' is {'a computed' if fact.origin == 'computed' else 'an input'}"
                    " fact; only facts declared 'origin: derived' can be derived")
                continue
            target = _derive_target(fact.entity, focus_entity, concl.target)
            if target is None:
                add((*loc, "derive"), "wrong-entity",
                    f"'{fact.id}' is a fact of '{fact.entity}'; this rule can only derive "
                    f"facts of the case" + (f" or of its '{focus_entity}'" if focus_entity
                                            else ""))
                continue
            try:
                value = vocab.normalize(fact, concl.value)
            except ValueError as err:
                allowed = getattr(err, "allowed", ())
                add((*loc, "value"), "bad-value", str(err), allowed,
                    did_you_mean(str(concl.value), allowed))
                continue
            conclusions.append(Derive(fact.id, value, target))
            writes.add((fact.entity, fact.id))
        else:
            made = _conclusion(concl, loc, focus_entity, knowledge, add)
            if made is not None:
                conclusions.append(made)
    for i, ref in enumerate(spec.frameworks):
        if ref not in frameworks:
            add(("frameworks", i), "unknown-framework", f"unknown framework '{ref}'",
                tuple(frameworks), did_you_mean(ref, frameworks)
                or "frameworks are items of a catalogue of kind 'framework' (e.g. 'kader')")
    for i, ref in enumerate(spec.sources):
        if ref not in cats.sources:
            add(("sources", i), "unknown-source", f"unknown source '{ref}'",
                suggestion=did_you_mean(ref, cats.sources))
    if len(problems) > before:
        return None
    reads = set(parser.reads)
    dated = _validity(spec.valid_from, spec.valid_to)
    if dated:
        condition = And((*(condition.items if isinstance(condition, And) else (condition,)),
                         *dated))
        reads.add((CASE, PEILDATUM))
    return CompiledRule(spec.id, index, 0, focus_entity, focus_entity, nnf(condition),
                        tuple(conclusions), spec.priority, doc.source, entry.line,
                        frozenset(reads), frozenset(writes), tuple(spec.frameworks),
                        spec.valid_from, spec.valid_to)


def _validity(valid_from: str | None, valid_to: str | None) -> list[Node]:
    """The tests on ``peildatum`` for a rule valid in ``[valid_from, valid_to)``.

    The date is a case fact, so the compiled knowledge base stays independent of it.
    """
    ref = Ref(CASE, PEILDATUM)
    out: list[Node] = []
    if valid_from is not None:
        out.append(Cmp(ref, "ge", iso_int(valid_from)))
    if valid_to is not None:
        out.append(Cmp(ref, "lt", iso_int(valid_to)))
    return out


def _conclusion(concl: ConclusionSpec, loc: tuple[str | int, ...], focus: str | None,
                knowledge: Knowledge, add: Add) -> Conclusion | None:
    """Compile one non-derive conclusion; report and return ``None`` when it is wrong."""
    vocab, cats = knowledge.vocab, knowledge.catalogues
    kind = concl.kind
    strength = 0
    if kind in ("recommend", "advise_against", "prefer"):
        name = concl.strength or vocab.default_strength
        if name is None or name not in vocab.strengths:
            add((*loc, "strength"), "unknown-strength",
                f"unknown strength '{name}'" if name else "no 'strength' given and the "
                "vocabulary declares no default strength", tuple(vocab.strengths),
                did_you_mean(name, vocab.strengths) if name else None)
            return None
        strength = vocab.strength_rank(name)
    if kind == "effect":
        corner = concl.effect or ""
        if corner not in vocab.corners:
            add((*loc, "effect"), "unknown-corner", f"unknown corner '{corner}'",
                vocab.corner_ids, did_you_mean(corner, vocab.corners))
            return None
        target = focus if concl.target in (None, focus) and focus is not None else \
            (CASE if concl.target in (None, CASE) else None)
        if target is None:
            add((*loc, "target"), "wrong-target", f"an effect applies to the rule's focus "
                f"or the case, not to '{concl.target}'",
                tuple(t for t in (focus, CASE) if t))
            return None
        return Assess("effect", corner, target, concl.sign)
    if kind == "prefer":
        if focus is None or concl.target not in (None, focus):
            add((*loc, "prefer"), "wrong-target", "'prefer' states a preference for the "
                "rule's focus: use it in a rule with 'for_each' (e.g. for_each: optie)")
            return None
        return Assess("prefer", "advised" if concl.prefer else "advised_against", focus,
                      None, strength)
    item_id = getattr(concl, kind) or ""
    role = ROLE_OF_KIND[kind]
    if item_id not in cats.items or cats.role(item_id) != role:
        allowed = tuple(cats.items_of(role))
        message = f"unknown catalogue item '{item_id}'" if role == "item" else \
            f"unknown {kind} '{item_id}': expected an item of a catalogue of kind '{role}'"
        add((*loc, kind), "unknown-item", message, allowed if len(allowed) <= 40 else (),
            did_you_mean(item_id, allowed))
        return None
    header = cats.headers[cats.item_catalogue[item_id]]
    target = _item_target(header.targets, focus, concl.target)
    if target is None:
        verb = "recommended" if role == "item" else "concluded"
        add((*loc, kind), "wrong-target",
            f"'{item_id}' can be {verb} for {', '.join(header.targets)}, "
            f"not for {concl.target or focus or 'the case'}", tuple(header.targets))
        return None
    if kind in ("recommend", "advise_against"):
        return Recommend(item_id, strength, target, against=kind == "advise_against")
    return Assess(kind, item_id, target, concl.score)


def _derive_target(entity: str, focus: str | None, asked: str | None) -> str | None:
    if asked is not None and asked != entity:
        return None
    if entity == CASE:
        return CASE
    return focus if focus == entity else None


def _item_target(targets: tuple[str, ...], focus: str | None, asked: str | None) -> str | None:
    if asked is not None:
        if asked == CASE and CASE in targets:
            return CASE
        return focus if asked == focus and focus in targets else None
    if focus is not None and focus in targets:
        return focus
    return CASE if CASE in targets else None


def _stratify(rules: Sequence[CompiledRule], entries: Sequence[RuleEntry]
              ) -> tuple[dict[str, int], list[Problem]]:
    producers: dict[str, list[CompiledRule]] = {}
    for rule in rules:
        for _entity, fact in rule.writes:
            producers.setdefault(fact, []).append(rule)
    stratum: dict[str, int] = {}
    visiting: list[str] = []
    problems: list[Problem] = []

    def visit(rule: CompiledRule) -> int:
        if rule.id in stratum:
            return stratum[rule.id]
        if rule.id in visiting:
            cycle = [*visiting[visiting.index(rule.id):], rule.id]
            problems.append(Problem("cycle", "derivations form a cycle: " + " → ".join(cycle),
                                    rule.file, rule.line, rule_id=rule.id,
                                    suggestion="a rule may not depend, directly or through "
                                    "other rules, on a fact it derives itself"))
            return 0
        visiting.append(rule.id)
        level = 0
        for _entity, fact in sorted(rule.reads):
            for producer in producers.get(fact, []):
                level = max(level, visit(producer) + 1)
        visiting.pop()
        stratum[rule.id] = level
        return level

    for rule in rules:
        visit(rule)
    del entries
    return stratum, problems
