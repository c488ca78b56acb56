"""From weighed unknown facts to the items of "Eerst uitzoeken" (:mod:`pvrules.explain.findout`).

Three steps, all driven by the vocabulary (``ask:``, :mod:`pvrules.validate.ask`),
never by fact ids in code:

* **Which facts are questions** (:func:`asked`): ``ask: false`` never, ``only_if`` /
  ``unless`` only where the case's own facts make the fact a question, ``answered_by``
  not where a finding on one of the case's entities answers it.
* **The gate** (:func:`passes`): an item is listed only when an option's score, a corner
  verdict the answer rests on or the choice turns on its answer (a corner becoming or
  ceasing to be weak, the balance, an option's effect or preference); a fact that changes
  only a recommendation, a measure, a risk or a route step is not. Decisive items (a
  corner, the balance, a preference) come first. What does not count (:func:`worth`): a key
  recommendation that fires because the fact is unknown ("laat de kosten ramen") or that
  would make the fact itself (``makes:``; "Is er een business case?" for "Business case"),
  and an option's score that moves with a collaboration the option does not change.
  When no item passes, "Eerst uitzoeken" says nothing is missing for the advice.
* **One question once** (:func:`items`): facts of one ``group`` are one item ("Zoek uit
  hoe de raden, de inwoners en de regio over ‘X’ denken"); findings of a study the case
  has (``study``) are one item "take them from [the study]"; one fact of several
  entities is one item naming them all.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from pvrules.compile.ir import And, Exists, ForAll, Known, Node, Or, facts_read
from pvrules.explain.basics import entity_name
from pvrules.explain.ctxtypes import Ctx
from pvrules.explain.decisions_model import FindOut
from pvrules.explain.domains import Slot
from pvrules.explain.findout_asked import (
    _ask,
    _every,
    asked,
    client_knows,
    client_knows_all,
    stated,
)
from pvrules.explain.findout_choose import choose_item, to_choose
from pvrules.explain.findout_made import made_by_advice, makes, recommended_items
from pvrules.explain.findout_turns import turns
from pvrules.explain.texts import client_label, fill_organs, organs
from pvrules.validate.ask import AskDef
from pvrules.validate.case import CASE_KEY, EntityKey

__all__ = [  # callers import which facts are questions from here (findout_asked)
    "_every", "asked", "client_knows", "client_knows_all", "course", "headline", "items",
    "passes", "recommended_for", "single", "study", "whose_organisation", "worth",
]

if TYPE_CHECKING:
    from dataclasses import dataclass
else:  # the same classes, cheaper to create: a cold start
    from pvrules.explain.frozen import dataclass

HEAVY = frozenset(("corner", "balance", "effect", "criterion", "prefer", "key"))
"""Parts of the advice itself (see :mod:`pvrules.explain.findout`): weigh 10 each."""
GATE = frozenset(("corner", "balance", "effect", "prefer"))
"""Parts an item must be able to change to be listed: a corner's verdict or the balance (the
kernboodschap), an option's effect or preference (the choice). A herindeling criterion alone
does not count: the options table shows what each criterion still lacks. Nor does a key
recommendation alone (review 12: "Hoe goed worden de raden geïnformeerd? Daarvan hangt af:
de aanbeveling ‘Informatieprotocol’"): an answer that feeds only a catalogue measure
changes no option and no choice."""
GIVEN = "key"
"""The gate's one part that counts only for a recommendation the advice gives (not one an
answer would add: that changes no option's score and no choice)."""
OPTION_PARTS = frozenset(("effect", "prefer", "criterion"))
"""Parts that are an option's score: (kind, option key, ...)."""
DECISIVE = frozenset(("corner", "balance", "prefer"))
"""Parts the kernboodschap's verdict rests on: an item that changes one is named there."""
REPORT_KINDS = ("rekenkamer", "rapport")
"""Source kinds that can be the study a case fact says exists."""
ADVICE_WEIGHT, OTHER_WEIGHT = 10, 1
PARTNER = "partner"
ADVISED_AGAINST = "advised_against"
"""The preference of an option the sources advise against (a ``prefer`` conclusion)."""
COLLABORATION = "samenwerking"
OPTION = "optie"
CHOOSE = "choose"
"""The unit of facts about partners still to be chosen (:mod:`pvrules.explain.findout_choose`)."""
"""The entity kind of an option: its facts read "… voor ‘X’" in the kernboodschap."""


@dataclass(frozen=True)
class Weighed:
    """What filling in one fact changes: parts of the advice, firings, and the rules."""

    parts: frozenset[tuple[object, ...]]
    firings: int
    rules: frozenset[str] = frozenset()

    @property
    def weight(self) -> int:
        """10 per part of the advice itself, 1 per other part; 1 for reasoning only."""
        heavy = sum(1 for p in self.parts if p[0] in HEAVY)
        other = len(self.parts) - heavy
        only_reasoning = 1 if self.firings and not self.parts else 0
        return ADVICE_WEIGHT * heavy + OTHER_WEIGHT * (other + only_reasoning)

    @property
    def heavy(self) -> bool:
        """Whether an answer can change a part of the advice the gate lets through."""
        return any(p[0] in GATE for p in self.parts)

    @property
    def decisive(self) -> bool:
        """Whether an answer can change the verdict of the kernboodschap."""
        return any(p[0] in DECISIVE for p in self.parts)


def union(weighed: Iterable[Weighed]) -> Weighed:
    """What the facts of one item change together."""
    all_ = list(weighed)
    return Weighed(frozenset().union(*(w.parts for w in all_)), sum(w.firings for w in all_),
                   frozenset().union(*(w.rules for w in all_)))


@dataclass(frozen=True)
class Found:
    """One weighed unknown fact, with its place in the case order."""

    slot: Slot
    weighed: Weighed
    index: int


def passes(found: Found, given: frozenset[str] | None = None) -> bool:
    """The gate: an answer can change an option's score, the verdict or a key recommendation.

    ``given``: the items the advice recommends; a key recommendation it does not give (one
    an answer would add) does not count. ``None``: every key recommendation counts.
    """
    return any(p[0] in GATE and (p[0] != GIVEN or given is None or p[1] in given)
               for p in found.weighed.parts)


def worth(ctx: Ctx, found: Found, asked_by: Mapping[Slot, frozenset[tuple[object, ...]]]
          ) -> Found:
    """``found`` with only the parts of the advice that really turn on its answer.

    Not the recommendations that ask for the fact (:func:`without_own`) or would make it
    (``makes:``), and not an option's score where the fact is about a collaboration the
    option does not change (:func:`_changes`): "doelbereik van de regionale samenwerking"
    is no question for improving another collaboration.
    """
    found = without_own(found, asked_by)
    key, fact = found.slot
    parts = {p for p in found.weighed.parts
             if not (p[0] in ("key", "rec") and makes(ctx, p[1], fact))
             and not (key[0] == COLLABORATION and p[0] in OPTION_PARTS
                      and isinstance(p[1], tuple) and not _changes(ctx, p[1], key))}
    if len(parts) == len(found.weighed.parts):
        return found
    return replace(found, weighed=replace(found.weighed, parts=frozenset(parts)))


def _changes(ctx: Ctx, option: object, collab: EntityKey) -> bool:
    """Whether ``option`` changes collaboration ``collab``.

    The one it names (``optie_samenwerking``), else one of the form it continues, improves
    or leaves (``bestaande_vorm``); an option that names neither may change any.
    """
    if not isinstance(option, tuple) or option[:1] != (OPTION,):
        return True
    named = ctx.result.value(option, "optie_samenwerking")
    if isinstance(named, tuple) and named:
        return collab[1] in named
    form = ctx.result.value(option, "bestaande_vorm")
    return form is None or ctx.result.value(collab, "vorm") == form


def _unknown_tests(node: Node) -> Iterator[str]:
    """The facts a condition requires to be not established.

    ``{known: false}`` where the condition needs it (not under ``not``), or a choice
    (``any``) among its alternatives that reads only that one fact ("unknown, or not
    true"). A choice that also reads another fact ("policy-rich, or unknown, or not about
    space") recommends something under uncertainty, it does not ask for the fact.
    """
    if isinstance(node, Known):
        if not node.known:
            yield node.ref.fact
    elif isinstance(node, Exists | ForAll):
        yield from _unknown_tests(node.cond)
    elif isinstance(node, And):
        for item in node.items:
            yield from _unknown_tests(item)
    elif isinstance(node, Or):
        read = facts_read(node)
        if len(read) == 1 and any(isinstance(i, Known) and not i.known for i in node.items):
            yield from read


def recommended_for(ctx: Ctx) -> dict[Slot, frozenset[tuple[object, ...]]]:
    """Per unknown fact, the recommendations that fire because it is unknown.

    A rule that tests a fact ``{known: false}`` and recommends something asks the client
    to establish that very fact ("laat de kosten ramen"); when that recommendation is a
    key one, asking the fact again under "Eerst uitzoeken" says it twice.
    """
    unknown = {r.id: frozenset(_unknown_tests(r.condition)) for r in ctx.kb.rules}
    out: dict[Slot, set[tuple[object, ...]]] = {}
    for firing in ctx.result.firings:
        tested = unknown.get(firing.rule_id)
        if not tested:
            continue
        recs = [("key", c.name, c.target) for c in firing.conclusions if c.kind == "recommend"]
        for key, fact, value in firing.matched:
            if fact in tested and value is None:
                out.setdefault((key, fact), set()).update(recs)
    return {s: frozenset(v) for s, v in out.items()}


def without_own(found: Found, asked_by: Mapping[Slot, frozenset[tuple[object, ...]]]) -> Found:
    """``found`` without the key recommendations that already ask for its fact."""
    own = asked_by.get(found.slot)
    if not own:
        return found
    own = own | {("rec", *p[1:]) for p in own}  # a measure as much as a key one
    w = found.weighed
    return replace(found, weighed=replace(w, parts=w.parts - own))


def study(ctx: Ctx, fact: str) -> str | None:
    """The citation of the case's study that answers ``fact``, or ``None``.

    A report among the case sources counts only when the case fact ``ask.study`` names
    is true (a study of this very question exists). A report the case rests on for other
    findings (a rekenkamer report on goal attainment) is not assumed to answer what the
    case left unknown: the case file was written from it. With the fact true and no such
    source, the fact's own ``bron`` text names the study.
    """
    ask = _ask(ctx, fact)
    if isinstance(ask, bool) or ask.study is None:
        return None
    kb, case = ctx.kb, ctx.result.case
    own = kb.citable_sources(case.meta.bronnen, case.peildatum)
    exists = ctx.result.value(CASE_KEY, ask.study) is True
    for number, sid in enumerate(own, start=1):
        src = kb.catalogues.sources[sid]
        if exists and src.kind in REPORT_KINDS:
            name = src.author or src.publisher or src.title
            return f"{name}{f' ({src.year})' if src.year else ''} [{number}]"
    if exists:
        return case.provenance.get((CASE_KEY, ask.study)) or ctx.msg("find_out.study.unnamed")
    return None


def items(ctx: Ctx, found: Sequence[Found], limit: int) -> tuple[FindOut, ...]:
    """The items of "Eerst uitzoeken" for ``found``, most weight first, at most ``limit``.

    Facts are first joined into items (a study, a group, one fact of several entities);
    an item is listed when it passes the gate, and then with every member that changes
    something a reader sees.
    """
    asked_by = recommended_for(ctx)
    units: dict[tuple[str, str], list[Found]] = {}
    own = _client_itself(ctx)
    placeholders = to_choose(ctx)
    against = {c.target for firing in ctx.result.firings for c in firing.conclusions
               if c.kind == "prefer" and c.name == ADVISED_AGAINST}
    made = made_by_advice(ctx)
    given = recommended_items(ctx)
    gated: dict[Slot, Weighed] = {}  # what really turns on each answer (ranked as weighed)
    for f in found:
        gated[f.slot] = worth(ctx, f, asked_by).weighed
        if not gated[f.slot].parts:
            continue  # changes only the reasoning, or only what asks for the fact itself
        if f.slot[1] in made:
            continue  # the advice makes it ("stel een capaciteitsplan op"): no question
        if f.slot[0] in own:
            continue  # the client is not asked about itself as one of the partners
        if _role(ctx, f.slot[1]) == PARTNERS_ROLE and _partners_all_ask(ctx):
            continue  # "de partners" would be the clients themselves
        if f.slot[0] in against and not any(p[0] == "prefer" for p in f.weighed.parts):
            continue  # an option the advice rejects: asked only where the answer could change that
        ask = _ask(ctx, f.slot[1])
        cited = study(ctx, f.slot[1]) if _own_organisation(ctx, f.slot[0]) else None
        if f.slot[0] in placeholders:
            unit = (CHOOSE, "")  # a partner still to be chosen: "met welke gemeente(n)?"
        elif cited is not None:
            unit = ("study", cited)
        elif isinstance(ask, AskDef) and ask.group is not None:
            unit = ("group", ask.group)
        else:
            unit = ("fact", f.slot[1])
        units.setdefault(unit, []).append(f)
    listed = [(u, m) for u, m in units.items()  # a deciding fact: its own turn (findout_turns)
              if passes(Found(m[0].slot, union(gated[f.slot] for f in m), m[0].index), given)
              or (u[0] == "fact" and ctx.msg.has(f"find_out.turns.fact.{u[1]}"))]
    listed = _once(ctx, listed)
    ranked = sorted(listed, key=lambda u: (not union(f.weighed for f in u[1]).decisive,
                                           -union(f.weighed for f in u[1]).weight,
                                           -sum(f.weighed.firings for f in u[1]),
                                           min(f.index for f in u[1])))
    return tuple(_turns(ctx, _item(ctx, kind, ident, members), members, asked_by)
                 for (kind, ident), members in ranked[:limit])


def _turns(ctx: Ctx, item: FindOut, members: list[Found],
           asked_by: Mapping[Slot, frozenset[tuple[object, ...]]]) -> FindOut:
    """``item`` with what turns on its answer ("Daarvan hangt af of …") after its question.

    Not the recommendations that ask for any of its facts: they are how it is found out.
    """
    own = frozenset().union(*(asked_by.get(f.slot, frozenset()) for f in members))
    parts = union(f.weighed for f in members).parts - own - {("rec", *p[1:]) for p in own}
    facts = {f.slot[1] for f in members}
    said = turns(ctx, parts, f"{entity_name(ctx, members[0].slot[0]) or ''}: {item.question}"
                 if len(members) == 1 and item.entity else item.question,
                 fact=next(iter(facts)) if len(facts) == 1 else None)
    return replace(item, question=f"{item.question} {said}") if said else item


def _own_organisation(ctx: Ctx, key: EntityKey) -> bool:
    """Whether a study of the client's organisation can answer a fact of ``key``.

    A bestuurskracht study looks at the municipality and its own civil service, shared or
    not; a regional network or a joint arrangement for some tasks is another body, whose goal
    attainment the study is not assumed to state (review 9: "doelbereik van Samenwerking in
    de Leidse regio" taken from a study of the municipality).
    """
    if key[0] != COLLABORATION:
        return True
    return ctx.result.value(key, "vorm") == WORKS


def _client_itself(ctx: Ctx) -> frozenset[EntityKey]:
    """The partner that is the client itself, when one organisation asks (``entiteit``).

    "Tilburg, de andere gemeenten en de provincie: hoe gezond is de financiële positie?"
    asks the college of Tilburg about Tilburg as one of its partners. Several municipalities
    that ask together (``entiteit`` with more than one) are each other's partners: asked.
    """
    client = ctx.result.case.meta.opdrachtgever
    if client is None or len(client.entiteit) != 1:
        return frozenset()
    return frozenset({(PARTNER, client.entiteit[0])})


PARTNERS_ROLE = "partners"
"""The ``ask.role`` of a group member about the partners' view: no question when every
partner of the case is one of the clients (they are asked through their own organs)."""


def _role(ctx: Ctx, fact: str) -> str | None:
    ask = _ask(ctx, fact)
    return ask.role if isinstance(ask, AskDef) else None


def _partners_all_ask(ctx: Ctx) -> bool:
    """Whether every partner of the case is one of the clients (``entiteit``)."""
    client = ctx.result.case.meta.opdrachtgever
    partners = [e.key[1] for e in ctx.result.case.all_entities() if e.key[0] == PARTNER]
    return client is not None and bool(partners) and set(partners) <= set(client.entiteit)


def _once(ctx: Ctx, listed: list[tuple[tuple[str, str], list[Found]]]
          ) -> list[tuple[tuple[str, str], list[Found]]]:
    """``listed`` without a case-wide fact whose question an item per entity asks already.

    "Hoe gezond is de financiële positie?" for the case and "… voor elk: Leerdam, Vianen en
    Zederik" ask the same (the same ``ask.subject``): the one per entity, more precise, stays.
    """
    def subject(fact: str) -> str | None:
        ask = _ask(ctx, fact)
        return ask.subject.get("nl") if isinstance(ask, AskDef) and ask.subject else None

    per_entity = {subject(f.slot[1]) for (kind, _i), m in listed if kind == "fact"
                  for f in m if f.slot[0] != CASE_KEY} - {None}
    return [(u, m) for u, m in listed if not (
        u[0] == "fact" and all(f.slot[0] == CASE_KEY for f in m)
        and subject(u[1]) in per_entity)]


def _item(ctx: Ctx, kind: str, ident: str, members: list[Found]) -> FindOut:
    members = sorted(members, key=lambda f: (-f.weighed.weight, f.index))
    together = union(f.weighed for f in members)
    item = (_study(ctx, ident, members) if kind == "study"
            else _group(ctx, ident, members) if kind == "group" else None)
    if kind == CHOOSE:
        options = [o for f in members for o in to_choose(ctx).get(f.slot[0], ())]
        item = choose_item(ctx, [f.slot for f in members], list(dict.fromkeys(options)))
    if item is None and len(members) == 1:
        item = single(ctx, members[0].slot, 0)
    if item is None:  # one fact of several entities, or a group without its own texts
        item = _several(ctx, members)
    return replace(item, weight=together.weight,
                   facts=tuple(dict.fromkeys(f.slot[1] for f in members)),
                   rules=tuple(sorted(together.rules)), decisive=together.decisive)


def _study(ctx: Ctx, source: str, members: list[Found]) -> FindOut:
    """Findings to take from the case's study: one item."""
    msg = ctx.msg
    what = msg.join(list(dict.fromkeys(_plain(ctx, f.slot, own=True) for f in members)))
    return FindOut(members[0].slot[1], msg("find_out.study.label"), None,
                   msg("find_out.study.question", source=source, what=what), 0,
                   subject=msg("find_out.study.subject", source=source, what=what),
                   source=source)


def _group(ctx: Ctx, group: str, members: list[Found]) -> FindOut | None:
    """Facts of one group as one question, when the group has its own texts."""
    msg = ctx.msg
    if not msg.has(f"find_out.group.{group}.label"):
        return None
    names = organs(ctx.result.case, msg)
    named: dict[str, tuple[bool, str]] = {}
    for f in members:  # most weight first; a role is named once, by an option's member
        ask = _ask(ctx, f.slot[1])
        if isinstance(ask, AskDef) and ask.who is not None:
            who = (f.slot[0] == CASE_KEY, fill_organs(ask.who.get(ctx.lang), names))
            role = ask.role or who[1]
            if role not in named or who[0] < named[role][0]:
                named[role] = who
    if not named:
        return None
    whom = msg.join([w for _c, w in named.values()])
    options = list(dict.fromkeys(n for f in members if f.slot[0][0] == OPTION
                                 for n in (entity_name(ctx, f.slot[0]),) if n))
    what = msg.join([f"‘{n}’" for n in options]) or course(ctx)
    short = msg("find_out.the_options") if len(options) > 1 else what
    return FindOut(members[0].slot[1], msg(f"find_out.group.{group}.label"), None,
                   msg(f"find_out.group.{group}.question", who=whom, what=what), 0,
                   subject=msg(f"find_out.group.{group}.subject", who=whom, what=short))


def course(ctx: Ctx) -> str:
    """What a question about "the course" is about: the case's options, or its question.

    "De voorgenomen koers" where the case names no course reads as a stock phrase: with
    options it is those ("de opties", or the one by name), without them the advice's question.
    """
    msg = ctx.msg
    names = [e.name for e in ctx.result.case.all_entities() if e.key[0] == OPTION and e.name]
    if len(names) == 1:
        return f"‘{names[0]}’"
    return msg("find_out.the_options") if names else msg("find_out.the_question")


def _several(ctx: Ctx, members: list[Found]) -> FindOut:
    """Several facts, or one fact of several entities, as one item."""
    msg = ctx.msg
    parts = [single(ctx, f.slot, 0) for f in members]
    if len({f.slot[1] for f in members}) == 1:
        names = [n for n in (entity_name(ctx, f.slot[0]) for f in members) if n]
        subject = (msg("find_out.subject_of", fact=_plain(ctx, members[0].slot),
                       entity=msg.join(names)) if names else parts[0].subject)
        ask = _ask(ctx, members[0].slot[1])
        question = parts[0].question  # "… van deze partner?" is for one: ask it of each
        fact = members[0].slot[1]
        if len(names) > 1 and ctx.msg.has(f"find_out.ask_each.{fact}"):
            told = all(stated(ctx, f.slot[0], fact) for f in members)
            question = _with_who(ctx, msg(f"find_out.ask_each_stated.{fact}" if told
                                          else f"find_out.ask_each.{fact}"),
                                 fact, [f.slot[0] for f in members])
        elif len(names) > 1 and isinstance(ask, AskDef) and ask.subject is not None:
            question = msg("find_out.question_each", subject=fill_organs(
                ask.subject.get(ctx.lang), organs(ctx.result.case, msg)))
        return replace(parts[0], entity=msg.join(names) or None, subject=subject,
                       question=question)
    return FindOut(parts[0].fact, msg.join(list(dict.fromkeys(p.label for p in parts))), None,
                   " ".join(dict.fromkeys(p.question for p in parts)), 0,
                   subject=msg.join(list(dict.fromkeys(p.subject for p in parts))))


def _plain(ctx: Ctx, slot: Slot, own: bool = False) -> str:
    """The fact's label in running text: lower case, without a bracketed remark.

    ``own``: followed by the entity's own name ("doelbereik van X") if not the case's.
    """
    plain = _label(ctx, slot).split(" (", 1)[0]
    name = entity_name(ctx, slot[0]) if own else None
    return ctx.msg("find_out.subject_of", fact=plain, entity=name) if name else plain


def _label(ctx: Ctx, slot: Slot) -> str:
    label = client_label(ctx.kb.vocab.facts[slot[1]].label.get(ctx.lang), ctx.result.case,
                         ctx.msg)
    return label[:1].lower() + label[1:] if not label[:2].isupper() else label


def single(ctx: Ctx, slot: Slot, weight: int) -> FindOut:
    """The item for one unknown fact: its label, entity and question."""
    fact = ctx.kb.vocab.facts[slot[1]]
    ent = ctx.say.entity(slot[0])
    own = entity_name(ctx, slot[0])
    if slot[0] == CASE_KEY and fact.corner == ORGANISATION:
        # "Hoe kwetsbaar is de organisatie?" says whose; a shared civil service answers only
        # what its findings answer (capacity, vulnerability: ``answered_by``), not finances
        shared = isinstance(fact.ask, AskDef) and fact.ask.answered_by is not None and \
            WORKS in (fact.ask.answered_by.get("vorm") or ())
        ent = whose_organisation(ctx, shared)
    client = ctx.result.case.meta.opdrachtgever
    each = slot[0] == CASE_KEY and fact.corner == ORGANISATION and ent is not None \
        and ent == _clients(ctx) and client is not None and len(client.entiteit) > 1
    # several municipalities ask, each with its own organisation ("Zoek voor elk uit …")
    asked_ = fact.question
    label = client_label(fact.label.get(ctx.lang), ctx.result.case, ctx.msg)
    if asked_ is not None:
        # the entity is shown beside the label; {raad} etc. name the client's organs
        question = fill_organs(asked_.get(ctx.lang), organs(ctx.result.case, ctx.msg))
        stock = ctx.msg("find_out.the_course")
        if stock in question:  # "voor de voorgenomen koers": the options, or the question
            question = question.replace(stock, course(ctx))
    elif ent:
        question = ctx.msg("find_out.question_for", fact=label.lower(), entity=own or ent)
    else:
        question = ctx.msg("find_out.question", fact=label.lower())
    low = _plain(ctx, slot)
    ask = fact.ask
    if own and ctx.msg.has(f"find_out.ask.{slot[1]}"):  # what is really unknown, and who knows
        told = f"find_out.ask_stated.{slot[1]}"  # the case names it (its goals): not asked again
        question = _with_who(ctx, ctx.msg(told if ctx.msg.has(told) and stated(
            ctx, slot[0], slot[1]) else f"find_out.ask.{slot[1]}"), slot[1], [slot[0]])
    if each and isinstance(ask, AskDef) and ask.subject is not None:
        question = ctx.msg("find_out.question_each", subject=fill_organs(
            ask.subject.get(ctx.lang), organs(ctx.result.case, ctx.msg)))
    if isinstance(ask, AskDef) and ask.subject is not None:
        subject = fill_organs(ask.subject.get(ctx.lang), organs(ctx.result.case, ctx.msg))
    elif own and slot[0][0] == OPTION:
        subject = ctx.msg("find_out.subject_for", fact=low.replace(" voor deze optie", "")
                          .replace(" for this option", ""), entity=own)
    elif own:
        subject = ctx.msg("find_out.subject_of", fact=low, entity=own)
    elif ctx.msg.has(f"unknown.fact.{slot[1]}"):  # a clause, not a label in running text
        subject = ctx.msg(f"unknown.fact.{slot[1]}")
    else:
        subject = ctx.msg("find_out.subject", fact=low)
    return FindOut(slot[1], label, ent, question, weight, facts=(slot[1],),
                   subject=subject)


def _with_who(ctx: Ctx, question: str, fact: str, keys: Sequence[EntityKey]) -> str:
    """``question`` and who knows the answer (``find_out.who.FACT``), by the entities' form.

    ``find_out.who.FACT.VORM`` where every entity is a collaboration of that form: a
    convenant has no board to ask (review 12).
    """
    forms = {ctx.result.value(k, "vorm") for k in keys if k[0] == COLLABORATION}
    own = f"find_out.who.{fact}.{next(iter(forms))}" if len(forms) == 1 else ""
    who = own if own and ctx.msg.has(own) else f"find_out.who.{fact}"
    return f"{question} {ctx.msg(who)}" if ctx.msg.has(who) else question


ORGANISATION = "organisatie"
"""The corner of the client's own organisation: its case facts are about one organisation."""
WORKS = "werkorganisatie"
"""A collaboration form that is the whole civil service of its participants."""


def whose_organisation(ctx: Ctx, shared: bool = True) -> str | None:
    """The organisation the case's own organisation facts are about, by name, or ``None``.

    With ``shared``, a shared civil service (an existing ``werkorganisatie``) every client
    takes part in; else the client municipality, or the several that ask together by name.
    """
    client = ctx.result.case.meta.opdrachtgever
    asking = set(client.entiteit) if client is not None else set()
    if not asking:
        return None
    for e in ctx.result.case.all_entities() if shared else ():
        if e.key[0] != "samenwerking" or ctx.result.value(e.key, "vorm") != WORKS \
                or ctx.result.value(e.key, "status") == "voorgenomen":
            continue
        members = ctx.result.value(e.key, "deelnemers")
        if isinstance(members, tuple) and asking <= set(members):
            return e.name or e.key[1]
    return _clients(ctx)


def _clients(ctx: Ctx) -> str | None:
    """The client municipalities by name ("Boxmeer, Cuijk en Sint Anthonis"), or ``None``."""
    client = ctx.result.case.meta.opdrachtgever
    names = [n for n in (entity_name(ctx, (PARTNER, c)) for c in
                         (client.entiteit if client is not None else ())) if n]
    return ctx.msg.join(names) or None


MAX_HEADLINE = 2
"""Items the kernboodschap names at most."""


def headline(found: Sequence[FindOut]) -> tuple[FindOut, ...]:
    """The one or two items the kernboodschap names: those that could change its verdict.

    Each in plain words (its ``subject`` as label, no entity in brackets).
    """
    return tuple(replace(f, label=f.subject or f.label, entity=None)
                 for f in found if f.decisive)[:MAX_HEADLINE]
