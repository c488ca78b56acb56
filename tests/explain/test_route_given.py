"""What is given and what the client chooses: the route follows the real path (given14).

* A participant that has decided to leave the shared organisation (partner ``vertrekt``): the
  departure's steps stand before the option blocks, with the leaving partner as the one who
  leaves; no option block holds the exit as if the client left.
* A provincial Wet arhi procedure held pending the municipality's choice (``arhi_fase``): the
  raad chooses itself, and the Wet arhi steps are the municipalities' (art. 5), not Gedeputeerde
  and Provinciale Staten's.

Real knowledge base, the synthetic cases in rules/tests/_cases/.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pvrules.explain.context import ExplainContext
from pvrules.explain.decisions_model import Decisions
from pvrules.pipeline import Pipeline

CASES = Path(__file__).parents[2] / "rules" / "tests" / "_cases"
LEAVES = CASES / "given_partner_vertrekt.yaml"
AWAITS = CASES / "given_arhi_aangehouden.yaml"
DEPARTURE = ("vertrek_kosten_onderhandelen", "vertrek_continuiteit", "vertrek_opheffing",
             "or_advies", "sociaal_plan")


@pytest.fixture(scope="module")
def real() -> Pipeline:
    return Pipeline()


def _decide(pipe: Pipeline, case: Path, overrides: tuple[str, ...] = (),
            lang: str = "nl") -> Decisions:
    return ExplainContext(pipe.kb, pipe.evaluate_file(str(case), overrides), lang).decisions


def test_the_departure_of_a_partner_stands_before_the_option_blocks(real: Pipeline) -> None:
    """Every departure step is common, and listed ahead of the first option block."""
    d = _decide(real, LEAVES)
    common = [s.step for g in d.route_groups if g.heading is None for s in g.steps]
    assert set(DEPARTURE) <= set(common)
    first_block = next(i for i, g in enumerate(d.route_groups) if g.heading)
    ahead = {s.step for g in d.route_groups[:first_block] for s in g.steps}
    assert set(DEPARTURE) <= ahead
    assert not any(s.options for s in d.route if s.step in DEPARTURE)


def test_the_client_is_never_the_leaving_municipality(real: Pipeline) -> None:
    """The client's exit steps (as if it left) are not on the route; the leaver is named so."""
    d = _decide(real, LEAVES)
    steps = {s.step: s for s in d.route}
    assert not {"wgr_opheffing", "uittreden_besluit", "uittreding_berekenen"} & set(steps)
    assert "vertrekkende gemeente" in (steps["vertrek_kosten_onderhandelen"].who or "")
    assert not any("het college van de vertrekkende gemeente, met toestemming van de raad"
                   in (s.who or "") for s in d.route)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_without_a_decision_to_leave_the_exit_stays_in_the_option(real: Pipeline,
                                                                  lang: str) -> None:
    """A partner that only announced it will not take part: the client's own exit is an option."""
    d = _decide(real, LEAVES, ("partner:zuidmeer.vertrekt=false",), lang)
    steps = {s.step: s for s in d.route}
    assert "vertrek_kosten_onderhandelen" not in steps
    assert steps["wgr_opheffing"].options == ("eigen_organisatie",)


def test_a_procedure_on_hold_leaves_the_design_to_the_municipalities(real: Pipeline) -> None:
    """The raad chooses itself; the design and the advice are the raden's, not the province's."""
    d = _decide(real, AWAITS)
    steps = {s.step: s for s in d.route}
    assert "arhi_keuze_gemeente" in steps and "principebesluit_raad" not in steps
    assert (steps["arhi_herindelingsontwerp"].who or "").startswith("de raden")
    assert (steps["arhi_herindelingsadvies"].who or "").startswith("de raden")
    headings = [g.heading or "" for g in d.route_groups]
    assert not any("Provinciale Staten" in h or "zienswijze" in h for h in headings), headings
    assert any(h.startswith("Als de raad kiest") for h in headings), headings


def test_a_procedure_the_province_resumes_is_the_provinces_again(real: Pipeline) -> None:
    """Resumed (no longer awaiting the choice): the design step names Gedeputeerde Staten."""
    d = _decide(real, AWAITS, ("arhi_fase=hervat",))
    steps = {s.step: s for s in d.route}
    assert "arhi_keuze_gemeente" not in steps
    assert (steps["arhi_herindelingsontwerp"].who or "").startswith("Gedeputeerde Staten")


GROENHOVEN = Path(__file__).parents[2] / "examples" / "regionale-gr-jeugdhulp.yaml"


@pytest.mark.parametrize(("overrides", "listed"), [
    ((), False),  # the advice keeps every task's form: no proposal on the form to test
    (("samenwerking:gr_jeugdhulp.status=voorgenomen",), True),  # a regeling still to be formed
])
def test_a_sector_law_step_on_the_form_needs_a_change_of_form(
        real: Pipeline, overrides: tuple[str, ...], listed: bool) -> None:
    """Jeugdwet art. 2.8 asks to show, in a proposal on the form, how collaboration stays."""
    d = _decide(real, GROENHOVEN, overrides)
    assert ("jeugdwet_samenwerking" in {s.step for s in d.route}) is listed
