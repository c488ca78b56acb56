"""Lint: rules that conflict on one case, and rules another rule makes redundant.

Two rules *conflict* when their conditions can be true on the same case (for
the same focus entity) and they recommend items the knowledge base marks as
mutually exclusive for one target, or derive different values for one fact,
while no ``priority`` settles which one wins. A rule is *subsumed* by another
with the same conclusions whose condition holds whenever its own does.
"""

from __future__ import annotations

from dataclasses import replace

from pvrules.authoring.findings import Finding, warning
from pvrules.authoring.loading import LintBase
from pvrules.authoring.solver import Domains, satisfiable
from pvrules.compile.dnf import Conjunct, dnf
from pvrules.compile.ir import CASE, Cmp, CompiledRule, Derive, Has, In, Known, Leaf, Recommend, nnf
from pvrules.errors import Problem
from pvrules.validate.knowledge import Catalogues


def _target(rule: CompiledRule, target: str) -> str:
    """``case`` or the entity type of the focus."""
    return CASE if target == CASE else (rule.focus_entity or CASE)


def _renamed(conjunct: Conjunct, rule: CompiledRule, prefix: str) -> list[Leaf]:
    """Leaves with quantifier variables renamed apart (case and focus stay shared)."""
    keep = {CASE, rule.focus}
    out: list[Leaf] = []
    for leaf in conjunct.leaves:
        if leaf.ref.var in keep:
            out.append(leaf)
        else:
            out.append(replace(leaf, ref=replace(leaf.ref, var=prefix + leaf.ref.var)))
    return out


def jointly_satisfiable(a: CompiledRule, b: CompiledRule, domains: Domains) -> bool:
    """Whether some case makes both conditions true (for one shared focus entity)."""
    if a.focus_entity and b.focus_entity and a.focus_entity == b.focus_entity \
            and a.focus != b.focus:
        return True  # pragma: no cover - focus variables are named after the entity
    left = dnf(a.condition)
    right = dnf(b.condition)
    return any(satisfiable([*_renamed(ca, a, "a:"), *_renamed(cb, b, "b:")], domains)
               for ca in left for cb in right)


def _clashes(a: CompiledRule, b: CompiledRule, cats: Catalogues) -> list[str]:
    found = []
    for ca in a.conclusions:
        for cb in b.conclusions:
            if isinstance(ca, Derive) and isinstance(cb, Derive):
                if ca.fact == cb.fact and ca.value != cb.value \
                        and _target(a, ca.target) == _target(b, cb.target):
                    found.append(f"derive different values for '{ca.fact}'")
            elif isinstance(ca, Recommend) and isinstance(cb, Recommend):
                if ca.against or cb.against or _target(a, ca.target) != _target(b, cb.target):
                    continue
                if cb.item in cats.exclusive_with(ca.item):
                    found.append(f"recommend '{ca.item}' and '{cb.item}', which exclude each "
                                 f"other")
    return found


def conflicts(base: LintBase, domains: Domains) -> list[Finding]:
    """Pairs of rules that can fire together with clashing conclusions and equal priority."""
    assert base.knowledge is not None
    cats = base.knowledge.catalogues
    out = []
    rules = sorted(base.rules, key=lambda r: r.index)
    for i, a in enumerate(rules):
        for b in rules[i + 1:]:
            if a.priority != b.priority:
                continue
            clashes = _clashes(a, b, cats)
            if not clashes:
                continue
            if not jointly_satisfiable(a, b, domains):
                continue
            out.append(warning(Problem(
                "conflict", f"rules '{a.id}' ({a.file}:{a.line}) and '{b.id}' can fire on the "
                f"same case and {'; '.join(sorted(set(clashes)))}", b.file, b.line,
                rule_id=b.id, suggestion="make their conditions exclude each other, or give "
                "the one that should win a higher 'priority'")))
    return out


def _negations(leaf: Leaf) -> list[Leaf]:
    """Ways ``leaf`` can fail to be true: its negation, or (for a value test) unknown."""
    neg = nnf(leaf, negate=True)
    out: list[Leaf] = [neg] if isinstance(neg, Cmp | In | Has | Known) else []
    if not isinstance(leaf, Known):
        out.append(Known(leaf.ref, known=False))
    return out


def _implies(strong: Conjunct, weak: Conjunct, domains: Domains) -> bool:
    """Whether ``strong`` being true makes ``weak`` true (weak has no quantifiers)."""
    if weak.exist_vars or weak.residual:
        return False
    return all(not satisfiable([*strong.leaves, neg], domains)
               for leaf in weak.leaves for neg in _negations(leaf))


def subsumed(base: LintBase, domains: Domains) -> list[Finding]:
    """Rules with the same conclusions as another rule whose condition is weaker."""
    out = []
    rules = sorted(base.rules, key=lambda r: r.index)
    forms = {r.id: dnf(r.condition) for r in rules}
    for narrow in rules:
        for wide in rules:
            if wide.id == narrow.id or wide.focus_entity != narrow.focus_entity \
                    or set(wide.conclusions) != set(narrow.conclusions):
                continue
            n_forms, w_forms = forms[narrow.id], forms[wide.id]
            if not n_forms or not w_forms:
                continue
            if not all(any(_implies(cn, cw, domains) for cw in w_forms) for cn in n_forms):
                continue
            mutual = all(any(_implies(cw, cn, domains) for cn in n_forms) for cw in w_forms)
            if mutual and narrow.index < wide.index:
                continue  # report an equivalent pair once, on the later rule
            what = "does the same as" if mutual else "is subsumed by"
            out.append(warning(Problem(
                "subsumed", f"this rule {what} rule '{wide.id}' ({wide.file}:{wide.line}): same "
                "conclusions, and that rule fires whenever this one does", narrow.file,
                narrow.line, rule_id=narrow.id,
                suggestion="remove this rule, or give it a different conclusion or strength")))
            break
    return out
