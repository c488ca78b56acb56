"""Which sources an advice may cite on its date: shown to precede it, and not replaced."""

from __future__ import annotations

import datetime as dt

import pytest

from pvrules.kb import load_kb
from pvrules.validate.catalogue import SourceDef, cited_source
from pvrules.validate.dates import published_after

D = dt.date


@pytest.mark.parametrize(("year", "date", "day", "after"), [
    (2024, None, D(2024, 4, 2), True),          # a year alone, the case's own: not shown before
    (2024, None, D(2024, 12, 31), True),
    (2023, None, D(2024, 1, 1), False),         # an earlier year: before
    (2024, "2024-03-01", D(2024, 4, 2), False),  # a full date before the case
    (2024, "2024-04-02", D(2024, 4, 2), False),  # the same day counts as knowable
    (2024, "2024-04-03", D(2024, 4, 2), True),
    (2025, None, D(2024, 4, 2), True),
    (None, None, D(2024, 4, 2), False),         # nothing known: not after
])
def test_published_after(year: int | None, date: str | None, day: dt.date, after: bool) -> None:
    assert published_after(year, date, day) is after


SOURCES = {
    "oud": SourceDef(id="oud", title="Kader 2013", year=2013, date="2013-05-28",
                     replaced_by="nieuw", replaced_on="2019-03-22"),
    "nieuw": SourceDef(id="nieuw", title="Kader 2018", year=2019, date="2019-03-22"),
    "weg": SourceDef(id="weg", title="Oud zonder opvolger", year=2010, date="2010-01-01",
                     replaced_by="jaar", replaced_on="2015-06-01"),
    "jaar": SourceDef(id="jaar", title="Opvolger met alleen een jaar", year=2015),
}


@pytest.mark.parametrize(("sid", "day", "cited"), [
    ("oud", D(2019, 3, 21), "oud"),            # before the replacement: the old framework
    ("oud", D(2019, 3, 22), "nieuw"),          # from that day: its successor
    ("oud", D(2024, 6, 20), "nieuw"),
    ("oud", D(2013, 5, 27), None),             # before it appeared
    ("nieuw", D(2019, 1, 1), None),
    ("weg", D(2015, 7, 1), None),              # replaced, but the successor cannot be cited yet
    ("weg", D(2016, 1, 1), "jaar"),
])
def test_cited_source(sid: str, day: dt.date, cited: str | None) -> None:
    assert cited_source(SOURCES, sid, day) == cited


def test_a_case_vouches_for_its_own_sources_of_its_year() -> None:
    own = SourceDef(id="eigen", title="Rapport bij de casus", year=2019)
    assert not own.citable_on(D(2019, 9, 1))
    assert own.citable_on(D(2019, 9, 1), vouched=True)       # listed in casus.bronnen
    assert not own.citable_on(D(2018, 12, 31), vouched=True)  # but never before its year


def test_replaced_by_and_replaced_on_go_together() -> None:
    with pytest.raises(ValueError, match="go together"):
        SourceDef(id="x", title="X", year=2013, replaced_by="nieuw")


def test_builtin_2013_framework_is_cited_as_2018_after_22_march_2019() -> None:
    kb = load_kb(use_env=False)
    old, new = "beleidskader_herindeling_2013", "beleidskader_herindeling_2018"
    assert kb.cite_as(old, D(2017, 6, 1)) == old
    assert kb.cite_as(old, D(2019, 9, 1)) == new
    assert kb.citable_sources((old, new, "gemeentewet"), D(2019, 9, 1)) == (new, "gemeentewet")
    assert not kb.source_after(old, D(2019, 9, 1))
