"""Rule texts name the partners of an option with their facts (``{{ optie.partners_items }}``).

On the built-in knowledge base and the shipped examples: where the partners of an option look
to different regions, the cell of a merger or of improving the current collaboration names each
partner with its region, taken from the case.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pvrules.explain.context import ExplainContext
from pvrules.pipeline import Pipeline

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline([], [], "python")


@pytest.mark.parametrize("name", ["a2-2019", "voorschoten-2019"])
def test_differing_orientations_are_named_per_partner(pipe: Pipeline, name: str) -> None:
    result = pipe.evaluate_file(str(EXAMPLES / f"{name}.yaml"))
    ctx = ExplainContext(pipe.kb, result, "nl")
    vocab = pipe.kb.vocab
    checked = 0
    for dec in ctx.decisions.options:
        for row in dec.options:
            key = ("optie", row.id)
            if result.value(key, "orientatie_verschilt") is not True or \
                    row.form not in ("herindeling", "samenwerking_verbeteren"):
                continue
            cell = row.effects["publieke_waarde"].reason
            partners = result.value(key, "partners")
            assert isinstance(partners, tuple)
            for ident in partners:
                partner = result.case.entity(("partner", str(ident)))
                assert partner is not None
                value = result.value(("partner", str(ident)), "regio_orientatie")
                assert isinstance(value, str)
                region = vocab.display("regio_orientatie", value, "nl")
                # grouped per region: "(A, B op X; C op Y)" — the partner's group names its region
                groups = cell[cell.index("(") + 1:cell.index(")")].split("; ")
                assert any(partner.name in g and g.endswith(region) for g in groups), cell
            checked += 1
    assert checked >= 1


def test_the_municipality_that_wants_to_stay_independent_is_named(
        pipe: Pipeline, tmp_path: Path) -> None:
    """With a province as client, "de raad" has no referent: the cell names the partner."""
    path = tmp_path / "case.yaml"
    path.write_text(
        'casus: {id: t, titel: t, datum: "2020-06-01",'
        " opdrachtgever: {naam: GS, soort: provincie}}\n"
        "partners:\n"
        "  - {id: a, naam: Adorp, soort: gemeente, wil_zelfstandig: true}\n"
        "  - {id: b, naam: Bedum, soort: gemeente}\n"
        "opties: [{id: h, naam: Samen, optievorm: herindeling, partners: [a, b]}]\n",
        encoding="utf-8")
    ctx = ExplainContext(pipe.kb, pipe.evaluate_file(str(path)), "nl")
    row = next(r for dec in ctx.decisions.options for r in dec.options if r.id == "h")
    cell = row.effects["legitimiteit"].reason
    assert cell.startswith("Adorp wil uitdrukkelijk zelfstandig blijven")
    assert "in de raad van Adorp" in cell


def test_a_shared_region_is_named(pipe: Pipeline) -> None:
    """"Sluit aan: … dezelfde regio" says which region, from the partners' own facts."""
    result = pipe.evaluate_file(str(EXAMPLES / "haren-2017.yaml"))
    ctx = ExplainContext(pipe.kb, result, "nl")
    vocab = pipe.kb.vocab
    reasons = [(row.id, r.reason) for dec in ctx.decisions.options for row in dec.options
               for r in row.risks if r.id == "afweging_regionale_positie"
               and r.reason.startswith("Sluit aan")]
    assert reasons
    for ident, reason in reasons:
        partners = result.value(("optie", ident), "partners")
        assert isinstance(partners, tuple)
        region = result.value(("partner", str(partners[0])), "regio_orientatie")
        assert vocab.display("regio_orientatie", region, "nl") in reason


def test_a_generic_region_is_not_named(pipe: Pipeline, tmp_path: Path) -> None:
    """"de regio van deze casus" is no name: the aspect then says only "dezelfde regio"."""
    path = tmp_path / "case.yaml"
    path.write_text(
        'casus: {id: t, titel: t, datum: "2020-06-01",'
        " opdrachtgever: {naam: raden, soort: gemeenten}}\n"
        "partners:\n"
        "  - {id: a, naam: Adorp, soort: gemeente, regio_orientatie: regio_casus}\n"
        "  - {id: b, naam: Bedum, soort: gemeente, regio_orientatie: regio_casus}\n"
        "opties: [{id: h, naam: Samen, optievorm: herindeling, partners: [a, b]}]\n",
        encoding="utf-8")
    ctx = ExplainContext(pipe.kb, pipe.evaluate_file(str(path)), "nl")
    reasons = [r.reason for dec in ctx.decisions.options for row in dec.options
               for r in row.risks if r.id == "afweging_regionale_positie"]
    assert reasons and all("dezelfde regio en" in r for r in reasons), reasons
