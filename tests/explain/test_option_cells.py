"""The option cells of §4 render for every form, also for an option that names no partners.

A rule text that indexes into a list (``partners_items[0]``) fails the whole case when the list
is empty; here every optievorm is put on the table once without partners and once with one
partner, and the advice must come out in both languages.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pvrules.explain.context import ExplainContext
from pvrules.pipeline import Pipeline

FORMS = ("zelfstandig_versterken", "samenwerking_verbeteren", "andere_regio", "ontvlechten",
         "relatie_beeindigen", "lokaal_houden", "convenant_netwerk", "regeling_zonder_meer",
         "centrumregeling", "gemeenschappelijk_orgaan", "bedrijfsvoeringsorganisatie",
         "openbaar_lichaam", "privaatrechtelijke_vorm", "werkorganisatie", "herindeling")


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline([], [], "python")


def _case(partners: list[str], opgaven: str) -> dict[str, object]:
    return {
        "casus": {"id": "t", "titel": "t", "datum": "2020-06-01"},
        "feiten": {"opgaven_expliciet": opgaven, "kwetsbaarheid": "hoog"},
        "partners": [{"id": "a", "naam": "Aa", "soort": "gemeente", "regio_orientatie": "kempen"}],
        "opties": [{"id": f"o_{form}", "naam": form, "optievorm": form, "partners": partners}
                   for form in FORMS],
    }


@pytest.mark.parametrize("partners", [[], ["a"]], ids=["no-partners", "one-partner"])
@pytest.mark.parametrize("opgaven", ["laag", "hoog"])
def test_every_option_cell_renders(pipe: Pipeline, tmp_path: Path, partners: list[str],
                                   opgaven: str) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(_case(partners, opgaven), allow_unicode=True),
                    encoding="utf-8")
    result = pipe.evaluate_file(str(path))
    for lang in ("nl", "en"):
        ctx = ExplainContext(pipe.kb, result, lang)
        rows = [row for dec in ctx.decisions.options for row in dec.options]
        assert rows, "the options on the table are shown"
        for row in rows:
            for effect in row.effects.values():
                assert "{{" not in effect.reason and "[0]" not in effect.reason
                assert "(opgaven expliciet" not in effect.reason


EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.mark.parametrize("name", ["kleine-kwetsbare-gemeente", "haren-2017"])
def test_no_two_risks_of_an_option_share_one_reason(pipe: Pipeline, name: str) -> None:
    """A rule that names several risks gives none of them its text as the reason."""
    result = pipe.evaluate_file(str(EXAMPLES / f"{name}.yaml"))
    ctx = ExplainContext(pipe.kb, result, "nl")
    checked = 0
    for dec in ctx.decisions.options:
        # "als bij ‘A’" refers to an earlier option's text; two aspects may both say it
        referred = {ctx.msg("options.same_as", option=o.label) for o in dec.options}
        for row in dec.options:
            reasons = [r.reason for r in row.risks if r.reason and r.reason not in referred]
            assert len(reasons) == len(set(reasons)), (row.label, reasons)
            checked += len(row.risks)
    assert checked, "the example's options have risks"


@pytest.mark.parametrize(("question", "full"), [
    (None, True),  # A2 asks whether a bestuurlijke fusie is the way forward
    ("Hoe versterken de drie gemeenten hun samenwerking en hun bestuurskracht?", False),
], ids=["merger-asked", "merger-not-asked"])
def test_a_herindeling_advised_against_keeps_its_whole_first_test_where_the_question_asks(
        pipe: Pipeline, tmp_path: Path, question: str | None, full: bool) -> None:
    """Where the question asks about a herindeling, the raden need every criterion, also for a
    rejected one, with what is still unknown; elsewhere only the criteria that carry the (−)."""
    case = yaml.safe_load((EXAMPLES / "a2-2019.yaml").read_text(encoding="utf-8"))
    if question is not None:
        case["casus"]["vraag"] = question
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(case, allow_unicode=True), encoding="utf-8")
    ctx = ExplainContext(pipe.kb, pipe.evaluate_file(str(path)), "nl")
    rows = [row for dec in ctx.decisions.options for row in dec.options
            if row.form == "herindeling"]
    assert rows and all(row.preference == "advised_against" for row in rows), rows
    for row in rows:
        scores = [c.score for c in row.criteria]
        if full:
            assert len(scores) >= 5 and "-" in scores and "?" in scores, row.criteria
            assert any(c.unknown for c in row.criteria if c.score == "?"), row.criteria
        else:
            assert scores and set(scores) == {"-"}, row.criteria
            assert all(not c.unknown for c in row.criteria)


@pytest.mark.parametrize(("certainty", "sign"), [("laag", "?"), ("hoog", "+")])
def test_a_sign_resting_on_an_uncertain_partner_fact_is_open(
        pipe: Pipeline, tmp_path: Path, certainty: str, sign: str) -> None:
    """A fact computed over the option's partners carries their certainty into the cell."""
    case = {
        "casus": {"id": "t", "titel": "t", "datum": "2017-01-01",
                  "opdrachtgever": {"naam": "GS", "soort": "provincie"}},
        "partners": [{"id": "a", "naam": "Aa", "soort": "gemeente",
                      "bestuurskracht_tekort": {"waarde": True, "zekerheid": certainty,
                                                "bron": "oordeel van de provincie"}},
                     {"id": "b", "naam": "Bb", "soort": "gemeente"}],
        "opties": [{"id": "z", "naam": "Aa en Bb samen", "optievorm": "herindeling",
                    "partners": ["a", "b"]}],
    }
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(case, allow_unicode=True), encoding="utf-8")
    ctx = ExplainContext(pipe.kb, pipe.evaluate_file(str(path)), "nl")
    [row] = [r for dec in ctx.decisions.options for r in dec.options]
    cell = row.effects["organisatie"]
    assert cell.sign == sign
    assert ("oordeel van de provincie" in cell.reason) == (sign == "?")


def test_an_open_cell_keeps_partner_names_capitalised(pipe: Pipeline, tmp_path: Path) -> None:
    """'Hangt af van …: … en of … (bij Ten Boer)' — a partner's name is never lower-cased, and
    an unknown of one partner joins as a clause, never as a label ('… en Ten Boer: of …')."""
    case = {
        "casus": {"id": "t", "titel": "t", "datum": "2017-01-01",
                  "opdrachtgever": {"naam": "GS", "soort": "provincie"}},
        "partners": [{"id": "g", "naam": "Groningen", "soort": "gemeente",
                      "bestuurskracht_tekort": False},
                     {"id": "t", "naam": "Ten Boer", "soort": "gemeente"}],
        "opties": [{"id": "h", "naam": "Herindeling", "optievorm": "herindeling",
                    "partners": ["g", "t"]}],
    }
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(case, allow_unicode=True), encoding="utf-8")
    result = pipe.evaluate_file(str(path))
    ctx = ExplainContext(pipe.kb, result, "nl")
    names = [e.name for e in result.case.entities.get("partner", ())
             if e.name and e.name[:1].isupper()]
    reasons = [e.reason for dec in ctx.decisions.options for row in dec.options
               for e in row.effects.values() if e.sign == "?"]
    assert any(n in r for n in names for r in reasons), "an open cell names a partner"
    for name in names:
        lowered = name[:1].lower() + name[1:]
        assert not any(f" {lowered}" in r for r in reasons), (name, reasons)
    every = [e.name for e in result.case.entities.get("partner", ())]
    assert any(f"(bij {n})" in r for n in every for r in reasons), reasons
    assert not any(f"{n}: " in r for n in every for r in reasons), reasons


def test_the_regional_position_claims_no_weight_the_case_does_not_show(pipe: Pipeline) -> None:
    """Haren: Groningen (a city of 200,000) gains no stated weight from merging with Ten Boer;
    the aspect says the partners speak with one voice in their region (blind8: no generic
    "hun gewicht hangt af van hun omvang")."""
    result = pipe.evaluate_file(str(EXAMPLES / "haren-2017.yaml"))
    ctx = ExplainContext(pipe.kb, result, "nl")
    lines = [r.reason for dec in ctx.decisions.options for row in dec.options
             for r in row.risks if r.id == "afweging_regionale_positie"]
    assert lines, "both merger options share their partners' region"
    assert not any("meer gewicht" in line for line in lines), lines
    assert "met één stem" in lines[0], lines  # the next says 'als bij …'
    assert not any("omvang" in line for line in lines), lines
