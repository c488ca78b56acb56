"""Fixtures for the report tests: the small test KB, report data, and external tools."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

from pvrules.pipeline import Pipeline
from pvrules.render.report_data import ReportData, build_report_data

DATA = Path(__file__).resolve().parent.parent / "data"
KB_RULES = DATA / "kb" / "rules"
KB_KNOWLEDGE = DATA / "kb" / "knowledge"
CASE_SMALL = DATA / "case_small.yaml"
DAY = dt.date(2026, 11, 27)
SMALL_KB_ARGS = ["--no-builtin", "--rules-dir", str(KB_RULES), "--knowledge-dir",
                 str(KB_KNOWLEDGE)]


@pytest.fixture(scope="session")
def small_pipe() -> Iterator[Pipeline]:
    """The small test knowledge base, reference engine."""
    pipe = Pipeline(rules_dirs=[KB_RULES], knowledge_dirs=[KB_KNOWLEDGE], engine_name="python",
                    include_builtin=False)
    yield pipe
    pipe.close()


def make_data(pipe: Pipeline, case: str | Path, lang: str = "nl",
              day: dt.date = DAY) -> ReportData:
    """Report data for ``case`` evaluated with ``pipe``."""
    result = pipe.evaluate_file(str(case))
    return build_report_data(pipe.kb, result, pipe.advice(result, lang), day)


@pytest.fixture(scope="session")
def h() -> SimpleNamespace:
    """Paths and helpers for the tests (conftest cannot be imported in importlib mode)."""
    return SimpleNamespace(DATA=DATA, KB_RULES=KB_RULES, KB_KNOWLEDGE=KB_KNOWLEDGE,
                           CASE_SMALL=CASE_SMALL, DAY=DAY, SMALL_KB_ARGS=SMALL_KB_ARGS,
                           make_data=make_data, GOLDEN=Path(__file__).parent / "golden",
                           BAD=Path(__file__).parent / "bad_templates")


@pytest.fixture(scope="session")
def small_data(small_pipe: Pipeline) -> ReportData:
    """Report data of tests/data/case_small.yaml, in Dutch."""
    return make_data(small_pipe, CASE_SMALL)


@pytest.fixture
def hostile_case(tmp_path: Path) -> Path:
    """The small case with markup and quotes in names and notes."""
    text = CASE_SMALL.read_text(encoding="utf-8").replace(
        "casus: {id: t1, titel: Test}",
        'casus: {id: t1, titel: "Test <b>vet</b> & co", '
        'toelichting: "<script>alert(1)</script> \\"quoted\\" | pipe"}').replace(
        "{id: o1, ", '{id: o1, naam: "<img src=x onerror=alert(2)>", ')
    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _tool(names: tuple[str, ...], what: str) -> str:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    message = (f"{what} is not installed ({' or '.join(names)}); "
               "install it with .ci/install-report-deps.sh")
    if os.environ.get("CI"):
        pytest.fail(f"CI is set but {message}")
    pytest.skip(message)
    raise AssertionError  # pragma: no cover


@pytest.fixture(scope="session")
def chromium() -> str:
    """The headless Chromium binary; skips locally, fails under CI, when missing."""
    return _tool(("chromium", "chromium-browser", "google-chrome"), "Chromium")


@pytest.fixture(scope="session")
def libreoffice() -> str:
    """The LibreOffice binary; skips locally, fails under CI, when missing."""
    return _tool(("libreoffice", "soffice"), "LibreOffice")
