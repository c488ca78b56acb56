"""Option texts follow the option's legal form, not its family.

A centrumregeling has no own bestuur or ontwerpbegroting; a stichting has no members or shares;
a text about one client raad does not conjugate it as plural.
"""

from __future__ import annotations

import pytest
import yaml

from pvrules.explain.context import ExplainContext
from pvrules.pipeline import Pipeline


@pytest.fixture(scope="module")
def cells(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    case = {
        "casus": {"id": "t", "titel": "t", "datum": "2023-03-01",
                  "opdrachtgever": {"naam": "Gemeente Aa", "soort": "gemeente"}},
        "partners": [{"id": "a", "naam": "Aa", "soort": "gemeente"},
                     {"id": "b", "naam": "Bee", "soort": "gemeente"}],
        "opties": [
            {"id": "cr", "naam": "Centrum", "optievorm": "centrumregeling", "partners": ["a", "b"]},
            {"id": "st", "naam": "Stichting", "optievorm": "privaatrechtelijke_vorm",
             "optie_relatie": "deelneming", "optie_privaatrechtelijke_soort": "stichting",
             "partners": ["a", "b"]},
            {"id": "vb", "naam": "Verbeteren", "optievorm": "samenwerking_verbeteren",
             "bestaande_vorm": "openbaar_lichaam", "partners": ["a", "b"]},
        ],
    }
    path = tmp_path_factory.mktemp("legal") / "case.yaml"
    path.write_text(yaml.safe_dump(case, allow_unicode=True), encoding="utf-8")
    pipe = Pipeline([], [], "python")
    ctx = ExplainContext(pipe.kb, pipe.evaluate_file(str(path)), "nl")
    out: dict[str, dict[str, str]] = {}
    for dec in ctx.decisions.options:
        for row in dec.options:
            texts = {c: e.reason for c, e in row.effects.items()}
            texts["aspects"] = " ".join(a.reason for a in row.risks if a.reason)
            out[row.label] = texts
    return out


def test_a_centrumregeling_is_not_steered_through_a_bestuur_of_the_regeling(
        cells: dict[str, dict[str, str]]) -> None:
    text = cells["Centrum"]["legitimiteit"]
    assert "centrumgemeente" in text
    assert "bestuur van de regeling" not in text and "ontwerpbegroting" not in text


def test_a_stichting_has_no_members_or_shares(cells: dict[str, dict[str, str]]) -> None:
    text = " ".join(cells["Stichting"].values())
    assert "aandelenkapitaal" not in text and "aandeelhouder" not in text
    assert "bijstorten" not in text and "aandelen verkopen" not in text
    assert "geen leden of aandelen" in text  # the stichting's own cost and reversibility texts


def test_one_client_raad_is_not_conjugated_as_plural(cells: dict[str, dict[str, str]]) -> None:
    text = cells["Verbeteren"]["legitimiteit"]
    assert "zienswijzen" in text and "de raad de zienswijzen" not in text
