"""The gates of the kernboodschap: when §1 may say what it says.

* **A direction whatever the option** (:func:`option_independent`): a key recommendation
  holds whichever option the raad chooses when nothing in its chain reads an option —
  no step is about an option entity, no rule of the chain reads a fact of one or
  quantifies over them. Such a recommendation is said first ("Welke optie u ook kiest,
  …"); "De bronnen geven geen voorkeur …" is said only without one.
* **What to find out first** (:func:`flipping`): an unknown is named in §1 only when one
  of its values flips what §1 shows: an option's preference (not once the raden chose
  the direction), or the status of a key recommendation the paragraph names
  (recommended, advised against, gone). A change of a corner level, a
  strength or a reason alone does not count, nor a recommendation that every value of the
  fact removes or that a rule concludes because something is unknown (it asks for that
  very fact: "peil het draagvlak", :func:`asks`). Each value is tried
  incrementally, as :mod:`pvrules.explain.findout` does.
* **Every part of the question** (:func:`question_topics`): the topics of
  ``answer.topics`` (grip of the raad, steering the collaborations, fit with the opgaven)
  whose words the case's question uses, each with the measures that answer it.
* **English** (:func:`glossed`): an option's Dutch label is glossed once with its form.
"""

from __future__ import annotations

from collections.abc import Iterator

from pvrules.compile.ir import And, Exists, ForAll, Known, Node, Not, Or
from pvrules.explain.ctxtypes import Ctx
from pvrules.explain.decisions_model import Decision, FindOut, RecItem
from pvrules.messages import Messages

OPTION = "optie"
"""The entity kind of an option on the table."""
STATUS, PROPOSED = "status", "voorgenomen"
"""A collaboration with this status is only proposed: what is for it depends on the choice."""


def _nodes(node: Node) -> Iterator[Node]:
    """``node`` and every node inside it."""
    yield node
    if isinstance(node, Exists | ForAll):
        yield from _nodes(node.cond)
    elif isinstance(node, And | Or):
        for item in node.items:
            yield from _nodes(item)
    elif isinstance(node, Not):
        yield from _nodes(node.item)


def _quantified(node: Node) -> Iterator[str]:
    """The entity kinds a condition quantifies over (``some:`` / ``all:``)."""
    return (n.entity for n in _nodes(node) if isinstance(n, Exists | ForAll))


def asks(ctx: Ctx, item: RecItem) -> bool:
    """Whether ``item`` is recommended because something is not known yet.

    A rule that concludes it tests a fact unknown (``{known: false}``): knowing more
    removes it by definition, so that is no flip of the advice.
    """
    rules = {r.id: r for r in ctx.kb.rules}
    for rule_id, _focus in item.firings:
        rule = rules.get(rule_id)
        if rule is not None and any(isinstance(n, Known) and not n.known
                                    for n in _nodes(rule.condition)):
            return True
    return False


def option_independent(ctx: Ctx, item: RecItem) -> bool:
    """Whether ``item`` holds whichever option is chosen (see the module docstring)."""
    if item.target_key[0] == OPTION or not item.firings:
        return False
    if ctx.result.value(item.target_key, STATUS) == PROPOSED:  # a proposed form is an option
        return False
    rules = {r.id: r for r in ctx.kb.rules}
    for step in ctx.builder.steps_for(list(item.firings)):
        rule = rules.get(step.rule_id)
        if step.focus is not None and step.focus[0] == OPTION:
            return False
        if rule is None:
            continue
        if rule.focus_entity == OPTION or any(e == OPTION for e, _f in rule.reads) \
                or OPTION in set(_quantified(rule.condition)):
            return False
    return True


def direction(ctx: Ctx, key: list[RecItem]) -> list[RecItem]:
    """The key recommendations that hold whatever option is chosen, in key order."""
    return [k for k in key if option_independent(ctx, k)]


def flipping(ctx: Ctx, found: tuple[FindOut, ...], key: tuple[RecItem, ...],
             decisions: tuple[Decision, ...], limit: int = 2,
             named: frozenset[int] | None = None, options: bool = True
             ) -> tuple[tuple[FindOut, tuple[str, ...]], ...]:
    """The items of ``found`` (in order, at most ``limit``) that flip what §1 shows.

    Each with what it can flip, in words: "het oordeel over de optie ‘X’", "aanbeveling 2
    (‘Label’)". ``named``: the positions in ``key`` of the recommendations §1's paragraph
    names (default: all); a recommendation further down the list is no part of the answer.
    ``options=False`` when the options are decided already (a direction the raden chose):
    their verdicts are then no flip.
    """
    from pvrules.explain.findout import candidates, weighing

    if not found:
        return ()
    inc = ctx.incremental
    shared = weighing(ctx)  # as find-out-first built them for this draft
    aggs, face, scores = shared.aggs, shared.face, shared.scores
    base = inc.base
    assessing = {r for r, _c in face.assessing}
    shown = {(k.item, k.target_key): i for i, k in enumerate(key)
             if not asks(ctx, k) and (named is None or i in named)}
    names = {r.id: r.label for d in decisions for r in d.options} if options else {}
    slots = shared.slots
    out: list[tuple[FindOut, tuple[str, ...]]] = []
    for item in found:
        flips: dict[str, str] = {}
        for slot in (s for s in slots if s[1] in item.facts):
            values = candidates(ctx, slot[1])
            moved: dict[str, int] = {}
            for value in values:
                now = inc.run(aggs.changes({slot: value}))
                if not now.changed_rules:
                    continue
                kin = frozenset(now.changed_rules & assessing)  # only what these can give
                prefs = _prefers(face.options(base.fires, kin)) if kin else {}
                after = _prefers(face.options(now.fires, kin)) if kin else {}
                for part in set(prefs) | set(after):
                    target = part[1]
                    if _verdict(prefs.get(part)) != _verdict(after.get(part)) \
                            and isinstance(target, tuple) and target[1] in names:
                        flips[f"o{target[1]}"] = ctx.msg("answer.flip_option",
                                                        option=names[target[1]])
                if now.status_changed:
                    new = face.rescored(inc, now, scores)
                    for pair, at in shown.items():
                        old, got = scores.get(pair), new.get(pair)
                        if (old.status if old else None) != (got.status if got else None):
                            moved[f"k{at:02d}"] = moved.get(f"k{at:02d}", 0) + 1
            for ident, count in moved.items():  # gone for every value: it asks for this fact
                if count < len(values):
                    at = int(ident[1:])
                    flips[ident] = ctx.msg("answer.flip_key", n=at + 1, label=key[at].label)
        if flips:
            out.append((item, tuple(flips[k] for k in sorted(flips))))
        if len(out) >= limit:
            break
    return tuple(out)


def _prefers(parts: dict[tuple[object, ...], object]) -> dict[tuple[object, ...], object]:
    """The preference parts of an option's parts (see :meth:`findout.Face.options`)."""
    return {p: v for p, v in parts.items() if p[0] == "prefer"}


def _verdict(found: object) -> frozenset[object]:
    """The verdicts (``advised`` / ``advised_against``) of a preference part, not its reasons."""
    if not isinstance(found, frozenset):
        return frozenset()
    return frozenset(v[0] for v in found if isinstance(v, tuple) and v)


def question_topics(ctx: Ctx) -> list[tuple[str, frozenset[str]]]:
    """The topics of ``answer.topics`` the case's question asks about, with their items.

    A topic is asked when the question uses one of its ``answer.topic.<id>.words`` (either
    language); its items (``answer.topic.<id>.items``) are the measures that answer it.
    """
    question = (ctx.result.case.meta.vraag or "").lower()
    out: list[tuple[str, frozenset[str]]] = []
    for topic in (t for t in ctx.msg("answer.topics").split("|") if t):
        words = [w for lang in ("nl", "en") for w in
                 Messages(lang)(f"answer.topic.{topic}.words").split("|") if w]
        if any(w in question for w in words):
            items = frozenset(i for i in ctx.msg(f"answer.topic.{topic}.items").split("|") if i)
            out.append((topic, items))
    return out


def asks_about_merger(ctx: Ctx) -> bool:
    """Whether the case's question is about a herindeling (words of ``answer.merger_words``)."""
    question = (ctx.result.case.meta.vraag or "").lower()
    words = [w for lang in ("nl", "en") for w in
             Messages(lang)("answer.merger_words").split("|") if w]
    return any(w in question for w in words)


def recommended_items(ctx: Ctx) -> set[str]:
    """Every item the advice recommends (for any target)."""
    return {r.item for r in ctx.advice.recommendations if r.status == "recommended"}


FORM_FACT = "optievorm"
"""The fact whose values' labels name an option's form in each language."""


def glossed(ctx: Ctx, texts: list[str], decisions: tuple[Decision, ...]) -> list[str]:
    """``texts`` with each option's Dutch label glossed once, in a language other than Dutch.

    An option's label is the case's own (Dutch) words; unless the case names it in the
    reader's language too (``naam_en``), its first mention gets its form in the reader's
    language ("‘De A2-samenwerking verbeteren’ (improve the current
    collaboration)"), taken from the labels of ``optievorm``. Only a form no other option
    on the table shares is a gloss: two options of one form stay as they are. A label the
    case gives in the reader's language (``naam_en``) is not glossed: it says itself.
    """
    fact = ctx.kb.vocab.facts.get(FORM_FACT)
    if ctx.lang == "nl" or fact is None or not fact.values:
        return texts
    names = {v.id: getattr(v, ctx.lang, None) for v in fact.values}
    rows = [r for d in decisions for r in d.options]
    forms = [r.form for r in rows]
    out = list(texts)
    for row in rows:
        gloss = names.get(row.form or "")
        if not gloss or forms.count(row.form) > 1 or gloss.lower() in row.label.lower() \
                or ctx.result.case.english_of(("optie", row.id), "naam"):
            continue
        if ctx.result.case.english_of((OPTION, row.id), "naam"):
            continue  # the case names it in the reader's language: no gloss
        for i, text in enumerate(out):
            at = text.find(f"‘{row.label}’")
            said = f"‘{row.label}’"
            if at < 0:
                said = row.label
                at = text.find(said)
            if at >= 0:
                end = at + len(said)
                out[i] = f"{text[:end]} ({gloss}){text[end:]}"
                break
    return out
