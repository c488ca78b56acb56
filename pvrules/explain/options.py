"""The options for each decision, side by side, for the board.

A raad decides; the advice should not hand it one verdict. For each decision
(the form for each opgave, and each other catalogue of choices that the rules
speak about) every option is shown with what speaks for and against it per
corner of the public value triangle, and which one the knowledge base favours
and how strongly.
"""

from __future__ import annotations

from dataclasses import dataclass

from pvrules.compile.ir import CASE
from pvrules.explain.advice import (
    CORNER_LABELS,
    STATUS_LABELS,
    STRENGTH_NAMES,
    Advice,
    AdviceBuilder,
    Recommendation,
)
from pvrules.explain.context import ExplainContext
from pvrules.infer.result import Firing, Result
from pvrules.kb import KnowledgeBase
from pvrules.validate.case import CASE_KEY, EntityKey
from pvrules.validate.rulemodel import STRENGTH_LABELS
from pvrules.validate.vocabulary import CORNERS

GENERAL = "algemeen"


@dataclass(frozen=True)
class Argument:
    """One rule that speaks for or against an option."""

    rule_id: str
    title: str
    direction: str
    """``for`` or ``against``."""
    strength: str
    corners: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class CornerCell:
    """What speaks for and against an option in one corner."""

    corner: str
    label: str
    pro: tuple[str, ...]
    con: tuple[str, ...]


@dataclass(frozen=True)
class Option:
    """One option of a decision."""

    item: str
    label: str
    status: str
    status_label: str
    strength_label: str
    favoured: bool
    cells: tuple[CornerCell, ...]
    arguments: tuple[Argument, ...]
    suits: tuple[str, ...]
    not_suits: tuple[str, ...]


@dataclass(frozen=True)
class Decision:
    """A choice for one target: its options, and what the knowledge base favours."""

    catalogue: str
    catalogue_label: str
    target: str | None
    target_key: EntityKey
    verdict: str
    options: tuple[Option, ...]
    """Every option of the choice, those no rule speaks about last (status ``none``)."""
    unspoken: tuple[str, ...] = ()
    """Labels of the options no rule speaks about."""
    other_column: bool = False
    """Whether some argument rests on no single corner (shown as "Overig")."""


@dataclass(frozen=True)
class Options:
    """Every decision the rules speak about."""

    lang: str
    corners: tuple[tuple[str, str], ...]
    decisions: tuple[Decision, ...]


def build_options(kb: KnowledgeBase, result: Result, lang: str = "nl",
                  advice: Advice | None = None, *, ctx: ExplainContext | None = None) -> Options:
    """The options per decision for ``result`` (the reports' older table of arguments).

    Prefer ``ctx.decisions.options`` (:mod:`pvrules.explain.choices`); this view stays
    until the reports read the decisions.
    """
    nl = lang == "nl"
    ctx = ctx or ExplainContext(kb, result, lang, advice)
    builder = ctx.builder
    advice = ctx.advice
    cats = kb.catalogues
    recs = {(r.item, r.target_key): r for r in advice.recommendations}
    args: dict[tuple[str, EntityKey], list[Argument]] = {}
    for firing in result.firings:
        for concl in firing.conclusions:
            if concl.kind == "derive":
                continue
            args.setdefault((concl.name, concl.target), []).append(
                _argument(kb, builder, firing, concl.kind, concl.strength))
    order = [CASE_KEY, *[e.key for e in result.case.all_entities()]]
    decisions = []
    for cat_id, header in cats.headers.items():
        items = [i for i, c in cats.item_catalogue.items() if c == cat_id]
        for target in order:
            if target[0] not in header.targets and not (target == CASE_KEY
                                                        and CASE in header.targets):
                continue
            spoken = [i for i in items if (i, target) in args]
            if not spoken:
                continue
            shown = items if header.exclusive else spoken
            options = [_option(kb, i, target, recs=recs, args=args, lang=lang) for i in shown]
            options.sort(key=lambda o: (not o.favoured, _rank(o.status), items.index(o.item)))
            favoured = [o for o in options if o.favoured]
            if favoured:
                f = favoured[0]
                verdict = (f"De kennisbank geeft de voorkeur aan {f.label} ({f.strength_label})."
                           if nl else
                           f"The knowledge base favours {f.label} ({f.strength_label}).")
                if not header.exclusive:
                    names = ", ".join(f"{o.label} ({o.strength_label})" for o in favoured)
                    verdict = (f"De kennisbank beveelt aan: {names}." if nl else
                               f"The knowledge base recommends: {names}.")
            else:
                verdict = ("De kennisbank geeft hier geen voorkeur." if nl else
                           "The knowledge base favours no option here.")
            decisions.append(Decision(
                cat_id, header.label.get(lang), builder.entity_label(target), target, verdict,
                tuple(options), tuple(o.label for o in options if o.status == "none"),
                any(c.corner == GENERAL for o in options for c in o.cells)))
    corners = tuple((c, CORNER_LABELS[c][lang]) for c in CORNERS)
    # the choices between exclusive options (forms) first, then the measures
    decisions.sort(key=lambda d: not cats.headers[d.catalogue].exclusive)
    return Options(lang, corners, tuple(decisions))


def _rank(status: str) -> int:
    return {"recommended": 0, "alternative": 1, "none": 2, "advised_against": 3}.get(status, 2)


def _argument(kb: KnowledgeBase, builder: AdviceBuilder, firing: Firing, kind: str,
              strength: int) -> Argument:
    lang = builder.lang
    steps = builder.chain(firing.key)
    own = steps[-1]
    found: set[str] = {str(c) for f in own.facts
                       if (c := kb.vocab.facts[f.fact].corner) is not None}
    corners = sorted(found, key=CORNERS.index) or [GENERAL]
    title = own.title + (f" ({own.focus})" if own.focus else "")
    return Argument(firing.rule_id, title, "for" if kind == "recommend" else "against",
                    STRENGTH_LABELS[STRENGTH_NAMES.get(strength, "middel")][lang],
                    tuple(corners), own.text)


def _option(kb: KnowledgeBase, item: str, target: EntityKey, *,
            recs: dict[tuple[str, EntityKey], Recommendation],
            args: dict[tuple[str, EntityKey], list[Argument]], lang: str) -> Option:
    nl = lang == "nl"
    rec = recs.get((item, target))
    status = rec.status if rec is not None else "none"
    status_label = (STATUS_LABELS[status][lang] if status in STATUS_LABELS
                    else ("geen regel spreekt zich uit" if nl else "no rule speaks to it"))
    strength = rec.strength_label if rec is not None and status == "recommended" else ""
    found = tuple(args.get((item, target), []))
    keys: list[str] = [*(str(c) for c in CORNERS), GENERAL]
    cells = []
    for corner in keys:
        pro = tuple(a.title for a in found if a.direction == "for" and corner in a.corners)
        con = tuple(a.title for a in found if a.direction == "against" and corner in a.corners)
        if corner == GENERAL and not (pro or con):
            continue
        label = (CORNER_LABELS[corner][lang] if corner in CORNER_LABELS
                 else ("Algemeen" if nl else "General"))
        cells.append(CornerCell(corner, label, pro, con))
    item_def = kb.item(item)
    return Option(item, item_def.label.get(lang), status, status_label, strength or status_label,
                  status == "recommended", tuple(cells), found,
                  tuple(t.get(lang) for t in item_def.suits),
                  tuple(t.get(lang) for t in item_def.not_suits))
