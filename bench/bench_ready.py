"""Time to be ready on durable for the generated 1,000-rule knowledge base, without cache.

    python bench/bench_ready.py                  # 5 starts in this process
    python bench/bench_ready.py --starts 10 --rules 1000

Each start is what `bench_costs.py rules1000` calls "ready, no cache, garbage collector
paused": `Pipeline` loads, validates and compiles the knowledge base and builds the
durable engine (generate, limit-check and register the ruleset), with
`PVRULES_NO_CACHE=1`. Times are this thread's CPU time. To compare two versions on a
busy machine, alternate processes of each (e.g. one with `PYTHONPATH` on a checkout of
the other commit) and compare the medians of the pairs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--starts", type=int, default=5)
    parser.add_argument("--rules", type=int, default=1000)
    args = parser.parse_args()
    os.environ["PVRULES_NO_CACHE"] = "1"
    from pvrules.pipeline import Pipeline
    from pvrules.testing.synthetic import write_kb

    with tempfile.TemporaryDirectory() as tmp:
        rules_dir, knowledge_dir, _spec = write_kb(Path(tmp), 7, args.rules)

        def ready() -> float:
            start = time.thread_time()
            pipe = Pipeline([rules_dir], [knowledge_dir], "durable", include_builtin=False)
            engine = pipe.engine
            took = time.thread_time() - start
            engine.close()
            return took

        ready()  # imports and first-use costs out of the figures
        times = sorted(ready() for _ in range(args.starts))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{args.rules}-rule knowledge base, ready on durable without cache, "
          f"{args.starts} starts (load {load:.1f}, {sys.modules['pvrules'].__file__}): "
          f"median {statistics.median(times) * 1000:.0f} ms, fastest {times[0] * 1000:.0f} ms")


if __name__ == "__main__":
    main()
