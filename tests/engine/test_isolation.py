"""Each case is evaluated in isolation: nothing leaks between cases, memory stays flat."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import yaml

from pvrules.infer.engine import durable_available
from pvrules.infer.reference import ReferenceEngine
from pvrules.kb import load_kb
from pvrules.testing.synthetic import case, write_kb
from pvrules.validate.case import load_case_text


def _rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


@pytest.mark.slow
@pytest.mark.skipif(not durable_available(), reason="durable_rules not importable")
def test_2000_cases_in_one_process_match_each_alone(tmp_path: Path) -> None:
    from pvrules.infer.durable_backend import DurableEngine

    rules_dir, knowledge_dir, spec = write_kb(tmp_path, seed=4242, n_rules=150)
    kb = load_kb([rules_dir], [knowledge_dir], include_builtin=False, use_env=False)
    rng = random.Random(1)
    cases = [load_case_text(yaml.safe_dump(case(rng, spec, i)), f"case{i}", kb.vocab)
             for i in range(2000)]
    alone = ReferenceEngine(kb.rules, kb.vocab)
    expected = [hash(alone.evaluate(c).signature()) for c in cases]
    assert len(set(expected)) > 500, "the cases should really differ"

    engine = DurableEngine(kb.rules, kb.vocab)
    try:
        for c, want in zip(cases[:200], expected[:200], strict=True):
            assert hash(engine.evaluate(c).signature()) == want
        before = _rss_kb()
        for i, (c, want) in enumerate(zip(cases, expected, strict=True)):
            assert hash(engine.evaluate(c).signature()) == want, f"case {i}"
        after = _rss_kb()
        # the other order gives the same per-case results
        for i in reversed(range(len(cases))):
            assert hash(engine.evaluate(cases[i]).signature()) == expected[i], f"case {i}"
    finally:
        engine.close()
    # a fresh engine per case agrees too (a sample; building an engine costs milliseconds)
    for i in range(0, 2000, 250):
        fresh = DurableEngine(kb.rules, kb.vocab)
        try:
            assert hash(fresh.evaluate(cases[i]).signature()) == expected[i]
        finally:
            fresh.close()
    assert after - before < 4096, f"RSS grew by {after - before} KB over 2,000 cases"
