"""Benchmark: cold start of `pvrules advise --example`, and per-case evaluation time.

Compares, in the same run, durable_rules against the plain-Python reference
evaluator on the shipped knowledge base (its example cases) and on generated
knowledge bases of 100 and 1,000 rules (generated cases). Both engines record
the full trace (every firing with its conclusions).

    python bench/bench_engine.py            # all of it, a Markdown table on stdout
    python bench/bench_engine.py --quick    # fewer repetitions
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from pvrules.infer.durable_backend import DurableEngine
from pvrules.infer.reference import ReferenceEngine
from pvrules.kb import load_kb
from pvrules.pipeline import Pipeline, example_names
from pvrules.testing.synthetic import case, write_kb
from pvrules.validate.case import load_case_text


def cold_start(runs: int) -> dict[str, float]:
    """Median wall time of `pvrules advise --example` in fresh processes."""
    beside = Path(sys.executable).with_name("pvrules")  # the install this Python runs
    exe = str(beside) if beside.exists() else shutil.which("pvrules") or "pvrules"
    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as cache:
        for label, env_extra in (("cold, empty KB cache", {"PVRULES_NO_CACHE": "1"}),
                                 ("cold, KB cache filled", {"PVRULES_CACHE_DIR": cache})):
            env = {**os.environ, **env_extra}
            subprocess.run([exe, "advise", "--example"], env=env, check=True,
                           capture_output=True)
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                subprocess.run([exe, "advise", "--example"], env=env, check=True,
                               capture_output=True)
                times.append(time.perf_counter() - start)
            out[label] = statistics.median(times)
    return out


def per_case(engine, cases, repeat: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Median and p95 milliseconds per case."""
    for c in cases[:20]:
        engine.evaluate(c)
    samples = []
    for _ in range(repeat):
        for c in cases:
            start = time.perf_counter()
            engine.evaluate(c)
            samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95)]


def compare(kb, cases, repeat: int) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """Both engines on the same cases, with a check that they agree."""
    ref = ReferenceEngine(kb.rules, kb.vocab)
    dur = DurableEngine(kb.rules, kb.vocab)
    try:
        for c in cases:
            assert ref.evaluate(c).signature() == dur.evaluate(c).signature()
        firings = statistics.mean(len(ref.evaluate(c).firings) for c in cases)
        d_med, d_p95 = per_case(dur, cases, repeat)
        p_med, p_p95 = per_case(ref, cases, repeat)
    finally:
        dur.close()
    return {"rules": len(kb.rules), "cases": len(cases), "firings": firings,
            "durable": (d_med, d_p95), "python": (p_med, p_p95), "ratio": d_med / p_med}


def main() -> None:
    """Run the benchmarks and print a Markdown table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    runs, repeat = (3, 2) if args.quick else (9, 5)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores\n")
    print("| cold start | median wall time |\n|---|---|")
    for label, seconds in cold_start(runs).items():
        print(f"| `pvrules advise --example`, {label} | {seconds * 1000:.0f} ms |")
    rows = []
    pipe = Pipeline(engine_name="python")
    cases = [pipe.load_case(f"example:{n}") for n in example_names()]
    rows.append(("shipped knowledge base, example cases", compare(pipe.kb, cases, repeat * 40)))
    for n_rules in (100, 1000):
        with tempfile.TemporaryDirectory() as tmp:
            rules_dir, knowledge_dir, spec = write_kb(Path(tmp), 7, n_rules)
            kb = load_kb([rules_dir], [knowledge_dir], include_builtin=False, use_env=False)
        rng = random.Random(11)
        gen = [load_case_text(yaml.safe_dump(case(rng, spec, i)), f"c{i}", kb.vocab)
               for i in range(300)]
        rows.append((f"generated, {n_rules} rules, generated cases", compare(kb, gen, repeat)))
    print("\n| knowledge base | rules | cases | firings/case | durable median / p95 (ms) "
          "| python median / p95 (ms) | durable ÷ python |\n|---|---|---|---|---|---|---|")
    for label, r in rows:
        d, p = r["durable"], r["python"]
        print(f"| {label} | {r['rules']} | {r['cases']} | {r['firings']:.1f} | "
              f"{d[0]:.3f} / {d[1]:.3f} | {p[0]:.3f} / {p[1]:.3f} | {r['ratio']:.1f}× |")


if __name__ == "__main__":
    main()
