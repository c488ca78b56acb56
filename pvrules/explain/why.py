"""Why: the chain of rules and facts behind a recommendation or a derived fact.

Every answer goes down to the facts of the case: numbered steps (a rule that
applied, its explanation filled with the case's values, its sources), then
the input facts the chain rests on. A fact the case does not give is said to
be unknown, never taken as false.
"""

from __future__ import annotations

from dataclasses import dataclass

from pvrules.compile.ir import CASE
from pvrules.explain.advice import Advice, FactView, SourceView, Step
from pvrules.explain.whynot import Phraser, source_views
from pvrules.infer.result import Result
from pvrules.kb import KnowledgeBase
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

    def __init__(self, kb: KnowledgeBase, result: Result, lang: str = "nl",
                 advice: Advice | None = None) -> None:
        """Prepare for ``result``; ``advice`` is built when not given."""
        self.kb = kb
        self.result = result
        self.lang = lang
        self.nl = lang == "nl"
        self.say = Phraser(kb, result, lang)
        self.advice = advice or self.say.builder.build()

    def item(self, item: str, target: EntityKey | None = None) -> list[Why]:
        """Why ``item`` is in the advice: for ``target``, or for every target it is given for."""
        out = []
        for rec in self.advice.recommendations:
            if rec.item != item or (target is not None and rec.target_key != target):
                continue
            labels = {i: d.label.get(self.lang) for i, d in self.kb.catalogues.items.items()}
            rivals = tuple(labels[i] for i in rec.competes_with)
            what = rec.label + (f" ({rec.target})" if rec.target else "")
            if rec.status == "recommended":
                summary = f"{what}: {rec.strength_label}."
                if rivals:
                    summary += (f" Gaat voor boven {', '.join(rivals)}." if self.nl else
                                f" Preferred over {', '.join(rivals)}.")
            elif rec.status == "alternative":
                summary = (f"{what} is een alternatief; {', '.join(rivals)} gaat voor."
                           if self.nl else
                           f"{what} is an alternative; {', '.join(rivals)} is preferred.")
            else:
                summary = (f"{what} wordt afgeraden." if self.nl else
                           f"{what} is advised against.")
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
        slot_name = self.say.fact((key, fact_id))
        value = self.result.value(key, fact_id)
        shown = self.say.value(fact_id, value)
        notes: list[str] = []
        steps: tuple[Step, ...] = ()
        if fact.origin == "input":
            if value is None:
                status = "unknown"
                summary = (f"De casus zegt niet wat {slot_name} is; de regels behandelen het "
                           "als onbekend, niet als nee." if self.nl else
                           f"The case does not say what {slot_name} is; the rules treat it as "
                           "unknown, not as no.")
            else:
                status = "input"
                summary = (f"{slot_name} is {shown}: zo staat het in de casus." if self.nl else
                           f"{slot_name} is {shown}: this is what the case says.")
            return self._why("fact", fact_id, label, key, status=status, summary=summary,
                             steps=())
        derived = self.result.derived.get((key, fact_id))
        if derived is None:
            status = "unknown"
            summary = (f"{slot_name} is onbekend: geen regel was van toepassing om het af te "
                       "leiden." if self.nl else
                       f"{slot_name} is unknown: no rule applied to derive it.")
        elif derived.by is None:
            status = "default"
            summary = (f"{slot_name} is {shown}: geen regel leidde iets anders af, dus geldt "
                       "de standaardwaarde." if self.nl else
                       f"{slot_name} is {shown}: no rule derived anything else, so the "
                       "default applies.")
        else:
            status = "derived"
            steps = self.say.builder.chain(derived.by)
            summary = f"{slot_name} is {shown}."
            for other, _v in derived.overruled:
                title = self.kb.entries[other[0]].spec.title.get(self.lang)
                ovalue = self.say.value(fact_id, _v)
                notes.append(f"De regel '{title}' kwam op {ovalue} uit, maar de regel met de "
                             "hoogste prioriteit (of die eerst komt) gaat voor." if self.nl else
                             f"The rule '{title}' concluded {ovalue}, but the rule with the "
                             "highest priority (or that comes first) wins.")
            for other in derived.also_by:
                title = self.kb.entries[other[0]].spec.title.get(self.lang)
                notes.append(f"Ook de regel '{title}' komt hierop uit." if self.nl else
                             f"The rule '{title}' concludes the same.")
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
        sources = source_views(self.kb, set(source_ids))
        defaults: list[str] = []
        for step in steps:
            for fv in step.facts:
                slot = self._slot_of(fv)
                got = self.result.derived.get(slot) if slot else None
                if got is not None and got.by is None:
                    shown = fv.label + (f" ({fv.entity})" if fv.entity else "")
                    note = (f"{shown} is {fv.value}: geen regel leidde iets anders af, dus "
                            "geldt de standaardwaarde." if self.nl else
                            f"{shown} is {fv.value}: no rule derived anything else, so the "
                            "default applies.")
                    if note not in defaults:
                        defaults.append(note)
        notes = (*notes, *defaults)
        unknown = [f for f in facts if not f.known]
        extra = tuple(
            (f"De casus zegt niet wat {f.label}{' (' + f.entity + ')' if f.entity else ''} is; "
             "de regel gebruikt juist dat het onbekend is." if self.nl else
             f"The case does not say what {f.label}{' (' + f.entity + ')' if f.entity else ''} "
             "is; the rule uses exactly that it is unknown.") for f in unknown)
        return Why(self.lang, kind, name, label, self.say.entity(key), key, status, summary,
                   steps, against, rivals, tuple(facts), (*notes, *extra), sources)


    def _slot_of(self, view: FactView) -> tuple[EntityKey, str] | None:
        """The (entity, fact) a fact view shows, found by its entity label."""
        if view.entity is None:
            return (CASE_KEY, view.fact)
        for ent in self.result.case.all_entities():
            if self.say.entity(ent.key) == view.entity:
                return (ent.key, view.fact)
        return None


def why(kb: KnowledgeBase, result: Result, kind: str, name: str,
        target: EntityKey | None = None, *, lang: str = "nl",
        advice: Advice | None = None) -> list[Why]:
    """Why the item or fact ``name`` (``kind`` ``item`` or ``fact``) is what it is.

    An empty list for an item means it is not in the advice: ask why-not.
    """
    explainer = WhyExplainer(kb, result, lang, advice)
    if kind == "item":
        return explainer.item(name, target)
    return explainer.fact(name, target)
