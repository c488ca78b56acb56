"""A partner's or a collaboration's name keeps its capital inside a sentence (review 6, Haren).

The Aanpak said "of de bestuurskracht tekortschiet (bij haren)": the partner's own name was
lower-cased as if it were the label of an option or a task.
"""

from __future__ import annotations

import pytest

from pvrules.explain.basics import in_sentence
from pvrules.explain.context import ExplainContext
from pvrules.pipeline import Pipeline

from .shipped import example_ctx


@pytest.fixture(scope="module")
def haren() -> ExplainContext:
    pipe = Pipeline()
    return example_ctx(pipe, "haren-2017")


def test_names_keep_their_capital(haren: ExplainContext) -> None:
    entities = haren.result.case.all_entities()
    for e in entities:
        if e.type in ("partner", "samenwerking") and e.name:
            assert in_sentence(haren, e.name) == e.name



def test_the_approach_names_the_partner_as_named(haren: ExplainContext) -> None:
    text = haren.decisions.approach.text if haren.decisions.approach else ""
    for e in haren.result.case.all_entities():
        if e.type == "partner" and e.name:
            assert f"(bij {e.name.lower()})" not in text, text


def test_an_article_is_no_name_on_its_own() -> None:
    """A partner "De Wolden" keeps "De Wolden …" capitalised, but not a label "De regie over
    het proces …" (blind10: "Voor meer grip van de raad: De regie over …")."""
    from pvrules.infer.reference import ReferenceEngine
    from pvrules.kb import load_kb
    from pvrules.validate.case import load_case_text

    kb = load_kb([], [], use_env=False)
    case = load_case_text("""
casus: {id: t, titel: t, datum: "2020-09-01"}
partners:
  - {id: dw, naam: De Wolden, soort: gemeente}
  - {id: hv, naam: Hoogeveen, soort: gemeente}
""", "t.yaml", kb.vocab)
    ctx = ExplainContext(kb, ReferenceEngine(kb.rules, kb.vocab).evaluate(case), "nl")
    assert in_sentence(ctx, "De Wolden als werkgever") == "De Wolden als werkgever"
    assert in_sentence(ctx, "De regie over het proces") == "de regie over het proces"
    assert in_sentence(ctx, "Hoogeveen verlaten") == "Hoogeveen verlaten"
