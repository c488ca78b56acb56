"""A fact given only per partner (``waarde: null``) loads, with a warning on stderr.

Rules read ``waarde``, never ``per_partner``: without ``waarde`` every rule treats the fact as
unknown. The author is told where, and what to give; a fact with ``waarde`` gets no warning.
"""

from __future__ import annotations

import pytest

from pvrules.kb import KnowledgeBase, load_kb
from pvrules.validate.case import CASE_KEY, load_case_text

CASE = """
casus: {{id: pp, titel: Per partner, datum: "2020-06-01"}}
partners:
  - {{id: aa, naam: Aa, soort: gemeente}}
  - {{id: bee, naam: Bee, soort: gemeente}}
feiten:
  draagvlak_raad: {{waarde: {waarde}, per_partner: {{aa: hoog, bee: laag}}}}
"""


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb([], [], use_env=False)


def test_a_fact_given_only_per_partner_is_warned_about(
        kb: KnowledgeBase, capsys: pytest.CaptureFixture[str]) -> None:
    case = load_case_text(CASE.format(waarde="null"), "pp.yaml", kb.vocab)
    err = capsys.readouterr().err
    assert case.facts[CASE_KEY].get("draagvlak_raad") is None
    assert "pp.yaml:7" in err and "feiten.draagvlak_raad" in err
    assert "'waarde'" in err and "aa: hoog, bee: laag" in err


def test_a_fact_with_waarde_and_per_partner_is_not_warned_about(
        kb: KnowledgeBase, capsys: pytest.CaptureFixture[str]) -> None:
    case = load_case_text(CASE.format(waarde="laag"), "pp.yaml", kb.vocab)
    assert case.facts[CASE_KEY].get("draagvlak_raad") is not None
    assert capsys.readouterr().err == ""


OPTION = """
casus: {{id: pp, titel: Per partner, datum: "2020-06-01"}}
partners:
  - {{id: aa, naam: Aa, soort: gemeente}}
  - {{id: bee, naam: Bee, soort: gemeente}}
opties:
  - id: h
    naam: Herindeling
    optievorm: herindeling
    partners: [aa, bee]
    steun_raden: {{waarde: null, per_partner: {given}}}
"""


@pytest.mark.parametrize(("given", "warned"), [("{aa: laag, bee: hoog}", True),
                                               ("{aa: laag}", False)])
def test_an_option_fact_is_warned_about_only_when_given_for_all_its_partners(
        kb: KnowledgeBase, capsys: pytest.CaptureFixture[str], given: str, warned: bool) -> None:
    """One partner not yet sounded out: unknown as a whole is what the author means."""
    load_case_text(OPTION.format(given=given), "pp.yaml", kb.vocab)
    assert ("opties[0].steun_raden" in capsys.readouterr().err) is warned


UNWIND = """
casus: {{id: uw, titel: Uittreden of ontvlechten, datum: "2020-06-01"}}
partners:
  - {{id: aa, naam: Aa, soort: gemeente}}
  - {{id: bee, naam: Bee, soort: gemeente}}
  - {{id: cee, naam: Cee, soort: gemeente}}
samenwerkingen:
  - {{id: wo, vorm: werkorganisatie, status: bestaand, deelnemers: [aa, bee, cee]}}
opties:
  - {{id: weg, naam: Weg, optievorm: {form}, partners: {partners}}}
"""


@pytest.mark.parametrize(("form", "partners", "warned"), [
    ("ontvlechten", "[aa]", True),             # only Aa unwinds: it leaves, the others go on
    ("ontvlechten", "[aa, bee, cee]", False),  # the whole shared organisation is split
    ("uittreden", "[aa]", False),              # already written as leaving
])
def test_unwinding_for_some_participants_asks_whether_leaving_is_meant(
        kb: KnowledgeBase, capsys: pytest.CaptureFixture[str], form: str, partners: str,
        warned: bool) -> None:
    load_case_text(UNWIND.format(form=form, partners=partners), "uw.yaml", kb.vocab)
    err = capsys.readouterr().err
    assert ("did you mean 'uittreden'?" in err) is warned, err
    if warned:
        assert "uw.yaml:10" in err and "opties[0].optievorm" in err and "'wo'" in err
