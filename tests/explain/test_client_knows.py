"""A recommendation that rests only on the client organ's own view is not "uncertain".

The raad that asks for the advice knows how it thinks: "draagvlak in de raad: laag" given
with low certainty is no reason for "laat het college nagaan of wat het dossier zegt over
draagvlak in de raad nog klopt" (blind10: a raad told to have its college check the raad's
own support). Another organ asking (the college) still gets the check.
"""

from __future__ import annotations

import pytest

from pvrules.explain.context import ExplainContext
from pvrules.infer.reference import ReferenceEngine
from pvrules.kb import KnowledgeBase, load_kb
from pvrules.validate.case import load_case_text

CASE = """
casus:
  id: eigen
  titel: Eigen draagvlak
  datum: "2020-09-01"
  opdrachtgever: {{naam: "{naam}", soort: gemeente, orgaan: {orgaan}, entiteit: aa}}
feiten:
  draagvlak_raad: {{waarde: laag, zekerheid: laag, bron: "een krantenbericht"}}
  draagvlak_partners: hoog
  draagvlak_inwoners: hoog
partners:
  - {{id: aa, naam: Aa, soort: gemeente}}
"""


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb([], [], use_env=False)


def _items(kb: KnowledgeBase, naam: str, orgaan: str) -> list[tuple[str, bool]]:
    case = load_case_text(CASE.format(naam=naam, orgaan=orgaan), "eigen.yaml", kb.vocab)
    ctx = ExplainContext(kb, ReferenceEngine(kb.rules, kb.vocab).evaluate(case), "nl")
    out = []
    for rec in ctx.decisions.key_recommendations:
        out.append((rec.item, rec.uncertain))
    return out


def test_the_raad_asking_is_not_told_to_check_its_own_view(kb: KnowledgeBase) -> None:
    by_raad = _items(kb, "Gemeenteraad van Aa", "raad")
    by_college = _items(kb, "College van Aa", "college")
    assert any(uncertain for _i, uncertain in by_college), by_college  # the test bites
    assert not any(uncertain for _i, uncertain in by_raad), by_raad
