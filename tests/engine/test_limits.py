"""Knowledge bases that would hit durable_rules' hard limits are refused up front."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pvrules.compile.ir import leaves
from pvrules.errors import EngineLimitError
from pvrules.infer.durable_limits import check_limits
from pvrules.infer.durable_plan import DurableCompiler
from pvrules.infer.reference import ReferenceEngine
from pvrules.kb import load_kb
from pvrules.testing.synthetic import write_kb


def _rule(i: int, when: object) -> dict[str, object]:
    return {"id": f"x{i:03d}", "title": {"nl": "t", "en": "t"}, "principle": {"nl": "p", "en": "p"},
            "when": when, "then": [{"recommend": "item0"}], "explanation": {"nl": "x", "en": "x"},
            "sources": ["src"]}


def _kb(tmp_path: Path, rules: list[dict[str, object]]):
    rules_dir, knowledge_dir, _spec = write_kb(tmp_path, seed=1, n_rules=0, width=10)
    (rules_dir / "rules.yaml").write_text(yaml.safe_dump({"rules": rules}))
    return load_kb([rules_dir], [knowledge_dir], include_builtin=False, use_env=False)


def _refused(kb) -> EngineLimitError:
    with pytest.raises(EngineLimitError) as info:
        plan = DurableCompiler(kb.vocab).compile(kb.rules)
        check_limits(plan, kb.vocab, kb.rules)
    assert "--engine python" in info.value.format()
    ReferenceEngine(kb.rules, kb.vocab)  # the reference evaluator takes it
    return info.value


def test_one_fact_matching_too_many_alpha_nodes(tmp_path: Path) -> None:
    kb = _kb(tmp_path, [_rule(i, {"c_number0": {"at_least": i}}) for i in range(80)])
    err = _refused(kb)
    assert "could push" in err.format() and "c_number0" in err.format()


def _agrees(kb, seed: int = 3) -> None:
    import random

    from pvrules.infer.engine import durable_available

    if not durable_available():
        pytest.skip("durable_rules does not import on this Python; nothing to compare")
    from pvrules.infer.durable_backend import DurableEngine
    from pvrules.testing.synthetic import Spec, case
    from pvrules.validate.case import load_case_text

    rng = random.Random(seed)
    durable = DurableEngine(kb.rules, kb.vocab)
    reference = ReferenceEngine(kb.rules, kb.vocab)
    try:
        for i in range(200):
            c = load_case_text(yaml.safe_dump(case(rng, Spec(10), i, 0.1)), "c", kb.vocab)
            assert durable.evaluate(c).signature() == reference.evaluate(c).signature()
    finally:
        durable.close()


@pytest.mark.slow  # 200 generated cases on both engines
def test_wide_any_blocks_are_checked_in_python_not_refused(tmp_path: Path) -> None:
    # 3^5 = 243 alternatives: the widest 'any' blocks are checked in Python instead
    when = {"all": [{"any": [{f"c_level{j}": "l0"}, {f"c_level{j}": "l2"}, {f"c_enum{j}": "a"}]}
                    for j in range(5)] + [{"c_bool0": True}]}
    kb = _kb(tmp_path, [_rule(0, when)])
    plan = DurableCompiler(kb.vocab).compile(kb.rules)
    assert 1 <= len(plan.rules) <= 64
    _agrees(kb)


@pytest.mark.slow
def test_unknown_or_at_least_idiom_stays_one_rule(tmp_path: Path) -> None:
    when = {"all": [{"c_level0": {"at_least": "l3"}}]
            + [{"any": [{f"c_level{j}": {"known": False}}, {f"c_level{j}": {"at_least": "l2"}}]}
               for j in range(1, 9)]}
    kb = _kb(tmp_path, [_rule(0, when)])
    plan = DurableCompiler(kb.vocab).compile(kb.rules)
    assert len(plan.rules) == 1
    assert plan.rules[0].residual is not None
    _agrees(kb)


@pytest.mark.slow
def test_case_tests_beyond_16_patterns_move_to_python(tmp_path: Path) -> None:
    when = {"all": [{f"c_level{j}": {"at_least": "l1"}} for j in range(10)]
            + [{f"c_enum{j}": {"is_not": "a"}} for j in range(8)]}
    kb = _kb(tmp_path, [_rule(0, when)])
    plan = DurableCompiler(kb.vocab).compile(kb.rules)
    assert len(plan.rules[0].patterns) == 1  # anchored; all tests checked in Python
    _agrees(kb)


def test_some_with_more_than_16_tests_is_a_flag_decided_in_python(tmp_path: Path) -> None:
    # Once refused (17 patterns for one 'some'); now the existential is a flag: durable
    # tests one flag fact, Python decides it with all 17 tests.
    when = {"some": "partner", "where": {"all": [{f"p_level{j}": {"at_least": "l1"}}
                                                  for j in range(10)]
                                         + [{f"p_enum{j}": {"is_not": "a"}} for j in range(7)]}}
    kb = _kb(tmp_path, [_rule(0, when)])
    plan = DurableCompiler(kb.vocab).compile(kb.rules)
    check_limits(plan, kb.vocab, kb.rules)  # does not raise
    assert len(plan.flags) == 1
    assert len(leaves(plan.flags[0].cond)) == 17
    assert max(len(r.patterns) for r in plan.rules) <= 16


def test_more_than_16_some_parts_are_refused(tmp_path: Path) -> None:
    parts = [{"some": "partner", "where": {f"p_level{j % 10}": {"at_least": f"l{1 + j // 10}"}}}
             for j in range(17)]
    err = _refused(_kb(tmp_path, [_rule(0, {"all": parts})]))
    assert "17 patterns" in err.format()
    assert err.problems[0].rule_id == "x000"


@pytest.mark.slow  # 300 generated rules through the durable compiler
def test_many_rules_on_one_pattern_are_spread_over_buckets(tmp_path: Path) -> None:
    kb = _kb(tmp_path, [_rule(i, {"all": [{"c_bool0": True}, {"c_number0": {"is": i % 101}}]})
                        for i in range(300)])
    plan = DurableCompiler(kb.vocab).compile(kb.rules)
    check_limits(plan, kb.vocab, kb.rules)  # does not raise
    shared = [p for r in plan.rules for _n, p in r.patterns
              if {"n": "c_bool0"} in p["$and"]]  # type: ignore[operator]
    buckets = {str(p["$and"][-1]) for p in shared}  # type: ignore[index]
    assert len(shared) == 300 and len(buckets) == 3
