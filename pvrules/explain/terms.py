"""The terms of samenwerking a draft uses, with their short definitions.

A raad member need not know what a bedrijfsvoeringsorganisatie or a centrumregeling is.
The catalogues of kind ``term`` (``knowledge/catalogues/begrip.yaml``) hold such terms:
a label, a definition and, in the property ``woorden``, the forms of the word as the text
writes them (``|``-separated, per language). A term is defined in section 2 when one of its
forms occurs, as a whole word, in the body of the draft: the answer, the recommendations,
the analysis, the options, the conclusion, the route and what to find out. The appendix
(reasoning, sources) and the list of frameworks do not count. Terms not in force on the
case's date (``valid_from``/``valid_to``) are left out. The list is alphabetical; ``rank``
keeps the catalogue's order (the least known terms first).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from typing import Any

from pvrules.explain.agenda import in_force
from pvrules.explain.ctxtypes import Ctx
from pvrules.explain.decisions_model import Decisions, Term

ROLE = "term"
"""The catalogue kind of a defined term."""
WORDS = "woorden"
"""Item property: the forms of the term in the text, separated by ``|``."""
BODY = ("answer", "key_recommendations", "recommendation_groups", "advised_against", "analysis",
        "triangle", "options", "conclusion", "route", "find_out_first", "plan")
"""The fields of :class:`Decisions` that make up the body of the draft."""


def _strings(value: Any) -> Iterator[str]:
    """Every string inside ``value`` (dataclasses, mappings, sequences), in order."""
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from _strings(getattr(value, f.name))
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _strings(v)


def _pattern(forms: str) -> re.Pattern[str] | None:
    words = [w.strip() for w in forms.split("|") if w.strip()]
    if not words:
        return None
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def terms_used(ctx: Ctx, decisions: Decisions) -> tuple[Term, ...]:
    """The terms whose words the body of ``decisions`` uses, defined, alphabetical."""
    cats = ctx.kb.catalogues
    text = "\n".join(s for name in BODY for s in _strings(getattr(decisions, name)))
    found: list[Term] = []
    for rank, item_id in enumerate(cats.items_of(ROLE)):
        item = cats.items[item_id]
        forms = item.properties.get(WORDS)
        pattern = _pattern(forms.get(ctx.lang)) if forms is not None else None
        if pattern is None or not in_force(ctx, item) or not pattern.search(text):
            continue
        found.append(Term(item_id, item.label.get(ctx.lang), item.description.get(ctx.lang),
                          rank))
    return tuple(sorted(found, key=lambda t: (t.label.casefold(), t.id)))


POINTED = 2
"""How many terms section 2 names in its pointer to the appendix."""


def terms_note(ctx: Ctx, terms: tuple[Term, ...]) -> str:
    """Section 2's pointer to the appendix of terms, naming the least known ones; or ``""``."""
    if not terms:
        return ""
    named = [t.label.lower() for t in sorted(terms, key=lambda t: t.rank)[:POINTED]]
    key = "report.terms_pointer_one" if len(terms) == 1 else "report.terms_pointer"
    return ctx.msg(key, terms=ctx.msg.join(named))
