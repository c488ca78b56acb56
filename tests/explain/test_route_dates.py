"""When each route step falls, counted from the case's date, and the order the steps are read in.

Review 3, item 9: no draft had a date other than the Wgr deadline; the decision on the detailed
plan came after the review date; a two-party regeling was left "volgens de regeling"; the steps
of an option advised against stood in the route. Real knowledge base, shipped examples, and a
copy of an example with another case date to show that the dates follow ``casus.datum``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pvrules.explain.context import ExplainContext
from pvrules.explain.decisions_model import Decisions
from pvrules.explain.route_dates import add_months
from pvrules.pipeline import Pipeline, example_text

from .shipped import example_ctx

SEASONS_NL = {1: "begin", 2: "begin", 3: "voorjaar", 4: "voorjaar", 5: "voorjaar", 6: "zomer",
              7: "zomer", 8: "zomer", 9: "najaar", 10: "najaar", 11: "najaar", 12: "eind"}
MONTHS_NL = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
             "september", "oktober", "november", "december"]


@pytest.fixture(scope="module")
def real() -> Pipeline:
    return Pipeline()


def _decide(pipe: Pipeline, case: str, overrides: tuple[str, ...] = (),
            lang: str = "nl") -> Decisions:
    if case.startswith("example:"):
        return example_ctx(pipe, case.removeprefix("example:"), lang, overrides).decisions
    return ExplainContext(pipe.kb, pipe.evaluate_file(case, overrides), lang).decisions


def _when(d: Decisions, step: str) -> str:
    return next(s.when or "" for s in d.route if s.step == step)


def _season(day: dt.date) -> str:
    return f"{SEASONS_NL[day.month]} {day.year}"


def _months(pipe: Pipeline, step: str, prop: str) -> int:
    return int(pipe.kb.catalogues.items[step].properties[prop].get("nl"))


def _a2_on(tmp_path: Path, pipe: Pipeline, datum: str) -> tuple[Decisions, dt.date]:
    text = example_text("a2-2019")[0]
    assert 'datum: "2019-09-01"' in text
    case = tmp_path / f"a2-{datum}.yaml"
    case.write_text(text.replace('datum: "2019-09-01"', f'datum: "{datum}"'), encoding="utf-8")
    return _decide(pipe, str(case)), dt.date.fromisoformat(datum)


@pytest.mark.parametrize("datum", ["2019-09-01", "2020-02-15"])
def test_seasons_are_counted_from_the_case_date(tmp_path: Path, real: Pipeline,
                                                 datum: str) -> None:
    d, day = _a2_on(tmp_path, real, datum)
    order = [s.step for s in d.route]
    common = {s.step for s in d.route if not s.options and s.choice is None}
    timed = {x for x in order if "due_months" in real.kb.catalogues.items[x].properties}
    props = {x: real.kb.catalogues.items[x].properties for x in order}
    for step in ("principebesluit_raad", "raadsbijeenkomst_draagvlak", "besluit_verbetering"):
        # a step never falls before a common step listed ahead of it; a step with lag_months
        # (the principebesluit) falls that many months after the latest one (review 6)
        floor = 0
        for x in order[:order.index(step) + 1]:
            if x in timed and (x in common or x == step):
                lag = _months(real, x, "lag_months") if "lag_months" in props[x] and \
                    x in common and floor > 0 else 0
                months = max(_months(real, x, "due_months"), floor + lag)
                floor = max(floor, months) if x in common else floor
        due = add_months(day, months)
        assert due > day
        assert _when(d, step).endswith(f"({_season(due)})"), (step, _when(d, step))
    # the review date lies two years after the decision it follows (``months``: that of
    # besluit_verbetering, the last step of the loop), however late that decision falls
    assert _months(real, "herijkmoment", "lag_months") == 24
    review = add_months(day, max(_months(real, "herijkmoment", "due_months"), months + 24))
    assert _when(d, "herijkmoment").endswith(
        f"uiterlijk twee jaar na het besluit: {_season(review)}")


def test_merger_steps_count_back_from_the_first_feasible_first_of_january(real: Pipeline) -> None:
    """Beekdal (February 2024): from the design, or from the views once the design is adopted."""
    for stap, first in (("geen", "arhi_herindelingsontwerp"),
                        ("ontwerp_vastgesteld", "arhi_ter_inzage")):
        d = _decide(real, "example:kleine-kwetsbare-gemeente", (f"arhi_stap={stap}",))
        day = real.load_case("example:kleine-kwetsbare-gemeente").peildatum
        earliest = add_months(day, _months(real, first, "target_lead"))
        year = next(y for y in range(day.year + 1, day.year + 6)
                    if add_months(dt.date(y, 1, 1), -_months(real, first, "target_months"))
                    >= earliest)
        assert _when(d, "arhi_wetsvoorstel").endswith(f"ingang op 1 januari {year}")
        advies = add_months(dt.date(year, 1, 1), -15)
        assert f"vóór {advies.day} {MONTHS_NL[advies.month - 1]} {advies.year}, ruim een " \
            f"jaar vóór 1 januari {year}" in _when(d, "arhi_herindelingsadvies")
        assert advies > day  # never a date in the past of the case as a step to come
        assert first in [s.step for s in d.route]


def test_haren_advice_date_and_municipal_employer_steps(real: Pipeline) -> None:
    """Haren (25 January 2017): the views are in; advice by 1 October 2017 for 1 January 2019."""
    d = _decide(real, "example:haren-2017")
    assert "in de planning vóór 1 oktober 2017" in _when(d, "arhi_herindelingsadvies")
    assert _when(d, "arhi_wetsvoorstel").endswith("ingang op 1 januari 2019")
    who = {s.step: s.who or "" for s in d.route}
    # OR advice and social plan are the municipalities' as employers, not the province's
    assert "colleges van de betrokken gemeenten" in who["or_advies_herindeling"]
    assert "niet de provincie" in who["sociaal_plan"]


def test_a_province_that_adopts_the_advice_agrees_the_date_with_the_ministry_only(
        real: Pipeline) -> None:
    """Review 8: a province as client is not told to agree the date with the province."""
    for lang, province, ministry in (("nl", "met de provincie", "met BZK"),
                                     ("en", "with the province", "with the ministry")):
        haren = _when(_decide(real, "example:haren-2017", lang=lang), "arhi_herindelingsadvies")
        assert ministry in haren and province not in haren
        # raden that adopt the advice still agree it with the province too (Beekdal)
        beekdal = _when(_decide(real, "example:kleine-kwetsbare-gemeente", lang=lang),
                        "arhi_herindelingsadvies")
        assert province in beekdal


def test_the_works_council_is_asked_by_the_employer_of_the_staff(real: Pipeline) -> None:
    """Review 8: where a werkorganisatie employs the staff, its bestuur asks the works council."""
    for name in ("bar-2016", "voorschoten-2019"):
        who = {s.step: s.who or "" for s in _decide(real, f"example:{name}").route}
        assert who["or_advies"].startswith("het bestuur van de werkorganisatie"), name
        assert "bestuur van de werkorganisatie" in who["sociaal_plan"], name
    # a new werkorganisatie (an option) does not employ anyone yet: the college asks (Beekdal)
    beekdal = {s.step: s.who or ""
               for s in _decide(real, "example:kleine-kwetsbare-gemeente").route}
    assert beekdal["or_advies"].startswith("het college als werkgever")
    english = {s.step: s.who or "" for s in _decide(real, "example:bar-2016", lang="en").route}
    assert english["or_advies"].startswith("the board of the shared civil service")


def test_in_a_province_the_executive_decides_on_the_detailed_plan(real: Pipeline) -> None:
    """Review 8 (O-gen): subsidy and award are powers of GS; PS set the budget.

    Review 11: where the grant decision and the award are on the route, they are the decision
    on the plan, and no empty "Besluit over de uitwerking" follows them.
    """
    item = real.kb.catalogues.items["uitwerkingsbesluit_staten"]
    assert item.who is not None
    assert item.who.get("nl").startswith("Gedeputeerde Staten, binnen het budget")
    who = {s.step: s.who or "" for s in _decide(real, "example:o-gen-2019").route}
    assert who["subsidiegrondslag_en_beschikking"].startswith("Provinciale Staten (verordening)")
    assert "uitwerkingsbesluit_staten" not in who and "uitwerkingsbesluit" not in who


def test_one_gemeente_weighs_its_own_course_before_the_joint_council_meeting(
        real: Pipeline) -> None:
    """Blind5 (De Wolden pattern): a single client's raad first, then the joint meeting."""
    single = {s.step: s.who or "" for s in _decide(real, "example:voorschoten-2019").route}
    assert single["raadsbijeenkomst_draagvlak"].startswith("eerst de raad zelf, daarna")
    several = {s.step: s.who or "" for s in _decide(real, "example:bar-2016").route}
    assert several["raadsbijeenkomst_draagvlak"].startswith("de raden van de deelnemende")


def test_a_case_at_a_later_arhi_step_starts_there(real: Pipeline) -> None:
    """Vijfheerenlanden (1 September 2017): the advice was with the minister; the law is next."""
    d = _decide(real, "example:vijfheerenlanden-2017")
    steps = [s.step for s in d.route]
    assert "arhi_herindelingsadvies" not in steps and "provincies_afstemmen" not in steps
    # the date the herindelingsadvies names (a case fact with its bron), not one computed
    assert _when(d, "arhi_wetsvoorstel_provinciegrens") == (
        "na het herindelingsadvies; ingang op 1 januari 2019, de beoogde datum die de stukken "
        "noemen")
    # within one province the plain bill (Haren)
    haren = [s.step for s in _decide(real, "example:haren-2017").route]
    assert "arhi_wetsvoorstel" in haren and "arhi_wetsvoorstel_provinciegrens" not in haren


def test_the_detailed_plan_decision_only_where_a_road_has_no_decision(real: Pipeline) -> None:
    """A2: each live road ends in a council decision; no plan decision follows.

    Review 11: the intake has no plan on its route, so no lone "Besluit over de uitwerking";
    Havenstad's roads end in the councils' decision, their consent or the concession's award.
    """
    a2 = [s.step for s in _decide(real, "example:a2-2019").route]
    assert "uitwerkingsbesluit" not in a2 and "besluit_verbetering" in a2
    assert _decide(real, "example:intake-quickscan").route == ()
    haven = _decide(real, "example:netwerk-private-partners")
    steps = [s.step for s in haven.route]
    assert "uitwerkingsbesluit" not in steps and "concessie_aanbesteden" in steps
    assert [g.first for g in haven.route_groups] == \
        [1 + sum(len(h.steps) for h in haven.route_groups[:i])
         for i in range(len(haven.route_groups))]


def test_the_law_of_the_specific_step(real: Pipeline) -> None:
    """Two-party werkorganisatie: opheffing; no in-house award where it cannot be; state aid."""
    voorschoten = _decide(real, "example:voorschoten-2019")
    steps = [s.step for s in voorschoten.route]
    assert "wgr_opheffing" in steps and "wgr_uittreding" not in steps
    bar = [s.step for s in _decide(real, "example:bar-2016").route]
    assert "wgr_uittreding" in bar and "wgr_opheffing" not in bar
    ogen = [s.step for s in _decide(real, "example:o-gen-2019").route]
    assert "aanbesteding_verplicht" in ogen and "aanbesteding_of_inbesteding" not in ogen
    haven = _decide(real, "example:netwerk-private-partners")
    listed = [s.step for s in haven.route]
    # the state-aid check of the advised-against BV stays under that option's one line
    assert "staatssteuntoets" not in listed and "aanbesteding_of_inbesteding" not in listed
    assert "concessie_aanbesteden" in listed
    assert any(g.heading and g.heading.startswith("Niet uitgewerkt: de optie ‘Warmtebedrijf")
               for g in haven.route_groups)


def test_english_dates(real: Pipeline) -> None:
    d = _decide(real, "example:a2-2019", lang="en")
    # after the residents' survey and the joint council meeting (early 2020), two months later
    assert _when(d, "principebesluit_raad").endswith("(spring 2020)")
    # two years after the decision on the improvement (spring 2020)
    assert _when(d, "besluit_verbetering").endswith("(spring 2020)")
    assert _when(d, "herijkmoment").endswith("two years after the decision: spring 2022")


@pytest.mark.parametrize("datum", ["2024-06-20", "2024-10-01"])
def test_the_strengthening_plan_goes_with_the_next_budget_it_can_reach(
        tmp_path: Path, real: Pipeline, datum: str) -> None:
    """Veenoord: the budget is adopted in November; the plan needs its preparation months, and
    it follows the principebesluit of its option's block (review 6: that decision waits for the
    verkenning and the other information steps before it)."""
    text = example_text("gemeente-onder-preventief-toezicht")[0]
    assert 'datum: "2024-06-20"' in text
    case = tmp_path / "veenoord.yaml"
    case.write_text(text.replace('datum: "2024-06-20"', f'datum: "{datum}"'), encoding="utf-8")
    ready = add_months(dt.date.fromisoformat(datum),
                       _months(real, "versterkingsplan_besluit", "due_months"))
    year = ready.year if ready.month <= 11 else ready.year + 1
    d = _decide(real, str(case))
    chooser = _when(d, "principebesluit_raad")
    season, chosen = chooser.rsplit("(", 1)[1].rstrip(")").split()
    # the first November from the principebesluit on (which falls later than 'ready' here)
    year = max(year, int(chosen) + (1 if season == "eind" else 0))
    assert _when(d, "versterkingsplan_besluit") == \
        f"bij de begroting voor {year + 1} (najaar {year})"


def test_a_case_date_already_past_is_not_a_date_to_come(tmp_path: Path, real: Pipeline) -> None:
    """O-gen: the current subsidy's end names the date; once before the case's date, not so."""
    assert _when(_decide(real, "example:o-gen-2019"), "subsidie_afbouwen") == \
        "nu, vóór 30 september 2019 (einde van de lopende subsidie)"
    text = example_text("o-gen-2019")[0]
    assert 'subsidie_einde: "30 september 2019"' in text
    case = tmp_path / "o-gen.yaml"
    case.write_text(text.replace('subsidie_einde: "30 september 2019"',
                                 'subsidie_einde: "30 juni 2019"'), encoding="utf-8")
    assert _when(_decide(real, str(case)), "subsidie_afbouwen") == \
        "zo snel mogelijk: 30 juni 2019 lag al vóór de peildatum"


def test_a_study_under_way_is_awaited_and_the_decision_after_it_gets_no_season(
        real: Pipeline) -> None:
    """A study under way ends at a date the route does not know: its step is listed before the
    decision on the direction, which then falls "after the steps above", without a season."""
    before = _decide(real, "example:a2-2019")
    assert "inwonersonderzoek_afwachten" not in [s.step for s in before.route]
    assert "inwoners_raadplegen" in [s.step for s in before.route]
    assert any(word in _when(before, "principebesluit_raad") for word in SEASONS_NL.values())
    d = _decide(real, "example:a2-2019", ("onderzoek_loopt=[inwonersonderzoek]",))
    steps = [s.step for s in d.route]
    assert "inwoners_raadplegen" not in steps  # not recommended again
    assert steps.index("inwonersonderzoek_afwachten") < steps.index("principebesluit_raad")
    when = _when(d, "principebesluit_raad")
    assert when.startswith(real.kb.catalogues.items["principebesluit_raad"].properties[
        "when_informed"].get("nl"))
    # no season, but what it waits for (blind8 Uitgeest #3: not nothing)
    assert when.endswith(", na de uitkomst van het lopende onderzoek onder inwoners"), when
    assert not any(word in when for word in SEASONS_NL.values())
