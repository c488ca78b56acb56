"""A real example case (one with its own sources) is advised with sources a raad can check.

An advisor cannot cite a work without a known author or publisher; such a source may stay in the
knowledge base only for a claim nothing else carries, and then it does not reach the advice of a
real case through the general rules.
"""

from __future__ import annotations

import pytest

from pvrules.pipeline import Pipeline, example_names


def _unknown(value: str | None) -> bool:
    return not value or value.strip().lower() in {"onbekend", "unknown"}


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(engine_name="python")


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("name", example_names())
def test_a_real_case_cites_only_sources_with_an_author_or_publisher(pipe: Pipeline,
                                                                    name: str) -> None:
    case = pipe.load_case(f"example:{name}")
    if not case.meta.bronnen:
        pytest.skip("a fictional case (no sources of its own)")
    advice = pipe.advice(pipe.evaluate(case))
    known = pipe.kb.catalogues.sources
    anonymous = [s.id for s in advice.sources
                 if _unknown(known[s.id].author) and _unknown(known[s.id].publisher)]
    assert not anonymous, f"{name} cites sources without author or publisher: {anonymous}"
