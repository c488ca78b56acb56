"""The route follows where the procedure stands, and who asks the works council (review 4).

* the works council's advice is asked by the employer, on a proposed decision: never the first
  step of a route, and in a merger about the staffing consequences, not the law (item 1);
* a Wet arhi procedure past its design has chosen its direction: no direction decision first
  (Haren), and a merger date the procedure's own documents name is the route's date, not one
  computed (Vijfheerenlanden; item 2);
* an existing regeling adjusted to the 2022 Wgr carries its own views and consent; a form
  advised for a task whatever the choice stands under its own heading (Veenoord, Beekdal; item 8).

Real knowledge base and shipped examples.
"""

from __future__ import annotations

import itertools
import re
from importlib import resources

import pytest

from pvrules.explain.decisions_model import Decisions
from pvrules.pipeline import Pipeline

from .shipped import example_ctx

EXAMPLES = sorted(p.name.removesuffix(".yaml")
                  for p in resources.files("pvrules.examples").iterdir()
                  if p.name.endswith(".yaml"))
WORKS_COUNCIL = ("or_advies", "or_advies_herindeling")
DECIDES = ("wgr_toestemming_raden", "wgr_uittreding", "wgr_opheffing")


@pytest.fixture(scope="module")
def real() -> Pipeline:
    return Pipeline()


def _decide(pipe: Pipeline, name: str, overrides: tuple[str, ...] = (),
            lang: str = "nl") -> Decisions:
    return example_ctx(pipe, name, lang, overrides).decisions


def _when(d: Decisions, step: str) -> str:
    return next(s.when or "" for s in d.route if s.step == step)


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("name", EXAMPLES)
def test_the_works_council_is_asked_and_never_first(real: Pipeline, name: str) -> None:
    d = _decide(real, name)
    if not d.route:
        return
    first = d.route_groups[0].steps[0] if d.route_groups else d.route[0]
    assert first.step not in WORKS_COUNCIL, (name, first.label)
    for step in d.route:
        if step.step in WORKS_COUNCIL:
            assert step.label.startswith("Adviesaanvraag aan de ondernemingsra")
            assert "op hun verzoek" not in (step.who or "")
            assert "werkgever" in (step.who or "")
            assert "tijdig genoeg om het te beïnvloeden" in (step.when or "")
    # information comes before the decision it informs (review 5)
    flat = [s.step for s in d.route]
    if "principebesluit_raad" in flat:
        assert all(flat.index(x) < flat.index("principebesluit_raad")
                   for x in ("opgaven_vaststellen", "inwoners_raadplegen") if x in flat), flat
    # placement follows the works council's advice and the decision it serves (review 5)
    for group in d.route_groups:
        ids = [s.step for s in group.steps]
        if "sociaal_plan" in ids:
            assert all(ids.index(x) < ids.index("sociaal_plan")
                       for x in (*WORKS_COUNCIL, *DECIDES) if x in ids), (name, ids)


def test_in_a_merger_the_social_plan_follows_the_works_council(
        real: Pipeline) -> None:
    d = _decide(real, "vijfheerenlanden-2017")
    steps = [s.step for s in d.route]
    assert steps.index("or_advies_herindeling") < steps.index("sociaal_plan")
    assert "or_advies" not in steps
    step = next(s for s in d.route if s.step == "or_advies_herindeling")
    assert "personele gevolgen" in step.label and step.law == "Wet op de ondernemingsraden, art. 25"
    english = _decide(real, "vijfheerenlanden-2017", lang="en")
    assert next(s.label for s in english.route if s.step == "or_advies_herindeling").startswith(
        "Request for the works councils' advice")


def test_a_procedure_past_its_design_has_no_direction_decision(real: Pipeline) -> None:
    """Haren: the design was adopted (September 2016); the route starts at the advice."""
    steps = [s.step for s in _decide(real, "haren-2017").route]
    assert "principebesluit_staten" not in steps
    # the option that departs from the design first settles its procedure (review 7)
    assert steps[0] in {"arhi_herindelingsadvies", "arhi_afwijking_ontwerp"}
    assert "arhi_herindelingsontwerp" not in steps and "arhi_herindelingsadvies" in steps
    before = [s.step for s in _decide(real, "haren-2017", ("arhi_stap=geen",)).route]
    assert before[0] == "principebesluit_staten"


def test_the_merger_date_the_documents_name_is_the_routes_date(real: Pipeline) -> None:
    """Vijfheerenlanden states the date of its herindelingsadvies; a later one moves the route."""
    law = "arhi_wetsvoorstel_provinciegrens"
    assert "ingang op 1 januari 2019, de beoogde datum" in _when(
        _decide(real, "vijfheerenlanden-2017"), law)
    later = _decide(real, "vijfheerenlanden-2017",
                    ("herindeling_ingang_beoogd=1 januari 2021", "arhi_stap=geen"))
    assert "ingang op 1 januari 2021, de beoogde datum" in _when(later, law)
    assert "vóór 1 oktober 2019, ruim een jaar vóór 1 januari 2021" in _when(
        later, "arhi_herindelingsadvies")
    # a stated date already past on the case's date is not used: the first feasible one is
    past = _decide(real, "vijfheerenlanden-2017",
                   ("herindeling_ingang_beoogd=1 januari 2017", "arhi_stap=geen"))
    assert "vóór 1 oktober 2018, ruim een jaar vóór 1 januari 2020" in _when(
        past, "arhi_herindelingsadvies")


def test_an_adjusted_regeling_carries_its_own_views_and_consent(real: Pipeline) -> None:
    """Veenoord: step 1 adjusts the Aalsum regeling 'met zienswijze en toestemming'; those
    steps are not listed again for it after the direction decision."""
    d = _decide(real, "gemeente-onder-preventief-toezicht")
    assert d.route[0].step == "wgr_aanpassing_2024"
    # it carries the councils' consent: no separate decision on a plan is added for it
    assert "uitwerkingsbesluit" not in [s.step for s in _decide(real, "sterke-gemeente").route]
    aalsum = d.route[0].label.split("(voor ")[1]
    again = [s.label for s in d.route
             if s.step in ("wgr_zienswijze_ontwerp", "wgr_toestemming_raden") and aalsum in s.label]
    assert again == []


def test_a_form_for_a_task_whatever_the_choice_has_its_heading(real: Pipeline) -> None:
    """Beekdal: the centrumregeling for belastingen stands under its own heading, before the
    option blocks, beginning with the draft of the regeling (with a season)."""
    d = _decide(real, "kleine-kwetsbare-gemeente")
    group = next(g for g in d.route_groups
                 if g.heading and g.heading.endswith("welke richting ook wordt gekozen")
                 and "Belastingen" in g.heading)
    assert group.steps[0].step == "wgr_ontwerp_regeling"
    assert not any("(voor " in s.label for s in group.steps)  # the heading names the task
    assert "2024" in (group.steps[0].when or "")
    headings = [g.heading or "" for g in d.route_groups]
    assert headings.index(group.heading or "") < min(
        i for i, h in enumerate(headings) if h.startswith("Als"))
    # without options to choose from, no such heading (Zandhoven)
    plain = _decide(real, "nieuwe-samenwerking-laag-vertrouwen")
    assert not any(g.heading for g in plain.route_groups)


_SEASON_ORDER = {"begin": 0, "voorjaar": 1, "zomer": 2, "najaar": 3, "eind": 4}
_SEASON = re.compile(r"\b(begin|voorjaar|zomer|najaar|eind) (\d{4})\b")


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("name", EXAMPLES)
def test_a_later_common_step_never_falls_in_an_earlier_season(real: Pipeline, name: str) -> None:
    """A2 had its principebesluit 'najaar 2019' after a raadsbijeenkomst 'eind 2019'."""
    seen: list[tuple[int, int, str]] = []
    for step in _decide(real, name).route:
        if step.options or step.choice is not None:
            continue
        found = _SEASON.search(step.when or "")
        if found:
            seen.append((int(found.group(2)), _SEASON_ORDER[found.group(1)], step.step))
    assert [s[:2] for s in seen] == sorted(s[:2] for s in seen), (name, seen)


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("name", EXAMPLES)
def test_a_block_does_not_repeat_rows_read_just_above(real: Pipeline, name: str) -> None:
    """Beekdal listed the werkorganisatie's regeling steps again, word for word (4 rows)."""
    shown: dict[tuple[str, str | None, str | None, str | None], int] = {}
    for group in _decide(real, name).route_groups:
        rows = [(s.label, s.who, s.when, s.law) for s in group.steps]
        if group.heading is not None:
            for a, b in itertools.pairwise(rows):
                assert not (a in shown and shown.get(b) == shown[a] + 1), (name, a, b)
        for i, row in enumerate(rows):
            shown.setdefault(row, group.first + i)


def test_the_repeated_run_is_one_line_that_points_back(real: Pipeline) -> None:
    d = _decide(real, "kleine-kwetsbare-gemeente")
    labels = [s.label for g in d.route_groups for s in g.steps]
    # the business case and the sounding-out of the partner come first (review 6/7), then the
    # urgent Wmo/jeugd capacity under its own heading (review 9): 5 to 8
    assert "Dezelfde stappen als 5 tot en met 8 hierboven, nu voor deze optie" in labels
    numbers = [g.first for g in d.route_groups]
    assert numbers == [1 + sum(len(h.steps) for h in d.route_groups[:i])
                       for i in range(len(d.route_groups))]
