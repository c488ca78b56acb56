"""A fact stated per partner (``per_partner:``) is printed per partner, never as one aggregate.

On the small test knowledge base: its rule texts print ``{{ draagvlak }}``; a case that gives
the support per partner gets ``laag bij A, hoog bij B`` in the reasoning and in the facts a
step rests on, the value the rules read first. Bad per-partner data is a clear case error.
"""

from __future__ import annotations

import dataclasses

import pytest

from pvrules.errors import CaseError
from pvrules.explain.advice import Advice
from pvrules.pipeline import Pipeline
from pvrules.validate.case import CASE_KEY, Case, load_case_text

CASE = """\
casus: {{id: pp, titel: Per partner}}
feiten:
  draagvlak: {{waarde: {value}, per_partner: {per}, bron: "raadsbesluiten"}}
  capaciteit: hoog
partners:
  - {{id: a, naam: Aadorp, soort: gemeente}}
  - {{id: b, naam: Beekum, soort: gemeente}}
  - {{id: c, naam: Cepel, soort: gemeente}}
"""


def _load(pipe: Pipeline, text: str) -> Case:
    return load_case_text(text, "pp.yaml", pipe.kb.vocab)


def _texts(advice: Advice) -> list[str]:
    steps = [s for c in advice.corners for s in c.reasoning]
    steps += [s for r in advice.recommendations for s in r.reasoning]
    said = [s.text for s in steps if s.text.startswith(("Draagvlak is", "Support is"))]
    return said + [f.value for s in steps for f in s.facts if f.fact == "draagvlak"]


@pytest.mark.parametrize(("value", "per", "lang", "expected"), [
    ("laag", "{a: laag, b: hoog, c: hoog}", "nl", "laag in Aadorp, hoog in Beekum en Cepel"),
    ("laag", "{b: hoog, a: laag}", "nl", "laag in Aadorp, hoog in Beekum"),
    ("hoog", "{c: hoog, a: laag}", "en", "high in Cepel, low in Aadorp"),
])
def test_support_is_printed_per_partner(pipe: Pipeline, value: str, per: str, lang: str,
                                        expected: str) -> None:
    case = _load(pipe, CASE.format(value=value, per=per))
    texts = _texts(pipe.advice(pipe.evaluate(case), lang))
    assert texts, "the test rules explain the support"
    assert all(expected in t for t in texts), texts
    aggregate = "Draagvlak is laag." if lang == "nl" and value == "laag" else "never"
    assert aggregate not in texts


def test_a_changed_value_prints_the_new_value_not_the_stated_split(pipe: Pipeline) -> None:
    case = _load(pipe, CASE.format(value="laag", per="{a: laag, b: hoog}"))
    facts = {k: dict(v) for k, v in case.facts.items()}
    facts[CASE_KEY]["draagvlak"] = 2  # what-if: hoog for all
    changed = dataclasses.replace(case, facts=facts)
    texts = _texts(pipe.advice(pipe.evaluate(changed)))
    assert texts and not any("Aadorp" in t for t in texts), texts


@pytest.mark.parametrize(("per", "message"), [
    ("{a: laag, x: hoog}", "'x' is not the id of one of the case's partners"),
    ("{a: laag, b: enorm}", "enorm"),
    ("[a, b]", "'per_partner' maps partner ids to a value of this fact"),
])
def test_bad_per_partner_is_a_case_error_at_its_place(pipe: Pipeline, per: str,
                                                      message: str) -> None:
    with pytest.raises(CaseError) as err:
        _load(pipe, CASE.format(value="laag", per=per))
    problems = err.value.problems
    assert any(message in p.message and p.line == 3 and p.file == "pp.yaml"
               for p in problems), problems


@pytest.mark.parametrize(("lang", "intro"), [("nl", "Wat de stukken er wel over zeggen: "),
                                             ("en", "What the documents do say: ")])
def test_an_unknown_fact_with_a_bron_is_said_at_its_corner(pipe: Pipeline, lang: str,
                                                          intro: str) -> None:
    from pvrules.explain.context import ExplainContext

    text = CASE.replace("{{waarde: {value}, per_partner: {per}, bron: \"raadsbesluiten\"}}",
                        "{{waarde: null, bron: \"{said}\"}}")
    said = "de raad van Aadorp is voor; de anderen zijn niet gepeild"
    case = _load(pipe, text.format(said=said))
    ctx = ExplainContext(pipe.kb, pipe.evaluate(case), lang)
    corners = {c.id: c.reason for c in ctx.decisions.triangle.corners}
    if lang == "nl":
        assert corners["legitimiteit"].endswith(intro + said + "."), corners
    else:  # a Dutch bron naming none of the case's sources is not put in an English sentence
        assert said not in corners["legitimiteit"] and intro not in corners["legitimiteit"]
    assert said not in corners["organisatie"]
    plain = _load(pipe, text.replace(", bron: \"{said}\"", "").format(said=said))
    ctx = ExplainContext(pipe.kb, pipe.evaluate(plain), lang)
    assert all(intro not in c.reason for c in ctx.decisions.triangle.corners)


def test_a_text_may_ask_for_a_bron_the_case_does_not_give(pipe: Pipeline) -> None:
    from pvrules.explain.casefacts import stated_sources
    from pvrules.explain.texts import render_text

    case = _load(pipe, CASE.format(value="laag", per="{a: laag}"))
    stated = stated_sources(case, CASE_KEY)
    text = "{% if bron.capaciteit %}x{% else %}{{ bron.draagvlak }}{% endif %}"
    assert render_text(text, {"bron": stated}, "test") == "raadsbesluiten"
    assert render_text("{{ bron.capaciteit }}.", {"bron": stated}, "test") == "."


def test_a_partner_that_is_no_place_is_named_with_bij(pipe: Pipeline) -> None:
    text = CASE.format(value="laag", per="{a: laag, c: hoog}").replace(
        "{id: c, naam: Cepel, soort: gemeente}", "{id: c, naam: Cepel, soort: privaat}")
    texts = _texts(pipe.advice(pipe.evaluate(_load(pipe, text))))
    assert texts and all("laag in Aadorp, hoog bij Cepel" in t for t in texts), texts
