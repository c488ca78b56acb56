"""§6 after a choice the raden made: what the chosen course asks, and where its risks lie.

"De keuze is gemaakt" alone, then "voer de kernaanbeveling uit", does not weigh anything. When
the case says the direction is chosen (``richting_gekozen``) and one option is that choice,
§6 says, after the choice:

1. what the course asks now: the themes of the key recommendations of §1 (the catalogue
   property ``theme``, else the label), in their order;
2. where the risks lie: the option's own risks (a rule concluded them from a fact beyond the
   option's form) in the words of their ``risk_that`` property ("dat …"); without those, the
   risks every option of that form has, by label;
3. which criteria of the policy framework cannot be judged yet (``?`` in §4).

Each part is left out when the case gives nothing for it.
"""

from __future__ import annotations

from pvrules.explain.basics import item_properties, lower_first
from pvrules.explain.ctxtypes import Ctx
from pvrules.explain.decisions_model import Decision, OptionRow, RecItem

THEME = "theme"
RISK_THAT = "risk_that"
"""Risk catalogue property: the risk as a clause after "dat" (what can go wrong)."""
ASPECT = "aspect"
"""Risk catalogue property: a trade-off every option has (costs, reversibility): no risk."""
FORM_FACT = "optievorm"
OPTION = "optie"
UNKNOWN = "?"


def _text(value: object, lang: str) -> str:
    getter = getattr(value, "get", None)
    return str(getter(lang) or "") if getter is not None else ""


def _asks(ctx: Ctx, keys: tuple[RecItem, ...]) -> str:
    """"Die koers vraagt nu besluiten over de regelingen, de financiën en …"."""
    themes: list[str] = []
    for item in keys:
        theme = _text(item_properties(ctx, item.item).get(THEME), ctx.lang) or item.label
        theme = lower_first(theme)
        if theme not in themes:
            themes.append(theme)
    return ctx.msg("conclusion.chosen_asks", what=ctx.msg.join(themes)) if themes else ""


def _own(ctx: Ctx, row: OptionRow, risk: str) -> bool:
    """Whether a rule concluded ``risk`` for ``row`` from a fact beyond the option's form."""
    return any(fact != FORM_FACT
               for f in ctx.result.firings
               if any(c.kind == "risk" and c.name == risk and c.target == (OPTION, row.id)
                      for c in f.conclusions)
               for _key, fact, _value in f.matched)


def _risks(ctx: Ctx, row: OptionRow) -> str:
    """The option's own risks ("Het grootste risico is dat …"), else those of its form."""
    own: list[str] = []
    common: list[str] = []
    for risk in row.risks:
        props = item_properties(ctx, risk.id)
        if ASPECT in props:
            continue
        that = _text(props.get(RISK_THAT), ctx.lang)
        if that and _own(ctx, row, risk.id):
            own.append(that)
        elif not _own(ctx, row, risk.id):
            common.extend(p.strip() for p in (risk.inline or lower_first(risk.label)).split(";")
                          if p.strip())
    out: list[str] = []
    if own:
        kind = "conclusion.chosen_risk_one" if len(own) == 1 else "conclusion.chosen_risks"
        out.append(ctx.msg(kind, risks=ctx.msg("conclusion.chosen_and_that").join(own)))
    if common and not own:  # the risks of every such option only when it has none of its own
        out.append(ctx.msg("conclusion.chosen_common_only", risks=ctx.msg.join(common)))
    return " ".join(out)


def _open_criteria(ctx: Ctx, row: OptionRow) -> str:
    """"Nog niet te beoordelen zijn …": the criteria §4 scores ``?``."""
    names = [lower_first(c.label.split(" — ", 1)[0].strip()) for c in row.criteria
             if c.score == UNKNOWN]
    if not names:
        return ""
    kind = "conclusion.chosen_open_one" if len(names) == 1 else "conclusion.chosen_open"
    return ctx.msg(kind, criteria=ctx.msg.join(names))


def chosen_course(ctx: Ctx, decision: Decision, keys: tuple[RecItem, ...]) -> str:
    """What the chosen option asks and risks, in up to three sentences, or ``""``.

    Only when the case says the direction is chosen and the decision prefers one option.
    """
    if decision.preference is None:
        return ""
    row = next((r for r in decision.options if r.id == decision.preference.option), None)
    if row is None:
        return ""
    parts = (_asks(ctx, keys), _risks(ctx, row), _open_criteria(ctx, row))
    return " ".join(p for p in parts if p)
