"""A notitie's "Wat wij weten" states each fact: "Ambitie is hoog.", "De keuze ligt
politiek niet gevoelig." Review 9 (Top 10 #10): the vocabulary's question with its answer ("Is de
keuze politiek gevoelig? Nee.") reads as an interview, not as what we were told.
Data-driven over the intake example and the built-in vocabulary.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pvrules.explain.context import ExplainContext
from pvrules.pipeline import Pipeline

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_stated_facts_read_as_statements(lang: str) -> None:
    pipe = Pipeline([], [], "python")
    result = pipe.evaluate_file(str(EXAMPLES / "intake-quickscan.yaml"))
    ctx = ExplainContext(pipe.kb, result, lang)
    stated = ctx.decisions.stated
    assert stated, "the intake is a notitie and states facts"
    facts = pipe.kb.vocab.facts
    given = [f for g in result.case.facts.values() for f in g
             if facts[f].origin == "input" and f != "soort"]
    assert len(stated) == len(given)
    for line in stated:
        assert "?" not in line and "{" not in line, line
        assert line[:1].isupper() and line.endswith("."), line
    levels = [f for f in given if facts[f].type in ("level", "enum")]
    # a yes/no fact is a sentence too ("De keuze ligt politiek niet gevoelig."), not "X: nee."
    bools = [f for f in given if facts[f].type == "bool"]
    assert levels and bools
    assert sum(1 for line in stated if ": " not in line) == len(levels) + len(bools)


def test_a_partys_kind_is_not_listed_as_something_we_were_told() -> None:
    """Review 7 (intake): "Westerkogge: wat voor partij is dit? Gemeente." is structure."""
    pipe = Pipeline([], [], "python")
    result = pipe.evaluate_file(str(EXAMPLES / "intake-quickscan.yaml"))
    assert any("soort" in given for given in result.case.facts.values())
    question = pipe.kb.vocab.facts["soort"].question
    assert question is not None
    for lang in ("nl", "en"):
        stated = ExplainContext(pipe.kb, result, lang).decisions.stated
        assert stated and not any(question.get(lang).lower() in line.lower()
                                  for line in stated), stated


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_case_without_documents_is_not_said_to_have_them(lang: str) -> None:
    """Review 6 and 7 (intake): "Uit de beschikbare stukken blijkt onvoldoende …" for a case
    that names no documents at all; what is known now is what the client told us."""
    pipe = Pipeline([], [], "python")
    result = pipe.evaluate_file(str(EXAMPLES / "intake-quickscan.yaml"))
    assert not result.case.meta.bronnen
    d = ExplainContext(pipe.kb, result, lang).decisions
    texts = [k.why for k in d.key_recommendations] + [s.why for s in d.plan]
    word = {"nl": "stukken", "en": "documents"}[lang]
    assert texts and not any(word in t for t in texts), texts


@pytest.mark.parametrize(("lang", "word"), [("nl", "(stap "), ("en", "(step ")])
def test_the_notitie_refers_to_its_steps(lang: str, word: str) -> None:
    """Review 13: §1 of a notitie said "(aanbeveling 2)" where the notitie has steps."""
    pipe = Pipeline([], [], "python")
    result = pipe.evaluate_file(str(EXAMPLES / "intake-quickscan.yaml"))
    answer = ExplainContext(pipe.kb, result, lang).decisions.answer
    assert word in answer
    assert "(aanbeveling" not in answer and "(recommendation" not in answer
