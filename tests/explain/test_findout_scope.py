"""Questions out of scope for the case as a whole (review 12, #7 and the held-out readers).

On the built-in knowledge base with small cases: the organisation of municipalities that have
chosen to merge, a dispute about a finding nobody made, the strength of a partner a judgement
left out, and non-governmental partners in back-office work are no questions; the same facts
are where the case makes them one.
"""

from __future__ import annotations

import pytest

from pvrules.explain.context import ExplainContext
from pvrules.explain.findout import unknown_slots
from pvrules.explain.findout_items import asked
from pvrules.explain.findout_scope import out_of_scope
from pvrules.infer.reference import ReferenceEngine
from pvrules.kb import KnowledgeBase, load_kb
from pvrules.validate.case import load_case_text

HEAD = """
casus:
  id: scope
  titel: Scope
  datum: "2022-09-01"
  opdrachtgever: {naam: Raden van Aa en Bee, soort: gemeenten, entiteit: [aa, bee]}
partners:
  - {id: aa, naam: Aa, soort: gemeente}
  - {id: bee, naam: Bee, soort: gemeente}
  - {id: cee, naam: Cee, soort: gemeente}
"""


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb([], [], use_env=False)


def _ctx(kb: KnowledgeBase, body: str) -> ExplainContext:
    case = load_case_text(HEAD + body, "s.yaml", kb.vocab)
    return ExplainContext(kb, ReferenceEngine(kb.rules, kb.vocab).evaluate(case), "nl")


def _asked(ctx: ExplainContext, fact: str) -> list[tuple[object, str]]:
    return [s for s in unknown_slots(ctx) if s[1] == fact and asked(ctx, s)]


MERGER = """
feiten:
  richting_gekozen: {chosen}
opties:
  - {{id: een, naam: Samen één gemeente, optievorm: herindeling, partners: [aa, bee]}}
"""


@pytest.mark.parametrize("chosen", ["true", "false"])
def test_the_organisation_of_merging_municipalities_is_no_question_once_chosen(
        kb: KnowledgeBase, chosen: str) -> None:
    """Vijfheerenlanden (review 12): "Zoek voor elk uit hoe gezond de financiële positie is"
    for three municipalities that merge in sixteen months."""
    ctx = _ctx(kb, MERGER.format(chosen=chosen))
    organisation = [s for s in unknown_slots(ctx)
                    if kb.vocab.facts[s[1]].corner == "organisatie"]
    assert organisation  # their finances and capacity are unknown
    out = [s for s in organisation if out_of_scope(ctx, s)]
    assert bool(out) is (chosen == "true")
    if chosen == "true":
        assert out == organisation
        assert not _asked(ctx, "financiele_positie")


def test_a_dispute_presumes_a_finding(kb: KnowledgeBase) -> None:
    """Held-out: "does the large partner dispute the finding on its strength?" where nobody
    found it short."""
    judged = load_case_text(HEAD.replace(
        "  - {id: aa, naam: Aa, soort: gemeente}",
        "  - {id: aa, naam: Aa, soort: gemeente, bestuurskracht_tekort: true}").replace(
        "  - {id: cee, naam: Cee, soort: gemeente}",
        "  - {id: cee, naam: Cee, soort: gemeente, bestuurskracht_tekort: false}"),
        "s.yaml", kb.vocab)
    ctx = ExplainContext(kb, ReferenceEngine(kb.rules, kb.vocab).evaluate(judged), "nl")
    out = {p: out_of_scope(ctx, (("partner", p), "bestuurskracht_betwist"))
           for p in ("aa", "bee", "cee")}
    assert out == {"aa": False, "bee": True, "cee": True}


def test_a_partner_a_judgement_left_out_is_not_asked_about(kb: KnowledgeBase) -> None:
    """Haren (review 12): "Ten Boer: Schiet de bestuurskracht van deze gemeente tekort?" where
    the province judged Haren (short) and Groningen (not short) only. Where nobody was
    judged, each partner's strength stays a question (test_findout_case, blind5)."""
    def strength(ctx: ExplainContext) -> set[str]:
        return {s[0][1] for s in unknown_slots(ctx) if s[1] == "bestuurskracht_tekort"
                and not out_of_scope(ctx, s)}

    nobody = _ctx(kb, "")
    assert strength(nobody) >= {"cee"}
    judged = load_case_text(HEAD.replace(
        "  - {id: aa, naam: Aa, soort: gemeente}",
        "  - {id: aa, naam: Aa, soort: gemeente, bestuurskracht_tekort: true}"), "s.yaml",
        kb.vocab)
    ctx = ExplainContext(kb, ReferenceEngine(kb.rules, kb.vocab).evaluate(judged), "nl")
    assert not strength(ctx)


@pytest.mark.parametrize(("task", "out"), [
    ("domein: bedrijfsvoering", True),          # ICT, HR: suppliers, not partners
    ("beleidskarakter: beleidsarm", True),      # maintenance, taxes: execution
    ("domein: wonen_en_ruimte, beleidskarakter: beleidsrijk", False),
])
def test_private_partners_are_no_question_in_back_office_work(
        kb: KnowledgeBase, task: str, out: bool) -> None:
    """Held-out: "Doen maatschappelijke of private partners mee aan deze opgave?" for ICT/HR
    and public-space maintenance."""
    ctx = _ctx(kb, f"opgaven:\n  - {{id: t, naam: Taak, {task}}}\n")
    slot = (("opgave", "t"), "niet_overheidspartners_betrokken")
    assert out_of_scope(ctx, slot) is out


@pytest.mark.parametrize(("others", "out"), [
    ("", True), ("  - {id: bee, naam: Bee, soort: gemeente}\n", False)])
def test_no_partners_no_question_about_the_partners(kb: KnowledgeBase, others: str,
                                                    out: bool) -> None:
    """Intake (review 12): "Zoek uit hoe de inwoners en de partners over een verandering
    denken" for one municipality that has not chosen anyone; the client is the partner its
    name names when ``entiteit`` is not given."""
    text = ("casus:\n  id: intake\n  titel: Intake\n  datum: \"2024-03-05\"\n"
            "  opdrachtgever: {naam: Gemeentesecretaris van Aa, soort: gemeente}\n"
            "partners:\n  - {id: aa, naam: Aa, soort: gemeente}\n" + others)
    case = load_case_text(text, "i.yaml", kb.vocab)
    ctx = ExplainContext(kb, ReferenceEngine(kb.rules, kb.vocab).evaluate(case), "nl")
    for fact in ("draagvlak_partners", "gedeeld_eindbeeld"):
        assert out_of_scope(ctx, (("case", "case"), fact)) is out, fact
    assert not out_of_scope(ctx, (("case", "case"), "draagvlak_inwoners"))


BODY = """
samenwerkingen:
  - {{id: gr, naam: GR Regio, status: bestaand, vorm: openbaar_lichaam, deelnemers: [aa, bee]}}
opties:
  - {{id: een, naam: De GR verbeteren, optievorm: samenwerking_verbeteren, partners: [aa, bee]}}
  - {{id: twee, naam: Twee, optievorm: {other}, partners: [aa, bee]}}
"""


@pytest.mark.parametrize(("other", "out"), [
    ("bedrijfsvoeringsorganisatie", True),  # every option is about the body
    ("uittreden", False),                   # leaving brings the tasks back in house
])
def test_the_municipalities_own_organisation_is_no_question_about_a_regional_body(
        kb: KnowledgeBase, other: str, out: bool) -> None:
    """Held-out: the raden ask about a regional executive body, and §8 asked about their own
    eenpitters, finances and the province's financial supervision."""
    ctx = _ctx(kb, BODY.format(other=other))
    for fact in ("financiele_positie", "kwetsbaarheid"):
        assert out_of_scope(ctx, (("case", "case"), fact)) is out, fact
    assert not out_of_scope(ctx, (("samenwerking", "gr"), "doelbereik"))
