"""Fixtures for the explanation tests: the small test knowledge base and its case."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pvrules.infer.result import Result
from pvrules.pipeline import Pipeline
from pvrules.validate.case import Case

DATA = Path(__file__).resolve().parent.parent / "data"
GOLDEN = Path(__file__).resolve().parent / "golden"
RULES = DATA / "kb" / "rules"
KNOWLEDGE = DATA / "kb" / "knowledge"
CASE_FILE = DATA / "case_small.yaml"
REGEN = os.environ.get("PVRULES_REGEN_GOLDEN") == "1"
KB_ARGS = ["--rules-dir", str(RULES), "--knowledge-dir", str(KNOWLEDGE), "--no-builtin"]


def small_pipeline(engine: str = "python") -> Pipeline:
    return Pipeline(rules_dirs=[RULES], knowledge_dirs=[KNOWLEDGE], include_builtin=False,
                    engine_name=engine)


@pytest.fixture(scope="session")
def pipe() -> Pipeline:
    return small_pipeline()


@pytest.fixture(scope="session")
def case(pipe: Pipeline) -> Case:
    return pipe.load_case(str(CASE_FILE))


@pytest.fixture(scope="session")
def result(pipe: Pipeline, case: Case) -> Result:
    return pipe.evaluate(case)


def check_golden(name: str, text: str) -> None:
    """Compare ``text`` with ``golden/<name>``; write it with PVRULES_REGEN_GOLDEN=1."""
    path = GOLDEN / name
    if REGEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    if not path.exists():
        pytest.fail(f"golden file {path} is missing; review the output and create it with "
                    "PVRULES_REGEN_GOLDEN=1")
    assert text == path.read_text(encoding="utf-8"), (
        f"output differs from {path}; if the change is intended, review it and regenerate "
        "with PVRULES_REGEN_GOLDEN=1")
