"""A rule text that states a fact the case marks uncertain says it is the case file's word.

``zekerheid: laag`` on a ground fact a rule matched: the text's first sentence naming that
entity (not the advice sentence) ends with "(volgens de stukken, nog niet bevestigd)".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pvrules.explain.context import ExplainContext
from pvrules.explain.hedge import hedge, uncertain_names
from pvrules.messages import Messages
from pvrules.pipeline import Pipeline

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
OPENS = ("Wij adviseren",)


def test_the_sentence_naming_the_entity_is_hedged() -> None:
    text = "Het verband staat ver af. A is een openbaar lichaam. Wij adviseren A iets."
    assert hedge(text, ["A"], "noot", OPENS) == \
        "Het verband staat ver af. A is een openbaar lichaam (noot). Wij adviseren A iets."


def test_the_advice_sentence_and_other_texts_stay() -> None:
    assert hedge("Wij adviseren A iets.", ["A"], "noot", OPENS) == "Wij adviseren A iets."
    assert hedge("B is klein.", ["A"], "noot", OPENS) == "B is klein."
    assert hedge("A is klein.", [], "noot", OPENS) == "A is klein."


@pytest.mark.parametrize("text", [
    "A wil zelfstandig blijven; het voorstel rust op het oordeel dat haar bestuurskracht "
    "tekortschiet, en A betwist dat oordeel. Wij adviseren iets.",
    "A wants to stay independent; the proposal rests on the judgement that its strength "
    "falls short, and A disputes that judgement. We advise something.",
])
def test_a_sentence_that_says_the_judgement_is_disputed_gets_no_hedge(text: str) -> None:
    assert hedge(text, ["A"], "noot", ("Wij adviseren", "We advise")) == text


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_low_certainty_fact_is_not_stated_as_fact(lang: str) -> None:
    pipe = Pipeline([], [], "python")
    result = pipe.evaluate_file(str(EXAMPLES / "a2-2019.yaml"))
    ctx = ExplainContext(pipe.kb, result, lang)
    note = Messages(lang)("certainty.per_case_file")
    hedged = [f for f in result.firings if uncertain_names(f, result.case, pipe.kb.vocab)]
    assert hedged, "A2 marks the Wgr form of its collaboration as uncertain"
    checked = 0
    for firing in hedged:
        names = uncertain_names(firing, result.case, pipe.kb.vocab)
        text = ctx.builder.chain(firing.key)[-1].text
        stating = [s for s in text.split(". ") if any(n in s for n in names)
                   and not s.startswith(("Wij ", "We "))]
        if stating:
            assert note in stating[0], (firing.rule_id, text)
            checked += 1
    assert checked, "some rule text names the entity whose fact is uncertain"
