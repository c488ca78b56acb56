""""Eerst uitzoeken" does not ask what the case says or who the client is (review 8, #9).

On the built-in knowledge base with small cases: the client is not asked about itself as a
partner; "Wordt een herindeling overwogen?" only where the bestuurlijke toekomst is open;
no "do the partners work together for the first time?" beside an existing collaboration;
no residents' view on an adopted herindeling; a fact of public record is an item of the
list, not a separate line of advisor instructions (review 9: one trailing line).
"""

from __future__ import annotations

import re

import pytest

from pvrules.explain.context import ExplainContext
from pvrules.explain.findout import MAX_FIND_OUT, unknown_slots
from pvrules.explain.findout_items import asked
from pvrules.infer.reference import ReferenceEngine
from pvrules.kb import KnowledgeBase, load_kb
from pvrules.pipeline import Pipeline, example_names
from pvrules.validate.case import CASE_KEY, load_case_text
from pvrules.values import CASE

HEAD = """
casus:
  id: uitzoeken
  titel: Uitzoeken
  datum: "2022-09-01"
  opdrachtgever: {{naam: College van Aa, soort: gemeente, entiteit: {client}}}
partners:
  - {{id: aa, naam: Aa, soort: gemeente}}
  - {{id: bee, naam: Bee, soort: gemeente}}
"""


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb([], [], use_env=False)


def _ctx(kb: KnowledgeBase, body: str, client: str = "aa") -> ExplainContext:
    case = load_case_text(HEAD.format(client=client) + body, "u.yaml", kb.vocab)
    return ExplainContext(kb, ReferenceEngine(kb.rules, kb.vocab).evaluate(case), "nl")


def _asked(ctx: ExplainContext, fact: str) -> list[tuple[object, str]]:
    return [s for s in unknown_slots(ctx) if s[1] == fact and asked(ctx, s)]


OPTIONS = """
opties:
  - {{id: een, naam: Een, optievorm: {a}, partners: [aa, bee]}}
  - {{id: twee, naam: Twee, optievorm: {b}, partners: [aa, bee]}}
"""


@pytest.mark.parametrize(("forms", "asked_"), [
    (None, True),                                              # no options yet: ask it
    (("zelfstandig_versterken", "herindeling"), True),         # the bestuurlijke toekomst
    (("privaatrechtelijke_vorm", "lokaal_houden"), False),     # a share in a company
    (("samenwerking_verbeteren", "ontvlechten"), False),       # continue or unwind a service
])
def test_herindeling_is_asked_only_where_the_bestuurlijke_toekomst_is_open(
        kb: KnowledgeBase, forms: tuple[str, str] | None, asked_: bool) -> None:
    body = OPTIONS.format(a=forms[0], b=forms[1]) if forms else ""
    got = _asked(_ctx(kb, body), "herindeling_overwogen")
    assert bool(got) is asked_, (forms, got)


def test_an_existing_collaboration_answers_whether_the_partners_are_new(kb: KnowledgeBase
                                                                          ) -> None:
    existing = ("samenwerkingen:\n"
                "  - {id: gr, naam: GR Aa-Bee, status: bestaand, deelnemers: [aa, bee]}\n")
    proposed = existing.replace("bestaand", "voorgenomen")
    assert not _asked(_ctx(kb, existing), "samenwerking_nieuw")
    assert _asked(_ctx(kb, proposed), "samenwerking_nieuw")


def test_residents_are_not_asked_about_an_adopted_herindeling(kb: KnowledgeBase) -> None:
    body = OPTIONS.format(a="herindeling", b="zelfstandig_versterken")
    adopted = "feiten:\n  arhi_stap: advies_vastgesteld\n" + body
    assert _asked(_ctx(kb, body), "steun_inwoners_pct")
    assert not _asked(_ctx(kb, adopted), "steun_inwoners_pct")


def test_the_client_is_not_asked_about_itself_as_a_partner(kb: KnowledgeBase) -> None:
    """Tilburg (blind6): "Tilburg, de andere gemeenten en de provincie: hoe gezond is de
    financiële positie?" to the college of Tilburg. Municipalities that ask together are
    each other's partners and are asked."""
    from pvrules.explain.findout import weighed_slots
    from pvrules.explain.findout_items import items

    body = OPTIONS.format(a="werkorganisatie", b="zelfstandig_versterken")

    def named(client: str) -> set[str]:
        ctx = _ctx(kb, body, client)
        # the partners' facts; a case fact of the client's own organisation names the client
        # as whose organisation it is (test_findout_client)
        return {w for i in items(ctx, weighed_slots(ctx), 50) if i.entity
                and any(kb.vocab.facts[f].entity == "partner" for f in i.facts)
                for w in re.findall(r"\b(Aa|Bee)\b", i.entity)}

    assert named("[aa, bee]") == {"Aa", "Bee"}
    assert named("aa") == {"Bee"}


def _shipped() -> Pipeline:
    return Pipeline(engine_name="python")


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("name", example_names())
def test_public_record_is_one_trailing_line_not_an_item_of_the_list(name: str) -> None:
    """Review 9 (regression 2): "Ga in openbare stukken na …" as a numbered item ranked it
    among the questions that change the advice; facts of public record are ``fill_in``."""
    pipe = _shipped()
    ctx = ExplainContext(pipe.kb, pipe.evaluate(pipe.load_case(f"example:{name}")), "nl")
    d = ctx.decisions
    assert len(d.find_out_first) <= MAX_FIND_OUT
    assert not any(getattr(pipe.kb.vocab.facts[i.fact], "lookup", False)
                   for i in d.find_out_first), name
    assert all(getattr(pipe.kb.vocab.facts[i.fact], "lookup", False) for i in d.fill_in), name


def test_a_studied_shared_service_answers_the_partners_administrative_strength(
        kb: KnowledgeBase) -> None:
    """Druten–Wijchen (blind5): "Zoek voor elk uit of de bestuurskracht tekortschiet" after an
    evaluation of their shared civil service."""
    body = ("samenwerkingen:\n  - {id: wo, naam: Werkorganisatie, status: bestaand, "
            "vorm: werkorganisatie, deelnemers: [aa, bee]DOEL}\n")
    assert _asked(_ctx(kb, body.replace("DOEL", "")), "bestuurskracht_tekort")
    assert not _asked(_ctx(kb, body.replace("DOEL", ", doelbereik: hoog")),
                      "bestuurskracht_tekort")


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("name", example_names())
def test_an_option_advised_against_is_asked_about_only_to_reconsider_it(name: str) -> None:
    """Review 8 (O-gen): "De provincie wordt lid van de coöperatie: Gebruikt de overheid in
    deze optie …?" about the option the draft advises against."""
    from pvrules.explain.findout import weighed_slots

    pipe = _shipped()
    ctx = ExplainContext(pipe.kb, pipe.evaluate(pipe.load_case(f"example:{name}")), "nl")
    against = {c.target for f in ctx.result.firings for c in f.conclusions
               if c.kind == "prefer" and c.name == "advised_against"}
    names = {e.name: e.key for e in ctx.result.case.all_entities() if e.key in against}
    slots = {f.slot: f for f in weighed_slots(ctx)}
    for item in ctx.decisions.find_out_first:
        key = names.get(item.entity or "")
        if key is None:
            continue
        for fact in item.facts:
            found = slots.get((key, fact))
            assert found is None or any(p[0] == "prefer" for p in found.weighed.parts), \
                (name, item.question)


STUDIES = """
feiten:
  onderzoek_loopt: [{study}]
opties:
  - {{id: her, naam: Samen, optievorm: herindeling, partners: [aa, bee]}}
  - {{id: zelf, naam: Zelf, optievorm: zelfstandig_versterken, partners: [aa]}}
"""


@pytest.mark.parametrize(("study", "fact"), [
    ("inwonersonderzoek", "draagvlak_inwoners"),
    ("inwonersonderzoek", "steun_inwoners_pct"),
    ("bestuurskrachtonderzoek", "ambtelijke_capaciteit"),
    ("bestuurskrachtonderzoek", "financiele_positie"),
    ("opgavenanalyse", "opgaven_expliciet"),
    ("business_case", "business_case_aanwezig"),
    ("ontvlechtingsraming", "ontvlechtingskosten_geraamd"),
])
def test_a_study_under_way_is_not_asked_what_it_will_answer(kb: KnowledgeBase, study: str,
                                                              fact: str) -> None:
    """"Eerst uitzoeken" does not ask what a study under way will answer (onderzoek_loopt)."""
    entity = kb.vocab.facts[fact].entity
    key = CASE_KEY if entity == CASE else (entity, "her")
    other = "opgavenanalyse" if study != "opgavenanalyse" else "business_case"
    assert asked(_ctx(kb, STUDIES.format(study=other)), (key, fact))
    assert not asked(_ctx(kb, STUDIES.format(study=study)), (key, fact))


@pytest.mark.parametrize(("partners", "said"), [(None, False), ("gemiddeld", True)])
def test_weak_legitimacy_names_the_partners_only_where_their_view_is_known(
        kb: KnowledgeBase, partners: str | None, said: bool) -> None:
    """Review 9 (blind, a province's merger case): "Het draagvlak is … bij partners onbekend"
    where the options carry the partners' view; the corner says what is known."""
    facts = "feiten: {draagvlak_inwoners: laag, draagvlak_raad: hoog"
    facts += f", draagvlak_partners: {partners}}}\n" if partners else "}\n"
    ctx = _ctx(kb, facts)
    corner = next(c for c in ctx.decisions.triangle.corners if c.id == "legitimiteit")
    assert corner.level == "zwak"
    assert ("bij partners" in corner.reason) is said, corner.reason
    assert "onbekend" not in corner.reason, corner.reason
