"""Where a cold ``pvrules advise --example`` goes, phase by phase, in one fresh process.

    python bench/bench_split.py [--runs 5]

Runs the phases of ``cli/advise_cmd.py`` in a fresh child process (compiled knowledge base
and bytecode cached, as after the first start) and prints each phase's CPU time (user +
system of the process), median over the runs: the floor's imports (``click, yaml,
pydantic, jinja2, durable_rules_engine``), pvrules' own imports, reading the knowledge
base from the cache, building the durable engine, validating and evaluating the case,
the decisions of the explanation, and rendering Markdown.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

CHILD = r"""
import datetime, json, os, resource, sys
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime
marks = [("interpreter start", cpu())]
import click, yaml, pydantic, jinja2, durable_rules_engine
marks.append(("floor imports", cpu()))
import pvrules.cli.main
from pvrules.cli.common import case_source
from pvrules.explain.context import ExplainContext
from pvrules.pipeline import Pipeline
from pvrules.render.markdown import render_markdown
from pvrules.render.report import context as doc_context
marks.append(("pvrules imports", cpu()))
pipe = Pipeline((), (), "durable", include_builtin=True)
marks.append(("knowledge base from the cache", cpu()))
pipe.engine
marks.append(("durable engine build", cpu()))
result = pipe.evaluate_file(case_source(None, "__default__"), ())
marks.append(("case validated and evaluated", cpu()))
decisions = ExplainContext(pipe.kb, result, "nl").decisions
marks.append(("decisions (explain)", cpu()))
render_markdown(doc_context(decisions, "nl", datetime.date(2026, 12, 2)))
marks.append(("Markdown", cpu()))
pipe.close()
print(json.dumps([(name, t - marks[i - 1][1]) if i else (name, t)
                  for i, (name, t) in enumerate(marks)]))
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    opts = parser.parse_args()
    env = {**os.environ, "PVRULES_CACHE_DIR": tempfile.mkdtemp(prefix="bench-split-"),
           "PYTHONPYCACHEPREFIX": tempfile.mkdtemp(prefix="bench-split-pyc-")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    runs = []
    for i in range(opts.runs + 1):  # the first fills the caches
        done = subprocess.run([sys.executable, "-c", CHILD], env=env, check=True,
                              capture_output=True, text=True, cwd=tempfile.gettempdir())
        if i:
            runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{opts.runs} fresh processes, load average {load:.1f} at the end; median CPU:")
    total = 0.0
    for at, (name, _t) in enumerate(runs[0]):
        median = statistics.median(run[at][1] for run in runs)
        total += median
        print(f"| {name} | {median * 1000:.0f} ms |")
    print(f"| sum | {total * 1000:.0f} ms |")


if __name__ == "__main__":
    main()
