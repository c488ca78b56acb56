"""The kernboodschap and the top five of every shipped example, read as an advisor would.

Expert-style checks on the live knowledge base (no golden text: the examples follow it):

* when a recommendation of rule priority >= ``DECISIVE`` is among the key ones, §1 says it
  (its why or its name) before what the raad chooses, and never opens with a template
  ("De bronnen geven geen voorkeur …", "Ons advies: …", "Of herindeling … niet vast te
  stellen");
* "Of herindeling …" only when the case's question asks about herindeling;
* the top five holds no item marked ``not_key`` and no item twice.
"""

from __future__ import annotations

import pytest

from pvrules.explain.answer import DECISIVE, asks_about_merger
from pvrules.explain.decisions import NOT_KEY
from pvrules.pipeline import Pipeline

from .shipped import example_ctx, shipped_examples

EXAMPLES = shipped_examples()
TEMPLATES = ("De bronnen geven geen voorkeur", "Tussen de", "Ons advies:", "Of herindeling",
             "Wat elke optie betekent")
CHOOSES = ("geen voorkeur", " kiest", " kiezen")


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(engine_name="python")


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("name", EXAMPLES)
def test_the_kernboodschap_carries_the_decisive_answer(pipe: Pipeline, name: str) -> None:
    ctx = example_ctx(pipe, name)
    d = ctx.decisions
    text = d.answer
    assert "Ons advies:" not in text
    decisive = [k for k in d.key_recommendations if k.rank and -k.rank[0] >= DECISIVE]
    if d.key_recommendations:
        assert not text.startswith(TEMPLATES), text
    if decisive:
        chooses = min((text.find(w) for w in CHOOSES if w in text), default=len(text))
        # the key line's why starts with what to do (RecItem.action), followed by the reason
        # unless §1 already gives that reason word for word (selection.with_action)
        first = decisive[0]
        if not (first.action and first.why == first.action):
            low = text.lower()
            names = [first.label, *first.label.split(" of ")]  # "X of Y": either names it
            said = [low.find(t.rstrip(".").lower()) for t in
                    (first.why, first.why.removeprefix(first.action).strip(), *names) if t]
            assert any(0 <= at < chooses for at in said), (first.label, text)
    if "Of herindeling" in text:
        assert asks_about_merger(ctx), text


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("name", EXAMPLES)
def test_the_top_five_holds_no_procedure_and_no_repeat(pipe: Pipeline, name: str) -> None:
    ctx = example_ctx(pipe, name)
    key = ctx.decisions.key_recommendations
    assert len(key) <= 5
    items = [k.item for k in key]
    assert len(items) == len(set(items)), items
    for k in key:
        props = getattr(ctx.kb.catalogues.items.get(k.item), "properties", {})
        assert NOT_KEY not in props, k.item
