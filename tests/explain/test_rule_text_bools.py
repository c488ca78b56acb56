"""A rule text that filters entities on a yes/no fact reads the shown value ("ja"/"yes").

A text's context holds facts as people read them: ``p.is_opdrachtgever`` is "nee", a
non-empty and so true string, and ``not p.is_opdrachtgever`` dropped every partner. The
financially weak partner of an option must be named (blind10 De Wolden: "De financiële
positie van een partner is zwak" instead of the partner's name).
"""

from __future__ import annotations

import pytest

from pvrules.explain.context import ExplainContext
from pvrules.infer.reference import ReferenceEngine
from pvrules.kb import KnowledgeBase, load_kb
from pvrules.validate.case import load_case_text

CASE = """
casus:
  id: zwak
  titel: Zwakke partner
  datum: "2021-01-01"
  opdrachtgever: {naam: Raad van Aadorp, soort: gemeente, entiteit: a}
partners:
  - {id: a, naam: Aadorp, soort: gemeente, financiele_positie_partner: gemiddeld}
  - {id: b, naam: Beedorp, soort: gemeente, financiele_positie_partner: laag}
samenwerkingen: [{id: s, vorm: werkorganisatie, status: bestaand, deelnemers: [a, b]}]
opties:
  - id: door
    optievorm: samenwerking_verbeteren
    bestaande_vorm: werkorganisatie
    partners: [a, b]
"""
RULE = "risico.partner_financieel_zwak.voortzetten"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb([], [], use_env=False)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_weak_partner_other_than_the_client_is_named(kb: KnowledgeBase, lang: str) -> None:
    case = load_case_text(CASE, "zwak.yaml", kb.vocab)
    ctx = ExplainContext(kb, ReferenceEngine(kb.rules, kb.vocab).evaluate(case), lang)
    keys = [(f.rule_id, f.focus) for f in ctx.result.firings if f.rule_id == RULE]
    assert keys, "the rule fires on this case"
    text = ctx.builder.chain(keys[0])[-1].text
    assert "Beedorp" in text and "Aadorp" not in text, text
