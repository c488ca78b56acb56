"""Why: the chain of rules and facts behind a recommendation or a derived fact.

Every answer goes down to the facts of the case: numbered steps (a rule that
applied, its explanation filled with the case's values, its sources), then
the input facts the chain rests on. A fact the case does not give is said to
be unknown, never taken as false.
"""

from __future__ import annotations

from dataclasses import dataclass

from pvrules.compile.ir import CASE
from pvrules.explain.advice import FactView, SourceView, Step
from pvrules.explain.context import ExplainContext
from pvrules.explain.phrasing import source_views
from pvrules.validate.case import CASE_KEY, EntityKey


@dataclass(frozen=True)
class Why:
    """Why one recommendation is given, or why a fact has its value."""

    lang: str
    kind: str
    """``item`` or ``fact``."""
    name: str
    label: str
    target: str | None
    target_key: EntityKey
    status: str
    """Items: ``recommended``, ``alternative``, ``advised_against``; facts: ``input``,
    ``derived``, ``default`` or ``unknown``."""
    summary: str
    steps: tuple[Step, ...]
    against: tuple[Step, ...]
    """The other side: what argues against it (for an item advised against: what for it)."""
    competes_with: tuple[str, ...]
    facts: tuple[FactView, ...]
    """The facts of the case the reasoning rests on."""
    notes: tuple[str, ...]
    sources: tuple[SourceView, ...]


class WhyExplainer:
    """Answers "why?" for one result."""

    def __init__(self, ctx: ExplainContext) -> None:
        """Prepare for the result of ``ctx``."""
        self.ctx = ctx
        self.kb = ctx.kb
        self.result = ctx.result
        self.lang = ctx.lang
        self.msg = ctx.msg
        self.say = ctx.say
        self.advice = ctx.advice

    def item(self, item: str, target: EntityKey | None = None) -> list[Why]:
        """Why ``item`` is in the advice: for ``target``, or for every target it is given for."""
        out = []
        labels = {i: d.label.get(self.lang) for i, d in self.kb.catalogues.items.items()}
        for rec in self.advice.recommendations:
            if rec.item != item or (target is not None and rec.target_key != target):
                continue
            rivals = tuple(labels[i] for i in rec.competes_with)
            what = rec.label + (f" ({rec.target})" if rec.target else "")
            if rec.status == "recommended":
                verdict = self.ctx.verdicts.get((rec.item, rec.target_key))
                summary = f"{what}: {verdict.strength_label if verdict else rec.strength_label}."
                if verdict is not None and verdict.uncertain:
                    summary += " " + self.msg("why.uncertain")
                if rivals:
                    summary += " " + self.msg("why.preferred_over", rivals=", ".join(rivals))
            elif rec.status == "alternative":
                summary = self.msg("why.alternative", what=what, rivals=", ".join(rivals))
            else:
                summary = self.msg("why.advised_against", what=what)
            steps = rec.reasoning if rec.status != "advised_against" else rec.against
            against = rec.against if rec.status != "advised_against" else rec.reasoning
            out.append(self._why("item", item, rec.label, rec.target_key, status=rec.status,
                                 summary=summary, steps=steps, against=against,
                                 rivals=rivals))
        return out

    def fact(self, fact_id: str, target: EntityKey | None = None) -> list[Why]:
        """Why ``fact_id`` has its value: for ``target``, or for each entity it belongs to."""
        fact = self.kb.vocab.facts[fact_id]
        if target is not None:
            keys = [target]
        elif fact.entity == CASE:
            keys = [CASE_KEY]
        else:
            keys = [e.key for e in self.result.case.entities.get(fact.entity, ())]
        return [self._fact(fact_id, key) for key in keys]

    def _fact(self, fact_id: str, key: EntityKey) -> Why:
        fact = self.kb.vocab.facts[fact_id]
        label = fact.label.get(self.lang)
        name = self.say.fact((key, fact_id))
        value = self.result.value(key, fact_id)
        shown = self.say.value(fact_id, value)
        notes: list[str] = []
        steps: tuple[Step, ...] = ()
        if fact.origin != "derived":
            status = "unknown" if value is None else "input"
            summary = (self.msg("why.input_unknown", name=name) if value is None
                       else self.msg("why.input", name=name, value=shown))
            certainty = self.result.case.certainty_of(key, fact_id)
            if value is not None and certainty != "hoog":
                from pvrules.explain.casefacts import bron_shown

                source = bron_shown(self.result.case, key, fact_id, self.kb, self.lang)
                level = self.msg(f"certainty.{certainty}")
                summary += " " + (self.msg("why.certainty_source", certainty=level,
                                           source=source) if source
                                  else self.msg("why.certainty", certainty=level))
            return self._why("fact", fact_id, label, key, status=status, summary=summary,
                             steps=())
        derived = self.result.derived.get((key, fact_id))
        if derived is None:
            status = "unknown"
            summary = self.msg("why.derived_unknown", name=name)
        elif derived.by is None:
            status = "default"
            summary = self.msg("why.default", name=name, value=shown)
        else:
            status = "derived"
            steps = self.ctx.builder.chain(derived.by)
            summary = f"{name} is {shown}."
            for other, other_value in derived.overruled:
                title = self.kb.entries[other[0]].spec.title.get(self.lang)
                notes.append(self.msg("why.overruled", title=title,
                                      value=self.say.value(fact_id, other_value)))
            for other in derived.also_by:
                title = self.kb.entries[other[0]].spec.title.get(self.lang)
                notes.append(self.msg("why.also_by", title=title))
        return self._why("fact", fact_id, label, key, status=status, summary=summary,
                         steps=steps, notes=tuple(notes))

    def _why(self, kind: str, name: str, label: str, key: EntityKey, *, status: str,
             summary: str, steps: tuple[Step, ...], against: tuple[Step, ...] = (),
             rivals: tuple[str, ...] = (), notes: tuple[str, ...] = ()) -> Why:
        facts: list[FactView] = []
        for step in steps:
            for fv in step.facts:
                if not fv.derived and fv not in facts:
                    facts.append(fv)
        source_ids = sorted({s for st in (*steps, *against) for s in st.sources})
        sources = source_views(self.kb, set(source_ids), self.result.case.peildatum)
        defaults: list[str] = []
        for step in steps:
            for fv in step.facts:
                slot = self._slot_of(fv)
                got = self.result.derived.get(slot) if slot else None
                if got is not None and got.by is None:
                    shown = fv.label + (f" ({fv.entity})" if fv.entity else "")
                    note = self.msg("why.default", name=shown, value=fv.value)
                    if note not in defaults:
                        defaults.append(note)
        extra = tuple(
            self.msg("why.uses_unknown",
                     name=f.label + (f" ({f.entity})" if f.entity else ""))
            for f in facts if not f.known)
        return Why(self.lang, kind, name, label, self.say.entity(key), key, status, summary,
                   steps, against, rivals, tuple(facts), (*notes, *defaults, *extra), sources)

    def _slot_of(self, view: FactView) -> tuple[EntityKey, str] | None:
        """The (entity, fact) a fact view shows, found by its entity label."""
        if view.entity is None:
            return (CASE_KEY, view.fact)
        for ent in self.result.case.all_entities():
            if self.say.entity(ent.key) == view.entity:
                return (ent.key, view.fact)
        return None


def why(ctx: ExplainContext, kind: str, name: str,
        target: EntityKey | None = None) -> list[Why]:
    """Why the item or fact ``name`` (``kind`` ``item`` or ``fact``) is what it is.

    An empty list for an item means it is not in the advice: ask why-not.
    """
    explainer = WhyExplainer(ctx)
    if kind == "item":
        return explainer.item(name, target)
    return explainer.fact(name, target)
