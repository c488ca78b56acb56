"""What a real example case knew at its date about its own process is stated, not asked.

Whether the councils (or Provinciale Staten) had already chosen a direction is known on the
reference date of a real case; left unknown, the advice asks the client something its own file
could say (review 1, cross-cutting 3).
"""

from __future__ import annotations

import pytest

from pvrules.pipeline import Pipeline, example_names


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(engine_name="python")


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("name", example_names())
def test_a_real_case_with_options_states_whether_a_direction_was_chosen(pipe: Pipeline,
                                                                         name: str) -> None:
    case = pipe.load_case(f"example:{name}")
    if not case.meta.bronnen or not case.entities.get("optie"):
        pytest.skip("a fictional case, or no options on the table")
    value = case.facts.get(("case", "case"), {}).get("richting_gekozen")
    assert value is not None, f"{name}: state richting_gekozen (true or false) as of the case date"
