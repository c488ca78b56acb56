""""Eerst uitzoeken" never asks the client about itself (review 9).

A raad that asks for the advice knows how it uses its instruments, how satisfied it is
with a collaboration and how well it is informed: those are no questions for it. Checked
on the shipped examples whose client is a raad or the raden: no item names the client's
own organ, in either language.
"""

from __future__ import annotations

import pytest

from pvrules.explain.findout import weighed_slots
from pvrules.explain.findout_items import _several, single
from pvrules.explain.texts import organs
from pvrules.pipeline import Pipeline
from pvrules.validate.case import CASE_KEY

from .shipped import example_ctx


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline([], [], "python")


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("name", ["bar-2016", "gemeente-onder-preventief-toezicht"])
def test_a_council_client_is_not_asked_about_itself(pipe: Pipeline, name: str,
                                                    lang: str) -> None:
    ctx = example_ctx(pipe, name, lang)
    assert ctx.result.value(CASE_KEY, "opdrachtgever_orgaan") in ("raad", "raden")
    own = organs(ctx.result.case, ctx.msg)["raad"]
    for item in ctx.decisions.find_out_first:
        assert own not in item.question, item.question
        assert own.lower() not in (item.subject or "").lower(), item.subject


@pytest.mark.parametrize("name", ["bar-2016"])
def test_the_partners_are_not_asked_when_they_are_the_clients(pipe: Pipeline,
                                                              name: str) -> None:
    """Several municipalities that ask together: "hoe de partners denken" asks the clients."""
    from pvrules.explain.findout_items import PARTNERS_ROLE

    ctx = example_ctx(pipe, name)
    client = ctx.result.case.meta.opdrachtgever
    partners = {e.key[1] for e in ctx.result.case.all_entities() if e.key[0] == "partner"}
    assert client is not None and partners and partners <= set(client.entiteit)
    about_partners = {f.id for f in pipe.kb.vocab.facts.values()
                      if getattr(f.ask, "role", None) == PARTNERS_ROLE}
    assert about_partners
    for item in ctx.decisions.find_out_first:
        assert not about_partners & set(item.facts), item.question


def test_own_capacity_is_no_question_when_every_option_only_chooses_a_task_form(
        pipe: Pipeline) -> None:
    """``ask: {unless_all: …}``: not a question when EVERY entity of the kind has one of the
    values (at least one entity). The client's own capacity is asked where an option changes
    who does its work (a merger, a werkorganisatie, unwinding), not where every option only
    picks a form for one task (review 9 / blind: a regional development company)."""
    from pvrules.explain.findout_items import _every

    ctx = example_ctx(pipe, "netwerk-private-partners")
    forms = {ctx.result.value(e.key, "optievorm") for e in ctx.result.case.all_entities()
             if e.key[0] == "optie"}
    assert len(forms) > 1
    assert _every(ctx, "optievorm", tuple(forms))
    assert not _every(ctx, "optievorm", tuple(forms)[1:])
    assert not _every(example_ctx(pipe, "intake-quickscan"), "optievorm", tuple(forms))
    own_work = {"herindeling", "werkorganisatie", "zelfstandig_versterken", "ontvlechten",
                "uittreden"}
    for fact in ("ambtelijke_capaciteit", "kwetsbaarheid"):
        ask = pipe.kb.vocab.facts[fact].ask
        task_only = set(getattr(ask, "unless_all", None) or {}).pop()
        assert task_only == "optievorm"
        assert not own_work & set(ask.unless_all["optievorm"]), fact


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_stock_course_where_the_case_names_none(pipe: Pipeline, lang: str) -> None:
    """A case without options asks about a change in the collaboration, not about "de
    voorgenomen koers" it never names (review 9 Top 10 #8)."""
    ctx = example_ctx(pipe, "intake-quickscan", lang)
    assert not any(e.key[0] == "optie" for e in ctx.result.case.all_entities())
    texts = [i.question for i in ctx.decisions.find_out_first]
    texts += [c.reason for c in ctx.decisions.triangle.corners]
    assert any(ctx.msg("find_out.the_question") in t for t in texts)
    assert not any(ctx.msg("find_out.the_course") in t for t in texts)


def test_no_merger_question_before_the_task_analysis(pipe: Pipeline) -> None:
    """Intake (review 9 Top 10 #10): the case says no task analysis is done; whether a merger
    is considered is no question yet, the tasks decide the scale first."""
    ctx = example_ctx(pipe, "intake-quickscan")
    assert ctx.result.value(CASE_KEY, "opgavenanalyse_gedaan") is False
    facts = {f for i in ctx.decisions.find_out_first for f in i.facts}
    assert "herindeling_overwogen" not in facts
    unless = getattr(pipe.kb.vocab.facts["herindeling_overwogen"].ask, "unless", None) or {}
    assert False in unless.get("opgavenanalyse_gedaan", ())


def test_a_council_client_states_its_own_wish_to_stay_independent(pipe: Pipeline) -> None:
    """"Wil de gemeente uitdrukkelijk zelfstandig blijven?" asked of the raad that asks: the
    vocabulary leaves it out for a raad client (data check, as the blind case is not here)."""
    unless = getattr(pipe.kb.vocab.facts["wens_zelfstandig"].ask, "unless", None) or {}
    assert {"raad", "raden"} <= set(unless.get("opdrachtgever_orgaan", ()))
    for fact in ("raad_sturing", "transparantie", "tevredenheid", "raadsinstrumenten"):
        unless = getattr(pipe.kb.vocab.facts[fact].ask, "unless", None) or {}
        assert {"raad", "raden"} <= set(unless.get("opdrachtgever_orgaan", ())), fact


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_capacity_question_says_whose_organisation(pipe: Pipeline, lang: str) -> None:
    """"Hoe groot is de ambtelijke capaciteit?" without saying whose (review 9 / blind): the
    shared civil service the clients take part in, named as the item's entity."""
    ctx = example_ctx(pipe, "a2-2019", lang)
    client = ctx.result.case.meta.opdrachtgever
    assert client is not None and client.entiteit
    shared = [e for e in ctx.result.case.all_entities() if e.key[0] == "samenwerking"
              and ctx.result.value(e.key, "vorm") == "werkorganisatie"
              and set(client.entiteit) <= set(ctx.result.value(e.key, "deelnemers") or ())]
    assert len(shared) == 1
    # the item as it is asked wherever the gate lets it through (one fact: single)
    items = [single(ctx, (CASE_KEY, "ambtelijke_capaciteit"), 0)]
    assert items and all(i.entity == shared[0].name for i in items)


def test_residents_are_not_asked_which_civil_service_does_the_work(pipe: Pipeline) -> None:
    """Every option is about the shared civil service (improve or unwind it): residents judge
    services, not which organisation does the work; §8 does not ask their view (as the
    diagnosis recommends no survey there)."""
    ctx = example_ctx(pipe, "bar-2016")
    forms = {ctx.result.value(e.key, "optievorm") for e in ctx.result.case.all_entities()
             if e.key[0] == "optie"}
    ask = pipe.kb.vocab.facts["draagvlak_inwoners"].ask
    assert forms and forms <= set(getattr(ask, "unless_all", {})["optievorm"])
    facts = {f for i in ctx.decisions.find_out_first for f in i.facts}
    assert "draagvlak_inwoners" not in facts


def test_a_study_of_the_municipality_answers_only_its_own_organisation(pipe: Pipeline) -> None:
    """Review 9 Top 10 #8: "Neem de bevindingen over … doelbereik van Samenwerking in de
    Leidse regio uit [a 2018 study of the municipality] over": a regional network is another
    body; only the municipality's own (shared) civil service is taken from its study."""
    from pvrules.explain.findout_items import study

    ctx = example_ctx(pipe, "voorschoten-2019")
    found = [i for i in ctx.decisions.find_out_first if i.source is not None]
    assert found, "the example has a study the items take findings from"
    others = [e for e in ctx.result.case.all_entities() if e.key[0] == "samenwerking"
              and ctx.result.value(e.key, "vorm") != "werkorganisatie"]
    assert others and study(ctx, "doelbereik") is not None
    for item in found:
        assert not any(e.name in item.question for e in others), item.question
    own = [e for e in ctx.result.case.all_entities() if e.key[0] == "samenwerking"
           and ctx.result.value(e.key, "vorm") == "werkorganisatie"]
    assert any(e.name in found[0].question for e in own)


@pytest.mark.parametrize(("lang", "each"), [("nl", "Zoek voor elk uit"),
                                            ("en", "Find out for each")])
def test_several_clients_are_each_asked_about_their_own_organisation(
        pipe: Pipeline, lang: str, each: str) -> None:
    """Several municipalities ask together, without one shared civil service: a question
    about "de organisatie" names them and asks it of each (blind8: Land van Cuijk)."""
    from pvrules.explain.findout_items import single, whose_organisation

    ctx = example_ctx(pipe, "vijfheerenlanden-2017", lang)
    client = ctx.result.case.meta.opdrachtgever
    assert client is not None and len(client.entiteit) > 1
    names = [e.name for e in ctx.result.case.all_entities()
             if e.key[0] == "partner" and e.key[1] in client.entiteit]
    assert whose_organisation(ctx) == ctx.msg.join(names)
    item = single(ctx, (CASE_KEY, "kwetsbaarheid"), 0)
    assert item.entity == ctx.msg.join(names)
    assert item.question.startswith(each), item.question


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_one_client_is_not_asked_for_each(pipe: Pipeline, lang: str) -> None:
    """One municipality asks: a question about its organisation is not "Zoek voor elk uit"
    beside one name (blind10: De Wolden, Berkelland)."""
    from pvrules.explain.findout_items import single

    ctx = example_ctx(pipe, "voorschoten-2019", lang)
    client = ctx.result.case.meta.opdrachtgever
    assert client is not None and len(client.entiteit) == 1
    for fact in ("kwetsbaarheid", "financiele_positie"):
        item = single(ctx, (CASE_KEY, fact), 0)
        assert not item.question.startswith(ctx.msg("find_out.question_each", subject="")
                                            .split("{")[0].strip(" .")), item.question


def test_goal_attainment_of_several_collaborations_is_asked_of_each(pipe: Pipeline) -> None:
    """Review 10: "GR A en GR B: Haalt het verband de doelen …?" — one question, two verbanden."""
    ctx = example_ctx(pipe, "regionale-gr-jeugdhulp", "nl")
    found = [f for f in weighed_slots(ctx) if f.slot[1] == "doelbereik"]
    items = [_several(ctx, found)]  # as asked wherever the gate lets it through
    assert items and items[0].entity and ctx.msg.join(["x", "y"]).split("x")[1].split("y")[0] \
        in items[0].entity, items  # the example asks it of two collaborations: the test bites
    each = ctx.msg("find_out.question_each", subject="\x00").split("\x00")[0]
    assert items[0].question.startswith(each), items[0].question
