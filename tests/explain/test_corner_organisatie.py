"""§3.2 Organisatie uses what the case states on the organisation (issue 9 point 5).

* a shared civil service (werkorganisatie) whose goal attainment the case states as low sets
  the corner (at most redelijk), with the collaboration's name and the fact's own source;
* a bestuurskracht finding the case cannot give yet leaves the corner unknown, but the row
  says what the case file does know of it.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import pytest
import yaml

from pvrules.explain.context import ExplainContext
from pvrules.infer.result import Result
from pvrules.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(engine_name="python")


def _path(name: str) -> str:
    return str(resources.files("pvrules.examples") / f"{name}.yaml")


def _case(name: str) -> dict[str, Any]:
    with open(_path(name), encoding="utf-8") as fh:
        data: dict[str, Any] = yaml.safe_load(fh)
    return data


@pytest.fixture(scope="module")
def bar(pipe: Pipeline) -> Result:
    """The example evaluated once; each test builds its context per language."""
    return pipe.evaluate_file(_path("bar-2016"))


def _organisation(ctx: ExplainContext) -> Any:
    return next(c for c in ctx.decisions.triangle.corners if c.id == "organisatie")


@pytest.mark.parametrize(("lang", "source_key", "level"),
                         [("nl", "bron", "redelijk"), ("en", "bron_en", "reasonable")])
def test_a_werkorganisatie_missing_its_goals_sets_the_organisation_corner(
        pipe: Pipeline, bar: Result, lang: str, source_key: str, level: str) -> None:
    case = _case("bar-2016")
    shared = [s for s in case["samenwerkingen"]
              if s.get("vorm") == "werkorganisatie" and isinstance(s.get("doelbereik"), dict)
              and s["doelbereik"]["waarde"] in ("laag", "zeer_laag")]
    assert shared, "the example no longer states a werkorganisatie that misses its goals"
    corner = _organisation(ExplainContext(pipe.kb, bar, lang))
    assert corner.rank is not None and corner.level == level
    name = shared[0].get("naam_en" if lang == "en" else "naam", shared[0]["naam"])
    assert name in corner.reason
    assert shared[0]["doelbereik"][source_key] in corner.reason


def test_an_unknown_bestuurskracht_finding_says_what_the_case_file_knows(pipe: Pipeline) -> None:
    fact = _case("voorschoten-2019")["feiten"]["bestuurskracht_oordeel"]
    assert fact["waarde"] is None
    result = pipe.evaluate_file(_path("voorschoten-2019"))
    corner = _organisation(ExplainContext(pipe.kb, result, "nl"))
    assert corner.rank is None
    assert fact["bron"] in corner.reason


def _province_merger(tmp_path: Any) -> str:
    """A province weighs a herindeling; the case states the gemeenten's continuity and money."""
    case = {
        "casus": {"id": "t", "titel": "t", "datum": "2018-12-14",
                  "opdrachtgever": {"naam": "Gedeputeerde Staten", "soort": "provincie"}},
        "feiten": {"continuiteit": "laag", "financiele_positie": "laag",
                   "herindeling_overwogen": True},
        "partners": [{"id": "a", "naam": "Aa", "soort": "gemeente"},
                     {"id": "b", "naam": "Bee", "soort": "gemeente"}],
        "opties": [{"id": "her", "naam": "Aa en Bee samen", "optievorm": "herindeling",
                    "partners": ["a", "b"]}],
    }
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(case, allow_unicode=True), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_provincial_merger_leaves_the_organisation_corner_to_the_options(
        pipe: Pipeline, tmp_path: Any, lang: str) -> None:
    """Nothing the organisation waits on is a question here, yet the row says why it is open."""
    result = pipe.evaluate_file(_province_merger(tmp_path))
    assert not result.fired("provincie.organisatie.uitvoerder_zwak")
    ctx = ExplainContext(pipe.kb, result, lang)
    corner = _organisation(ctx)
    assert corner.rank is None
    assert corner.reason == ctx.msg("corner.not_this_client")
