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
from pvrules.explain.findout_made import _makes, made_by_advice
from pvrules.explain.findout_turns import turns
from pvrules.explain.unknown_words import MAX_PLAIN, _most
from pvrules.pipeline import Pipeline, example_names


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(engine_name="python")


def _ctx(pipe: Pipeline, name: str, lang: str = "nl") -> ExplainContext:
    return ExplainContext(pipe.kb, pipe.evaluate(pipe.load_case(f"example:{name}")), lang)


@pytest.mark.parametrize(("item", "fact", "makes"), [
    ("capaciteitsplan_opstellen", "capaciteitsplan", True),
    ("verbeterplan_bestuur", "verbeterplan", True),
    ("business_case", "business_case_aanwezig", True),
    ("capaciteitsplan", "capaciteitsplan", True),
    ("capaciteit_nagaan", "capaciteitsplan", False),  # a word's start is not an id's
    ("draagvlak_peilen", "draagvlak_raad", False),
])
def test_an_item_makes_a_fact_when_one_id_is_the_others_first_words(
        item: str, fact: str, makes: bool) -> None:
    assert _makes(item, fact) is makes


@pytest.mark.parametrize(("name", "fact"), [
    ("bar-2016", "verbeterplan"),  # the route asks the board for an improvement plan
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
    for lang, said in (("nl", " Daarvan hangt af: "), ("en", " What turns on it: ")):
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
    # a recommendation the advice makes by its label; one it does not make yet: whether it is
    assert turns(ctx, parts) == (
        "Daarvan hangt af: het oordeel over de legitimiteit, de beoordeling van ‘Bestuurlijke "
        "fusie van de drie A2-gemeenten’, de aanbeveling ‘Raadsrapporteurs of "
        "regio-ambassadeurs’ en of de aanbeveling ‘Burgerberaad’ erbij komt.")
    asked = "Zoek uit hoe de raden over ‘Bestuurlijke fusie van de drie A2-gemeenten’ denken."
    assert "de beoordeling van die optie" in turns(ctx, parts, asked)
    # a measure or a risk only when nothing heavier turns on it; a route step alone: nothing
    assert turns(ctx, [("risk", option, "x")]) == (
        "Daarvan hangt af: de risico's van ‘Bestuurlijke fusie van de drie A2-gemeenten’.")
    assert turns(ctx, [("route", "inwoners_raadplegen")]) == ""


@pytest.mark.parametrize(("name", "each", "told"), [
    ("a2-2019", False, True),  # one collaboration, its goals in the case's text
    ("regionale-gr-jeugdhulp", True, False),  # two, no goals stated: asked of each
])
def test_goal_attainment_asks_which_goals_unless_stated_and_who_knows(
        pipe: Pipeline, name: str, each: bool, told: bool) -> None:
    item = next(i for i in _ctx(pipe, name).decisions.find_out_first if "doelbereik" in i.facts)
    assert item.entity  # which collaboration(s): its name stands before the question
    assert ("met welke doelen" in item.question.lower()) is not told
    assert ("zoals het dossier ze noemt" in item.question) is told
    assert "bestuur van het verband" in item.question
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
