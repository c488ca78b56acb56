"""The one truth: turn a result into the decisions every reader sees (contract §4).

:func:`decide` reads only the knowledge base's conclusions:

* the balance of the triangle is the derived fact ``triangle_balans`` (never a
  threshold of our own), the corners are the derived level facts of the
  vocabulary's corners;
* recommendations and advice against are weighed once (:mod:`pvrules.explain.scoring`);
  at most five key recommendations (by rule priority, then strength; which ones:
  :mod:`pvrules.explain.selection`), the rest grouped by theme;
* options, effects, risks, criteria, preferences (:mod:`pvrules.explain.choices`),
  route (:mod:`pvrules.explain.route`), frameworks (:mod:`pvrules.explain.agenda`), "find out first"
  (:mod:`pvrules.explain.findout`);
* every reasoning chain once, numbered in order of first reference; every
  source once, numbered in order of first citation, leaving out sources
  published after the case's date;
* certainty: a chain's certainty is the lowest ``zekerheid`` of the case facts it rests
  on, at most ``gemiddeld`` on a corner level judged on few of its indicators (such a
  level is marked provisional); a recommendation resting only on such facts is one strength lower,
  and its why says so;
* the kernboodschap (:mod:`pvrules.explain.answer`) answers the case's question first.
"""

from __future__ import annotations

import dataclasses

from pvrules.compile.ir import CompiledRule
from pvrules.explain.advice import Recommendation, Step
from pvrules.explain.basics import (
    best_firing,
    corner_ids,
    corner_label,
    council,
    entity_name,
    executive,
    input_slots,
    level_fact,
    low_certainty,
    lower_first,
    peildatum,
    provisional,
    strength_of,
    uncertain_grounds,
)
from pvrules.explain.casefacts import stated_but_unknown
from pvrules.explain.ctxtypes import Ctx
from pvrules.explain.decisions_model import (
    AnalysisRow,
    Balance,
    CaseInfo,
    Client,
    CornerLevel,
    Decisions,
    RecGroup,
    RecItem,
    Triangle,
)
from pvrules.explain.findout_items import client_knows_all
from pvrules.explain.registry import Registry
from pvrules.explain.scoring import score
from pvrules.explain.selection import (
    MAX_KEY,
    NOT_KEY,  # noqa: F401  (re-exported for older callers)
    deferred,
    later_line,
    select_key,
    with_action,
)
from pvrules.explain.sentences import first_sentence
from pvrules.explain.texts import client_label, client_names, fill_organs, organs
from pvrules.explain.unknown_words import without_field_lists
from pvrules.infer.result import FiringKey
from pvrules.validate.case import CASE_KEY

BALANCE_FACT = "triangle_balans"
OTHER = "overig"
CORNER = "hoek"


TASK = "opgave"
"""The entity kind of a societal task (section 3.1)."""


def case_info(ctx: Ctx) -> CaseInfo:
    """What the case is about, from ``casus:``."""
    case = ctx.result.case
    meta = case.meta
    client = meta.opdrachtgever
    who = Client(client.naam if client else None, client.soort if client else None)
    day = peildatum(ctx)
    return CaseInfo(meta.id, meta.titel, meta.vraag, who,
                    day.isoformat() if day else meta.datum, meta.auteur,
                    not case.date_defaulted, council(ctx), meta.document,
                    " ".join(meta.toelichting.split()) if meta.toelichting else None,
                    len(case.entities.get(TASK, ())), _addressee(ctx))


EXECUTIVES = ("college", "colleges", "gedeputeerde_staten")
"""Client organs that are an executive: the advice addresses the elected body through them."""


def _addressee(ctx: Ctx) -> str:
    """``de raden van A en B, via de colleges``, when an executive asks; else ``""``."""
    if ctx.result.case.meta.document == "notitie":
        return ""  # a notitie goes to whoever asked, not to the raad
    organ = ctx.result.value(CASE_KEY, "opdrachtgever_orgaan")
    if organ not in EXECUTIVES:
        return ""
    body = council(ctx)
    names = client_names(ctx.result.case)
    if len(names) == 1 and body == ctx.msg("chooser.raad"):
        body = ctx.msg("council.of_one", name=names[0])  # "de raad van Beekdal"
    return ctx.msg("report.addressee", council=body, executive=executive(ctx))


def triangle(ctx: Ctx, reg: Registry) -> Triangle:
    """The balance (``triangle_balans``) and each corner's level, as the rules derived them."""
    vocab, result = ctx.kb.vocab, ctx.result
    balance = None
    if BALANCE_FACT in vocab.facts:
        value = result.value(CASE_KEY, BALANCE_FACT)
        if value is not None and not isinstance(value, tuple):
            balance = Balance(str(value), vocab.display(BALANCE_FACT, value, ctx.lang))
    corners = []
    for corner in ctx.advice.corners:
        fact_id = level_fact(ctx, corner.id)
        derived = result.derived.get((CASE_KEY, fact_id)) if fact_id else None
        chain = reg.chain([derived.by]) if derived is not None and derived.by else None
        reason = without_field_lists(first_sentence(corner.reasoning[-1].text)) \
            if corner.reasoning else ""
        if not reason and corner.rank is None and fact_id:
            reason = _unknown_corner(ctx, fact_id, corner.id)
        if derived is not None and derived.by:  # a level that rests only on uncertain facts
            only, said = uncertain_grounds(ctx, [derived.by])
            if only:
                reason = f"{reason} " + (
                    ctx.msg("certainty.corner_uncertain_because", why="; ".join(said)) if said
                    else ctx.msg("certainty.corner_uncertain"))
        cited: list[int] = []
        if derived is not None and derived.by:  # the case sources of the facts it rests on
            for slot in input_slots(ctx, [derived.by]):
                cited += [n for n in reg.cited_at(*slot) if n not in cited]
        corners.append(CornerLevel(corner.id, corner_label(ctx, corner.id), corner.level,
                                   corner.rank, corner.max_rank, reason, chain,
                                   provisional(ctx, corner.id), tuple(sorted(cited))))
    text = "" if balance is not None else _partial_balance(ctx, corners)
    return Triangle(balance, tuple(corners), text)


def _unknown_corner(ctx: Ctx, fact_id: str, corner: str) -> str:
    """Why a corner's level is unknown: what the rules deriving it still wait on, in words.

    What the case file does say about such a fact (its ``bron``) follows.
    """
    from pvrules.explain.choices import unknown_slots_of
    from pvrules.explain.texts import client_kind
    from pvrules.explain.unknown_words import is_clause, plain_unknowns

    rules = [r for r in ctx.kb.rules
             if any(getattr(c, "fact", None) == fact_id for c in r.conclusions)]
    from pvrules.explain.findout_items import asked

    # only what the vocabulary makes a question here (as in "Eerst uitzoeken")
    unknown = unknown_slots_of(ctx, rules, CASE_KEY)
    waiting = [s for s in unknown if asked(ctx, s)]
    said = plain_unknowns(ctx, waiting, capital=False)
    if not said and corner == "organisatie" and client_kind(ctx.result.case) == "provincie":
        return ctx.msg("corner.not_this_client")  # a province's own organisation: not at issue
    if not said:  # nothing it waits on is a question here: say what is open all the same
        said = plain_unknowns(ctx, unknown, capital=False)
    if not said:
        return ""
    stated = stated_but_unknown(ctx.result.case, ctx.kb.vocab, corner, ctx.kb, ctx.msg.lang)
    tail = " " + ctx.msg("corner.stated_unknown", said="; ".join(stated)) if stated else ""
    known = known_of(ctx, rules, corner)
    tail = (" " + ctx.msg("corner.known", facts=ctx.msg.join(known)) if known else "") + tail
    if any(is_clause(s) for s in said):  # "Nog niet bekend is hoe de raden … denken"
        return ctx.msg("corner.unknown_plain", facts=ctx.msg.join(list(said))) + tail
    text = ctx.msg.join(list(said))
    many = len(said) > 1 or f" {ctx.msg('word.and')} " in text  # labels joined in one phrase
    return ctx.msg("corner.unknown_many" if many else "corner.unknown_one",
                   facts=text[:1].upper() + text[1:]) + tail


OPTION_KIND = "optie"


def known_of(ctx: Ctx, rules: list[CompiledRule], corner: str) -> list[str]:
    """What the case does state of a corner whose level is unknown (review 9).

    The input facts of the corner that the rules deriving its level read and that the case
    gives a value ("financiële positie laag", "doelbereik van X hoog"): a corner said to be
    unknown still names what is known, as chapter 4 uses it.
    """
    vocab = ctx.kb.vocab
    out: list[str] = []
    read = dict.fromkeys(fact for rule in rules for _e, fact in sorted(rule.reads))
    for fact in read:
        fdef = vocab.facts.get(fact)
        if fdef is None or fdef.origin != "input" or fdef.type != "level":
            continue  # a level ("laag", "hoog"), not a structural fact (a form, a status)
        if fdef.corner not in (None, corner) or fdef.entity == OPTION_KIND:
            continue  # an option's facts are chapter 4's
        keys = [CASE_KEY] if fdef.entity == CASE_KEY[0] else [
            e.key for e in ctx.result.case.all_entities() if e.key[0] == fdef.entity]
        for key in keys:
            value = ctx.result.value(key, fact)
            if value is None or isinstance(value, tuple):
                continue
            label = lower_first(client_label(fdef.label.get(ctx.lang), ctx.result.case,
                                             ctx.msg).split(" (", 1)[0])
            who = getattr(fdef.ask, "who", None)
            if getattr(fdef.ask, "group", None) and who is not None:  # "het draagvlak bij de raad"
                label = ctx.msg("report.approach_support", who=fill_organs(
                    who.get(ctx.lang), organs(ctx.result.case, ctx.msg)))
            name = entity_name(ctx, key)
            said = ctx.msg("corner.known_fact", fact=label if name is None else ctx.msg(
                "find_out.subject_of", fact=label, entity=name), value=ctx.say.value(fact, value))
            if said not in out:
                out.append(said)
    return out


def _partial_balance(ctx: Ctx, corners: list[CornerLevel]) -> str:
    """With some corner unknown: what the known corners show, and what is still open."""
    known = [c for c in corners if c.rank is not None]
    unknown = [c for c in corners if c.rank is None]
    if not known or not unknown:
        return ""
    shown = ctx.msg.join([ctx.msg("triangle.corner_is", corner=c.label.lower(),
                                  level=c.level) for c in known])
    open_ = ctx.msg.join([c.label.lower() for c in unknown])
    weak = min(known, key=lambda c: (c.rank or 0) / max(c.max_rank, 1))
    strong = max(known, key=lambda c: (c.rank or 0) / max(c.max_rank, 1))
    if (weak.rank or 0) / max(weak.max_rank, 1) < (strong.rank or 0) / max(strong.max_rank, 1):
        return ctx.msg("triangle.partial_lags", known=shown, weak=weak.label.lower(),
                       strong=strong.label.lower(), unknown=open_)
    return ctx.msg("triangle.partial" if len(unknown) == 1 else "triangle.partial_many",
                   known=shown, unknown=open_)


def recommendations(ctx: Ctx, reg: Registry
                    ) -> tuple[tuple[RecItem, ...], tuple[RecGroup, ...], tuple[RecItem, ...], str]:
    """Key recommendations (≤ 5), the rest by theme, what is advised against, what waits.

    The last is the line naming the measures that wait until the basis is in order (``""``).
    """
    kb = ctx.kb
    scores = score(kb, ((kb.rule(f.rule_id).priority, c) for f in ctx.result.firings
                        for c in f.conclusions))
    order = {k: i for i, k in enumerate(ctx.order)}
    items = {name: i for i, name in enumerate(kb.catalogues.items)}
    recommended: list[RecItem] = []
    against: list[RecItem] = []
    for rec in ctx.advice.recommendations:
        found = scores.get((rec.item, rec.target_key))
        if found is None or rec.status == "alternative":
            continue
        kind = "recommend" if rec.status == "recommended" else "against"
        keys = [f.key for f in ctx.result.firings
                if any(c.kind == kind and c.name == rec.item and c.target == rec.target_key
                       for c in f.conclusions)]
        rank = (-found.priority if rec.status == "recommended" else 0, -found.strength,
                rec.target_key != CASE_KEY, order.get(rec.target_key, 0),
                items.get(rec.item, 0))
        recommended_or = recommended if rec.status == "recommended" else against
        recommended_or.append(_item(ctx, reg, rec, found.strength, keys, rank))
    recommended.sort(key=lambda r: r.rank)
    against.sort(key=lambda r: r.rank)
    key, rest = select_key(ctx, recommended)
    rest, later = deferred(ctx, key, rest)
    return tuple(key), measure_groups(ctx, rest), tuple(against), later_line(ctx, later)


def measure_groups(ctx: Ctx, items: list[RecItem]) -> tuple[RecGroup, ...]:
    """The measures beyond the key ones, grouped by theme.

    The theme is the corner of the triangle a measure serves (the corner most of the facts
    behind it belong to), in the corners' order; a choice of form (an exclusive catalogue,
    such as the forms of collaboration) keeps its catalogue as its theme; measures that
    serve no corner come next, by the kind of entity they are for where the messages name
    a theme for it (``measures.theme.samenwerking``: "Sturing op de samenwerkingsverbanden"),
    the rest last under "Aanpak en proces" (whom each is for is in its line, never a theme).
    """
    cats = ctx.kb.catalogues
    order = {c: i for i, c in enumerate(corner_ids(ctx))}
    themes: dict[str, list[RecItem]] = {}
    labels: dict[str, str] = {}
    for item in items:
        header = cats.headers.get(item.theme)
        if header is not None and header.exclusive:
            theme, label = item.theme, header.label.get(ctx.lang)
        else:
            corner = _corner_of(ctx, item.firings)
            kind = f"measures.theme.{item.target_key[0]}"
            if corner in order:
                theme, label = f"{CORNER}.{corner}", corner_label(ctx, corner)
            elif ctx.msg.has(kind):  # e.g. "Sturing op de samenwerkingsverbanden"
                theme, label = kind, ctx.msg(kind)
            else:
                theme, label = OTHER, ctx.msg("measures.other")
        themes.setdefault(theme, []).append(item)
        labels[theme] = label

    def rank(theme: str) -> tuple[int, int]:
        corner = theme.split(".", 1)[1] if theme.startswith(f"{CORNER}.") else None
        if corner is not None:
            return 0, order[corner]
        return (3, 0) if theme == OTHER else (2, 0) if theme.startswith("measures.") else (1, 0)

    return tuple(RecGroup(t, labels[t], tuple(themes[t])) for t in sorted(themes, key=rank))


def _corner_of(ctx: Ctx, keys: tuple[FiringKey, ...]) -> str | None:
    """The corner most of the facts behind ``keys`` belong to (first declared on a tie)."""
    firings = {f.key: f for f in ctx.result.firings}
    count: dict[str, int] = {}
    direct = [f for key in keys if (firing := firings.get(key)) is not None
              for _t, f, _v in firing.matched]
    for facts in (direct, [f for _k, f in input_slots(ctx, keys)]):
        for fact in facts:
            corner = getattr(ctx.kb.vocab.facts.get(fact), "corner", None)
            if corner:
                count[corner] = count.get(corner, 0) + 1
        if count:
            break
    if not count:
        return None
    order = corner_ids(ctx)

    def weakness(corner: str) -> int:  # a measure that rests on two corners serves the weaker
        fact = level_fact(ctx, corner)
        value = ctx.result.value(CASE_KEY, fact) if fact else None
        return -value if isinstance(value, int) and not isinstance(value, bool) else -99

    return max(count, key=lambda c: (count[c], weakness(c),
                                     -order.index(c) if c in order else -99))


def _item(ctx: Ctx, reg: Registry, rec: Recommendation, strength: int,
          keys: list[FiringKey], rank: tuple[int, ...]) -> RecItem:
    steps: tuple[Step, ...] = rec.reasoning if rec.status == "recommended" else rec.against
    best = _best_firing(ctx, keys)
    why = first_sentence(_firing_text(steps, best, ctx)) if steps else ""
    _some, only, names = low_certainty(ctx, keys)
    only = only and not client_knows_all(ctx, keys)  # the raad asking knows its own view
    if only and rec.status == "recommended":
        strength -= 1
        why = (why + " " if why else "") + ctx.msg("rec.uncertain", facts=ctx.msg.join(names))
    sid, label = strength_of(ctx, strength)
    if rec.status != "recommended":
        label = ctx.msg("status.advised_against")
    return RecItem(rec.item, rec.label, entity_name(ctx, rec.target_key), sid, why, None, label,
                   only, rec.catalogue,
                   rec.target_key[1] if rec.target_key != CASE_KEY else None,
                   rec.target_key, rank, tuple(keys))


_best_firing = best_firing


def _firing_text(steps: tuple[Step, ...], key: FiringKey | None, ctx: Ctx) -> str:
    if key is not None:
        title = ctx.kb.entries[key[0]].spec.title.get(ctx.lang)
        for step in reversed(steps):
            if step.rule_id == key[0] and step.title == title:
                return step.text
    return steps[-1].text


def numbered(reg: Registry, items: tuple[RecItem, ...]) -> tuple[RecItem, ...]:
    """``items`` with the numbers of their chains (registered in this order)."""
    return tuple(dataclasses.replace(i, chain=reg.chain(i.firings)) for i in items)


def decide(ctx: Ctx) -> Decisions:
    """The decisions for the result of ``ctx`` (see the module docstring)."""
    from pvrules.explain.agenda import frameworks
    from pvrules.explain.answer import answer
    from pvrules.explain.approach import approach
    from pvrules.explain.choices import analysis
    from pvrules.explain.choices import decisions as choices
    from pvrules.explain.chooser import chooser_kind
    from pvrules.explain.conclusion import conclusion
    from pvrules.explain.conclusion_consistency import consistent
    from pvrules.explain.findout import find_out
    from pvrules.explain.findout_items import headline
    from pvrules.explain.plan import as_steps, plan, stated
    from pvrules.explain.route import route, route_groups
    from pvrules.explain.terms import terms_note, terms_used

    reg = Registry(ctx)
    own = reg.case_sources()  # the case's own sources come first in the bibliography
    key, groups, against, later = recommendations(ctx, reg)
    key, groups, against = consistent(ctx, key, groups, against)
    key = tuple(dataclasses.replace(k, why=without_field_lists(k.why))  # no "(schaal: …)"
                for k in numbered(reg, key))  # the kernboodschap comes first, then the diagnosis
    tri = triangle(ctx, reg)
    rows = tuple(dataclasses.replace(r, why=without_field_lists(r.why))
                 for r in analysis(ctx, reg))
    groups = tuple(dataclasses.replace(g, items=tuple(_what(ctx, i) for i in
                                                      numbered(reg, g.items))) for g in groups)
    against = numbered(reg, against)
    options = choices(ctx, reg)
    steps = route(ctx, reg)
    names = reg.names  # "Optie X" → "X": the body names an entity by its own name
    first, fill = find_out(ctx)
    unknown, fill = (tuple(dataclasses.replace(f, entity=names.get(f.entity, f.entity)
                                               if f.entity else None) for f in found)
                     for found in (first, fill))
    applied = frameworks(ctx, steps)
    info = case_info(ctx)
    text = answer(ctx, info, tri, key, against, options, headline(unknown), rows, steps)
    text = as_steps(ctx, text)  # a notitie has steps, not recommendations (review 13)
    key = tuple(with_action(ctx, k, text, steps) for k in key)  # what, who, when; then why
    grouped = route_groups(ctx, steps, chooser_kind(ctx))
    made = Decisions(ctx.lang, info, text, tri, key, groups, against, options, steps, unknown,
                     applied, reg.chains, reg.sources, rows, approach(ctx, own, reg), grouped, fill,
                     later or _measures_note(ctx, tri, groups, rows),
                     conclusion(ctx, tri, options, steps, len(key), text, key),
                     plan=plan(ctx, key), stated=stated(ctx))
    terms = terms_used(ctx, made)
    return dataclasses.replace(made, terms=terms, terms_note=terms_note(ctx, terms))


def _what(ctx: Ctx, item: RecItem) -> RecItem:
    """A further measure with what to do and by whom (``action``).

    Chapter 5 says that, not the premise it rests on (its line of reasoning gives that).
    """
    return dataclasses.replace(item, action=with_action(ctx, item).action)


ORGANISATION = "organisatie"
"""The corner whose weakness limits how many measures can be taken up at once."""
MANY_MEASURES = 2 * MAX_KEY


def _measures_note(ctx: Ctx, tri: Triangle, groups: tuple[RecGroup, ...],
                   rows: tuple[AnalysisRow, ...] = ()) -> str:
    """That the further measures wait for the key ones, or ``""``.

    Said when the organisation is at its weakest level and chapter 5 holds more than
    :data:`MANY_MEASURES` measures (fifteen measures at "ambtelijke capaciteit: zeer laag"
    cannot all start at once). Counted as chapter 5 shows them: without the forms the
    tasks table (``rows``) already gives, so that the number is the one §1 names.
    """
    org = next((c for c in tri.corners if c.id == ORGANISATION), None)
    shown = {(r.form, r.chain) for r in rows}
    count = sum(1 for g in groups for i in g.items if (i.item, i.chain) not in shown)
    if org is None or org.rank != 0 or count <= MANY_MEASURES:
        return ""
    return ctx.msg("measures.capacity_first", n=count)
