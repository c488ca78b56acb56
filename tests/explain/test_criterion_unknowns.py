"""The "Nog onbekend" column of the herindelingstoets lists only what can still change the score.

A rule that is already false with what the case says (Beekdal: a rule about partners with
different orientations, while they share one) cannot apply whatever its unknown facts turn out
to be; its unknowns are not listed. What the criterion still waits on is (how nabijheid van
bestuur for the kernen is safeguarded), also where the score rests on mixed evidence (A2).
"""

from __future__ import annotations

import pytest

from pvrules.pipeline import Pipeline

from .shipped import example_ctx

CASES = [  # example, option, words that must be listed, words that must not
    ("kleine-kwetsbare-gemeente", "herindeling_heidebroek", "nabijheid", "vergelijkbaar"),
    ("a2-2019", "herindeling_a2", "nabijheid", None),
]


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(engine_name="python")


@pytest.mark.parametrize(("name", "option", "listed", "not_listed"), CASES)
def test_interne_samenhang_lists_what_can_still_change_it(
        pipe: Pipeline, name: str, option: str, listed: str, not_listed: str | None) -> None:
    ctx = example_ctx(pipe, name)
    rows = [r for d in ctx.decisions.options for r in d.options if r.id == option]
    assert rows, f"{name}: no option {option}"
    crit = next(c for c in rows[0].criteria if c.id == "interne_samenhang")
    assert crit.score == "?", crit
    text = " ".join(crit.unknown).lower()
    assert listed in text, crit.unknown
    if not_listed is not None:
        assert not_listed not in text, crit.unknown
