"""One consistency pass over the recommendations before rendering (review 12, #3).

The sections of a draft are built from one set of recommendations, but a rule may advise
a measure that another advises against, or order it differently. Before the draft is
written, :func:`consistent` resolves each such conflict in one way, always the same:

* **advised and advised against**: a measure advised (key or further) whose label names a
  measure also listed as "overwogen en afgeraden" for the same target (a form advised for one
  task and advised against for another is no conflict) ("Dienstverleningsovereenkomst of
  centrumregeling met een gemeente die het wil uitvoeren" and "Centrumregeling"). The
  advised side wins: it is the conclusion fitted to this case (a narrower form, with its
  condition), while the advice against is about the plain form. The advice against leaves
  "Overwogen en afgeraden", and its reason is kept as the advised line's caveat
  ("Let op: centrumregeling raden wij hier af, want …"), so that
  nothing the case says is lost and nothing is both advised and advised against.
* **first, or with the choice**: a key recommendation that settles the tasks or the public
  value first (``consistency.first_words`` in its Dutch catalogue text) and a measure of the
  same theme that settles them with the choice, "niet in een aparte stap ervoor"
  (``consistency.with_words``). The key recommendation wins: it outranks a further measure
  (its rule priority put it in §1), and where it rests on a legal precondition (a
  deelneming under art. 160 Gemeentewet needs the public interest first) the order is the
  law's. The other measure is left out.

Each resolution is pinned by a test (tests/explain/test_conclusion_consistency.py).
"""

from __future__ import annotations

import dataclasses
import re

from pvrules.explain.basics import lower_first
from pvrules.explain.ctxtypes import Ctx
from pvrules.explain.decisions_model import RecGroup, RecItem

Recs = tuple[tuple[RecItem, ...], tuple[RecGroup, ...], tuple[RecItem, ...]]


def _words(ctx: Ctx, key: str) -> list[str]:
    return [w for w in ctx.msg(key).split("|") if w] if ctx.msg.has(key) else []


def _dutch(ctx: Ctx, item: RecItem, field: str) -> str:
    """The Dutch catalogue text ``field`` (``label``, ``action``, ``theme``) of ``item``."""
    entry = ctx.kb.catalogues.items.get(item.item)
    if entry is None:
        return ""
    value = getattr(entry, "label", None) if field == "label" else \
        (getattr(entry, "properties", None) or {}).get(field)
    return str(getattr(value, "nl", "") or "") if value is not None else ""


def _names(ctx: Ctx, advised: RecItem, against: RecItem) -> bool:
    """Whether the label of ``advised`` names the measure ``against`` (as a phrase).

    In the reader's words or the Dutch catalogue's: the same answer in every language.
    """
    if advised.item == against.item:
        return True
    for said, named in ((advised.label, against.label),
                        (_dutch(ctx, advised, "label"), _dutch(ctx, against, "label"))):
        plain = re.sub(r"\s*\([^)]*\)", "", named).strip().lower()
        if plain and re.search(rf"\b{re.escape(plain)}\b", said.lower()):
            return True
    return False


def advised_and_against(ctx: Ctx, recs: Recs) -> Recs:
    """The first resolution of the module docstring: the advised side wins."""
    key, groups, against = recs
    advised = [*key, *(i for g in groups for i in g.items)]
    clashes = {a: next((k for k in advised if k.target_key == a.target_key
                        and _names(ctx, k, a)), None) for a in against}  # for the same target
    caveats: dict[int, list[str]] = {}
    for a, k in clashes.items():
        if k is not None and a.why:
            caveats.setdefault(id(k), []).append(ctx.msg(
                "consistency.caveat", label=lower_first(a.label),
                why=lower_first(a.why.strip())))

    def fixed(item: RecItem) -> RecItem:
        more = [c for c in caveats.get(id(item), []) if c not in item.why]  # once
        return dataclasses.replace(item, why=" ".join([item.why.strip(), *more]).strip()) \
            if more else item

    return (tuple(fixed(k) for k in key),
            tuple(dataclasses.replace(g, items=tuple(fixed(i) for i in g.items))
                  for g in groups),
            tuple(a for a, k in clashes.items() if k is None))


def first_or_with_choice(ctx: Ctx, recs: Recs) -> Recs:
    """The second resolution of the module docstring: the key recommendation wins."""
    key, groups, against = recs
    first = _words(ctx, "consistency.first_words")
    with_ = _words(ctx, "consistency.with_words")

    def says(item: RecItem, words: list[str]) -> bool:
        text = f"{_dutch(ctx, item, 'label')} {_dutch(ctx, item, 'action')}".lower()
        return any(w in text for w in words)

    themes = {_dutch(ctx, k, "theme") for k in key if says(k, first)} - {""}
    if not themes:
        return recs

    def stays(item: RecItem) -> bool:
        return not (_dutch(ctx, item, "theme") in themes and says(item, with_))

    kept = tuple(dataclasses.replace(g, items=tuple(i for i in g.items if stays(i)))
                 for g in groups)
    return (tuple(k for k in key if stays(k) or says(k, first)),
            tuple(g for g in kept if g.items), against)


def consistent(ctx: Ctx, key: tuple[RecItem, ...], groups: tuple[RecGroup, ...],
               against: tuple[RecItem, ...]) -> Recs:
    """The recommendations with every conflict of the module docstring resolved."""
    recs: Recs = (key, groups, against)
    for resolve in (advised_and_against, first_or_with_choice):
        recs = resolve(ctx, recs)
    return recs
