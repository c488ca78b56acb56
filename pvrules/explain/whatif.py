"""What would change it: the smallest changes of input facts that flip a recommendation.

:func:`what_if` runs the search of :mod:`pvrules.explain.whatif_search` and
phrases its answers for a board member: each scenario with the rules about
the target that start or stop applying and the other recommendations that
change with it; and when no change of one or two facts is enough, the rules
that block and the facts they still need. No timing is reported: two runs give
the same answer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pvrules.explain.blockers import Blocker, because, fact_blockers, item_blockers, keepers
from pvrules.explain.context import ExplainContext
from pvrules.explain.phrasing import Change
from pvrules.explain.scoring import item_status
from pvrules.explain.whatif_search import Goal, WhatIfSearch, uses_levers
from pvrules.infer.engine import Engine
from pvrules.infer.result import FiringKey, Result
from pvrules.validate.case import Case, EntityKey

__all__ = ["Goal", "Scenario", "WhatIf", "item_status", "what_if"]


@dataclass(frozen=True)
class Scenario:
    """A set of changes that achieves the goal."""

    size: int
    cost: float
    changes: tuple[Change, ...]
    sentence: str
    set_args: tuple[str, ...]
    confirmed: bool
    side_effects: tuple[str, ...]
    """Other recommendations whose status changes too."""
    because: tuple[str, ...] = ()
    """The rules about the target that would start or stop applying."""


@dataclass(frozen=True)
class WhatIf:
    """The smallest changes that make a recommendation appear or disappear."""

    lang: str
    kind: str
    name: str
    label: str
    target: str | None
    target_key: EntityKey
    now: str
    goal: str
    summary: str
    scenarios: tuple[Scenario, ...]
    facts_considered: int
    variants_evaluated: int
    complete: bool
    levers_only: bool = False
    """Whether only policy levers were varied (``--all-facts`` varies every fact)."""
    blockers: tuple[Blocker, ...] = ()
    """When nothing is enough: the rules that block and the facts they need."""


def what_if(ctx: ExplainContext, case: Case, goal: Goal, *, confirm: Engine | None = None,
            max_size: int = 2, limit: int = 5, all_facts: bool = False) -> WhatIf:
    """The smallest changes of input facts of ``case`` that achieve ``goal``.

    Args:
        ctx: the context of the case's result (with ``confirm`` when given).
        case: the case as given.
        goal: what should change (see :class:`Goal`).
        confirm: the configured engine, to confirm every answer on the whole base.
        max_size: the most facts changed together.
        limit: how many answers of each size.
        all_facts: vary every input fact, not only the policy levers.
    """
    kb, base = ctx.kb, ctx.result
    search = WhatIfSearch(kb, case, goal, confirm=confirm, all_facts=all_facts,
                          domains=ctx.domains)
    found, complete, considered = search.search(max_size=max_size, limit=limit)
    scenarios = confirmed(ctx, search, found, goal, lambda res: _because(ctx, res, goal))
    if goal.kind == "item":
        label = kb.item(goal.name).label.get(ctx.lang)
        now = item_status(kb, base, goal.name, goal.target)
    else:
        label = kb.vocab.facts[goal.name].label.get(ctx.lang)
        now = ctx.say.value(goal.name, base.value(goal.target, goal.name))
    ent = ctx.say.entity(goal.target)
    what = label + (f" ({ent})" if ent else "")
    levers = not all_facts and uses_levers(kb)
    blockers: list[Blocker] = []
    if not scenarios:
        if goal.kind == "item" and goal.want == "appear":
            blockers = item_blockers(ctx, goal.name, goal.target)
        elif goal.kind == "item":
            blockers = keepers(ctx, goal.name, goal.target)
        elif goal.kind == "fact":
            blockers = fact_blockers(ctx, goal.name,
                                     goal.value if goal.want == "value" else None, goal.target)
    summary = _summary(ctx, what, goal, now, scenarios, max_size, blockers, levers)
    return WhatIf(ctx.lang, goal.kind, goal.name, label, ent, goal.target, now, goal.want,
                  summary, tuple(scenarios), considered, search.evaluated, complete, levers,
                  tuple(blockers))


def _summary(ctx: ExplainContext, what: str, goal: Goal, now: str,
             scenarios: list[Scenario], max_size: int, blockers: list[Blocker],
             levers: bool) -> str:
    msg = ctx.msg
    if goal.kind == "item":
        state = msg(f"status.{now}")
        text = msg(f"whatif.item_{goal.want}", what=what, state=state)
    else:
        wanted = ctx.say.value(goal.name, goal.value) if goal.want == "value" else None
        text = (msg("whatif.fact_value", what=what, now=now, wanted=wanted) if wanted
                else msg("whatif.fact_change", what=what, now=now))
    if scenarios:
        return text
    text += " " + msg("whatif.none_one" if max_size == 1 else "whatif.none_two")
    if levers:
        text += " " + msg("whatif.levers_only")
    if blockers and goal.kind == "item" and goal.want == "disappear":
        text += " " + msg("whatif.kept", keepers=_kept(ctx, blockers))
    elif blockers:
        text += " " + msg("whatif.blocked", blockers=because(ctx, blockers, main=True))
    return text


def _kept(ctx: ExplainContext, keepers: list[Blocker]) -> str:
    """``'X' rust op A: laag en B: ja (A is een omstandigheid)`` for each rule that keeps it."""
    parts = []
    for k in keepers:
        name = f"'{k.title}'" + (f" ({k.entity})" if k.entity else "")
        text = ctx.msg("whatif.rests_on", name=name, facts=ctx.msg.join(list(k.needs)))
        if k.unknown:
            text += ctx.msg("whatif.circumstance_many" if len(k.unknown) > 1
                            else "whatif.circumstance_one", facts=ctx.msg.join(list(k.unknown)))
        parts.append(text)
    return "; ".join(parts)


def _status_of(ctx: ExplainContext, result: Result, goal: Goal) -> set[FiringKey]:
    out: set[FiringKey] = set()
    for firing in result.firings:
        for concl in firing.conclusions:
            if concl.name == goal.name and concl.target == goal.target and \
                    (goal.kind == "item") == (concl.kind in ("recommend", "against")):
                out.add(firing.key)
    return out


def confirmed(ctx: ExplainContext, search: WhatIfSearch, found: Sequence[tuple[float, Any]],
              goal: Goal, why_of: Callable[[Result], tuple[str, ...]]) -> list[Scenario]:
    """Each answer ``found`` by ``search``, confirmed on the whole base and put in words.

    ``why_of`` says which rules about the goal start or stop applying after the change.
    """
    out = []
    for cost, changes in found:
        ok, res = search.confirm(changes)
        views = tuple(ctx.say.change(s, v, search.domains) for s, v in changes.items())
        effects = _side_effects(ctx, res, goal) if res is not None else ()
        why = why_of(res) if res is not None else ()
        out.append(Scenario(len(changes), round(cost, 2), views, ctx.say.changes_sentence(views),
                            tuple(c.set_arg for c in views), ok, effects, why))
    return out


def _because(ctx: ExplainContext, after: Result, goal: Goal) -> tuple[str, ...]:
    """Which rules about the goal start or stop applying, as sentences."""
    before, now = _status_of(ctx, ctx.result, goal), _status_of(ctx, after, goal)
    say = ctx.with_result(after).say
    lines = []
    for key, started in sorted([(k, True) for k in now - before]
                               + [(k, False) for k in before - now], key=repr):
        rule_id, focus = key
        title = ctx.kb.entries[rule_id].spec.title.get(ctx.lang)
        ent = say.entity(focus) if focus is not None and focus != goal.target else None
        name = f"'{title}'" + (f" ({ent})" if ent else "")
        lines.append(ctx.msg("whatif.starts" if started else "whatif.stops", name=name))
    return tuple(lines)


def _side_effects(ctx: ExplainContext, after: Result, goal: Goal) -> tuple[str, ...]:
    kb, base = ctx.kb, ctx.result
    out = []
    pairs = {(c.name, c.target) for r in (base, after) for f in r.firings
             for c in f.conclusions if c.kind in ("recommend", "against")}
    for item, target in sorted(pairs):
        if goal.kind == "item" and (item, target) == (goal.name, goal.target):
            continue
        old = item_status(kb, base, item, target)
        new = item_status(kb, after, item, target)
        if old != new:
            ent = ctx.say.entity(target)
            what = kb.item(item).label.get(ctx.lang) + (f" ({ent})" if ent else "")
            out.append(f"{what}: {ctx.msg(f'status.{old}')} → {ctx.msg(f'status.{new}')}")
    return tuple(out)
