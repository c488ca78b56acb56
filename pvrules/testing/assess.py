"""Expert-test checks on options: effects, criteria, risks, route, preference, frameworks.

An option's effect on a corner (or its score on a criterion) is what the rules that
fired concluded for it. Two rules that conclude different signs for the same option
and corner make the expectation fail, with both named: the knowledge base must be
unambiguous where a test pins a value. ``none`` means no rule concluded anything.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pvrules.infer.result import Result
from pvrules.kb import KnowledgeBase
from pvrules.testing.model import Expect, ItemExpect
from pvrules.validate.case import CASE_KEY, EntityKey

NONE = "none"


@dataclass(frozen=True)
class Miss:
    """One expectation that did not hold (the runner turns it into a failure)."""

    expected: str
    actual: str
    reasons: tuple[str, ...] = ()


def option_key(name: str) -> EntityKey:
    """``herindeling_a2`` or ``optie:herindeling_a2`` → the entity key of the option."""
    typ, colon, ident = name.partition(":")
    return (typ, ident) if colon else ("optie", name)


def _concluded(result: Result, kind: str) -> dict[tuple[EntityKey, str], dict[object, list[str]]]:
    """(target, name) → value → rule ids that concluded it."""
    out: dict[tuple[EntityKey, str], dict[object, list[str]]] = {}
    for firing in result.firings:
        for concl in firing.conclusions:
            if concl.kind == kind:
                slot = out.setdefault((concl.target, concl.name), {})
                slot.setdefault(concl.value, []).append(firing.rule_id)
    return out


def _values(found: dict[object, list[str]] | None) -> str:
    if not found:
        return NONE
    return ", ".join(f"{value} (by {', '.join(sorted(set(rules)))})"
                     for value, rules in sorted(found.items(), key=lambda kv: str(kv[0])))


def check_options(exp: Expect, result: Result, kb: KnowledgeBase,
                  matches: Callable[[str | None, EntityKey], bool]) -> list[Miss]:
    """Every v2 expectation of ``exp`` that ``result`` does not meet."""
    out: list[Miss] = []
    tables: tuple[tuple[str, dict[str, dict[str, str]]], ...] = (
        ("effect", {o: dict(v) for o, v in exp.effects.items()}),
        ("criterion", {o: dict(v) for o, v in exp.criteria.items()}))
    for kind, table in tables:
        concluded = _concluded(result, kind)
        for option, wanted in sorted(table.items()):
            key = option_key(option)
            for name, want in sorted(wanted.items()):
                found = concluded.get((key, name))
                got = set(found or ())
                ok = not got if want == NONE else got == {want}
                if not ok:
                    out.append(Miss(f"{kind} of '{option}' on '{name}' is {want}",
                                    f"{kind} of '{option}' on '{name}' is {_values(found)}"))
    lists: tuple[tuple[tuple[ItemExpect, ...], str, bool], ...] = (
        (exp.risks, "risk", True), (exp.not_risks, "risk", False),
        (exp.route, "route", True), (exp.not_route, "route", False))
    for refs, role, present in lists:
        concluded = _concluded(result, role)
        for ref in refs:
            hits = [target for (target, name) in concluded if name == ref.item
                    and matches(ref.for_, target)]
            if bool(hits) != present:
                out.append(_item_miss(role, ref, present, concluded))
    out.extend(_preferences(exp, result))
    applied = {fw for f in result.firings for fw in kb.rule(f.rule_id).frameworks}
    for ident in exp.frameworks:
        if ident not in applied:
            out.append(Miss(f"framework '{ident}' is applied",
                            "applied: " + (", ".join(sorted(applied)) or NONE),
                            _framework_reasons(ident, kb, result)))
    for ident in exp.not_frameworks:
        if ident in applied:
            rules = sorted({f.rule_id for f in result.firings
                            if ident in kb.rule(f.rule_id).frameworks})
            out.append(Miss(f"framework '{ident}' is not applied",
                            f"it is applied by {', '.join(rules)}"))
    if exp.cites or exp.not_cites:
        cited = cited_sources(result, kb)
        for ident in exp.cites:
            if ident not in cited:
                out.append(Miss(f"source '{ident}' is cited",
                                "cited: " + (", ".join(sorted(cited)) or NONE)))
        for ident in exp.not_cites:
            if ident in cited:
                out.append(Miss(f"source '{ident}' is not cited",
                                f"it is cited by {', '.join(cited[ident])}"))
    if exp.no_later_sources:
        later = later_sources(result, kb)
        if later:
            out.append(Miss(f"no source published after {result.case.peildatum.isoformat()} "
                            "is cited", f"{len(later)} are", tuple(later)))
    return out


def _item_miss(role: str, ref: ItemExpect, present: bool,
               concluded: dict[tuple[EntityKey, str], dict[object, list[str]]]) -> Miss:
    where = f" for {ref.for_}" if ref.for_ else ""
    targets = sorted(f"{t[0]}:{t[1]}" if t != CASE_KEY else "the case"
                     for (t, name) in concluded if name == ref.item)
    actual = (f"'{ref.item}' is concluded for {', '.join(targets)}" if targets
              else f"no rule that fired concludes '{ref.item}'")
    verb = "is" if present else "is not"
    return Miss(f"{role} '{ref.item}' {verb} concluded{where}", actual)


def _preferences(exp: Expect, result: Result) -> list[Miss]:
    strongest: dict[tuple[EntityKey, str], int] = {}
    for firing in result.firings:
        for concl in firing.conclusions:
            if concl.kind == "prefer":
                slot = (concl.target, concl.name)
                strongest[slot] = max(strongest.get(slot, 0), concl.strength)
    out = []
    for option, want in sorted(exp.preference.items()):
        key = option_key(option)
        pro = strongest.get((key, "advised"), 0)
        con = strongest.get((key, "advised_against"), 0)
        got = NONE if not (pro or con) else "advised" if pro > con else "advised_against"
        if got != want:
            out.append(Miss(f"preference for '{option}' is {want}",
                            f"preference for '{option}' is {got}"
                            + (f" (advised: strength {pro}, against: {con})" if pro or con
                               else "")))
    return out


def _framework_reasons(ident: str, kb: KnowledgeBase, result: Result) -> tuple[str, ...]:
    from pvrules.testing.describe import why_not

    fired = {f.rule_id for f in result.firings}
    rules = [r for r in kb.rules if ident in r.frameworks]
    if not rules:
        return (f"no rule names '{ident}' under 'frameworks:'",)
    return tuple(f"rule '{r.id}' applies it but did not fire: {line}" for r in rules
                 if r.id not in fired for line in why_not(r, result, kb.vocab)[:3])


def later_sources(result: Result, kb: KnowledgeBase) -> list[str]:
    """Sources cited by a fired rule (or the items it concludes) published after the case date."""
    day = result.case.peildatum
    cats = kb.catalogues
    found: list[str] = []
    for rule_id in dict.fromkeys(f.rule_id for f in result.firings):
        rule = kb.rule(rule_id)
        cited: list[tuple[str, str | None]] = [(s, None)
                                               for s in kb.entries[rule_id].spec.sources]
        items = [c.name for f in result.fired(rule_id) for c in f.conclusions
                 if c.name in cats.items] + list(rule.frameworks)
        cited += [(s, item) for item in dict.fromkeys(items) for s in cats.items[item].sources]
        for ref, via in cited:
            if ref in cats.sources and kb.source_after(ref, day):
                src = cats.sources[ref]
                through = f" through '{via}'" if via else ""
                line = (f"rule '{rule_id}' cites{through} '{ref}' "
                        f"({src.date or src.year})")
                if line not in found:
                    found.append(line)
    return found


def cited_sources(result: Result, kb: KnowledgeBase) -> dict[str, list[str]]:
    """Source id → the fired rules that cite it, as the advice cites it.

    A source counts when it may be cited on the case's date (a replaced framework counts as
    its successor) and its scope (``applies_when``) holds for the case.
    """
    day = result.case.peildatum
    out: dict[str, list[str]] = {}
    for rule_id in dict.fromkeys(f.rule_id for f in result.firings):
        for sid in kb.citable_sources(kb.entries[rule_id].spec.sources, day):
            if kb.catalogues.sources[sid].applies(result.values):
                out.setdefault(sid, []).append(rule_id)
    return out
