"""A case's free text in an English advice: its English version, else the Dutch marked as such.

On the small test knowledge base: ``*_en`` fields are read and checked (bad ones give a
located problem), an English context prints them, Dutch ignores them, and a sentence
without English is quoted as Dutch, never silently mixed into English.
"""

from __future__ import annotations

import pytest

from pvrules.errors import CaseError
from pvrules.explain.context import ExplainContext
from pvrules.explain.localise import localised
from pvrules.pipeline import Pipeline
from pvrules.validate.case import CASE_KEY, Case, load_case_text

CASE = """\
casus:
  id: t1
  titel: Toets
  vraag: Hoe werken wij samen?
  opdrachtgever: {{naam: College van A{client}}}
{meta}feiten:
  draagvlak: {{waarde: laag, zekerheid: laag, bron: "peiling van de griffie"{bron_en}}}
partners:
  - id: a
    naam: Gemeente A
    toelichting: Kleine gemeente aan de rand.
{partner}    soort: gemeente
  - {{id: b, naam: Provincie B, toelichting: Toezichthouder., soort: provincie}}
"""


def _case(pipe: Pipeline, meta: str = "", partner: str = "", bron_en: str = "",
          client: str = "") -> Case:
    text = CASE.format(meta=meta, partner=partner, bron_en=bron_en, client=client)
    return load_case_text(text, "t.yaml", pipe.kb.vocab)


ENGLISH = {"meta": "  titel_en: Test\n  vraag_en: How do we work together?\n",
           "partner": "    naam_en: Municipality A\n    toelichting_en: A small municipality.\n",
           "bron_en": ', bron_en: "survey by the clerk"',
           "client": ", naam_en: Executive of A"}


def test_english_fields_are_printed_in_english_and_ignored_in_dutch(pipe: Pipeline) -> None:
    case = _case(pipe, **ENGLISH)
    en, nl = localised(case, "en"), localised(case, "nl")
    assert nl is case
    assert (en.meta.titel, en.meta.vraag) == ("Test", "How do we work together?")
    assert en.meta.client_name == "Executive of A" and case.meta.client_name == "College van A"
    a = en.entity(("partner", "a"))
    assert a is not None and (a.name, a.notes) == ("Municipality A", "A small municipality.")
    assert case.english_of(CASE_KEY, "bron:draagvlak") == "survey by the clerk"
    assert en.facts == case.facts and en.provenance == case.provenance


def test_without_english_a_sentence_is_marked_dutch_and_a_name_stays(pipe: Pipeline) -> None:
    case = _case(pipe)
    en = localised(case, "en")
    assert en.meta.vraag == "(Dutch: Hoe werken wij samen?)"
    assert en.meta.titel == "Toets"
    b = en.entity(("partner", "b"))
    assert b is not None and (b.name, b.notes) == ("Provincie B", "(Dutch: Toezichthouder.)")
    assert localised(en, "en") is en  # never marked twice


def test_an_english_context_reads_the_english_case(pipe: Pipeline) -> None:
    result = pipe.evaluate(_case(pipe, **ENGLISH))
    en, nl = ExplainContext(pipe.kb, result, "en"), ExplainContext(pipe.kb, result, "nl")
    assert en.result.case.meta.vraag == "How do we work together?"
    assert nl.result is result and en.result.firings == result.firings
    assert en.with_result(en.result).result.case.meta.vraag == "How do we work together?"


@pytest.mark.parametrize(("field", "expected"), [
    ("meta", "casus.vraag_en"),
    ("partner", "partners[0].naam_en"),
    ("bron_en", "feiten.draagvlak.bron_en"),
])
def test_an_empty_english_field_is_a_located_problem(pipe: Pipeline, field: str,
                                                      expected: str) -> None:
    bad = {"meta": '  vraag_en: ""\n', "partner": '    naam_en: ""\n',
           "bron_en": ', bron_en: ""'}[field]
    with pytest.raises(CaseError) as err:
        _case(pipe, **{field: bad})
    assert expected in str(err.value) or any(p.loc == expected for p in err.value.problems)


def test_an_english_note_needs_the_dutch_one(pipe: Pipeline) -> None:
    text = CASE.format(meta="", partner="", bron_en="", client="").replace(
        "toelichting: Toezichthouder.", "toelichting_en: Supervisor.")
    with pytest.raises(CaseError) as err:
        load_case_text(text, "t.yaml", pipe.kb.vocab)
    problem = err.value.problems[0]
    assert problem.loc == "partners[1].toelichting_en" and "toelichting" in problem.message
