"""A chosen option's route is its establishment route: no block per option, one 'not chosen' line.

The built-in knowledge base on the synthetic cases of rules/tests/_cases/design_*.yaml.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pvrules.explain.context import ExplainContext
from pvrules.explain.decisions_model import Decisions
from pvrules.pipeline import Pipeline

CASES = Path(__file__).resolve().parents[2] / "rules" / "tests" / "_cases"


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline()


def _decide(pipe: Pipeline, name: str, lang: str = "nl",
            overrides: tuple[str, ...] = ()) -> Decisions:
    result = pipe.evaluate_file(str(CASES / f"{name}.yaml"), overrides)
    return ExplainContext(pipe.kb, result, lang).decisions


@pytest.mark.parametrize(("lang", "if_option", "not_chosen"), [
    ("nl", "Als de raden kiezen", "Niet gekozen, en daarom niet uitgewerkt: ‘Een "
     "centrumregeling met Aldam als centrumgemeente’ en ‘De huidige samenwerking verbeteren’"),
    ("en", "If the councils choose", "Not chosen, and therefore not worked out: ‘A "
     "centre-municipality arrangement with Aldam as centre’ and ‘Improve the current "
     "collaboration’"),
])
def test_a_chosen_option_gets_its_own_route_and_the_others_one_line(
        pipe: Pipeline, lang: str, if_option: str, not_chosen: str) -> None:
    d = _decide(pipe, "design_gr_gekozen", lang)
    headings = [g.heading for g in d.route_groups if g.heading]
    assert not any(h.startswith(if_option) for h in headings), headings
    assert not_chosen in headings
    steps = [s.step for s in d.route]
    assert all(not s.options for s in d.route)
    # the establishment route in order: draft, views (2023: after 1 July 2022), consent, enter,
    # publish
    order = ["wgr_ontwerp_regeling", "wgr_zienswijze_ontwerp", "wgr_toestemming_raden",
             "ontwerp_regeling_treffen", "ontwerp_regeling_bekendmaken"]
    assert [s for s in steps if s in order] == order
    assert "besluit_verbetering" not in steps  # a step of an option not chosen


def test_without_a_chosen_direction_the_options_keep_their_blocks(pipe: Pipeline) -> None:
    d = _decide(pipe, "design_gr_gekozen",
                overrides=("richting_gekozen=false", "opties[0].gekozen=false"))
    headings = [g.heading or "" for g in d.route_groups]
    assert any(h.startswith("Als de raden kiezen") for h in headings), headings
    assert not any(h.startswith("Niet gekozen") for h in headings)


@pytest.mark.parametrize(("overrides", "start"), [
    ((), "nu, naast de uitwerking van de gekozen richting"),
    (("richting_gekozen=false",), "vóór het besluit over de richting"),
])
def test_a_step_before_the_direction_says_now_once_it_is_chosen(
        pipe: Pipeline, overrides: tuple[str, ...], start: str) -> None:
    """The capacity plan of a weak organisation: not 'before the decision' once it is made."""
    d = _decide(pipe, "design_werkorganisatie", overrides=overrides)
    step = next(s for s in d.route if s.step == "capaciteit_nagaan")
    assert (step.when or "").startswith(start), step.when
