"""A case's own sources: ``casus.bronnen`` entries that define a source in the case file.

A case lists its sources in ``casus.bronnen``. An entry is either the id of a source in
the knowledge base (``knowledge/sources*.yaml``) or, for a document only this case uses
(a raadsvoorstel, a local newspaper article, an evaluation report), the whole source
written in place, in the format of a knowledge-base source::

    casus:
      bronnen:
        - bar_rekenkamer_2015                 # a knowledge-base source
        - id: evaluatie_wdw_2020              # the case's own source
          title: Evaluatie Werkorganisatie Druten Wijchen
          publisher: Gemeente Wijchen
          year: 2020
          url: https://www.wijchen.nl/...

The same sourcing rules hold as for the knowledge base: an author or publisher, a year
(checked against the case's date by the explanation) and, where known, the original
publisher's address; an address on a document-upload site goes in ``mirror_url``, which no
report prints.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlparse

from pydantic import ValidationError

from pvrules.errors import Problem
from pvrules.load.yamlio import Document, format_loc
from pvrules.suggest import did_you_mean
from pvrules.validate.catalogue import SourceDef
from pvrules.validate.mirrors import is_mirror
from pvrules.validate.problems import pydantic_problems

WHERE = ("casus", "bronnen")


def own_sources(meta_raw: Any, doc: Document, problems: list[Problem]) -> tuple[SourceDef, ...]:
    """The sources defined in place in ``casus.bronnen``; each entry becomes its id.

    ``meta_raw`` (the ``casus:`` mapping) is changed in place so that ``casus.bronnen``
    holds ids only. Problems (a bad definition, a missing author and publisher, a mirror
    address, an id given twice) are added to ``problems``.
    """
    if not isinstance(meta_raw, dict) or not isinstance(meta_raw.get("bronnen"), list):
        return ()
    found: list[SourceDef] = []
    ids: list[Any] = []
    seen: set[str] = set()
    for i, entry in enumerate(meta_raw["bronnen"]):
        loc = (*WHERE, i)
        if not isinstance(entry, dict):
            if isinstance(entry, str) and entry in seen:
                problems.append(_problem("duplicate-source", f"source '{entry}' is listed twice",
                                         doc, loc))
            ids.append(entry)
            seen.add(str(entry))
            continue
        try:
            src = SourceDef.model_validate(entry)
        except ValidationError as err:
            problems.extend(pydantic_problems(err, SourceDef, doc, loc))
            continue  # reported; not also an unknown id
        problems.extend(_policy(src, doc, loc))
        if src.id in seen:
            problems.append(_problem("duplicate-source", f"source '{src.id}' is listed twice",
                                     doc, loc))
        seen.add(src.id)
        found.append(src)
        ids.append(src.id)
    meta_raw["bronnen"] = ids
    return tuple(found)


def known_sources(ids: tuple[str, ...], own: tuple[SourceDef, ...],
                  known: Mapping[str, SourceDef], doc: Document) -> list[Problem]:
    """Problems for ids in ``casus.bronnen`` that are neither defined in place nor in ``known``.

    A source defined in place may not reuse the id of a knowledge-base source: name that
    one by its id alone.
    """
    problems = []
    mine = {s.id for s in own}
    for i, sid in enumerate(ids):
        loc = (*WHERE, i)
        if sid in mine and sid in known:
            problems.append(_problem(
                "duplicate-source", f"source '{sid}' is already in the knowledge base; list "
                "its id alone, or give your own source another id", doc, loc))
        elif sid not in mine and sid not in known:
            hint = did_you_mean(sid, sorted(known))
            problems.append(_problem(
                "unknown-source", f"casus.bronnen names unknown source '{sid}': write the "
                "source here as a mapping (id, title, publisher or author, year, and url "
                "where known), or add it to a sources.yaml in a --knowledge-dir",
                doc, loc, hint))
    return problems


def _policy(src: SourceDef, doc: Document, loc: tuple[str | int, ...]) -> list[Problem]:
    """The sourcing policy for a source a case defines (brief §0, as the lint checks it)."""
    problems = []
    if not (src.author or src.publisher):
        problems.append(_problem(
            "source-no-author", f"source '{src.id}' needs an 'author' or a 'publisher': who "
            "a reader can look it up by", doc, loc))
    if src.year is None:
        problems.append(_problem(
            "source-no-year", f"source '{src.id}' needs a 'year': the advice cites only "
            "what was published by the case's date", doc, loc))
    if src.url and is_mirror(src.url):
        problems.append(_problem(
            "source-mirror", f"source '{src.id}': {urlparse(src.url).hostname} is a "
            "document-upload site; give the original publisher's address in 'url' and keep "
            "this one in 'mirror_url' (never printed)", doc, (*loc, "url")))
    return problems


def _problem(code: str, message: str, doc: Document, loc: tuple[str | int, ...],
             suggestion: str | None = None) -> Problem:
    return Problem(code, message, doc.source, doc.line_of(loc), format_loc(loc),
                   suggestion=suggestion)
