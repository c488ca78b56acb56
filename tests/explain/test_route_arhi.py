"""The route of a herindeling the province started, seen from a municipality that responds.

The raad gives a zienswijze on the ontwerp of Gedeputeerde Staten; Provinciale Staten adopt the
herindelingsadvies; the legislature decides. The general Wet arhi steps follow who started the
procedure (``arhi_initiatief``), not only which kind of client asks. Real knowledge base, the
synthetic case in rules/tests/_cases/ (the cases directly in tests/data/cases/ are the
small test knowledge base's).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pvrules.explain.context import ExplainContext
from pvrules.explain.decisions_model import Decisions
from pvrules.pipeline import Pipeline

CASE = (Path(__file__).parents[2] / "rules" / "tests" / "_cases"
        / "arhi_provinciaal_initiatief.yaml")
# a municipality willing on conditions, with a merger option that stays on the table
ON_CONDITIONS = ("standpunt_opdrachtgever_herindeling=onder_voorwaarden",
                 "optie:herindeling_marlo.steun_raden=gemiddeld", "draagvlak_raad=gemiddeld")


@pytest.fixture(scope="module")
def real() -> Pipeline:
    return Pipeline()


def _decide(pipe: Pipeline, overrides: tuple[str, ...], lang: str = "nl") -> Decisions:
    return ExplainContext(pipe.kb, pipe.evaluate_file(str(CASE), overrides), lang).decisions


def test_the_council_gives_a_view_and_the_provincial_council_adopts_the_advice(
        real: Pipeline) -> None:
    """The provincial route replaces the bottom-up steps; who decides is said at each step."""
    route = {s.step: s for s in _decide(real, ON_CONDITIONS).route}
    assert {"arhi_zienswijze_raad", "arhi_advies_staten", "arhi_wetgever_beslist"} <= set(route)
    assert not {"arhi_ter_inzage", "arhi_herindelingsadvies", "arhi_wetsvoorstel"} & set(route)
    assert route["arhi_zienswijze_raad"].who is not None
    assert route["arhi_zienswijze_raad"].who.startswith("de raad")
    assert (route["arhi_advies_staten"].who or "").startswith("Provinciale Staten")
    assert "1 januari 2027" in (route["arhi_wetgever_beslist"].when or "")


def test_a_general_arhi_step_names_the_province_when_it_started_the_procedure(
        real: Pipeline) -> None:
    """Before the ontwerp (no view yet), the ontwerp step is the province's, not the raden's."""
    overrides = (*ON_CONDITIONS, "arhi_stap=geen")
    own = {s.step: s.who for s in _decide(real, overrides).route}
    assert own.get("arhi_herindelingsontwerp") == "Gedeputeerde Staten (provinciaal initiatief)"
    bottom_up = {s.step: s.who for s in _decide(
        real, (*overrides, "arhi_initiatief=gemeenten")).route}
    assert (bottom_up.get("arhi_herindelingsontwerp") or "").startswith("de raden")
