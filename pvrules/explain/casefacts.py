"""What the advice prints of a case's own facts: per partner, and the case's own ``bron``.

A case may give a fact such as the support in the raden of an option with
``per_partner: {haren: laag, groningen: hoog}`` next to its ``waarde``. Rules read
the ``waarde``; the advice prints ``laag in Haren, hoog in Groningen en Ten Boer``
so that an aggregate is never read as if it held for every partner.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from pvrules.values import Value

if TYPE_CHECKING:
    from pvrules.explain.bron_match import CaseSource
    from pvrules.kb import KnowledgeBase
    from pvrules.messages import Messages
    from pvrules.validate.case import Case, EntityKey
    from pvrules.validate.vocab import Vocabulary

DUTCH = "nl"
PARTNER = "partner"
PLACES = ("gemeente", "provincie")
"""Kinds of partner that are places: support "in Haren", not "bij Haren"."""


def per_partner_text(case: Case, vocab: Vocabulary, key: EntityKey, fact_id: str,
                     value: Value | None, msg: Messages) -> str | None:
    """``laag in Haren, hoog in Groningen en Ten Boer``, or ``None``.

    ``None`` unless the case states ``fact_id`` of ``key`` per partner and ``value``
    is still the stated ``waarde`` (a what-if that changed the fact prints the new value).
    A ``waarde`` of ``null`` (unknown as a whole) still prints what is known per partner.
    Partners of the entity (its list of partners) without a value are shown as unknown.
    """
    got = case.per_partner.get((key, fact_id))
    if got is None or got.stated != value:
        return None
    given = dict(got.values)
    members = _members(case, vocab, key)
    order = [e for e in case.entities.get(PARTNER, ()) if e.id in given or e.id in members]
    # the value the rules read first: "laag in Haren, hoog in Groningen en Ten Boer"
    groups: dict[str, list[str]] = {} if got.stated is None else \
        {vocab.display(fact_id, got.stated, msg.lang): []}
    places: dict[str, bool] = {}
    for ent in order:
        shown = vocab.display(fact_id, given.get(ent.id), msg.lang)
        groups.setdefault(shown, []).append(ent.name)
        places[shown] = places.get(shown, True) and _is_place(case, ent.id)
    # "laag in Haren" for municipalities and provinces, "hoog bij Warmtebedrijf" otherwise
    return ", ".join(msg("value.per_partner_in" if places[shown] else "value.per_partner",
                         v=shown, who=msg.join(who))
                     for shown, who in groups.items() if who)


def _is_place(case: Case, ident: str) -> bool:
    """Whether a partner is a municipality or a province (a place one is *in*)."""
    kind = case.facts.get((PARTNER, ident), {}).get("soort")
    return kind in PLACES


def _members(case: Case, vocab: Vocabulary, key: EntityKey) -> set[str]:
    """The partner ids an entity names in its list facts that refer to partners."""
    out: set[str] = set()
    for fact in vocab.facts_of(key[0]):
        if fact.type == "list" and getattr(fact, "ref", None) == PARTNER:
            value = case.facts.get(key, {}).get(fact.id)
            if isinstance(value, tuple):
                out.update(str(v) for v in value)
    return out


class Stated(dict[str, str]):
    """The ``bron`` texts of an entity's facts; a fact without one reads as empty."""

    def __missing__(self, key: str) -> str:
        return ""


def stated_sources(case: Case, key: EntityKey, kb: KnowledgeBase | None = None,
                   lang: str = "nl") -> Stated:
    """The case's own ``bron`` text of each fact of ``key`` that has one.

    A rule text may then say what a fact rests on: ``{{ bron.draagvlak_partners }}``
    (a fact of the case) or ``{{ optie.bron.steun_raden }}`` (of the focus entity);
    a fact without a ``bron`` gives an empty text, so ``{% if bron.x %}`` is safe.
    A ``bron`` is written in Dutch: in another language (with ``kb``) it is its
    ``bron_en`` when the case gives one, else a reference to the case's source it names
    ("see source [4]"), else it is left out.
    """
    stated = {fact: text for (where, fact), text in sorted(case.provenance.items())
              if where == key}
    if lang != DUTCH and kb is not None:
        numbers = case_source_names(case, kb)
        stated = {fact: shown for fact, text in stated.items()
                  if (shown := case.english_of(key, f"bron:{fact}")
                      or bron_reference(text, numbers, lang,
                                        case.source_ids.get((key, fact), ())))}
    return Stated(stated)


def stated_but_unknown(case: Case, vocab: Vocabulary, corner: str,
                       kb: KnowledgeBase | None = None, lang: str = "nl") -> list[str]:
    """The case's ``bron`` texts of its own facts of ``corner`` that are unknown as a value.

    A case may know part of a fact ("the raad is positive about the region; its view on the
    options is not known") and state it as ``{waarde: null, bron: ...}``: the corner's
    "not yet known" then says what the case file does say (outside Dutch, as for
    :func:`stated_sources`, the source it names).
    """
    from pvrules.validate.case import CASE_KEY

    numbers = case_source_names(case, kb) if lang != DUTCH and kb is not None else None
    out = []
    for fact in vocab.facts_of(CASE_KEY[0]):
        said = case.provenance.get((CASE_KEY, fact.id))
        if fact.corner == corner and said and case.facts.get(CASE_KEY, {}).get(fact.id) is None:
            said = said if numbers is None else (
                case.english_of(CASE_KEY, f"bron:{fact.id}") or bron_reference(
                    said, numbers, lang, case.source_ids.get((CASE_KEY, fact.id), ())))
            if said and said not in out:
                out.append(said)
    return out


def case_source_names(case: Case, kb: KnowledgeBase) -> list[CaseSource]:
    """Each of the case's own sources with its number in the bibliography and its names.

    The numbering is the registry's: the case's sources (``casus.bronnen``, each as cited on
    the peildatum) come first, in their order.
    """
    from pvrules.explain.bron_match import case_source

    out: list[CaseSource] = []
    seen: set[str] = set()
    for sid in case.meta.bronnen:
        cited = kb.cite_as(sid, case.peildatum, vouched=True) or ""
        src = kb.catalogues.sources.get(cited)
        if src is None or cited in seen:
            continue
        seen.add(cited)
        out.append(case_source(len(seen), sid, src))
    return out


def bron_shown(case: Case, key: EntityKey, fact: str, kb: KnowledgeBase, lang: str
               ) -> str | None:
    """The ``bron`` of a stated fact as the advice prints it in ``lang``, or ``None``.

    Dutch: the ``bron``; another language: its ``bron_en``, else the case's source it
    names ("see source [4]"), else nothing (a Dutch sentence is not put in an English one).
    """
    said = case.provenance.get((key, fact))
    if not said or lang == DUTCH:
        return said
    return case.english_of(key, f"bron:{fact}") or \
        bron_reference(said, case_source_names(case, kb), lang,
                       case.source_ids.get((key, fact), ())) or None


def bron_reference(text: str, numbers: list[CaseSource], lang: str,
                   ids: tuple[str, ...] = ()) -> str:
    """``see source [4]`` for a ``bron`` text naming case source 4; ``""`` if it names none.

    ``ids``: the sources the fact names by id (``bron_id``); see :mod:`pvrules.explain.bron_match`.
    """
    from pvrules.explain.bron_match import matching

    found = [str(n) for n in matching(text, numbers, ids)]
    if not found:
        return ""
    from pvrules.messages import Messages

    return Messages(lang)("value.see_source", numbers=", ".join(found))


WHOSE = ("min", "max", "any")
"""Aggregates whose value is some partners' own value: the advice names those partners."""


def aggregate_text(case: Case, vocab: Vocabulary, key: EntityKey, fact_id: str,
                   value: Value | None, value_of: Callable[[EntityKey, str], object],
                   msg: Messages) -> str | None:
    """``laag in Drieburg``: an aggregate over partners with the partners whose value it is.

    ``ja (Marenburg)`` for an ``any``.

    ``None`` when the fact is no ``min``/``max``/``any`` aggregate, is unknown or false, or
    when every partner has that value (then the value holds for all and says enough).
    """
    fact = vocab.facts.get(fact_id)
    agg = fact.aggregate if fact is not None else None
    if agg is None or agg.of is None or agg.fn not in WHOSE or value is None or value is False:
        return None
    ref = vocab.facts[agg.over].ref
    members = case.facts.get(key, {}).get(agg.over)
    if ref is None or not isinstance(members, tuple):
        return None
    names = {e.id: e.name for e in case.entities.get(ref, ())}
    whose = [names.get(str(m), str(m)) for m in members
             if value_of((ref, str(m)), agg.of) == value]
    if not whose or len(whose) == len(members):
        return None
    shown = vocab.display(fact_id, value, msg.lang)
    if agg.fn == "any":  # "ja (Marenburg)"
        return f"{shown} ({msg.join(whose)})"
    places = all(_is_place(case, str(m)) for m in members
                 if names.get(str(m), str(m)) in whose)
    return msg("value.per_partner_in" if places else "value.per_partner", v=shown,
               who=msg.join(whose))


def statement(msg: Messages, fact_id: str, value: Value | None) -> str | None:
    """A stated yes/no fact as a sentence in ``msg``'s language, or ``None`` without one.

    The notitie's "Wat wij weten" says what we were told, not a field and its value
    ("Keuze politiek gevoelig: nee.", review 12). Every yes/no input fact of the case has
    both sentences (a test checks it); another entity's fact without them is ``None``: the
    caller then shows "Label: ja/nee.".
    """
    if not isinstance(value, bool):
        return None
    key = f"statement.{fact_id}.{str(value).lower()}"  # "De keuze ligt politiek niet gevoelig."
    return msg(key) if msg.has(key) else None
