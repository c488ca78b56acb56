"""How the advice was made (the "Aanpak" of an adviesrapport): what the case file states.

Counted from the case only: the facts it states (computed ones such as aggregates,
the date and the client's kind left out), the sources it names, and the facts it gives
with low or medium certainty. Those are said in sentences, as an advisor writes them:
what the advice rests on with medium certainty and what is uncertain and to be confirmed
first, each fact in plain words (:mod:`pvrules.explain.unknown_words`) with the numbers
of the case sources its ``bron`` names, never as a list of field labels.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pvrules.explain.basics import LOW, entity_name, fact_name, in_sentence
from pvrules.explain.ctxtypes import Ctx
from pvrules.explain.decisions_model import Approach
from pvrules.explain.texts import fill_organs, organs
from pvrules.explain.unknown_words import OPTION, subject
from pvrules.validate.case import CASE_KEY, EntityKey

if TYPE_CHECKING:
    from pvrules.explain.registry import Registry

MEDIUM = "gemiddeld"
COMPUTED = frozenset({"opdrachtgever_soort"})
NAMED = 8
"""Up to this many facts of medium certainty are named; more are counted."""


def approach(ctx: Ctx, sources: tuple[int, ...] = (), reg: Registry | None = None
             ) -> Approach:
    """What the case states, the numbers of its own sources, and its less certain facts."""
    case, vocab = ctx.result.case, ctx.kb.vocab
    given = 0
    low: list[str] = []
    medium: list[str] = []
    by_certainty: dict[str, dict[str, list[EntityKey]]] = {LOW: {}, MEDIUM: {}}
    for key, facts in case.facts.items():
        for fact_id, value in facts.items():
            fdef = vocab.facts.get(fact_id)
            if fdef is None or fdef.origin != "input" or fdef.aggregate is not None \
                    or fact_id in COMPUTED or fdef.id == "peildatum" or value is None:
                continue
            given += 1
            certainty = case.certainty_of(key, fact_id)
            if certainty == LOW:
                low.append(fact_name(ctx, (key, fact_id)))
            elif certainty == MEDIUM:
                medium.append(fact_name(ctx, (key, fact_id)))
            if certainty in by_certainty:
                by_certainty[certainty].setdefault(fact_id, []).append(key)
    named = tuple(medium) if len(medium) <= NAMED else ()
    text = " ".join(t for t in (
        _sentence(ctx, reg, by_certainty[MEDIUM], "report.approach_rests"),
        _sentence(ctx, reg, by_certainty[LOW], "report.approach_uncertain")) if t)
    return Approach(given, len(case.meta.bronnen), len(medium), tuple(low), sources, named,
                    text)


def _sentence(ctx: Ctx, reg: Registry | None, facts: dict[str, list[EntityKey]],
              key: str) -> str:
    """One sentence over ``facts`` (fact → the entities it is stated for), or ``""``."""
    if not facts:
        return ""
    parts = _joined(ctx, [p for fact, keys in facts.items()
                          if (p := _phrase(ctx, reg, fact, keys))])
    if not parts:
        return ""
    if len(parts) > NAMED:
        parts = [*parts[:NAMED - 1], ctx.msg("report.approach_more", n=len(parts) - NAMED + 1)]
    if key == RESTS and not any(p.endswith("]") for p in parts):
        key = RESTS_UNCITED  # "wat de stukken zeggen over …:" with no document to point to
    return ctx.msg(key, facts=ctx.msg.join(parts))


def _joined(ctx: Ctx, parts: list[str]) -> list[str]:
    """Clauses about one entity with the same sources said once for that entity.

    "welke vorm het verband heeft (bij X) [3], wie het bestuur vormen (bij X) [3]" becomes
    "welke vorm het verband heeft en wie het bestuur vormen (bij X) [3]".
    """
    tail = ctx.msg("report.approach_for", fact="§", names="¶").split("§", 1)[1]
    opener, closer = tail.split("¶", 1)
    out: list[str] = []
    groups: dict[str, list[str]] = {}
    order: list[str] = []
    for part in parts:
        at = part.rfind(opener)
        end = part.find(closer, at + len(opener)) if at >= 0 else -1
        if at < 0 or end < 0:
            order.append(part)
            continue
        suffix = part[at:]
        if suffix not in groups:
            groups[suffix] = []
            order.append(suffix)
        groups[suffix].append(part[:at])
    for item in order:
        if item in groups:
            out.append(ctx.msg.join(groups[item]) + item)
        else:
            out.append(item)
    return out


RESTS = "report.approach_rests"
RESTS_UNCITED = "report.approach_rests_uncited"


def _phrase(ctx: Ctx, reg: Registry | None, fact: str, keys: list[EntityKey]) -> str:
    """A stated fact in plain words, with the entities it is stated for and its sources.

    ``""`` for a yes/no fact the vocabulary gives no plain words for (a reader learns
    nothing from "herindeling overwogen" in a list; the body says it where it matters).
    """
    words, clause = subject(ctx, fact)
    ask = ctx.kb.vocab.facts[fact].ask
    if ctx.kb.vocab.facts[fact].type == "bool" and getattr(ask, "subject", None) is None:
        return ""
    who = getattr(ask, "who", None)
    if getattr(ask, "group", None) and who is not None:  # "het draagvlak bij de partners"
        words = ctx.msg("report.approach_support",
                        who=fill_organs(who.get(ctx.lang), organs(ctx.result.case, ctx.msg)))
    own = [in_sentence(ctx, entity_name(ctx, k) or k[1]) for k in keys if k != CASE_KEY]
    if own and all(k[0] == OPTION for k in keys):  # "… voor ‘Herindeling van …’"
        said = ctx.msg("find_out.subject_for", fact=words,
                       entity=ctx.msg.join([entity_name(ctx, k) or k[1] for k in keys]))
    elif own and clause:
        said = ctx.msg("report.approach_for", fact=words, names=ctx.msg.join(own))
    elif own:
        said = ctx.msg("find_out.subject_of", fact=words, entity=ctx.msg.join(own))
    else:
        said = words
    cited: list[int] = []
    for k in keys:
        for n in (reg.cited_at(k, fact) if reg is not None else ()):
            if n not in cited:
                cited.append(n)
    return f"{said} [{', '.join(str(n) for n in cited)}]" if cited else said
