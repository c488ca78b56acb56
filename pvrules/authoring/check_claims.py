"""Lint: what a cited source can carry, and texts that index lists.

* ``norm-as-evidence`` (error): a rule cites a law or policy framework and its text says a
  fact "blijkt uit" (shows from) something. A law states a norm; it shows no fact. Write
  "volgens art. X" or "dat verdraagt zich slecht met art. X".
* ``kader-for-effect`` (info): a sentence claims an effect ("vermindert", "vergroot",
  "leidt tot" ...) and every source of the rule is a law or framework, while the sentence
  names no framework. A law does not show what a form achieves: cite a study or evaluation
  that does, or none.
* ``news-for-effect`` (warning): a rule claims an effect (an ``effect:`` with a sign, or a
  sentence with an effect verb) and its only evidence is news (every source that is not a law
  or framework is of kind ``nieuws``). A newspaper reports a study; cite the study, or none.
* ``source-not-for`` (error): a rule concludes what a cited source says it does not carry
  (its ``not_for``: ``effect`` for an option's effect on a corner, ``diagnose`` for the level
  of a corner). Cite a source that carries it, or none.
* ``law-at-effect`` (error): a rule concludes an option's effect on organisatie or publieke
  waarde and cites a law (kind ``wet``), while the sentence the option table prints (the first
  of its explanation) names no law. A law says who decides and how; it does not show what an
  option does for capacity or value. Cite a study that does, or none; or say in that sentence
  which rule of law it applies.
* ``route-source-unseen`` (warning): a rule that only adds route steps cites a source that
  is not a law or framework. A route step prints its law, never the rule's text, so such a
  source reaches the bibliography without a sentence that carries it. Cite the law, or none.
* ``source-scope-unknown`` (error): a source's ``applies_when`` names a fact the
  vocabulary lacks, or a value that fact cannot take.
* ``source-out-of-scope`` (warning): a rule cites a framework whose scope names a case fact
  the rule's own condition fixes to other values, so the advice never shows the citation.
* ``text-index`` (error): a rule text indexes a list (``{{ optie.partners_items[0].x }}``
  or ``items.0``); with an empty list the advice cannot be written. Loop instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from pvrules.authoring.findings import Finding, error, info, warning
from pvrules.authoring.loading import LintBase, knowledge_line
from pvrules.errors import Problem
from pvrules.validate.rules import RuleEntry

NORM_KINDS = frozenset({"wet", "beleidskader"})
"""Kinds of source that state a norm, not a fact or an effect."""
NEWS_KINDS = frozenset({"nieuws"})
"""Kinds of source that report what others found; never the ground of an effect claim."""
SHOWS = re.compile(r"\b(zo )?blijkt (uit|dit uit)\b|\bas shown (by|in)\b", re.IGNORECASE)
EFFECT = re.compile(
    r"\b(vermindert|verminderen|verbetert|verbeteren|vergroot|vergroten|verhoogt|verhogen|"
    r"versterkt|versterken|verzwakt|leidt tot|leiden tot|neemt af|neemt toe)\b", re.IGNORECASE)
NAMES_FRAMEWORK = re.compile(
    r"\b(wet|wetten|beleidskader|kader|art\.|artikel|regeling|verordening|richtlijn|Wgr|Awb)\b",
    re.IGNORECASE)
LAW_KINDS = frozenset({"wet"})
"""Kinds of source that are a statute: they carry a rule of law, never what an option achieves."""
NOT_LAW_CORNERS = frozenset({"organisatie", "publieke_waarde"})
"""Corners whose effect a statute cannot show (legitimacy may rest on who decides by law)."""
NAMES_LAW = re.compile(
    r"\bart\.|\b(wet|wettelijke?|artikel|Awb|Wgr|Gemeentewet|Provinciewet|Aanbestedingswet|"
    r"Warmtewet|verordening|richtlijn)\b", re.IGNORECASE)
FIRST_SENTENCE = re.compile(r"(?<=[.!?])\s+")
"""A sentence break as the option table finds it (explain.basics.first_sentence)."""
TEXT_FIELDS = ("title", "principle", "explanation")
SENTENCE = re.compile(r"(?<=[.])\s+")


def claims(base: LintBase) -> list[Finding]:
    """Findings on what rules say against the kinds of source they cite."""
    assert base.knowledge is not None
    sources = base.knowledge.catalogues.sources
    out: list[Finding] = []
    for entry in base.entries:
        spec = entry.spec
        kinds = {sources[s].kind for s in spec.sources if s in sources}
        out.extend(_news_for_effect(entry, kinds))
        out.extend(_not_for(entry, sources))
        out.extend(_route_unseen(entry, sources))
        out.extend(_law_at_effect(entry, sources))
        if not kinds & NORM_KINDS:
            continue
        all_norm = kinds <= NORM_KINDS
        for field, lang, text in _texts(spec.model_dump()):
            line = entry.doc.line_of((*entry.loc, field, lang)) or entry.line
            if SHOWS.search(text):
                out.append(error(Problem(
                    "norm-as-evidence", f"rule '{spec.id}' cites a law or framework and its "
                    f"{field} ({lang}) says something 'blijkt uit' it: a law states a norm, it "
                    "shows no fact", entry.file, line, f"{field}.{lang}", spec.id,
                    suggestion="write 'volgens art. X' or 'dat verdraagt zich slecht met "
                    "art. X', or cite the study that shows the fact")))
            if all_norm and field == "explanation" and lang == "nl":
                for sentence in SENTENCE.split(text):
                    effect = EFFECT.search(sentence)
                    if effect and not NAMES_FRAMEWORK.search(sentence):
                        out.append(info(Problem(
                            "kader-for-effect", f"rule '{spec.id}' claims an effect "
                            f"('{effect.group(0)}') and cites only laws or "
                            "frameworks, which state norms, not effects", entry.file, line,
                            f"{field}.{lang}", spec.id,
                            suggestion="cite a study or evaluation that shows the effect, or "
                            "no source at that sentence")))
                        break
    return out


CORNERS = frozenset({"publieke_waarde", "legitimiteit", "organisatie"})
"""The derived facts that are the level of a corner (what a ``diagnose`` rule concludes)."""


def _not_for(entry: RuleEntry, sources: Mapping[str, Any]) -> list[Finding]:
    """``source-not-for``: a rule cites a source for a kind of conclusion it does not carry."""
    spec = entry.spec
    concludes: set[str] = set()
    for action in spec.model_dump().get("then") or []:
        if not isinstance(action, dict):
            continue
        if action.get("effect"):
            concludes.add("effect")
        if action.get("derive") in CORNERS:
            concludes.add("diagnose")
    out: list[Finding] = []
    for i, ref in enumerate(spec.sources):
        src = sources.get(ref)
        not_for = tuple(getattr(src, "not_for", ()) or ())
        bad = sorted(concludes & set(not_for))
        if bad:
            line = entry.doc.line_of((*entry.loc, "sources", i)) or entry.line
            out.append(error(Problem(
                "source-not-for", f"rule '{spec.id}' concludes {' and '.join(bad)} and cites "
                f"'{ref}', which does not carry that (its not_for: "
                f"{', '.join(not_for)})", entry.file, line, f"sources[{i}]", spec.id,
                suggestion="cite a source that shows it (a study, an evaluation, or the case's "
                "own source for a case fact), or none: sources: []")))
    return out


def _law_at_effect(entry: RuleEntry, sources: Mapping[str, Any]) -> list[Finding]:
    """``law-at-effect``: a statute cited at an option's effect on capacity or value."""
    spec = entry.spec
    data = spec.model_dump()
    corners = sorted({a["effect"] for a in data.get("then") or [] if isinstance(a, dict)
                      and a.get("effect") in NOT_LAW_CORNERS and a.get("sign") in ("+", "0", "-")})
    if not corners:
        return []
    text = (data.get("explanation") or {}).get("nl") or ""
    first = FIRST_SENTENCE.split(" ".join(text.split()), maxsplit=1)[0]
    if NAMES_LAW.search(first):
        return []
    out: list[Finding] = []
    for i, ref in enumerate(spec.sources):
        src = sources.get(ref)
        if src is None or src.kind not in LAW_KINDS:
            continue
        line = entry.doc.line_of((*entry.loc, "sources", i)) or entry.line
        out.append(error(Problem(
            "law-at-effect", f"rule '{spec.id}' concludes an effect on {' and '.join(corners)} "
            f"and cites the law '{ref}', but the sentence the option table prints names no "
            "rule of law: a law says who decides and how, it does not show what an option does "
            "for capacity or value", entry.file, line, f"sources[{i}]", spec.id,
            suggestion="cite a study or evaluation that shows the effect, or none "
            "(sources: []); or name in that first sentence the article the effect rests on")))
    return out


def _route_unseen(entry: RuleEntry, sources: Mapping[str, Any]) -> list[Finding]:
    """``route-source-unseen``: a route-only rule cites a study or web page nobody sees cited."""
    spec = entry.spec
    actions = [{k for k, v in a.items() if v is not None}
               for a in spec.model_dump().get("then") or [] if isinstance(a, dict)]
    if not actions or any(keys - {"route"} for keys in actions):
        return []
    out: list[Finding] = []
    for i, ref in enumerate(spec.sources):
        src = sources.get(ref)
        if src is None or src.kind in NORM_KINDS:
            continue
        line = entry.doc.line_of((*entry.loc, "sources", i)) or entry.line
        out.append(warning(Problem(
            "route-source-unseen", f"rule '{spec.id}' only adds route steps and cites "
            f"'{ref}' ({src.kind}): a route step prints its law, not this rule's text, so the "
            "source would be listed without a sentence that carries it", entry.file, line,
            f"sources[{i}]", spec.id,
            suggestion="cite the law or framework the step rests on, or none: sources: []")))
    return out


def _news_for_effect(entry: RuleEntry, kinds: Iterable[object]) -> list[Finding]:
    """``news-for-effect``: an effect claim whose only evidence is a news report."""
    evidence = {k for k in kinds if k not in NORM_KINDS}
    if not evidence or not evidence <= NEWS_KINDS:
        return []
    spec = entry.spec
    data = spec.model_dump()
    signed = [a for a in data.get("then") or [] if isinstance(a, dict) and a.get("effect")
              and a.get("sign") in ("+", "-")]
    verb = next((m for _, lang, text in _texts(data) if lang == "nl"
                 for m in [EFFECT.search(text)] if m), None)
    if not signed and verb is None:
        return []
    what = (f"concludes '{signed[0]['sign']}' on {signed[0]['effect']}" if signed
            else f"claims an effect ('{verb.group(0) if verb else ''}')")
    return [warning(Problem(
        "news-for-effect", f"rule '{spec.id}' {what} and its only evidence is a news report: "
        "a newspaper reports what a study found, it does not show the effect itself",
        entry.file, entry.doc.line_of((*entry.loc, "sources")) or entry.line, "sources",
        spec.id, suggestion="cite the study or evaluation the report is about (with its own "
        "date), or no source at that sentence (sources: [])"))]


def scopes(base: LintBase) -> list[Finding]:
    """``applies_when`` of every source names known facts and values."""
    assert base.knowledge is not None
    vocab = base.knowledge.vocab
    out: list[Finding] = []
    for src in base.knowledge.catalogues.sources.values():
        if not src.applies_when:
            continue
        file, line = knowledge_line(base.knowledge, "sources", src.id)
        for fact_id, values in src.applies_when.items():
            fact = vocab.facts.get(fact_id)
            if fact is None:
                out.append(error(Problem(
                    "source-scope-unknown", f"source '{src.id}' applies_when names "
                    f"'{fact_id}', which is not a fact of the vocabulary", file, line,
                    "applies_when", allowed=tuple(sorted(vocab.facts))[:20],
                    suggestion="name a fact of knowledge/vocabulary (e.g. optievorm, "
                    "opdrachtgever_soort)")))
                continue
            allowed = _allowed(fact)
            bad = [v for v in values if allowed is not None and v not in allowed]
            if bad:
                out.append(error(Problem(
                    "source-scope-unknown", f"source '{src.id}' applies_when gives "
                    f"{fact_id} the value(s) {', '.join(map(str, bad))}, which it cannot take",
                    file, line, f"applies_when.{fact_id}",
                    allowed=tuple(str(a) for a in allowed or ()))))
    return out


def out_of_scope(base: LintBase) -> list[Finding]:
    """Rules that cite a framework their own condition keeps out of its scope."""
    assert base.knowledge is not None
    sources, vocab = base.knowledge.catalogues.sources, base.knowledge.vocab
    out: list[Finding] = []
    for entry in base.entries:
        spec = entry.spec
        required = _required(spec.when)
        for i, ref in enumerate(spec.sources):
            src = sources.get(ref)
            if src is None or not src.applies_when:
                continue
            case_facts = [f for f in src.applies_when
                          if (fact := vocab.facts.get(f)) is not None and fact.entity == "case"]
            if len(case_facts) != len(src.applies_when):
                continue  # a scope over options or partners: another entity may be in it
            if all(f in required and not set(required[f]) & set(src.applies_when[f])
                   for f in case_facts):
                line = entry.doc.line_of((*entry.loc, "sources", i)) or entry.line
                out.append(_scope_warning(entry.file, line, i, spec.id, ref, required))
    return out


def _scope_warning(file: str | None, line: int | None, i: int, rule_id: str, ref: str,
                    required: dict[str, tuple[object, ...]]) -> Finding:
    """The ``source-out-of-scope`` finding."""
    fixed = "; ".join(f"{k} = {', '.join(map(str, v))}" for k, v in sorted(required.items()))
    return warning(Problem(
        "source-out-of-scope", f"rule '{rule_id}' cites '{ref}', but its condition ({fixed}) "
        "keeps every case out of that source's scope (applies_when): the citation never shows",
        file, line, f"sources[{i}]", rule_id,
        suggestion="cite the framework that applies to these cases, or widen the condition"))


def _required(when: Any) -> dict[str, tuple[object, ...]]:
    """Case-level ``fact: value`` (or ``fact: [values]``) conditions every firing meets."""
    parts = when.get("all") if isinstance(when, dict) and set(when) == {"all"} else [when]
    out: dict[str, tuple[object, ...]] = {}
    for part in parts if isinstance(parts, list) else []:
        if not isinstance(part, dict) or len(part) != 1:
            continue
        (fact, value), = part.items()
        if isinstance(value, str | bool | int):
            out[fact] = (value,)
        elif isinstance(value, list) and all(isinstance(v, str | bool | int) for v in value):
            out[fact] = tuple(value)
    return out


def _allowed(fact: Any) -> tuple[object, ...] | None:
    """The values a fact can take, or ``None`` when any value of its type can."""
    if fact.type == "bool":
        return (True, False)
    if fact.values:
        return tuple(v.id for v in fact.values)
    return None


def indexes(entries: list[RuleEntry]) -> list[Finding]:
    """Rule texts that index a list instead of looping over it."""
    from jinja2 import TemplateSyntaxError, nodes

    from pvrules.authoring.check_texts import _env

    env = _env()
    out: list[Finding] = []
    for entry in entries:
        spec = entry.spec
        for field, lang, text in _texts(spec.model_dump()):
            try:
                tree = env.parse(text)
            except TemplateSyntaxError:
                continue  # text-syntax reports it
            for node in tree.find_all(nodes.Getitem):
                arg = node.arg
                if isinstance(arg, nodes.Neg):
                    arg = arg.node
                if isinstance(arg, nodes.Const) and isinstance(arg.value, int):
                    line = entry.doc.line_of((*entry.loc, field, lang)) or entry.line
                    out.append(error(Problem(
                        "text-index", f"rule '{spec.id}' {field} ({lang}) takes item "
                        f"{arg.value} of a list; when that list is shorter (an option "
                        "without partners), the advice cannot be written", entry.file, line,
                        f"{field}.{lang}", spec.id,
                        suggestion="loop over the list: {% for p in optie.partners_items %}"
                        "{{ p.naam }}{{ ', ' if not loop.last }}{% endfor %}")))
                    break
    return out


def _texts(data: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
    for field in TEXT_FIELDS:
        value = data.get(field)
        if isinstance(value, dict):
            for lang in ("nl", "en"):
                if isinstance(value.get(lang), str):
                    yield field, lang, value[lang]
