"""The vulnerability aspect under an option's risks is shown only where the organisation
column has no judgement ("?"); it then says what would follow, never that it does (A2: the
vulnerability rests on an unconfirmed fact)."""

from __future__ import annotations

from pvrules.pipeline import Pipeline

from .shipped import example_ctx


def test_vulnerability_aspect_beside_an_open_column_is_conditional() -> None:
    ctx = example_ctx(Pipeline(engine_name="python"), "a2-2019")
    rows = [r for d in ctx.decisions.options for r in d.options if r.id == "herindeling_a2"]
    row = rows[0]
    assert row.effects["organisatie"].sign == "?", row.effects
    aspect = next(r for r in row.risks if r.id == "afweging_kwetsbaarheid")
    assert aspect.reason.lower().startswith("zou afnemen"), aspect.reason
