"""``pvrules advise``: the advice for a case.

On a terminal it shows the kernboodschap, the diagnosis and the key
recommendations on one screen (``--full`` for the whole document); to a pipe or
a file (``-o``) it writes the whole document, in Markdown or as the decisions'
JSON.
"""

from __future__ import annotations

import click

from pvrules.cli.common import case_source, guarded, kb_options, lang_option, set_option


@click.command("advise")
@click.argument("case", required=False, type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--example", is_flag=False, flag_value="__default__", default=None,
              metavar="[NAME]", help="Use a built-in example case (default: a2-2019).")
@click.option("--format", "fmt", type=click.Choice(["markdown", "json"]), default="markdown",
              show_default=True, help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default=None,
              help="Write the whole document to this file ('-': standard output).")
@click.option("--full", is_flag=True,
              help="On a terminal, show the whole document instead of the summary.")
@click.option("--date", "date", metavar="YYYY-MM-DD", default=None,
              help="The document's date (default: today).")
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
@lang_option
@set_option
@kb_options
@guarded
def advise(case: str | None, example: str | None, fmt: str, output: str | None, full: bool,
           date: str | None, force: bool, lang: str, overrides: tuple[str, ...],
           rules_dirs: tuple[str, ...], knowledge_dirs: tuple[str, ...], engine: str,
           no_builtin: bool) -> None:
    """Evaluate CASE (a YAML or JSON case file) and give the advice.

    The advice answers the case's question first, with at most five key
    recommendations; then the analysis per task, the state of the triangle,
    the options side by side, the route, what to find out first, and an
    appendix with every line of reasoning and the sources.
    """
    import os
    import shutil
    import sys

    from pvrules.explain.context import ExplainContext
    from pvrules.pipeline import Pipeline
    from pvrules.render.output import check_target, write_atomic
    from pvrules.render.report import context as doc_context
    from pvrules.render.report import parse_date

    source = case_source(case, example)
    to_file = output not in (None, "-")
    if to_file:
        check_target(str(output), force)
    day = parse_date(date)
    pipe = Pipeline(rules_dirs, knowledge_dirs, engine, include_builtin=not no_builtin)
    try:
        result = pipe.evaluate_file(source, overrides)
        explained = ExplainContext(pipe.kb, result, lang)
        decisions = explained.decisions
        json_text = None
        if fmt == "json":
            from pvrules.render.jsonout import render_advice_json

            json_text = render_advice_json(explained)
    finally:
        pipe.close()
    if json_text is not None:
        text = json_text
    else:
        ctx = doc_context(decisions, lang, day)
        if output is None and not full and sys.stdout.isatty():
            from pvrules.render.terminal import render_terminal, wants_colour

            width = shutil.get_terminal_size().columns
            text = render_terminal(ctx, width, wants_colour(True, os.environ))
            click.echo(text, nl=False, color=wants_colour(True, os.environ))
            return
        from pvrules.render.markdown import render_markdown

        text = render_markdown(ctx)
    if to_file:
        write_atomic(str(output), text, force)
    else:
        click.echo(text, nl=False)
