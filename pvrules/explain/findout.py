"""What to find out first: the unknown facts the advice a reader sees depends on most.

Every input fact some rule reads (or that an aggregate a rule reads is computed
of) and that the case leaves unknown is filled in, in turn, with each of its
values (one value per class that the rules treat alike,
:meth:`~pvrules.explain.domains.Domains.representatives`), and the knowledge
base is re-evaluated incrementally (:class:`~pvrules.explain.incremental.Incremental`;
aggregates through :class:`~pvrules.explain.domains.Aggregates`).

The weight is what those values change in the ADVICE, each changed part
counted once over all values of the fact (:class:`Face`):

* **10** for each part of the advice itself: a corner's verdict (becoming weak, ceasing
  to be weak, or given at all: a corner that only moves between reasonable and strong is
  a ``level`` part, weighed as a measure), the balance of
  the triangle, an option's effect on a corner, an option's score on a
  (herindeling) criterion, an option's preference, and a key recommendation
  (one of the five the advice leads with: rule priority, then strength) that
  appears, goes or changes in strength or status (one that only moves out of
  the five because another moved in is not counted again);
* **1** for each other part: a recommendation or advice against outside the
  key five (the measures), an option's risk, a route step;
* **1** in all when the fact changes only the reasoning (rule firings whose
  conclusions the reader does not see change).

Only facts the vocabulary makes a question here are weighed (``ask:``), and facts
that change no firing are left out (:func:`weighed_slots`). Which of them become
which items — the gate, groups, a study's findings, one fact of several entities —
is :mod:`pvrules.explain.findout_items`. Facts the vocabulary marks ``lookup``
(public record: preventive supervision, a partner's province, the number of
collaborations) are not ranked: :func:`find_out` returns them apart, in case order,
for one line "fill in from public data".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

from pvrules.compile.ir import CASE, Assess, Recommend
from pvrules.explain.ctxtypes import Ctx
from pvrules.explain.decisions_model import FindOut
from pvrules.explain.domains import Aggregates, FactValue, Slot
from pvrules.explain.findout_items import (
    Found,
    Weighed,
    asked,
    items,
    single,
)
from pvrules.explain.incremental import Incremental, Outcome
from pvrules.explain.scoring import Pair, Score, index, score
from pvrules.infer.result import Applied
from pvrules.kb import KnowledgeBase
from pvrules.validate.ask import AskDef
from pvrules.validate.case import CASE_KEY, EntityKey

if TYPE_CHECKING:
    from dataclasses import dataclass
else:  # the same classes, cheaper to create: a cold start
    from pvrules.explain.frozen import dataclass

MAX_FIND_OUT = 8
MAX_KEY = 5
"""Key recommendations the advice leads with (as :mod:`pvrules.explain.decisions`)."""
BALANCE_FACT = "triangle_balans"

Fires = Mapping[str, frozenset[EntityKey | None]]
Values = Mapping[EntityKey, Mapping[str, FactValue]]
Part = tuple[object, ...]
"""One part of the advice a reader sees: (kind, ...) with kind one of ``corner``,
``balance``, ``effect``, ``criterion``, ``prefer``, ``key``, ``rec``, ``risk``, ``route``."""


class Face:
    """The advice a reader sees, as parts, from which rules fire and the final values.

    Works on any (fires, values): an incremental outcome or a full evaluation.
    """

    def __init__(self, kb: KnowledgeBase, order: Mapping[EntityKey, int]) -> None:
        """Index the corners and the assessing rules of ``kb``; ``order``: entity order."""
        self.kb = kb
        self.order = order
        vocab = kb.vocab
        self.corners = tuple((c, vocab.corners[c].level_fact) for c in vocab.corner_ids
                             if c in vocab.corners)
        self.floor: dict[str, frozenset[object]] = {}
        """Per corner, the lowest level of its scale ("zwak", or its rank 0): the verdict the
        advice acts on."""
        for c, f in self.corners:
            fact = vocab.facts.get(f)
            scale = vocab.scales.get(fact.scale) if fact is not None and fact.scale else None
            if scale is not None and scale.values:
                self.floor[c] = frozenset((scale.values[0].id, 0))
        self.assessing = tuple(
            (r.id, tuple(c for c in r.conclusions if isinstance(c, Assess)))
            for r in kb.rules if any(isinstance(c, Assess) for c in r.conclusions))
        self._kins: dict[frozenset[str], tuple[tuple[str, tuple[Assess, ...]], ...]] = {}
        self._by_kind: dict[tuple[str, str | None], set[int]] = {}
        self.items = index(kb).order
        self.exclusive = index(kb).exclusive
        self.recommending: dict[str, list[str]] = {}
        """Per item, the rules that recommend it or advise against it."""
        for rule in kb.rules:
            for item in dict.fromkeys(c.item for c in rule.conclusions
                                      if isinstance(c, Recommend)):
                self.recommending.setdefault(item, []).append(rule.id)

    def triangle(self, values: Values) -> dict[Part, object]:
        """Corner levels and the balance."""
        case = values.get(CASE_KEY, {})
        out: dict[Part, object] = {("corner", c): case.get(f) for c, f in self.corners}
        out[("balance",)] = case.get(BALANCE_FACT)
        return out

    def verdicts(self, before: Mapping[Part, object], after: Mapping[Part, object]
                 ) -> set[Part]:
        """The changed parts of the triangle, a corner that only moves above its floor apart.

        A corner that becomes weak, stops being weak or gets a verdict at all is a part the
        answer rests on (``corner``); one that moves between reasonable and strong changes no
        course the advice takes (``level``: it weighs as a measure, and asks nothing).
        """
        out: set[Part] = set()
        for part in changed_parts(before, after):
            old, new = before.get(part), after.get(part)
            floor = self.floor.get(str(part[1]), frozenset()) if part[0] == "corner" else None
            if floor is not None and old is not None and new is not None and \
                    old not in floor and new not in floor:
                out.add(("level", part[1]))
            else:
                out.add(part)
        return out

    def options(self, fires: Fires, rules: frozenset[str] | None = None
                ) -> dict[Part, object]:
        """Effects, criterion scores, preferences, risks and route steps.

        ``rules``: only the parts these assessing rules could give (:meth:`kin`), each
        complete; ``None``: every part.
        """
        found: dict[Part, set[object]] = {}
        for rule_id, concls in self.assessing if rules is None else self._kin(rules):
            for focus in fires.get(rule_id, ()):
                for c in concls:
                    target = CASE_KEY if c.target == CASE or focus is None else focus
                    part: Part
                    if c.kind == "route":
                        part = ("route", c.name)
                    elif c.kind == "prefer":
                        part = ("prefer", target)
                    else:
                        part = (c.kind, target, c.name)
                    found.setdefault(part, set()).add((c.name, c.value, c.strength))
        return {p: frozenset(v) for p, v in found.items()}

    def _kin(self, rules: frozenset[str]) -> tuple[tuple[str, tuple[Assess, ...]], ...]:
        """The assessing rules that can give a part any of ``rules`` can give (kept).

        A part is (kind, target, name), ("prefer", target) or ("route", name): rules with
        a conclusion of the same kind and name are every contributor to it.
        """
        found = self._kins.get(rules)
        if found is None:
            if not self._by_kind:
                for at, (_r, concls) in enumerate(self.assessing):
                    for c in concls:
                        self._by_kind.setdefault(_kind(c), set()).add(at)
            kinds = {_kind(c) for r, concls in self.assessing if r in rules for c in concls}
            found = self._kins[rules] = tuple(
                self.assessing[at] for at in sorted(set().union(
                    *(self._by_kind[k] for k in kinds))))
        return found

    def scores(self, pairs: Iterable[tuple[int, Applied]]) -> dict[Pair, Score]:
        """Every recommended or advised-against (item, target), weighed."""
        return score(self.kb, pairs)

    def recommendations(self, scores: Mapping[Pair, Score]) -> dict[Part, object]:
        """Every recommended or advised-against item: status and strength; key ones marked."""
        ranked = sorted(
            (p for p, s in scores.items() if s.status == "recommended"),
            key=lambda p: (-scores[p].priority, -scores[p].strength, p[1] != CASE_KEY,
                           self.order.get(p[1], 0), self.items.get(p[0], 0)))
        key = set(ranked[:MAX_KEY])
        return {("rec", *p): (s.status, s.strength, p in key) for p, s in scores.items()}

    def rescored(self, inc: Incremental, now: Outcome, base: Mapping[Pair, Score]
                 ) -> dict[Pair, Score]:
        """The scores after a change: only the pairs its rules speak about are weighed again.

        A pair's status also depends on its exclusive rivals, so the rivals are
        weighed again too, against their own rivals.
        """
        moved = now.changed_rules & inc.recommends
        touched = {(a.name, a.target) for r in moved for f in inc.base.fires[r] | now.fires[r]
                   for _p, a in inc.applied[(r, f)]}
        near = touched | {(o, t) for i, t in touched for o in self.exclusive.get(i, ())}
        far = near | {(o, t) for i, t in near for o in self.exclusive.get(i, ())}
        rules = {r for i, _t in far for r in self.recommending.get(i, ())}
        new = score(self.kb, ((p, a) for r in sorted(rules) for f in now.fires[r]
                              for p, a in inc.applied[(r, f)] if (a.name, a.target) in far))
        out = {p: s for p, s in base.items() if p not in near}
        out.update((p, s) for p, s in new.items() if p in near)
        return out


def _kind(c: Assess) -> tuple[str, str | None]:
    """What of an assessment names its part besides the target (see :meth:`Face.options`)."""
    return (c.kind, None) if c.kind == "prefer" else (c.kind, c.name)


def changed_parts(before: Mapping[Part, object], after: Mapping[Part, object]) -> set[Part]:
    """The parts that differ; a recommendation that is key before or after counts as ``key``."""
    out: set[Part] = set()
    for part in set(before) | set(after):
        old, new = before.get(part), after.get(part)
        if old == new:
            continue
        if part[0] == "rec":
            if isinstance(old, tuple) and isinstance(new, tuple) and old[:2] == new[:2]:
                continue  # only moved in or out of the key five because another one did
            key = any(isinstance(v, tuple) and v[2] for v in (old, new))
            out.add(("key" if key else "rec", *part[1:]))
        else:
            out.add(part)
    return out


def unknown_slots(ctx: Ctx) -> list[Slot]:
    """Input facts some rule reads (or an aggregate it reads is computed of) left unknown."""
    read = {fact for rule in ctx.kb.rules for _e, fact in rule.reads}
    for fact in ctx.kb.vocab.facts.values():
        if fact.aggregate is not None and fact.aggregate.of and fact.id in read:
            read.add(fact.aggregate.of)
    out: list[Slot] = []
    for key in ctx.order:
        for fact in ctx.kb.vocab.facts_of(key[0]):
            if fact.origin == "input" and fact.id in read and \
                    ctx.result.value(key, fact.id) is None:
                out.append((key, fact.id))
    return out


_TRIED: list[tuple[KnowledgeBase, dict[str, list[FactValue]]]] = []


def candidates(ctx: Ctx, fact: str) -> list[FactValue]:
    """The values to try for an unknown ``fact``: one per class the rules treat alike.

    They depend on the knowledge base only, so they are kept while it is in use.
    """
    if not _TRIED or _TRIED[0][0] is not ctx.kb:
        _TRIED[:] = [(ctx.kb, {})]  # one knowledge base at a time: keep memory flat
    known = _TRIED[0][1]
    if fact not in known:
        domains = ctx.domains
        known[fact] = (domains.representatives(fact, None) if domains.tests(fact)
                       else domains.values(fact, None))  # read only through an aggregate
    return known[fact]


@dataclass(frozen=True)
class Weighing:
    """What find-out-first and the kernboodschap's flip check share of one draft."""

    aggs: Aggregates
    """The case's aggregates, recomputed per change only where it touches them."""
    face: Face
    """The advice a reader sees, as parts."""
    scores: Mapping[Pair, Score]
    """Every recommended or advised-against (item, target) of the case as given."""
    slots: tuple[Slot, ...]
    """The unknown facts the vocabulary makes a question here, in case order."""


_WEIGHING = "_findout_weighing"


def weighing(ctx: Ctx) -> Weighing:
    """The :class:`Weighing` of ``ctx``'s draft, built once per context (read only)."""
    store: dict[str, object] | None = getattr(ctx, "__dict__", None)
    found = store.get(_WEIGHING) if store is not None else None
    if isinstance(found, Weighing):
        return found
    face = Face(ctx.kb, {k: i for i, k in enumerate(ctx.order)})
    made = Weighing(Aggregates(ctx.kb.vocab, ctx.result.case.facts), face,
                    face.scores(ctx.incremental.base.recommendations()),
                    tuple(s for s in unknown_slots(ctx) if asked(ctx, s)))
    if store is not None:
        store[_WEIGHING] = made
    return made


def weigh_all(ctx: Ctx, slots: list[Slot]) -> list[Weighed]:
    """What filling in each of ``slots`` changes, incrementally (see the module docstring)."""
    inc = ctx.incremental
    shared = weighing(ctx)
    aggs, face, scores = shared.aggs, shared.face, shared.scores
    base = inc.base
    tri = face.triangle(base.values)
    before: dict[frozenset[str], dict[Part, object]] = {}  # the options' parts as given
    recs = face.recommendations(scores)
    assessing = {r for r, _c in face.assessing}
    out: list[Weighed] = []
    for slot in slots:
        parts: set[Part] = set()
        firings: set[tuple[str, EntityKey | None]] = set()
        rules: set[str] = set()
        for value in candidates(ctx, slot[1]):
            now: Outcome = inc.run(aggs.changes({slot: value}))
            if not now.changed_rules:
                continue
            for rule in now.changed_rules:
                firings |= {(rule, f) for f in base.fires[rule] ^ now.fires[rule]}
            rules |= now.changed_rules
            parts |= face.verdicts(tri, face.triangle(now.values))
            moved = now.changed_rules & assessing
            if moved:
                kin = frozenset(moved)
                if kin not in before:
                    before[kin] = face.options(base.fires, kin)
                parts |= changed_parts(before[kin], face.options(now.fires, kin))
            if now.status_changed:
                parts |= changed_parts(recs, face.recommendations(face.rescored(inc, now, scores)))
        out.append(Weighed(frozenset(parts), len(firings), frozenset(rules)))
    return out


def is_lookup(ctx: Ctx, slot: Slot) -> bool:
    """Whether the vocabulary marks ``slot``'s fact ``lookup``: a matter of public record."""
    return bool(getattr(ctx.kb.vocab.facts[slot[1]], "lookup", False))


def weighed_slots(ctx: Ctx) -> list[Found]:
    """Every unknown fact the vocabulary makes a question here, weighed; case order.

    Facts whose answer would change no firing are left out.
    """
    store: dict[str, object] | None = getattr(ctx, "__dict__", None)
    found = store.get(_WEIGHED) if store is not None else None
    if isinstance(found, list):
        return list(found)
    slots = list(weighing(ctx).slots)
    made = [Found(slot, w, i) for i, (slot, w) in enumerate(zip(slots, weigh_all(ctx, slots),
                                                                strict=True)) if w.firings]
    if store is not None:
        store[_WEIGHED] = made
    return list(made)


_WEIGHED = "_findout_weighed"


def fact_weights(ctx: Ctx) -> dict[str, int]:
    """Per unknown fact that is a question here, the most any of its slots weighs."""
    out: dict[str, int] = {}
    for f in weighed_slots(ctx):
        out[f.slot[1]] = max(out.get(f.slot[1], 0), f.weighed.weight)
    return out


def find_out(ctx: Ctx, limit: int = MAX_FIND_OUT) -> tuple[tuple[FindOut, ...],
                                                           tuple[FindOut, ...]]:
    """(to find out first, to fill in): the unknown facts the advice depends on.

    The first are items that pass the gate (:func:`~pvrules.explain.findout_items.passes`),
    most weight first, at most ``limit`` (:func:`~pvrules.explain.findout_items.items`);
    the second are the facts the vocabulary marks ``lookup`` (public record, filled in from
    a register rather than found out) that could change an option's score (``PUBLIC_GATE``),
    in case order: one line, cheap to fill in.
    """
    found = weighed_slots(ctx)
    fill = tuple(public(ctx, f) for f in found if is_lookup(ctx, f.slot)
                 and any(p[0] in PUBLIC_GATE for p in f.weighed.parts))
    return items(ctx, [f for f in found if not is_lookup(ctx, f.slot)], limit), fill


PUBLIC_GATE = frozenset(("effect", "prefer"))
"""What a fact of public record must be able to change to be listed under "Nog na te gaan
in openbare stukken": an option's score (its effect on a corner, or its preference). A fact
that would only move a corner's verdict or add a recommendation decides no option (review
11: the province's financial supervision asked where no option depends on it)."""


def public(ctx: Ctx, found: Found) -> FindOut:
    """The item to fill in from public records, in the vocabulary's plain words if any.

    Those are its ``ask: {subject: ...}``: what to look up, and where.
    """
    item = single(ctx, found.slot, found.weighed.weight)
    ask = ctx.kb.vocab.facts[found.slot[1]].ask
    if isinstance(ask, AskDef) and ask.subject is not None and item.subject:
        return replace(item, label=item.subject)
    return item


def find_out_first(ctx: Ctx, limit: int = MAX_FIND_OUT) -> tuple[FindOut, ...]:
    """The unknown facts that most of the advice depends on, most first (no ``lookup`` facts)."""
    return find_out(ctx, limit)[0]


def fill_in(ctx: Ctx) -> tuple[FindOut, ...]:
    """The unknown ``lookup`` facts that would change the advice, in case order."""
    return find_out(ctx)[1]


_find_out = single
"""The item for one unknown fact (kept under its old name for callers outside this module)."""
