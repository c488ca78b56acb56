"""Facts of public record in "Eerst uitzoeken": only those that can change the verdict,
as the last items ("Ga in openbare stukken na …"), in plain words.

On the built-in knowledge base and two shipped examples; the expectation is computed from
what filling in each fact would change (the find-out weighing), not written down.
"""

from __future__ import annotations

import pytest

from pvrules.explain.findout import PUBLIC_GATE, is_lookup, weighed_slots
from pvrules.pipeline import Pipeline

from .shipped import example_ctx


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline([], [], "python")


@pytest.mark.parametrize("name", ["a2-2019", "vijfheerenlanden-2017"])
def test_a_public_fact_is_listed_only_where_it_can_change_the_verdict(pipe: Pipeline,
                                                                      name: str) -> None:
    ctx = example_ctx(pipe, name)
    assert ctx.decisions.fill_in == ()
    listed = {f.fact for f in ctx.decisions.find_out_first if is_lookup(ctx, ((), f.fact))}
    public = [f for f in weighed_slots(ctx) if is_lookup(ctx, f.slot)]
    assert public, "the example leaves a public fact open that changes something"
    for found in public:
        verdict = any(p[0] in PUBLIC_GATE for p in found.weighed.parts)
        if not verdict:
            assert found.slot[1] not in listed, (found.slot, found.weighed.parts)
    for fact in listed:
        assert any(any(p[0] in PUBLIC_GATE for p in f.weighed.parts)
                   for f in public if f.slot[1] == fact), fact
    # a2 leaves open facts that would only add a recommendation: those are not listed
    if name == "a2-2019":
        assert any(not any(p[0] in PUBLIC_GATE for p in f.weighed.parts) for f in public)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_public_fact_is_named_in_plain_words(pipe: Pipeline, lang: str) -> None:
    ctx = example_ctx(pipe, "bar-2016", lang)
    public = [i for i in ctx.decisions.find_out_first if is_lookup(ctx, ((), i.fact))]
    assert public
    for item in public:
        ask = pipe.kb.vocab.facts[item.fact].ask
        subject = getattr(ask, "subject", None)
        if subject is None:
            continue
        assert item.label != pipe.kb.vocab.facts[item.fact].label.get(lang)
        assert "{" not in item.label and item.label[:1].islower(), item.label
        assert "(" in item.label, "it says where to look it up"
        assert item.question == ctx.msg("find_out.public_record", subject=item.label)
