"""An option in which the client leaves a regeling or werkorganisatie while the others continue.

A synthetic case (general names, not an example): improve the shared civil service, leave it,
or merge. The leaving option gets its own row in §4 with a sign per corner from the case facts,
its own costs (the exit sum under the regeling's exit provisions), and its own route: the
calculation before the decision in principle, the decision to leave, and the amendment of the
regeling by the members who stay. None of the whole-split texts of ``ontvlechten`` appear.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pvrules.explain.context import ExplainContext
from pvrules.explain.decisions_model import OptionRow
from pvrules.infer.result import Result
from pvrules.pipeline import Pipeline

CASE = {
    "casus": {"id": "uittreden", "titel": "Uittreden", "datum": "2021-03-01",
              "opdrachtgever": {"naam": "Gemeente Akkerveen", "soort": "gemeente",
                                "entiteit": "akkerveen"}},
    "feiten": {"kwetsbaarheid": "hoog", "financieel_toezicht": "preventief",
               "richting_gekozen": False, "herindeling_overwogen": True},
    "partners": [{"id": p, "naam": p.capitalize(), "soort": "gemeente",
                  "regio_orientatie": "regio_casus"} for p in ("akkerveen", "beemdorp", "colmont")],
    "samenwerkingen": [{"id": "wo", "naam": "Werkorganisatie ABC", "vorm": "werkorganisatie",
                        "status": "bestaand", "deelnemers": ["akkerveen", "beemdorp", "colmont"],
                        "aantal_deelnemers": 3}],
    "opties": [
        {"id": "v", "naam": "De werkorganisatie verbeteren", "optievorm": "samenwerking_verbeteren",
         "bestaande_vorm": "werkorganisatie", "partners": ["akkerveen", "beemdorp", "colmont"]},
        {"id": "u", "naam": "Uittreden; de anderen gaan door", "optievorm": "uittreden",
         "bestaande_vorm": "werkorganisatie", "partners": ["akkerveen"]},
        {"id": "h", "naam": "Herindeling", "optievorm": "herindeling",
         "partners": ["akkerveen", "beemdorp", "colmont"]},
    ],
}

WHOLE_SPLIT = ("eigen organisatie krijgt", "Elke partij stuurt", "elke organisatie kleiner",
               "each gets its own organisation", "Each party", "each organisation smaller")


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> tuple[Pipeline, Result]:
    pipe = Pipeline([], [], "python")
    path: Path = tmp_path_factory.mktemp("uittreden") / "case.yaml"
    path.write_text(yaml.safe_dump(CASE, allow_unicode=True), encoding="utf-8")
    return pipe, pipe.evaluate_file(str(path))


def _ctx(result: tuple[Pipeline, Result], lang: str) -> ExplainContext:
    pipe, res = result
    return ExplainContext(pipe.kb, res, lang)


def _row(ctx: ExplainContext, option: str) -> OptionRow:
    rows = [row for dec in ctx.decisions.options for row in dec.options if row.id == option]
    assert len(rows) == 1, f"option {option} is on the table once"
    return rows[0]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_leaving_has_a_sign_per_corner_from_the_case(result: tuple[Pipeline, Result],
                                                     lang: str) -> None:
    row = _row(_ctx(result, lang), "u")
    assert {corner: e.sign for corner, e in row.effects.items()} == {
        "publieke_waarde": "0", "legitimiteit": "0", "organisatie": "-"}
    reasons = " ".join(e.reason for e in row.effects.values())
    assert "{{" not in reasons
    assert not [t for t in WHOLE_SPLIT if t in reasons]
    # the vulnerable organisation and the preventive supervision are named where '−' is given
    assert ("preventief" if lang == "nl" else "preventive") in row.effects["organisatie"].reason


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_leaving_costs_name_the_exit_sum(result: tuple[Pipeline, Result], lang: str) -> None:
    risks = {r.id: r for r in _row(_ctx(result, lang), "u").risks}
    assert {"uittreden_blijvers", "uittreedsom", "uittreden_personeel",
            "afweging_kosten", "afweging_omkeerbaarheid"} <= set(risks)
    assert ("uittreedsom" if lang == "nl" else "exit sum") in risks["afweging_kosten"].reason
    # the members who stay: the regeling is amended, not dissolved, and their costs rise
    stay = risks["uittreden_blijvers"].reason
    rise = "kosten per deelnemer stijgen" if lang == "nl" else "costs per participant rise"
    assert rise in stay
    assert "uittreden_opheffing" not in risks
    assert "ontvlechtingskosten" not in risks


def test_leaving_route(result: tuple[Pipeline, Result]) -> None:
    route = _ctx(result, "nl").decisions.route
    order = [s.step for s in route]
    own = [s.step for s in route if "u" in s.options]
    assert {"uittreden_besluit", "regeling_wijzigen_blijvers", "or_advies_regeling",
            "sociaal_plan"} <= set(own)
    assert "or_advies" not in own, "the regeling's works council, not a generic one"
    # the calculation informs the decision in principle; the members who stay amend after it
    assert order.index("uittreding_berekenen") < order.index("principebesluit_raad")
    assert own.index("uittreden_besluit") < own.index("regeling_wijzigen_blijvers")
    besluit = next(s for s in route if s.step == "uittreden_besluit")
    assert besluit.law is not None and "art. 1 en 9" in besluit.law
