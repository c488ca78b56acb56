"""A deciding unknown is asked in §8 with the decision it settles (unknowns16).

Why a body misses its goals (design, delivery or steering) decides whether improving suffices or
the form itself is the problem; whether a merger date stays feasible when a partner drops out
decides the remaining partners' timeline; staff placement and the division of reserves decide
whether a chosen unwinding can be carried out and what it costs. On the built-in knowledge base
with the synthetic cases of rules/tests/_cases.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from pvrules.explain.context import ExplainContext
from pvrules.explain.findout import find_out_first
from pvrules.infer.reference import ReferenceEngine
from pvrules.kb import KnowledgeBase, load_kb
from pvrules.validate.case import load_case_text

CASES = Path(__file__).resolve().parents[2] / "rules" / "tests" / "_cases"
CAUSE, DATE = "oorzaak_doelbereik", "herindelingsdatum_haalbaar"
STAFF, RESERVES = "plaatsing_personeel_afgesproken", "verdeling_vermogen_afgesproken"
# fact -> (case, where a known value goes, that value, a piece of its turn)
DECIDING: dict[str, tuple[str, tuple[Any, ...], object, str]] = {
    CAUSE: ("unknowns_werkorganisatie.yaml", ("samenwerkingen", 0), ["kaders_ontbreken"],
            "of verbeteren volstaat of de vorm zelf het probleem is"),
    DATE: ("unknowns_herindeling_afhaker.yaml", ("feiten",), True,
           "of de overblijvende gemeenten hun tijdpad kunnen houden"),
    STAFF: ("unknowns_ontvlechten_gekozen.yaml", ("samenwerkingen", 0), True,
            "op tijd en zonder open eindjes voor het personeel"),
    RESERVES: ("unknowns_ontvlechten_gekozen.yaml", ("samenwerkingen", 0), True,
               "wat de gekozen ontvlechting of uittreding elke gemeente kost"),
}


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb([], [], use_env=False)


def _items(kb: KnowledgeBase, fact: str, known: bool) -> dict[str, str]:
    name, where, value, _ = DECIDING[fact]
    data = yaml.safe_load((CASES / name).read_text(encoding="utf-8"))
    if known:
        place = data[where[0]] if len(where) == 1 else data[where[0]][where[1]]
        place[fact] = value
    case = load_case_text(yaml.safe_dump(data, allow_unicode=True), name, kb.vocab)
    ctx = ExplainContext(kb, ReferenceEngine(kb.rules, kb.vocab).evaluate(case), "nl")
    return {f.fact: f.question for f in find_out_first(ctx)}


@pytest.mark.parametrize("fact", sorted(DECIDING))
def test_a_deciding_unknown_is_asked_with_what_it_decides(kb: KnowledgeBase, fact: str) -> None:
    items = _items(kb, fact, known=False)
    assert fact in items
    assert DECIDING[fact][3] in items[fact]


@pytest.mark.parametrize("fact", sorted(DECIDING))
def test_a_deciding_fact_the_case_states_is_not_asked(kb: KnowledgeBase, fact: str) -> None:
    assert fact not in _items(kb, fact, known=True)



def test_two_options_named_in_one_question_are_each_said_by_name() -> None:
    """'Daarvan hangt af of die optie in beeld blijft, of die optie in beeld blijft': with two
    options of the question, "die optie" is ambiguous and said twice; each goes by name."""
    from click.testing import CliRunner

    from pvrules.cli.main import main

    case = Path(__file__).resolve().parents[2] / "rules/tests/_cases/given_arhi_aangehouden.yaml"
    result = CliRunner().invoke(main, ["advise", str(case), "--engine", "python"])
    assert result.exit_code == 0, result.output
    assert "Daarvan hangt af of ‘Herindeling met Heuvelstad’ in beeld blijft" in result.output
    assert "of die optie in beeld blijft, of die optie" not in result.output
