"""A measure whose ``done_when`` names a bool fact is left out when the case states it.

A raad that already chose its direction (``richting_gekozen: true``) is not asked to state a
course again: ``draagvlak_peilen`` carries ``done_when: "richting_gekozen: true"``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pvrules.explain.context import ExplainContext
from pvrules.pipeline import Pipeline

CASE = (Path(__file__).resolve().parents[2] / "rules" / "tests" / "_cases"
        / "legit_richting_gekozen.yaml")


def _shown(overrides: list[str]) -> set[str]:
    pipe = Pipeline([], [], "python")
    try:
        result = pipe.evaluate_file(str(CASE), overrides)
        d = ExplainContext(pipe.kb, result, "nl").decisions
        return {r.item for r in d.key_recommendations} | \
            {r.item for g in d.recommendation_groups for r in g.items}
    finally:
        pipe.close()


@pytest.mark.parametrize(("chosen", "shown"), [("true", False), ("false", True)])
def test_a_raad_that_chose_is_not_asked_its_course_again(chosen: str, shown: bool) -> None:
    assert ("draagvlak_peilen" in _shown([f"richting_gekozen={chosen}"])) is shown
