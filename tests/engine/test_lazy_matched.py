"""A firing's matched facts are computed when first read, and are those it fired on.

Engines record a firing with a way to compute its support later (most supports are
never read). These tests take the support *at the moment of firing* with the tree walk
of :func:`pvrules.infer.support.support` on a snapshot of the facts, and check that the
late one read after the evaluation is the same, on generated knowledge bases with
strata, quantifiers and defaults; and that a late firing behaves as plain data.
"""

from __future__ import annotations

import copy
import dataclasses
import pickle
import random
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from pvrules.compile.ir import CASE
from pvrules.infer.reference import ReferenceEngine
from pvrules.infer.result import Firing, new_firing
from pvrules.infer.session import Session
from pvrules.infer.support import support
from pvrules.kb import load_kb
from pvrules.testing.synthetic import case, write_kb
from pvrules.validate.case import CASE_KEY, load_case_text


def _engine_and_cases(seed: int, n_rules: int, n_cases: int) -> tuple[Any, list[Any]]:
    with tempfile.TemporaryDirectory() as tmp:
        rules_dir, knowledge_dir, spec = write_kb(Path(tmp), seed, n_rules)
        kb = load_kb([rules_dir], [knowledge_dir], include_builtin=False, use_env=False)
    rng = random.Random(seed)
    cases = [load_case_text(yaml.safe_dump(case(rng, spec, i)), f"c{i}", kb.vocab)
             for i in range(n_cases)]
    return ReferenceEngine(kb.rules, kb.vocab), cases


@pytest.mark.parametrize("seed", [3, 11, 2026])
def test_late_matched_equals_the_support_at_firing_time(
        seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    engine, cases = _engine_and_cases(seed, 60, 8)
    at_firing: dict[tuple[str, object], tuple[Any, ...]] = {}
    fire = Session.fire

    def spying(self: Session, rule: Any, focus: Any, *prepared: Any) -> bool:
        fresh = fire(self, rule, focus, *prepared)
        if fresh:
            values = copy.deepcopy(self.values)  # the facts as they are now
            env = {CASE: CASE_KEY, **({rule.focus: focus} if rule.focus else {})}
            uses = support(rule.condition, env, values, self.entities)
            at_firing[(rule.id, focus)] = tuple(
                (t, f, values.get(t, {}).get(f)) for t, f in uses)
        return fresh

    monkeypatch.setattr(Session, "fire", spying)
    fired = 0
    for the_case in cases:
        at_firing.clear()
        result = engine.evaluate(the_case)
        for firing in result.firings:
            pending = vars(firing)
            assert "_late" in pending and "_matched" not in pending  # not computed yet
            assert firing.matched == at_firing[firing.key], firing.key
            assert "_late" not in pending and "_matched" in pending  # computed once, kept
            fired += 1
    assert fired > 20  # the comparison is not vacuous


def test_a_late_firing_is_plain_data() -> None:
    engine, cases = _engine_and_cases(5, 40, 6)
    late = [f for c in cases for f in engine.evaluate(c).firings]
    assert late
    for firing in late[:50]:
        plain = Firing(firing.rule_id, firing.stratum, firing.focus, firing.conclusions,
                       firing.matched)
        assert firing == plain and hash(firing) == hash(plain)
        assert repr(firing) == repr(plain)
        assert dataclasses.asdict(firing) == dataclasses.asdict(plain)
        assert dataclasses.replace(firing) == plain
    for firing in late[50:100]:  # copied or pickled before its matched facts were read
        assert "_late" in vars(firing)
        # Session.fire builds it inline: the same fields as new_firing with a late support
        built = new_firing(firing.rule_id, firing.stratum, firing.focus, firing.conclusions,
                           None, vars(firing)["_late"])
        assert vars(built) == vars(firing)
        for other in (pickle.loads(pickle.dumps(firing)), copy.copy(firing),
                      copy.deepcopy(firing)):
            assert other == firing
            assert vars(other).keys() == {"rule_id", "stratum", "focus", "conclusions",
                                          "_matched"}
