"""Lint: rules that can never fire, derived facts nobody makes or uses, unreachable items."""

from __future__ import annotations

import re

from pvrules.authoring.findings import Finding, info, warning
from pvrules.authoring.loading import LintBase, knowledge_line
from pvrules.authoring.solver import Domains, contradiction, satisfiable
from pvrules.compile.dnf import Conjunct, dnf
from pvrules.compile.ir import Assess, Recommend
from pvrules.errors import Problem
from pvrules.testing.describe import describe, show_value


def never_fires(base: LintBase, domains: Domains) -> list[Finding]:
    """Rules whose condition is false for every case (each disjunct is contradictory)."""
    out = []
    for rule in base.rules:
        conjuncts = dnf(rule.condition)
        if conjuncts and any(satisfiable(c, domains) for c in conjuncts):
            continue
        hint = _reason(conjuncts, domains)
        out.append(warning(Problem(
            "never-fires", f"this rule can never fire: {hint}", rule.file, rule.line,
            rule_id=rule.id, suggestion="check the conditions under 'all:' (and each branch "
            "of 'any:') for tests on one fact that cannot hold together")))
    return out


def _reason(conjuncts: list[Conjunct], domains: Domains) -> str:
    """Why the first branch is impossible, in plain words."""
    if not conjuncts:
        return "its condition is always false"
    group = contradiction(conjuncts[0], domains) or []
    if not group:
        return "its condition is always false"
    fact_id = group[0].ref.fact
    tests = " and ".join(f"'{describe(leaf, domains.vocab)}'" for leaf in group)
    dom = domains.of(fact_id)
    if domains.vocab.facts[fact_id].origin == "derived" and dom.values is not None:
        made = ", ".join(sorted(show_value(domains.vocab, fact_id, v) for v in dom.values))
        why = (f"{tests} cannot hold: '{fact_id}' can only be {made} (what the rules derive, "
               "or its default)" if made else f"{tests} cannot hold: no rule derives '{fact_id}'")
    else:
        why = f"{tests} cannot all hold at once"
    more = " (and every other branch of its 'any' is impossible too)" \
        if len(conjuncts) > 1 else ""
    return why + more


def derived_facts(base: LintBase, domains: Domains) -> list[Finding]:
    """Derived facts no rule produces (and with no default), and derived facts nobody reads."""
    assert base.knowledge is not None
    vocab = base.knowledge.vocab
    produced = set(domains.derived)
    read: dict[str, list[str]] = {}
    for rule in base.rules:
        for _e, name in rule.reads:
            read.setdefault(name, []).append(rule.id)
    out = []
    for fact in vocab.facts.values():
        if fact.origin != "derived":
            continue
        file, line = knowledge_line(base.knowledge, "facts", fact.id)
        if fact.id not in produced and fact.default is None:
            readers = [r for r in base.rules if any(n == fact.id for _e, n in r.reads)]
            for rule in readers:
                out.append(warning(Problem(
                    "derived-never-made", f"this rule reads derived fact '{fact.id}', which "
                    "no rule derives and which has no default, so it is always unknown",
                    rule.file, rule.line, rule_id=rule.id,
                    suggestion=f"add a rule that derives '{fact.id}', or give it a "
                    "'default:' in the vocabulary")))
            if not readers:
                out.append(warning(Problem(
                    "derived-never-made", f"derived fact '{fact.id}' is derived by no rule and "
                    "has no default, so it is always unknown", file, line,
                    suggestion="add a rule that derives it, or give it a 'default:'")))
        corner_facts = {c.level_fact for c in vocab.corners.values()}
        if fact.id not in read and fact.id not in corner_facts and fact.corner is None:
            out.append(warning(Problem(
                "derived-unused", f"derived fact '{fact.id}' is used by no rule", file, line,
                suggestion="use it in a rule's condition, or remove it")))
    return out


def unreachable_items(base: LintBase, never: set[str]) -> list[Finding]:
    """Catalogue items no (possibly firing) rule recommends, concludes or applies.

    Items of a catalogue of kind ``item`` must be recommended; criteria, risks and route
    steps must be concluded; frameworks must be named under a rule's ``frameworks:``.
    """
    assert base.knowledge is not None
    cats = base.knowledge.catalogues
    live = [r for r in base.rules if r.id not in never]
    recommended = {c.item for r in live for c in r.conclusions
                   if isinstance(c, Recommend) and not c.against}
    concluded = {c.name for r in live for c in r.conclusions if isinstance(c, Assess)}
    applied = {f for r in live for f in r.frameworks}
    out = []
    for item in cats.items:
        role = cats.role(item)
        file, line = knowledge_line(base.knowledge, "items", item)
        if role == "item" and item not in recommended:
            out.append(warning(Problem(
                "item-never-recommended", f"catalogue item '{item}' is recommended by no rule "
                "that can fire", file, line,
                suggestion="add a rule that recommends it, or remove it from the catalogue")))
        elif role == "framework" and item not in applied:
            out.append(warning(Problem(
                "item-never-recommended", f"framework '{item}' is applied by no rule that can "
                "fire", file, line,
                suggestion="name it under 'frameworks:' of the rules that apply it")))
        elif role not in ("item", "framework", "term") and item not in concluded:
            out.append(warning(Problem(
                "item-never-recommended", f"{role} '{item}' is concluded by no rule that can "
                "fire", file, line,
                suggestion=f"add a rule with '{{{role}: {item}}}' under 'then:', or remove it")))
    return out


_ROUTE_FACT = re.compile(r"\{([a-z_]\w*)\}")


def _read_by_route(base: LintBase) -> set[str]:
    """Case facts a route step reads (pvrules/explain/route.py and route_dates.py).

    ``target_fact``, ``{fact}`` in ``when_known``, and the fact of ``done_when``.
    """
    assert base.knowledge is not None
    out: set[str] = set()
    for item in base.knowledge.catalogues.items.values():
        props = getattr(item, "properties", {})
        texts = {k: str(v.get("nl")) for k, v in props.items() if hasattr(v, "get")}
        out.add(texts.get("target_fact", "").strip())
        out |= set(_ROUTE_FACT.findall(texts.get("when_known", "")))
        out.add(texts.get("done_when", "").split(":", 1)[0].strip())
    return out - {""}


def unread_facts(base: LintBase) -> list[Finding]:
    """Input and computed facts that no rule reads (issue 9: every fact is read by a rule).

    A fact counts as read when a rule tests it, when an aggregate that a rule tests is
    computed from it (``over`` or ``of``), or when another fact's ``ask:`` condition names
    it (it decides what "Eerst uitzoeken" asks: never the client organ about its own view).
    """
    assert base.knowledge is not None
    vocab = base.knowledge.vocab
    read = {name for rule in base.rules for _e, name in rule.reads}
    read |= _read_by_route(base)
    read |= {name for fact in vocab.facts.values() if not isinstance(fact.ask, bool)
             for cond in fact.ask.conditions() for name in cond}
    for fact in vocab.facts.values():
        if fact.aggregate is not None and fact.id in read:
            read |= {fact.aggregate.over, *([fact.aggregate.of] if fact.aggregate.of else [])}
    out = []
    for fact in vocab.facts.values():
        if fact.origin == "derived" or fact.id in read:
            continue
        file, line = knowledge_line(base.knowledge, "facts", fact.id)
        if file is None:
            continue  # built in (peildatum)
        out.append(warning(Problem(
            "fact-unread", f"{fact.origin} fact '{fact.id}' is read by no rule", file, line,
            suggestion="every fact must be read by a rule: add a rule that uses it, or "
            "remove it from the vocabulary")))
    return out


def disabled_rules(base: LintBase) -> list[Finding]:
    """Rules switched off with ``disable:`` (for information)."""
    return [info(Problem("disabled", f"rule '{d.rule_id}' is switched off by this file",
                         d.file, d.line, rule_id=d.rule_id)) for d in base.disabled]
