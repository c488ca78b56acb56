"""What is still unknown, said as an advisor says it: each fact once, in plain words.

A list of field labels with an entity in brackets ("Financiële positie partner
(Cranendonck); Financiële positie partner (Heeze-Leende); …") is engine output. Here the
same facts become one short line: the vocabulary's ``ask.subject`` words where it has them
(otherwise the label in running text), a fact unknown for several partners said once
"per gemeente", facts unknown for the same partners joined, and facts of public record
(vocabulary ``lookup``) left out: they are filled in, not found out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pvrules.explain.basics import corner_ids, corner_label, entity_name, level_fact
from pvrules.explain.ctxtypes import Ctx
from pvrules.explain.texts import fill_organs, organs
from pvrules.validate.case import CASE_KEY, EntityKey

Slot = tuple[EntityKey, str]
FIELD_LIST = re.compile(r" ?\((?:[^():;]+: [^():;]+)(?:; [^():;]+: [^():;]+)+\)")
"""A bracketed list of field values, "(ambtelijke capaciteit: onbekend; kwetsbaarheid: hoog)"."""
PARTNER = "partner"
OPTION = "optie"


def subject(ctx: Ctx, fact: str) -> tuple[str, bool]:
    """The fact in running text, without an entity, and whether that is a clause.

    ``("hoe kwetsbaar de organisatie is", True)``; a fact without such words gives its label
    (``("continuïteit", False)``).
    """
    fdef = ctx.kb.vocab.facts[fact]
    ask = fdef.ask
    said = getattr(ask, "subject", None)
    if said is not None:
        return fill_organs(said.get(ctx.lang), organs(ctx.result.case, ctx.msg)), True
    corner = next((c for c in corner_ids(ctx) if level_fact(ctx, c) == fact), None)
    if corner is not None:  # a corner's level: "hoe sterk de organisatie is"
        return ctx.msg("unknown.corner_level",
                       corner=corner_label(ctx, corner).lower()), True
    if ctx.msg.has(f"unknown.fact.{fact}"):  # a fact not asked, so without ask.subject
        return ctx.msg(f"unknown.fact.{fact}"), True
    label = fdef.label.get(ctx.lang).split(" (", 1)[0]
    for tail in (" voor deze optie", " for this option", " partner"):
        label = label.removesuffix(tail)
    if label[:2].isupper():
        return label, False
    return label[:1].lower() + label[1:], False


CLAUSE_WORDS = frozenset({"hoe", "hoeveel", "of", "wat", "welk", "welke", "waar", "wanneer",
                          "waarom", "wie", "how", "whether", "what", "which", "where", "when",
                          "who", "whom", "why"})


PREPOSITIONS = frozenset({"aan", "bij", "in", "met", "naar", "op", "over", "uit", "van", "voor",
                          "at", "by", "for", "from", "on", "to", "with"})
"""Words that may open a clause before its question word ("op welke regio …", "met wie …")."""


def is_clause(text: str) -> bool:
    """Whether ``text`` is a clause ("hoe kwetsbaar de organisatie is"), not a noun."""
    words = text.lower().split(" ", 2)
    if words[0] in PREPOSITIONS and len(words) > 1:
        return words[1] in CLAUSE_WORDS
    return words[0] in CLAUSE_WORDS


def _lookup(ctx: Ctx, fact: str) -> bool:
    return bool(getattr(ctx.kb.vocab.facts[fact], "lookup", False))


def _several_partners(keys: tuple[EntityKey, ...]) -> bool:
    return len(keys) > 1 and all(k[0] == PARTNER for k in keys)


def _whom(ctx: Ctx, keys: tuple[EntityKey, ...]) -> str:
    """``per gemeente`` for several municipal partners, else their names."""
    if _several_partners(keys):
        kinds = {ctx.result.value(key, "soort") for key in keys}
        return ctx.msg("unknown.per_municipality" if kinds == {"gemeente"}
                       else "unknown.per_partner")
    return ctx.msg.join([entity_name(ctx, k) or k[1] for k in keys])


def plain_unknowns(ctx: Ctx, slots: Iterable[Slot], within: EntityKey | None = None,
                   capital: bool = True) -> tuple[str, ...]:
    """The unknown ``slots`` as a few plain phrases, the first capitalised (``capital``).

    ``within`` is the entity the context already names (an option): not named again.
    """
    by_fact: dict[str, list[EntityKey]] = {}
    for key, fact in slots:
        if _lookup(ctx, fact):
            continue
        keys = by_fact.setdefault(fact, [])
        if key not in keys:
            keys.append(key)
    groups: dict[tuple[EntityKey, ...], tuple[list[str], list[str]]] = {}
    facts: dict[str, list[str]] = {}  # per phrase of one fact, the facts it stands for
    whos: list[str] = []  # facts of an ask group with ``who``: "hoe de raden … denken"
    grouped: list[str] = []
    for fact, keys in by_fact.items():
        ask = ctx.kb.vocab.facts[fact].ask
        who = getattr(ask, "who", None)
        if getattr(ask, "group", None) and who is not None:
            name = fill_organs(who.get(ctx.lang), organs(ctx.result.case, ctx.msg))
            if name not in whos:
                whos.append(name)
            grouped.append(fact)
            continue
        own = tuple(k for k in keys if k not in (CASE_KEY, within))
        words, clause = subject(ctx, fact)
        into = groups.setdefault(own, ([], []))[0 if clause else 1]
        if words not in into:
            into.append(words)
        facts.setdefault(words, []).append(fact)
    out: list[tuple[str, list[str]]] = []  # each phrase with the facts it stands for
    if whos:
        from pvrules.explain.findout_items import course

        what = (course(ctx) if within is None or within[0] != OPTION
                else ctx.msg("unknown.this_option"))
        out.append((ctx.msg("find_out.group.draagvlak.subject", who=ctx.msg.join(whos),
                            what=what), grouped))
    for own, (clauses, bare) in groups.items():
        of = [f for w in (*clauses, *bare) for f in facts[w]]
        if clauses and bare:  # "hoe kwetsbaar …, en hoe het staat met continuïteit"
            parts = [*clauses, ctx.msg("unknown.how_stands", facts=ctx.msg.join(bare))]
        else:
            parts = clauses or [ctx.msg.join(bare)]
        if not own:
            out.extend((p, facts.get(p, of)) for p in parts)
        elif _several_partners(own):
            out.append((f"{ctx.msg.join(parts)} {_whom(ctx, own)}", of))
        elif not clauses:  # "regio van Ceedorp"
            out.append((ctx.msg("find_out.subject_of", fact=parts[0], entity=_whom(ctx, own)),
                        of))
        else:  # "of de bestuurskracht tekortschiet (bij Ten Boer)": joins with the others
            out.append((ctx.msg("report.approach_for", fact=ctx.msg.join(parts),
                                names=_whom(ctx, own)), of))
    said = _most(ctx, out)
    if said and capital:
        said[0] = said[0][:1].upper() + said[0][1:]
    return tuple(said)


MAX_PLAIN = 3
"""Phrases said at most; the rest is in chapter 8 ("Eerst uitzoeken")."""


def _most(ctx: Ctx, phrases: list[tuple[str, list[str]]]) -> list[str]:
    """The ``MAX_PLAIN`` phrases the advice depends on most, in their order, then "the rest".

    Weight: the most any of a phrase's facts weighs in "Eerst uitzoeken"
    (:func:`pvrules.explain.findout.fact_weights`); a list of ten unknowns is a dump.
    """
    if len(phrases) <= MAX_PLAIN + 1:  # one more is no dump: a reference would be as long
        return [p for p, _f in phrases]
    from pvrules.explain.findout import fact_weights

    weights = fact_weights(ctx)
    ranked = sorted(range(len(phrases)),
                    key=lambda i: -max((weights.get(f, 0) for f in phrases[i][1]), default=0))
    keep = sorted(ranked[:MAX_PLAIN])
    return [*(phrases[i][0] for i in keep), ctx.msg("unknown.more")]


def without_field_lists(text: str) -> str:
    """``text`` without bracketed lists of field values (engine output in a sentence).

    What the level rests on is in the numbered reasoning ("Op grond van"), with the sources.
    """
    return FIELD_LIST.sub("", text)
