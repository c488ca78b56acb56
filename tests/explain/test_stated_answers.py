"""A notitie's "Wat wij weten" states each fact as its vocabulary question with the answer.

"Is de keuze politiek gevoelig? Nee." instead of the field label "Keuze politiek gevoelig:
nee"; a fact of an entity after the entity's name; a fact without a question keeps
"Label: waarde". Data-driven over the intake example and the built-in vocabulary.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pvrules.explain.context import ExplainContext
from pvrules.pipeline import Pipeline

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_stated_facts_read_as_question_and_answer(lang: str) -> None:
    pipe = Pipeline([], [], "python")
    result = pipe.evaluate_file(str(EXAMPLES / "intake-quickscan.yaml"))
    stated = ExplainContext(pipe.kb, result, lang).decisions.stated
    assert stated, "the intake is a notitie and states facts"
    facts = pipe.kb.vocab.facts
    asked = [f for given in result.case.facts.values() for f in given
             if facts[f].origin == "input" and facts[f].question is not None
             and facts[f].question.get(lang)]
    assert asked
    for fact in asked:
        label = facts[fact].label.get(lang)
        assert not any(line.startswith(f"{label}:") or line.startswith(f"{label} (")
                       for line in stated), (fact, stated)
    answered = [line for line in stated if "? " in line]
    assert answered
    for line in answered:
        answer = line.rsplit("? ", 1)[1]
        assert answer[:1].isupper() and line.endswith("."), line
        assert "{" not in line, line  # organs filled in


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
