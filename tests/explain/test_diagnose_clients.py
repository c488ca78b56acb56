"""Several raden ask together; the support the case states for an option is other raden's.

The reasoning must not say the client has spoken about that option ("over de andere
opties hebt u zich als opdrachtgever nog niet uitgesproken"): the stated support may be
that of partners who are not the client (a neighbour's raad that voted against).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from pvrules.explain.context import ExplainContext
from pvrules.pipeline import Pipeline

RULE = "diagnose.legitimiteit.onbekend.bestuurlijk.optie_raden"
CASE = {
    "casus": {"id": "t", "titel": "t", "datum": "2020-06-01",
              "opdrachtgever": {"naam": "Raden van A en B", "soort": "gemeenten",
                                "orgaan": "raden", "entiteit": ["a", "b"]}},
    "partners": [{"id": "a", "naam": "Aadorp", "soort": "gemeente"},
                 {"id": "b", "naam": "Beedorp", "soort": "gemeente"},
                 {"id": "c", "naam": "Ceedorp", "soort": "gemeente"}],
    "opties": [
        {"id": "twee", "naam": "Herindeling van twee", "optievorm": "herindeling",
         "partners": ["a", "b"]},
        {"id": "drie", "naam": "Herindeling van drie", "optievorm": "herindeling",
         "partners": ["a", "b", "c"],
         "steun_raden": {"waarde": "laag", "per_partner": {"c": "laag"}, "zekerheid": "hoog"}},
    ],
}


def _rule_text(tmp_path: Path, case: dict[str, Any], lang: str, rule: str) -> str:
    """The text of ``rule``'s reasoning for ``case`` (it must fire), on one line."""
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(case, allow_unicode=True), encoding="utf-8")
    pipe = Pipeline([], [], "python")
    ctx = ExplainContext(pipe.kb, pipe.evaluate_file(str(path)), lang)
    fired = [f for f in ctx.result.firings if f.rule_id == rule]
    assert fired, rule
    return " ".join(ctx.builder.steps_for([f.key for f in fired])[-1].text.split())


@pytest.mark.parametrize(("lang", "claims", "says"), [
    ("nl", "andere opties", "besluit over de koers ligt bij u"),
    ("en", "other options", "decision on the course is yours"),
])
def test_stated_support_of_other_raden_is_not_the_clients_view(tmp_path: Path, lang: str,
                                                               claims: str, says: str) -> None:
    text = _rule_text(tmp_path, CASE, lang, RULE)
    assert "Ceedorp" in text  # the stated support is said, with whose it is
    assert claims not in text and says in text, text


ONE: dict[str, Any] = {
    "casus": {"id": "t", "titel": "t", "datum": "2020-06-01",
              "opdrachtgever": {"naam": "College van A", "soort": "gemeente", "entiteit": ["a"]}},
    "partners": [{"id": "a", "naam": "Aadorp", "soort": "gemeente"},
                 {"id": "b", "naam": "Beedorp", "soort": "gemeente",
                  "financiele_positie_partner": "laag"}],
    "samenwerkingen": [{"id": "wo", "vorm": "werkorganisatie", "status": "bestaand",
                        "deelnemers": ["a", "b"]}],
    "opties": [{"id": "door", "optievorm": "samenwerking_verbeteren",
                "bestaande_vorm": "werkorganisatie", "partners": ["a", "b"]},
               {"id": "uit", "optievorm": "ontvlechten", "partners": ["a", "b"]}],
}


@pytest.mark.parametrize(("lang", "claim", "says"), [
    ("nl", "bij de partners is onbekend", "legt niet vast"),
    ("en", "among the partners is unknown", "does not record"),
])
def test_unstated_support_is_what_the_file_does_not_record(tmp_path: Path, lang: str,
                                                          claim: str, says: str) -> None:
    """One client with one partner: no claim that the partner's position is unknown (the
    case may tell it in its own words) and no joint council meeting of one raad."""
    text = _rule_text(tmp_path, ONE, lang, "diagnose.legitimiteit.onbekend.bestuurlijk")
    assert claim not in text and says in text, text
    assert "gezamenlijke" not in text and "joint" not in text, text


@pytest.mark.parametrize(("lang", "claim", "says"), [
    ("nl", "van de partners is onbekend", "leggen de stukken niet vast"),
    ("en", "boards is unknown", "documents do not record"),
])
def test_a_raad_client_is_told_what_the_file_does_not_record(tmp_path: Path, lang: str,
                                                            claim: str, says: str) -> None:
    case = {**ONE, "casus": {**ONE["casus"], "opdrachtgever": {
        "naam": "Raad van A", "soort": "gemeente", "orgaan": "raad", "entiteit": ["a"]}}}
    text = _rule_text(tmp_path, case, lang, "diagnose.legitimiteit.onbekend.bestuurlijk.raden")
    assert claim not in text and says in text, text
