"""``pvrules explain``, ``pvrules whatif`` and ``pvrules diff``: the advice, explained.

* ``explain CASE NAME``: why a recommendation or fact (the chain down to the
  facts of the case); without NAME, why for every recommendation;
* ``explain CASE --why-not ITEM``: why an option is not recommended;
* ``whatif CASE --target ITEM``: the smallest changes that would flip it;
* ``diff CASE --set FACT=VALUE``: what changes in the advice, and why.

Names are forgiving: ids or labels, any case, ``ITEM@ENTITY`` or
``"ITEM voor ENTITY"`` (see docs/explaining.md).
"""

from __future__ import annotations

import functools
from typing import Any

import click

from pvrules.cli.common import guarded, kb_options, lang_option, set_option
from pvrules.explain.targets import why_not_answers

_FORMAT = click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
                       show_default=True, help="Output format.")
_EXAMPLE = click.option("--example", is_flag=False, flag_value="__default__", default=None,
                        metavar="[NAME]", help="Use a built-in example case (default: a2-2019).")
_VERBOSE = click.option("--verbose", "-v", is_flag=True, help="Show rule and item ids.")


def _split_args(args: tuple[str, ...], example: str | None) -> tuple[str, list[str]]:
    """The case source and the remaining words (the name asked about)."""
    from pvrules.cli.common import case_source

    if example is not None:
        from pvrules.pipeline import example_names

        if example != "__default__" and example not in example_names() and not args:
            # "--example NAME" where NAME is what is asked about: the default example
            return case_source(None, "__default__"), [example]
        return case_source(None, example), list(args)
    if not args:
        return case_source(None, None), []
    return case_source(args[0], None), list(args[1:])


def _pipeline(rules_dirs: tuple[str, ...], knowledge_dirs: tuple[str, ...],
              engine: str, no_builtin: bool) -> Any:
    from pvrules.pipeline import Pipeline

    return Pipeline(rules_dirs, knowledge_dirs, engine, include_builtin=not no_builtin)


def _emit(kind: str, payload: Any, *, fmt: str, template: str, lang: str, verbose: bool,
          **data: Any) -> None:
    from pvrules.render.explain_text import render_explain_json, render_explain_text

    if fmt == "json":
        click.echo(render_explain_json(kind, payload), nl=False)
    else:
        click.echo(render_explain_text(template, lang, verbose=verbose, **data), nl=False)


@click.command("explain")
@click.argument("args", nargs=-1, metavar="CASE [NAME]")
@_EXAMPLE
@click.option("--why-not", "why_not_item", default=None, metavar="ITEM",
              help="Explain why ITEM (e.g. herindeling, centrumregeling@sociaal_domein) is not "
                   "recommended, or why an option of the case (optie:ID) is not advised.")
@_FORMAT
@_VERBOSE
@lang_option
@set_option
@kb_options
@guarded
def explain(args: tuple[str, ...], example: str | None, why_not_item: str | None, fmt: str,
            verbose: bool, lang: str, overrides: tuple[str, ...], rules_dirs: tuple[str, ...],
            knowledge_dirs: tuple[str, ...], engine: str, no_builtin: bool) -> None:
    """Why a recommendation or fact (NAME), or why not (--why-not ITEM).

    CASE is a case file or example:NAME. NAME is an item or fact by id or label,
    optionally for one entity: centrumregeling@sociaal_domein, "Centrumregeling
    voor Sociaal domein", opgave:sociaal_domein.schaal. Without NAME every
    recommendation is explained.
    """
    from pvrules.explain.context import ExplainContext
    from pvrules.explain.names import NameResolver
    from pvrules.explain.why import WhyExplainer
    from pvrules.explain.whynot import why_not

    emit = functools.partial(_emit, fmt=fmt, lang=lang, verbose=verbose)
    source, words = _split_args(args, example)
    pipe = _pipeline(rules_dirs, knowledge_dirs, engine, no_builtin)
    try:
        result = pipe.evaluate_file(source, overrides)
    finally:
        pipe.close()
    kb = pipe.kb
    resolver = NameResolver(kb, result.case)
    ctx = ExplainContext(kb, result, lang)
    advice = ctx.advice
    if why_not_item is not None:
        answers = why_not_answers(ctx, resolver, why_not_item, words)
        emit("why_not", answers, template="whynot", answers=answers)
        return
    explainer = WhyExplainer(ctx)
    whys: list[Any]
    if not words:
        whys = [w for rec in advice.recommendations
                for w in explainer.item(rec.item, rec.target_key)]
        emit("why", whys, template="why", answers=whys)
        return
    target = resolver.target(" ".join(words), "NAME")
    if target.kind == "fact":
        whys = explainer.fact(target.name, target.entity)
    else:
        whys = explainer.item(target.name, target.entity)
        if not whys:
            nots = why_not(ctx, target.name, target.entity)
            emit("why_not", nots, template="whynot", answers=nots)
            return
    emit("why", whys, template="why", answers=whys)


@click.command("whatif")
@click.argument("case", required=False)
@_EXAMPLE
@click.option("--target", "target_text", required=True, metavar="ITEM|FACT=VALUE",
              help="The recommendation (e.g. participatie, centrumregeling@sociaal_domein), "
                   "derived fact with a value (legitimiteit=sterk) to reach or lose, or an "
                   "option of the case (optie:ID) to get advised.")
@click.option("--max-changes", type=click.IntRange(1, 2), default=2, show_default=True,
              help="The most facts changed together.")
@click.option("--limit", type=click.IntRange(1, 50), default=5, show_default=True,
              help="How many answers of each size.")
@click.option("--all-facts", is_flag=True,
              help="Vary every fact of the case, not only the policy levers (facts the "
                   "vocabulary marks 'lever: true': support, instruments, forms, measures).")
@_FORMAT
@_VERBOSE
@lang_option
@set_option
@kb_options
@guarded
def whatif(case: str | None, example: str | None, target_text: str, max_changes: int,
           limit: int, all_facts: bool, fmt: str, verbose: bool, lang: str,
           overrides: tuple[str, ...],
           rules_dirs: tuple[str, ...], knowledge_dirs: tuple[str, ...], engine: str,
           no_builtin: bool) -> None:
    """The smallest changes to CASE that make a recommendation appear or disappear."""
    from pvrules.explain.context import ExplainContext
    from pvrules.explain.names import NameResolver
    from pvrules.explain.option_whynot import option_key, what_if_option
    from pvrules.explain.targets import whatif_goal
    from pvrules.explain.whatif import what_if

    emit = functools.partial(_emit, fmt=fmt, lang=lang, verbose=verbose)
    source, _ = _split_args((case,) if case else (), example)
    pipe = _pipeline(rules_dirs, knowledge_dirs, engine, no_builtin)
    try:
        loaded = pipe.load_case(source, overrides)
        result = pipe.evaluate(loaded)
        kb = pipe.kb
        resolver = NameResolver(kb, loaded)
        ctx = ExplainContext(kb, result, lang)
        option = option_key(resolver, target_text)
        if option is not None:
            answer = what_if_option(ctx, loaded, option, confirm=pipe.engine,
                                    max_size=max_changes, limit=limit, all_facts=all_facts)
        else:
            goal = whatif_goal(ctx, resolver, target_text)
            answer = what_if(ctx, loaded, goal, confirm=pipe.engine, max_size=max_changes,
                             limit=limit, all_facts=all_facts)
    finally:
        pipe.close()
    emit("whatif", answer, template="whatif", w=answer)


@click.command("diff")
@click.argument("case", required=False)
@_EXAMPLE
@_FORMAT
@_VERBOSE
@lang_option
@set_option
@kb_options
@guarded
def diff(case: str | None, example: str | None, fmt: str, verbose: bool, lang: str,
         overrides: tuple[str, ...], rules_dirs: tuple[str, ...],
         knowledge_dirs: tuple[str, ...], engine: str, no_builtin: bool) -> None:
    """Compare the advice for CASE with the advice after --set FACT=VALUE (repeatable)."""
    from pvrules.errors import InputError, Problem
    from pvrules.explain.context import ExplainContext
    from pvrules.explain.diff import diff as compare

    if not overrides:
        raise InputError("nothing to compare: give at least one --set FACT=VALUE", [Problem(
            "bad-option", "no --set given", "--set",
            suggestion="e.g. pvrules diff --example --set draagvlak_raad=hoog")])
    emit = functools.partial(_emit, fmt=fmt, lang=lang, verbose=verbose)
    source, _ = _split_args((case,) if case else (), example)
    pipe = _pipeline(rules_dirs, knowledge_dirs, engine, no_builtin)
    try:
        before = pipe.evaluate_file(source)
        after = pipe.evaluate_file(source, overrides)
    finally:
        pipe.close()
    answer = compare(ExplainContext(pipe.kb, before, lang), ExplainContext(pipe.kb, after, lang),
                     settings=overrides)
    emit("diff", answer, template="diff", d=answer)
