"""Lint: sources a gemeenteraad can read, and texts that cite nothing a reader cannot see.

* ``source-mirror-url`` (error): a source's ``url`` is on a document-upload or
  mirror site; cite the original publisher, or keep the copy in ``mirror_url``.
* ``source-no-year`` / ``source-no-author`` (error): every source has a year and an
  author or publisher; a placeholder ("onbekend", "unknown", "anoniem") is no author.
* ``source-after-rule`` (error): a rule (or catalogue item) cites a source published
  on or after its own ``valid_to``: the rule cannot rest on it.
* ``source-replaced-unknown`` (error): ``replaced_by`` names no source, or one that cannot
  be cited on ``replaced_on`` (then the old framework's claims would rest on nothing).
* ``source-replaced-cited`` (warning): a rule or item that applies only from ``valid_from``
  cites a framework that was replaced before that day: cite the newer one.
* ``cites-brief`` (error): a text cites the project's domain brief ("brief §2.1").
* ``press-release-legal`` (error): a rule tagged ``juridisch`` (a legal point) cites a
  source of kind ``persbericht``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from urllib.parse import urlparse

from pvrules.authoring.findings import Finding, error, warning
from pvrules.authoring.loading import LintBase, knowledge_line
from pvrules.errors import Problem
from pvrules.suggest import did_you_mean
from pvrules.validate.catalogue import SourceDef
from pvrules.validate.dates import parse_iso, published_after
from pvrules.validate.mirrors import is_mirror

UNKNOWN_NAMES = frozenset({"onbekend", "unknown", "anoniem", "anonymous", "n.n.", "nn", "?", "-"})
"""Placeholders that name no author or publisher a reader could look the source up by."""
LEGAL_TAG = "juridisch"
"""The rule tag that marks a legal point (see docs/rule-format.md)."""
BRIEF = re.compile(r"\bbrief\s*§", re.IGNORECASE)
RULE_TEXTS = ("title", "principle", "explanation")
ITEM_TEXTS = ("label", "description", "suits", "not_suits", "asks_of", "who", "when", "law")


def is_named(name: str | None) -> bool:
    """Whether ``name`` names an author or publisher (not empty, not a placeholder)."""
    return bool(name and name.strip().lower() not in UNKNOWN_NAMES)


def sources(base: LintBase) -> list[Finding]:
    """Findings on the sources themselves: mirror addresses, year, author or publisher."""
    assert base.knowledge is not None
    out: list[Finding] = []
    for src in base.knowledge.catalogues.sources.values():
        file, line = knowledge_line(base.knowledge, "sources", src.id)
        if src.url and is_mirror(src.url):
            out.append(error(Problem(
                "source-mirror-url", f"source '{src.id}': {urlparse(src.url).hostname} is a "
                "document-upload or mirror site, which a reader must never be sent to",
                file, line, "url", allowed=("the original publisher's address",),
                suggestion="move the address to 'mirror_url' (never printed) and give the "
                "original publisher's 'url', or none")))
        if src.year is None:
            out.append(error(Problem(
                "source-no-year", f"source '{src.id}' has no 'year'", file, line, "year",
                suggestion="add the year of publication (and 'date' when the day matters)")))
        if not (is_named(src.author) or is_named(src.publisher)):
            placeholder = [v for v in (src.author, src.publisher) if v]
            what = (f"names no one ({', '.join(repr(v) for v in placeholder)})" if placeholder
                    else "has neither 'author' nor 'publisher'")
            out.append(error(Problem(
                "source-no-author", f"source '{src.id}' {what}: a reader cannot look it up",
                file, line, allowed=("author", "publisher"),
                suggestion="name the author, or the organisation that published it; if neither "
                "is known, cite a source that is, or none")))
        for field, text in _source_texts(src):
            if BRIEF.search(text):
                out.append(_brief(file, line, f"source '{src.id}' {field}"))
        out.extend(_replacement(base, src, file, line))
    return out


def _replacement(base: LintBase, src: SourceDef, file: str | None, line: int | None
                 ) -> list[Finding]:
    """``replaced_by`` must name a source that can be cited from ``replaced_on``."""
    assert base.knowledge is not None
    if src.replaced_by is None or src.replaced_on is None:
        return []
    known = base.knowledge.catalogues.sources
    newer = known.get(src.replaced_by)
    if newer is None:
        return [error(Problem(
            "source-replaced-unknown", f"source '{src.id}' is replaced_by '{src.replaced_by}', "
            "which is not a source", file, line, "replaced_by",
            suggestion=did_you_mean(src.replaced_by, known) or "name the id of the newer "
            "framework in knowledge/sources*.yaml"))]
    if not newer.citable_on(parse_iso(src.replaced_on)):
        return [error(Problem(
            "source-replaced-unknown", f"source '{src.id}' is replaced on {src.replaced_on} "
            f"by '{newer.id}' ({_when(newer)}), which cannot be cited on that day", file, line,
            "replaced_on", suggestion=f"give '{newer.id}' its full 'date', or set replaced_on "
            "to the day the newer framework was published"))]
    return []


def _replaced_cited(ref: str, src: SourceDef, valid_from: str | None, file: str | None,
                    line: int | None, what: str, rule_id: str | None = None
                    ) -> Finding | None:
    """A warning when ``what`` applies only from ``valid_from`` and cites a replaced framework."""
    if valid_from is None or not src.replaced(parse_iso(valid_from)):
        return None
    return warning(Problem(
        "source-replaced-cited", f"{what} applies from {valid_from} but cites '{ref}', which "
        f"'{src.replaced_by}' replaced on {src.replaced_on}", file, line, rule_id=rule_id,
        suggestion=f"did you mean '{src.replaced_by}'?"))


def rules(base: LintBase) -> list[Finding]:
    """Findings on what rules and catalogue items cite and say."""
    assert base.knowledge is not None
    cats = base.knowledge.catalogues
    out: list[Finding] = []
    for entry in base.entries:
        spec = entry.spec
        for field, lang, text in _texts(spec.model_dump(), RULE_TEXTS):
            if BRIEF.search(text):
                loc = (*entry.loc, field, lang) if lang else (*entry.loc, field)
                out.append(_brief(entry.file, entry.doc.line_of(loc) or entry.line,
                                  f"rule '{spec.id}' {field}", spec.id))
        for i, ref in enumerate(spec.sources):
            src = cats.sources.get(ref)
            if src is None:
                continue
            line = entry.doc.line_of((*entry.loc, "sources", i)) or entry.line
            if spec.valid_to is not None and _on_or_after(src, spec.valid_to):
                out.append(error(Problem(
                    "source-after-rule", f"source '{ref}' ({_when(src)}) appeared after this "
                    f"rule stopped applying (valid_to {spec.valid_to})", entry.file, line,
                    f"sources[{i}]", spec.id,
                    suggestion="a rule cannot rest on what was published after it; cite a "
                    "source from its own period, or change 'valid_to'")))
            found = _replaced_cited(ref, src, spec.valid_from, entry.file, line,
                                    f"rule '{spec.id}'", spec.id)
            if found is not None:
                out.append(found)
            if LEGAL_TAG in spec.tags and src.kind == "persbericht":
                out.append(error(Problem(
                    "press-release-legal", f"source '{ref}' is a press release, and this rule "
                    f"is tagged '{LEGAL_TAG}': a party's press release is no source for a "
                    "legal point", entry.file, line, f"sources[{i}]", spec.id,
                    suggestion="cite the law, the Staatscourant or another primary source")))
    for item_id, item in cats.items.items():
        file, line = knowledge_line(base.knowledge, "items", item_id)
        for field, _lang, text in _texts(item.model_dump(), ITEM_TEXTS):
            if BRIEF.search(text):
                out.append(_brief(file, line, f"item '{item_id}' {field}"))
        for ref in item.sources:
            src = cats.sources.get(ref)
            found = None if src is None else _replaced_cited(
                ref, src, item.valid_from, file, line, f"item '{item_id}'")
            if found is not None:
                out.append(found)
            if src is not None and item.valid_to is not None and _on_or_after(src, item.valid_to):
                out.append(error(Problem(
                    "source-after-rule", f"item '{item_id}' cites source '{ref}' "
                    f"({_when(src)}), which appeared after the item's valid_to "
                    f"{item.valid_to}", file, line,
                    suggestion="cite a source from the item's own period")))
    for head_id, head in cats.headers.items():
        for field, _lang, text in _texts(head.model_dump(), ("label", "description")):
            if BRIEF.search(text):
                out.append(_brief(None, None, f"catalogue '{head_id}' {field}"))
    return out


def _brief(file: str | None, line: int | None, what: str, rule_id: str | None = None
           ) -> Finding:
    return error(Problem(
        "cites-brief", f"{what} cites the project's domain brief ('brief §'), which no reader "
        "of an advice has", file, line, rule_id=rule_id,
        suggestion="cite the sources the brief is based on (by source id), or drop the "
        "reference"))


def _on_or_after(src: SourceDef, day: str) -> bool:
    """Whether ``src`` cannot be shown to precede ``day`` (a year alone: an earlier year)."""
    return published_after(src.year, src.date, parse_iso(day) - dt.timedelta(days=1))


def _when(src: SourceDef) -> str:
    return src.date or str(src.year)


def _source_texts(src: SourceDef) -> Iterator[tuple[str, str]]:
    yield "title", src.title
    if src.section:
        yield "section", src.section
    if src.note:
        yield "note", f"{src.note.nl} {src.note.en}"


def _texts(data: dict[str, object], fields: Iterable[str]
           ) -> Iterator[tuple[str, str | None, str]]:
    """(field, language or ``None``, text) for bilingual and plain text fields."""
    for field in fields:
        value = data.get(field)
        values = value if isinstance(value, list | tuple) else [value]
        for item in values:
            if isinstance(item, dict):
                for lang in ("nl", "en"):
                    if isinstance(item.get(lang), str):
                        yield field, lang, str(item[lang])
            elif isinstance(item, str):
                yield field, None, item
