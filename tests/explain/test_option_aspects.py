"""An aspect of the assessment frame that a corner column already judges is not repeated.

Catalogue property ``judged_in`` on a risk item names the corner whose column judges the
aspect (vulnerability → organisatie, regional position → publieke waarde). On the built-in
knowledge base and every example with options: a concluded aspect is listed under costs and
risks exactly when that column has no judgement (empty or "?").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pvrules.explain.context import ExplainContext
from pvrules.pipeline import Pipeline

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline([], [], "python")


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("name", ["kleine-kwetsbare-gemeente", "a2-2019",
                                  "gemeente-onder-preventief-toezicht", "voorschoten-2019"])
def test_an_aspect_is_listed_only_where_its_column_is_silent(pipe: Pipeline, name: str) -> None:
    result = pipe.evaluate_file(str(EXAMPLES / f"{name}.yaml"))
    ctx = ExplainContext(pipe.kb, result, "nl")
    judged = {i: item.properties["judged_in"].get("nl")
              for i, item in pipe.kb.catalogues.items.items() if "judged_in" in item.properties}
    assert judged, "the built-in catalogue marks aspects with judged_in"
    seen = 0
    for dec in ctx.decisions.options:
        for row in dec.options:
            concluded = {c.name for f in result.firings for c in f.conclusions
                         if c.kind == "risk" and c.target == ("optie", row.id)
                         and c.name in judged}
            listed = {r.id for r in row.risks}
            for item in concluded:
                effect = row.effects.get(judged[item])
                silent = effect is None or effect.sign == "?"
                assert (item in listed) == silent, (row.id, item)
                seen += 1
    assert seen, f"{name}: no aspect concluded for any option"
