"""The built-in texts name the client's own organs: a province never reads "de raad".

The legitimacy diagnoses, the balance rule on visibility and the find-out questions use
``{{ raad }}`` / ``{raad}`` (docs/rule-format.md, "The client's organs in texts").
"""

from __future__ import annotations

import pytest

from pvrules.explain.advice import AdviceBuilder
from pvrules.explain.context import ExplainContext
from pvrules.explain.findout import _find_out
from pvrules.infer.reference import ReferenceEngine
from pvrules.kb import KnowledgeBase, load_kb
from pvrules.validate.case import CASE_KEY, load_case_text

CASE = """
casus:
  id: organen
  titel: Organen van de opdrachtgever
  datum: "2019-09-01"
  opdrachtgever: {{naam: Opdrachtgever, soort: {soort}}}
feiten:
  draagvlak_raad: laag
  draagvlak_partners: gemiddeld
  draagvlak_inwoners: gemiddeld
  transparantie: laag
  raad_sturing: laag
"""


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb([], [], use_env=False)


def _context(kb: KnowledgeBase, soort: str, lang: str) -> ExplainContext:
    case = load_case_text(CASE.format(soort=soort), "organen.yaml", kb.vocab)
    return ExplainContext(kb, ReferenceEngine(kb.rules, kb.vocab).evaluate(case), lang)


def _legitimacy_text(ctx: ExplainContext) -> str:
    builder = AdviceBuilder(ctx.kb, ctx.result, ctx.lang)
    keys = [f.key for f in ctx.result.firings if f.rule_id.startswith("diagnose.legitimiteit.")]
    assert keys, "no legitimacy diagnosis fired"
    return " ".join(s.text for k in keys for s in builder.chain(k)
                    if s.rule_id.startswith("diagnose.legitimiteit."))


@pytest.mark.parametrize(("soort", "lang", "organ", "never"), [
    ("provincie", "nl", "in Provinciale Staten laag", "de raad"),
    ("provincie", "en", "in the Provincial Council", "the council,"),
    ("gemeente", "nl", "in de raad laag", "Provinciale Staten"),
    ("gemeenten", "nl", "in de raden laag", "Provinciale Staten"),
])
def test_the_legitimacy_diagnosis_names_the_clients_elected_body(
        kb: KnowledgeBase, soort: str, lang: str, organ: str, never: str) -> None:
    text = _legitimacy_text(_context(kb, soort, lang))
    assert organ in text, text
    assert never not in text, text


def test_find_out_questions_name_the_province() -> None:
    kb = load_kb([], [], use_env=False)
    ctx = _context(kb, "provincie", "nl")
    question = _find_out(ctx, (CASE_KEY, "sturingscapaciteit"), 1).question
    assert question.startswith("Heeft de provincie voldoende capaciteit"), question
    question = _find_out(ctx, (CASE_KEY, "draagvlak_raad"), 1).question
    assert "in Provinciale Staten" in question and "{" not in question, question
