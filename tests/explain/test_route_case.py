"""Route steps for what a real case turns on, placed in the branch of the option they fit.

blind8 (Land van Cuijk #4): a municipality of a merger option that shares its civil service
with one outside the option needs a step for that organisation (ontvlechten or a service
agreement), in that option's branch only; the option that takes the outside partner along
needs none. blind8 (Land van Cuijk #6): an option to wait for a merger that a raad does not
support gets what waiting consists of, not the ontwerp branch; (Nuenen #1) an option that
departs from the ontwerp laid down gets its own ontwerp before any advies. Real knowledge base,
synthetic cases written to a temporary file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pvrules.explain.context import ExplainContext
from pvrules.explain.decisions_model import Decisions
from pvrules.pipeline import Pipeline

from .shipped import example_ctx


@pytest.fixture(scope="module")
def real() -> Pipeline:
    return Pipeline()


def _decide(pipe: Pipeline, tmp_path: Path, text: str, lang: str = "nl") -> Decisions:
    case = tmp_path / "case.yaml"
    case.write_text(text, encoding="utf-8")
    return ExplainContext(pipe.kb, pipe.evaluate_file(str(case), ()), lang).decisions


def _owners(d: Decisions, step: str) -> set[str]:
    return {o for s in d.route if s.step == step for o in s.options}


SHARED = """\
casus: {{id: t, titel: t, datum: "2018-12-12", opdrachtgever: {{naam: Raden, soort: gemeenten}}}}
feiten: {{herindeling_overwogen: true, arhi_stap: geen}}
partners:
  - {{id: a, naam: Aadorp, soort: gemeente}}
  - {{id: b, naam: Beedorp, soort: gemeente}}
  - {{id: c, naam: Ceedorp, soort: gemeente}}
samenwerkingen:
  - {{id: amb, naam: Ambtelijke samenwerking, status: bestaand, deelnemers: [b, c]{vorm}}}
opties:
  - {{id: twee, naam: Herindeling van Aadorp en Beedorp, optievorm: herindeling, partners: [a, b]}}
  - {{id: drie, naam: Herindeling van alle drie, optievorm: herindeling, partners: [a, b, c]}}
"""


@pytest.mark.parametrize("vorm", ["", ", vorm: werkorganisatie"])
def test_a_civil_service_shared_outside_the_option_has_a_step_in_its_branch_only(
        real: Pipeline, tmp_path: Path, vorm: str) -> None:
    d = _decide(real, tmp_path, SHARED.format(vorm=vorm))
    assert _owners(d, "ambtelijke_organisatie_buiten_herindeling") == {"twee"}
    step = next(s for s in d.route if s.step == "ambtelijke_organisatie_buiten_herindeling")
    assert step.law == "Wet arhi, art. 41"
    # the lapse of a werkorganisatie of only merging municipalities is not said for 'twee'
    assert "twee" not in _owners(d, "werkorganisatie_bij_herindeling")


def test_a_civil_service_of_another_form_or_wholly_inside_has_no_such_step(
        real: Pipeline, tmp_path: Path) -> None:
    d = _decide(real, tmp_path, SHARED.format(vorm=", vorm: openbaar_lichaam"))
    assert not _owners(d, "ambtelijke_organisatie_buiten_herindeling")
    inside = SHARED.format(vorm="").replace("deelnemers: [b, c]", "deelnemers: [a, b]")
    d = _decide(real, tmp_path, inside)
    assert not _owners(d, "ambtelijke_organisatie_buiten_herindeling")


WAIT = SHARED.format(vorm="").replace(
    "partners: [a, b, c]}",
    "partners: [a, b, c], steun_raden: {waarde: laag, per_partner: {c: laag}}}")


def test_an_option_to_wait_gets_what_waiting_is_not_the_ontwerp_branch(
        real: Pipeline, tmp_path: Path) -> None:
    d = _decide(real, tmp_path, WAIT)
    drie = [s.step for s in d.route if "drie" in s.options]
    assert drie == ["herindeling_opnieuw_vragen"], drie
    twee = [s.step for s in d.route if "twee" in s.options]
    assert "arhi_herindelingsontwerp" in twee and "herindeling_opnieuw_vragen" not in twee
    wait = next(s for s in d.route if s.step == "herindeling_opnieuw_vragen")
    assert "raadsverkiezingen" in (wait.when or "")


DEPARTS = """\
casus:
  {id: t, titel: t, datum: "2018-12-14", opdrachtgever: {naam: GS, soort: provincie}}
feiten:
  herindeling_overwogen: true
  arhi_stap: zienswijzen_binnen
  provincie_rol: [initiatiefnemer_arhi]
  herindeling_ingang_beoogd: "1 januari 2021"
partners:
  - {id: a, naam: Aadorp, soort: gemeente}
  - {id: b, naam: Beedorp, soort: gemeente}
  - {id: c, naam: Ceedorp, soort: gemeente}
opties:
  - {id: ontwerp, naam: Volgens het ontwerp, optievorm: herindeling, partners: [a, b]}
  - {id: ander, naam: Met een ander, optievorm: herindeling, partners: [a, c],
     wijkt_af_van_ontwerp: true}
"""


def test_an_option_without_its_own_ontwerp_gets_one_before_the_advies(
        real: Pipeline, tmp_path: Path) -> None:
    d = _decide(real, tmp_path, DEPARTS)
    ander = [s.step for s in d.route if "ander" in s.options]
    assert ander.index("arhi_afwijking_ontwerp") < ander.index("arhi_nieuw_ontwerp") \
        < ander.index("arhi_herindelingsadvies"), ander
    assert "arhi_nieuw_ontwerp" not in [s.step for s in d.route if "ontwerp" in s.options]
    new = next(s for s in d.route if s.step == "arhi_nieuw_ontwerp")
    # said once: the dates after it follow the intended date, whose feasibility is uncertain
    assert "beoogde datum" in (new.when or "") and "onzeker" in (new.when or "") \
        and "ter inzage" in (new.when or "")


AWAITING = """\
casus: {{id: t, titel: t, datum: "2024-05-15", opdrachtgever: {{naam: Raad, soort: gemeente}}}}
feiten:
  herindeling_overwogen: true
  onderzoek_loopt: [{studies}]
{expected}partners:
  - {{id: a, naam: Aadorp, soort: gemeente}}
  - {{id: b, naam: Beedorp, soort: gemeente}}
opties:
  - {{id: fusie, naam: Fuseren, optievorm: herindeling, partners: [a, b]}}
  - {{id: zelf, naam: Zelfstandig, optievorm: zelfstandig_versterken, partners: [a]}}
"""


def _when(d: Decisions, step: str) -> str:
    return next(s.when or "" for s in d.route if s.step == step)


def test_steps_after_a_study_under_way_say_they_wait_for_it_and_legal_dates_stay(
        real: Pipeline, tmp_path: Path) -> None:
    """blind8 Uitgeest #3: onderzoek_loopt took every later date away, saying nothing."""
    d = _decide(real, tmp_path, AWAITING.format(
        studies="bestuurskrachtonderzoek", expected="  onderzoek_uitkomst_verwacht: juni 2024\n"))
    decision = _when(d, "principebesluit_raad")
    assert decision.endswith(
        "na de uitkomst van het lopende bestuurskrachtonderzoek, verwacht juni 2024"), decision
    assert "verwacht juni 2024" in _when(d, "bestuurskrachtonderzoek_afwachten")
    assert "na de uitkomst" not in _when(d, "bestuurskrachtonderzoek_afwachten")
    # the Wet arhi planning keeps its dates
    assert "in de planning vóór" in _when(d, "arhi_herindelingsontwerp")
    en = _decide(real, tmp_path, AWAITING.format(studies="bestuurskrachtonderzoek", expected=""),
                 lang="en")
    assert _when(en, "principebesluit_raad").endswith(
        "after the outcome of the administrative-strength study under way")


def test_a_residents_study_under_way_means_no_second_survey_in_the_support_step(
        real: Pipeline, tmp_path: Path) -> None:
    d = _decide(real, tmp_path, AWAITING.format(
        studies="inwonersonderzoek, bestuurskrachtonderzoek", expected=""))
    steps = [s.step for s in d.route]
    assert "draagvlak_herindeling_overleg" in steps and "draagvlak_herindeling_peilen" not in steps
    assert _when(d, "principebesluit_raad").endswith("na de uitkomsten van de lopende onderzoeken")
    d = _decide(real, tmp_path, AWAITING.format(studies="bestuurskrachtonderzoek", expected=""))
    steps = [s.step for s in d.route]
    assert "draagvlak_herindeling_peilen" in steps and "draagvlak_herindeling_overleg" not in steps


def test_a_first_result_falls_a_year_after_the_regeling_can_start(real: Pipeline) -> None:
    """Review 9 (Zandhoven, peildatum May 2023): the first result is not najaar 2024. Review 11:
    the quick win starts light (a service agreement), so no regeling is designed for it."""
    d = example_ctx(real, "nieuwe-samenwerking-laag-vertrouwen").decisions
    first = _when(d, "eerste_resultaat_bespreken")
    assert not [s for s in d.route if s.step == "wgr_ontwerp_regeling"]
    assert first.endswith("voorjaar 2025"), first


def test_a_stated_merger_date_is_not_said_to_come_from_a_procedure_that_has_not_begun(
        real: Pipeline, tmp_path: Path) -> None:
    """blind8 Druten #7: a date a consultant advised, before any ontwerp, is no procedure's."""
    text = AWAITING.format(studies="business_case", expected="").replace(
        "  herindeling_overwogen: true\n",
        "  herindeling_overwogen: true\n  herindeling_ingang_beoogd: 1 januari 2027\n")
    for lang in ("nl", "en"):
        when = _when(_decide(real, tmp_path, text, lang), "arhi_wetsvoorstel")
        assert "2027" in when and "procedure" not in when, when


@pytest.mark.parametrize("name", ["kleine-kwetsbare-gemeente"])
def test_no_regeling_board_as_employer_where_no_regeling_employs_the_staff(
        real: Pipeline, name: str) -> None:
    """Review 9 #9: '(voor personeel van een regeling: haar bestuur)' where a new regeling is
    designed and the staff are the municipality's."""
    d = example_ctx(real, name).decisions
    who = [s.who or "" for s in d.route if s.step == "or_advies"]
    assert who and all("regeling" not in w and "werkgever" in w for w in who), who


def test_the_regeling_board_asks_for_its_own_staff_when_an_option_concerns_it(
        real: Pipeline, tmp_path: Path) -> None:
    text = """\
casus: {id: t, titel: t, datum: "2019-06-15", opdrachtgever: {naam: Raad, soort: gemeente}}
feiten: {ontvlechting_overwogen: true}
partners: [{id: a, naam: Aadorp, soort: gemeente}, {id: b, naam: Beedorp, soort: gemeente}]
samenwerkingen:
  - {id: gr, naam: GR, vorm: openbaar_lichaam, status: bestaand, deelnemers: [a, b]}
opties:
  - {id: blijven, naam: Blijven, optievorm: samenwerking_verbeteren,
     bestaande_vorm: openbaar_lichaam, partners: [a, b]}
  - {id: uit, naam: Ontvlechten, optievorm: ontvlechten, partners: [a, b]}
"""
    d = _decide(real, tmp_path, text)
    who = [s.who or "" for s in d.route if s.step == "or_advies"]
    assert who and all("in dienst van de regeling haar bestuur" in w for w in who), who


def test_a_regeling_with_the_province_is_mixed_only_for_the_option_it_joins(
        real: Pipeline, tmp_path: Path) -> None:
    """blind8 Tilburg #8: the GR option with the province as participant needs PS too."""
    text = """\
casus: {id: t, titel: t, datum: "2022-09-01", opdrachtgever: {naam: Raad, soort: gemeente}}
partners:
  - {id: a, naam: Aadorp, soort: gemeente}
  - {id: b, naam: Beedorp, soort: gemeente}
  - {id: p, naam: Provincie, soort: provincie}
opties:
  - {id: met, naam: Met de provincie, optievorm: openbaar_lichaam, partners: [a, b, p]}
  - {id: zonder, naam: Zonder de provincie, optievorm: bedrijfsvoeringsorganisatie,
     partners: [a, b]}
"""
    d = _decide(real, tmp_path, text)
    assert _owners(d, "wgr_gemengd_toestemming") == {"met"}
    assert "met" not in _owners(d, "wgr_toestemming_raden")
    assert "zonder" in _owners(d, "wgr_toestemming_raden")
    step = next(s for s in d.route if s.step == "wgr_gemengd_toestemming")
    assert "Provinciale Staten" in (step.who or "") and step.law == \
        "Wet gemeenschappelijke regelingen, art. 51"


STATED = """\
casus: {{id: t, titel: t, datum: "{day}", opdrachtgever: {{naam: Raden, soort: gemeenten}}}}
feiten: {{herindeling_overwogen: true, arhi_stap: geen, herindeling_ingang_beoogd: 1 januari 2022}}
partners:
  - {{id: a, naam: Aadorp, soort: gemeente}}
  - {{id: b, naam: Beedorp, soort: gemeente}}
opties:
  - {{id: fusie, naam: Fuseren, optievorm: herindeling, partners: [a, b]}}
"""


def test_a_stated_merger_date_is_the_documents_and_said_unreachable_once_past(
        real: Pipeline, tmp_path: Path) -> None:
    """Review 9 / blind8 Land van Cuijk: the stated date is no 'eerste haalbare datum', and a
    design date before the case's date is not planned as still to come."""
    early = _when(_decide(real, tmp_path, STATED.format(day="2018-12-12")),
                  "arhi_herindelingsontwerp")
    assert "vóór 1 juni 2020" in early and "de beoogde datum die de stukken noemen" in early
    assert "eerste haalbare" not in early and "niet meer haalbaar" not in early
    late = _when(_decide(real, tmp_path, STATED.format(day="2020-09-01")),
                 "arhi_herindelingsontwerp")
    assert "1 juni 2020 lag al vóór de peildatum" in late and "niet meer haalbaar" in late
    en = _when(_decide(real, tmp_path, STATED.format(day="2020-09-01"), "en"),
               "arhi_herindelingsontwerp")
    assert "no longer feasible" in en


def test_which_option_the_ontwerp_covers_is_asked_only_among_several_unmarked(
        real: Pipeline, tmp_path: Path) -> None:
    """blind8 Nuenen #1 without `wijkt_af_van_ontwerp`: two merger options share the procedure
    that starts at the advies; settle first which one the ontwerp covers. Haren says which
    departs: no such step there."""
    text = DEPARTS.replace(",\n     wijkt_af_van_ontwerp: true}", "}")
    d = _decide(real, tmp_path, text)
    assert _owners(d, "arhi_welk_ontwerp") == {"ontwerp", "ander"}
    steps = [s.step for s in d.route]
    assert steps.index("arhi_welk_ontwerp") < steps.index("arhi_herindelingsadvies")
    haren = example_ctx(real, "haren-2017").decisions
    assert "arhi_welk_ontwerp" not in [s.step for s in haren.route]


def test_the_order_of_measures_stands_for_the_capacity_steps(real: Pipeline) -> None:
    """Veenoord: 'eerst capaciteitsplan, financieel herstel en termijnen' already is the
    capacity step (a step may replace several); Beekdal keeps its urgent Wmo/jeugd step."""
    veenoord = [s.step for s in example_ctx(real, "gemeente-onder-preventief-toezicht")
                .decisions.route]
    assert "volgorde_vaststellen" in veenoord
    assert "capaciteit_nagaan" not in veenoord and "capaciteit_urgente_opgave" not in veenoord
    beekdal = [s.step for s in example_ctx(real, "kleine-kwetsbare-gemeente").decisions.route]
    assert "capaciteit_urgente_opgave" in beekdal and "capaciteit_nagaan" not in beekdal
