"""§6 on the condition the question is about: low trust, low support, a weak organisation.

A question such as "hoe kunnen drie gemeenten met weinig vertrouwen toch samenwerken?" is
about one condition; §6 must weigh it, not only the corners. The topics are data
(``conclusion.focus.topics`` in the messages), each with:

* ``words``: the question asks about it when it uses one of them (either language);
* ``facts``: level facts of any entity; the case states the condition when one of them is
  at most ``laag``; ``corner``: or when that corner is at its weakest level;
* ``tags``: rule tags that address it; a key recommendation addresses it when a rule
  giving it carries such a tag or matched one of the facts (or the corner);
* ``subject``: the condition in words; ``weigh``: what the addressing recommendations do
  with it (optional).

The sentence names where the condition holds (the entities with the low value) unless §6
said it already (a weak corner), and the key recommendations of §1 that address it, by
number. A topic the question does not ask about, or the case does not state, says nothing.
"""

from __future__ import annotations

from pvrules.explain.basics import lower_first
from pvrules.explain.ctxtypes import Ctx
from pvrules.explain.decisions_model import RecItem, Triangle
from pvrules.messages import Messages

LOW = 1
"""The highest level index that counts as low (``laag`` on the ``niveau`` scale)."""
LEVEL = "level"


def _words(key: str) -> list[str]:
    return [w for lang in ("nl", "en") for w in Messages(lang)(key).split("|") if w]


def _list(ctx: Ctx, key: str) -> list[str]:
    return [w for w in ctx.msg(key).split("|") if w]


def _asked(ctx: Ctx) -> list[str]:
    """The topics the case's question (in either language) is about."""
    meta = ctx.result.case.meta
    question = " ".join(q for q in (meta.vraag, getattr(meta, "vraag_en", None)) if q).lower()
    return [t for t in _list(ctx, "conclusion.focus.topics")
            if any(w in question for w in _words(f"conclusion.focus.{t}.words"))]


def _low(ctx: Ctx, facts: list[str]) -> tuple[list[str], list[str]]:
    """Where a fact is at most low: the entities' names, and the labels of the case's facts."""
    names = {e.key: e.name for e in ctx.result.case.all_entities()}
    who: list[str] = []
    what: list[str] = []
    for fact in facts:
        fdef = ctx.kb.vocab.facts.get(fact)
        if fdef is None or fdef.type != LEVEL:
            continue
        for key in ctx.order:
            value = ctx.result.value(key, fact)
            if not isinstance(value, int) or isinstance(value, bool) or value > LOW:
                continue
            name = names.get(key)
            found, add = (who, name) if name else (what, lower_first(fdef.label.get(ctx.lang)))
            if add not in found:
                found.append(add)
    return who, what


def _addresses(ctx: Ctx, item: RecItem, facts: set[str], tags: set[str]) -> bool:
    """Whether a rule giving ``item`` carries one of ``tags`` or matched one of ``facts``."""
    rules = {rule_id for rule_id, _ in item.firings}
    for rule_id in rules:
        entry = ctx.kb.entries.get(rule_id)
        if entry is not None and tags & set(entry.spec.tags):
            return True
    return any(fact in facts for f in ctx.result.firings if f.rule_id in rules
               for _key, fact, _value in f.matched)


def _one(ctx: Ctx, topic: str, tri: Triangle, keys: tuple[RecItem, ...]) -> str:
    base = f"conclusion.focus.{topic}"
    facts = _list(ctx, f"{base}.facts")
    corner = ctx.msg(f"{base}.corner").strip()
    weak = any(c.id == corner and c.rank == 0 for c in tri.corners)
    who, what = _low(ctx, facts)
    if not who and not what and not weak:
        return ""
    subject = ctx.msg(f"{base}.subject")
    refs = [i for i, item in enumerate(keys, 1)
            if _addresses(ctx, item, {*facts, corner} - {""}, set(_list(ctx, f"{base}.tags")))]
    kind = ("conclusion.focus.said" if weak or not (who or what) else
            "conclusion.focus.low" if who else
            "conclusion.focus.low_case" if len(what) == 1 else "conclusion.focus.low_cases")
    out = [ctx.msg(kind, subject=subject, who=ctx.msg.join(who), what=ctx.msg.join(what))]
    if refs:
        ref = ctx.msg("answer.ref_one" if len(refs) == 1 else "answer.ref_many",
                      numbers=ctx.msg.join([str(n) for n in refs]))
        labels = "; ".join(lower_first(keys[n - 1].label) for n in refs)
        weigh = ctx.msg(f"{base}.weigh").strip()
        kind = "conclusion.focus.refs_weigh" if weigh else "conclusion.focus.refs"
        out.append(ctx.msg(kind, refs=ref, labels=labels, weigh=weigh,
                           verb=ctx.msg("conclusion.focus.is" if len(refs) == 1
                                        else "conclusion.focus.are")))
    return " ".join(out)


def focus(ctx: Ctx, tri: Triangle, keys: tuple[RecItem, ...]) -> str:
    """What §6 says about the condition(s) the question is about, or ``""``."""
    return " ".join(p for p in (_one(ctx, t, tri, keys) for t in _asked(ctx)) if p)
