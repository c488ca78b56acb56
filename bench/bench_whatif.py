"""Benchmark: the what-if search ("what would change it?") on the example cases.

For every built-in example, for every recommendation (goal: make it disappear)
and every option some rule could recommend but does not (goal: make it appear),
time one `what_if` search with one and two changed facts, each answer confirmed
with the configured engine on the whole knowledge base. Also time the command
`pvrules whatif --example --target ...` end to end in a fresh process.

    python bench/bench_whatif.py            # Markdown table on stdout
    python bench/bench_whatif.py --quick    # first three examples only, no CLI timing
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from pvrules.explain.context import ExplainContext
from pvrules.explain.scoring import item_status
from pvrules.explain.whatif import what_if
from pvrules.explain.whatif_search import Goal
from pvrules.explain.whynot import WhyNotExplainer
from pvrules.pipeline import Pipeline, example_names


def goals(pipe: Pipeline, name: str) -> list[Goal]:
    """Every recommendation of the example, and every option that could be but is not."""
    case = pipe.load_case(f"example:{name}")
    result = pipe.evaluate(case)
    out = []
    explainer = WhyNotExplainer(ExplainContext(pipe.kb, result))
    for item in pipe.kb.catalogues.items:
        for target in explainer.targets(item):
            status = item_status(pipe.kb, result, item, target)
            if status == "not_recommended" and not explainer.candidates(item, target):
                continue
            out.append(Goal("item", item, target,
                            "disappear" if status == "recommended" else "appear"))
    return out


def time_example(pipe: Pipeline, name: str) -> list[float]:
    """Seconds per what-if search for every goal of one example."""
    case = pipe.load_case(f"example:{name}")
    ctx = ExplainContext(pipe.kb, pipe.evaluate(case))
    times = []
    for goal in goals(pipe, name):
        start = time.perf_counter()
        what_if(ctx, case, goal, confirm=pipe.engine)
        times.append(time.perf_counter() - start)
    return times


def cli_time(target: str, runs: int = 5) -> float:
    """Median wall time of `pvrules whatif --example --target TARGET` in a fresh process."""
    exe = shutil.which("pvrules") or str(Path(sys.executable).with_name("pvrules"))
    args = [exe, "whatif", "--example", "--target", target]
    subprocess.run(args, check=True, capture_output=True)
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="three examples, no CLI timing")
    args = parser.parse_args()
    names = example_names()[:3] if args.quick else example_names()
    pipe = Pipeline()
    engine = pipe.engine.name
    print(f"What-if search, engine for confirmation: {engine}, "
          f"Python {sys.version_info.major}.{sys.version_info.minor}\n")
    print("| example | targets | median ms | p95 ms | max ms |")
    print("|---|---:|---:|---:|---:|")
    every: list[float] = []
    for name in names:
        times = sorted(time_example(pipe, name))
        every.extend(times)
        p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
        print(f"| {name} | {len(times)} | {1000 * statistics.median(times):.0f} | "
              f"{1000 * p95:.0f} | {1000 * times[-1]:.0f} |")
    every.sort()
    p95 = every[min(len(every) - 1, int(0.95 * len(every)))]
    print(f"| **all** | {len(every)} | {1000 * statistics.median(every):.0f} | "
          f"{1000 * p95:.0f} | {1000 * every[-1]:.0f} |")
    pipe.close()
    if not args.quick:
        for target in ("herindeling", "lokaal_houden@sociaal_domein"):
            print(f"\n`pvrules whatif --example --target {target}` (fresh process, median of 5): "
                  f"{cli_time(target):.2f} s")


if __name__ == "__main__":
    main()
