"""``pvrules test``: run the expert-written YAML tests, with coverage and a baseline diff."""

from __future__ import annotations

import sys

import click

from pvrules.cli.common import guarded, kb_options


@click.command("test")
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option("--coverage", is_flag=True,
              help="Also show the rules and conditions no test exercises.")
@click.option("--baseline", metavar="REV_OR_DIR", default=None,
              help="Show every test case and example whose advice or reasoning differs "
                   "from this git revision, or folder with rules/ and knowledge/.")
@kb_options
@guarded
def test(paths: tuple[str, ...], coverage: bool, baseline: str | None,
         rules_dirs: tuple[str, ...], knowledge_dirs: tuple[str, ...], engine: str,
         no_builtin: bool) -> None:
    """Run the expert tests in PATHS (files or folders of YAML tests).

    Without PATHS: the built-in tests plus the tests/ folder of each --rules-dir.
    Exit status: 0 when every test passes, 1 when one fails, 2 for a bad test file.
    """
    from pvrules.testing.report import render_report
    from pvrules.testing.session import run_tests

    run = run_tests(paths, rules_dirs, knowledge_dirs, include_builtin=not no_builtin,
                    engine=engine)
    click.echo(render_report(run.outcomes, run.problems), nl=False)
    if coverage:
        from pvrules.testing.coverage import measure, render_coverage

        click.echo("")
        click.echo(render_coverage(measure(run.kb, run.outcomes), run.kb), nl=False)
    code = run.exit_code
    if baseline is not None:
        from pvrules.testing.baseline import compare_baseline, render_changes

        changes = compare_baseline(baseline, run, rules_dirs, knowledge_dirs,
                                   include_builtin=not no_builtin)
        click.echo("")
        click.echo(render_changes(changes), nl=False)
    sys.exit(code)
