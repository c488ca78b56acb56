""""Eerst uitzoeken" asks only what is worth asking (review 10).

No item for what the advice itself makes ("Ligt er een capaciteitsplan?" beside "stel een
capaciteitsplan op"); every item says what turns on its answer ("Daarvan hangt af: …");
goal attainment asks which goals, and who knows; §3.2 names the three unknowns that
matter most and refers to chapter 8 for the rest.
"""

from __future__ import annotations

import pytest

from pvrules.explain.context import ExplainContext
from pvrules.explain.findout import find_out, weighed_slots
from pvrules.explain.findout_made import made_by_advice, makes
from pvrules.explain.findout_turns import turns
from pvrules.explain.unknown_words import MAX_PLAIN, _most
from pvrules.pipeline import Pipeline, example_names


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(engine_name="python")


def _ctx(pipe: Pipeline, name: str, lang: str = "nl") -> ExplainContext:
    return ExplainContext(pipe.kb, pipe.evaluate(pipe.load_case(f"example:{name}")), lang)


def test_every_makes_names_a_yes_no_input_fact(pipe: Pipeline) -> None:
    """``makes:`` on a catalogue item names facts the case can leave unknown: yes/no inputs."""
    facts = pipe.kb.vocab.facts
    named = {(i, f) for i, d in pipe.kb.catalogues.items.items() for f in d.makes}
    assert named  # the catalogues say it, not an id heuristic
    for item, fact in named:
        assert fact in facts and facts[fact].type == "bool" and facts[fact].origin == "input", \
            (item, fact)


@pytest.mark.parametrize(("item", "fact", "made"), [
    ("capaciteitsplan_opstellen", "capaciteitsplan", True),
    ("verbeterplan_bestuur", "verbeterplan", True),
    ("besluit_verbetering", "verbeterplan", True),  # a route step, whatever its id
    ("business_case", "business_case_aanwezig", True),
    ("capaciteit_nagaan", "capaciteitsplan", False),
    ("draagvlak_peilen", "draagvlak_raad", False),
])
def test_an_item_makes_the_facts_its_catalogue_entry_names(
        pipe: Pipeline, item: str, fact: str, made: bool) -> None:
    ctx = _ctx(pipe, "a2-2019")
    assert makes(ctx, item, fact) is made


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize(("name", "fact"), [
    ("bar-2016", "verbeterplan"),  # the route asks the board for an improvement plan
    ("a2-2019", "verbeterplan"),  # the route's council decision on the improvement
    ("voorschoten-2019", "verbeterplan"),
    ("gemeente-onder-preventief-toezicht", "capaciteitsplan"),  # a measure: make one
])
def test_what_the_advice_makes_is_not_asked(pipe: Pipeline, name: str, fact: str) -> None:
    ctx = _ctx(pipe, name)
    assert fact in made_by_advice(ctx)
    unknown = [f for f in weighed_slots(ctx) if f.slot[1] == fact]
    assert unknown and unknown[0].weighed.parts  # unknown, and an answer changes the advice
    assert not any(fact in i.facts for i in find_out(ctx)[0])


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("name", example_names())
def test_every_item_says_what_turns_on_its_answer(pipe: Pipeline, name: str) -> None:
    for lang, said in (("nl", " Daarvan hangt af "), ("en", " This decides ")):
        ctx = _ctx(pipe, name, lang)
        for item in find_out(ctx)[0]:
            assert item.question.count(said) == 1, (name, item.question)
            assert item.question.endswith("."), item.question
            assert not any(f in made_by_advice(ctx) for f in item.facts), (name, item.facts)


def test_what_turns_on_an_answer_heaviest_first_and_not_the_option_named_twice(
        pipe: Pipeline) -> None:
    ctx = _ctx(pipe, "a2-2019")
    option = ("optie", "herindeling_a2")
    parts = [("key", "burgerberaad", ("case", "case")), ("effect", option, "legitimiteit"),
             ("corner", "legitimiteit"), ("route", "inwoners_raadplegen"),
             ("key", "raadsrapporteurs", ("case", "case"))]
    # review 12 #8: in terms of the decision, not of corners and recommendation labels
    assert turns(ctx, parts) == (
        "Daarvan hangt af hoe ‘Bestuurlijke fusie van de drie A2-gemeenten’ uitvalt en of de "
        "koers genoeg draagvlak heeft.")
    asked = "Zoek uit hoe de raden over ‘Bestuurlijke fusie van de drie A2-gemeenten’ denken."
    assert "hoe die optie uitvalt" in turns(ctx, parts, asked)
    # the advice rejects the merger: whether it comes back into view
    assert turns(ctx, [("prefer", option)], asked) == (
        "Daarvan hangt af of die optie weer in beeld komt.")
    assert turns(ctx, [("prefer", option), ("effect", option, "legitimiteit")]) == (
        "Daarvan hangt af of ‘Bestuurlijke fusie van de drie A2-gemeenten’ weer in beeld komt.")
    en = _ctx(pipe, "a2-2019", "en")
    assert turns(en, [("corner", "organisatie")]) == (
        "This decides whether the organisation can carry the tasks.")
    # recommendations only when nothing of the choice turns on it; then a measure or a risk
    assert turns(ctx, [("key", "burgerberaad", ("case", "case"))]) == (
        "Daarvan hangt af of ook ‘Burgerberaad’ nodig is.")
    assert turns(ctx, [("risk", option, "x")]) == (
        "Daarvan hangt af welke risico's ‘Bestuurlijke fusie van de drie A2-gemeenten’ heeft.")
    assert turns(ctx, [("route", "inwoners_raadplegen")]) == ""


@pytest.mark.parametrize(("name", "each", "told", "who"), [
    # one collaboration, its goals in the case's text; a joint arrangement: its board knows
    ("a2-2019", False, True, "Het bestuur van het verband weet het"),
    # one, no goals stated: which goals; a convenant has no board (review 12): the participants
    ("netwerk-private-partners", False, False, "de deelnemers gaan het samen na"),
])
def test_goal_attainment_asks_which_goals_unless_stated_and_who_knows(
        pipe: Pipeline, name: str, each: bool, told: bool, who: str) -> None:
    item = next(i for i in _ctx(pipe, name).decisions.find_out_first if "doelbereik" in i.facts)
    assert item.entity  # which collaboration(s): its name stands before the question
    assert ("met welke doelen" in item.question.lower()) is not told
    assert ("zoals de stukken ze noemen" in item.question) is told
    assert who in item.question
    assert item.question.startswith("Zoek voor elk uit") is each


def test_section_3_2_names_three_unknowns_and_refers_to_chapter_8(pipe: Pipeline) -> None:
    ctx = _ctx(pipe, "voorschoten-2019")
    weights = {f.slot[1]: f.weighed.weight for f in weighed_slots(ctx)}
    light, heavy = sorted(weights, key=weights.get)[:3], sorted(weights, key=weights.get)[-3:]
    phrases = [(f"over {f}", [f]) for f in [*light[:2], *heavy, light[2]]]
    said = _most(ctx, phrases)
    assert said == [*(f"over {f}" for f in heavy), "wat verder nog open is (hoofdstuk 8)"]
    assert _most(ctx, phrases[:MAX_PLAIN + 1]) == [p for p, _f in phrases[:MAX_PLAIN + 1]]
    row = next(c for c in ctx.decisions.triangle.corners if c.id == "organisatie")
    said_first, rest = row.reason.split(" en wat verder nog open is (hoofdstuk 8).")
    assert said_first.count(", ") == MAX_PLAIN - 1 and rest


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize(("name", "fact", "entity"), [
    # satisfaction, a business case, an information duty: they would only add a recommendation
    ("a2-2019", "tevredenheid", None),
    ("a2-2019", "business_case_aanwezig", None),  # and 'Business case' would make it: circular
    ("voorschoten-2019", "tevredenheid", None),
    # the goals of a regional network the options do not change (only the werkorganisatie)
    ("voorschoten-2019", "doelbereik", "Leidse regio"),
    # a measure or a risk alone: a market for a proposed werkorganisatie, goals just evaluated
    ("gemeente-onder-preventief-toezicht", "economische_activiteit", None),
    ("o-gen-2019", "doelbereik", None),
    # a herindeling already sent to the minister: residents' orientation is no question
    ("vijfheerenlanden-2017", "inwonersorientatie", None),
])
def test_only_what_an_option_the_verdict_or_a_given_recommendation_turns_on(
        pipe: Pipeline, name: str, fact: str, entity: str | None) -> None:
    """Review 11 #8: §8 asks only what an option's score, the choice or a key recommendation
    the advice gives turns on (each of these was listed before)."""
    for item in find_out(_ctx(pipe, name))[0]:
        if entity is None:
            assert fact not in item.facts, (name, item.question)
        else:  # the fact of another entity may be asked; this one's is not
            assert fact not in item.facts or entity not in f"{item.entity} {item.question}", \
                (name, item.question)


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("name", ["bar-2016", "regionale-gr-jeugdhulp", "voorschoten-2019"])
def test_public_record_only_where_an_option_turns_on_it(pipe: Pipeline, name: str) -> None:
    """The province's financial supervision is not to be looked up where no option's score
    depends on it (review 11: five cases)."""
    assert not find_out(_ctx(pipe, name))[1]


def test_what_an_option_turns_on_is_still_asked(pipe: Pipeline) -> None:
    """The filter keeps the decisive unknowns: the councils' and residents' view of a merger
    (an option's score and the legitimacy verdict), the goals of the collaboration the
    improvement option continues."""
    facts = {f for i in find_out(_ctx(pipe, "a2-2019"))[0] for f in i.facts}
    assert {"steun_raden", "doelbereik"} <= facts, facts
