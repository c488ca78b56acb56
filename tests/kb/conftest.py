"""Paths to the small test knowledge base."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "data"
SMALL_KB = {"rules_dirs": [str(DATA / "kb" / "rules")],
            "knowledge_dirs": [str(DATA / "kb" / "knowledge")],
            "include_builtin": False, "use_env": False}
SMALL_ARGS = ["--no-builtin", "--rules-dir", str(DATA / "kb" / "rules"),
              "--knowledge-dir", str(DATA / "kb" / "knowledge")]


@pytest.fixture(autouse=True)
def _no_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PVRULES_RULES_PATH", raising=False)
    monkeypatch.delenv("PVRULES_KNOWLEDGE_PATH", raising=False)
