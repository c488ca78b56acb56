"""The answer on the options on the table, for the kernboodschap (:mod:`pvrules.explain.answer`).

What the sources prefer or advise against (with the source that carries it), the one
way left, what we advise whatever the choice, and who chooses between the options left
open.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from pvrules.explain.answer_fits import conditional
from pvrules.explain.answer_gates import asks_about_merger, direction, option_independent
from pvrules.explain.answer_parts import merger_open, points_of_attention
from pvrules.explain.answer_sentences import (
    DECISIVE,
    _action,
    _advise,
    _in_sentence,
    _lower,
    _strip,
    _with_same,
    in_sentences,
)
from pvrules.explain.answer_shows import in_case_terms, shows
from pvrules.explain.basics import DIRECTION_CHOSEN, corner_label, council
from pvrules.explain.chooser import number
from pvrules.explain.conclusion import leading
from pvrules.explain.conclusion_compare import gains
from pvrules.explain.ctxtypes import Ctx
from pvrules.explain.decisions_model import Decision, OptionRow, RecItem

HERINDELING = "herindeling"


class Opening(NamedTuple):
    """The parts of the answer on the options, said in the order :func:`answer` chooses."""

    verdict: str
    """What the sources prefer or advise against, and the one way left."""
    advice: str
    """What we advise besides the options (whatever the choice, or decisive)."""
    used: int
    """How many key recommendations ``advice`` names (a prefix of the key list)."""
    advised: bool
    closing: str
    """Who chooses between the options left open."""
    merger: str = ""
    """Why a herindeling on the table cannot be called the way yet."""
    decisive: bool = False
    """Whether ``advice`` is decisive (rule priority >= DECISIVE): said before the choice."""
    closing_first: str = ""
    """``closing`` in the words that open §1, when nothing else comes before it."""
    when: str = ""
    """When ``advice`` holds: ``now`` (whatever the choice, to do now: it answers first),
    ``before`` (it informs the choice: said with what decides it), else ``""``."""
    shown: str = ""
    """What the comparison of the options shows (:func:`~pvrules.explain.answer_shows.shows`):
    said instead of ``closing_first`` when nothing else answers before the choice."""

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
                full: tuple[RecItem, ...] = ()) -> Opening:
    """The answer on the options on the table.

    The preference the sources carry and which source carries it, what they advise
    against, or that the choice is political.

    Per-option effects stay in the options table (section 4). Returns the parts of the
    answer (:class:`Opening`); :func:`~pvrules.explain.answer.answer` orders them.
    ``known``: what §1 says besides (the balance, in words), so that a why it gives is not
    said again.
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
    if chosen is not None and _direction_chosen(ctx):
        parts.append(points_of_attention(ctx, decision, chosen, full or tuple(key)))
        return Opening(" ".join(parts), "", 0, True, "")
    open_rows = [r for r in rows if r.preference != "advised_against"]
    several = chosen is None and len(open_rows) > 1  # "welke optie u ook kiest" makes sense
    closing = open_merger = when = ""
    decisive = False
    said: set[str] = set()  # the reasons already given, per option in the same words
    if merger and all(r in against or (chosen is not None and r is not chosen) for r in merger):
        row = next((r for r in merger if r in against), merger[0])
        said.add(_reason_of(ctx, row))
        why = _lower(_why_against(ctx, row))
        # one merger on the table: the verdict is on its partner set, not on every merger
        # (another partner may still be explored; review 12, Veenoord)
        if len(merger) == 1:
            said_not = ctx.msg("answer.merger_not_now_one", why=why) if why else \
                ctx.msg("answer.merger_not_now_one_plain", option=_in_sentence(ctx, row.label))
        else:
            said_not = ctx.msg("answer.merger_not_now", why=why) if why else \
                ctx.msg("answer.merger_not_now_plain")
        parts.append(_with_source(said_not, _carried(ctx, row)))
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
    best = leading(ctx, decision) if chosen is None else None
    if best is not None:  # §6 finds it better on some corner, worse on none: say so first
        what = gains(ctx, best)  # no gain of its own (all 0): no "best", only less loss
        if what:  # what it does in this case, not the corners it is better for (§4's words)
            parts.insert(0, ctx.msg("answer.leads", option=best.label,
                                    what=in_case_terms(ctx, best, "+") or what))
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
            settling = _settling(ctx, merger[0], full or tuple(key)) if open_merger else set()
            prefix = _whatever(ctx, decision, firsts, settling) if several else ""
            when = "now" if prefix and prefix == ctx.msg("answer.now_prefix") else \
                "before" if prefix and prefix == ctx.msg("answer.before_choice") else ""
            advice = _advise(ctx, firsts, f"{' '.join(parts)} {known}", prefix)
            if prefix and when != "now":  # advice that fits some options only: conditional
                advice = _fitted(ctx, firsts, rest, when == "before",
                                 f"{' '.join(parts)} {known}") or advice
            before = ctx.msg("answer.before_choice") + ctx.msg("answer.we_advise")
            advice = advice.replace(before, ctx.msg("answer.before_choice_advise"), 1)
            used, advised = len(firsts), True
            decisive = bool(_decisive(key))
        if len(rest) > 1:
            steady = bool(direction(ctx, key))  # a direction whatever the option: no template
            kind = (("answer.choose_between_rest" if rejected else "answer.choose_between")
                    if steady else
                    ("answer.no_preference_rest" if rejected else "answer.no_preference"))
            closing = ctx.msg(kind,
                              n=number(ctx, len(rest)), chooser=_chooser(ctx, decision),
                              chooses=chooses)
    shown = shows(ctx, open_rows) if chosen is None and best is None and not parts else ""
    first = ctx.msg("answer.choose_open", n=number(ctx, len(open_rows)),
                    chooser=_chooser(ctx, decision),
                    chooses=ctx.msg(f"verb.chooses.{decision.chooser_kind}")) if closing else ""
    return Opening(" ".join(parts), advice, used, advised, closing, open_merger, decisive,
                   first, when, shown)


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


def _settling(ctx: Ctx, row: OptionRow, key: tuple[RecItem, ...]) -> set[tuple[str, object]]:
    """The key recommendations (item, target) that settle an unknown criterion of ``row``.

    Their outcome decides whether the herindeling is the way: input for the choice.
    """
    from pvrules.explain.answer_parts import criterion_name
    from pvrules.explain.answer_settles import settled_by

    unknown = [c for c in row.criteria if c.score == "?"]
    found = settled_by(ctx, row, unknown, key, lambda c: criterion_name(c.label), _action)
    return {(key[n - 1].item, key[n - 1].target_key) for ns in found.values() for n in ns}


def _whatever(ctx: Ctx, decision: Decision, firsts: list[RecItem],
              settling: set[tuple[str, object]] | None = None) -> str:
    """What goes before ``firsts`` when they hold for every option, else ``""``.

    A step that informs the choice is no advice "whatever the choice": "Vóór de keuze tussen
    de opties: " when its text says it comes before the decision (``answer.before_decision``,
    ``answer.before_choice_words``), nothing when it says so itself ("Pas daarna is een besluit
    over de vorm zinvol": ``answer.orders_itself``), "Nu al, los van de keuze …: " for a step
    to take now whatever the choice (``answer.now_words``); only else ``answer.whatever``
    ("Welke optie u ook kiest, "). A step that settles an unknown criterion of the
    herindeling on the table (``settling``) informs the choice too.
    """
    if firsts and all(option_independent(ctx, k) for k in firsts):
        if any((k.item, k.target_key) in (settling or set()) for k in firsts):
            return ctx.msg("answer.before_choice")  # its outcome decides the herindeling
        said = " ".join(f"{_action(ctx, k)} {k.action} {k.why} {in_sentences(ctx, k)}"
                        for k in firsts).lower()
        if _says(ctx, said, "answer.orders_itself"):
            return ""  # it says itself that the choice waits for it
        if _says(ctx, said, "answer.before_decision", "answer.before_choice_words"):
            return ctx.msg("answer.before_choice")  # "vóór de vormkeuze": not "whichever"
        if _says(ctx, said, "answer.now_words"):
            return ctx.msg("answer.now_prefix")
        return ctx.msg(f"answer.whatever.{decision.chooser_kind}")
    return ""


MARK = "\x01"


def _fitted(ctx: Ctx, firsts: list[RecItem], rows: list[OptionRow], before: bool,
            said: str) -> str:
    """``firsts`` said for the options they fit only (:mod:`~pvrules.explain.answer_fits`).

    ``""`` when they fit every option in ``rows``: the prefix of :func:`_whatever` stays.
    """
    if not conditional(ctx, firsts, rows, before):
        return ""
    text = _advise(ctx, firsts, said, MARK)
    plain = _lower(ctx.msg("answer.advice_opens").split("|")[0])
    said_by = conditional(ctx, firsts, rows, before)
    if said_by == ctx.msg("answer.fits_continues"):  # "…, voordat de samenwerking verder
        for clause in ctx.msg("answer.fits_continues_said").split("|"):  # gaat": said
            text = text.replace(clause, "", 1) if clause else text
    if f"{MARK}{plain} " in text:  # "Gaat de samenwerking door, dan adviseren wij …"
        return text.replace(f"{MARK}{plain}", said_by, 1)
    return text.replace(MARK, conditional(ctx, firsts, rows, before, plain=True), 1)


def _says(ctx: Ctx, text: str, *keys: str) -> bool:
    """Whether ``text`` (lower case) uses a phrase of one of the message lists ``keys``."""
    return any(m in text for k in keys for m in ctx.msg(k).split("|") if m)


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
