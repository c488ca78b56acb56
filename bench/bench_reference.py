"""The reference evaluator against a baseline's, in one process (issue 12, 1,000 rules).

    git archive BASE | tar -x -C /tmp/base-src
    python bench/bench_reference.py --baseline /tmp/base-src [rules1000|entities] [--rounds N]

Loads the baseline's ``infer/result.py``, ``infer/session.py`` and ``infer/reference.py``
beside the current ones (the rest of pvrules is shared), checks that both give the same
firings, conclusions and matched facts on every case, and then times both on the same
cases, alternating which goes first each round (CPU time of this thread, median per
case). One process and alternating rounds: a change of load on the shared machine falls
on both alike, so the ratio per round is what to read. Without ``--baseline`` it times
the current evaluator alone (median per case, its cases in a row).

  rules1000  the generated 1,000-rule knowledge base and 100 of its cases
             (the cases of ``bench_costs.py rules1000 --quick``)
  entities   the shipped knowledge base, 5 cases of 300 partners, 50 opgaven and 60
             collaborations (the cases of ``bench_costs.py entities``)
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import sys
import tempfile
import time
import types
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gencases import shipped_case

from pvrules.infer.reference import ReferenceEngine
from pvrules.kb import load_kb
from pvrules.load.yamlio import Document
from pvrules.pipeline import Pipeline
from pvrules.testing.synthetic import case as synthetic_case
from pvrules.testing.synthetic import write_kb
from pvrules.validate.case import case_from_document, load_case_text

_MODULES = (("result", []), ("session", ["result"]), ("reference", ["result", "session"]))


def baseline_engine(src: Path) -> type:
    """The baseline's ``ReferenceEngine`` class, its infer modules loaded under new names."""
    for name, uses in _MODULES:
        path = src / "pvrules" / "infer" / f"{name}.py"
        text = path.read_text(encoding="utf-8")
        for used in uses:
            text = text.replace(f"from pvrules.infer.{used} import", f"from _base_{used} import")
        module = types.ModuleType(f"_base_{name}")
        module.__file__ = str(path)
        sys.modules[module.__name__] = module
        exec(compile(text, str(path), "exec"), module.__dict__)  # the baseline: trusted code
    return sys.modules["_base_reference"].ReferenceEngine  # type: ignore[no-any-return]


def workload(which: str) -> tuple[Any, list[Any]]:
    if which == "rules1000":
        folder = Path(tempfile.mkdtemp(prefix="bench-reference-"))
        rules_dir, knowledge_dir, spec = write_kb(folder, 7, 1000)
        kb = load_kb([rules_dir], [knowledge_dir], include_builtin=False, use_env=False)
        rng = random.Random(11)
        return kb, [load_case_text(yaml.safe_dump(synthetic_case(rng, spec, i)), f"c{i}",
                                   kb.vocab) for i in range(100)]
    kb = Pipeline(engine_name="python").kb
    rng = random.Random(5)
    counts = {"partner": 300, "opgave": 50, "samenwerking": 60}
    return kb, [case_from_document(Document(shipped_case(rng, kb.vocab, i, counts), "gen", {}),
                                   kb.vocab) for i in range(5)]


def per_case(engine: Any, cases: list[Any]) -> float:
    samples = []
    for c in cases:
        start = time.thread_time()
        engine.evaluate(c)
        samples.append(time.thread_time() - start)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("which", nargs="?", choices=["rules1000", "entities"],
                        default="rules1000")
    parser.add_argument("--baseline", type=Path, help="a source tree (git archive) to compare")
    parser.add_argument("--rounds", type=int, default=10)
    opts = parser.parse_args()
    kb, cases = workload(opts.which)
    engines = {"current": ReferenceEngine(kb.rules, kb.vocab)}
    if opts.baseline:
        engines["baseline"] = baseline_engine(opts.baseline)(kb.rules, kb.vocab)
    want = [repr(engines["current"].evaluate(c).signature()) for c in cases]
    for name, engine in engines.items():  # the same firings, conclusions and matched facts
        if [repr(engine.evaluate(c).signature()) for c in cases] != want:
            raise SystemExit(f"{name} gives other results")
    gc.freeze()  # what pvrules.pipeline does once the knowledge base is loaded
    names = list(engines)
    times: dict[str, list[float]] = {name: [] for name in names}
    ratios = []
    for round_ in range(opts.rounds):
        for name in names[round_ % len(names):] + names[:round_ % len(names)]:
            times[name].append(per_case(engines[name], cases))
        if opts.baseline:
            ratios.append(times["current"][-1] / times["baseline"][-1])
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{opts.which}: {len(cases)} cases, {opts.rounds} rounds, load average {load:.1f} "
          "at the end; median per case (CPU):")
    for name in names:
        print(f"| {name} | {statistics.median(times[name]) * 1000:.3f} ms |")
    if ratios:
        print(f"| current ÷ baseline, per round | {' '.join(f'{r:.3f}' for r in ratios)} | "
              f"median {statistics.median(ratios):.3f} |")


if __name__ == "__main__":
    main()
