"""What filing rules under a case test they need saves the reference evaluator.

    python bench/bench_guards.py [--rounds N]

The reference evaluator files a rule without an equality guard under a test on a case
fact its condition needs (`infer/guards.py` `case_test`). This compares, in one
process and case by case alternating, the engine as it is with the same engine whose
rules are all filed by `guard()` only (as before session 8): conditions tried per case,
CPU time per case, and that both give the same results. Cases: the generated 1,000-rule
knowledge base (100 cases) and the shipped one with 300 partners, 50 opgaven and 60
collaborations (5 cases).
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gencases import shipped_case

from pvrules.infer.guards import RuleIndex, guard
from pvrules.infer.reference import ReferenceEngine
from pvrules.kb import load_kb
from pvrules.load.yamlio import Document
from pvrules.pipeline import Pipeline
from pvrules.testing.synthetic import case as synthetic_case
from pvrules.testing.synthetic import write_kb
from pvrules.validate.case import case_from_document, load_case_text


def _entries(index: RuleIndex[Any]) -> list[list[Any]]:
    return [index.always, *index.known.values(),
            *(e for by_value in index.equal.values() for e in by_value.values()),
            *(e for _check, e in index.tested.values())]


def _guard_only(engine: ReferenceEngine) -> None:
    engine._by_stratum = {stratum: RuleIndex((guard(e[0]), e) for es in _entries(ix)
                                             for e in es)
                          for stratum, ix in engine._by_stratum.items()}


def _tries(engine: ReferenceEngine, cases: list[Any]) -> float:
    count = [0]
    saved = {}
    for ix in engine._by_stratum.values():
        for entries in _entries(ix):
            for at, entry in enumerate(entries):
                def counted(env: Any, scope: Any, check: Any = entry[1]) -> Any:
                    count[0] += 1
                    return check(env, scope)
                saved[(id(entries), at)] = entry
                entries[at] = (entry[0], counted, *entry[2:])
    for c in cases:
        engine.evaluate(c)
    for ix in engine._by_stratum.values():
        for entries in _entries(ix):
            for at in range(len(entries)):
                entries[at] = saved[(id(entries), at)]
    return count[0] / len(cases)


def compare(label: str, kb: Any, cases: list[Any], rounds: int) -> str:
    filed, plain = ReferenceEngine(kb.rules, kb.vocab), ReferenceEngine(kb.rules, kb.vocab)
    _guard_only(plain)
    for c in cases:
        if filed.evaluate(c).signature() != plain.evaluate(c).signature():
            raise SystemExit(f"{label}: results differ on case {c.meta.id}")
    tried = (_tries(plain, cases), _tries(filed, cases))
    gc.freeze()
    samples: tuple[list[float], list[float]] = ([], [])
    for r in range(rounds):
        for c in cases:
            for which in ((0, 1) if r % 2 else (1, 0)):
                engine = (plain, filed)[which]
                start = time.thread_time()
                engine.evaluate(c)
                samples[which].append(time.thread_time() - start)
    ratio = statistics.median(b / a for a, b in zip(*samples, strict=True))
    return (f"| {label} | {tried[0]:.0f} → {tried[1]:.0f} | "
            f"{statistics.median(samples[0]) * 1000:.2f} → "
            f"{statistics.median(samples[1]) * 1000:.2f} ms | × {ratio:.3f} |")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    rows = ["| cases | conditions tried per case (guard only → with case tests) | "
            "median CPU per case | median per-case ratio |", "|---|---|---|---|"]
    with tempfile.TemporaryDirectory() as tmp:
        rules_dir, knowledge_dir, spec = write_kb(Path(tmp), 7, 1000)
        kb = load_kb([rules_dir], [knowledge_dir], include_builtin=False, use_env=False)
    rng = random.Random(11)
    cases = [load_case_text(yaml.safe_dump(synthetic_case(rng, spec, i)), f"c{i}", kb.vocab)
             for i in range(100)]
    rows.append(compare("1,000 rules", kb, cases, args.rounds))
    pipe = Pipeline(engine_name="python")
    counts = {"partner": 300, "opgave": 50, "samenwerking": 60}
    cases = [case_from_document(Document(shipped_case(random.Random(s), pipe.kb.vocab, s,
                                                      counts), "gen", {}), pipe.kb.vocab)
             for s in range(5)]
    rows.append(compare("entities", pipe.kb, cases, 2 * args.rounds))
    print("\n".join(rows))


if __name__ == "__main__":
    main()
