"""The route to a decision: the ``route`` conclusions as steps, and the route as it is read.

* :func:`route`: the ``route`` conclusions (steps of catalogue kind ``route``), once each,
  ordered by the step's ``order`` and then catalogue order, with who decides, when
  and under which law, and the options each step belongs to;
* :func:`route_groups`: the steps grouped for reading (common steps, then per option
  "Als de raden kiezen voor …", then the final decision).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

from pvrules.explain.agenda import in_force
from pvrules.explain.basics import entity_name
from pvrules.explain.ctxtypes import Ctx
from pvrules.explain.decisions_model import RouteGroup, RouteStep
from pvrules.explain.done_when import done
from pvrules.explain.route_chosen import (
    chosen_option,
    not_chosen,
    rejected_options,
    when_chosen,
)
from pvrules.explain.route_dates import (
    after_outcome,
    as_date,
    deadline_days,
    due,
    due_months,
    target_year,
    targeted,
)
from pvrules.explain.route_links import keep_linked, without_form_change
from pvrules.explain.route_repeat import WHEN_NO_CHOICE, said, same_as_above
from pvrules.explain.route_who import merger_alternative, own_choice, provincial_merger, who_for
from pvrules.explain.texts import ORGANS, fill_organs, organs
from pvrules.validate.case import CASE_KEY, EntityKey

if TYPE_CHECKING:
    from pvrules.explain.registry import Registry


def _text(value: object, lang: str) -> str | None:
    getter = getattr(value, "get", None)
    return str(getter(lang)) if getter is not None else None


def _who(ctx: Ctx, text: str | None) -> str | None:
    """A step's ``who`` with the client's organs filled in.

    ``{raad}`` is the elected body (the raad, the raden by name, Provinciale Staten),
    ``{college}`` the executive (the college, the colleges, Gedeputeerde Staten),
    ``{overheid}`` the client itself (see :data:`pvrules.explain.texts.ORGANS`).
    """
    if text is None or "{" not in text:
        return text
    return fill_organs(text, organs(ctx.result.case, ctx.msg))


OPTION = "optie"
TASK = "opgave"
NAMED = (TASK, "samenwerking")
"""Entity types a step concluded only for them names in its label."""
CHOICE_PROPERTY = "bij_keuze_voor"
CLOSING_ORDER = 60
"""Steps of this ``order`` or higher close the route: common ones come after the option blocks
(the decision on the detailed plan, a review date)."""
DEADLINE = "deadline"
"""A route step's property: the ISO date by which the step must be done (a legal deadline,
such as 1 July 2024 for the Wgr adjustment); its ``when`` then says how far that lies
from the case's date."""
WHEN_KNOWN = "when_known"
"""A route step's property: its ``when`` with ``{fact}`` placeholders (a date the case
states, e.g. ``{subsidie_einde}``), used when an entity the step was concluded for knows
every named fact; otherwise the step's plain ``when``."""
_PLACEHOLDER = re.compile(r"\{([a-z_]\w*)\}")
WHEN_PASSED = "when_passed"
"""A step with a ``deadline``: its ``when`` once the deadline has passed (``{when}`` inside)."""
NEEDS_DAYS = "needs_days"
WHEN_SHORT = "when_short"
"""A step with a ``deadline`` whose own legal terms take ``needs_days`` days: its ``when``
(``{when}`` inside) when fewer days remain on the case's date."""
REPLACES = "replaces"
"""A step that stands for another, more generally worded one: where both are concluded for
the same option (or the replacing one for the case), only the replacing one is listed
(an opheffing for a two-party regeling instead of 'uittreding of opheffing')."""
REPLACES_FOR_SAME = "replaces_for_same"
"""A step that carries other steps within it for the same targets (``"name, name"``): the
adjustment of an existing regeling carries its own views and consent, so those steps concluded
for the same regeling are not listed again; for other targets they stay."""
FALLBACK = "fallback"
DECIDES = "decides"
"""A ``fallback`` step (the decision on the detailed plan) is left out where every road on the
route already ends in a step that ``decides`` (the councils' consent, a merger advice): the
decision on the plan is then that step, not one more after it."""
CHOOSES = "chooses"
"""A step that makes the choice of direction or form (the principebesluit)."""
LAG_MONTHS = "lag_months"
"""A step's property: it falls at least this many months after the latest step listed ahead
of it (common, or in its own option's block) that has a season: a principebesluit after the
information it rests on, a review date two years after the decision it reviews."""
WHEN_INFORMED = "when_informed"
"""A step with ``lag_months``: its ``when`` where such a step is listed ahead of it ("na
bespreking van dit advies en de stappen hierboven")."""
OPEN_ENDED = "open_ended"
"""A step that ends when an outcome is in, at a date the route does not know (a study under
way): the steps after it get no season, and a step with ``lag_months`` its ``when_informed``."""
AWAITS = "awaits"
"""An ``open_ended`` step's property: the study it awaits, as the steps after it name it."""
AFTER_IT = "after_it"
"""A common step's ``when`` for the steps that follow it where their own ``when`` names a
decision not on the route ("na de vaststelling van de opgaven")."""


def _value_text(ctx: Ctx, value: object) -> str:
    """A fact value as the step's 'when' names it: a date as ``30 september 2019``."""
    day = as_date(str(value))
    if day is None:
        return str(value)
    return f"{day.day} {ctx.msg(f'report.month.{day.month}')} {day.year}"


def _when(ctx: Ctx, item: object, targets: list[EntityKey]) -> str | None:
    """A step's ``when``, naming the case's own date where the catalogue has a template."""
    known = _when_known(ctx, item, targets)
    return known if known is not None else _text(getattr(item, "when", None), ctx.lang)


def _when_known(ctx: Ctx, item: object, targets: list[EntityKey]) -> str | None:
    """The step's ``when_known`` filled from the facts of a target (or of the case), or ``None``.

    A date the case states (the merger date its own procedure documents name) wins over a
    date the route computes.
    """
    template = _text(getattr(item, "properties", {}).get(WHEN_KNOWN), ctx.lang)
    if template is None:
        return None
    names = [n for n in _PLACEHOLDER.findall(template) if n not in ORGANS]
    for target in [*targets, CASE_KEY]:
        facts = ctx.result.case.facts.get(target, {})
        if all(facts.get(n) is not None for n in names):
            past = [d for d in (as_date(str(facts[n])) for n in names)
                    if d is not None and deadline_days(ctx, d) < 0]
            if past:  # never a date before the case's date as one still to come
                return ctx.msg("route.known_passed", date=_value_text(ctx, past[0]))
            return _fill(template, {n: _value_text(ctx, facts[n]) for n in names})
    return None


def _deadline(ctx: Ctx, item: object, when: str | None) -> str | None:
    """``when`` with how far the step's deadline lies from the case's date.

    The deadline is the item's ``properties.deadline``: "uiterlijk 1 juli 2024 (over elf
    dagen)". Once it has passed on the case's date, the item's ``when_passed`` (or a plain
    "op de peildatum verstreken") says so; when fewer days remain than the step's
    ``needs_days`` (the legal terms it contains), its ``when_short`` says what to do now.
    """
    raw = _text(getattr(item, "properties", {}).get(DEADLINE), ctx.lang)
    day = as_date(raw) if raw is not None else None
    if day is None or when is None:
        return when
    days = deadline_days(ctx, day)
    props = getattr(item, "properties", {})
    if days < 0:
        passed = _text(props.get(WHEN_PASSED), ctx.lang)
        return passed.replace("{when}", when) if passed is not None else \
            ctx.msg("route.deadline_passed", when=when)
    words = ctx.msg("number.words").split()
    count = words[days] if days < len(words) else str(days)
    key = "route.deadline_today" if days == 0 else \
        "route.deadline_day" if days == 1 else "route.deadline_days"
    text = ctx.msg(key, when=when, n=count)
    needs = _text(props.get(NEEDS_DAYS), "nl")
    short = _text(props.get(WHEN_SHORT), ctx.lang)
    if needs is not None and needs.isdigit() and days < int(needs) and short is not None:
        return short.replace("{when}", text)
    return text


def _fill(template: str, values: dict[str, str]) -> str:
    """``template`` with the ``{name}`` placeholders in ``values`` filled in."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def route(ctx: Ctx, reg: Registry) -> tuple[RouteStep, ...]:
    """The route steps the rules concluded, in order, each with the options it belongs to.

    A rule that recommends a form or measure may conclude its steps too; they are listed only
    when that recommendation stands in the advice (not advised against, not an alternative).
    A step concluded for an option (an entity of type ``optie``) belongs to that option;
    a step concluded for the case is common to every option and wins over the per-option
    conclusions; one concluded for a task (a form advised for it) as well as for options is
    listed twice: for the task now, and in the options' blocks. A common step whose item
    names a choice (``properties.bij_keuze_voor``) applies only if that choice is made. Once the
    direction is chosen (``richting_gekozen``: :func:`chosen_option`), that option's
    steps are simply the route (Vijfheerenlanden): no "Als … kiezen voor". Otherwise the
    steps of an option the advice advises against are left out (:func:`route_groups` says
    in one line that they are not worked out), unless another option shares them.
    """
    cats = ctx.kb.catalogues
    order = {name: i for i, name in enumerate(cats.items)}
    options = {key: i for i, key in enumerate(ctx.entities.get(OPTION, []))}
    found: dict[str, list[str]] = {}
    targets: dict[str, list[EntityKey]] = {}
    per_option: dict[str, set[EntityKey]] = {}
    common: set[str] = set()
    live = {(r.item, r.target_key) for r in ctx.advice.recommendations
            if r.status == "recommended"}
    for firing in ctx.result.firings:
        recs = [(c.name, c.target) for c in firing.conclusions if c.kind == "recommend"]
        if recs and not any(rec in live for rec in recs):
            continue  # the steps of a form or measure follow it only where the advice has it
        for concl in firing.conclusions:
            if concl.kind == "route" and concl.name in cats.items:
                found.setdefault(concl.name, []).extend(
                    ctx.kb.entries[firing.rule_id].spec.sources)
                targets.setdefault(concl.name, []).append(concl.target)
                if concl.target in options:
                    per_option.setdefault(concl.name, set()).add(concl.target)
                else:
                    common.add(concl.name)
    for name in keep_linked(ctx, cats.items, list(found), per_option, targets) - common:
        del found[name]  # a step for a partner's ties outside the option, where it has none
    for name in without_form_change(ctx, cats.items, found):
        del found[name]  # a step about a change of form, where nothing changes form
    chosen = chosen_option(ctx) is not None
    # the steps of a rejected option (or one not chosen) are not listed as if live
    rejected = rejected_options(ctx)
    per_option = {n: owners - rejected for n, owners in per_option.items()}
    targets = {n: [t for t in ts if t not in rejected] for n, ts in targets.items()}
    found = {n: s for n, s in found.items() if n in common or per_option.get(n)}
    _replace(cats.items, found, targets, per_option, common)
    if not chosen:
        _before_the_choice(cats.items, found, per_option, common)
    names = [n for n in sorted(found, key=lambda n: (_order(cats.items[n]), order[n]))
             if in_force(ctx, cats.items[n]) and not done(ctx, cats.items[n])]
    year = target_year(ctx, [cats.items[n] for n in names])  # a merger's 1 January
    steps = []
    floor = 0  # a step never falls before a common step listed ahead of it
    chooser = False  # whether a common step ahead makes the choice of direction or form
    after: str | None = None  # the neutral 'when' a common step ahead offers (AFTER_IT)
    lane: dict[str, int] = {}  # per option: the latest due_months of its steps so far
    awaited: list[str] = []  # common open-ended steps ahead: no season for the steps after
    for name in names:  # in force on the case's date and not done already
        item = cats.items[name]
        own_months = due_months(item)
        owners = tuple(k[1] for k in sorted(per_option.get(name, ()), key=options.__getitem__))
        own = [t for t in targets[name] if t[0] != OPTION]
        if name in common and owners and not chosen and all(t[0] == TASK for t in own):
            # for a task now (its own regeling), and again in an option's block: listed in both;
            # the task's steps follow no choice of form (the advice is that choice for it)
            steps.append(_step(ctx, name, own, (), year=year, floor=floor,
                               neutral=_neutral(ctx, item, after)))
            steps.append(_step(ctx, name, [t for t in targets[name] if t[0] == OPTION], owners,
                               year=year, floor=floor))
            continue
        belongs = () if name in common or chosen else owners
        choice = (getattr(item, "properties", {}).get(CHOICE_PROPERTY)
                  if not belongs and not (chosen and name in per_option) else None)
        free = not belongs and choice is None  # a common step, not in a block
        neutral = _neutral(ctx, item, after) if free and (
            not chooser or (own and all(t[0] == TASK for t in own))) else None
        # in an option's block, a step never falls before one listed ahead of it in that block
        lanes = [lane.get(o, 0) for o in belongs]
        start = max([floor, *lanes])
        # that many months after the latest step ahead of it: in its own block, else common
        ref = max(lanes) if lanes and max(lanes) > 0 else floor
        if (ref > 0 or awaited) and _lag(item):
            start = max(start, ref + _lag(item))
            if free:
                neutral = _text(getattr(item, "properties", {}).get(WHEN_INFORMED),
                                ctx.lang) or neutral
        steps.append(_step(ctx, name, targets[name], belongs,
                           _text(choice, ctx.lang) if choice is not None else None, year,
                           start, neutral, bool(awaited),
                           tuple(awaited) if free and not _open(item) else ()))
        months = max(own_months, start) if own_months is not None else None
        for option in belongs if months is not None else ():
            lane[option] = max(lane.get(option, 0), months or 0)
        if free and months is not None and _order(item) < CLOSING_ORDER:
            floor = max(floor, months)  # a closing step (maybe left out) sets no floor
        if free:
            props = getattr(item, "properties", {})
            chooser = chooser or _text(props.get(CHOOSES), "nl") == "true"
            if _open(item):
                awaited.append(_text(props.get(AWAITS), ctx.lang) or "")
            after = _text(props.get(AFTER_IT), ctx.lang) or after
    kept = _without_fallback(ctx, steps)
    for name in dict.fromkeys(s.step for s in kept):
        reg.cite(found[name])
    return kept


def _before_the_choice(items: Mapping[str, object], found: dict[str, list[str]],
                       per_option: dict[str, set[EntityKey]], common: set[str]) -> None:
    """List as common (in place) each option's step ordered before the choice it informs.

    A step concluded for options whose ``order`` lies before a common step that makes the
    choice (``chooses``: the principebesluit) informs that choice: the joint council meeting
    that gauges support among the partners whose decision every option needs comes before
    the principebesluit, not in one option's block after it (review 6, Top 10 item 1).
    """
    choice = min((_order(items[n]) for n in found if n in common and
                  _text(getattr(items[n], "properties", {}).get(CHOOSES), "nl") == "true"),
                 default=None)
    if choice is None:
        return
    for name in found:
        if name not in common and per_option.get(name) and _order(items[name]) < choice:
            common.add(name)
            per_option[name] = set()


def _replace(items: Mapping[str, object], found: dict[str, list[str]],
             targets: dict[str, list[EntityKey]], per_option: dict[str, set[EntityKey]],
             common: set[str]) -> None:
    """Leave out each step that a more specific concluded step ``replaces`` (in place).

    A replacing step concluded for the case replaces the other everywhere; one concluded for
    options replaces it for those options only. ``replaces`` may name several, with commas.
    """
    for name, other in [(n, o.strip()) for n in list(found) for o in (_text(getattr(
            items[n], "properties", {}).get(REPLACES), "nl") or "").split(",") or [""]]:
        if name in found:
            _replace_same(items, name, found, targets, per_option, common)
        if not other or other not in found:
            continue
        if name in common:
            gone = set(per_option.get(other, ())) | set(targets[other])
            common.discard(other)
        else:
            gone = set(per_option.get(name, ()))
        per_option[other] = set(per_option.get(other, ())) - gone
        targets[other] = [t for t in targets[other] if t not in gone]
        if other not in common and not per_option[other]:
            del found[other]


def _replace_same(items: Mapping[str, object], name: str, found: dict[str, list[str]],
                  targets: dict[str, list[EntityKey]], per_option: dict[str, set[EntityKey]],
                  common: set[str]) -> None:
    """Leave out the steps ``name`` carries (``replaces_for_same``) for ``name``'s targets."""
    text = _text(getattr(items[name], "properties", {}).get(REPLACES_FOR_SAME), "nl")
    own = set(targets.get(name, ()))
    for other in [o.strip() for o in (text or "").split(",") if o.strip() in found]:
        targets[other] = [t for t in targets[other] if t not in own]
        per_option[other] = set(per_option.get(other, ())) - own
        if not any(t[0] != OPTION for t in targets[other]):
            common.discard(other)
        if not targets[other]:
            del found[other]


def _without_fallback(ctx: Ctx, steps: list[RouteStep]) -> tuple[RouteStep, ...]:
    """``steps`` without the ``fallback`` ones where every road already ends in a decision.

    The roads are the option blocks and choice blocks; without any, the common steps. Steps
    common to every option count for each road. A route of fallback steps alone (no plan to
    decide on is on it) has none: "geen bijzondere procedure" says more than an empty step.
    """
    items = ctx.kb.catalogues.items

    def decides(step: RouteStep) -> bool:
        return _text(getattr(items[step.step], "properties", {}).get(DECIDES), "nl") == "true"

    roads: dict[str, bool] = {}
    common = any(decides(s) for s in steps if not s.options and s.choice is None)
    for step in steps:
        keys = [f"o:{o}" for o in step.options] or \
            ([f"c:{step.choice}"] if step.choice is not None else [])
        for key in keys:
            roads[key] = roads.get(key, common) or decides(step)
    settled = all(roads.values()) if roads else common
    alone = all(_text(getattr(items[s.step], "properties", {}).get(FALLBACK), "nl") == "true"
                for s in steps)  # "a decision on the plan" with no plan on the route: empty
    if not settled and not alone:
        return tuple(steps)
    return tuple(s for s in steps
                 if _text(getattr(items[s.step], "properties", {}).get(FALLBACK), "nl") != "true")


def _open(item: object) -> bool:
    return _text(getattr(item, "properties", {}).get(OPEN_ENDED), "nl") == "true"


def _neutral(ctx: Ctx, item: object, after: str | None) -> str | None:
    """The step's ``when`` where the decision its own ``when`` names is not on the route.

    ``after``: the ``when`` a common step ahead offers ("na de vaststelling van de opgaven");
    otherwise the item's ``when_no_choice``. ``None`` for a step without ``when_no_choice``.
    """
    own = _text(getattr(item, "properties", {}).get(WHEN_NO_CHOICE), ctx.lang)
    if own is None:
        return None
    return after or own


def _step(ctx: Ctx, name: str, targets: list[EntityKey], options: tuple[str, ...],
          choice: str | None = None, year: int | None = None, floor: int = 0,
          neutral: str | None = None, undated: bool = False,
          awaited: tuple[str, ...] = ()) -> RouteStep:
    """The step ``name`` as concluded for ``targets``, belonging to ``options``.

    ``year``: the year of the 1 January a merger on the route takes effect, if any.
    ``floor``: the latest ``due_months`` of the common steps listed before it; a step with
    its own ``due_months`` never falls earlier than that. ``neutral``: the ``when`` instead
    of the item's own, where that names a decision no step on the route makes. ``undated``:
    an open-ended step is ahead, so no season; ``awaited``: the studies it awaits, which a
    common step then names ("na de uitkomst van het lopende bestuurskrachtonderzoek").
    """
    item = ctx.kb.catalogues.items[name]
    known = _when_known(ctx, item, targets)
    plain = neutral if neutral is not None else \
        when_chosen(ctx, item) or _text(getattr(item, "when", None), ctx.lang)
    when = known if known is not None else \
        targeted(ctx, item, year, after_outcome(ctx, plain, awaited) if undated
                 else due(ctx, item, plain, floor))
    return RouteStep(name, _label(ctx, item, targets),
                     _who(ctx, _text(who_for(ctx, item), ctx.lang)),
                     _deadline(ctx, item, when),
                     _text(getattr(item, "law", None), ctx.lang), options, choice)


def _label(ctx: Ctx, item: object, targets: list[EntityKey]) -> str:
    """A step's label; a step concluded only for tasks or collaborations names them.

    "Dienstverleningsafspraken … (voor Belastingen en WOZ)": the reader sees which task or
    which regeling the step is about.
    """
    label = _text(getattr(item, "label", None), ctx.lang) or ""
    if not targets or any(t[0] not in NAMED for t in targets):
        return label
    names = list(dict.fromkeys(entity_name(ctx, t) or t[1] for t in targets))
    return ctx.msg("route.for_tasks", label=label, names=ctx.msg.join(names))


def _lag(item: object) -> int:
    """The step's ``lag_months`` (0 without it)."""
    text = _text(getattr(item, "properties", {}).get(LAG_MONTHS), "nl")
    return int(text) if text is not None and text.isdigit() else 0


def _order(item: object) -> int:
    return getattr(item, "order", None) or 10**6


def route_groups(ctx: Ctx, steps: tuple[RouteStep, ...], chooser_kind: str
                 ) -> tuple[RouteGroup, ...]:
    """The route as it is read: common steps, each option's steps as a block, the final step.

    Steps that apply whatever the choice (every common step but the last decision) come
    first, in order, so that none is read as part of an option's block; then the blocks
    (the steps of one option, or of one choice), each where its first step falls; then one
    line per option advised against whose steps are left out ("Niet uitgewerkt"); then the
    common closing steps (``order`` of :data:`CLOSING_ORDER` or more: the decision on the
    detailed plan, a review date), under a heading that says they hold whatever the choice.
    """
    cats = ctx.kb.catalogues
    rank = {s.step: (_order(cats.items[s.step]), i) for i, s in enumerate(steps)}
    blocks: dict[str, list[RouteStep]] = {}
    heads: dict[str, str] = {}
    common: list[tuple[tuple[int, int], RouteStep]] = []
    chooser_kind = own_choice(ctx, chooser_kind)  # no view on a design the province holds
    verb, who = ctx.msg(f"verb.chooses.{chooser_kind}"), ctx.msg(f"chooser.{chooser_kind}")
    labels: dict[str, str] = {}  # an option block's options, quoted, for a later heading
    same: dict[tuple[str, ...], list[str]] = {}  # options with the very same steps: one block
    for option in ctx.entities.get(OPTION, []):
        own = tuple(s.step for s in steps if option[1] in s.options)
        if own:
            same.setdefault(own, []).append(entity_name(ctx, option) or option[1])
    for own, names in same.items():
        key = "options:" + "|".join(names)
        blocks[key] = [s for s in steps if s.options and s.step in own]
        quoted = [f"‘{n}’" for n in names]
        labels[key] = ctx.msg.join_or(quoted)
        heads[key] = (ctx.msg("route.if_merger_goes_ahead", option=names[0])
                      if len(names) == 1 and provincial_merger(ctx, names[0]) else
                      ctx.msg("route.if_merger_stops", option=names[0])
                      if len(names) == 1 and merger_alternative(ctx, names[0]) else
                      ctx.msg("route.if_option", chooser=who, verb=verb, option=names[0])
                      if len(names) == 1 else
                      ctx.msg("route.if_options", chooser=who, verb=verb,
                              options=ctx.msg.join_or(quoted)))
    rejected = _rejected_with_steps(ctx, steps) if chosen_option(ctx) is None else []
    choosing = bool(same) or bool(rejected) or any(s.choice is not None for s in steps)
    tasks = _task_steps(ctx) if choosing else {}
    for step in steps:
        if step.options:
            continue
        if step.choice is not None:
            key = "choice:" + step.choice
            blocks.setdefault(key, []).append(step)
            heads[key] = ctx.msg("route.if_choice", choice=step.choice)
        elif step.step in tasks and rank[step.step][0] < CLOSING_ORDER:
            # a form advised for a task whatever the choice: its steps under their own heading,
            # so that they are not read as following the direction decision or one option
            key = "tasks:" + tasks[step.step]
            plain = _text(getattr(cats.items[step.step], "label", None), ctx.lang)
            # the heading names the tasks: the label need not repeat them
            blocks.setdefault(key, []).append(replace(step, label=plain or step.label))
            heads[key] = ctx.msg("route.for_tasks_now", names=tasks[step.step])
        else:
            common.append((rank[step.step], step))
    # the closing steps (``order`` of CLOSING_ORDER or more: the decision on the detailed plan,
    # a review date) come after the blocks and the lines on rejected options; every other
    # common step comes before them
    final = {s.step for r, s in common if r[0] >= CLOSING_ORDER} \
        if blocks or rejected else set()
    closing = min((rank[s][0] for s in final), default=None)
    for key in [k for k in blocks if k in labels and closing is not None]:
        # an option's steps that follow the closing steps by order (its review date after the
        # decision on the detailed plan) come after them, under their own heading
        late = [s for s in blocks[key] if rank[s.step][0] > (closing or 0)]
        if late and len(late) < len(blocks[key]):
            blocks[key] = [s for s in blocks[key] if s not in late]
            blocks["late:" + key] = late
            heads["late:" + key] = ctx.msg("route.then_option", options=labels[key])
    before = (-1, 0)  # common steps that apply whatever the choice: ahead of every block
    ordered: list[tuple[tuple[int, int], str | None, list[RouteStep]]] = [
        ((r if s.step in final else before), None, [s]) for r, s in common]
    ordered += [(before if key.startswith("tasks:") else min(rank[s.step] for s in members),
                 key, members) for key, members in blocks.items()]
    last = min((rank[s][0] for s in final), default=10**9), -1  # ahead of the closing steps
    for name in rejected:
        key = "rejected:" + name
        heads[key] = ctx.msg("route.not_worked_out", option=name)
        ordered.append((last, key, []))
    others = not_chosen(ctx)  # one line: the options the raden did not choose
    if others:
        quoted = [f"‘{n}’" for n in others]
        heads["rejected:"] = ctx.msg("route.not_chosen", options=ctx.msg.join(quoted))
        ordered.append((last, "rejected:", []))
    ordered.sort(key=lambda t: t[0])  # stable: common steps keep their order
    out: list[RouteGroup] = []
    open_common = False  # whether the last group holds common steps (more may join it)
    number = 1
    shown: dict[tuple[str, str | None, str | None, str | None], int] = {}
    for _rank, group, listed in ordered:
        members = listed if group is None else same_as_above(ctx, listed, shown, number)
        for i, member in enumerate(members):
            shown.setdefault(said(ctx, member), number + i)
        if group is None:
            heading = ctx.msg("route.whatever_choice") \
                if members[0].step in final and (blocks or rejected) else None
            if open_common and out[-1].heading == heading:
                out[-1] = RouteGroup(heading, out[-1].steps + tuple(members), out[-1].first)
            else:
                out.append(RouteGroup(heading, tuple(members), number))
        else:
            out.append(RouteGroup(heads[group], tuple(members), number))
        open_common = group is None
        number += len(members)
    return tuple(out)


def _task_steps(ctx: Ctx) -> dict[str, str]:
    """The steps concluded only for tasks (not the case, an option or a collaboration).

    Each with the names of those tasks in words.
    """
    seen: dict[str, list[EntityKey]] = {}
    for firing in ctx.result.firings:
        for concl in firing.conclusions:
            if concl.kind == "route" and concl.name in ctx.kb.catalogues.items:
                seen.setdefault(concl.name, []).append(concl.target)
    out: dict[str, str] = {}
    for name, targets in seen.items():
        own = [t for t in targets if t[0] != OPTION]
        if own and all(t[0] == TASK for t in own):
            names = dict.fromkeys(entity_name(ctx, t) or t[1] for t in own)
            out[name] = ctx.msg.join(list(names))
    return out


def _rejected_with_steps(ctx: Ctx, steps: tuple[RouteStep, ...]) -> list[str]:
    """The names of the options advised against whose own steps the route leaves out."""
    listed = {s.step for s in steps}
    rejected = rejected_options(ctx)
    names: list[str] = []
    for option in ctx.entities.get(OPTION, []):
        if option not in rejected:
            continue
        own = {c.name for f in ctx.result.firings for c in f.conclusions
               if c.kind == "route" and c.target == option and c.name in ctx.kb.catalogues.items
               and in_force(ctx, ctx.kb.catalogues.items[c.name])}
        if own - listed:
            names.append(entity_name(ctx, option) or option[1])
    return names

