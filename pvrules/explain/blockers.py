"""What stands in the way: the rules that block a change, and the facts they still need.

Used by ``diff`` (why the advice does not change after ``--set``) and by
``whatif`` (when no change of one or two facts is enough). A blocker names the
rule by its title, never by id, and the facts it still needs in plain words.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pvrules.compile.ir import CASE, CompiledRule, Derive, Known, Recommend
from pvrules.explain.blame import BlameNode, blame
from pvrules.explain.context import ExplainContext
from pvrules.infer.kleene import evaluate
from pvrules.validate.case import CASE_KEY, EntityKey

MAX_BLOCKERS = 3


@dataclass(frozen=True)
class Blocker:
    """A rule that does not apply, and what it still needs."""

    rule_id: str
    title: str
    entity: str | None
    needs: tuple[str, ...]
    """What must hold, in people's words (one entry per part of the condition)."""
    unknown: tuple[str, ...]
    """The facts it needs that the case does not give."""
    size: int
    """How many tests fail (smaller: closer to applying)."""
    facts: tuple[str, ...] = ()
    """The ids of the facts whose tests fail."""


def _name(ctx: ExplainContext, slot: tuple[EntityKey, str], focus: EntityKey | None) -> str:
    """A fact's name; without the entity when it is the blocker's own entity."""
    if slot[0] == focus:
        return ctx.kb.vocab.facts[slot[1]].label.get(ctx.lang)
    return ctx.say.fact(slot)


def _needs(ctx: ExplainContext, node: BlameNode, focus: EntityKey | None = None) -> list[str]:
    say = ctx.say
    if node.failure is not None:
        fail = node.failure
        if isinstance(fail.leaf, Known):
            return [ctx.msg("needs.known" if fail.leaf.known else "needs.unknown",
                            fact=_name(ctx, fail.slot, focus))]
        return [f"{_name(ctx, fail.slot, focus)} {say.test(fail.leaf)}"]
    if node.kind == "empty":
        ent = ctx.kb.vocab.entities[node.entity or ""]
        return [ctx.msg("needs.some", label=ent.label.get(ctx.lang).lower())]
    if node.kind == "never":
        return []
    parts = [p for child in node.children for p in _needs(ctx, child, focus)]
    if node.kind == "any" and len(parts) > 1:
        return [ctx.msg.join_or(parts)]
    return parts


def blocker(ctx: ExplainContext, rule: CompiledRule, focus: EntityKey | None
            ) -> Blocker | None:
    """What ``rule`` still needs for ``focus``; ``None`` when it applies."""
    env: dict[str, EntityKey] = {CASE: CASE_KEY}
    if rule.focus is not None and focus is not None:
        env[rule.focus] = focus
    found = blame(rule.condition, env, ctx.result.values, ctx.entities)
    if found is None:
        return None
    fails = found.failures()
    unknown = tuple(dict.fromkeys(_name(ctx, f.slot, focus) for f in fails
                                  if f.actual is None and not isinstance(f.leaf, Known)))
    title = ctx.kb.entries[rule.id].spec.title.get(ctx.lang)
    return Blocker(rule.id, title, ctx.say.entity(focus), tuple(_needs(ctx, found, focus)),
                   unknown,
                   len(fails), tuple(dict.fromkeys(f.slot[1] for f in fails)))


def _foci(ctx: ExplainContext, rule: CompiledRule) -> list[EntityKey | None]:
    if rule.focus_entity is None:
        return [None]
    return list(ctx.entities.get(rule.focus_entity, ()))


def near_misses(ctx: ExplainContext, facts: Iterable[str], *,
                skip: Iterable[tuple[str, EntityKey | None]] = (),
                limit: int = MAX_BLOCKERS) -> list[Blocker]:
    """Rules that read one of ``facts`` but still do not apply: the closest ones.

    Only rules whose tests on ``facts`` now pass (the change brought them closer)
    and that still fail on other facts; left out are the firings in ``skip``
    (e.g. those that applied before a change). Of the rest, those with the fewest
    failing tests are kept.
    """
    wanted = set(facts)
    skipped = set(skip)
    found: list[tuple[tuple[int, int, int], Blocker]] = []
    for rule in ctx.kb.rules:
        if not {f for _e, f in rule.reads} & wanted:
            continue
        for focus in _foci(ctx, rule):
            if (rule.id, focus) in skipped:
                continue
            env: dict[str, EntityKey] = {CASE: CASE_KEY}
            if rule.focus is not None and focus is not None:
                env[rule.focus] = focus
            if evaluate(rule.condition, env, ctx.result.values, ctx.entities) is True:
                continue
            got = blocker(ctx, rule, focus)
            if got is not None and got.needs and not set(got.facts) & wanted:
                found.append(((got.size, -rule.priority, rule.index), got))
    found.sort(key=lambda pair: pair[0])
    closest = found[0][1].size if found else 0
    out: list[Blocker] = []
    for _key, got in found:
        if got.size > closest:
            break
        if all((b.title, b.entity) != (got.title, got.entity) for b in out):
            out.append(got)
        if len(out) == limit:
            break
    return out


def item_blockers(ctx: ExplainContext, item: str, target: EntityKey, *,
                  limit: int = MAX_BLOCKERS) -> list[Blocker]:
    """The rules that could recommend ``item`` for ``target`` and what each still needs."""
    found: list[tuple[tuple[int, int], Blocker]] = []
    for rule in ctx.kb.rules:
        if not any(isinstance(c, Recommend) and c.item == item and not c.against
                   for c in rule.conclusions):
            continue
        foci = _foci(ctx, rule)
        if target != CASE_KEY:
            foci = [f for f in foci if f == target]
        for focus in foci:
            got = blocker(ctx, rule, focus)
            if got is not None and got.needs:
                found.append(((got.size, rule.index), got))
    found.sort(key=lambda pair: pair[0])
    closest = found[0][1].size if found else 0
    return [b for _k, b in found if b.size == closest][:limit]


def keepers(ctx: ExplainContext, item: str, target: EntityKey, *,
            limit: int = MAX_BLOCKERS) -> list[Blocker]:
    """The rules that keep recommending ``item`` for ``target``, and the facts they rest on.

    ``needs`` lists the input facts each rests on (``Ambtelijke capaciteit: laag``);
    ``unknown`` the ones among them that are not policy levers (circumstances).
    """
    from pvrules.explain.basics import input_slots

    out: list[Blocker] = []
    for firing in ctx.result.firings:
        if not any(c.kind == "recommend" and c.name == item and c.target == target
                   for c in firing.conclusions):
            continue
        slots = input_slots(ctx, [firing.key])
        rests = tuple(f"{ctx.say.fact(s)}: {ctx.say.value(s[1], ctx.result.value(*s))}"
                      for s in slots)
        fixed = tuple(ctx.say.fact(s) for s in slots
                      if not ctx.kb.vocab.facts[s[1]].lever)
        title = ctx.kb.entries[firing.rule_id].spec.title.get(ctx.lang)
        ent = ctx.say.entity(firing.focus) if firing.focus != target else None
        out.append(Blocker(firing.rule_id, title, ent, rests, fixed, len(slots),
                           tuple(s[1] for s in slots)))
    return out[:limit]


def fact_blockers(ctx: ExplainContext, fact: str, value: object, target: EntityKey, *,
                  limit: int = MAX_BLOCKERS) -> list[Blocker]:
    """The rules that could derive ``fact`` (= ``value`` when given) and what each still needs."""
    found: list[tuple[tuple[int, int], Blocker]] = []
    for rule in ctx.kb.rules:
        if not any(isinstance(c, Derive) and c.fact == fact and (value is None or c.value == value)
                   for c in rule.conclusions):
            continue
        foci = _foci(ctx, rule)
        if rule.focus_entity is not None and target != CASE_KEY:
            foci = [f for f in foci if f == target]
        for focus in foci:
            got = blocker(ctx, rule, focus)
            if got is not None and got.needs:
                found.append(((got.size, rule.index), got))
    found.sort(key=lambda pair: pair[0])
    return [b for _k, b in found[:limit]]


def because(ctx: ExplainContext, blockers: list[Blocker], *, main: bool = False) -> str:
    """``'X' ook A en B vraagt, en die zijn onbekend``: the blockers as one clause.

    ``main``: as a main clause (``'X' vraagt A en B``) rather than after "omdat".
    The unknown facts are named once, at the end.
    """
    parts = []
    for b in blockers:
        name = f"'{b.title}'" + (f" ({b.entity})" if b.entity else "")
        parts.append(ctx.msg("blocker.needs" if main else "blocker.also_needs", name=name,
                             needs=ctx.msg.join(list(b.needs))))
    text = ctx.msg.join(parts)
    unknown = list(dict.fromkeys(f for b in blockers for f in b.unknown))
    if unknown and all(len(b.unknown) == b.size for b in blockers):
        text += ctx.msg("blocker.all_unknown_many" if len(unknown) > 1
                        else "blocker.all_unknown_one")
    elif unknown:
        text += ctx.msg("blocker.some_unknown_many" if len(unknown) > 1
                        else "blocker.some_unknown_one", facts=ctx.msg.join(unknown))
    return text
