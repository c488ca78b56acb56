"""Shared test configuration: caches in a temporary folder, the one golden-file helper.

The pvrules pytest plugin collects expert YAML tests.
"""

from __future__ import annotations

import datetime as dt
import difflib
import gc
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest


def _cache_bytecode() -> None:
    """Compile each module once, not at every run, where the environment says not to write
    bytecode (``PYTHONDONTWRITEBYTECODE``, as in this project's sandbox).

    Without it every run of the edit loop compiled pvrules, the test modules (and their
    assertion rewriting) and every ``python -m pvrules`` a test starts from source again:
    about a tenth of the loop. The bytecode goes to a folder of this user alone outside
    the checkout (``PYTHONPYCACHEPREFIX``), so no ``__pycache__`` appears in the tree; a
    prefix the user set is kept, and a folder others could write is not used.
    """
    if not sys.dont_write_bytecode or sys.pycache_prefix or not hasattr(os, "getuid"):
        return
    folder = os.path.join(tempfile.gettempdir(), f"pvrules-test-pyc-{os.getuid()}")
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        info = os.stat(folder, follow_symlinks=False)
    except OSError:
        return
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077:
        return
    sys.pycache_prefix = folder
    sys.dont_write_bytecode = False
    os.environ[PYCACHE_ENV] = folder  # and for the pvrules processes tests start
    os.environ.pop(NO_BYTECODE_ENV, None)


PYCACHE_ENV = "PYTHONPYCACHEPREFIX"
NO_BYTECODE_ENV = "PYTHONDONTWRITEBYTECODE"
_cache_bytecode()  # before the plugin below imports pvrules

pytest_plugins = ["pvrules.testing.plugin"]

REGEN_ENV = "PVRULES_REGEN_GOLDEN"
_CACHE_ENV = "PVRULES_CACHE_DIR"
_KEY_ENV = "PVRULES_CACHE_KEY_FILE"
_run_folder: str | None = None
_previous: dict[str, str | None] = {}
_previous_gc: list[int] = []


def pytest_configure(config: pytest.Config) -> None:
    """Point the compiled-KB cache and its key at a fresh temporary folder for the whole run.

    A hook rather than a fixture, because some test modules load a knowledge base
    while they are collected, before any fixture runs. Tests never write to ``~``:
    not the cache (``~/.cache/pvrules``), not its key (``~/.config/pvrules``). One
    cache for the run, so that each knowledge base is compiled once.
    """
    global _run_folder  # noqa: PLW0603 - one folder per test run
    _run_folder = tempfile.mkdtemp(prefix="pvrules-test-cache-")
    for name, value in ((_CACHE_ENV, os.path.join(_run_folder, "cache")),
                        (_KEY_ENV, os.path.join(_run_folder, "key", "cache.key"))):
        _previous[name] = os.environ.get(name)
        os.environ[name] = value


def pytest_unconfigure(config: pytest.Config) -> None:
    """Remove the run's cache folder, restore the environment and the collector."""
    if _previous_gc:
        gc.set_threshold(*_previous_gc)
    if _run_folder is not None:
        shutil.rmtree(_run_folder, ignore_errors=True)
    for name, value in _previous.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


GC_THRESHOLD = (50_000, 20, 100)
"""The cyclic garbage collector's thresholds during the tests (Python's are 700, 10, 10).

Tests build and drop many large object graphs (knowledge bases, decisions, documents);
at Python's thresholds the collector ran about 4,000 times and took 6.5 s of the edit
loop's 58 s of CPU, at these 80 times and 2 s. Only the test run is tuned: what a test
checks does not depend on when cycles are collected."""


def pytest_collection_finish(session: pytest.Session) -> None:
    """Move what collection built (modules, test items, knowledge bases) out of the
    garbage collector's way: it lives for the whole run, and tracing it again at every
    full collection cost about a tenth of the edit loop's time. Then collect less often
    (:data:`GC_THRESHOLD`)."""
    gc.collect()
    gc.freeze()
    _previous_gc.extend(gc.get_threshold())
    gc.set_threshold(*GC_THRESHOLD)


_MONTHS = {"nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
                  "september", "oktober", "november", "december"],
           "en": ["January", "February", "March", "April", "May", "June", "July", "August",
                  "September", "October", "November", "December"]}


def _date_forms(day: dt.date) -> list[str]:
    return [day.isoformat(),
            *(f"{day.day} {months[day.month - 1]} {day.year}" for months in _MONTHS.values())]


def mask(text: str, *, kb_hash: str | None = None, dates: Iterable[dt.date] = ()) -> str:
    """``text`` with the knowledge-base hash and the given dates (and today) masked."""
    if kb_hash:
        text = text.replace(kb_hash, "<kb-hash>")
    for day in {*dates, dt.date.today()}:
        for form in _date_forms(day):
            text = text.replace(form, "<date>")
    return text


def check_golden(path: Path, text: str, *, test: str = "", kb_hash: str | None = None,
                 dates: Iterable[dt.date] = ()) -> None:
    """Compare ``text`` (masked, see :func:`mask`) with the golden file ``path``.

    A missing file fails with the command that creates it; ``PVRULES_REGEN_GOLDEN=1``
    (and nothing else) rewrites it.
    """
    text = mask(text, kb_hash=kb_hash, dates=dates)
    command = f"{REGEN_ENV}=1 pytest -q '{test}'" if test else f"{REGEN_ENV}=1 pytest -q"
    if os.environ.get(REGEN_ENV) == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    if not path.exists():
        pytest.fail(f"golden file {path} is missing; review the output, then create it "
                    f"with: {command}", pytrace=False)
    expected = path.read_text(encoding="utf-8")
    if text != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), text.splitlines(True),
                                            path.name, "now", n=1))
        pytest.fail(f"output differs from {path}; if the change is intended, read the diff "
                    f"and regenerate with: {command}\n{diff[:4000]}", pytrace=False)


Golden = Callable[..., None]


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Golden:
    """The golden-file check for this test: ``golden(path, text, kb_hash=..., dates=...)``."""
    def check(path: Path, text: str, **options: object) -> None:
        check_golden(path, text, test=request.node.nodeid, **options)  # type: ignore[arg-type]

    return check


FAST_SAMPLE = "fast_sample"


@pytest.hookimpl(tryfirst=True)  # before ``-m`` deselects by marker
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark ``slow`` what the edit loop leaves out.

    * tests that drive a browser or LibreOffice are slow by nature;
    * of a parametrized test marked ``fast_sample(n, per=("param", ...))``, the first ``n``
      cases (for each value of the ``per`` parameters) stay in the edit loop and the other
      cases are marked ``slow``: they still run in the full suite.
    """
    kept: dict[tuple[object, ...], int] = {}
    for item in items:
        if item.get_closest_marker("browser") is not None:
            item.add_marker(pytest.mark.slow)
        sample = item.get_closest_marker(FAST_SAMPLE)
        if sample is None:
            continue
        keep = int(sample.args[0]) if sample.args else 1
        params = getattr(item, "callspec", None)
        if params is None:
            raise pytest.UsageError(f"{item.nodeid}: {FAST_SAMPLE} needs a parametrized test")
        try:
            group = tuple(repr(params.params[name]) for name in sample.kwargs.get("per", ()))
        except KeyError as err:
            raise pytest.UsageError(f"{item.nodeid}: {FAST_SAMPLE}(per=...) names {err}, "
                                    f"which is not one of its parameters") from None
        key = (item.path, item.originalname, *group)  # type: ignore[attr-defined]
        kept[key] = kept.get(key, 0) + 1
        if kept[key] > keep:
            item.add_marker(pytest.mark.slow)
