"""Which unknown facts are questions here: the vocabulary's ``ask:`` read against the case.

``ask: false`` never, ``only_if`` / ``unless`` / ``unless_all`` only where the case's own
facts make the fact a question, ``answered_by`` not where a finding on one of the case's
entities answers it (:mod:`pvrules.validate.ask`). Also whether a fact is the client organ's
own view (:func:`client_knows`): the raad that asks knows how it thinks. A few questions are
out of scope for the case as a whole (:mod:`pvrules.explain.findout_scope`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from pvrules.compile.ir import CASE
from pvrules.explain.basics import low_certainty_slots
from pvrules.explain.ctxtypes import Ctx
from pvrules.explain.domains import Slot
from pvrules.explain.findout_scope import out_of_scope
from pvrules.infer.result import FiringKey
from pvrules.validate.ask import AskDef, Condition, CondValue
from pvrules.validate.case import CASE_KEY, EntityKey
from pvrules.validate.client import CLIENT_ORGAN_FACT


def _ask(ctx: Ctx, fact: str) -> bool | AskDef:
    return ctx.kb.vocab.facts[fact].ask


def _matches(ctx: Ctx, key: EntityKey, name: str, values: Sequence[CondValue]) -> bool:
    """Whether fact ``name`` has one of ``values`` where it applies to ``key``."""
    vocab = ctx.kb.vocab
    named = vocab.facts[name]
    want = {vocab.normalize(named, v) for v in values}
    if named.entity == key[0]:
        keys = [key]
    elif named.entity == CASE:
        keys = [CASE_KEY]
    else:  # a fact of another kind of entity: one of them in the case
        keys = [e.key for e in ctx.result.case.all_entities() if e.key[0] == named.entity]
    for k in keys:
        value = ctx.result.value(k, name)
        got = value if isinstance(value, tuple) else (value,)
        if any(v is not None and v in want for v in got):
            return True
    return False


def _holds(ctx: Ctx, key: EntityKey, cond: Condition) -> bool:
    return all(_matches(ctx, key, name, values) for name, values in cond.items())


def asked(ctx: Ctx, slot: Slot) -> bool:
    """Whether the vocabulary makes the unknown ``slot`` a question in this case."""
    ask = _ask(ctx, slot[1])
    if isinstance(ask, bool):
        return ask and not out_of_scope(ctx, slot)
    if out_of_scope(ctx, slot):
        return False
    key = slot[0]
    alternatives = ask.alternatives()
    if alternatives and not any(_holds(ctx, key, c) for c in alternatives):
        return False
    if ask.unless is not None and any(_matches(ctx, key, n, v) for n, v in ask.unless.items()):
        return False
    if ask.unless_all is not None and all(_every(ctx, n, v) for n, v in ask.unless_all.items()):
        return False
    return ask.answered_by is None or not _answered(ctx, ask.answered_by)


def client_knows(ctx: Ctx, slot: Slot) -> bool:
    """Whether ``slot`` is the client organ's own view (``ask.unless`` on its organ holds).

    The raad that asks knows how it thinks: no question in §8, and no check by the college.
    """
    ask = _ask(ctx, slot[1])
    unless = ask.unless if isinstance(ask, AskDef) else None
    values = (unless or {}).get(CLIENT_ORGAN_FACT)
    return values is not None and _matches(ctx, slot[0], CLIENT_ORGAN_FACT, values)


def client_knows_all(ctx: Ctx, keys: Iterable[FiringKey]) -> bool:
    """Whether every low-certainty fact the firings ``keys`` rest on is the client's own view.

    Then a recommendation resting on them is not "uncertain": the organ that asks states it.
    """
    low = low_certainty_slots(ctx, keys)[1]
    return bool(low) and all(client_knows(ctx, s) for s in low)


def _every(ctx: Ctx, name: str, values: Sequence[CondValue]) -> bool:
    """Whether every entity of fact ``name``'s kind (at least one) has one of ``values``."""
    vocab = ctx.kb.vocab
    named = vocab.facts[name]
    want = {vocab.normalize(named, v) for v in values}
    keys = [e.key for e in ctx.result.case.all_entities() if e.key[0] == named.entity]
    return bool(keys) and all(any(v is not None and v in want for v in _values(ctx, k, name))
                              for k in keys)


def _answered(ctx: Ctx, cond: Condition) -> bool:
    """Whether one entity of the case has every value ``cond`` names (``answered_by``)."""
    vocab = ctx.kb.vocab
    kind = vocab.facts[next(iter(cond))].entity
    wanted = {n: {vocab.normalize(vocab.facts[n], v) for v in vs} for n, vs in cond.items()}
    keys = [CASE_KEY] if kind == CASE else [
        e.key for e in ctx.result.case.all_entities() if e.key[0] == kind]
    for key in keys:
        if all(any(v is not None and v in want for v in _values(ctx, key, n))
               for n, want in wanted.items()):
            return True
    return False


def _values(ctx: Ctx, key: EntityKey, name: str) -> tuple[object, ...]:
    """Fact ``name`` of ``key`` as a tuple of values (one, or a list fact's)."""
    value = ctx.result.value(key, name)
    return value if isinstance(value, tuple) else (value,)


def stated(ctx: Ctx, key: EntityKey, fact: str) -> bool:
    """Whether the case's own text speaks of ``fact`` for entity ``key`` (its goals, say).

    The words are the message ``find_out.stated.FACT``: stems separated by ``|``, in the
    language of the case text read (``toelichting``, or ``toelichting_en`` in English); the
    text is the entity's, or the case's when it names the entity.
    """
    word_key = f"find_out.stated.{fact}"
    if not ctx.msg.has(word_key):
        return False
    words = ctx.msg(word_key).lower().split("|")  # stems, in the language of the case text
    case = ctx.result.case
    ent = case.entity(key)
    if ent is None:
        return False
    own = (ent.notes or "").lower()
    told = (case.meta.toelichting or "").lower()
    return any(w in own or (ent.name.lower() in told and w in told) for w in words)
