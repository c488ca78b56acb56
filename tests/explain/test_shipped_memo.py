"""The run-wide contexts of the shipped examples (shipped.example_ctx) are safe to share.

Tests in many modules read one context per example, language and ``--set``: sharing it
must give what a context of their own would give, and must never hand one test the
context of another case, language or engine.
"""

from __future__ import annotations

import pytest

from pvrules.pipeline import Pipeline
from pvrules.render.jsonout import to_jsonable

from .shipped import example_ctx, fresh_example_ctx, shipped_examples

NAME = "a2-2019"


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(engine_name="python")


@pytest.mark.skipif(not shipped_examples(), reason="built-in knowledge base broken")
def test_a_shared_context_is_one_per_example_language_set_and_engine(pipe: Pipeline) -> None:
    shared = example_ctx(pipe, NAME)
    assert example_ctx(Pipeline(engine_name="python"), NAME) is shared  # another module's pipe
    assert example_ctx(pipe, NAME, "en") is not shared
    assert example_ctx(pipe, NAME, "en").lang == "en"
    changed = example_ctx(pipe, NAME, "nl", ("richting_gekozen=true",))
    assert changed is not shared
    assert changed.result.case.facts != shared.result.case.facts
    assert example_ctx(Pipeline(), NAME) is not shared  # the other engine: its own context


@pytest.mark.skipif(not shipped_examples(), reason="built-in knowledge base broken")
def test_a_shared_context_decides_as_a_fresh_one(pipe: Pipeline) -> None:
    """Whatever tests read from the shared context before, its decisions are those of a
    context built now (they are frozen, and reading them changes nothing)."""
    shared = example_ctx(pipe, NAME)
    _ = shared.decisions, shared.advice, shared.incremental
    fresh = fresh_example_ctx(pipe, NAME)
    assert fresh is not shared
    assert to_jsonable(shared.decisions) == to_jsonable(fresh.decisions)
