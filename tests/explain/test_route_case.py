"""Route steps for what a real case turns on, placed in the branch of the option they fit.

blind8 (Land van Cuijk #4): a municipality of a merger option that shares its civil service
with one outside the option needs a step for that organisation (ontvlechten or a service
agreement), in that option's branch only; the option that takes the outside partner along
needs none. Real knowledge base, synthetic cases written to a temporary file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pvrules.explain.context import ExplainContext
from pvrules.explain.decisions_model import Decisions
from pvrules.pipeline import Pipeline


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
