"""Compare the advice for a case with the advice after changing some facts (``--set``).

Shows exactly the recommendations whose status or strength changed, and for
each why: the rules that now apply (with their reasoning) and the rules that
no longer apply (with the tests that now fail and their values). When nothing
changes it says why not: the rules that read the changed facts and what they
still need (:mod:`pvrules.explain.blockers`).
"""

from __future__ import annotations

from dataclasses import dataclass

from pvrules.explain.advice import Recommendation, SourceView, Step
from pvrules.explain.basics import corner_label
from pvrules.explain.blockers import Blocker, because, near_misses
from pvrules.explain.context import ExplainContext
from pvrules.explain.decisions_model import OptionRow
from pvrules.explain.phrasing import source_views
from pvrules.explain.whynot import RuleCheck, WhyNotExplainer
from pvrules.infer.result import FiringKey, Result
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
    """What changed in the advice, and why (or why not)."""

    lang: str
    case_id: str
    settings: tuple[str, ...]
    inputs: tuple[FactChange, ...]
    derived: tuple[FactChange, ...]
    recommendations: tuple[RecommendationChange, ...]
    summary: str
    sources: tuple[SourceView, ...] = ()
    blockers: tuple[Blocker, ...] = ()
    """When the advice does not change: what the changed facts would still need."""
    options: tuple[str, ...] = ()
    """How the options on the table change: effects, preference, criteria (sentences)."""


def _label(ctx: ExplainContext, rec: Recommendation | None) -> str:
    if rec is None:
        return ctx.msg("status.not_in_advice")
    if rec.status == "recommended":
        verdict = ctx.verdicts.get((rec.item, rec.target_key))
        return verdict.strength_label if verdict is not None else rec.strength_label
    return rec.status_label


def diff(before: ExplainContext, after: ExplainContext, *,
         settings: tuple[str, ...] = ()) -> Diff:
    """Compare ``before`` (the case as given) with ``after`` (with ``settings`` applied)."""
    kb, lang, msg = before.kb, before.lang, before.msg
    old_res, new_res = before.result, after.result
    inputs: list[FactChange] = []
    derived: list[FactChange] = []
    keys = sorted({(k, f) for r in (old_res, new_res) for k, facts in r.values.items()
                   for f in facts}, key=lambda s: (s[0] != ("case", "case"), s[0], s[1]))
    for key, fact in keys:
        old, new = old_res.value(key, fact), new_res.value(key, fact)
        if old == new:
            continue
        fdef = kb.vocab.facts[fact]
        view = FactChange(fact, fdef.label.get(lang), after.say.entity(key),
                          before.say.value(fact, old), after.say.value(fact, new),
                          fdef.origin == "derived")
        (derived if view.derived else inputs).append(view)
    old_recs = {(r.item, r.target_key): r for r in before.advice.recommendations}
    new_recs = {(r.item, r.target_key): r for r in after.advice.recommendations}
    explainer = WhyNotExplainer(after)
    changes = []
    for pair in [*old_recs, *[k for k in new_recs if k not in old_recs]]:
        old_rec, new_rec = old_recs.get(pair), new_recs.get(pair)
        if old_rec and new_rec and (old_rec.status, _label(before, old_rec)) == \
                (new_rec.status, _label(after, new_rec)):
            continue
        kind = ("appeared" if old_rec is None else "disappeared" if new_rec is None
                else "status" if old_rec.status != new_rec.status else "strength")
        rec = new_rec or old_rec
        assert rec is not None
        old_keys = _touching(old_res, pair)
        new_keys = _touching(new_res, pair)
        started = tuple(kb.entries[k[0]].spec.title.get(lang)
                        + (f" ({after.say.entity(k[1])})" if k[1] else "")
                        for k in new_keys if k not in old_keys)
        stopped = tuple(explainer.check(kb.rule(k[0]), k[1]) for k in old_keys
                        if k not in new_keys)
        what = rec.label + (f" ({rec.target})" if rec.target else "")
        b, a = _label(before, old_rec), _label(after, new_rec)
        rivals = []
        for other in sorted(kb.catalogues.exclusive_with(rec.item)):
            o_old = _label(before, old_recs.get((other, pair[1])))
            o_new = _label(after, new_recs.get((other, pair[1])))
            if o_old != o_new:
                rivals.append(f"{kb.item(other).label.get(lang)}: {o_old} → {o_new}")
        changes.append(RecommendationChange(
            rec.item, rec.label, rec.target, rec.target_key, kind, b, a,
            msg("diff.was_now", what=what, before=b, after=a), started, stopped,
            new_rec.reasoning if new_rec is not None else (), tuple(rivals)))
    n = len(changes)
    blockers: list[Blocker] = []
    options = option_changes(before, after)
    if not n and options:
        summary = msg("diff.only_options", changes="; ".join(options))
    elif not n:
        changed = {c.fact for c in (*inputs, *derived)}
        blockers = near_misses(after, changed, skip=[f.key for f in old_res.firings])
        summary = (msg("diff.unchanged_because", because=because(after, blockers))
                   if blockers else msg("diff.unchanged"))
    else:
        summary = msg("diff.one_changes") if n == 1 else msg("diff.many_change", n=n)
        if options:
            summary += " " + msg("diff.also_options", changes="; ".join(options))
    cited = {src for c in changes for step in c.reasoning for src in step.sources} | \
        {src for c in changes for check in c.stopped for src in check.sources}
    return Diff(lang, old_res.case.meta.id, tuple(settings), tuple(inputs), tuple(derived),
                tuple(changes), summary, source_views(kb, cited, old_res.case.peildatum),
                tuple(blockers), options)


def option_changes(before: ExplainContext, after: ExplainContext) -> tuple[str, ...]:
    """How the options of the decisions differ: effects per corner, preference, criteria."""
    msg = after.msg

    def rows(ctx: ExplainContext) -> dict[tuple[str, str], OptionRow]:
        return {(d.id, r.id): r for d in ctx.decisions.options for r in d.options}

    def pref(value: str | None) -> str:
        return msg(f"diff.preference.{value or 'none'}")

    old, new = rows(before), rows(after)
    out: list[str] = []
    for key in [*old, *[k for k in new if k not in old]]:
        was, now = old.get(key), new.get(key)
        if was is None or now is None:
            row = now or was
            assert row is not None
            out.append(msg("diff.option_shown" if was is None else "diff.option_hidden",
                           option=row.label))
            continue
        for corner in dict.fromkeys([*was.effects, *now.effects]):
            a, b = was.effects.get(corner), now.effects.get(corner)
            if (a.sign if a else None) != (b.sign if b else None):
                out.append(msg("diff.effect", option=now.label,
                               corner=corner_label(after, corner).lower(),
                               before=a.sign if a else "—", after=b.sign if b else "—"))
        if was.preference != now.preference:
            out.append(msg("diff.option_preference", option=now.label,
                           before=pref(was.preference), after=pref(now.preference)))
        scores = {c.id: c for c in was.criteria}
        for crit in now.criteria:
            earlier = scores.get(crit.id)
            if earlier is not None and earlier.score != crit.score:
                out.append(msg("diff.criterion", option=now.label, criterion=crit.label,
                               before=earlier.score, after=crit.score))
    return tuple(out)


def _touching(result: Result, pair: tuple[str, EntityKey]) -> list[FiringKey]:
    return [f.key for f in result.firings
            if any(c.kind in ("recommend", "against") and (c.name, c.target) == pair
                   for c in f.conclusions)]
