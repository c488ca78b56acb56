"""Engines of one knowledge base in one process share its checked durable plan, not state."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import yaml

from pvrules.infer.engine import durable_available
from pvrules.infer.reference import ReferenceEngine
from pvrules.kb import load_kb
from pvrules.load import cache
from pvrules.testing.synthetic import case, write_kb
from pvrules.validate.case import load_case_text

pytestmark = pytest.mark.skipif(not durable_available(), reason="durable_rules not importable")


@pytest.fixture
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("PVRULES_CACHE_DIR", str(folder))
    monkeypatch.setenv("PVRULES_CACHE_KEY_FILE", str(tmp_path / "config" / "cache.key"))
    monkeypatch.delenv("PVRULES_NO_CACHE", raising=False)
    return folder


def test_engines_share_the_plan_and_its_text_but_not_sessions(
        tmp_path: Path, own_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pvrules.infer import durable_plan
    from pvrules.infer.durable_backend import DurableEngine

    rules_dir, knowledge_dir, spec = write_kb(tmp_path / "kb", seed=97, n_rules=60)
    kb = load_kb([rules_dir], [knowledge_dir], include_builtin=False, use_env=False)
    built = DurableEngine(kb.rules, kb.vocab, cache_key=kb.content_hash)  # compiles, stores
    fresh_text = durable_plan.dumps(built.durable_plan.ruleset())
    assert built.durable_plan.ruleset_json() == fresh_text

    def no_writing(data: object) -> str:
        raise AssertionError("the ruleset JSON was written again")

    monkeypatch.setattr(durable_plan, "dumps", no_writing)
    first = DurableEngine(kb.rules, kb.vocab, cache_key=kb.content_hash)  # from the file
    second = DurableEngine(kb.rules, kb.vocab, cache_key=kb.content_hash)  # from memory
    monkeypatch.undo()
    assert first.durable_plan is second.durable_plan
    assert first.durable_plan == built.durable_plan
    assert first.durable_plan.ruleset_json() == fresh_text
    assert len(list(own_cache.glob("kb-durable-*.kbc"))) == 1

    rng = random.Random(5)
    cases = [load_case_text(yaml.safe_dump(case(rng, spec, i)), f"case{i}", kb.vocab)
             for i in range(40)]
    oracle = ReferenceEngine(kb.rules, kb.vocab)
    want = [oracle.evaluate(c).signature() for c in cases]
    assert len(set(want)) > 10, "the cases should really differ"
    try:
        # interleaved: each engine has its own ruleset and sessions
        for c, expected in zip(cases, want, strict=True):
            assert first.evaluate(c).signature() == expected
            assert second.evaluate(c).signature() == expected
        first.close()  # closing one engine leaves the other working
        assert [second.evaluate(c).signature() for c in cases] == want
    finally:
        for engine in (built, first, second):
            engine.close()


def test_a_plan_is_kept_beside_knowledge_bases() -> None:
    # a knowledge base and its durable plan per kept knowledge base, with room to spare
    assert cache.KEEP_IN_MEMORY >= 8
