"""Lint against hindsight, with the example cases: rules are general, sources are dated.

* ``names-example-entity`` (warning): a rule or catalogue text names an entity of an
  example case (a partner, opgave, collaboration or option, by name, or a partner by
  id). Rules are general; a lesson from a real case belongs in a dated source.
* ``source-after-case`` (error): a rule that fires in an example case cites (itself,
  or through the items it concludes) a source published after that case's date.
* ``source-year-only`` (error): as above, for a source with only a year, the case's
  own: it cannot be shown to precede the case (give it its full ``date``).
* ``source-replaced`` (error): as above, for a policy framework that a newer one
  (``replaced_by``) had replaced by the case's date.
* ``advises-what-case-has`` (warning): a rule that fires in an example recommends an item
  whose ``done_by`` names the kind of one of the example's own sources (a new
  administrative-strength assessment after a rekenkamer report).
* ``afloop-unsourced`` (warning): a rule that fires in an example recommends an item whose
  label shares a word with the example's ``afloop`` (what happened later) that the rest of
  the case file does not use, while neither the rule nor the item cites a source from before
  the case's date: the advice may be recommending the case's outcome. Cite a dated source
  that proposes the measure, or let the rule not fire on these facts.
* ``example-invalid`` (error): an example case does not load with this knowledge base.

The examples are the shipped ones (with the built-in knowledge base) or the case
files given to :func:`pvrules.authoring.lint.run_lint` as ``examples``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pvrules.authoring.check_sources import ITEM_TEXTS, RULE_TEXTS, _texts
from pvrules.authoring.findings import Finding, error, warning
from pvrules.authoring.loading import LintBase, knowledge_line
from pvrules.compile.ir import Assess, Recommend
from pvrules.errors import Problem, PvrulesError
from pvrules.load.yamlio import parse_text
from pvrules.validate.case import Case, case_from_document
from pvrules.validate.catalogue import SourceDef, cited_source
from pvrules.validate.dates import year_only_same_year
from pvrules.validate.rules import RuleEntry

MIN_TERM = 4
"""Shorter names and ids are too likely to be ordinary words."""


@dataclass(frozen=True)
class Example:
    """An example case file: its display name and text."""

    name: str
    text: str


def shipped_examples() -> list[Example]:
    """The built-in example cases."""
    from pvrules.pipeline import example_names, example_text

    out = []
    for name in example_names():
        text, shown = example_text(name)
        out.append(Example(shown, text))
    return out


def load_examples(base: LintBase, examples: Sequence[Example]
                  ) -> tuple[list[tuple[Example, Case]], list[Finding]]:
    """The examples that load with ``base``'s vocabulary, and an error for each that does not."""
    assert base.knowledge is not None
    cases, findings = [], []
    for example in examples:
        try:
            case = case_from_document(parse_text(example.text, example.name),
                                      base.knowledge.vocab)
        except PvrulesError as err:
            first = err.problems[0] if err.problems else None
            findings.append(error(Problem(
                "example-invalid", f"example case does not load: {err.message}"
                + (f" ({first.message})" if first else ""), example.name,
                first.line if first else 1,
                suggestion="fix the example so that the hindsight checks can run on it")))
            continue
        cases.append((example, case))
        known = base.knowledge.catalogues.sources
        own = {src.id for src in case.own_sources}  # written in place in the case file
        for ref in case.meta.bronnen:
            if ref not in known and ref not in own:
                from pvrules.suggest import did_you_mean

                findings.append(error(Problem(
                    "unknown-source", f"casus.bronnen names unknown source '{ref}'",
                    example.name, _line_of(example, ref), "casus.bronnen",
                    suggestion=did_you_mean(ref, known)
                    or "add it to the sources file first")))
    return cases, findings


def _line_of(example: Example, text: str) -> int | None:
    for number, line in enumerate(example.text.splitlines(), start=1):
        if text in line:
            return number
    return None


def _generic_terms(base: LintBase) -> set[str]:
    """Words of the knowledge base itself: ids and labels of facts, values, items."""
    assert base.knowledge is not None
    vocab, cats = base.knowledge.vocab, base.knowledge.catalogues
    words: set[str] = set()
    for fact in vocab.facts.values():
        words |= {fact.id, fact.label.nl, fact.label.en}
        words |= {t for v in (fact.values or ()) for t in (v.id, v.nl, v.en)}
    for scale in vocab.scales.values():
        words |= {t for v in scale.values for t in (v.id, v.nl, v.en)}
    for ent in vocab.entities.values():
        words |= {ent.id, ent.collection, ent.label.nl, ent.label.en}
    for item_id, item in cats.items.items():
        words |= {item_id, item.label.nl, item.label.en}
    return {w.lower() for w in words}


def _terms(cases: Iterable[tuple[Example, Case]], generic: set[str]) -> dict[str, str]:
    """Term → the example that names it.

    Names count when they are proper names (they start with a capital letter), ids when
    they look like identifiers (``heeze_leende``); ordinary words of the knowledge base
    and short terms never count.
    """
    out: dict[str, str] = {}
    for example, case in cases:
        for ent in case.all_entities():
            candidates = [ent.name] if ent.name[:1].isupper() else []
            if ent.type == "partner" and re.search(r"[_0-9]", ent.id):
                candidates.append(ent.id)
            for raw in candidates:
                term = raw.strip()
                if len(term) >= MIN_TERM and term.lower() not in generic:
                    out.setdefault(term, example.name)
    return out


def _at_sentence_start(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    return not before or before[-1] in ".!?:;\n"


def entity_names(base: LintBase, cases: Sequence[tuple[Example, Case]]) -> list[Finding]:
    """A warning for every rule or catalogue text that names an example case's entity."""
    assert base.knowledge is not None
    terms = _terms(cases, _generic_terms(base))
    if not terms:
        return []
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(t) for t in
                                                     sorted(terms, key=len, reverse=True))
                         + r")(?![\w-])")
    out: list[Finding] = []

    def check(text: str, what: str, file: str | None, line: int | None,
              rule_id: str | None = None) -> None:
        found = {m.group(1) for m in pattern.finditer(text)
                 if re.search(r"[\s_-]", m.group(1)) or not _at_sentence_start(text, m.start())}
        for match in sorted(found):
            out.append(warning(Problem(
                "names-example-entity", f"{what} names '{match}', an entity of the example "
                f"case {terms[match]}", file, line, rule_id=rule_id,
                suggestion="write rules in general terms; a lesson from a real case belongs "
                "in a dated source that the rule cites")))

    for entry in base.entries:
        for field, lang, text in _texts(entry.spec.model_dump(), RULE_TEXTS):
            loc = (*entry.loc, field, lang) if lang else (*entry.loc, field)
            check(text, f"the {field}" + (f" ({lang})" if lang else ""), entry.file,
                  entry.doc.line_of(loc) or entry.line, entry.spec.id)
    for item_id, item in base.knowledge.catalogues.items.items():
        file, line = knowledge_line(base.knowledge, "items", item_id)
        for field, lang, text in _texts(item.model_dump(), ITEM_TEXTS):
            check(text, f"item '{item_id}' {field}" + (f" ({lang})" if lang else ""), file,
                  line)
    return out


def hindsight(base: LintBase, cases: Sequence[tuple[Example, Case]]) -> list[Finding]:
    """An error for every source cited in an example's advice but published after its date."""
    from pvrules.infer.reference import ReferenceEngine

    assert base.knowledge is not None
    cats = base.knowledge.catalogues
    engine = ReferenceEngine(tuple(base.rules), base.knowledge.vocab)
    by_id = {e.spec.id: e for e in base.entries}
    out: list[Finding] = []
    seen: set[tuple[str, str, str]] = set()
    for example, case in cases:
        if case.date_defaulted:
            continue
        day = case.peildatum
        result = engine.evaluate(case)
        for firing in result.firings:
            rule = engine.plan.by_id[firing.rule_id]
            entry = by_id.get(rule.id)
            if entry is None:
                continue
            cited: list[tuple[str, str | None]] = [(s, None) for s in entry.spec.sources]
            items = [c.item for c in rule.conclusions if isinstance(c, Recommend)]
            items += [c.name for c in rule.conclusions
                      if isinstance(c, Assess) and c.name in cats.items]
            items += list(rule.frameworks)
            cited += [(s, item) for item in items for s in cats.items[item].sources]
            out.extend(_already_done(base, example, case, entry, rule.conclusions, seen))
            out.extend(_afloop_unsourced(base, example, case, entry, rule.conclusions, seen))
            for ref, via in cited:
                src = cats.sources.get(ref)
                key = (rule.id, ref, example.name)
                if src is None or key in seen or cited_source(cats.sources, ref, day):
                    continue
                seen.add(key)
                where = f" through item '{via}'" if via else ""
                line = entry.line
                if via is None:
                    line = entry.doc.line_of((*entry.loc, "sources",
                                              entry.spec.sources.index(ref))) or line
                out.append(error(_not_citable(src, day, (
                    f"this rule fires in the example {example.name} (datum "
                    f"{day.isoformat()}) and cites{where} source '{ref}' "
                    f"({src.date or src.year})"), entry.file, line, rule.id)))
    return out


def _already_done(base: LintBase, example: Example, case: Case, entry: RuleEntry,
                  conclusions: Sequence[object], seen: set[tuple[str, str, str]]
                  ) -> list[Finding]:
    """A warning when ``entry`` recommends an item that one of the case's sources shows done."""
    assert base.knowledge is not None
    cats = base.knowledge.catalogues
    out: list[Finding] = []
    for concl in conclusions:
        if not isinstance(concl, Recommend) or not cats.items[concl.item].done_by:
            continue
        item = cats.items[concl.item]
        done = [s for s in case.meta.bronnen
                if s in cats.sources and cats.sources[s].kind in item.done_by]
        key = (entry.spec.id, f"done:{concl.item}", example.name)
        if not done or key in seen:
            continue
        seen.add(key)
        out.append(warning(Problem(
            "advises-what-case-has", f"this rule fires in the example {example.name} and "
            f"recommends '{concl.item}', but the case's own source '{done[0]}' "
            f"({cats.sources[done[0]].kind}) shows that done", entry.file, entry.line,
            rule_id=entry.spec.id,
            suggestion="did you mean to state the study in the case (e.g. "
            "'bestuurskrachtonderzoek_gedaan: true') and gate the rule on it? The advice "
            "should use the report's findings, not ask for it again")))
    return out


AFLOOP_WORD = re.compile(r"[a-zà-ÿ]{8,}")
"""Words long enough to be a term of their own (klantteams, ontvlechting), not filler."""


def _without_afloop(text: str) -> str:
    """The case file's text without its top-level ``afloop:`` block."""
    keep, inside = [], False
    for line in text.splitlines():
        if line.startswith("afloop:"):
            inside = True
            continue
        if inside and (line.startswith((" ", "\t")) or not line.strip()):
            continue
        inside = False
        keep.append(line)
    return "\n".join(keep)


def _afloop_unsourced(base: LintBase, example: Example, case: Case, entry: RuleEntry,
                      conclusions: Sequence[object], seen: set[tuple[str, str, str]]
                      ) -> list[Finding]:
    """A warning when ``entry`` recommends, without a dated source, what the afloop reports."""
    assert base.knowledge is not None
    if not case.afloop:
        return []
    cats = base.knowledge.catalogues
    afloop = set(AFLOOP_WORD.findall(case.afloop.lower()))
    before = _without_afloop(example.text).lower()
    out: list[Finding] = []
    for concl in conclusions:
        if not isinstance(concl, Recommend):
            continue
        item = cats.items[concl.item]
        words = sorted(w for w in set(AFLOOP_WORD.findall(item.label.nl.lower())) & afloop
                       if w not in before)
        refs = [*entry.spec.sources, *item.sources]
        key = (entry.spec.id, f"afloop:{concl.item}", example.name)
        if not words or key in seen or any(
                cited_source(cats.sources, r, case.peildatum) for r in refs):
            continue
        seen.add(key)
        out.append(warning(Problem(
            "afloop-unsourced", f"this rule fires in the example {example.name} and recommends "
            f"'{concl.item}' ('{words[0]}'), which the example's afloop reports as what happened "
            f"after {case.peildatum.isoformat()}, and no source from before that date carries "
            "it", entry.file, entry.line, rule_id=entry.spec.id,
            suggestion="cite a dated source that proposes the measure, or keep the rule from "
            "firing on the facts the case knew at its date")))
    return out


def _not_citable(src: SourceDef, day: dt.date, head: str, file: str | None,
                 line: int | None, rule_id: str) -> Problem:
    """Why a cited source may not be cited on ``day``: replaced, year only, or later."""
    if src.replaced(day):
        return Problem(
            "source-replaced", f"{head}, which '{src.replaced_by}' replaced on "
            f"{src.replaced_on}", file, line, rule_id=rule_id,
            suggestion=f"did you mean '{src.replaced_by}'? Cite the framework in force on the "
            f"case's date: give this rule valid_to: \"{src.replaced_on}\" and a twin from that "
            f"day that cites '{src.replaced_by}', or cite both if the claim is in both")
    if year_only_same_year(src.year, src.date, day):
        return Problem(
            "source-year-only", f"{head}, which has only a year, the example's own: it "
            "cannot be shown to precede the case", file, line, rule_id=rule_id,
            suggestion=f"give source '{src.id}' its full 'date' (YYYY-MM-DD) if it appeared "
            f"before {day.isoformat()}; otherwise it is cited from {day.year + 1} on")
    return Problem(
        "source-after-case", f"{head}, published after that date", file, line,
        rule_id=rule_id,
        suggestion="an advice may use only what was knowable at its date: cite a source "
        "from before it, or give the rule a 'valid_from'")

