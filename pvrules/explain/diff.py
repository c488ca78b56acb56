"""Compare the advice for a case with the advice after changing some facts (``--set``).

Shows exactly the recommendations whose status or strength changed, and for
each why: the rules that now apply (with their reasoning) and the rules that
no longer apply (with the tests that now fail and their values).
"""

from __future__ import annotations

from dataclasses import dataclass

from pvrules.explain.advice import Advice, Recommendation, SourceView, Step
from pvrules.explain.whynot import Phraser, RuleCheck, WhyNotExplainer, source_views
from pvrules.infer.result import FiringKey, Result
from pvrules.kb import KnowledgeBase
from pvrules.validate.case import EntityKey


@dataclass(frozen=True)
class FactChange:
    """A fact whose value differs between the two runs."""

    fact: str
    label: str
    entity: str | None
    old: str
    new: str
    derived: bool


@dataclass(frozen=True)
class RecommendationChange:
    """A recommendation that appeared, disappeared or changed status or strength."""

    item: str
    label: str
    target: str | None
    target_key: EntityKey
    change: str
    """``appeared``, ``disappeared``, ``status`` or ``strength``."""
    before: str
    after: str
    sentence: str
    started: tuple[str, ...]
    """Rules for or against it that now apply."""
    stopped: tuple[RuleCheck, ...]
    """Rules for or against it that no longer apply, with the tests that now fail."""
    reasoning: tuple[Step, ...]
    """The reasoning after the change (empty when it disappeared)."""
    rivals: tuple[str, ...] = ()
    """Options for the same target, exclusive with this one, whose standing changed."""


@dataclass(frozen=True)
class Diff:
    """What changed in the advice, and why."""

    lang: str
    case_id: str
    settings: tuple[str, ...]
    inputs: tuple[FactChange, ...]
    derived: tuple[FactChange, ...]
    recommendations: tuple[RecommendationChange, ...]
    summary: str
    sources: tuple[SourceView, ...] = ()


def _label(rec: Recommendation | None, nl: bool) -> str:
    if rec is None:
        return "niet in het advies" if nl else "not in the advice"
    if rec.status == "recommended":
        return rec.strength_label
    return rec.status_label


def diff(kb: KnowledgeBase, before: Result, after: Result, *, settings: tuple[str, ...] = (),
         lang: str = "nl", advice_before: Advice | None = None,
         advice_after: Advice | None = None) -> Diff:
    """Compare ``before`` (the case as given) with ``after`` (with ``settings`` applied)."""
    nl = lang == "nl"
    old_say = Phraser(kb, before, lang)
    new_say = Phraser(kb, after, lang)
    old_adv = advice_before or old_say.builder.build()
    new_adv = advice_after or new_say.builder.build()
    inputs: list[FactChange] = []
    derived: list[FactChange] = []
    keys = sorted({(k, f) for r in (before, after) for k, facts in r.values.items()
                   for f in facts}, key=lambda s: (s[0] != ("case", "case"), s[0], s[1]))
    for key, fact in keys:
        old, new = before.value(key, fact), after.value(key, fact)
        if old == new:
            continue
        fdef = kb.vocab.facts[fact]
        view = FactChange(fact, fdef.label.get(lang), new_say.entity(key),
                          old_say.value(fact, old), new_say.value(fact, new),
                          fdef.origin == "derived")
        (derived if view.derived else inputs).append(view)
    old_recs = {(r.item, r.target_key): r for r in old_adv.recommendations}
    new_recs = {(r.item, r.target_key): r for r in new_adv.recommendations}
    why_not = WhyNotExplainer(kb, after, lang, new_adv)
    changes = []
    for pair in [*old_recs, *[k for k in new_recs if k not in old_recs]]:
        old_rec, new_rec = old_recs.get(pair), new_recs.get(pair)
        if old_rec and new_rec and (old_rec.status, old_rec.strength) == \
                (new_rec.status, new_rec.strength):
            continue
        kind = ("appeared" if old_rec is None else "disappeared" if new_rec is None
                else "status" if old_rec.status != new_rec.status else "strength")
        rec = new_rec or old_rec
        assert rec is not None
        old_keys = _touching(before, pair)
        new_keys = _touching(after, pair)
        started = tuple(kb.entries[k[0]].spec.title.get(lang)
                        + (f" ({new_say.entity(k[1])})" if k[1] else "")
                        for k in new_keys if k not in old_keys)
        stopped = tuple(why_not.check(kb.rule(k[0]), k[1]) for k in old_keys
                        if k not in new_keys)
        what = rec.label + (f" ({rec.target})" if rec.target else "")
        b, a = _label(old_rec, nl), _label(new_rec, nl)
        sentence = (f"{what}: was {b}, is nu {a}." if nl else f"{what}: was {b}, now {a}.")
        reasoning = new_rec.reasoning if new_rec is not None else ()
        rivals = []
        for other in sorted(kb.catalogues.exclusive_with(rec.item)):
            o_old, o_new = old_recs.get((other, pair[1])), new_recs.get((other, pair[1]))
            if _label(o_old, nl) != _label(o_new, nl):
                other_label = kb.item(other).label.get(lang)
                rivals.append(f"{other_label}: {_label(o_old, nl)} → {_label(o_new, nl)}")
        changes.append(RecommendationChange(rec.item, rec.label, rec.target, rec.target_key,
                                            kind, b, a, sentence, started, stopped, reasoning,
                                            tuple(rivals)))
    n = len(changes)
    if not n:
        summary = "Het advies verandert niet." if nl else "The advice does not change."
    elif nl:
        summary = "1 aanbeveling verandert." if n == 1 else f"{n} aanbevelingen veranderen."
    else:
        summary = ("1 recommendation changes." if n == 1 else
                   f"{n} recommendations change.")
    cited = {src for c in changes for step in c.reasoning for src in step.sources} | \
        {src for c in changes for check in c.stopped for src in check.sources}
    return Diff(lang, before.case.meta.id, tuple(settings), tuple(inputs), tuple(derived),
                tuple(changes), summary, source_views(kb, cited))


def _touching(result: Result, pair: tuple[str, EntityKey]) -> list[FiringKey]:
    return [f.key for f in result.firings
            if any(c.kind != "derive" and (c.name, c.target) == pair for c in f.conclusions)]
