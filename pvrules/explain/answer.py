"""The kernboodschap: one paragraph that answers the case's question first.

Built from the decisions only, in this order:

0. a key recommendation with a deadline (rule priority >= 10) comes first;
1. the answer to the question: on the options on the table — a herindeling that
   the sources advise against ("Een herindeling is nu niet de aangewezen weg: …",
   with the ``prefer: false`` explanation and the source that carries it), an option
   they prefer (and its source), other options they advise against, and otherwise
   that the raad chooses (the effects per option stay in the options table); a
   direction already chosen (``richting_gekozen``) is answered with its points of
   attention; without options, the first key recommendation with its why;
2. no corner summary: the balance of the triangle is said in §6 (a why that only repeats
   a corner's level is not said either);
3. what holds whatever the choice ("Welke optie u ook kiest, …"), then whether a
   herindeling on the table can be called the way yet (never the opening: it is no
   answer), the other parts of the question, and who chooses between the options left open;
4. what to find out first, when the answer rests on unknowns (merged per subject, ≤ 3).
"""


from __future__ import annotations

import re

from pvrules.explain.answer_decider import who_decides
from pvrules.explain.answer_gates import (
    asks_about_merger,
    flipping,
    glossed,
    question_topics,
    recommended_items,
)
from pvrules.explain.answer_impression import impression
from pvrules.explain.answer_opening import (
    _decisive,
    _direction_chosen,
    _grouped,
    _on_options,
)
from pvrules.explain.answer_parts import (
    balance,
    dated_action,
    decides,
    echoes,
    find_out,
    levels,
    named_action,
    open_partners,
    partner_roles,
    subjects,
    unrepeated,
)
from pvrules.explain.answer_parts import per_task as task_forms
from pvrules.explain.answer_sentences import (
    _SENTENCES,
    DECISIVE,
    _action,
    _actions,
    _advise,
    _lower,
    _strip,
    _target,
    _targets,
)
from pvrules.explain.answer_verdict import verdict as judge
from pvrules.explain.answer_yesno import yes_no
from pvrules.explain.basics import council, in_sentence
from pvrules.explain.chooser import number
from pvrules.explain.ctxtypes import Ctx
from pvrules.explain.decisions_model import (
    AnalysisRow,
    CaseInfo,
    Decision,
    FindOut,
    RecItem,
    RouteStep,
    Triangle,
)

__all__ = ["DECISIVE", "answer", "asks_about_merger"]

URGENT = 10
"""A key recommendation of at least this rule priority opens the kernboodschap."""
MAX_NAMED = 2
"""At most this many key recommendations are named in §1; the rest are referred to."""


def answer(ctx: Ctx, info: CaseInfo, tri: Triangle, key: tuple[RecItem, ...],
           against: tuple[RecItem, ...], options: tuple[Decision, ...],
           unknown: tuple[FindOut, ...], tasks: tuple[AnalysisRow, ...] = (),
           steps: tuple[RouteStep, ...] = ()) -> str:
    """The kernboodschap (module docstring); ``steps``: the route, for what comes first."""
    msg = ctx.msg
    first: list[str] = []  # a deadline within weeks
    verdict = ""  # what the advice says about the options on the table
    lead: list[str] = []  # decisive advice: said before who chooses
    choice: list[str] = []  # why a herindeling cannot be called yet; who chooses, what decides
    late: list[str] = []  # the balance and what holds whatever the choice: after the answer
    rest = list(key)
    advised = False
    closing = prep = ""  # prep: a step that informs the choice, said right after it
    preparing: tuple[str, list[RecItem]] | None = None  # generic advice before the forms
    table = next((d for d in options if d.id == "bestuurlijke_toekomst" and d.options), None)
    urgent = [k for k in rest if k.rank and -k.rank[0] >= URGENT]
    named = 0
    said: set[int] = set()  # the positions in key of what the paragraph names
    for k in urgent[:1]:  # a deadline within weeks comes before anything else
        first.append(msg("answer.urgent", what=_target(ctx, k), why=_strip(k.why)))
        rest.remove(k)
        named += 1
        said.add(key.index(k))
    # the balance of the triangle is §6's, not §1's; its words still keep a why that only
    # repeats a corner's level out of the answer
    weighed = balance(ctx, tri) if tri.balance is not None else ""
    known = f"{weighed} {levels(ctx, tri)}" if weighed else ""
    if table is not None:
        opening = _on_options(ctx, table, rest, known, key)
        verdict, advised, closing = opening.verdict, opening.advised, opening.closing
        if not (first or verdict or opening.decisive or opening.merger):  # the choice opens
            # what the comparison shows answers first; else who chooses opens
            verdict = opening.shown
            closing = closing if verdict else opening.closing_first or closing
        if opening.decisive or opening.when == "now":  # decisive, or to do now: it answers
            lead.append(opening.advice)
        elif opening.when == "before" and closing:  # it informs the choice: said with it
            prep = _referred(ctx, opening.advice, key, rest[:opening.used])
            for general, that in (("answer.before_choice_advise", "answer.before_that_advise"),
                                  ("answer.before_choice", "answer.before_that")):
                prep = prep.replace(msg(general), msg(that), 1)  # right after who chooses
        else:
            late.append(opening.advice)
        if opening.merger and opening.when == "before" and verdict:  # the step settles the
            verdict = f"{verdict} {opening.merger}"  # herindeling: whether it is the way answers
        else:  # never the opening sentence: "Of herindeling … niet vast te stellen" is no answer
            choice.append(opening.merger)
        named += len({k.item for k in rest[:opening.used]})
        said.update(key.index(k) for k in rest[:opening.used])
        rest = rest[opening.used:]
    elif rest:
        firsts = _decisive(rest) or _grouped(rest[:1], rest)  # else the first
        said.update(key.index(k) for k in firsts)
        del rest[:len(firsts)]
        advice = _advise(ctx, firsts, " ".join(first))
        generic = not _decisive(firsts) and all(k.item in _generic(ctx) for k in firsts)
        (late if generic else lead).append(advice)
        preparing = (advice, firsts) if generic else None
        named += len({k.item for k in firsts})
        advised = True
    elif against:
        lead += [msg("answer.against_only",
                     what=msg.join([_target(ctx, a) for a in against[:3]]))]
    else:
        lead.append(msg("answer.too_little"))
    spoken = " ".join([*first, verdict, *lead, *late, *choice, prep])
    middle = [task_forms(ctx, tasks)]
    if preparing is not None and middle[0]:  # the forms answer: the analysis comes before
        forms_after = _before_forms(ctx, preparing[0], key, preparing[1], tasks)
        if forms_after:
            late.remove(preparing[0])
            middle.append(forms_after)
    middle.extend(_topics(ctx, key, f"{spoken} {middle[0]}", MAX_NAMED - named, steps,
                          (tri, tasks)))
    if closing and table is not None:  # a choice left open: what decides it, if not known
        left = [r for r in table.options if r.preference != "advised_against"]
        partners = open_partners(ctx, left) \
            if not table.chooser_kind.startswith("provincie") else []
        what, _after = decides(ctx, key, partners, " ".join([spoken, *middle]),
                              dated_action(steps), left)
        pointed = _refs(ctx, what) if what else set()
        if pointed and pointed <= _refs(ctx, " ".join(choice)):
            what = ""  # the herindeling's sentence already says what decides: one pointer
        roles = partner_roles(ctx, left, partners, what)
        who = who_decides(ctx, left, council(ctx) if table.chooser_kind == "gemeenten"
                          else table.chooser, table.chooser_kind)
        if who:  # a participation among them: who decides on which, in one sentence
            rejected = len(left) < len(table.options)
            closing = msg("answer.choose_private_rest" if rejected else "answer.choose_private",
                          n=number(ctx, len(left)), who=who)
        that = msg("answer.before_that_advise")
        at = prep.find(that)  # after its own context sentence, if any
        if at >= 0 and what and (at == 0 or prep[:at].rstrip().endswith(".")):
            # one "Vóór die keuze": what decides it, then the step before it
            what = f"{what.rstrip(' .')}; {msg('answer.also_advise')}{prep[at + len(that):]}"
            prep = prep[:at].strip()  # ("…; ook adviseren wij een opgavenanalyse …")
        closing = f"{closing} {prep} {what} {roles}".strip()
    elif prep:
        late.append(prep)
    choice.append(closing)
    # the answer first, then what else the question asks, the generic advice last
    yes = yes_no(ctx, key, {k.item: _action(ctx, k) for k in key}, table)  # "Ja: begin met …"
    if table is None and not yes:  # a first impression answers the question: it opens
        yes = next((m for m in middle if m and m == impression(ctx)), "")
        middle = [m for m in middle if m != yes or not yes]
    # an evaluative question ("goed ingericht?") gets a verdict: first, or right after
    # the shortfall that opens (a passed legal deadline)
    before = bool(first or verdict or lead)
    judged = judge(ctx, tri, key, after=before)
    parts = [yes, *([] if before else [judged]), *first, verdict, *lead,
             *([judged] if before else []), *choice, *middle, *late]
    if rest and not advised and table is None:
        parts.append(_actions(ctx, rest[:max(MAX_NAMED - named, 1)]))
    text = " ".join(parts).lower()
    said.update(i for i, k in enumerate(key) if _lower(k.label).lower() in text
                or (_action(ctx, k) and _lower(_action(ctx, k))[:40].lower() in text))
    flips = flipping(ctx, unknown, key, options, named=frozenset(said),
                     options=not _direction_chosen(ctx))
    if flips and not _said_already(subjects(tuple(f for f, _w in flips)), " ".join(parts)):
        parts.append(find_out(ctx, flips, table))
    if not info.date_given:
        parts.append(msg("answer.no_date", date=info.date or ""))
    return glossed(ctx, [unrepeated(ctx, " ".join(p.strip() for p in parts if p.strip()),
                                    key, _action)], options)[0]


STARTS_NOW = "starts_now"
"""Catalogue property of a form that starts light, without waiting for the opgavenanalyse."""


def _before_forms(ctx: Ctx, advice: str, key: tuple[RecItem, ...], items: list[RecItem],
                  tasks: tuple[AnalysisRow, ...] = ()) -> str:
    """Generic ``advice`` said as the step before the forms per opgave, or ``""``.

    "Leg die vormen pas vast na een gezamenlijke opgavenanalyse: … (aanbeveling 1)", not
    "Wij adviseren een gezamenlijke opgavenanalyse" after the answer, as if it were another
    answer. Only for one sentence that opens with the plain "Wij adviseren". A form that
    starts light (property ``starts_now``) does not wait: "…; met belastingen en WOZ kunt u nu
    al beginnen"; when every form does, the advice is no step before them.
    """
    plain = ctx.msg("answer.advice_opens").split("|")[0]
    if not advice.startswith(f"{plain} ") or len(_SENTENCES.split(advice.strip())) > 1:
        return ""
    what = advice[len(plain) + 1:].strip().rstrip(" .")
    items_ = ctx.kb.catalogues.items
    now = [t for t in tasks if t.form is not None and STARTS_NOW in
           getattr(items_.get(t.form), "properties", {})]
    if not now:
        return _referred(ctx, ctx.msg("answer.forms_after", what=what), key, items)
    if len(now) == len([t for t in tasks if t.form is not None]):
        return ""
    names = ctx.msg.join([in_sentence(ctx, t.label) for t in now])
    return _referred(ctx, ctx.msg("answer.forms_after_but_now", what=what, tasks=names),
                     key, items)


def _referred(ctx: Ctx, advice: str, key: tuple[RecItem, ...], items: list[RecItem]) -> str:
    """``advice`` with the numbers of the key recommendations it says (``items``) at its end.

    Unless it names one already ("(aanbeveling 1)").
    """
    if not items or _refs(ctx, advice):
        return advice
    numbers = sorted({key.index(k) + 1 for k in items})
    refs = ctx.msg("answer.ref_one" if len(numbers) == 1 else "answer.ref_many",
                   numbers=ctx.msg.join([str(n) for n in numbers]))
    return f"{advice.rstrip(' .')} ({refs})."


SAID_LETTERS = 4
"""Words of at least this many letters carry what a subject to find out is about."""


def _said_already(found: list[str], said: str) -> bool:
    """Whether §1 (``said``) already asks each of ``found``, word for word.

    What decides the choice ("Wat die keuze beslist: hoe de raden en de inwoners over de
    opties denken") may name what to find out first already; the same question again in a
    "Zoek eerst uit" sentence adds nothing. A subject with one word §1 does not say yet (a
    group it did not name: "de regionale partners") is asked.
    """
    low = set(re.findall(r"\w+", said.lower()))
    return bool(found) and all(w in low for s in found for w in re.findall(r"\w+", s.lower())
                               if len(w) >= SAID_LETTERS)


def _generic(ctx: Ctx) -> set[str]:
    """The recommendations that hold for almost any question (``answer.generic_items``).

    Said after the answer to the question, never as its opening.
    """
    return {i for i in ctx.msg("answer.generic_items").split("|") if i}


def _topics(ctx: Ctx, key: tuple[RecItem, ...], said: str, budget: int = MAX_NAMED,
            steps: tuple[RouteStep, ...] = (),
            seen: tuple[Triangle, tuple[AnalysisRow, ...]] | None = None) -> list[str]:
    """One sentence per further part of the question (``answer.topics``).

    The key recommendations that answer it and that §1 has not named yet: while fewer
    than :data:`MAX_NAMED` are named, the first in words (the first sentence of its action,
    after the topic's ``intro``), the rest by number ("meer in de aanbevelingen 3 en 4
    hieronder"); else all by number ("zie de aanbevelingen 3 en 4 hieronder"). "staat in
    hoofdstuk 5" when only further measures answer it; else the route steps whose label says
    what the topic is about (its ``words``: "zeggenschap" for grip); that the advice does not
    answer it when nothing does. Before it, a first answer from what the triangle and the
    opgaven show (``seen``, :func:`_first_view`), where the topic has one.
    """
    out: list[str] = []
    recommended = recommended_items(ctx)
    for topic, items in question_topics(ctx):
        first = _first_view(ctx, topic, seen) if seen is not None else ""
        if first:  # a first answer, then what settles it
            out.append(first)
        answering = [k for k in key if k.item in items]
        fresh = [k for k in answering if _lower(k.label) not in said.lower()
                 and _strip(k.why).lower() not in said.lower()]
        intro = ctx.msg(f"answer.topic.{topic}.intro", council=council(ctx))
        action = _SENTENCES.split(_action(ctx, fresh[0]).strip()) if fresh else [""]
        short = named_action(ctx, fresh[0], action[0]) if fresh else ""
        if fresh and budget > 0 and action[0] and short == _lower(action[0].rstrip(" .")):
            # its action's first sentence is all it says: the recommendations by name, not
            # that sentence again right above the line that says it
            labels = list(dict.fromkeys(in_sentence(ctx, re.sub(r" \([^)]*\)$", "", k.label))
                                        for k in fresh))  # no "(…)" right before "(3)"
            numbers = _numbers(ctx, key, fresh)
            refs = ctx.msg("answer.ref_many" if len({key.index(k) for k in fresh}) > 1
                           else "answer.ref_one", numbers=numbers)
            joined = "; ".join(labels) if any(" en " in x or " and " in x for x in labels) \
                else ctx.msg.join(labels)  # labels with "en" inside: ";" between them
            described = _described(ctx, fresh)  # what to do, not a bare label after ":"
            text = ctx.msg("answer.topic_labels", intro=intro, what=described or joined,
                           refs=refs)
            if _echoes(ctx, topic, fresh) and not described:  # "Voor de sturing …: …"
                text = _echoed(ctx, intro, fresh, numbers, refs)
            out.append(text)
            budget -= 1
            said += " " + text
        elif fresh and budget > 0:
            text = (f"{intro}: {short}" if action[0] else
                    ctx.msg("answer.topic_named", intro=intro,
                            what=_targets(ctx, fresh[:1])))
            rest = fresh if len(action) > 1 else fresh[1:]  # its own number: says more
            more = _numbers(ctx, key, rest)
            if more:
                kind = "answer.topic_more" if len(rest) > 1 else "answer.topic_more_one"
                text = f"{text.rstrip('.')}; {ctx.msg(kind, numbers=more)}."
            out.append(text)
            budget -= 1
            said += " " + text
        elif fresh:  # by name and number: "dient aanbeveling 3" alone says nothing
            labels = list(dict.fromkeys(in_sentence(ctx, re.sub(r" \([^)]*\)$", "", k.label))
                                        for k in fresh))
            joined = "; ".join(labels) if any(" en " in x or " and " in x for x in labels) \
                else ctx.msg.join(labels)
            refs = ctx.msg("answer.ref_many" if len({key.index(k) for k in fresh}) > 1
                           else "answer.ref_one", numbers=_numbers(ctx, key, fresh))
            out.append(_echoed(ctx, intro, fresh, _numbers(ctx, key, fresh), refs)
                       if _echoes(ctx, topic, fresh)
                       else ctx.msg("answer.topic_labels", intro=intro, what=joined, refs=refs))
        elif answering and ctx.msg.has(f"answer.topic.{topic}.said"):
            # answered by what §1 said already: what to do with that answer, by number
            numbers = _numbers(ctx, key, answering)
            out.append(ctx.msg(f"answer.topic.{topic}.said", refs=ctx.msg(
                "answer.ref_many" if len(answering) > 1 else "answer.ref_one",
                numbers=numbers)))
        elif not answering:
            kind = "later" if items & recommended else "none"
            if kind == "later" and seen is not None and _strong(seen[0], STRONG_FOR.get(topic)) \
                    and ctx.msg.has(f"answer.topic.{topic}.later_strong"):
                kind = "later_strong"  # "heeft nu al grip …; wat die verder versterkt: §5"
            on_route = _steps_on(ctx, topic, steps) if kind == "none" else {}
            out.append(ctx.msg("answer.topic_steps", intro=intro, **on_route) if on_route
                       else ctx.msg(f"answer.topic.{topic}.{kind}", council=council(ctx)))
    return out


STRONG_FOR = {"grip": "legitimiteit"}
"""The corner whose strong level answers a topic when only §5 measures serve it."""


def _strong(tri: Triangle, corner: str | None) -> bool:
    """Whether ``corner`` of ``tri`` is at its highest level."""
    return any(c.id == corner and c.rank is not None and c.rank == c.max_rank
               for c in tri.corners)


def _echoes(ctx: Ctx, topic: str, fresh: list[RecItem]) -> bool:
    """Whether the labels of ``fresh`` only echo the intro of ``topic``, judged in Dutch.

    The same in every language: §1 in English says what the Dutch one says.
    """
    from pvrules.explain.answer_sentences import _dutch

    dutch = ctx if ctx.lang == "nl" else _dutch(ctx)
    labels = []
    for k in fresh:
        item = ctx.kb.catalogues.items.get(k.item)
        label = getattr(getattr(item, "label", None), "nl", None) or k.label
        labels.append(in_sentence(dutch, re.sub(r" \([^)]*\)$", "", label)))
    return echoes(" ".join(dict.fromkeys(labels)),
                  dutch.msg(f"answer.topic.{topic}.intro", council=council(dutch)))


DESCRIBED_WORDS = 30
"""A catalogue description of at most this many words answers a part of the question."""
DESCRIBED_MAX = 2
"""At most this many measures are described in one part of §1; more are named by label."""


def _described(ctx: Ctx, fresh: list[RecItem]) -> str:
    """What the measures of ``fresh`` are, from their catalogue descriptions, or ``""``.

    Per measure the first sentence (at most :data:`DESCRIBED_WORDS` words, cut at its first
    ``;`` or ``:``: the sentence it goes into has a colon already), lower case: "begin licht
    en van onderop, …", not the label "stapsgewijs opbouwen met quick wins" after a colon;
    two measures joined by "; " in their order (the cause of low trust before the quick
    wins). ``""`` for more than :data:`DESCRIBED_MAX` measures, or when one has no short
    description.
    """
    from pvrules.explain.answer_parts import _description

    items = list(dict.fromkeys(k.item for k in fresh))
    if not 0 < len(items) <= DESCRIBED_MAX:
        return ""
    parts = []
    for item in items:
        k = next(k for k in fresh if k.item == item)
        said = _SENTENCES.split(_description(ctx, k), maxsplit=1)[0]
        said = re.split(r"; |: ", said, maxsplit=1)[0].rstrip(" .")  # one colon in §1's sentence
        if not said or len(said.split()) > DESCRIBED_WORDS:
            return ""
        parts.append(_lower(said))
    return "; ".join(parts)


def _echoed(ctx: Ctx, intro: str, fresh: list[RecItem], numbers: str, refs: str) -> str:
    """A part of the question whose one recommendation's label only echoes its ``intro``.

    "Voor de sturing op de samenwerkingen: beleg opdrachtgeverschap en accountmanagement …
    (aanbeveling 2)": what the measure is, from the first sentence of its catalogue
    description, never "… dient aanbeveling 2 hieronder", which answers nothing. By number
    alone only without such a description, or for several recommendations.
    """
    from pvrules.explain.answer_parts import _description

    items = {k.item for k in fresh}
    said = _SENTENCES.split(_description(ctx, fresh[0]), maxsplit=1)[0].rstrip(" .") \
        if len(items) == 1 else ""
    if said and len(said.split()) <= DESCRIBED_WORDS:
        return ctx.msg("answer.topic_labels", intro=intro, what=_lower(said), refs=refs)
    return ctx.msg("answer.topic_refer" if len(fresh) > 1 else "answer.topic_refer_one",
                   intro=intro, numbers=numbers)


MAX_STEPS = 2
"""At most this many route steps answer a part of the question in §1."""


def _steps_on(ctx: Ctx, topic: str, steps: tuple[RouteStep, ...]) -> dict[str, str]:
    """The route steps about ``topic`` (a topic word in their label): ``what`` and ``refs``.

    Empty when no step is about it. "statuten en afspraken …: doel, zeggenschap, …" for grip.
    """
    from pvrules.explain.chooser import chooser_kind
    from pvrules.explain.route import route_groups
    from pvrules.messages import Messages

    key = f"answer.topic.{topic}.words"
    words = [w for lang in ("nl", "en") for w in Messages(lang)(key).split("|") if w] \
        if ctx.msg.has(key) else []
    at = {id(s): g.first + i for g in route_groups(ctx, steps, chooser_kind(ctx))
          for i, s in enumerate(g.steps)}  # as chapter 7 numbers them

    def about(step: RouteStep) -> bool:  # its label in either language (the same in both)
        item = ctx.kb.catalogues.items.get(step.step)
        dutch = getattr(getattr(item, "label", None), "nl", "") or ""
        text = f"{step.label} {dutch}".lower()
        return any(re.search(rf"\b{re.escape(w)}", text) for w in words)

    found = [s for s in steps if id(s) in at and about(s)][:MAX_STEPS]
    if not found:
        return {}
    numbers = ctx.msg.join([str(at[id(s)]) for s in found])
    return {"what": "; ".join(_about(ctx, _lower(s.label.rstrip(" ."))) for s in found),
            "refs": ctx.msg("answer.step_one" if len(found) == 1 else "answer.step_many",
                            numbers=numbers)}


def _refs(ctx: Ctx, text: str) -> set[str]:
    """The numbers of the key recommendations ``text`` points to ("aanbevelingen 2 en 3")."""
    heads = {ctx.msg(k, numbers="\x00").split("\x00")[0].strip()
             for k in ("answer.ref_one", "answer.ref_many")}
    words = "|".join(re.escape(h) for h in sorted(heads, key=len, reverse=True) if h)
    and_ = re.escape(ctx.msg.join(["\x01", "\x02"]).split("\x01")[1].split("\x02")[0])
    out: set[str] = set()
    for m in re.finditer(rf"\b(?:{words}) ((?:\d+(?:, |{and_}))*\d+)", text):
        out.update(re.findall(r"\d+", m.group(1)))
    return out


def _about(ctx: Ctx, label: str) -> str:
    """A step label "X: a, b" inside a sentence after a colon: "X over a, b" (one colon)."""
    head, colon, rest = label.partition(": ")
    return ctx.msg("answer.label_about", head=head, rest=rest) if colon and rest else label


def _first_view(ctx: Ctx, topic: str, seen: tuple[Triangle, tuple[AnalysisRow, ...]]) -> str:
    """A first answer to a part of the question, from what the draft already knows, or ``""``.

    A first impression from the client's weak points where the topic has one
    (``answer.topic.<id>.impression``: "meer samenwerken"), else the opgaven of §3.1
    (``answer.topic.<id>.first_tasks``), else the level of the corner the
    topic is about (``answer.topic.<id>.corner``; ``answer.topic.<id>.first.<level>``), only
    when that corner is judged.
    """
    tri, tasks = seen
    if ctx.msg.has(f"answer.topic.{topic}.impression"):  # from the client's weak points
        said = impression(ctx)
        if said:
            return said
    key = f"answer.topic.{topic}.first_tasks"
    if tasks and ctx.msg.has(key):
        return ctx.msg(key, tasks=ctx.msg.join([_lower(t.label) for t in tasks]))
    key = f"answer.topic.{topic}.corner"
    corner = ctx.msg(key) if ctx.msg.has(key) else ""
    found = next((c for c in tri.corners if c.id == corner and c.rank is not None), None)
    if found is None or found.rank is None or 0 < found.rank < found.max_rank:
        # not judged, or in between: a first answer only where the topic has one for it
        level = "open" if found is None or found.rank is None else "mid"
        key = f"answer.topic.{topic}.first.{level}"
        return ctx.msg(key) if corner and ctx.msg.has(key) else ""
    level = "sterk" if found.rank == found.max_rank else "zwak"  # the same in every language
    key = f"answer.topic.{topic}.first.{level}"
    return ctx.msg(key) if ctx.msg.has(key) else ""


def _numbers(ctx: Ctx, key: tuple[RecItem, ...], items: list[RecItem]) -> str:
    """The numbers of ``items`` in the list of key recommendations ("3, 4 en 5")."""
    at = sorted({key.index(k) + 1 for k in items})
    return ctx.msg.join([str(n) for n in at])
