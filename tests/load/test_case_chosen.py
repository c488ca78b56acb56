"""The chosen option (``gekozen``): at most one, and only with ``richting_gekozen: true``.

Each contradiction is one located problem naming the file, the line and the option.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pvrules.errors import CaseError
from pvrules.pipeline import Pipeline
from pvrules.validate.case import Case

CASE = """\
casus: {{id: t, titel: t, datum: "2023-01-01", opdrachtgever: {{naam: c, soort: gemeenten}}}}
feiten: {{richting_gekozen: {direction}}}
partners: [{{id: a, soort: gemeente}}, {{id: b, soort: gemeente}}]
opties:
  - {{id: ol, optievorm: openbaar_lichaam, partners: [a, b], gekozen: {first}}}
  - {{id: cr, optievorm: centrumregeling, partners: [a, b], gekozen: {second}}}
"""


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline()


def _load(pipe: Pipeline, tmp_path: Path, direction: str, first: str, second: str) -> Case:
    path = tmp_path / "c.yaml"
    path.write_text(CASE.format(direction=direction, first=first, second=second),
                    encoding="utf-8")
    return pipe.load_case(str(path))


@pytest.mark.parametrize(("direction", "first", "second", "place", "words"), [
    ("true", "true", "true", "opties[1].gekozen", "at most one"),
    ("false", "true", "false", "opties[0].gekozen", "richting_gekozen is false"),
    ("null", "true", "false", "opties[0].gekozen", "richting_gekozen is not given"),
])
def test_a_contradicting_choice_is_one_located_problem(
        pipe: Pipeline, tmp_path: Path, direction: str, first: str, second: str, place: str,
        words: str) -> None:
    with pytest.raises(CaseError) as err:
        _load(pipe, tmp_path, direction, first, second)
    problems = [p for p in err.value.problems if p.loc == place]
    assert len(problems) == 1, err.value.problems
    assert words in problems[0].message and problems[0].line is not None
    assert problems[0].file is not None and problems[0].file.endswith("c.yaml")


def test_one_chosen_option_with_a_chosen_direction_loads(pipe: Pipeline, tmp_path: Path) -> None:
    case = _load(pipe, tmp_path, "true", "true", "false")
    assert case.facts[("optie", "ol")]["gekozen"] is True


@pytest.mark.parametrize(("direction", "first", "warned"), [
    ("true", "false", True),    # a chosen direction, no option marked: say so
    ("true", "true", False),    # the chosen one is marked
    ("false", "false", False),  # nothing chosen yet: every option is open, rightly
])
def test_a_chosen_direction_without_a_marked_option_is_a_warning(
        pipe: Pipeline, tmp_path: Path, capsys: pytest.CaptureFixture[str], direction: str,
        first: str, warned: bool) -> None:
    """blind13: both councils had chosen, the case did not mark which option; the advice
    presented the options as open without a word to the case's author."""
    _load(pipe, tmp_path, direction, first, "false")
    err = capsys.readouterr().err
    assert ("none of the 2 options is marked 'gekozen: true'" in err) is warned, err
