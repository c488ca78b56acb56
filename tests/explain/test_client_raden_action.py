"""Where the raden that ask are the partners, the action asks their colleges, nobody beside them.

BAR: three raden commission the advice about their own shared organisation; "de besturen van
de partners" would be a second set of boards that does not exist (review 9, Top 10 #8).
"""

from __future__ import annotations

from pathlib import Path

from pvrules.explain.context import ExplainContext
from pvrules.pipeline import Pipeline

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_the_raden_as_client_ask_their_colleges_only() -> None:
    pipe = Pipeline([], [], "python")
    ctx = ExplainContext(pipe.kb, pipe.evaluate_file(str(EXAMPLES / "bar-2016.yaml")), "nl")
    recs = [k for k in ctx.decisions.key_recommendations if k.item == "draagvlak_peilen"]
    assert recs, "BAR's key recommendations sound out support"
    action = recs[0].action
    assert "colleges" in action
    assert "besturen van de partners" not in action
