"""Information steps come before the decision they inform, and that decision waits for them.

Review 6, Top 10 item 1: BAR's per-task choice and the board's improvement plan came after the
principebesluit the kernboodschap says they must precede; the ontvlechtingsraming had no step;
Havenstad's burgerberaad had none either; and a principebesluit was dated in the same season as
the months-long opgaven, peiling and verkenning before it (Veenoord, Havenstad). Real knowledge
base; the sweeps run over every shipped example.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pvrules.explain.decisions_model import Decisions
from pvrules.pipeline import Pipeline

from .shipped import example_ctx

EXAMPLES = sorted(p.stem for p in (Path(__file__).resolve().parents[2] / "examples").glob("*.yaml"))
CHOOSERS = {"principebesluit_raad", "principebesluit_staten"}
SEASONS = {"begin": 0, "voorjaar": 1, "zomer": 2, "najaar": 3, "eind": 4}
_SEASON = re.compile(r"\((begin|voorjaar|zomer|najaar|eind) (\d{4})\)")


@pytest.fixture(scope="module")
def real() -> Pipeline:
    return Pipeline()


def _decisions(real: Pipeline, name: str) -> Decisions:
    return example_ctx(real, name).decisions


def _season(when: str | None) -> tuple[int, int] | None:
    match = _SEASON.search(when or "")
    return (int(match.group(2)), SEASONS[match.group(1)]) if match else None


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("name", EXAMPLES)
def test_the_direction_is_chosen_no_earlier_than_the_information_before_it(
        real: Pipeline, name: str) -> None:
    d = _decisions(real, name)
    ahead: list[tuple[str, tuple[int, int]]] = []
    for group in d.route_groups:
        for step in group.steps:
            season = _season(step.when)
            if step.step in CHOOSERS and season is not None:
                late = [(s, t) for s, t in ahead if t > season]
                assert not late, (name, step.when, late)
            if group.heading is None and season is not None:
                ahead.append((step.step, season))


def test_bar_per_task_choice_plan_and_estimate_before_the_principebesluit(
        real: Pipeline) -> None:
    d = _decisions(real, "bar-2016")
    steps = [s.step for s in d.route]
    chooser = steps.index("principebesluit_raad")
    for info in ("besluit_harmonisatie", "verbeterplan_bestuur", "ontvlechting_ramen"):
        assert steps.index(info) < chooser, info
        assert not next(s for s in d.route if s.step == info).options, info
    decision = d.route[chooser]
    assert decision.when is not None and decision.when.endswith("(najaar 2017)")


def test_voorschoten_estimates_before_a_principebesluit_in_summer(real: Pipeline) -> None:
    d = _decisions(real, "voorschoten-2019")
    steps = [s.step for s in d.route]
    for info in ("ontvlechting_ramen", "verkenning_andere_regio"):
        assert steps.index(info) < steps.index("principebesluit_raad"), info
        assert not d.route[steps.index(info)].options, info
    assert (d.route[steps.index("principebesluit_raad")].when or "").endswith("(zomer 2020)")


def test_beekdal_partner_sounded_out_before_the_principebesluit(real: Pipeline) -> None:
    d = _decisions(real, "kleine-kwetsbare-gemeente")
    steps = [s.step for s in d.route]
    assert steps.index("draagvlak_herindeling_peilen") < steps.index("principebesluit_raad")
    election = next(s for s in d.route if s.step == "herindelingsverkiezingen")
    assert election.when == "in november 2026, vóór 1 januari 2027, de datum van herindeling"


def test_havenstad_citizens_assembly_before_a_later_principebesluit(real: Pipeline) -> None:
    d = _decisions(real, "netwerk-private-partners")
    steps = {s.step: s for s in d.route}
    order = list(steps)
    assert order.index("burgerberaad_houden") < order.index("principebesluit_raad")
    chooser = steps["principebesluit_raad"].when
    assert chooser is not None and chooser.endswith("(begin 2025)")  # not 'zomer 2024'
    # every road ends in a decision of its own (consent, award): no plan decision after them
    assert "uitwerkingsbesluit" not in steps


def test_veenoord_principebesluit_after_the_verkenning(real: Pipeline) -> None:
    d = _decisions(real, "gemeente-onder-preventief-toezicht")
    steps = {s.step: s for s in d.route}
    explore = _season(steps["sterkere_partner_verkenning"].when)
    chooser = _season(steps["principebesluit_raad"].when)
    assert explore is not None and chooser is not None
    assert chooser > explore and chooser[0] == 2025
    # under preventief toezicht the business case per option stays (review 7), and the order
    # of the measures comes first of all the steps with a season
    order = [s.step for s in d.route]
    assert order.index("business_case_per_optie") < order.index("principebesluit_raad")
    timed = [s.step for s in d.route if _season(s.when) is not None]
    assert timed[0] == "volgorde_vaststellen"


def test_the_safety_region_follows_the_act_not_an_exit(real: Pipeline) -> None:
    """Review 6 [U]: a gemeente does not leave its veiligheidsregio by uittreding; the Wet
    veiligheidsregio's assigns it (art. 8 and the annex). The step keeps uittreding and
    toetreding for the other regelingen and says so."""
    d = _decisions(real, "vijfheerenlanden-2017")
    step = next(s for s in d.route if s.step == "regelingen_provinciegrens")
    exits, _sep, rest = step.label.partition(";")
    assert "veiligheidsregio" not in exits and "uittreding" in exits.lower()
    assert "veiligheidsregio volgt de indeling van de wet" in rest
    assert step.law is not None and "indeling van de Wet veiligheidsregio's" in step.law


def test_haren_option_that_leaves_out_a_gemeente_settles_its_procedure_first(
        real: Pipeline) -> None:
    """Review 6/7 [U]: the ontwerp that lay ter inzage includes all three gemeenten; an advies
    for two of them departs from it. That option's block settles the procedure before its
    herindelingsadvies; the option that follows the ontwerp has no such step."""
    d = _decisions(real, "haren-2017")
    steps = [(s.step, s.options) for s in d.route]
    names = [n for n, _o in steps]
    settle = names.index("arhi_afwijking_ontwerp")
    assert steps[settle][1] == ("herindeling_twee",)
    advice = [i for i, (n, o) in enumerate(steps)
              if n == "arhi_herindelingsadvies" and "herindeling_twee" in o]
    assert advice and settle < advice[0]


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("name", EXAMPLES)
def test_a_route_to_a_merger_date_elects_the_new_council(real: Pipeline, name: str) -> None:
    """Review 6/7: a planned herindeling to 1 januari 2027 had no herindelingsverkiezing. Every
    route (or option block) that ends in the merger act also elects the new council."""
    d = _decisions(real, name)
    laws = {"arhi_wetsvoorstel", "arhi_wetsvoorstel_provinciegrens"}
    for group in d.route_groups:
        steps = {s.step for s in group.steps}
        if steps & laws:
            assert "herindelingsverkiezingen" in steps, (name, group.heading)


BEFORE_CHOICE = ("vóór het besluit over de richting", "vóór het besluit over richting of vorm",
                 "vóór het besluit over de nieuwe vorm")


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("name", EXAMPLES)
def test_a_step_that_says_it_comes_before_the_choice_is_listed_before_it(
        real: Pipeline, name: str) -> None:
    """O-gen: "Overleg met de andere overheden … vóór het besluit over de nieuwe vorm van de
    relatie" was listed after the decision on the direction (review 6 item 1, generally)."""
    d = _decisions(real, name)
    steps = [s for g in d.route_groups for s in g.steps]
    chooser = next((i for i, s in enumerate(steps) if s.step in CHOOSERS), None)
    if chooser is None:
        return
    late = [s.step for s in steps[chooser + 1:]
            if s.when and any(s.when.startswith(b) or f"eerst: {b}" in s.when
                              for b in BEFORE_CHOICE)]
    assert not late, (name, late)


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("name", EXAMPLES)
def test_the_review_date_lies_two_years_after_the_decision_it_reviews(
        real: Pipeline, name: str) -> None:
    """Havenstad: the decision on the improvement moved to begin 2025 (after the information
    steps); its review date "uiterlijk twee jaar na het besluit" stayed at najaar 2026."""
    d = _decisions(real, name)
    seasons = {s.step: _season(s.when) for s in d.route}
    decided, review = seasons.get("besluit_verbetering"), seasons.get("herijkmoment")
    if decided is None or review is None:
        return
    assert review >= (decided[0] + 2, decided[1]), (name, decided, review)
