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
