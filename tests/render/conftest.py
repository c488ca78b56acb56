"""Fixtures for the document tests: decisions to render, the small test KB, external tools.

The renderers are tested on decisions given as data (``data/decisions_nl.json``, the
JSON shape of ``pvrules advise --format json``), so that a change of the knowledge
base does not change what these tests check; the examples are rendered end to end in
``test_examples.py``.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
DATA = HERE.parent / "data"
KB_RULES = DATA / "kb" / "rules"
KB_KNOWLEDGE = DATA / "kb" / "knowledge"
CASE_SMALL = DATA / "case_small.yaml"
DAY = dt.date(2026, 11, 27)
SMALL_KB_ARGS = ["--no-builtin", "--rules-dir", str(KB_RULES), "--knowledge-dir",
                 str(KB_KNOWLEDGE)]
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--hide-scrollbars"]
APPENDIX_MARK = "data-appendix"
"""The attribute on the HTML element where the appendix starts."""


def load_decisions(name: str = "decisions_nl.json") -> dict[str, Any]:
    """The decisions of ``data/<name>`` as plain data."""
    data: dict[str, Any] = json.loads((HERE / "data" / name).read_text(encoding="utf-8"))
    return data


HOSTILE = [
    "<script>alert(1)</script>",
    "[klik](javascript:alert(1))",
    "begin <!-- verborgen",
    "regel een\n# Kop uit de casus\n| a | b |\n|---|---|",
    "x\x1b[2J\x1b]0;titel\x07y\x9b31m",
    "1. geen lijst",
]


def hostile(decisions: dict[str, Any]) -> dict[str, Any]:
    """``decisions`` with a hostile text appended to every string a case or KB could supply."""
    out = copy.deepcopy(decisions)
    counter = iter(range(10**6))
    safe_keys = {"id", "item", "theme", "sign", "score", "fact", "opgave", "form", "step",
                 "number", "kind", "year", "date", "applied_for", "valid_from", "valid_to",
                 "url", "preference", "chain", "rank", "max_rank", "weight", "soort"}

    def walk(value: Any, key: str | None = None) -> Any:
        if isinstance(value, dict):
            return {k: walk(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v, key) for v in value]
        if isinstance(value, str) and key not in safe_keys:
            return f"{value} {HOSTILE[next(counter) % len(HOSTILE)]}"
        return value

    result: dict[str, Any] = walk(out)
    result["sources"][0]["url"] = "javascript:alert(1)"
    return result


def pages_of(pdf: bytes) -> int:
    """The number of pages of a PDF (its page objects)."""
    import re

    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def print_html_to_pdf(chromium: str, html: str, tmp_path: Path, name: str = "page") -> bytes:
    """Print ``html`` with Chromium (print CSS, A4) and return the PDF."""
    page = tmp_path / f"{name}.html"
    page.write_text(html, encoding="utf-8")
    pdf = tmp_path / f"{name}.pdf"
    run = subprocess.run([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}",
                          "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()],
                         capture_output=True, text=True, timeout=180, check=False)
    assert pdf.exists(), run.stderr[-2000:]
    return pdf.read_bytes()


def word_to_pdf(libreoffice: str, docx: Path, tmp_path: Path) -> bytes:
    """Convert a .docx with LibreOffice headless; return the PDF."""
    profile = tmp_path / "lo-profile"
    run = subprocess.run([libreoffice, "--headless", "--norestore",
                          f"-env:UserInstallation={profile.as_uri()}", "--convert-to", "pdf",
                          "--outdir", str(tmp_path), str(docx)],
                         capture_output=True, text=True, timeout=300, check=False)
    pdf = tmp_path / (docx.stem + ".pdf")
    assert run.returncode == 0, run.stderr[-2000:]
    assert pdf.exists(), run.stdout + run.stderr
    return pdf.read_bytes()


@pytest.fixture(scope="session")
def h() -> SimpleNamespace:
    """Paths and helpers (conftest cannot be imported in importlib mode)."""
    return SimpleNamespace(DATA=DATA, KB_RULES=KB_RULES, KB_KNOWLEDGE=KB_KNOWLEDGE,
                           CASE_SMALL=CASE_SMALL, DAY=DAY, SMALL_KB_ARGS=SMALL_KB_ARGS,
                           GOLDEN=HERE / "golden", BAD=HERE / "bad_templates",
                           HOSTILE=HOSTILE, hostile=hostile, load=load_decisions,
                           pages_of=pages_of, print_html_to_pdf=print_html_to_pdf,
                           word_to_pdf=word_to_pdf, APPENDIX_MARK=APPENDIX_MARK)


@pytest.fixture
def decisions() -> dict[str, Any]:
    """The Dutch test decisions (a fresh copy per test)."""
    return load_decisions()


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
