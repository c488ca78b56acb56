"""``pvrules advise`` on a terminal: one screen, colour only on a terminal, NO_COLOR respected."""

from __future__ import annotations

import datetime as dt
import os
import pty
import select
import subprocess
import sys
import tempfile
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from pvrules.messages import Messages
from pvrules.render.report import context
from pvrules.render.terminal import MAX_LINES, render_terminal, wants_colour


def test_summary_fits_one_screen(decisions: dict[str, Any]) -> None:
    decisions["answer"] = " ".join(["Een lange kernboodschap."] * 60)
    decisions["key_recommendations"] = decisions["key_recommendations"] * 2  # more than fits
    for width in (40, 80, 200):
        out = render_terminal(context(decisions, "nl", dt.date(2026, 11, 27)), width)
        lines = out.splitlines()
        assert len(lines) <= MAX_LINES
        assert max(len(line) for line in lines) <= max(40, min(width, 100))


def test_summary_has_answer_diagnosis_and_key_recommendations(decisions: dict[str, Any]) -> None:
    out = render_terminal(context(decisions, "nl", dt.date(2026, 11, 27)), 100)
    flat = " ".join(out.split())
    assert decisions["answer"] in flat
    for corner in decisions["triangle"]["corners"]:
        assert corner["label"] in out and corner["level"] in out
    assert decisions["triangle"]["balance"]["label"] in out
    for rec in decisions["key_recommendations"]:
        assert rec["label"] in flat
    assert Messages("nl")("report.terminal_more") in flat
    assert "\x1b" not in out


@pytest.mark.parametrize(("tty", "env", "expected"), [
    (True, {}, True), (False, {}, False), (True, {"NO_COLOR": "1"}, False),
    (True, {"TERM": "dumb"}, False),
])
def test_colour_only_on_a_terminal(tty: bool, env: dict[str, str], expected: bool) -> None:
    assert wants_colour(tty, env) is expected


def _run_in_pty(args: list[str], env: dict[str, str]) -> str:
    """Run pvrules with its standard output on a pseudo terminal; return what it wrote."""
    main, secondary = pty.openpty()
    # outside the checkout: 'python -m' puts the working folder first on sys.path
    proc = subprocess.Popen([sys.executable, "-m", "pvrules", *args], stdout=secondary,
                            stderr=subprocess.PIPE, env=env, close_fds=True,
                            cwd=tempfile.gettempdir())
    os.close(secondary)
    chunks: list[bytes] = []
    while True:
        ready, _, _ = select.select([main], [], [], 120)
        if not ready:
            break
        try:
            chunk = os.read(main, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait(timeout=120)
    os.close(main)
    assert proc.stderr is not None
    errors = proc.stderr.read().decode()
    proc.stderr.close()
    assert proc.returncode == 0, errors
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


@pytest.mark.slow
def test_advise_on_a_terminal(h: SimpleNamespace, tmp_path: Path) -> None:
    env = {**os.environ, "PVRULES_CACHE_DIR": str(tmp_path), "COLUMNS": "80", "LINES": "40"}
    env.pop("NO_COLOR", None)
    args = ["advise", str(h.CASE_SMALL), *h.SMALL_KB_ARGS, "--engine", "python"]
    short = _run_in_pty(args, env)
    assert len(short.splitlines()) <= MAX_LINES
    assert "\x1b[" in short
    assert Messages("nl")("report.chains") not in short
    plain = _run_in_pty(args, {**env, "NO_COLOR": "1"})
    assert "\x1b" not in plain
    full = _run_in_pty([*args, "--full"], {**env, "NO_COLOR": "1"})
    assert Messages("nl")("report.chains") in full
    assert _run_in_pty([*args, "-o", "-"], {**env, "NO_COLOR": "1"}) == full
    piped = subprocess.run([sys.executable, "-m", "pvrules", *args], env=env,
                           cwd=tempfile.gettempdir(), capture_output=True, text=True,
                           timeout=120, check=True).stdout
    assert piped == full.replace("\r", "")
    assert "\x1b" not in piped
