"""``pvrules report``: a draft advisory report (Markdown, HTML or Word) an advisor can send."""

from __future__ import annotations

import sys

import click

from pvrules.cli.common import case_source, guarded, kb_options, lang_option, set_option


@click.command("report")
@click.argument("case", required=False, type=click.Path(dir_okay=False))
@click.option("--example", is_flag=False, flag_value="__default__", default=None,
              metavar="[NAME]", help="Use a built-in example case (default: a2-2019).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write the report to this file (.md, .html or .docx; '-' for standard "
                   "output); without it Markdown or HTML goes to standard output.")
@click.option("--format", "fmt", type=click.Choice(["markdown", "html", "docx"]), default=None,
              help="Output format (default: from the extension of --output, else markdown).")
@click.option("--date", "date", metavar="YYYY-MM-DD", default=None,
              help="The report's date (default: today); pins it for reproducible output.")
@click.option("--template-dir", type=click.Path(exists=True, file_okay=False), default=None,
              help="Folder with your own templates (report.md.j2, report.html.j2, "
                   "report.docx); each overrides the built-in one of that name.")
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
@lang_option
@set_option
@kb_options
@guarded
def report(case: str | None, example: str | None, output: str | None, fmt: str | None,
           date: str | None, template_dir: str | None, force: bool, lang: str,
           overrides: tuple[str, ...], rules_dirs: tuple[str, ...],
           knowledge_dirs: tuple[str, ...], engine: str, no_builtin: bool = False) -> None:
    """Write the first draft of an advisory report for CASE.

    The report has a summary, the question, the diagnosis along the public
    value triangle (with a picture of it), the recommended form of
    collaboration per task with the options weighed, the governance measures,
    the options for the council side by side, and an appendix that makes the
    advice reproducible (rules applied, facts, unknowns, knowledge-base version).
    """
    from pvrules.errors import InputError, Problem
    from pvrules.pipeline import Pipeline
    from pvrules.render.output import check_target, write_atomic
    from pvrules.render.report import format_for, parse_date, render_report
    from pvrules.render.report_data import build_report_data

    source = case_source(case, example)
    kind = format_for(None if output == "-" else output, fmt)
    day = parse_date(date)
    if kind == "docx" and (not output or (output == "-" and sys.stdout.isatty())):
        raise InputError("a Word report needs a file name", [Problem(
            "no-output", "--format docx cannot be written to standard output", "--output",
            suggestion="add -o advies.docx")])
    if output:
        check_target(output, force)
    pipe = Pipeline(rules_dirs, knowledge_dirs, engine, include_builtin=not no_builtin)
    try:
        result = pipe.evaluate_file(source, overrides)
        advice = pipe.advice(result, lang)
        data = build_report_data(pipe.kb, result, advice, day)
    finally:
        pipe.close()
    payload = render_report(data, kind, template_dir)
    if output:
        write_atomic(output, payload, force)
        if output != "-":
            click.echo(f"wrote {output}", err=True)
    else:
        click.echo(payload.decode("utf-8"), nl=False)
