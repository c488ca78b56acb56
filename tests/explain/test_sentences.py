"""Where a sentence ends: not at an abbreviation, initials or inside brackets (a real case's
"Nuenen c.a." cut §1 into a fragment)."""

from __future__ import annotations

import pytest

from pvrules.explain.sentences import first_sentence

CASES = [
    ("Nuenen c.a. wil zelfstandig blijven. De provincie niet.",
     "Nuenen c.a. wil zelfstandig blijven."),
    ("Op grond van art. 160 Gemeentewet mag dat. Daarna meer.",
     "Op grond van art. 160 Gemeentewet mag dat."),
    ("? nog niet geraamd — eenmalig de frictiekosten. Twee.",
     "? nog niet geraamd — eenmalig de frictiekosten."),
    ("Volgens M.H. Moore (1995) is dat zo. Twee.", "Volgens M.H. Moore (1995) is dat zo."),
    ("Dat staat er (zie art. 4. hierboven). Twee.", "Dat staat er (zie art. 4. hierboven)."),
    ("Zie Stcrt. 2015, 22693. Twee.", "Zie Stcrt. 2015, 22693."),
    ("Dat kost 1 mln. euro per jaar. Twee.", "Dat kost 1 mln. euro per jaar."),
    ("Is dat zo? Ja. Twee.", "Is dat zo?"),
    ("Het gaat om de WODV. Twee.", "Het gaat om de WODV."),
    ("Eén zin  zonder\npunt", "Eén zin zonder punt"),
    ("Kort. Lang.", "Kort."),
]


@pytest.mark.parametrize(("text", "first"), CASES)
def test_first_sentence(text: str, first: str) -> None:
    assert first_sentence(text) == first
