from __future__ import annotations

import pytest

from pvrules.errors import NameNotFoundError
from pvrules.explain.names import NameResolver, Target
from pvrules.pipeline import Pipeline
from pvrules.validate.case import CASE_KEY, Case


@pytest.fixture
def names(pipe: Pipeline, case: Case) -> NameResolver:
    return NameResolver(pipe.kb, case)


@pytest.mark.parametrize("text", ["centrum", "CENTRUM", "Centrumregeling",
                                  "centre arrangement", "Centre-Arrangement"])
def test_items_by_id_or_label(names: NameResolver, text: str) -> None:
    assert names.target(text) == Target("item", "centrum")


@pytest.mark.parametrize("text", ["centrum@o2", "centrum@opgave:o2", "Centrumregeling voor o2",
                                  "Centrumregeling voor opgave o2", "centre arrangement for o2",
                                  "centrum @ Opgave o2"])
def test_item_for_an_entity(names: NameResolver, text: str) -> None:
    assert names.target(text) == Target("item", "centrum", ("opgave", "o2"))


def test_case_as_a_whole(names: NameResolver) -> None:
    assert names.target("participatie@casus") == Target("item", "participatie", CASE_KEY)


@pytest.mark.parametrize("text", ["schaal@o1", "opgave:o1.schaal", "Scale for opgave o1",
                                  "fact:schaal@o1"])
def test_entity_facts(names: NameResolver, text: str) -> None:
    assert names.target(text) == Target("fact", "schaal", ("opgave", "o1"))


def test_fact_and_item_with_the_same_label(names: NameResolver) -> None:
    # 'capaciteit' is a fact id and 'Capaciteit' the label of an item: the id wins.
    assert names.target("capaciteit") == Target("fact", "capaciteit")
    assert names.target("item:capaciteit") == Target("item", "capaciteit_opbouwen")


def test_unknown_names_get_did_you_mean(names: NameResolver) -> None:
    with pytest.raises(NameNotFoundError) as err:
        names.target("centrm")
    assert err.value.suggestion == "did you mean 'centrum'?"
    assert err.value.exit_code == 2
    with pytest.raises(NameNotFoundError) as err:
        names.target("centrum@o3")
    assert "opgave:o1" in err.value.problems[0].allowed


def test_wrong_entity_kind(names: NameResolver) -> None:
    with pytest.raises(NameNotFoundError):
        names.target("participatie@o1")   # a measure is for the case as a whole
    with pytest.raises(NameNotFoundError):
        names.target("draagvlak@o1")      # a case fact, not an opgave fact


def test_unique_beginning_of_a_name(names: NameResolver) -> None:
    assert names.target("openbaar") == Target("item", "lichaam")
    assert names.target("Lokaal hou@o1") == Target("item", "lokaal", ("opgave", "o1"))
    with pytest.raises(NameNotFoundError):
        names.target("c")  # too short to guess
