"""``pvrules advise``: the advice for a case, with its reasoning."""

from __future__ import annotations

import click

from pvrules.cli.common import case_source, guarded, kb_options, lang_option, set_option


@click.command("advise")
@click.argument("case", required=False, type=click.Path(dir_okay=False))
@click.option("--example", is_flag=False, flag_value="__default__", default=None,
              metavar="[NAME]", help="Use a built-in example case (default: a2-2019).")
@click.option("--format", "fmt", type=click.Choice(["markdown", "json"]), default="markdown",
              show_default=True, help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write to this file instead of standard output ('-': standard output).")
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
@click.option("--verbose", "-v", is_flag=True, help="Show rule ids in the reasoning.")
@lang_option
@set_option
@kb_options
@guarded
def advise(case: str | None, example: str | None, fmt: str, output: str | None, force: bool,
           verbose: bool, lang: str, overrides: tuple[str, ...], rules_dirs: tuple[str, ...],
           knowledge_dirs: tuple[str, ...], engine: str, no_builtin: bool) -> None:
    """Evaluate CASE (a YAML or JSON case file; '-' reads standard input) and print the advice.

    The advice diagnoses the three corners of the public value triangle, lists
    the recommendations and, for each, the numbered reasoning down to the facts
    of the case, with the sources of the rules used.
    """
    from pvrules.pipeline import Pipeline
    from pvrules.render.output import check_target, write_atomic

    source = case_source(case, example)
    if output:
        check_target(output, force)
    pipe = Pipeline(rules_dirs, knowledge_dirs, engine, include_builtin=not no_builtin)
    try:
        result = pipe.evaluate_file(source, overrides)
        advice = pipe.advice(result, lang)
    finally:
        pipe.close()
    if fmt == "json":
        from pvrules.render.jsonout import render_json

        text = render_json(advice)
    else:
        from pvrules.explain.options import build_options
        from pvrules.render.markdown import render_markdown

        labels = {i: d.label.get(lang) for i, d in pipe.kb.catalogues.items.items()}
        options = build_options(pipe.kb, result, lang, advice)
        text = render_markdown(advice, verbose=verbose, item_labels=labels, options=options)
    if output:
        write_atomic(output, text, force)
    else:
        click.echo(text, nl=False)
