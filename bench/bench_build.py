"""Building an engine again for a knowledge base already loaded in this process.

    python bench/bench_build.py                 # 15 builds of each engine
    python bench/bench_build.py --builds 30

What the edit loop pays for every test that makes a ``Pipeline`` and evaluates a case:
the knowledge base comes from memory (``load_kb`` keeps it), the engine is built anew.
A durable build reads the checked plan (kept in memory once read, with its ruleset JSON),
prepares the fact writer and residual checks, and registers the ruleset with durable_rules
(its own C ruleset per engine). Times are this thread's CPU time, medians. To compare two
versions on a busy machine, alternate processes of each (e.g. one with ``PYTHONPATH`` on a
checkout of the other commit).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--builds", type=int, default=15)
    args = parser.parse_args()
    os.environ.setdefault("PVRULES_CACHE_DIR", tempfile.mkdtemp(prefix="bench-build-"))
    from pvrules.infer.engine import durable_available, make_engine
    from pvrules.kb import load_kb

    kb = load_kb(use_env=False)
    names = ["durable", "python"] if durable_available() else ["python"]
    figures = []
    for name in names:
        make_engine(kb, name).close()  # compiles (or reads) and caches the checked plan
        times = []
        for _ in range(args.builds):
            start = time.thread_time()
            engine = make_engine(kb, name)
            times.append(time.thread_time() - start)
            engine.close()
        figures.append(f"{name} {statistics.median(times) * 1000:.1f} ms")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"engine build, shipped knowledge base ({len(kb.rules)} rules), median of "
          f"{args.builds} (load {load:.1f}, {sys.modules['pvrules'].__file__}): "
          + ", ".join(figures))


if __name__ == "__main__":
    main()
