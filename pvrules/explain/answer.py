"""The kernboodschap: one paragraph that answers the case's question first.

Built from the decisions only, in this order:

1. the answer to the question: on the options on the table — a herindeling that
   the sources advise against ("Een herindeling is nu niet de aangewezen weg,
   omdat …"), an option they prefer, or, when they carry no preference, the
   trade-off per option and that the raad chooses; without options, the first
   key recommendation with its why;
2. the balance of the triangle as the knowledge base judged it;
3. the other key recommendations;
4. what to find out first, when the answer rests on unknowns.
"""

from __future__ import annotations

from pvrules.explain.basics import corner_label, in_sentence, lower_first
from pvrules.explain.ctxtypes import Ctx
from pvrules.explain.decisions_model import (
    CaseInfo,
    Decision,
    FindOut,
    OptionRow,
    RecItem,
    Triangle,
)

HERINDELING = "herindeling"
MAX_FIND_OUT = 3


def _target(ctx: Ctx, item: RecItem) -> str:
    label = _lower(item.label)
    return f"{label} {ctx.msg('word.for')} {item.target}" if item.target else label


_lower = lower_first
_in_sentence = in_sentence


def _strip(text: str) -> str:
    return text.rstrip(" .")


def _tradeoff(ctx: Ctx, row: OptionRow) -> str:
    option = _in_sentence(ctx, row.label)

    def named(sign: str) -> list[str]:
        return [ctx.msg("answer.corner", corner=corner_label(ctx, c).lower())
                for c, e in row.effects.items() if e.sign == sign]

    plus, minus, open_ = named("+"), named("-"), named("?")
    if plus and minus:
        text = ctx.msg("answer.tradeoff_both", option=option, plus=ctx.msg.join(plus),
                       minus=ctx.msg.join(minus))
    elif plus:
        text = ctx.msg("answer.tradeoff_plus", option=option, plus=ctx.msg.join(plus))
    elif minus:
        text = ctx.msg("answer.tradeoff_minus", option=option, minus=ctx.msg.join(minus))
    elif open_:
        return ctx.msg("answer.tradeoff_only_open", option=option, open=ctx.msg.join(open_))
    else:
        return ctx.msg("answer.tradeoff_neutral", option=option)
    if open_:  # what it does to a corner still depends on facts not yet known
        text += ctx.msg("answer.tradeoff_open", open=ctx.msg.join(open_))
    return text


def _against_why(ctx: Ctx, row: OptionRow) -> str:
    minus = [c for c, e in row.effects.items() if e.sign == "-"]
    if minus:
        return _strip(row.effects[minus[0]].reason)
    return ""


def _on_options(ctx: Ctx, decision: Decision, key: list[RecItem]) -> tuple[str, int, bool]:
    """The answer on the options on the table.

    Returns the text, how many key recommendations it names, and whether it advises.
    """
    rows = list(decision.options)
    merger = [r for r in rows if r.form == HERINDELING]
    preferred = None
    if decision.preference is not None:
        chosen = next((r for r in rows if r.id == decision.preference.option), None)
        label = chosen.label if chosen else decision.preference.option
        preferred = ctx.msg("answer.prefer", option=_in_sentence(ctx, label),
                            why=_lower(_strip(decision.preference.why)))
    if merger and all(r.preference == "advised_against" or
                      (decision.preference is not None and decision.preference.option != r.id)
                      for r in merger):
        why = _lower(_against_why(ctx, merger[0]))
        text = (ctx.msg("answer.merger_not_now", why=why) if why
                else ctx.msg("answer.merger_not_now_plain"))
        if preferred is not None:
            return f"{text} {preferred}", 0, True
        advise = ctx.msg.join([_target(ctx, k) for k in key[:2]])
        if advise:
            text += " " + ctx.msg("answer.we_advise", what=advise)
        return text, len(key[:2]), bool(advise)
    if preferred is not None:
        return preferred, 0, True
    trade = "; ".join(_tradeoff(ctx, r) for r in rows)
    chooses = ctx.msg(f"verb.chooses.{decision.chooser_kind}")
    open_merger = _merger_open(ctx, merger[0]) if merger else ""
    if open_merger:
        return (open_merger + " " + ctx.msg("answer.weigh", tradeoff=trade,
                                            chooser=decision.chooser, chooses=chooses)), 0, False
    return ctx.msg("answer.political",
                   options=ctx.msg.join([_in_sentence(ctx, r.label) for r in rows]),
                   tradeoff=trade, chooser=decision.chooser, chooses=chooses), 0, False


def _merger_open(ctx: Ctx, row: OptionRow) -> str:
    """Why a herindeling on the table cannot be called the way forward yet, or ``""``.

    From its first assessment against the criteria of the kader in force: a criterion
    it does not meet, and the criteria that are still unknown.
    """
    against = [c for c in row.criteria if c.score == "-"]
    unknown = [c for c in row.criteria if c.score == "?"]
    if not against and not unknown:
        return ""
    reasons = [ctx.msg("answer.criterion_against", criterion=_criterion_name(c.label),
                       reason=_lower(_strip(c.reason))) for c in against[:1]]
    if unknown:
        reasons.append(ctx.msg("answer.criteria_unknown",
                               criteria=ctx.msg.join([_criterion_name(c.label)
                                                      for c in unknown])))
    return ctx.msg("answer.merger_open", merger=_in_sentence(ctx, row.label),
                   why=ctx.msg.join(reasons))


def _criterion_name(label: str) -> str:
    """``draagvlak`` for "Draagvlak (lokaal-bestuurlijk, maatschappelijk, regionaal)".

    Also drops a kader suffix: "Duurzaamheid — kader 2013" is ``duurzaamheid``.
    """
    return _lower(label.split(" (", 1)[0].split(" — ", 1)[0])


def answer(ctx: Ctx, info: CaseInfo, tri: Triangle, key: tuple[RecItem, ...],
           against: tuple[RecItem, ...], options: tuple[Decision, ...],
           unknown: tuple[FindOut, ...]) -> str:
    """The kernboodschap (see the module docstring)."""
    msg = ctx.msg
    parts: list[str] = []
    rest = list(key)
    advised = False
    table = next((d for d in options if d.id == "bestuurlijke_toekomst" and d.options), None)
    if table is not None:
        text, used, advised = _on_options(ctx, table, rest)
        parts.append(text)
        rest = rest[used:]
    elif rest:
        first = rest.pop(0)
        why = f" {first.why}" if first.why else ""
        parts.append(msg("answer.first", what=_target(ctx, first)) + why)
        advised = True
    elif against:
        parts.append(msg("answer.against_only",
                         what=msg.join([_target(ctx, a) for a in against[:3]])))
    else:
        parts.append(msg("answer.too_little"))
    if tri.balance is not None:
        parts.append(msg("answer.balance", balance=tri.balance.label))
    if rest and not advised and table is None:
        parts.append(msg("answer.we_advise", what=msg.join([_target(ctx, k) for k in rest])))
    if unknown:
        parts.append(msg("answer.find_out",
                         what=msg.join([_lower(u.label) + (f" ({u.entity})" if u.entity else "")
                                        for u in unknown[:MAX_FIND_OUT]])))
    if not info.date_given:
        parts.append(msg("answer.no_date", date=info.date or ""))
    return " ".join(p.strip() for p in parts if p.strip())
