"""Run a batch: every case to its advice JSON (and reports), in a pool of processes.

Each worker process loads and compiles the knowledge base once. Each case is
written by the worker that evaluates it, every file atomically (a temporary file
renamed into place), the advice JSON last: a case whose JSON exists is complete.
Results are collected by input position, so every output file and the summary
are byte-identical whatever the number of workers. A case that fails becomes an
error row; the batch goes on (unless ``fail_fast``).
"""

from __future__ import annotations

import json
import multiprocessing
import signal
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pvrules.batch.inputs import CaseInput
from pvrules.batch.summary import SummaryRow, error_row, summary_row
from pvrules.errors import PvrulesError

REPORT_FORMATS = {"md": "markdown", "html": "html", "docx": "docx"}
"""``--format`` names → report kinds; the advice JSON is always written."""

_WORKER: dict[str, Any] = {}
"""This process's pipeline, built by :func:`init_worker` (empty until then)."""


@dataclass(frozen=True)
class BatchConfig:
    """Everything a worker needs to evaluate and write a case."""

    outdir: str
    formats: tuple[str, ...] = ()
    lang: str = "nl"
    date: str = "2000-01-01"
    rules_dirs: tuple[str, ...] = ()
    knowledge_dirs: tuple[str, ...] = ()
    engine: str = "auto"
    include_builtin: bool = True
    resume: bool = False


@dataclass(frozen=True)
class Outcome:
    """What happened to one case."""

    index: int
    row: SummaryRow
    status: str
    """``done``, ``skipped`` (complete from an earlier run) or ``failed``."""


@dataclass
class BatchReport:
    """The outcome of a batch, in input order."""

    outcomes: list[Outcome] = field(default_factory=list)
    interrupted: bool = False
    total: int = 0

    @property
    def rows(self) -> list[SummaryRow]:
        """Summary rows in input order."""
        return [o.row for o in sorted(self.outcomes, key=lambda o: o.index)]

    def count(self, status: str) -> int:
        """How many cases ended with ``status``."""
        return sum(1 for o in self.outcomes if o.status == status)


def case_dir(outdir: str | Path) -> Path:
    """The folder of the per-case files."""
    return Path(outdir) / "cases"


def outputs_of(config: BatchConfig, name: str) -> list[Path]:
    """The files of one case: reports first, the advice JSON (written last) at the end."""
    folder = case_dir(config.outdir)
    return [*(folder / f"{name}.{fmt}" for fmt in config.formats), folder / f"{name}.json"]


def init_worker(config: BatchConfig, in_pool: bool = True) -> None:
    """Load the knowledge base and build the engine, once per process.

    In a pool worker, Ctrl-C is left to the parent: the worker finishes the case it
    is writing, so no case is left half-written.
    """
    from pvrules.pipeline import Pipeline

    if in_pool:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    pipe = _WORKER.get("pipe")
    if pipe is not None and pipe._engine is None:
        return  # loaded before the pool forked: each worker builds its own engine
    if pipe is not None:
        pipe.close()
    _WORKER["pipe"] = Pipeline(config.rules_dirs, config.knowledge_dirs, config.engine,
                               include_builtin=config.include_builtin)


def preload(config: BatchConfig) -> None:
    """Load the knowledge base in this process (before a pool forks), raising its errors."""
    from pvrules.pipeline import Pipeline

    close_worker()
    _WORKER["pipe"] = Pipeline(config.rules_dirs, config.knowledge_dirs, config.engine,
                               include_builtin=config.include_builtin)


def close_worker() -> None:
    """Release this process's engine."""
    pipe = _WORKER.pop("pipe", None)
    if pipe is not None:
        pipe.close()


def advice_json(pipe: Any, case: Any, lang: str) -> tuple[str, Any]:
    """The advice JSON text of a case (as ``pvrules advise --format json``), with its context."""
    from pvrules.explain.context import ExplainContext
    from pvrules.render.jsonout import render_advice_json

    ctx = ExplainContext(pipe.kb, pipe.evaluate(case), lang)
    return render_advice_json(ctx), ctx


def load_item(pipe: Any, item: CaseInput, date: str) -> Any:
    """Validate one batch input as a case."""
    import datetime as dt

    from pvrules.load.yamlio import Document
    from pvrules.validate.case import case_from_document

    today = dt.date.fromisoformat(date)  # the peildatum of a case without casus.datum
    if item.path is not None:
        return pipe.load_case(item.path, today=today)
    return case_from_document(Document(item.data, item.source, {}), pipe.kb.vocab, today=today)


def run_case(item: CaseInput, config: BatchConfig) -> Outcome:
    """Evaluate one case and write its files; never raises for a bad case."""
    from pvrules.render.output import write_atomic

    files = outputs_of(config, item.name)
    if config.resume and all(f.is_file() for f in files):
        try:
            advice = json.loads(files[-1].read_text(encoding="utf-8"))
            return Outcome(item.index, summary_row(advice, item.source), "skipped")
        except (OSError, ValueError):
            pass  # unreadable: evaluate again
    if item.problem is not None:
        return Outcome(item.index, error_row(item.name, item.problem, item.source), "failed")
    pipe = _WORKER["pipe"]
    try:
        case = load_item(pipe, item, config.date)
        text, ctx = advice_json(pipe, case, config.lang)
        if config.formats:
            import datetime as dt

            from pvrules.render.report import render_report

            day = dt.date.fromisoformat(config.date)
            for fmt, path in zip(config.formats, files, strict=False):
                payload = render_report(ctx.decisions, REPORT_FORMATS[fmt], lang=config.lang,
                                        day=day)
                write_atomic(path, payload, force=True)
        write_atomic(files[-1], text, force=True)
        return Outcome(item.index, summary_row(json.loads(text), item.source), "done")
    except PvrulesError as err:
        return Outcome(item.index, error_row(item.name, short_error(err), item.source), "failed")
    except Exception as err:  # one broken case must not stop the batch
        return Outcome(item.index, error_row(
            item.name, f"internal error: {type(err).__name__}: {err}", item.source), "failed")


def short_error(err: PvrulesError) -> str:
    """An error on one line for the summary: each problem's place, message and hint."""
    if not err.problems:
        return err.message
    parts = []
    for problem in err.problems:
        where = problem.file or ""
        if problem.line is not None:
            where += f":{problem.line}"
        text = f"{where}: " if where else ""
        text += f"at {problem.loc}: " if problem.loc else ""
        text += problem.message
        if problem.suggestion:
            text += f" ({problem.suggestion})"
        parts.append(text)
    return "; ".join(parts)


def run_chunk(items: Sequence[CaseInput], config: BatchConfig) -> list[Outcome]:
    """Run a few cases in a worker (one task per chunk keeps the pool's overhead low)."""
    return [run_case(item, config) for item in items]


def run_batch(items: Sequence[CaseInput], config: BatchConfig, workers: int = 1,
              fail_fast: bool = False,
              progress: Callable[[Outcome], None] | None = None) -> BatchReport:
    """Run every case; with ``workers > 1`` in a process pool.

    A ``KeyboardInterrupt`` stops submitting cases, lets the running ones finish
    writing and comes back as ``report.interrupted``.
    """
    case_dir(config.outdir).mkdir(parents=True, exist_ok=True)
    report = BatchReport(total=len(items))

    def record(outcome: Outcome) -> bool:
        report.outcomes.append(outcome)
        if progress is not None:
            progress(outcome)
        return fail_fast and outcome.status == "failed"

    if workers <= 1 or len(items) <= 1:
        if "pipe" not in _WORKER:
            init_worker(config, in_pool=False)
        try:
            for item in items:
                if record(run_case(item, config)):
                    break
        except KeyboardInterrupt:
            report.interrupted = True
        finally:
            close_worker()
        return report
    size = max(1, min(32, len(items) // (workers * 8)))
    chunks = [list(items[i:i + size]) for i in range(0, len(items), size)]
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=init_worker,
                               initargs=(config,))
    pending: dict[Future[list[Outcome]], list[CaseInput]] = {}
    queue = iter(chunks)
    stop = False
    try:
        while True:
            while not stop and len(pending) < 2 * workers:
                chunk = next(queue, None)
                if chunk is None:
                    break
                pending[pool.submit(run_chunk, chunk, config)] = chunk
            if not pending:
                break
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in sorted(done, key=lambda f: pending[f][0].index):
                chunk = pending.pop(future)
                try:
                    outcomes = future.result()
                except Exception as err:  # a worker died: its cases are errors, not a crash
                    outcomes = [Outcome(i.index, error_row(
                        i.name, f"worker failed: {type(err).__name__}: {err}", i.source),
                        "failed") for i in chunk]
                for outcome in outcomes:
                    stop = record(outcome) or stop
    except KeyboardInterrupt:
        report.interrupted = True
    finally:
        # Running chunks finish (workers ignore Ctrl-C); queued ones never start.
        pool.shutdown(wait=True, cancel_futures=True)
    return report
