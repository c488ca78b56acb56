"""``pvrules report``: the advice as a document an advisor sends (Markdown, HTML or Word)."""

from __future__ import annotations

import sys

import click

from pvrules.cli.common import case_source, guarded, kb_options, lang_option, set_option


@click.command("report")
@click.argument("case", required=False, type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--example", is_flag=False, flag_value="__default__", default=None,
              metavar="[NAME]", help="Use a built-in example case (default: a2-2019).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default=None,
              help="Write the document to this file (.md, .html or .docx; '-' for standard "
                   "output); without it Markdown or HTML goes to standard output.")
@click.option("--format", "fmt", type=click.Choice(["markdown", "html", "docx"]), default=None,
              help="Output format (default: from the extension of --output, else markdown).")
@click.option("--date", "date", metavar="YYYY-MM-DD", default=None,
              help="The document's date (default: today); pins it for reproducible output.")
@click.option("--author", default=None,
              help="The author named in the document and its Word properties "
                   "(default: casus.auteur).")
@click.option("--template-dir", type=click.Path(exists=True, file_okay=False), default=None,
              help="Folder with your own templates (report.md.j2, report.html.j2, "
                   "report.docx); each overrides the built-in one of that name. Templates "
                   "are rendered in a sandbox: they lay out data, they cannot run code.")
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
@lang_option
@set_option
@kb_options
@guarded
def report(case: str | None, example: str | None, output: str | None, fmt: str | None,
           date: str | None, author: str | None, template_dir: str | None, force: bool,
           lang: str, overrides: tuple[str, ...], rules_dirs: tuple[str, ...],
           knowledge_dirs: tuple[str, ...], engine: str, no_builtin: bool = False) -> None:
    """Write the advice for CASE as a document for the council.

    It answers the case's question first (kernboodschap, at most five key
    recommendations), then gives the background, the analysis per task, the
    state of organisation and legitimacy with the triangle, the options side
    by side, the measures, the route and what to find out first; an appendix
    holds every line of reasoning once and the sources.
    """
    from pvrules.errors import InputError, Problem
    from pvrules.explain.context import ExplainContext
    from pvrules.pipeline import Pipeline
    from pvrules.render.output import check_target, write_atomic
    from pvrules.render.report import format_for, parse_date, render_report

    source = case_source(case, example)
    to_file = output not in (None, "-")
    kind = format_for(output if to_file else None, fmt)
    day = parse_date(date)
    if kind == "docx" and (output is None or (output == "-" and sys.stdout.isatty())):
        raise InputError("a Word document needs a file name", [Problem(
            "no-output", "--format docx cannot be written to standard output", "--output",
            suggestion="add -o advies.docx")])
    if to_file:
        check_target(str(output), force)
    pipe = Pipeline(rules_dirs, knowledge_dirs, engine, include_builtin=not no_builtin)
    try:
        result = pipe.evaluate_file(source, overrides)
        decisions = ExplainContext(pipe.kb, result, lang).decisions
    finally:
        pipe.close()
    payload = render_report(decisions, kind, lang=lang, day=day, template_dir=template_dir,
                            author=author)
    if output:
        write_atomic(str(output), payload, force)
        if to_file:
            click.echo(f"wrote {output}", err=True)
    else:
        sys.stdout.flush()
        click.echo(payload.decode("utf-8"), nl=False)
    from pvrules.render.notitie import notitie_hint
    from pvrules.render.report import plain

    hint = notitie_hint(plain(decisions), lang)  # an early case: suggest a notitie, never switch
    if hint:
        click.echo(hint, err=True)
