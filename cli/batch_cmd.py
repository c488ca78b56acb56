"""``pvrules batch``: the advice for many cases at once, with one summary table."""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from pvrules.cli.common import guarded, kb_options, lang_option


def _formats(text: str | None) -> tuple[str, ...]:
    from pvrules.batch.runner import REPORT_FORMATS
    from pvrules.errors import InputError, Problem

    if not text:
        return ()
    out: list[str] = []
    for part in text.split(","):
        name = {"markdown": "md", "json": ""}.get(part.strip().lower(), part.strip().lower())
        if name == "":
            continue  # the advice JSON is always written
        if name not in REPORT_FORMATS:
            raise InputError(f"unknown format '{part}'", [Problem(
                "bad-option", f"unknown format '{part}'", "--format",
                allowed=("json", *REPORT_FORMATS))])
        if name not in out:
            out.append(name)
    return tuple(sorted(out, key=list(REPORT_FORMATS).index))


def _cores() -> int:
    """The cores this process may run on (the default number of workers)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def _progress(total: int) -> tuple[Any, Any]:
    """A progress bar on stderr when it is a terminal; otherwise nothing."""
    if not sys.stderr.isatty():
        return None, None
    import tqdm

    tqdm.tqdm.monitor_interval = 0  # no monitor thread (the pool forks)
    bar = tqdm.tqdm(total=total, file=sys.stderr, unit="casus", leave=False)
    return bar, lambda _outcome: bar.update(1)


@click.command("batch")
@click.argument("source", metavar="INPUT")
@click.option("-o", "--output", "outdir", required=True, type=click.Path(file_okay=False),
              help="Folder for the results: cases/ID.json (and reports) per case, "
                   "summary.csv and summary.xlsx.")
@click.option("--format", "fmt", default=None, metavar="md,html,docx",
              help="Also write these reports per case (comma-separated); the advice "
                   "JSON is always written.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Processes to use (default: the number of cores).")
@click.option("--fail-fast", is_flag=True, help="Stop at the first case that fails.")
@click.option("--resume", is_flag=True,
              help="Skip cases whose output is complete from an earlier run.")
@click.option("--force", is_flag=True, help="Write into a folder that has results already.")
@click.option("--date", "date", metavar="YYYY-MM-DD", default=None,
              help="The date printed on the reports (default: today).")
@lang_option
@kb_options
@guarded
def batch(source: str, outdir: str, fmt: str | None, workers: int | None, fail_fast: bool,
          resume: bool, force: bool, date: str | None, lang: str, rules_dirs: tuple[str, ...],
          knowledge_dirs: tuple[str, ...], engine: str, no_builtin: bool) -> None:
    """Evaluate every case in INPUT and write the advice per case plus a summary.

    INPUT is a folder of case files, a JSON Lines file (one case per line) or a
    CSV file (one case per row: id, titel, datum and facts of the case as a
    whole, named as in the vocabulary), or example:portfolio for the shipped
    portfolio of municipalities. A case that fails becomes an error row in the
    summary and the batch goes on; the exit code is then 1.
    """
    from pathlib import Path

    from pvrules.batch.inputs import read_inputs
    from pvrules.batch.portfolio import resolve_input
    from pvrules.batch.runner import BatchConfig, case_dir, close_worker, preload, run_batch
    from pvrules.batch.tables import write_summaries
    from pvrules.errors import OutputError, Problem
    from pvrules.render.report import parse_date

    formats = _formats(fmt)
    items = read_inputs(resolve_input(source),
                        source if source.startswith("example:") else None)
    target = Path(outdir)
    if target.exists() and not target.is_dir():
        raise OutputError(f"{target} is not a folder", [Problem(
            "not-a-folder", "-o names the output folder", str(target))])
    existing = case_dir(target)
    if existing.is_dir() and any(existing.iterdir()) and not (resume or force):
        raise OutputError(f"{target} has results of an earlier batch", [Problem(
            "exists", "the output folder has results already", str(existing),
            suggestion="use --resume to finish that batch, --force to redo it, "
                       "or choose another folder")])
    target.mkdir(parents=True, exist_ok=True)
    config = BatchConfig(str(target), formats, lang, parse_date(date).isoformat(),
                         tuple(rules_dirs), tuple(knowledge_dirs), engine, not no_builtin,
                         resume)
    preload(config)  # a broken knowledge base stops here, with exit 2
    bar, progress = _progress(len(items))
    try:
        report = run_batch(items, config, workers or _cores(), fail_fast, progress)
    finally:
        if bar is not None:
            bar.close()
        close_worker()
    failed = [o for o in sorted(report.outcomes, key=lambda o: o.index) if o.status == "failed"]
    for outcome in failed[:20]:
        click.echo(f"error: {outcome.row.id}: {outcome.row.error}", err=True)
    if len(failed) > 20:
        click.echo(f"... and {len(failed) - 20} more errors (see summary.csv)", err=True)
    done = len(report.outcomes)
    if report.interrupted:
        click.echo(f"interrupted: {done} of {report.total} cases finished and written "
                   f"in {existing}; run again with --resume to finish", err=True)
        sys.exit(130)
    write_summaries(target, report.rows)
    skipped = report.count("skipped")
    click.echo(f"{done} of {report.total} cases: {report.count('done')} evaluated"
               + (f", {skipped} already complete" if skipped else "")
               + f", {len(failed)} failed; wrote {target / 'summary.csv'} and "
               f"{target / 'summary.xlsx'}", err=True)
    if failed:
        sys.exit(1)
