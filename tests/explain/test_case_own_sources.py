"""A case that defines its own sources in ``casus.bronnen`` (a real case's raadsvoorstel,
newspaper article or evaluation): cited like knowledge-base sources, never after the date,
and the shared knowledge base is left as it was.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pvrules.explain.context import ExplainContext
from pvrules.pipeline import Pipeline

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "bar-2016.yaml"

OWN = {"id": "raadsvoorstel_bar_2016", "publisher": "Gemeente Ridderkerk",
       "title": "Raadsvoorstel over het rekenkamerrapport", "year": 2016,
       "url": "https://www.ridderkerk.nl/raadsvoorstel"}
LATER = {"id": "evaluatie_bar_2019", "publisher": "BAR-organisatie",
         "title": "Evaluatie na drie jaar", "year": 2019}


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline([], [], "python")


def _case(tmp_path: Path, entries: list[object]) -> str:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["casus"]["bronnen"] = [*data["casus"]["bronnen"], *entries]
    path = tmp_path / "bar-own-sources.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return str(path)


def test_an_own_source_is_cited_with_its_publisher_and_year(pipe: Pipeline,
                                                            tmp_path: Path) -> None:
    result = pipe.evaluate_file(_case(tmp_path, [OWN, LATER]))
    assert [s.id for s in result.case.own_sources] == [OWN["id"], LATER["id"]]
    assert OWN["id"] in result.case.meta.bronnen  # an id like any other from here on
    refs = {s.id: s for s in ExplainContext(pipe.kb, result, "nl").decisions.sources}
    assert refs[OWN["id"]].case and refs[OWN["id"]].publisher == "Gemeente Ridderkerk"
    assert refs[OWN["id"]].year == 2016 and refs[OWN["id"]].url == OWN["url"]
    assert LATER["id"] not in refs  # published after the case's date: not knowable then


def test_the_shared_knowledge_base_does_not_learn_a_case_source(pipe: Pipeline,
                                                                tmp_path: Path) -> None:
    result = pipe.evaluate_file(_case(tmp_path, [OWN]))
    ExplainContext(pipe.kb, result, "nl").decisions  # noqa: B018 (built for its side effects)
    assert OWN["id"] not in pipe.kb.catalogues.sources
    plain = pipe.evaluate_file(str(EXAMPLE))
    ids = {s.id for s in ExplainContext(pipe.kb, plain, "nl").decisions.sources}
    assert OWN["id"] not in ids
