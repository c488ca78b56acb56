"""§8 asks what decides THIS question: the funding of a task that moves, not bestuurskracht.

Held-out readers (session 11): residents' polls, each municipality's vulnerability, financial
position and provincial supervision were asked in every case, while what decides a question
about a task (the allocation of a budget that moves, who bears deficits) was never asked. On
the built-in knowledge base with small cases.
"""

from __future__ import annotations

import pytest

from pvrules.explain.context import ExplainContext
from pvrules.explain.findout import find_out_first, unknown_slots
from pvrules.explain.findout_items import asked
from pvrules.explain.findout_scope import about_a_task, out_of_scope
from pvrules.infer.reference import ReferenceEngine
from pvrules.kb import KnowledgeBase, load_kb
from pvrules.validate.case import load_case_text

CASE = """
casus:
  id: geld
  titel: Een taak met een budget dat verschuift
  vraag: >-
    Hoe organiseren de gemeenten de taak nu het budget van de centrumgemeente naar elke
    gemeente gaat?
  datum: "2021-03-01"
  opdrachtgever: {naam: De colleges van Aa en Bee, soort: gemeenten, orgaan: colleges}
feiten:
  financiering_verschuift: true
  herindeling_overwogen: false
partners:
  - {id: aa, naam: Aa, soort: gemeente, is_centrumgemeente: true}
  - {id: bee, naam: Bee, soort: gemeente}
opgaven:
  - {id: taak, naam: De taak, schaal: regionaal, beleidskarakter: beleidsrijk,
     in_bestaand_verband: true}
opties:
  - {id: centrum, naam: De centrumgemeente blijft uitvoeren, optievorm: centrumregeling,
     partners: [aa, bee]}
  - {id: zelf, naam: Elke gemeente zelf, optievorm: FORM, partners: [aa, bee]}
"""


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb([], [], use_env=False)


def _ctx(kb: KnowledgeBase, form: str = "lokaal_houden") -> ExplainContext:
    case = load_case_text(CASE.replace("FORM", form), "geld.yaml", kb.vocab)
    return ExplainContext(kb, ReferenceEngine(kb.rules, kb.vocab).evaluate(case), "nl")


def test_the_allocation_and_the_deficits_are_asked_for_the_option_that_splits(
        kb: KnowledgeBase) -> None:
    items = find_out_first(_ctx(kb))
    facts = [f.fact for f in items]
    assert "verdeelmodel_bekend" in facts and "tekorten_geregeld" in facts
    item = next(f for f in items if f.fact == "verdeelmodel_bekend")
    assert "‘Elke gemeente zelf’" in item.question  # what turns on it: the option that splits


def test_bestuurskracht_is_no_question_when_every_option_is_about_the_task(
        kb: KnowledgeBase) -> None:
    ctx = _ctx(kb)
    assert about_a_task(ctx)
    facts = {f.fact for f in find_out_first(ctx)}
    assert not facts & {"financiele_positie", "kwetsbaarheid", "financieel_toezicht"}
    strength = [s for s in unknown_slots(ctx) if s[1] == "bestuurskracht_tekort"]
    assert {s[0][1] for s in strength if not out_of_scope(ctx, s)} == {"aa"}  # the centre


def test_bestuurskracht_is_a_question_when_an_option_changes_the_municipalities(
        kb: KnowledgeBase) -> None:
    ctx = _ctx(kb, "herindeling")
    assert not about_a_task(ctx)
    own = [s for s in unknown_slots(ctx) if s[1] == "financiele_positie"]
    assert own and all(not out_of_scope(ctx, s) for s in own)
    assert [s for s in own if asked(ctx, s)] == own
