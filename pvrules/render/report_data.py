"""The data an advisory report is rendered from, computed once for every format.

:func:`build_report_data` turns an :class:`~pvrules.explain.advice.Advice` (plus
the knowledge base and the result it came from) into a :class:`ReportData`:
the summary, the diagnosis with the triangle, the decisions per target with
their options and pros and cons per corner, the governance measures with what
they ask of whom, and the appendix (every rule that fired, the facts used, what
was unknown, the knowledge-base version and the date).

Templates receive it as ``r`` (and its fixed texts as ``t``); see
``docs/reports.md`` for the fields.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import metadata
from typing import Any

from pvrules.compile.ir import CASE
from pvrules.explain.advice import (
    Advice,
    AdviceBuilder,
    Corner,
    FactView,
    Recommendation,
    SourceView,
    Step,
)
from pvrules.infer.result import Result
from pvrules.kb import KnowledgeBase
from pvrules.render.triangle import Imbalance, TriangleCorner, fraction, imbalance, mark_lagging
from pvrules.validate.case import CASE_KEY

FORM_CATALOGUE = "samenwerkingsvorm"
"""The catalogue of collaboration forms (section 4); if a knowledge base has
none, every exclusive catalogue counts as one."""

OTHER_CORNER = "overig"
SUMMARY_INDICATORS = 4
SUMMARY_MEASURES = 3
"""At most this many indicators per corner in the summary's diagnosis lines."""
STATUS_ORDER = {"recommended": 0, "alternative": 1, "advised_against": 2}
_MONTHS = {
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}

LABELS: dict[str, dict[str, str]] = {
    "nl": {
        "report": "Adviesrapport", "draft": "Concept", "date": "Datum",
        "client": "Opdrachtgever", "question": "Vraag", "case_date": "Datum casus",
        "contents": "Inhoud",
        "summary": "Samenvatting", "diagnosis_short": "Diagnose",
        "main_recommendations": "Belangrijkste aanbevelingen",
        "no_recommendations": "Geen aanbevelingen: de casus geeft te weinig gegevens of "
                              "geen regel is van toepassing.",
        "background": "Aanleiding en vraag", "parties": "Betrokken partijen en opgaven",
        "no_question": "De casus formuleert geen expliciete vraag.",
        "notes": "Toelichting", "kind": "Soort", "name": "Naam",
        "diagnosis": "Diagnose: de publieke-waardedriehoek",
        "diagnosis_intro": "De driehoek van Moore weegt drie hoeken: de publieke waarde die "
                           "de samenwerking moet opleveren, de legitimiteit en steun ervoor, "
                           "en de organisatie die het moet waarmaken. Per hoek: het niveau, "
                           "de indicatoren en waar het oordeel op rust.",
        "corner": "Hoek", "level": "Niveau", "indicators": "Indicatoren",
        "rests_on": "Waar het op rust", "no_data": "geen gegevens",
        "no_reasoning": "Geen regel bepaalde het niveau van deze hoek.",
        "triangle": "De publieke-waardedriehoek",
        "forms": "Opgaven en samenwerkingsvorm",
        "forms_intro": "Per opgave de aanbevolen samenwerkingsvorm en de overwogen opties, "
                       "met wat ervoor en ertegen pleit, per hoek van de driehoek.",
        "no_forms": "Voor geen enkele opgave volgt een samenwerkingsvorm uit de regels.",
        "recommended_form": "Aanbevolen", "none_recommended": "geen vorm aanbevolen",
        "options_considered": "Overwogen opties", "option": "Optie", "status": "Status",
        "strength": "Sterkte", "pros": "Pleit voor", "cons": "Pleit tegen",
        "none": "—",
        "governance": "Governance en legitimiteit",
        "governance_intro": "De maatregelen die de samenwerking bestuurbaar en gelegitimeerd "
                            "maken: waarom elk nodig is en wat het vraagt van wie.",
        "measure": "Maatregel", "why": "Waarom", "asks_of": "Wat het vraagt van wie",
        "asks_of_unknown": "niet vastgelegd in de kennisbank",
        "no_measures": "Geen maatregelen aanbevolen.",
        "measures_against": "Afgeraden maatregelen",
        "board": "Opties voor het bestuur",
        "board_intro": "De keuzes die de raad moet maken, met de opties naast elkaar.",
        "no_board": "Er liggen geen keuzes tussen elkaar uitsluitende opties voor.",
        "choice": "Keuze", "reasoning": "Redenering", "show_reasoning": "Toon de redenering",
        "appendix": "Bijlage: Verantwoording",
        "appendix_intro": "Alles om dit advies te kunnen herleiden en reproduceren: elke "
                          "toegepaste regel met zijn uitleg en bronnen, de gebruikte feiten, "
                          "wat onbekend was, en de versie van de kennisbank.",
        "rules_fired": "Toegepaste regels", "rule": "Regel", "explanation": "Uitleg",
        "conclusion": "Conclusie", "sources": "Bronnen", "facts_used": "Gebruikte feiten",
        "fact": "Feit", "value": "Waarde", "about": "Betreft", "derived": "Afgeleide feiten",
        "unknown": "Wat de casus niet zegt",
        "no_unknown": "Geen: alle feiten die de regels lezen zijn bekend.",
        "reproduce": "Reproduceren", "kb_version": "Kennisbank (versie)",
        "engine": "Engine", "version": "pvrules-versie", "report_date": "Datum rapport",
        "case_id": "Casus-id", "uncertain": "onzeker", "follows_from": "volgt uit stap",
        "the_case": "De samenwerking als geheel", "facts": "Feiten",
        "balanced": "De driehoek is in evenwicht: geen hoek blijft ver achter.",
        "imbalance": "Onevenwicht: {lagging} blijft achter bij {leading}.",
        "imbalance_many": "Onevenwicht: {lagging} blijven achter bij {leading}.",
        "unknown_corners": "Niet vast te stellen: {corners}.",
        "and": "en", "footer": "Concept, gegenereerd door pvrules; te toetsen door de adviseur.",
        "general": "Algemeen", "verdict": "Oordeel", "no_corner": "zonder één hoek",
        "explanations": "Toelichting", "unspoken": "Geen regel spreekt zich uit over",
        "more_measures": "En {n} andere maatregelen: zie hoofdstuk 5.",
    },
    "en": {
        "report": "Advisory report", "draft": "Draft", "date": "Date",
        "client": "Client", "question": "Question", "case_date": "Case date",
        "contents": "Contents",
        "summary": "Summary", "diagnosis_short": "Diagnosis",
        "main_recommendations": "Main recommendations",
        "no_recommendations": "No recommendations: the case gives too little data or no "
                              "rule applies.",
        "background": "Background and question", "parties": "Parties and tasks involved",
        "no_question": "The case states no explicit question.",
        "notes": "Notes", "kind": "Kind", "name": "Name",
        "diagnosis": "Diagnosis: the public value triangle",
        "diagnosis_intro": "Moore's triangle weighs three corners: the public value the "
                           "collaboration must deliver, the legitimacy and support for it, and "
                           "the organisation that must deliver it. Per corner: the level, the "
                           "indicators and what the judgement rests on.",
        "corner": "Corner", "level": "Level", "indicators": "Indicators",
        "rests_on": "What it rests on", "no_data": "no data",
        "no_reasoning": "No rule determined the level of this corner.",
        "triangle": "The public value triangle",
        "forms": "Tasks and form of collaboration",
        "forms_intro": "Per task the recommended form of collaboration and the options "
                       "considered, with what argues for and against them, per corner of the "
                       "triangle.",
        "no_forms": "No form of collaboration follows from the rules for any task.",
        "recommended_form": "Recommended", "none_recommended": "no form recommended",
        "options_considered": "Options considered", "option": "Option", "status": "Status",
        "strength": "Strength", "pros": "For", "cons": "Against", "none": "—",
        "governance": "Governance and legitimacy",
        "governance_intro": "The measures that make the collaboration governable and "
                            "legitimate: why each is needed and what it asks of whom.",
        "measure": "Measure", "why": "Why", "asks_of": "What it asks of whom",
        "asks_of_unknown": "not recorded in the knowledge base",
        "no_measures": "No measures recommended.",
        "measures_against": "Measures advised against",
        "board": "Options for the council",
        "board_intro": "The choices the council has to make, with the options side by side.",
        "no_board": "There are no choices between mutually exclusive options.",
        "choice": "Choice", "reasoning": "Reasoning", "show_reasoning": "Show the reasoning",
        "appendix": "Appendix: Accountability",
        "appendix_intro": "Everything needed to trace and reproduce this advice: every rule "
                          "applied with its explanation and sources, the facts used, what was "
                          "unknown, and the version of the knowledge base.",
        "rules_fired": "Rules applied", "rule": "Rule", "explanation": "Explanation",
        "conclusion": "Conclusion", "sources": "Sources", "facts_used": "Facts used",
        "fact": "Fact", "value": "Value", "about": "Concerns", "derived": "Derived facts",
        "unknown": "What the case does not say",
        "no_unknown": "None: every fact the rules read is known.",
        "reproduce": "Reproduce", "kb_version": "Knowledge base (version)",
        "engine": "Engine", "version": "pvrules version", "report_date": "Report date",
        "case_id": "Case id", "uncertain": "uncertain", "follows_from": "follows from step",
        "the_case": "The collaboration as a whole", "facts": "Facts",
        "balanced": "The triangle is in balance: no corner lags far behind.",
        "imbalance": "Imbalance: {lagging} lags behind {leading}.",
        "imbalance_many": "Imbalance: {lagging} lag behind {leading}.",
        "unknown_corners": "Cannot be assessed: {corners}.",
        "and": "and", "footer": "Draft generated by pvrules; to be reviewed by the advisor.",
        "general": "General", "verdict": "Verdict", "no_corner": "no single corner",
        "explanations": "Explanation", "unspoken": "No rule speaks about",
        "more_measures": "And {n} other measures: see section 5.",
    },
}


@dataclass(frozen=True)
class CornerSteps:
    """Reasoning steps that rest on facts of one corner of the triangle."""

    corner: str
    label: str
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class Option:
    """One item weighed for a target, with its pros and cons per corner."""

    rec: Recommendation
    item: str
    label: str
    description: str
    status: str
    status_label: str
    strength_label: str
    verdict: str
    pros: tuple[CornerSteps, ...]
    cons: tuple[CornerSteps, ...]
    reasons_for: tuple[str, ...]
    reasons_against: tuple[str, ...]
    asks_of: str | None


@dataclass(frozen=True)
class Decision:
    """A choice between exclusive options for one target (an opgave or the case)."""

    target: str
    target_key: tuple[str, str]
    catalogue: str
    catalogue_label: str
    options: tuple[Option, ...]

    @property
    def chosen(self) -> Option | None:
        """The recommended option, if any."""
        return next((o for o in self.options if o.status == "recommended"), None)


@dataclass(frozen=True)
class BoardOption:
    """One option of a choice for the council, as a row of the side-by-side table."""

    item: str
    label: str
    status: str
    verdict: str
    favoured: bool
    cells: tuple[str, ...]
    """Per corner (in the order of ``ReportData.board_corners``): ``+ pro; − con`` or ``·``."""
    general: str
    """Arguments that rest on no corner, in the same notation (empty when none)."""
    reasons: tuple[str, ...]
    """The explanation of each rule that speaks for (+) or against (−) it."""
    rec: Recommendation | None


@dataclass(frozen=True)
class BoardDecision:
    """A choice between exclusive options for one target, from :mod:`pvrules.explain.options`."""

    target: str
    catalogue: str
    catalogue_label: str
    verdict: str
    options: tuple[BoardOption, ...]
    unspoken: tuple[str, ...] = ()
    """Other options of the catalogue that no rule speaks about."""


@dataclass(frozen=True)
class Party:
    """An entity of the case (partner, opgave...) as listed in section 2."""

    kind: str
    id: str
    name: str
    notes: str | None


@dataclass(frozen=True)
class FiredRule:
    """A rule that fired, for the appendix."""

    step: Step
    rule_id: str
    title: str
    focus: str | None
    text: str
    conclusion: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class ReportData:
    """Everything a report template receives as ``r``."""

    advice: Advice
    lang: str
    t: Mapping[str, str]
    date: str
    date_long: str
    title: str
    question: str | None
    client: str | None
    case_date: str | None
    notes: str | None
    parties: tuple[Party, ...]
    corners: tuple[Corner, ...]
    triangle: tuple[TriangleCorner, ...]
    imbalance: Imbalance
    imbalance_text: str
    diagnosis_lines: tuple[str, ...]
    main_recommendations: tuple[str, ...]
    more_measures: str
    forms: tuple[Decision, ...]
    measures: tuple[Option, ...]
    measures_against: tuple[Option, ...]
    decisions: tuple[Decision, ...]
    board_corners: tuple[str, ...]
    board: tuple[BoardDecision, ...]
    fired: tuple[FiredRule, ...]
    facts_used: tuple[FactView, ...]
    derived: tuple[FactView, ...]
    unknown: tuple[FactView, ...]
    sources: tuple[SourceView, ...]
    kb_hash: str
    engine: str
    version: str
    case_id: str
    extras: dict[str, Any] = field(default_factory=dict)

    def cite(self, ids: Any) -> str:
        """Source ids as their numbers in the list of sources (``3, 1``)."""
        numbers = {source.id: n for n, source in enumerate(self.sources, start=1)}
        return ", ".join(str(numbers.get(i, i)) for i in ids)


def long_date(day: dt.date, lang: str) -> str:
    """``27 november 2026`` (or ``27 November 2026`` in English)."""
    return f"{day.day} {_MONTHS['en' if lang == 'en' else 'nl'][day.month - 1]} {day.year}"


def step_corners(step: Step, corners: Mapping[str, str | None]) -> tuple[str, ...]:
    """The corners of the facts ``step`` rests on (``overig`` when none has a corner)."""
    found = sorted({c for f in step.facts if (c := corners.get(f.fact))},
                   key=_corner_rank)
    return tuple(found) or (OTHER_CORNER,)


def _corner_rank(corner: str) -> int:
    order = ("publieke_waarde", "legitimiteit", "organisatie")
    return order.index(corner) if corner in order else len(order)


def group_by_corner(steps: Iterable[Step], corners: Mapping[str, str | None],
                    labels: Mapping[str, str]) -> tuple[CornerSteps, ...]:
    """Steps grouped by the corner of the facts they rest on, in triangle order.

    A step resting on facts of two corners is listed under both.
    """
    groups: dict[str, list[Step]] = {}
    for step in steps:
        for corner in step_corners(step, corners):
            groups.setdefault(corner, []).append(step)
    return tuple(CornerSteps(c, labels.get(c, c), tuple(groups[c]))
                 for c in sorted(groups, key=_corner_rank))


def _cell(cell: Any) -> str:
    """``+ pro; − con`` for one corner cell of :mod:`pvrules.explain.options`; ``·`` if empty."""
    if cell is None:
        return "·"
    parts = [f"+ {p}" for p in cell.pro] + [f"− {c}" for c in cell.con]
    return "; ".join(parts) or "·"


def _direct_texts(steps: Iterable[Step], rules: Iterable[str]) -> tuple[str, ...]:
    wanted = set(rules)
    seen: list[str] = []
    for step in steps:
        if step.rule_id in wanted and step.text not in seen:
            seen.append(step.text)
    return tuple(seen)


class _Builder:
    def __init__(self, kb: KnowledgeBase, result: Result, advice: Advice,
                 day: dt.date) -> None:
        self.kb = kb
        self.result = result
        self.a = advice
        self.lang = advice.lang
        self.t = LABELS["en" if advice.lang == "en" else "nl"]
        self.day = day
        self.fact_corner = {f.id: f.corner for f in kb.vocab.facts.values()}
        self.corner_labels = {c.id: c.label for c in advice.corners}
        self.corner_labels[OTHER_CORNER] = self.t["general"]
        self.helper = AdviceBuilder(kb, result, advice.lang)

    def option(self, rec: Recommendation) -> Option:
        item = self.kb.catalogues.items.get(rec.item)
        asks = item.asks_of.get(self.lang) if item and item.asks_of else None
        if rec.status == "recommended":
            verdict = rec.strength_label
        elif rec.status == "alternative":
            verdict = f"{rec.status_label} ({rec.strength_label})"
        else:
            verdict = rec.status_label
        return Option(rec, rec.item, rec.label, rec.description, rec.status, rec.status_label,
                      rec.strength_label, verdict,
                      group_by_corner(rec.reasoning, self.fact_corner, self.corner_labels),
                      group_by_corner(rec.against, self.fact_corner, self.corner_labels),
                      _direct_texts(rec.reasoning, rec.rules_for),
                      _direct_texts(rec.against, rec.rules_against), asks)

    def target_order(self) -> dict[tuple[str, str], int]:
        order = {CASE_KEY: 0}
        for i, (typ, eid, _n, _notes) in enumerate(self.a.entities):
            order[(typ, eid)] = i + 1
        return order

    def decisions(self) -> tuple[Decision, ...]:
        cats = self.kb.catalogues
        groups: dict[tuple[str, tuple[str, str]], list[Recommendation]] = {}
        for rec in self.a.recommendations:
            header = cats.headers.get(rec.catalogue)
            if header is None or not header.exclusive:
                continue
            groups.setdefault((rec.catalogue, rec.target_key), []).append(rec)
        order = self.target_order()
        cat_order = {c: i for i, c in enumerate(cats.headers)}
        out = []
        for (cat, target), recs in sorted(groups.items(), key=lambda kv: (
                order.get(kv[0][1], len(order)), cat_order.get(kv[0][0], 0))):
            recs.sort(key=lambda r: STATUS_ORDER[r.status])
            label = recs[0].target or self.t["the_case"]
            out.append(Decision(label, target, cat, recs[0].catalogue_label,
                                tuple(self.option(r) for r in recs)))
        return tuple(out)

    def board(self) -> tuple[tuple[str, ...], tuple[BoardDecision, ...]]:
        from pvrules.explain.options import build_options

        opts = build_options(self.kb, self.result, self.lang, self.a)
        corner_ids = [c for c, _l in opts.corners]
        recs = {(r.item, r.target_key): r for r in self.a.recommendations}
        out = []
        for dec in opts.decisions:
            header = self.kb.catalogues.headers.get(dec.catalogue)
            if header is None or not header.exclusive:
                continue
            rows = []
            unspoken = tuple(op.label for op in dec.options if op.status == "none")
            for op in dec.options:
                if op.status == "none":
                    continue
                by_corner = {c.corner: c for c in op.cells}
                cells = tuple(_cell(by_corner.get(c)) for c in corner_ids)
                general = "".join(_cell(c) for c in op.cells if c.corner not in corner_ids)
                reasons = tuple(f"{'+' if a.direction == 'for' else '−'} {a.title}: {a.text}"
                                for a in op.arguments)
                verdict = op.strength_label if op.status == "recommended" else op.status_label
                rows.append(BoardOption(op.item, op.label, op.status, verdict, op.favoured,
                                        cells, general, reasons,
                                        recs.get((op.item, dec.target_key))))
            out.append(BoardDecision(dec.target or self.t["the_case"], dec.catalogue,
                                     dec.catalogue_label, dec.verdict, tuple(rows),
                                     unspoken))
        return tuple(label for _c, label in opts.corners), tuple(out)

    def fired(self) -> tuple[FiredRule, ...]:
        out = []
        for firing in self.result.firings:
            step = self.helper.chain(firing.key)[-1]
            out.append(FiredRule(step, step.rule_id, step.title, step.focus, step.text,
                                 step.conclusion, step.sources))
        return tuple(out)

    def facts_used(self) -> tuple[FactView, ...]:
        keys = [CASE_KEY, *[(typ, eid) for typ, eid, _n, _notes in self.a.entities]]
        out = []
        for key in keys:
            kind = CASE if key == CASE_KEY else key[0]
            for fact in self.kb.vocab.facts_of(kind):
                if fact.origin == "input" and self.result.value(key, fact.id) is not None:
                    out.append(self.helper.fact_view(key, fact.id))
        return tuple(out)

    def triangle(self) -> tuple[tuple[TriangleCorner, ...], Imbalance, str]:
        corners = mark_lagging([TriangleCorner(c.id, c.label, c.level,
                                               fraction(c.rank, c.max_rank))
                                for c in self.a.corners])
        found = imbalance(corners)
        labels = {c.id: c.label.lower() for c in corners}
        levels = {c.id: c.level for c in corners}
        parts = []
        if found.lagging:
            key = "imbalance" if len(found.lagging) == 1 else "imbalance_many"
            parts.append(self.t[key].format(
                lagging=self._join(f"{labels[i]} ({levels[i]})" for i in found.lagging),
                leading=self._join(f"{labels[i]} ({levels[i]})" for i in found.leading)))
        elif len([c for c in corners if c.fraction is not None]) >= 2:
            parts.append(self.t["balanced"])
        if found.unknown:
            parts.append(self.t["unknown_corners"].format(
                corners=self._join(labels[i] for i in found.unknown)))
        return corners, found, " ".join(parts)

    def _join(self, words: Iterable[str]) -> str:
        items = list(words)
        if len(items) <= 1:
            return "".join(items)
        return f"{', '.join(items[:-1])} {self.t['and']} {items[-1]}"

    def telling(self, fact: FactView) -> bool:
        """Whether an indicator stands out: a level off the middle of its scale, or a yes/no."""
        if not fact.known:
            return False
        definition = self.kb.vocab.facts.get(fact.fact)
        if definition is None:
            return False
        if definition.type == "bool":
            return True
        if definition.type != "level":
            return False
        ids = [v.id for v in self.kb.vocab.value_defs(definition)]
        if fact.raw not in ids:
            return False
        return len(ids) % 2 == 0 or ids.index(str(fact.raw)) != len(ids) // 2

    def diagnosis_lines(self) -> tuple[str, ...]:
        """One short line per corner: its level and the indicators that stand out."""
        lines = []
        for c in self.a.corners:
            shown = [f"{f.label.lower()} {f.value}" for f in c.indicators
                     if self.telling(f)][:SUMMARY_INDICATORS]
            rest = f" — {'; '.join(shown)}" if shown else ""
            lines.append(f"{c.label}: {c.level}{rest}.")
        return tuple(lines)

    def main_recommendations(self, decisions: tuple[Decision, ...],
                             measures: tuple[Option, ...]) -> tuple[tuple[str, ...], str]:
        """The recommended option of every decision and the strongest measures.

        Measures: the strongly recommended ones (at least :data:`SUMMARY_MEASURES`
        when there are that many); the rest are counted in a closing sentence.
        """
        out = []
        for d in decisions:
            if d.chosen is not None:
                out.append(f"{d.target}: {d.chosen.label} ({d.chosen.strength_label}).")
        recommended = [m for m in measures if m.status == "recommended"]
        strong = [m for m in recommended if m.rec.strength == "sterk"]
        shown = strong if len(strong) >= SUMMARY_MEASURES else recommended[:SUMMARY_MEASURES]
        for m in shown:
            target = f" ({m.rec.target})" if m.rec.target else ""
            out.append(f"{m.label}{target} ({m.strength_label}).")
        rest = len(measures) - len(shown)
        more = self.t["more_measures"].format(n=rest) if rest > 0 else ""
        return tuple(out), more

    def build(self) -> ReportData:
        decisions = self.decisions()
        has_forms = FORM_CATALOGUE in self.kb.catalogues.headers
        forms = tuple(d for d in decisions if d.catalogue == FORM_CATALOGUE or not has_forms)
        exclusive = {h.id for h in self.kb.catalogues.headers.values() if h.exclusive}
        measures = tuple(self.option(r) for r in self.a.recommendations
                         if r.catalogue not in exclusive and r.status != "advised_against")
        against = tuple(self.option(r) for r in self.a.recommendations
                        if r.catalogue not in exclusive and r.status == "advised_against")
        triangle, found, text = self.triangle()
        board_corners, board = self.board()
        fired = self.fired()
        # numbered in order of first citation: the advice's sources, then the appendix
        cited = list(dict.fromkeys([*(s.id for s in self.a.sources),
                                    *(s for f in fired for s in f.sources)]))
        known = self.kb.catalogues.sources
        sources = tuple(SourceView(d.id, d.title, d.url, d.section, d.uncertain)
                        for s in cited if (d := known.get(s)) is not None)
        parties = tuple(Party(self.kb.vocab.entities[typ].label.get(self.lang), eid, name,
                              notes) for typ, eid, name, notes in self.a.entities
                        if typ in self.kb.vocab.entities)
        try:
            version = metadata.version("pvrules")
        except metadata.PackageNotFoundError:  # pragma: no cover - source checkout
            version = "unknown"
        return ReportData(
            self.a, self.lang, self.t, self.day.isoformat(), long_date(self.day, self.lang),
            self.a.title, self.a.question, self.a.client, self.a.date, self.a.notes, parties,
            self.a.corners, triangle, found, text, self.diagnosis_lines(),
            *self.main_recommendations(decisions, measures), forms, measures, against,
            decisions, board_corners, board, fired, self.facts_used(), self.a.derived,
            self.a.unknown, sources, self.a.kb_hash, self.a.engine, version, self.a.case_id)


def build_report_data(kb: KnowledgeBase, result: Result, advice: Advice,
                      day: dt.date) -> ReportData:
    """Compute the report's data for ``advice`` (built from ``result`` with ``kb``).

    Args:
        kb: the knowledge base the advice was built with.
        result: the evaluation result behind the advice.
        advice: the advice, in the report's language.
        day: the report's date.

    Returns:
        The data every report template receives as ``r``.
    """
    return _Builder(kb, result, advice, day).build()
