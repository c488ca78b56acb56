"""How recommendations and advice against weigh up: the one scoring of the advice.

For an item and a target, the strongest recommendation (``pro``) is weighed
against the strongest advice against (``con``): recommended when ``pro`` is
greater, advised against otherwise. Among exclusive options recommended for the
same target (forms of collaboration), the best one (strength, then fewer
objections, more rules, higher rule priority, catalogue order) stays
recommended and the others become alternatives. The advice, what-if and the
decisions all use this module.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Protocol

from pvrules.infer.result import Applied, Result
from pvrules.kb import KnowledgeBase
from pvrules.validate.case import EntityKey

if TYPE_CHECKING:
    from dataclasses import dataclass
else:  # the same classes, cheaper to create: a cold start
    from pvrules.explain.frozen import dataclass

Pair = tuple[str, EntityKey]
STATUSES = ("recommended", "alternative", "advised_against")


@dataclass(frozen=True)
class Score:
    """The weighed outcome for one item and target."""

    status: str
    """``recommended``, ``alternative`` or ``advised_against``."""
    pro: int
    con: int
    count: int
    priority: int
    rivals: tuple[str, ...] = ()
    """Exclusive options also recommended for the same target."""

    @property
    def strength(self) -> int:
        """The strength that counts: of the recommendation, or of the advice against."""
        return self.con if self.status == "advised_against" else self.pro


class HasRecommendations(Protocol):
    """Anything that lists (rule priority, conclusion) pairs (a what-if outcome)."""

    def recommendations(self) -> Iterator[tuple[int, Applied]]:
        """(priority, conclusion) for every conclusion that applies."""


def pairs_of(kb: KnowledgeBase, result: Result | HasRecommendations
             ) -> Iterable[tuple[int, Applied]]:
    """(rule priority, conclusion) for every conclusion of ``result``."""
    if isinstance(result, Result):
        return ((kb.rule(f.rule_id).priority, c) for f in result.firings
                for c in f.conclusions)
    return result.recommendations()


class Index:
    """Catalogue order and exclusive rivals of one knowledge base."""

    def __init__(self, kb: KnowledgeBase) -> None:
        """Index ``kb``'s catalogues."""
        cats = kb.catalogues
        self.order = {name: i for i, name in enumerate(cats.items)}
        self.exclusive = {name: frozenset(cats.exclusive_with(name)) for name in cats.items}


_INDEX: dict[int, tuple[KnowledgeBase, Index]] = {}


def index(kb: KnowledgeBase) -> Index:
    """The :class:`Index` of ``kb`` (computed once per knowledge base)."""
    found = _INDEX.get(id(kb))
    if found is None or found[0] is not kb:
        found = (kb, Index(kb))
        _INDEX.clear()  # one knowledge base at a time is the normal case; keep memory flat
        _INDEX[id(kb)] = found
    return found[1]


def score(kb: KnowledgeBase, pairs: Iterable[tuple[int, Applied]],
          target: EntityKey | None = None) -> dict[Pair, Score]:
    """Weigh every (item, target) the conclusions speak about (only ``target`` if given)."""
    raw: dict[Pair, list[int]] = {}
    for prio, concl in pairs:
        if concl.kind not in ("recommend", "against"):
            continue
        if target is not None and concl.target != target:
            continue
        s = raw.setdefault((concl.name, concl.target), [0, 0, 0, -(10**9)])
        if concl.kind == "recommend":
            s[0] = max(s[0], concl.strength)
            s[2] += 1
            s[3] = max(s[3], prio)
        else:
            s[1] = max(s[1], concl.strength)
    idx = index(kb)

    def rank(pair: Pair) -> tuple[int, int, int, int, int]:
        p, c, n, pr = raw[pair]
        return (-p, c, -n, -(pr if n else 0), idx.order.get(pair[0], 10**6))

    out: dict[Pair, Score] = {}
    for pair, (pro, con, n, prio) in raw.items():
        status = "recommended" if pro > con else "advised_against"
        rivals: tuple[str, ...] = ()
        if status == "recommended":
            others = [(o, pair[1]) for o in idx.exclusive.get(pair[0], ())
                      if (o, pair[1]) in raw and raw[(o, pair[1])][0] > raw[(o, pair[1])][1]]
            if others:
                rivals = tuple(sorted(o[0] for o in others))
                if min([pair, *others], key=rank) != pair:
                    status = "alternative"
        out[pair] = Score(status, pro, con, n, prio if n else 0, rivals)
    return out


def item_status(kb: KnowledgeBase, result: Result | HasRecommendations, item: str,
                target: EntityKey) -> str:
    """``recommended``, ``alternative``, ``advised_against`` or ``not_recommended``.

    Fast enough to run thousands of times (what-if): only ``target`` is weighed.
    """
    found = score(kb, pairs_of(kb, result), target).get((item, target))
    return found.status if found is not None else "not_recommended"
