"""An option that splits the tasks: validated ids, and each part's meaning in the options table.

The synthetic case ``rules/tests/_cases/gesplitste-optie.yaml`` keeps the social domain
in a regeling, moves the economy to a network and brings belastingen back; the options table
shows that option as one row whose corner cells say what each part means there.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pvrules.errors import CaseError
from pvrules.explain.context import ExplainContext
from pvrules.explain.decisions_model import OptionRow
from pvrules.explain.option_parts import combined
from pvrules.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[2]
CASE = ROOT / "rules" / "tests" / "_cases" / "gesplitste-optie.yaml"
PARTS = {"nl": ("‘Sociaal domein blijft in de regeling’", "‘Economie naar een netwerk’",
                "‘Belastingen terug naar elke gemeente’")}


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline([], [], "python")


def _row(pipe: Pipeline, path: Path, option: str, lang: str = "nl") -> OptionRow:
    ctx = ExplainContext(pipe.kb, pipe.evaluate_file(str(path)), lang)
    rows = [row for dec in ctx.decisions.options for row in dec.options if row.id == option]
    assert rows, f"option {option} has a row in the table"
    return rows[0]


@pytest.mark.parametrize(("signs", "sign"), [
    (["0", "0"], "0"), (["+", "0"], "+"), (["0", "-"], "-"), (["+", "-"], "?"),
    (["+", "?"], "?"), ([], "?")])
def test_the_parts_sign(signs: list[str], sign: str) -> None:
    assert combined(signs) == sign


def test_each_corner_says_what_each_part_means(pipe: Pipeline) -> None:
    row = _row(pipe, CASE, "splitsen")
    assert {c: e.sign for c, e in row.effects.items()} == {
        "publieke_waarde": "+", "legitimiteit": "+", "organisatie": "-"}
    for effect in row.effects.values():
        positions = [effect.reason.index(name) for name in PARTS["nl"]]
        assert positions == sorted(positions), "the parts in the case's order, each named"
    assert "kwetsbaarheid" not in row.effects["legitimiteit"].reason
    assert "kwetsbaar" in row.effects["organisatie"].reason
    assert row.partners == ("Aadorp", "Beekum", "Cedam")


def test_the_english_table_names_the_parts_too(pipe: Pipeline) -> None:
    row = _row(pipe, CASE, "splitsen", "en")
    cell = row.effects["organisatie"].reason
    assert "‘Economie naar een netwerk’: 0" in cell
    assert "vulnerable" in cell and "kwetsbaar" not in cell


def test_parts_that_differ_in_direction_say_so(pipe: Pipeline, tmp_path: Path) -> None:
    text = CASE.read_text(encoding="utf-8").replace(
        "deelvorm: blijft", "deelvorm: bedrijfsvoeringsorganisatie")
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    effect = _row(pipe, path, "splitsen").effects["organisatie"]
    assert effect.sign == "?"
    assert effect.reason.startswith("Verschilt per deel.")


def test_an_option_without_parts_is_judged_as_before(pipe: Pipeline) -> None:
    row = _row(pipe, CASE, "voortzetten")
    assert all("‘" not in e.reason.split(":")[0] for e in row.effects.values())
    assert row.effects["publieke_waarde"].sign == "0"


@pytest.mark.parametrize(("old", "new", "loc", "allowed", "hint"), [
    ("deel_opgaven: [economie]", "deel_opgaven: [economy]", "optiedelen[1].deel_opgaven",
     ("belastingen", "economie", "sociaal_domein"), "economie"),
    ("delen: [sociaal_blijft, economie_netwerk,", "delen: [sociaal_blijft, economie_netwerken,",
     "opties[1].delen", ("belastingen_lokaal", "economie_netwerk", "sociaal_blijft"),
     "economie_netwerk"),
    ("    optie_samenwerking: [gr_regio]\n    partners: [aadorp, beekum, cedam]\n    delen",
     "    optie_samenwerking: [gr_regoi]\n    partners: [aadorp, beekum, cedam]\n    delen",
     "opties[1].optie_samenwerking", ("gr_regio",), "gr_regio"),
])
def test_an_unknown_id_in_an_option_is_an_error(pipe: Pipeline, tmp_path: Path, old: str,
                                                new: str, loc: str, allowed: tuple[str, ...],
                                                hint: str) -> None:
    text = CASE.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "case.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(CaseError) as info:
        pipe.evaluate_file(str(path))
    [problem] = info.value.problems
    assert (problem.code, problem.loc, problem.allowed) == ("unknown-entity", loc, allowed)
    assert problem.file == str(path) and problem.line is not None
    assert f"did you mean '{hint}'?" in problem.format()


def test_named_partners_are_not_still_to_find(pipe: Pipeline) -> None:
    """An option that names its partners does not ask with whom (the case leaves it unstated)."""
    row = _row(pipe, ROOT / "examples" / "a2-2019.yaml", "herindeling_a2")
    [crit] = [c for c in row.criteria if c.id == "bestuurskracht"]
    assert crit.score == "?" and crit.unknown
    assert not any("met wie" in u for u in crit.unknown)


def test_an_option_without_partners_still_asks_with_whom(pipe: Pipeline, tmp_path: Path) -> None:
    case = {"casus": {"id": "t", "titel": "t", "datum": "2020-01-15",
                      "opdrachtgever": {"naam": "raad", "soort": "gemeente"}},
            "feiten": {"kwetsbaarheid": "zeer_hoog", "ambtelijke_capaciteit": "zeer_laag"},
            "opties": [{"id": "h", "naam": "Herindeling", "optievorm": "herindeling"}]}
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(case), encoding="utf-8")
    [crit] = [c for c in _row(pipe, path, "h").criteria if c.id == "bestuurskracht"]
    assert any("met wie" in u for u in crit.unknown)
