"""The one truth: turn a result into the decisions every reader sees (contract §4).

:func:`decide` reads only the knowledge base's conclusions:

* the balance of the triangle is the derived fact ``triangle_balans`` (never a
  threshold of our own), the corners are the derived level facts of the
  vocabulary's corners;
* recommendations and advice against are weighed once (:mod:`pvrules.explain.scoring`);
  at most five key recommendations (by rule priority, then strength), the rest
  grouped by theme (the item's catalogue);
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

from pvrules.explain.advice import Recommendation, Step
from pvrules.explain.basics import (
    best_firing,
    corner_ids,
    corner_label,
    council,
    entity_name,
    first_sentence,
    input_slots,
    level_fact,
    low_certainty,
    lower_first,
    peildatum,
    provisional,
    strength_of,
    uncertain_grounds,
)
from pvrules.explain.ctxtypes import Ctx
from pvrules.explain.decisions_model import (
    Balance,
    CaseInfo,
    Client,
    CornerLevel,
    Decisions,
    RecGroup,
    RecItem,
    Triangle,
)
from pvrules.explain.registry import Registry
from pvrules.explain.scoring import score
from pvrules.infer.result import FiringKey
from pvrules.validate.case import CASE_KEY

BALANCE_FACT = "triangle_balans"
MAX_KEY = 5
OTHER = "overig"
CORNER = "hoek"


def case_info(ctx: Ctx) -> CaseInfo:
    """What the case is about, from ``casus:``."""
    case = ctx.result.case
    meta = case.meta
    client = meta.opdrachtgever
    who = Client(client.naam if client else None, client.soort if client else None)
    day = peildatum(ctx)
    return CaseInfo(meta.id, meta.titel, meta.vraag, who,
                    day.isoformat() if day else meta.datum, meta.auteur,
                    not case.date_defaulted, council(ctx))


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
        reason = first_sentence(corner.reasoning[-1].text) if corner.reasoning else ""
        if not reason and corner.rank is None and fact_id:
            reason = _unknown_corner(ctx, fact_id)
        if derived is not None and derived.by:  # a level that rests only on uncertain facts
            only, said = uncertain_grounds(ctx, [derived.by])
            if only:
                reason = f"{reason} " + (
                    ctx.msg("certainty.corner_uncertain_because", why="; ".join(said)) if said
                    else ctx.msg("certainty.corner_uncertain"))
        corners.append(CornerLevel(corner.id, corner_label(ctx, corner.id), corner.level,
                                   corner.rank, corner.max_rank, reason, chain,
                                   provisional(ctx, corner.id)))
    text = "" if balance is not None else _partial_balance(ctx, corners)
    return Triangle(balance, tuple(corners), text)


def _unknown_corner(ctx: Ctx, fact_id: str) -> str:
    """Why a corner's level is unknown: the facts the rules deriving it still wait on."""
    from pvrules.explain.choices import unknowns_of

    rules = [r for r in ctx.kb.rules
             if any(getattr(c, "fact", None) == fact_id for c in r.conclusions)]
    facts = unknowns_of(ctx, rules, CASE_KEY)
    if not facts:
        return ""
    names = [lower_first(f) for f in facts]
    names[0] = names[0][:1].upper() + names[0][1:]
    return ctx.msg("corner.unknown_one" if len(names) == 1 else "corner.unknown_many",
                   facts=ctx.msg.join(names))


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
                    ) -> tuple[tuple[RecItem, ...], tuple[RecGroup, ...], tuple[RecItem, ...]]:
    """Key recommendations (≤ 5), the rest grouped by theme, and what is advised against."""
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
    return tuple(key), measure_groups(ctx, rest), tuple(against)


def select_key(ctx: Ctx, ranked: list[RecItem]) -> tuple[list[RecItem], list[RecItem]]:
    """The key recommendations (at most :data:`MAX_KEY`) and the rest, from ``ranked``.

    In rank order (rule priority, then strength), a recommendation is a key one unless

    * its catalogue item says it is no key point (property :data:`NOT_KEY`: a process
      step such as presenting the options, which the route and §4 already carry), or
      (property :data:`NOT_KEY_ASSESSED`) the options of §4 already give what it asks
      for (a first test of a herindeling option against the criteria);
    * every firing behind it reads an option the sources advise against, and nothing else
      of the options (a measure whose only premise is a rejected option), unless that
      reasoning is the one that advises against the option (what to do instead);
    * it makes the same point as a key one: the same item for another target is named
      with it ("… voor GR A en GR B"), a recommendation concluded by the very same
      reasoning is joined to it ("A en b").

    The rest keeps its order (measures of one reasoning for one target joined the same way)
    and is grouped by theme in §5.
    """
    rejected = _rejected_options(ctx)
    assessed = _options_assessed(ctx)
    key: list[RecItem] = []
    rest: list[RecItem] = []
    for item in ranked:
        props = getattr(ctx.kb.catalogues.items.get(item.item), "properties", {})
        if NOT_KEY in props or (NOT_KEY_ASSESSED in props and assessed) or \
                _only_rejected(ctx, item, rejected):
            rest.append(item)
            continue
        same = next((i for i, k in enumerate(key) if k.item == item.item
                     or (k.firings and _best(ctx, k) == _best(ctx, item))), None)
        if same is not None and key[same].item == item.item and \
                not (key[same].target and item.target):
            rest.append(item)  # the key one for the case as a whole covers it
        elif same is not None:
            key[same] = _merged(ctx, key[same], item)
        elif len(key) < MAX_KEY:
            key.append(item)
        else:
            rest.append(item)
    return key, _joined(ctx, rest)


def _joined(ctx: Ctx, items: list[RecItem]) -> list[RecItem]:
    """``items`` with the measures one reasoning concludes for the same target as one line."""
    out: list[RecItem] = []
    for item in items:
        same = next((i for i, k in enumerate(out) if k.target_key == item.target_key
                     and k.item != item.item and k.firings
                     and _best(ctx, k) == _best(ctx, item)), None)
        if same is None:
            out.append(item)
        else:
            out[same] = _merged(ctx, out[same], item)
    return out


NOT_KEY = "not_key"
"""Catalogue item property: never a key recommendation (its text says why)."""
NOT_KEY_ASSESSED = "not_key_when_assessed"
"""Catalogue item property: no key recommendation when §4 assesses a herindeling option."""


def _best(ctx: Ctx, item: RecItem) -> tuple[FiringKey, ...]:
    best = _best_firing(ctx, list(item.firings))
    return (best,) if best is not None else ()


def _merged(ctx: Ctx, first: RecItem, other: RecItem) -> RecItem:
    """``first`` naming ``other`` too: its target when the item is the same, else its label."""
    firings = first.firings + tuple(f for f in other.firings if f not in first.firings)
    if other.item == first.item:
        targets = [t for t in (first.target, other.target) if t]
        return dataclasses.replace(first, target=ctx.msg.join(targets) if targets else None,
                                   firings=firings)
    label = f"{first.label} {ctx.msg('word.and')} {lower_first(other.label)}"
    return dataclasses.replace(first, label=label, firings=firings)


def _rejected_options(ctx: Ctx) -> set[tuple[str, str]]:
    """The options (entity keys) the sources advise against."""
    return {c.target for f in ctx.result.firings for c in f.conclusions
            if c.kind == "prefer" and c.name == "advised_against"}


def _options_assessed(ctx: Ctx) -> bool:
    """Whether §4 gives a first test against the herindeling criteria (a herindeling option)."""
    from pvrules.explain.choices import FORM_FACT, HERINDELING, OPTION_ENTITY

    return any(ctx.result.value(k, FORM_FACT) == HERINDELING
               for k in ctx.entities.get(OPTION_ENTITY, []))


def _only_rejected(ctx: Ctx, item: RecItem, rejected: set[tuple[str, str]]) -> bool:
    """Whether every firing behind ``item`` rests on options, all advised against."""
    if not rejected or not item.firings:
        return False
    from pvrules.explain.choices import OPTION_ENTITY

    firings = {f.key: f for f in ctx.result.firings}
    for key in item.firings:
        firing = firings.get(key)
        if firing is None or any(c.kind == "prefer" for c in firing.conclusions):
            return False  # the reasoning that weighs the options itself: a consequence
        options = {t for t, _f, _v in firing.matched if t[0] == OPTION_ENTITY}
        if key[1] is not None and key[1][0] == OPTION_ENTITY:
            options.add(key[1])
        if not options or not options <= rejected:
            return False
    return True


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
    from pvrules.explain.choices import analysis, chooser_kind
    from pvrules.explain.choices import decisions as choices
    from pvrules.explain.conclusion import conclusion
    from pvrules.explain.findout import find_out
    from pvrules.explain.findout_items import headline
    from pvrules.explain.route import route, route_groups

    reg = Registry(ctx)
    own = reg.case_sources()  # the case's own sources come first in the bibliography
    key, groups, against = recommendations(ctx, reg)
    key = numbered(reg, key)  # the kernboodschap comes first, then the diagnosis
    tri = triangle(ctx, reg)
    rows = analysis(ctx, reg)
    groups = tuple(dataclasses.replace(g, items=numbered(reg, g.items)) for g in groups)
    against = numbered(reg, against)
    options = choices(ctx, reg)
    steps = route(ctx, reg)
    names = reg.names  # "Optie X" → "X": the body names an entity by its own name
    first, fill = find_out(ctx)
    unknown, fill = (tuple(dataclasses.replace(f, entity=names.get(f.entity, f.entity)
                                               if f.entity else None) for f in found)
                     for found in (first, fill))
    applied = frameworks(ctx)
    info = case_info(ctx)
    text = answer(ctx, info, tri, key, against, options, headline(unknown), rows)
    grouped = route_groups(ctx, steps, chooser_kind(ctx))
    return Decisions(ctx.lang, info, text, tri, key, groups, against, options, steps, unknown,
                     applied, reg.chains, reg.sources, rows, approach(ctx, own), grouped, fill,
                     _measures_note(ctx, tri, groups),
                     conclusion(ctx, tri, options, steps, len(key)))


ORGANISATION = "organisatie"
"""The corner whose weakness limits how many measures can be taken up at once."""
MANY_MEASURES = 2 * MAX_KEY


def _measures_note(ctx: Ctx, tri: Triangle, groups: tuple[RecGroup, ...]) -> str:
    """That the further measures wait for the key ones, or ``""``.

    Said when the organisation is at its weakest level and chapter 5 holds more than
    :data:`MANY_MEASURES` measures (fifteen measures at "ambtelijke capaciteit: zeer laag"
    cannot all start at once).
    """
    org = next((c for c in tri.corners if c.id == ORGANISATION), None)
    count = sum(len(g.items) for g in groups)
    if org is None or org.rank != 0 or count <= MANY_MEASURES:
        return ""
    return ctx.msg("measures.capacity_first", n=count)
