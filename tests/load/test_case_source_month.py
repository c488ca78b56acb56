"""A case source known to the month, and one error per bad source (blind12).

``date: "2019-05"`` is read as the month's last day (it precedes a case only when the whole
month does); a source whose definition has a problem is reported at the source, and a fact
citing it by ``bron_id`` is not also "not a source of this case".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pvrules.errors import CaseError
from pvrules.pipeline import Pipeline

CASE = """\
casus:
  id: t
  titel: t
  datum: "{datum}"
  bronnen:
    - {{id: brief, title: Brief van het college, publisher: Gemeente A, year: 2019, {extra}}}
feiten:
  draagvlak_raad: {{waarde: laag, bron_id: brief}}
"""


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline()


@pytest.mark.parametrize(("datum", "citable"), [("2019-06-01", True), ("2019-05-15", False)])
def test_a_month_counts_from_its_last_day(pipe: Pipeline, tmp_path: Path, datum: str,
                                          citable: bool) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(CASE.format(datum=datum, extra='date: "2019-05"'), encoding="utf-8")
    case = pipe.load_case(str(path))
    src = next(s for s in case.own_sources if s.id == "brief")
    assert src.date == "2019-05-31"
    assert src.citable_on(case.peildatum) is citable


def test_a_bad_source_is_one_error_not_two(pipe: Pipeline, tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(CASE.format(datum="2020-01-01", extra='date: "mei 2019"'), encoding="utf-8")
    with pytest.raises(CaseError) as err:
        pipe.load_case(str(path))
    kinds = [p.code for p in err.value.problems]
    assert kinds and "unknown-source" not in kinds, kinds
