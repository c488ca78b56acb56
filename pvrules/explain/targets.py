"""Reading what a person names in explain, whatif and diff: the target entity, a value.

Shared by the command line and ``pvrules serve``, so both give the same answers and the
same messages.
"""

from __future__ import annotations

from typing import Any


def target_entity(resolver: Any, ctx: Any, target: Any) -> Any:
    """The single target an item or fact is meant for, or a clear error."""
    from pvrules.errors import NameNotFoundError, Problem
    from pvrules.explain.scoring import item_status
    from pvrules.explain.whynot import WhyNotExplainer
    from pvrules.validate.case import CASE_KEY

    result = ctx.result

    if target.entity is not None:
        return target.entity
    kb = resolver.kb
    if target.kind == "fact":
        owner = kb.vocab.facts[target.name].entity
        keys = [CASE_KEY] if owner == "case" else \
            [e.key for e in result.case.entities.get(owner, ())]
    else:
        keys = WhyNotExplainer(ctx).targets(target.name)
        given = [k for k in keys if item_status(kb, result, target.name, k) == "recommended"]
        if len(given) == 1:
            return given[0]
        if CASE_KEY in keys:
            return CASE_KEY  # without an entity, the case as a whole is meant
    if len(keys) == 1:
        return keys[0]
    options = tuple(f"{target.name}@{k[1]}" for k in keys)
    raise NameNotFoundError(f"say for which entity '{target.name}' is meant", [Problem(
        "ambiguous-name", f"'{target.name}' applies to more than one entity", "--target",
        allowed=options, suggestion=f"for example: --target {options[0]}" if options
        else None)])


def extra_words_error(words: list[str]) -> Exception:
    """The error for NAME given together with --why-not."""
    from pvrules.errors import InputError, Problem

    return InputError("give either NAME or --why-not, not both", [Problem(
        "bad-option", f"unexpected '{' '.join(words)}'", "NAME")])


def value_for_item_error(text: str) -> Exception:
    """The error for ITEM=VALUE: an item takes no value."""
    from pvrules.errors import InputError, Problem

    return InputError(f"'{text}': an item takes no value", [Problem(
        "bad-option", "give an item (its state flips), or FACT=VALUE for a derived fact",
        "--target")])


def fact_value(kb: Any, fact_id: str, text: str) -> Any:
    """Read ``text`` as a value of ``fact_id``: an id, a label, or YAML."""
    from pvrules.errors import InputError, Problem
    from pvrules.explain.names import norm
    from pvrules.load.yamlio import parse_yaml
    from pvrules.suggest import did_you_mean
    from pvrules.validate.vocab import ValueProblem

    fact = kb.vocab.facts[fact_id]
    if fact.type in ("level", "enum"):
        for v in kb.vocab.value_defs(fact):
            if norm(text) in {norm(v.id), norm(v.nl), norm(v.en)}:
                return kb.vocab.normalize(fact, v.id)
    raw = parse_yaml(text, "--target").data if text.strip() else None
    try:
        return kb.vocab.normalize(fact, raw)
    except ValueProblem as err:
        raise InputError(f"'{text}' is not a value of '{fact_id}'", [Problem(
            "bad-value", str(err), "--target", allowed=err.allowed,
            suggestion=did_you_mean(text, err.allowed))]) from err


def whatif_goal(ctx: Any, resolver: Any, target_text: str) -> Any:
    """The what-if goal for ``--target ITEM`` or ``--target FACT[=VALUE]``.

    An item flips (a recommended item should disappear, any other appear); a derived fact
    should change, or reach the value given after ``=``.
    """
    from pvrules.explain.scoring import item_status
    from pvrules.explain.whatif_search import Goal

    kb = ctx.kb
    name_text, sep, value_text = target_text.partition("=")
    target = resolver.target(name_text, "--target")
    entity = target_entity(resolver, ctx, target)
    if target.kind == "item":
        if sep:
            raise value_for_item_error(target_text)
        now = item_status(kb, ctx.result, target.name, entity)
        return Goal("item", target.name, entity,
                    "disappear" if now == "recommended" else "appear")
    value = fact_value(kb, target.name, value_text) if sep else None
    return Goal("fact", target.name, entity, "value" if sep else "change", value)


def why_not_target(resolver: Any, item_text: str, words: list[str]) -> Any:
    """The catalogue item ``--why-not ITEM`` names, or a clear error.

    NAME and --why-not together, or a fact given to --why-not, are refused.
    """
    from pvrules.errors import InputError, NameNotFoundError, Problem

    if words:
        raise extra_words_error(words)
    try:
        target = resolver.target(item_text, "--why-not")
    except NameNotFoundError:
        target = resolver.target(f"item:{item_text}", "--why-not")
    if target.kind != "item":
        raise InputError(f"'{item_text}' is a fact; --why-not takes a catalogue item",
                         [Problem("bad-option", "give an item, e.g. herindeling", "--why-not",
                                  suggestion=f"try: pvrules explain CASE {item_text}")])
    return target


def why_not_answers(ctx: Any, resolver: Any, item_text: str, words: list[str]) -> list[Any]:
    """The answers to ``--why-not ITEM``: an option of the case, else a catalogue item.

    An option of the case (``optie:ID`` or its name) gets one answer; a catalogue item gets
    one per target it could have (see :func:`why_not_target` for what is refused).
    """
    from pvrules.explain.option_whynot import option_key, why_not_option
    from pvrules.explain.whynot import why_not

    option = option_key(resolver, item_text)
    if option is not None and not words:
        return [why_not_option(ctx, option)]
    target = why_not_target(resolver, item_text, words)
    return list(why_not(ctx, target.name, target.entity))
