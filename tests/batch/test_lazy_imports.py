"""Commands import the report, Word, image, spreadsheet and table code only when they need it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from pvrules.kb import load_kb

HEAVY = ("PIL", "docx", "docxtpl", "openpyxl", "tqdm", "pvrules.tables", "pvrules.render.docx",
         "pvrules.render.html", "pvrules.batch", "pvrules.serve", "fastapi", "starlette",
         "uvicorn", "pvrules.explain.whatif", "pvrules.explain.whatif_search",
         "pvrules.explain.whynot", "difflib")
"""Not needed to give the advice: reports, Word, images, tables, batch, the web server,
what-if and why-not, and the did-you-mean of a mistyped name."""

PROBE = """
import json, sys
from pvrules.cli import main
try:
    main({args}, standalone_mode=False)
finally:
    sys.stdout.flush()
    print(json.dumps(sorted(m for m in sys.modules)), file=sys.stderr)
"""


def loaded(args: list[str], tmp_path, cache: str | None = None) -> set[str]:  # type: ignore[no-untyped-def]
    """The modules a ``pvrules`` process running ``args`` has imported at its end.

    ``cache``: the compiled-KB cache folder it uses (default: a new, empty one).
    """
    env = {**os.environ, "PVRULES_CACHE_DIR": cache or str(tmp_path / "cache")}
    # run outside the checkout: 'python -c' puts the working folder on sys.path, and the
    # installed pvrules (not the source tree) is what is measured
    done = subprocess.run([sys.executable, "-c", PROBE.format(args=args)], env=env,
                          cwd=tmp_path, capture_output=True, text=True, check=True)
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def _heavy(modules: set[str]) -> set[str]:
    return {m for m in modules if m.split(".")[0] in HEAVY or m in HEAVY
            or any(m.startswith(h + ".") for h in HEAVY)}


def test_advise_with_the_cache_filled_imports_no_report_word_image_table_or_compiler_code(
        tmp_path) -> None:  # type: ignore[no-untyped-def]
    # The usual start: the built-in knowledge base compiled before (this run's cache, filled
    # here in-process if no test did so yet), so nothing is compiled or validated again.
    load_kb()
    modules = loaded(["advise", "--example"], tmp_path, os.environ["PVRULES_CACHE_DIR"])
    assert "pvrules.pipeline" in modules  # the probe really ran the command
    assert not _heavy(modules)
    assert "pvrules.compile.compiler" not in modules  # the cached base is not compiled


@pytest.mark.slow  # an empty cache: the process compiles the knowledge base (about 1.5 s)
@pytest.mark.parametrize("args", [
    ["advise", "--example"], ["advise", "--example", "--format", "json"]])
def test_advise_imports_no_report_word_image_or_table_code(args: list[str], tmp_path) -> None:  # type: ignore[no-untyped-def]
    modules = loaded(args, tmp_path)
    assert "pvrules.pipeline" in modules  # the probe really ran the command
    assert "pvrules.compile.compiler" in modules  # compiled: the longest import path
    assert not _heavy(modules)


@pytest.mark.slow  # a pvrules process that compiles the knowledge base; advise above stays fast
def test_batch_without_reports_imports_no_word_or_image_code(tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    modules = loaded(["batch", "example:portfolio", "-o", str(out), "--workers", "1"], tmp_path)
    assert "pvrules.batch.runner" in modules and "openpyxl" in modules  # the summary workbook
    # (openpyxl itself imports Pillow when it is installed, for images in workbooks)
    assert not {m for m in modules if m.split(".")[0] in ("docx", "docxtpl", "tqdm")}
    assert not {m for m in modules if m.startswith(("pvrules.render.docx", "pvrules.tables"))}
