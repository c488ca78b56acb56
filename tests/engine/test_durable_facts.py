"""Which facts reach durable_rules: only those some pattern could match, conservatively."""

from __future__ import annotations

import pytest

from pvrules.infer.durable_facts import FactFilter
from pvrules.infer.durable_plan import DurablePlan, DurableRule


def _plan(*chains: list[dict[str, object]]) -> DurablePlan:
    patterns = tuple((f"p{i}", {"$and": chain}) for i, chain in enumerate(chains))
    return DurablePlan((DurableRule("r#0", "r", 2, patterns, None, None),), {})


PLAN = _plan(
    [{"k": "a"}, {"n": "vertrouwen"}, {"v": "hoog"}, {"e": {"p9": "e"}}],
    [{"k": "c"}, {"n": "budget"}, {"$gte": {"v": 3}}, {"$neq": {"b": 1}}],
    [{"k": "c"}, {"n": "budget"}, {"$lt": {"v": -1.5}}],
    [{"k": "a"}, {"n": "lokaal"}, {"v": True}],
    [{"k": "a"}, {"n": "naam"}],
    [{"k": "c"}, {"n": "soort"}, {"$neq": {"v": "x"}}, {"$neq": {"v": "y"}}],
    [{"k": "c"}, {"n": "tekst"}, {"$gt": {"v": "m"}}],
)


@pytest.mark.parametrize(("kind", "name", "value", "wanted"), [
    ("a", "vertrouwen", "hoog", True),
    ("a", "vertrouwen", "laag", False),        # no pattern on it matches: durable drops it
    ("c", "vertrouwen", "hoog", False),        # tested only as an entity fact
    ("c", "budget", 3, True), ("c", "budget", 3.0, True), ("c", "budget", 2.9, False),
    ("c", "budget", -2, True),                 # the second pattern on budget
    ("c", "budget", "3", True),                # text against a number: durable decides
    ("a", "lokaal", True, True), ("a", "lokaal", False, False),
    ("a", "lokaal", 1, True),                  # a number against a boolean: durable decides
    ("a", "naam", "anything", True),           # a pattern with no value test takes any value
    ("c", "soort", "z", True), ("c", "soort", "y", False),
    ("c", "tekst", "a", True),                 # an order test on text: durable decides
    ("c", "onbekend", 1, False),               # no pattern tests this name
])
def test_a_fact_is_sent_unless_no_pattern_can_match_it(kind: str, name: str, value: object,
                                                       wanted: bool) -> None:
    fact_filter = FactFilter(PLAN)
    assert fact_filter.wants(kind, name, value) is wanted
    assert fact_filter.wants(kind, name, value) is wanted  # remembered, same answer


def test_a_case_s_facts_do_not_depend_on_the_order_its_facts_were_given() -> None:
    from pvrules.infer.engine import durable_available

    if not durable_available():
        pytest.skip("durable_rules not importable")
    from pvrules.infer.durable_backend import DurableEngine
    from pvrules.infer.session import Session
    from pvrules.pipeline import Pipeline

    pipe = Pipeline(engine_name="python")
    engine = DurableEngine(pipe.kb.rules, pipe.kb.vocab)
    try:
        case = pipe.load_case("example:netwerk-private-partners")
        values = Session(engine.plan, case).values
        slots = {e.key: f"{e.type}:{e.slot}" for e in case.all_entities()}
        assert any(len(own) > 2 for key, own in values.items() if key in slots)
        # each entity's facts in reverse order, and an entity with one fact fewer (the
        # same type's facts in another shape): names are sorted for every shape
        turned = {key: dict(reversed(own.items())) for key, own in values.items()}
        fewer = {key: dict(list(own.items())[1:]) if key in slots else own
                 for key, own in values.items()}
        for given in (values, turned, values, fewer, turned):
            got = list(engine._writer.case_facts(given, slots, "s1"))
            again = list(type(engine._writer)(engine.durable_plan, pipe.kb.vocab)
                         .case_facts(given, slots, "s1"))  # a fresh writer: no memo
            assert got == again
            if given is not fewer:
                assert got == list(engine._writer.case_facts(values, slots, "s1"))
    finally:
        engine.close()
