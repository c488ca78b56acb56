"""Hypothesis strategies: random cases for the small test knowledge base."""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import strategies as st

LEVELS = st.sampled_from([None, "laag", "gemiddeld", "hoog"])


@st.composite
def small_cases(draw: Any) -> str:
    """A case file (YAML text) for tests/data/kb, with any fact possibly unknown."""
    feiten = {
        "draagvlak": draw(LEVELS),
        "capaciteit": draw(LEVELS),
        "inwoners": draw(st.one_of(st.none(), st.sampled_from([0, 49_999, 50_000, 50_001]),
                                   st.integers(0, 200_000))),
        "thema": draw(st.one_of(st.none(), st.lists(st.sampled_from(["zorg", "ruimte"]),
                                                      unique=True))),
    }
    partners = [
        {"id": f"p{i}", "soort": draw(st.sampled_from([None, "gemeente", "provincie",
                                                        "privaat"])),
         "vertrouwen": draw(LEVELS)}
        for i in range(draw(st.integers(0, 3)))
    ]
    opgaven = [
        {"id": f"o{i}", "schaal": draw(st.sampled_from([None, "lokaal", "regionaal"])),
         "beleidsrijk": draw(st.sampled_from([None, True, False]))}
        for i in range(draw(st.integers(0, 3)))
    ]
    doc = {"casus": {"id": "gen", "titel": "Generated"}, "feiten": feiten,
           "partners": partners, "opgaven": opgaven}
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)
