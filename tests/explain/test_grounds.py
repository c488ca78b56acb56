"""The grounds of a reasoning ("Op grond van") in Bijlage A (pvrules/explain/registry.py).

Review 6 and 7: "Centrumgemeente (Cranendonck, Heeze-Leende, Valkenswaard en Provincie
Noord-Brabant): onbekend" — a fact the rule read only to rule a case out is no ground; a
fact the rule needs unknown ("draagvlak in de raden onbekend") is.
"""

from __future__ import annotations

import pytest

from pvrules.explain.registry import _tested_unknown
from pvrules.pipeline import Pipeline, example_names

from .shipped import example_ctx


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(engine_name="python")


def test_a_rule_out_is_no_ground_and_a_tested_unknown_is(pipe: Pipeline) -> None:
    keep = pipe.kb.rule("vorm.bestaand.behouden").condition
    assert "is_centrumgemeente" not in _tested_unknown(keep)  # "unknown or not a centrum"
    peilen = pipe.kb.rule("diagnose.legitimiteit.onbekend.bestuurlijk").condition
    assert {"draagvlak_raad", "draagvlak_partners"} <= _tested_unknown(peilen)
    costs = [r for r in pipe.kb.rules if any(
        getattr(c, "item", None) == "ontvlechtingsplan" for c in r.conclusions)]
    assert any("ontvlechtingskosten_geraamd" in _tested_unknown(r.condition) for r in costs)


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("name", example_names())
def test_no_unknown_ground_names_entities_the_rule_only_ruled_out(pipe: Pipeline,
                                                                   name: str) -> None:
    ctx = example_ctx(pipe, name)
    unknown = ctx.msg("value.unknown") if ctx.msg.has("value.unknown") else "onbekend"
    provinces = {e.name for e in ctx.result.case.all_entities()
                 if ctx.result.value(e.key, "soort") == "provincie" and e.name}
    for chain in ctx.decisions.chains:
        for ground in chain.facts:
            if ground.endswith(f": {unknown}") and "(" in ground:
                named = ground.split("(", 1)[1].rsplit(")", 1)[0]
                assert not any(p in named for p in provinces), (name, chain.number, ground)


def test_a_fact_read_only_under_no_is_no_ground(pipe: Pipeline) -> None:
    """O-gen's executing partner: "no option is a herindeling" reads the options' form only
    to rule a provincial merger out; the form is no ground of that reasoning."""
    ctx = example_ctx(pipe, "o-gen-2019")
    form = pipe.kb.vocab.facts["optievorm"].label.nl
    title = pipe.kb.entries["provincie.organisatie.uitvoerder_zwak"].spec.title.nl
    chains = [c for c in ctx.decisions.chains if c.title.startswith(title)]
    assert chains, "the executing partner's reasoning is shown"
    for chain in chains:
        assert not any(g.startswith(form) for g in chain.facts), chain.facts
