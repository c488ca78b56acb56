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
2. the balance of the triangle as the knowledge base judged it (a why that only repeats a
   corner's level is not said again after it);
3. what holds whatever the choice ("Welke optie u ook kiest, …"), then whether a
   herindeling on the table can be called the way yet (never the opening: it is no
   answer), the other parts of the question, and who chooses between the options left open;
4. what to find out first, when the answer rests on unknowns (merged per subject, ≤ 3).
"""

from __future__ import annotations

import dataclasses
import re

from pvrules.explain.answer_gates import (
    direction,
    flipping,
    glossed,
    option_independent,
    question_topics,
    recommended_items,
)
from pvrules.explain.answer_parts import (
    balance,
    dated_action,
    decides,
    echoes,
    find_out,
    levels,
    merger_open,
    named_action,
    open_partners,
    partner_roles,
    points_of_attention,
    unrepeated,
)
from pvrules.explain.answer_parts import per_task as task_forms
from pvrules.explain.basics import (
    DIRECTION_CHOSEN,
    PROPER_NAMES,
    best_firing,
    corner_label,
    council,
    in_sentence,
    lower_first,
)
from pvrules.explain.chooser import number
from pvrules.explain.ctxtypes import Ctx
from pvrules.explain.decisions_model import (
    AnalysisRow,
    CaseInfo,
    Decision,
    FindOut,
    OptionRow,
    RecItem,
    RouteStep,
    Triangle,
)
from pvrules.infer.result import FiringKey
from pvrules.messages import Messages

HERINDELING = "herindeling"
URGENT = 10
"""A key recommendation of at least this rule priority opens the kernboodschap."""
DECISIVE = 9
"""A key recommendation of at least this rule priority is stated before the raad's choice."""


def _target(ctx: Ctx, item: RecItem) -> str:
    label = _lower(item.label)
    return f"{label} {ctx.msg('word.for')} {item.target}" if item.target else label


def _targets(ctx: Ctx, items: list[RecItem]) -> str:
    """``items`` in one phrase; one recommendation for several targets is named once.

    "de regeling aanpassen aan de gewijzigde Wgr voor GR A en GR B".
    """
    groups: dict[str, list[RecItem]] = {}
    for k in items:
        groups.setdefault(k.item, []).append(k)
    phrases = []
    for group in groups.values():
        targets = [k.target for k in group if k.target]
        label = _lower(group[0].label)
        phrases.append(f"{label} {ctx.msg('word.for')} {ctx.msg.join(targets)}" if targets
                       else label)
    return ctx.msg.join(phrases)


MAX_NAMED = 2
"""At most this many key recommendations are named in §1; the rest are referred to."""


def _action(ctx: Ctx, item: RecItem) -> str:
    """What ``item`` asks, as a sentence saying what to do and who (catalogue ``action``).

    ``""`` when its catalogue item has none.
    """
    from pvrules.explain.selection import with_action

    return (item.action or with_action(ctx, item).action).strip()


def _actions(ctx: Ctx, items: list[RecItem], kind: str = "answer.we_advise") -> str:
    """``items`` (one per recommendation, several targets named once) in sentences.

    Each recommendation's action sentence ("Laat het college …"), with its targets in
    brackets; without an action the sentence of advice of its reasoning, else its label
    inside a sentence (``kind``: "Wij adviseren …").
    """
    groups: dict[str, list[RecItem]] = {}
    for k in items:
        groups.setdefault(k.item, []).append(k)
    out = []
    for group in groups.values():
        action = _action(ctx, group[0])
        targets = [k.target for k in group if k.target]
        advice = "" if action or len(group) > 1 else \
            in_sentences(ctx, dataclasses.replace(group[0], why=""))
        if advice:  # no action: its reasoning's own sentence of advice, not its label
            out.append(advice)
        elif not action:
            out.append(ctx.msg(kind, what=ctx.msg("answer.measure", label=group[0].label,
                                                  targets=_for(ctx, targets))))
        elif targets and group[0].target and group[0].target in action:  # names its task
            joined = action.replace(group[0].target, ctx.msg.join(targets), 1)
            out.append(joined if joined.endswith(".") else f"{joined}.")
        elif targets:
            out.append(f"{action.rstrip('.')} ({ctx.msg('word.for')} "
                       f"{ctx.msg.join(targets)}).")
        else:
            out.append(action if action.endswith(".") else f"{action}.")
    return " ".join(out)


def _for(ctx: Ctx, targets: list[str]) -> str:
    """" voor A en B" (the targets of a recommendation), or ``""``."""
    return f" {ctx.msg('word.for')} {ctx.msg.join(targets)}" if targets else ""


def _with_same(first: list[RecItem], rest: list[RecItem]) -> list[RecItem]:
    """``first`` and, from ``rest``, the same recommendations for other targets."""
    names = {k.item for k in first}
    return first + [k for k in rest if k.item in names and k not in first]


_lower = lower_first
_in_sentence = in_sentence


def _strip(text: str) -> str:
    return text.rstrip(" .")


_SENTENCES = re.compile(r"(?<=[.!?])\s+(?=[A-Z‘'(])")
ADVICE_SENTENCES = 2
SAME_WORDS = 5
"""A why whose first this many words the kernboodschap already said is not said again."""
"""At most this many sentences of a reasoning's advice, from its first "Wij adviseren"."""


def in_sentences(ctx: Ctx, item: RecItem) -> str:
    """``item`` said as its reasoning advises it, in sentences.

    The advice is taken from the text of the reasoning that gives the why (its first
    sentence that opens with one of the ``answer.advice_opens`` words, and the next);
    ``""`` when that text has none. The why goes before it only when it names the partner
    or collaboration the advice is about, or the advice leans on it ("haar"); a general
    finding ("De opgaven zijn onvoldoende expliciet gemaakt") is no answer, and the
    recommendation right below gives it.
    """
    if item.uncertain and item.action and item.why.startswith(item.action):
        return item.why  # the check of uncertain facts: the measure itself waits for it
    best = best_firing(ctx, item.firings)
    steps = ctx.builder.steps_for([best]) if best is not None else ()
    text = " ".join(steps[-1].text.split()) if steps else ""
    opens = tuple(w for w in ctx.msg("answer.advice_opens").split("|") if w)
    sentences = _SENTENCES.split(text)
    at = next((i for i, t in enumerate(sentences) if t.startswith(opens)), None)
    if at is None:
        return ""
    advice = " ".join(sentences[at:at + ADVICE_SENTENCES])
    why = item.why if at > 0 and (_names_one(ctx, item.why)
                                   or _refers_back(ctx, sentences[at])) else ""
    said = f"{why} {advice}".strip()
    return f"{said} {_same_for(ctx, item, best, said)}".strip()


def _refers_back(ctx: Ctx, advice: str) -> bool:
    """Whether ``advice`` leans on the sentence before it ("wij adviseren haar …")."""
    words = "|".join(re.escape(w) for w in ctx.msg("answer.back_words").split("|") if w)
    return bool(words) and re.search(rf"\b(?:{words})\b", advice.lower()) is not None


def _names_one(ctx: Ctx, text: str) -> bool:
    """Whether ``text`` names a partner or a collaboration (what an advice is about)."""
    return any(e.name in text for e in ctx.result.case.all_entities()
               if e.key[0] in PROPER_NAMES and e.name)


def _same_for(ctx: Ctx, item: RecItem, best: FiringKey | None, said: str) -> str:
    """"Hetzelfde geldt voor B." when the same rule concludes ``item`` for others too.

    The reasoning's text names the entity of one firing; a recommendation for several
    targets (one line, "voor A en B") must not read as if it concerned only A.
    """
    if best is None:
        return ""
    names = {e.key: e.name for e in ctx.result.case.all_entities()}
    others = [names[f[1]] for f in item.firings if f[0] == best[0] and f[1] is not None
              and f[1] != best[1] and f[1] in names and names[f[1]] not in said]
    others = list(dict.fromkeys(others))
    own = names.get(best[1]) if best[1] is not None else None
    if others and own is not None and own not in said:  # the advice does not name its own
        return ctx.msg("answer.applies_to", targets=ctx.msg.join([own, *others]))
    return ctx.msg("answer.same_for", targets=ctx.msg.join(others)) if others else ""


def asks_about_merger(ctx: Ctx) -> bool:
    """Whether the case's question is about a herindeling (words of ``answer.merger_words``)."""
    question = (ctx.result.case.meta.vraag or "").lower()
    words = [w for lang in ("nl", "en") for w in
             Messages(lang)("answer.merger_words").split("|") if w]
    return any(w in question for w in words)


def _why_against(ctx: Ctx, row: OptionRow) -> str:
    """Why the sources advise against ``row``.

    Its ``prefer: false`` explanation, else its first negative effect.
    """
    if row.preference_why:
        return _strip(row.preference_why)
    minus = [c for c, e in row.effects.items() if e.sign == "-"]
    return _strip(row.effects[minus[0]].reason) if minus else ""


def _reason_of(ctx: Ctx, row: OptionRow) -> str:
    """Why ``row`` is advised against, with its own name left out (to compare reasons)."""
    return _why_against(ctx, row).lower().replace(row.label.lower(), "{}")


def _carried(ctx: Ctx, row: OptionRow) -> tuple[str, str]:
    """The source that carries a preference: (its clause, its name), or ``("", "")``.

    The clause reads `` (zie <source>)``: a citation, which also suits a norm or a law.
    """
    if not row.preference_source:
        return "", ""
    name = row.preference_source.rsplit(" [", 1)[0].split(" (", 1)[0]
    return ctx.msg("answer.carried_by", source=row.preference_source), name


def _with_source(text: str, carried: tuple[str, str]) -> str:
    """``text`` (one sentence) with the source that carries it before its full stop.

    When the sentence already names the source (its name, or its year: "het kader van
    2018", "the 2018 framework"), only its number is added.
    """
    said, name = carried
    if not said:
        return text
    year = re.search(r"\b(1[89]|20)\d\d\b", name)
    if (name and name in text) or (year and year.group(0) in text):  # it names it already
        found = re.findall(r"\[[^\]]*\]", said)
        number = found[-1] if found else ""
        return f"{text.rstrip('.')} {number}."
    return f"{text.rstrip('.')}{said}."


def _on_options(ctx: Ctx, decision: Decision, key: list[RecItem], known: str = "",
                full: tuple[RecItem, ...] = ()) -> tuple[str, str, int, bool, str]:
    """The answer on the options on the table.

    The preference the sources carry and which source carries it, what they advise
    against, or that the choice is political.

    Per-option effects stay in the options table (section 4). Returns the answer, what we
    advise whatever the choice (said after the balance of the triangle), how many key
    recommendations that names, whether it advises, and the closing sentence on who
    chooses (said after the other parts of the question). ``known``: what §1 says besides
    (the balance, in words), so that a why it gives is not said again.
    """
    rows = list(decision.options)
    merger = [r for r in rows if r.form == HERINDELING]
    chosen = next((r for r in rows if decision.preference is not None
                   and r.id == decision.preference.option), None)
    against = [r for r in rows if r.preference == "advised_against"]
    parts: list[str] = []
    advised = False
    used = 0
    advice = ""
    if chosen is not None and chosen.form == HERINDELING and _direction_chosen(ctx):
        parts.append(points_of_attention(ctx, decision, chosen))
        return " ".join(parts), "", 0, True, ""
    open_rows = [r for r in rows if r.preference != "advised_against"]
    several = chosen is None and len(open_rows) > 1  # "welke optie u ook kiest" makes sense
    closing = ""
    said: set[str] = set()  # the reasons already given, per option in the same words
    if merger and all(r in against or (chosen is not None and r is not chosen) for r in merger):
        row = next((r for r in merger if r in against), merger[0])
        said.add(_reason_of(ctx, row))
        why = _lower(_why_against(ctx, row))
        parts.append(_with_source(ctx.msg("answer.merger_not_now", why=why) if why
                                  else ctx.msg("answer.merger_not_now_plain"),
                                  _carried(ctx, row)))
        against = [r for r in against if r not in merger]
    if chosen is not None:
        parts.append(_with_source(
            ctx.msg("answer.prefer", option=_in_sentence(ctx, chosen.label),
                    why=_lower(_strip(decision.preference.why if decision.preference else ""))),
            _carried(ctx, chosen)))
        advised = True
    for row in against:
        why = _lower(_why_against(ctx, row))
        if why and _reason_of(ctx, row) in said:  # "bij de optie X …" once, not per option
            parts.append(ctx.msg("answer.option_against_same", option=row.label))
            continue
        said.add(_reason_of(ctx, row))
        parts.append(_with_source(
            ctx.msg("answer.option_against" if why else "answer.option_against_plain",
                    option=row.label, why=_upper(why)), _carried(ctx, row)))
    if chosen is None:
        chooses = ctx.msg(f"verb.chooses.{decision.chooser_kind}")
        rest = [r for r in rows if r.preference != "advised_against"]
        rejected = len(rows) - len(rest)
        if rejected and len(rest) == 1:  # all but one advised against
            costs = [_lower(corner_label(ctx, c)) for c, e in rest[0].effects.items()
                     if e.sign == "-"]  # the way left costs a corner: a bridge, not an end
            parts.append(ctx.msg("answer.remains_costly" if costs else "answer.remains",
                                 option=rest[0].label, corners=ctx.msg.join(costs)))
        open_merger = merger_open(ctx, merger[0], full or tuple(key), _action) \
            if merger and merger[0] in rest and asks_about_merger(ctx) else ""
        if key:  # the answer first; what holds whatever the raad chooses after it
            firsts = _firsts(ctx, key)
            advice = _advise(ctx, firsts, f"{' '.join(parts)} {known}",
                             _whatever(ctx, decision, firsts) if several else "")
            used, advised = len(firsts), True
        if open_merger:  # what is still open, after what holds whatever the choice
            advice = f"{advice} {open_merger}".strip()
        if len(rest) > 1:
            steady = bool(direction(ctx, key))  # a direction whatever the option: no template
            kind = (("answer.choose_between_rest" if rejected else "answer.choose_between")
                    if steady else
                    ("answer.no_preference_rest" if rejected else "answer.no_preference"))
            closing = ctx.msg(kind,
                              n=number(ctx, len(rest)), chooser=_chooser(ctx, decision),
                              chooses=chooses)
    return " ".join(parts), advice, used, advised, closing


def _firsts(ctx: Ctx, key: list[RecItem]) -> list[RecItem]:
    """What §1 advises first beside the options: the decisive recommendations (<= 2).

    Without one, the first key recommendations (<= 2, of equal rule priority) that hold
    whatever option is chosen (:func:`~pvrules.explain.answer_gates.option_independent`),
    else the first.
    """
    steady = direction(ctx, key)
    if _decisive(key) or not steady:
        return _decisive(key) or _grouped(key[:1], key)
    same = [k for k in steady[:2] if k.rank[:1] == steady[0].rank[:1]]  # equal priority
    return _with_same(same, key[key.index(same[-1]) + 1:])


def _whatever(ctx: Ctx, decision: Decision, firsts: list[RecItem]) -> str:
    """``answer.whatever`` ("Welke optie u ook kiest, ") when ``firsts`` hold for every option."""
    if firsts and all(option_independent(ctx, k) for k in firsts):
        return ctx.msg(f"answer.whatever.{decision.chooser_kind}")
    return ""


def _prefixed(ctx: Ctx, text: str, prefix: str) -> str:
    """``text`` with ``prefix`` before its first sentence of advice ("Wij adviseren …")."""
    if not prefix:
        return text
    opens = [w for w in ctx.msg("answer.advice_opens").split("|") if w]
    at = min((i for i in (text.find(w) for w in opens) if i >= 0), default=-1)
    if at < 0:  # an action sentence ("Laat het college …"): the prefix opens it
        return f"{prefix}{_lower(text)}" if text else text
    return f"{text[:at]}{prefix}{_lower(text[at:])}"


def _advise(ctx: Ctx, firsts: list[RecItem], before: str = "", prefix: str = "") -> str:
    """What we advise first, in sentences (see :func:`in_sentences`).

    The first recommendation in sentence form, the others of ``firsts`` named after it;
    without a sentence of advice in its reasoning, ``answer.decisive`` names them all.
    When ``before`` (the kernboodschap so far) already gives its why, it is named only.
    ``prefix`` ("Welke optie u ook kiest, ") goes before the first sentence of advice.
    """
    return _prefixed(ctx, _advised(ctx, firsts, before), prefix)


def _advised(ctx: Ctx, firsts: list[RecItem], before: str = "") -> str:
    if not firsts:
        return ""
    why = _strip(firsts[0].why).lower()
    opening = " ".join(why.split()[:SAME_WORDS])
    if why and (why in before.lower() or (len(why.split()) > SAME_WORDS
                                          and opening in before.lower())):
        # its why is said already: its advice alone, when that names what it is about
        advice = in_sentences(ctx, dataclasses.replace(firsts[0], why=""))
        plain = ctx.msg("answer.advice_opens").split("|")[0]
        if advice.startswith(plain) and len(firsts) == 1:
            return advice
        return _actions(ctx, firsts)
    said = in_sentences(ctx, firsts[0])
    if not said:
        first = firsts[0]
        decisive = bool(first.rank) and -first.rank[0] >= DECISIVE
        if _action(ctx, first):
            why = first.why
            if first.action and why.startswith(first.action):  # a check carries its action
                why = why[len(first.action):].strip()
            return f"{_actions(ctx, firsts)} {why}".strip()
        return ctx.msg("answer.decisive" if decisive else "answer.advise_why",
                       what=_targets(ctx, firsts), why=first.why).strip()
    others = [k for k in firsts[1:] if k.item != firsts[0].item]
    if others:
        said += " " + _actions(ctx, others, "answer.also")
    return said


def _chooser(ctx: Ctx, decision: Decision) -> str:
    """Who chooses, by name when several raden choose ("de raden van A, B en C")."""
    return council(ctx) if decision.chooser_kind == "gemeenten" else decision.chooser


def _decisive(key: list[RecItem]) -> list[RecItem]:
    """The first key recommendations (≤ 2) of rule priority >= ``DECISIVE``.

    With the same recommendations for other targets right after them (a prefix of ``key``).
    """
    return _grouped([k for k in key[:2] if k.rank and -k.rank[0] >= DECISIVE], key)


def _grouped(first: list[RecItem], key: list[RecItem]) -> list[RecItem]:
    """``first`` (a prefix of ``key``) with the same recommendations for other targets.

    Still a prefix of ``key``: the caller drops what it names.
    """
    out = _with_same(first, key)
    while len(out) > len(first) and out != key[:len(out)]:
        out.pop()
    return out


def _upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def _direction_chosen(ctx: Ctx) -> bool:
    from pvrules.validate.case import CASE_KEY

    return ctx.result.value(CASE_KEY, DIRECTION_CHOSEN) is True


def answer(ctx: Ctx, info: CaseInfo, tri: Triangle, key: tuple[RecItem, ...],
           against: tuple[RecItem, ...], options: tuple[Decision, ...],
           unknown: tuple[FindOut, ...], tasks: tuple[AnalysisRow, ...] = (),
           steps: tuple[RouteStep, ...] = ()) -> str:
    """The kernboodschap (module docstring); ``steps``: the route, for what comes first."""
    msg = ctx.msg
    parts: list[str] = []
    rest = list(key)
    advised = False
    closing = ""
    table = next((d for d in options if d.id == "bestuurlijke_toekomst" and d.options), None)
    urgent = [k for k in rest if k.rank and -k.rank[0] >= URGENT]
    named = 0
    said: set[int] = set()  # the positions in key of what the paragraph names
    for k in urgent[:1]:  # a deadline within weeks comes before anything else
        parts.append(msg("answer.urgent", what=_target(ctx, k), why=_strip(k.why)))
        rest.remove(k)
        named += 1
        said.add(key.index(k))
    weighed = balance(ctx, tri) if tri.balance is not None else ""
    known = f"{weighed} {levels(ctx, tri)}" if weighed else ""
    if table is not None:
        text, advice, used, advised, closing = _on_options(ctx, table, rest, known, key)
        parts += [text, weighed, advice]  # the answer, the balance, what holds whatever
        named += len({k.item for k in rest[:used]})
        said.update(key.index(k) for k in rest[:used])
        rest = rest[used:]
    elif rest:
        firsts = _decisive(rest) or _grouped(rest[:1], rest)  # else the first
        said.update(key.index(k) for k in firsts)
        del rest[:len(firsts)]
        parts += [_advise(ctx, firsts, " ".join(parts)), weighed]
        named += len({k.item for k in firsts})
        advised = True
    elif against:
        parts += [msg("answer.against_only",
                      what=msg.join([_target(ctx, a) for a in against[:3]])), weighed]
    else:
        parts += [msg("answer.too_little"), weighed]
    per_task = task_forms(ctx, tasks)
    if per_task:
        parts.append(per_task)
    parts.extend(_topics(ctx, key, " ".join(parts), MAX_NAMED - named))
    if closing and table is not None:  # a choice left open: what decides it, if not known
        left = [r for r in table.options if r.preference != "advised_against"]
        partners = open_partners(ctx, left) \
            if not table.chooser_kind.startswith("provincie") else []
        what, after = decides(ctx, key, partners, " ".join(parts), dated_action(steps))
        roles = partner_roles(ctx, left, partners, after, what)
        closing = f"{closing} {what} {roles}".strip()
    parts.append(closing)
    if rest and not advised and table is None:
        parts.append(_actions(ctx, rest[:max(MAX_NAMED - named, 1)]))
    text = " ".join(parts).lower()
    said.update(i for i, k in enumerate(key) if _lower(k.label).lower() in text
                or (_action(ctx, k) and _lower(_action(ctx, k))[:40].lower() in text))
    flips = flipping(ctx, unknown, key, options, named=frozenset(said),
                     options=not _direction_chosen(ctx))
    if flips:
        parts.append(find_out(ctx, flips, table))
    if not info.date_given:
        parts.append(msg("answer.no_date", date=info.date or ""))
    return glossed(ctx, [unrepeated(ctx, " ".join(p.strip() for p in parts if p.strip()),
                                    key, _action)], options)[0]


def _topics(ctx: Ctx, key: tuple[RecItem, ...], said: str, budget: int = MAX_NAMED
            ) -> list[str]:
    """One sentence per further part of the question (``answer.topics``).

    The key recommendations that answer it and that §1 has not named yet: while fewer
    than :data:`MAX_NAMED` are named, the first in words (the first sentence of its action,
    after the topic's ``intro``), the rest by number ("meer in de aanbevelingen 3 en 4
    hieronder"); else all by number ("zie de aanbevelingen 3 en 4 hieronder"). "staat in
    hoofdstuk 5" when only further measures answer it; that the advice does not answer it
    when nothing does.
    """
    out = []
    recommended = recommended_items(ctx)
    for topic, items in question_topics(ctx):
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
            text = ctx.msg("answer.topic_labels", intro=intro, what=joined, refs=refs)
            if echoes(joined, intro):  # "Voor de sturing …: sturingscapaciteit voor …"
                text = ctx.msg("answer.topic_refer" if len(labels) > 1 else
                               "answer.topic_refer_one", intro=intro, numbers=numbers)
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
        elif fresh:
            out.append(ctx.msg("answer.topic_refer" if len(fresh) > 1 else
                               "answer.topic_refer_one", intro=intro,
                               numbers=_numbers(ctx, key, fresh)))
        elif not answering:
            kind = "later" if items & recommended else "none"
            out.append(ctx.msg(f"answer.topic.{topic}.{kind}", council=council(ctx)))
    return out


def _numbers(ctx: Ctx, key: tuple[RecItem, ...], items: list[RecItem]) -> str:
    """The numbers of ``items`` in the list of key recommendations ("3, 4 en 5")."""
    at = sorted({key.index(k) + 1 for k in items})
    return ctx.msg.join([str(n) for n in at])
