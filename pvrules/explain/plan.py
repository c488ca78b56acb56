"""The plan of approach of a notitie: the key recommendations as steps.

A notitie (``casus.document: notitie``) is an early document: a first impression and
what to do next. Its plan lists the key recommendations in order, each with who does it
(the catalogue item's ``who``) and how long it takes (``properties.duration``), when the
catalogue says; the templates only print these steps.
"""

from __future__ import annotations

from collections.abc import Iterable

from pvrules.explain.basics import fact_name
from pvrules.explain.casefacts import statement
from pvrules.explain.ctxtypes import Ctx
from pvrules.explain.decisions_model import PlanStep, RecItem
from pvrules.explain.texts import fill_organs, organs
from pvrules.validate.base import Text
from pvrules.validate.case import CASE_KEY, EntityKey

NOTITIE = "notitie"
"""``casus.document`` of a case that gets a notitie (plan and stated facts are only made then)."""
COMPUTED = frozenset({"opdrachtgever_soort", "peildatum"})
KIND = "soort"
"""A party's kind: how the case names its parties, not something the client told us
("Westerkogge: wat voor partij is dit? Gemeente." says nothing a reader can use)."""
DURATION = "duration"
"""The catalogue item property that says how long a step takes."""


def _text(value: Text | None, lang: str) -> str | None:
    """A catalogue text in ``lang`` (``None`` when the catalogue does not give it)."""
    return value.get(lang) if value is not None else None


def is_notitie(ctx: Ctx) -> bool:
    """Whether the case asks for a notitie (``casus.document: notitie``)."""
    return bool(ctx.result.case.meta.document == NOTITIE)


def stated(ctx: Ctx) -> tuple[str, ...]:
    """What the case states, in people's words with its certainty (only for a notitie).

    Each stated input fact as a statement: "Ambitie is hoog.", "Keuze politiek gevoelig:
    nee." (see :func:`_answered`); computed facts, aggregates and unknowns left out;
    "(zekerheid: laag)" after the value when the case gives a certainty below ``hoog``.
    """
    if not is_notitie(ctx):
        return ()
    case, vocab = ctx.result.case, ctx.kb.vocab
    out = []
    for key, facts in case.facts.items():
        for fact_id, value in facts.items():
            fdef = vocab.facts.get(fact_id)
            if fdef is None or fdef.origin != "input" or fdef.aggregate is not None \
                    or fact_id in COMPUTED or fact_id == KIND or value is None:
                continue
            shown = ctx.builder.fact_view(key, fact_id).value
            note = ""
            certainty = case.certainty_of(key, fact_id)
            if certainty in ("laag", "gemiddeld"):
                level = ctx.msg(f"report.certainty_level.{certainty}")
                note = f" ({ctx.msg('report.certainty').lower()}: {level})"
            # a yes/no fact as a sentence
            said = statement(ctx.msg, fact_id, value) if isinstance(value, bool) else None
            out.append(f"{said[:-1]}{note}." if said is not None
                       else _answered(ctx, key, fact_id, shown + note))
    return tuple(out)


def _answered(ctx: Ctx, key: EntityKey, fact_id: str, shown: str) -> str:
    """A stated fact as a statement ("Ambitie is hoog."; "Draagvlak bij de raad is gemiddeld.").

    Not as the vocabulary's question with its answer ("Is de keuze politiek gevoelig? Nee."):
    §2 says what we were told, it does not interview the reader (review 9).
    """
    fdef = ctx.kb.vocab.facts[fact_id]
    who = getattr(fdef.ask, "who", None)
    if getattr(fdef.ask, "group", None) and who is not None and key == CASE_KEY:
        said = ctx.msg("notitie.support", who=fill_organs(
            who.get(ctx.lang), organs(ctx.result.case, ctx.msg)))
    else:
        said = fact_name(ctx, (key, fact_id))
    if fdef.type not in ("level", "enum"):  # "Keuze politiek gevoelig: nee.", "Inwoners: 60.000."
        return f"{said}: {shown}."
    return ctx.msg("notitie.stated_is", fact=said, value=shown)


def as_steps(ctx: Ctx, text: str) -> str:
    """§1 of a notitie refers to its plan's steps ("stap 2"), not to recommendations.

    The plan has one step per key recommendation, in their order (:func:`plan`), so the
    numbers stay; only the word changes. Other documents are returned as they are.
    """
    if not is_notitie(ctx):
        return text
    for ref, step in (("answer.ref_many", "notitie.ref_many"),
                      ("answer.ref_one", "notitie.ref_one")):
        word = ctx.msg(ref, numbers="\x00").split("\x00", 1)[0]
        text = text.replace(f"({word}", "(" + ctx.msg(step, numbers="\x00").split("\x00", 1)[0])
    return text


def plan(ctx: Ctx, key: Iterable[RecItem]) -> tuple[PlanStep, ...]:
    """The steps of the plan: one per key recommendation, in order (only for a notitie)."""
    if not is_notitie(ctx):
        return ()
    steps = []
    for rec in key:
        item = ctx.kb.catalogues.items.get(rec.item)
        who = _text(item.who, ctx.lang) if item is not None else None
        duration = _text(item.properties.get(DURATION), ctx.lang) if item is not None else None
        steps.append(PlanStep(rec.item, rec.label, rec.why, who, duration, rec.chain))
    return tuple(steps)
