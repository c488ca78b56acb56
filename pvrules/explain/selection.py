"""Which recommended measures the advice shows, and which of them are the top five.

:func:`select_key` takes the recommendations in rank order (rule priority, then strength)
and splits them into the key recommendations ("Wij adviseren u", at most :data:`MAX_KEY`)
and the further measures of §5. It reads catalogue data, never lists of item ids:

* a measure is not shown at all when the advice already does what it asks, or when it
  chooses for the raad: a catalogue item with property :data:`NOT_A_MEASURE` (presenting
  the options: §4 does that); an item that is the form of an option on the table (§4 weighs
  it; recommending it in §5 would choose for the raad); a measure whose every premise is an
  option the sources advise against (or a planned collaboration that is such an option),
  unless its reasoning is the one that advises against the option or the measure sets every
  option side by side (:data:`OVER_OPTIONS`) and some option is still open; a measure that
  serves one form of option (:data:`OPTION_FORM`) when every option of that form is advised
  against;
* a measure stays out of the top five (and goes to §5) when its catalogue item says it is no
  key point (:data:`NOT_KEY`, or :data:`NOT_KEY_ASSESSED` when §4 already tests a herindeling
  against the criteria, unless nothing else is left to advise), when it rests only on facts
  of low certainty (the top five then carries checking those facts, not the measure), when it
  rests only on options on the table and is for one task (a detail of an option), when it is
  for a collaboration that is only background to the question (:mod:`option_context`), or when a
  key recommendation already makes its point: the same catalogue :data:`THEME`, the same
  item for another target (named with it: "… voor GR A en GR B"), or the very same
  reasoning (joined: "A en b").

A measure of a theme whose items say :data:`ONE_LINE` joins the key recommendation of that
theme for the same collaboration (three instruments of grip on one GR are one line, with
their actions one after the other).

Each line then says what to do and by whom (:func:`with_action`): the catalogue item's
property :data:`ACTION`, with the client's organs filled in, before the reason.

When a key recommendation's item says :data:`DEFERS` (the organisation cannot do everything
at once), §5 keeps only the measures that serve the key recommendations (:func:`deferred`):
those for a collaboration or task a key recommendation is for, and items marked
:data:`BASIS`; the rest become one line "Later, als de basis op orde is: …".
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from pvrules.explain.basics import (
    best_firing,
    item_properties,
    low_certainty,
    low_certainty_slots,
    lower_first,
)
from pvrules.explain.ctxtypes import Ctx
from pvrules.explain.decisions_model import RecItem, RouteStep
from pvrules.explain.done_when import done
from pvrules.explain.option_context import rests_on_background
from pvrules.explain.option_keylines import grip_not_key, same_step
from pvrules.explain.texts import fill_organs
from pvrules.infer.result import FiringKey
from pvrules.validate.case import CASE_KEY, EntityKey

MAX_KEY = 5
NOT_KEY = "not_key"
"""Catalogue item property: never a key recommendation (its text says why)."""
NOT_KEY_ASSESSED = "not_key_when_assessed"
"""Catalogue item property: no key recommendation when §4 assesses a herindeling option."""
NOT_A_MEASURE = "not_a_measure"
"""Catalogue item property: the advice itself does what the item asks (its text says where);
never listed as a measure."""
THEME = "theme"
"""Catalogue item property: the point a measure makes; one key recommendation per theme."""
OPTION_FORM = "option_form"
"""Catalogue item property: the form of option a measure serves (``herindeling``); not shown
when every option of that form on the table is advised against."""
ACTION = "action"
"""Catalogue item property: what to do and by whom, one sentence (``{raad}``, ``{college}``,
``{overheid}`` are the client's organs)."""
ACTION_ASSESSED = "action_when_assessed"
"""Catalogue item property: the action instead of :data:`ACTION` when §4 already gives a
first test against the herindeling criteria (what is left to do then)."""
CLIENT_ORGAN = "opdrachtgever_orgaan"
"""The case fact that names the organ that asks: ``action_ORGAN`` (``action_raden``) is the
action when that organ is the client (the raden speak for themselves, they do not have
themselves sounded out)."""

ONE_LINE = "one_line"
"""Catalogue item property: key measures of its theme for one collaboration are one line."""
DEFERS = "defers"
"""Catalogue item property: as a key recommendation, the other measures wait (see
:func:`deferred`)."""
BASIS = "basis"
"""Catalogue item property: a measure that keeps the organisation standing; never deferred."""
OVER_OPTIONS = "over_options"
"""Catalogue item property: a measure that sets every option side by side (what each costs
residents, say); it helps the raad choose between the options still open, so it is not left
out because the planned collaboration it starts from is an option advised against."""

COURSE = "course_plan"
"""Catalogue item property: how to carry out one option (its improvement plan). A key
recommendation when that option is the only one the sources leave open, or the one they
prefer; else a detail of that option (§5, "Als voor … wordt gekozen")."""

OPTION = "optie"
COLLABORATION = "samenwerking"
FORM_FACT = "optievorm"
PLANNED = "voorgenomen"


def select_key(ctx: Ctx, ranked: list[RecItem]) -> tuple[list[RecItem], list[RecItem]]:
    """The key recommendations (at most :data:`MAX_KEY`) and the further measures.

    See the module docstring for the rules; the further measures keep their order, with the
    measures of one reasoning for one target joined into one line.
    """
    shown = [item for item in ranked if not hidden(ctx, item)]
    assessed = _options_assessed(ctx)
    key: list[RecItem] = []
    themes: list[set[str]] = []
    labels: list[list[str]] = []
    rest: list[RecItem] = []
    for item in shown:
        props = item_properties(ctx, item.item)
        if item.uncertain and NOT_KEY not in props and len(key) < MAX_KEY \
                and not any(k.firings == item.firings for k in key):
            key.append(_verify(ctx, item))  # the top five carries the check, not the measure
            themes.append(set())
            labels.append([key[-1].label])
            continue
        if NOT_KEY in props or (NOT_KEY_ASSESSED in props and assessed) or item.uncertain \
                or _only_options(ctx, item) or rests_on_background(ctx, item) \
                or grip_not_key(ctx, item, key):
            rest.append(item)
            continue
        same = next((i for i, k in enumerate(key) if k.item == item.item
                     or (k.firings and _best(ctx, k) == _best(ctx, item))), None)
        theme = _theme(ctx, item.item)
        if same is not None and key[same].item == item.item and \
                not (key[same].target and item.target):
            rest.append(item)  # the key one for the case as a whole covers it
        elif same is not None:
            key[same] = _merged(ctx, key[same], item, labels[same], act=True)
            themes[same] |= {theme} if theme else set()
        elif (host := same_step(ctx, key, item)) is not None:
            # one step for one shared organisation: one line, with both actions
            key[host] = _merged(ctx, key[host], item, labels[host], act=True)
            themes[host] |= {theme} if theme else set()
        elif theme and (joined := _theme_line(ctx, key, themes, item, theme)) is not None:
            key[joined] = _merged(ctx, key[joined], item, labels[joined], act=True)
        elif theme and any(theme in t for t in themes):
            rest.append(item)  # a key recommendation already makes this point
        elif len(key) < MAX_KEY:
            # the plan for the course left: the option is named in its reason, not as a target
            key.append(dataclasses.replace(item, target=None) if course_left(ctx, item)
                       else item)
            themes.append({theme} if theme else set())
            labels.append([item.label])
        else:
            rest.append(item)
    if not key:  # nothing else to advise: a measure §4 covers in part still leads
        first = next((r for r in rest if NOT_KEY not in item_properties(ctx, r.item)
                      and not r.uncertain), None)
        if first is not None:
            key, rest = [first], [r for r in rest if r is not first]
    return key, [_what(ctx, r) for r in _joined(ctx, rest)]


def _what(ctx: Ctx, item: RecItem) -> RecItem:
    """A further measure (§5) that says what to do and by whom, not only why.

    Its catalogue action replaces the premise ("Er is een regeling waarvoor …"); the reasoning
    it rests on stays in the appendix. A measure without an action, or one whose uncertain
    facts must be checked first, keeps its reason.
    """
    action = "" if item.uncertain else _action(ctx, item)
    if not action or item.why.startswith(action):
        return item
    options = _options_of(ctx, item) if _only_options(ctx, item) else []
    if options:  # a detail of an option: it holds only if that option is chosen
        action = ctx.msg("selection.if_option", options=ctx.msg.join_or(
            [f"‘{o}’" for o in options]), action=lower_first(action))
    if COURSE in item_properties(ctx, item.item):  # the plan's elements are the point: kept
        action = f"{action} {item.why}".strip()
    return dataclasses.replace(item, action=action, why=action)


def _options_of(ctx: Ctx, item: RecItem) -> list[str]:
    """The names of the options the firings behind ``item`` rest on, in case order."""
    keys = {t for f in ctx.result.firings if f.key in set(item.firings)
            for t, _f, _v in f.matched if t[0] == OPTION}
    out = []
    for key in ctx.entities.get(OPTION, []):
        if key in keys:
            ent = ctx.result.case.entity(key)
            out.append(ent.name if ent and ent.name else key[1])
    return out


def deferred(ctx: Ctx, key: list[RecItem], rest: list[RecItem]
             ) -> tuple[list[RecItem], list[RecItem]]:
    """The further measures §5 lists now, and those that wait until the basis is in order.

    Only when a key recommendation's item says :data:`DEFERS`; a measure is listed now when
    it is for a collaboration or task a key recommendation is for, or its item says
    :data:`BASIS`. The form advised per task (an exclusive catalogue: the tasks table of §3
    gives it) is no measure that waits.
    """
    if not any(DEFERS in item_properties(ctx, k.item) for k in key):
        return rest, []
    targets = {k.target_key for k in key if k.target_key[0] != "case"}
    now = [r for r in rest if r.target_key in targets or BASIS in item_properties(ctx, r.item)
           or _is_form(ctx, r)]
    return now, [r for r in rest if r not in now]


def _is_form(ctx: Ctx, item: RecItem) -> bool:
    """Whether ``item`` is a choice among exclusive alternatives (a form for a task)."""
    header = ctx.kb.catalogues.headers.get(item.theme)
    return header is not None and bool(header.exclusive)


def later_line(ctx: Ctx, later: list[RecItem]) -> str:
    """One sentence naming the measures that wait, or ``""``."""
    if not later:
        return ""
    names = [lower_first(r.label) + (f" ({r.target})" if r.target else "") for r in later]
    return ctx.msg("selection.later", what=ctx.msg.join(names))


def _theme_line(ctx: Ctx, key: list[RecItem], themes: list[set[str]], item: RecItem,
                theme: str) -> int | None:
    """The key recommendation ``item`` joins: of its theme, for the same collaboration.

    Not an instrument of grip (:data:`ONE_LINE`): one of those is a key recommendation, the
    rest go to §5 (:mod:`~pvrules.explain.option_keylines`); a list of them is no advice.
    """
    if ONE_LINE in item_properties(ctx, item.item) or item.target_key[0] == "case":
        return None
    return next((i for i, k in enumerate(key) if theme in themes[i]
                 and k.target_key == item.target_key), None)


def hidden(ctx: Ctx, item: RecItem) -> bool:
    """Whether the advice leaves ``item`` out.

    It does it itself, it belongs to §4, or the case says it is done or under way
    (``properties.done_when``, e.g. a study under way).
    """
    if NOT_A_MEASURE in item_properties(ctx, item.item):
        return True
    if done(ctx, ctx.kb.catalogues.items.get(item.item)):
        return True
    if item.target_key[0] == "case" and item.item in _option_forms(ctx):
        return True
    form = item_properties(ctx, item.item).get(OPTION_FORM)
    if form is not None:
        of_form = [k for k in ctx.entities.get(OPTION, [])
                   if ctx.result.value(k, FORM_FACT) == form.get("en")]
        if of_form and set(of_form) <= _rejected(ctx):
            return True
    if OVER_OPTIONS in item_properties(ctx, item.item) and _open_options(ctx):
        return False
    return _only_rejected(ctx, item)


def _open_options(ctx: Ctx) -> list[EntityKey]:
    """The options on the table that the sources do not advise against."""
    rejected = _rejected(ctx)
    return [k for k in ctx.entities.get(OPTION, []) if k not in rejected]


def _verify(ctx: Ctx, item: RecItem) -> RecItem:
    """The key line for a measure that rests only on uncertain facts: check them first."""
    _some, _only, names = low_certainty(ctx, item.firings)
    facts = ctx.msg.join([lower_first(n) for n in names])
    what = _verify_what(ctx, item)
    action = ctx.msg("selection.verify_action", college=ctx.builder.organs["college"],
                     what=what) if what else \
        ctx.msg("selection.verify_how", college=ctx.builder.organs["college"], facts=facts)
    # the second step in words (its action, "laat het college … opstellen"), not a title
    second = _action(ctx, item).rstrip(".")
    measure = lower_first(second) if second else \
        ctx.msg("selection.verify_measure", measure=item.label)
    why = ctx.msg("selection.verify_why", measure=measure)
    label = ctx.msg("selection.verify_label", facts=facts)
    return dataclasses.replace(item, label=label[:1].upper() + label[1:],
                               target=None, why=f"{action} {why}", action=action)


def _verify_what(ctx: Ctx, item: RecItem) -> str:
    """What to evaluate: the effect of each uncertain fact (``selection.verify_what.FACT``).

    ``""`` when a fact has none (then "nagaan hoe het nu staat met …"); never whether the
    documents are right.
    """
    _slots, low = low_certainty_slots(ctx, item.firings)
    ids = list(dict.fromkeys(fact for _key, fact in low))
    if ids and all(ctx.msg.has(f"selection.verify_what.{f}") for f in ids):
        return ctx.msg.join([ctx.msg(f"selection.verify_what.{f}") for f in ids])
    return ""


def with_action(ctx: Ctx, item: RecItem, said: str = "",
                steps: Sequence[RouteStep] = ()) -> RecItem:
    """``item`` with what to do and by whom before its reason (catalogue :data:`ACTION`).

    A reason the kernboodschap (``said``) already gives word for word is not repeated: the
    line then says only what to do. Where the reasoning behind ``item`` puts a step on the
    route that every option shares (``steps``) and the route says when, the action ends with
    that date ("…, uiterlijk 1 juli 2024 (over 11 dagen).") unless the reason names it.
    """
    if item.action and item.why.startswith(item.action):
        return item  # the check of uncertain facts says it already
    action = _action(ctx, item)
    if not action:
        return item
    why = "" if item.why and " ".join(item.why.split()) in " ".join(said.split()) else item.why
    when = _when(ctx, item, steps)
    if when and when not in why and when not in action:
        action = _dated(ctx, action, when)
    return dataclasses.replace(item, action=action, why=f"{action} {why}".strip())


def _dated(ctx: Ctx, action: str, when: str) -> str:
    """``action`` with the route's ``when``.

    Only its date where the action already says it comes before the decision ("…, voordat
    erover wordt besloten (voorjaar 2020)."), so the deadline is not said twice.
    """
    before = [w for w in ctx.msg("answer.before_decision").split("|") if w]
    if any(w in action.lower() for w in before) and any(when.lower().startswith(w)
                                                         for w in before):
        date = when[when.rfind("("):] if when.endswith(")") and "(" in when else ""
        return f"{action.rstrip('.')} {date}.".replace(" .", ".") if date else action
    return f"{action.rstrip('.')}, {when}."


def _when(ctx: Ctx, item: RecItem, steps: Sequence[RouteStep]) -> str:
    """The date by which the route's common step of ``item``'s reasoning is due, or ``""``.

    The first clause of the step's ``when``, and only when it names a date (a number: "vóór
    30 september 2019", "na bespreking van dit advies (voorjaar 2017)"); a word the action
    already starts its deadline with ("nu, vóór …") is not repeated.
    """
    firings = set(item.firings)
    names = {c.name for f in ctx.result.firings if f.key in firings
             for c in f.conclusions if c.kind == "route"}
    step = next((s for s in steps if s.step in names and not s.options and s.choice is None
                 and s.when), None)
    if step is None or step.when is None:
        return ""
    when = step.when.split(":")[0].strip()
    if not any(ch.isdigit() for ch in when):
        return ""
    first, _sep, rest = when.partition(", ")
    words = set(_action(ctx, item).lower().replace(",", " ").split())
    return rest if rest and first.lower() in words else when


def _theme(ctx: Ctx, item: str) -> str | None:
    text = item_properties(ctx, item).get(THEME)
    return None if text is None else text.get("en")


def _option_forms(ctx: Ctx) -> set[str]:
    """The forms of the options on the table (``optievorm``)."""
    return {str(v) for k in ctx.entities.get(OPTION, [])
            if (v := ctx.result.value(k, FORM_FACT)) is not None}


def _best(ctx: Ctx, item: RecItem) -> tuple[FiringKey, ...]:
    best = best_firing(ctx, list(item.firings))
    return (best,) if best is not None else ()


def _merged(ctx: Ctx, first: RecItem, other: RecItem, labels: list[str] | None = None,
            act: bool = False) -> RecItem:
    """``first`` naming ``other`` too: its target when the item is the same, else its label.

    ``labels`` (the labels ``first`` joins so far) gives "A, b en c" for three; with ``act``
    the line's action says what both ask.
    """
    firings = first.firings + tuple(f for f in other.firings if f not in first.firings)
    if other.item == first.item:
        targets = [t for t in (first.target, other.target) if t]
        return dataclasses.replace(first, target=ctx.msg.join(targets) if targets else None,
                                   firings=firings)
    if labels is None:
        labels = [first.label]
    labels.append(lower_first(other.label))
    action = first.action
    if act:
        action = " ".join(a for a in (_action(ctx, first), _action(ctx, other)) if a)
    return dataclasses.replace(first, label=ctx.msg.join(labels), firings=firings,
                               action=action)


def _action(ctx: Ctx, item: RecItem) -> str:
    """What ``item`` asks, by whom: its own action, else its catalogue item's."""
    if item.action:
        return item.action
    props = item_properties(ctx, item.item)
    organ = ctx.result.value(CASE_KEY, CLIENT_ORGAN)
    text = None
    if organ is not None and _all_partners_client(ctx):
        text = props.get(f"{ACTION}_{organ}_{ALL_CLIENTS}")
    if text is None and organ is not None:
        text = props.get(f"{ACTION}_{organ}")
    if text is None:
        text = props.get(ACTION_ASSESSED) if ACTION_ASSESSED in props and \
            _options_assessed(ctx) else props.get(ACTION)
    if not text:
        return ""
    action = fill_organs(text.get(ctx.lang), ctx.builder.organs)
    if item.target:  # "voor deze taak" names the task the measure is for
        action = action.replace(ctx.msg("selection.this_task"), item.target)
    return action


ALL_CLIENTS = "alle_partners"
"""Suffix of the action for a client that is every partner (``action_raden_alle_partners``)."""


def _all_partners_client(ctx: Ctx) -> bool:
    """Whether every partner of the case is itself the client (three raden about themselves)."""
    partners = [e.key for e in ctx.result.case.all_entities() if e.key[0] == "partner"]
    return bool(partners) and all(
        ctx.result.value(key, "is_opdrachtgever") is True for key in partners)


def _joined(ctx: Ctx, items: list[RecItem]) -> list[RecItem]:
    """``items`` with one line per reasoning and target, and per measure for several targets.

    The measures one reasoning concludes for the same target are one line, and so is one
    measure for several targets of one kind ("… voor A en B"). A form for a task (an item
    with exclusive rivals) stays one line per task: the tasks table shows it per task, and §5
    leaves out what that table shows.
    """
    out: list[RecItem] = []
    for item in items:
        same = next((i for i, k in enumerate(out) if (
            k.target_key == item.target_key and k.item != item.item and k.firings
            and _best(ctx, k) == _best(ctx, item)) or (
            k.item == item.item and k.target and item.target
            and k.target_key[0] == item.target_key[0] != "case"
            and not ctx.kb.catalogues.exclusive_with(item.item))), None)
        if same is None:
            out.append(item)
        else:
            out[same] = _merged(ctx, out[same], item, act=True)
    return out


def _rejected(ctx: Ctx) -> set[EntityKey]:
    """The options the sources advise against, and the planned collaborations that are them.

    A planned collaboration (``status: voorgenomen``) is such an option when every option of
    its form that fits it (the same partners and relation, where both are known) is advised
    against.
    """
    options = {c.target for f in ctx.result.firings for c in f.conclusions
               if c.kind == "prefer" and c.name == "advised_against"}
    if not options:
        return set()
    out: set[EntityKey] = set(options)
    value = ctx.result.value
    for key in ctx.entities.get(COLLABORATION, []):
        if value(key, "status") != PLANNED:
            continue
        fitting = [o for o in ctx.entities.get(OPTION, [])
                   if value(o, FORM_FACT) == value(key, "vorm")
                   and _agrees(value(o, "partners"), value(key, "deelnemers"))
                   and _agrees(value(o, "optie_relatie"), value(key, "overheidsrelatie"))]
        if fitting and all(o in options for o in fitting):
            out.add(key)
    return out


def _agrees(one: object, other: object) -> bool:
    """Equal, or one of them unknown (lists compared as sets)."""
    if one is None or other is None:
        return True
    if isinstance(one, tuple) and isinstance(other, tuple):
        return set(one) == set(other)
    return one == other


def _only_rejected(ctx: Ctx, item: RecItem) -> bool:
    """Whether every firing behind ``item`` rests on rejected options, and on no other option.

    What a firing rests on: the options and collaborations it read, its focus and the target
    of ``item``. The reasoning that advises against an option (it concludes a preference) is
    never a measure for a rejected option: it says what to do instead.
    """
    return _only_on(ctx, item, _rejected(ctx))


def _only_options(ctx: Ctx, item: RecItem) -> bool:
    """Whether ``item``, a measure for one task or collaboration, rests only on options.

    Such a measure holds only if the raad chooses one of them: a detail of that option, no
    key point. A measure for the case as a whole that reads the options (a survey over them,
    the costs of one) helps the raad choose and may be one, and so may the plan for the
    course that is left (:func:`course_left`).
    """
    if item.target_key[0] == "case" or course_left(ctx, item):
        return False
    return _only_on(ctx, item, set(ctx.entities.get(OPTION, [])))


def course_left(ctx: Ctx, item: RecItem) -> bool:
    """Whether ``item`` is the plan (:data:`COURSE`) for the option the advice leaves.

    That option is the only one on the table the sources do not advise against (of two or
    more), or the one a rule prefers.
    """
    if COURSE not in item_properties(ctx, item.item) or item.target_key[0] != OPTION:
        return False
    options = ctx.entities.get(OPTION, [])
    if len(options) > 1 and _open_options(ctx) == [item.target_key]:
        return True
    return any(c.kind == "prefer" and c.name == "advised" and c.target == item.target_key
               for f in ctx.result.firings for c in f.conclusions)


def _only_on(ctx: Ctx, item: RecItem, within: set[EntityKey]) -> bool:
    """Whether every firing behind ``item`` rests on options or collaborations of ``within``.

    And on no other option or collaboration; a firing that concludes a preference (the
    reasoning that weighs the options) never does.
    """
    if not within or not item.firings:
        return False
    firings = {f.key: f for f in ctx.result.firings}
    for key in item.firings:
        firing = firings.get(key)
        if firing is None or any(c.kind == "prefer" for c in firing.conclusions):
            return False
        on = {t for t, _f, _v in firing.matched if t[0] in (OPTION, COLLABORATION)}
        for extra in (key[1], item.target_key):
            if extra is not None and extra[0] in (OPTION, COLLABORATION):
                on.add(extra)
        if not on or not on <= within:
            return False
    return True


def _options_assessed(ctx: Ctx) -> bool:
    """Whether §4 gives a first test against the herindeling criteria (a herindeling option)."""
    from pvrules.explain.choices import HERINDELING

    return any(ctx.result.value(k, FORM_FACT) == HERINDELING
               for k in ctx.entities.get(OPTION, []))
