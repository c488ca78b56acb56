"""``pvrules sweep``: which recommendations and options hold as one or two facts vary."""

from __future__ import annotations

import click

from pvrules.cli.common import case_source, guarded, kb_options, lang_option, set_option


@click.command("sweep")
@click.argument("case", required=False, type=click.Path(dir_okay=False))
@click.option("--example", is_flag=False, flag_value="__default__", default=None,
              metavar="[NAME]", help="Use a built-in example case (default: a2-2019).")
@click.option("--vary", "vary", multiple=True, required=True, metavar="FACT=V1,V2,...",
              help="A fact and the values to try (once or twice); entity facts as in "
                   "--set, e.g. opgave:ID.schaal=lokaal,regionaal.")
@click.option("--format", "fmt", type=click.Choice(["markdown", "csv", "json", "html"]),
              default=None, help="Output format (default: from the extension of -o, "
                                 "else markdown). HTML has heatmaps for two facts.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write to this file instead of standard output.")
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
@lang_option
@set_option
@kb_options
@guarded
def sweep(case: str | None, example: str | None, vary: tuple[str, ...], fmt: str | None,
          output: str | None, force: bool, lang: str, overrides: tuple[str, ...],
          rules_dirs: tuple[str, ...], knowledge_dirs: tuple[str, ...], engine: str,
          no_builtin: bool) -> None:
    """Show how the advice for CASE changes when one or two facts vary.

    Prints a table with one row per recommendation or option and one column per
    value (or pair of values): ✓ recommended, ✗ advised against. For example:

        pvrules sweep --example --vary draagvlak_raad=laag,gemiddeld,hoog
    """
    from pathlib import Path

    from pvrules.batch import sweep as sw
    from pvrules.pipeline import Pipeline
    from pvrules.render.output import check_target, write_atomic

    source = case_source(case, example)
    axes = [sw.parse_vary(text) for text in vary]
    kind = fmt or {".html": "html", ".htm": "html", ".csv": "csv", ".json": "json"}.get(
        Path(output).suffix.lower() if output else "", "markdown")
    if output:
        check_target(output, force)
    pipe = Pipeline(rules_dirs, knowledge_dirs, engine, include_builtin=not no_builtin)
    try:
        result = sw.run_sweep(pipe, source, axes, lang, overrides)
    finally:
        pipe.close()
    if kind == "html":
        text = sw.render_html(result, lang)
    elif kind == "csv":
        text = sw.render_csv(result, lang)
    elif kind == "json":
        text = sw.render_json(result)
    else:
        text = sw.render_markdown(result, lang)
    if output:
        write_atomic(output, text, force)
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(text, nl=False)
