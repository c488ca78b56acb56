"""The conditions that block: why a rule's condition is not true, and the smallest repair.

* :func:`blame` walks a condition that is not true and returns exactly the
  leaf tests that keep it from being true, grouped as "all of these" and
  "one of these would do", each with the actual value (Kleene semantics, as
  :mod:`pvrules.infer.kleene` evaluates them).
* :func:`repair` finds a smallest set of fact values that makes a condition
  true, verified by evaluating the condition again; the values come from the
  value-domain model (:mod:`pvrules.explain.domains`).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from pvrules.compile.ir import And, Const, Exists, ForAll, Known, Leaf, Node, Not, Or
from pvrules.explain.domains import Domains, FactValue, Slot, leaf_holds, with_changes
from pvrules.infer.kleene import Entities, Env, Values, evaluate
from pvrules.validate.case import EntityKey

if TYPE_CHECKING:
    from dataclasses import dataclass
else:  # the same classes, cheaper to create: a cold start
    from pvrules.explain.frozen import dataclass


@dataclass(frozen=True)
class LeafFailure:
    """A leaf test that is not true under ``env``: false, or unknown (``truth`` None)."""

    leaf: Leaf
    env: tuple[tuple[str, EntityKey], ...]
    slot: Slot
    actual: FactValue | None
    truth: bool | None


@dataclass(frozen=True)
class BlameNode:
    """Why a condition is not true.

    ``kind`` is ``leaf`` (one failing test), ``all`` (every part must become
    true), ``any`` (one part becoming true would do), ``empty`` (no entity of
    ``entity`` exists to satisfy "some ...") or ``never`` (a constant false).
    """

    kind: str
    children: tuple[BlameNode, ...] = ()
    failure: LeafFailure | None = None
    entity: str | None = None

    def failures(self) -> list[LeafFailure]:
        """Every failing leaf below this node, in order."""
        if self.failure is not None:
            return [self.failure]
        return [f for c in self.children for f in c.failures()]


def blame(node: Node, env: Env, values: Values, entities: Entities) -> BlameNode | None:
    """The failing parts of ``node`` under ``env``; ``None`` when it is true."""
    if evaluate(node, env, values, entities) is True:
        return None
    return _simplify(_blame(node, env, values, entities))


def _blame(node: Node, env: Env, values: Values, entities: Entities) -> BlameNode:
    if isinstance(node, And | Or):
        parts = [b for item in node.items
                 if (b := blame(item, env, values, entities)) is not None]
        return BlameNode("all" if isinstance(node, And) else "any", tuple(parts))
    if isinstance(node, Exists):
        keys = list(entities.get(node.entity, ()))
        if not keys:
            return BlameNode("empty", entity=node.entity)
        parts = [b for key in keys
                 if (b := blame(node.cond, {**env, node.var: key}, values, entities))
                 is not None]
        return BlameNode("any", tuple(parts))
    if isinstance(node, ForAll):
        parts = [b for key in entities.get(node.entity, ())
                 if (b := blame(node.cond, {**env, node.var: key}, values, entities))
                 is not None]
        return BlameNode("all", tuple(parts))
    if isinstance(node, Const):
        return BlameNode("never")
    if isinstance(node, Not):  # pragma: no cover - conditions are in negation normal form
        return BlameNode("never")
    slot = (env[node.ref.var], node.ref.fact)
    actual = values.get(slot[0], {}).get(slot[1])
    truth = evaluate(node, env, values, entities)
    return BlameNode("leaf", failure=LeafFailure(node, tuple(sorted(env.items())), slot,
                                                 actual, truth))


def _simplify(node: BlameNode) -> BlameNode:
    if node.kind not in ("all", "any"):
        return node
    flat: list[BlameNode] = []
    for child in (_simplify(c) for c in node.children):
        if child.kind == node.kind:
            flat.extend(child.children)
        else:
            flat.append(child)
    if len(flat) == 1:
        return flat[0]
    return BlameNode(node.kind, tuple(flat))


def repair(node: Node, env: Env, values: Values, entities: Entities, domains: Domains,
           *, max_tries: int = 2000, keep: int = 8) -> dict[Slot, FactValue | None] | None:
    """A smallest, most plausible set of fact values that makes ``node`` true.

    Only the facts of the failing tests are changed, to values that satisfy
    them. Two searches are combined and the best answer by (number of changes,
    plausibility) is returned: every set of one or two changes (at most
    ``max_tries`` of them, so that conditions over many entities stay fast), and
    a part-by-part construction from the failing parts (the cheapest ways to
    satisfy each part, combined without contradictions). Every answer is checked
    by evaluating ``node`` again; ``None`` when nothing was found (for example
    when "some partner ..." is asked and the case has no partners).
    """
    found = blame(node, env, values, entities)
    if found is None:
        return {}

    def cost(changes: Mapping[Slot, FactValue | None]) -> float:
        return sum(domains.cost(s[1], values.get(s[0], {}).get(s[1]), v)
                   for s, v in changes.items())

    def holds(changes: Mapping[Slot, FactValue | None]) -> bool:
        return evaluate(node, env, with_changes(values, changes), entities) is True

    answers: list[dict[Slot, FactValue | None]] = []
    options: dict[Slot, list[FactValue | None]] = {}
    for fail in found.failures():
        for v in _satisfying(fail, values, domains):
            if v not in options.setdefault(fail.slot, []):
                options[fail.slot].append(v)
    slots = [s for s in options if options[s]]
    tries = 0
    for size in (1, 2):
        for combo in itertools.combinations(slots, size):
            for choice in itertools.product(*(options[s] for s in combo)):
                tries += 1
                if tries > max_tries:
                    break
                changes = dict(zip(combo, choice, strict=True))
                if holds(changes):
                    answers.append(changes)
            if tries > max_tries:
                break
        if answers or tries > max_tries:
            break
    for _c, changes in _options(found, values, domains, cost, keep):
        if holds(changes):
            answers.append(changes)
            break
    if not answers:
        return None
    # ties keep the order of discovery: entities in case order, values in vocabulary order
    return min(answers, key=lambda a: (len(a), cost(a)))


Option = tuple[float, dict[Slot, FactValue | None]]


def _satisfying(fail: LeafFailure, values: Values, domains: Domains) -> list[FactValue | None]:
    """Values of the failing test's fact that pass it, most plausible first.

    A test that asks for an unknown fact ("known: false") passes only by leaving
    the fact out, which is offered as the value ``None``.
    """
    if domains.vocab.facts[fail.slot[1]].origin == "computed":
        return []  # the date and aggregates follow from the case; they are not changed
    if isinstance(fail.leaf, Known) and not fail.leaf.known:
        return [None]
    current = values.get(fail.slot[0], {}).get(fail.slot[1])
    return [v for v in domains.values(fail.slot[1], current) if leaf_holds(fail.leaf, v) is True]


def _options(node: BlameNode, values: Values, domains: Domains,
             cost: Callable[[Mapping[Slot, FactValue | None]], float], keep: int
             ) -> list[Option]:
    """The cheapest ways (at most ``keep``) to make the failing part ``node`` true."""
    if node.failure is not None:
        slot = node.failure.slot
        found = [{slot: v} for v in _satisfying(node.failure, values, domains)]
        return [(cost(f), f) for f in found][:keep]
    if node.kind == "any":
        merged = sorted((o for c in node.children
                         for o in _options(c, values, domains, cost, keep)),
                        key=lambda o: (o[0], len(o[1])))
        out: list[Option] = []
        per_slots: dict[frozenset[Slot], int] = {}
        for option in merged:
            slots = frozenset(option[1])
            if per_slots.get(slots, 0) < 2 and option not in out:
                per_slots[slots] = per_slots.get(slots, 0) + 1
                out.append(option)
        return out[:keep]
    if node.kind == "all":
        acc: list[Option] = [(0.0, {})]
        for child in node.children:
            opts = _options(child, values, domains, cost, keep)
            combined: list[Option] = []
            for _c1, a in acc:
                for _c2, b in opts:
                    if any(a[s] != v for s, v in b.items() if s in a):
                        continue
                    both = {**a, **b}
                    combined.append((cost(both), both))
            combined.sort(key=lambda o: (o[0], len(o[1])))
            acc = []
            for option in combined:
                if option not in acc:
                    acc.append(option)
                if len(acc) == keep:
                    break
            if not acc:
                return []
        return acc
    return []
