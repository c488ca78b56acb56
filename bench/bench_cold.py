"""Cold ``pvrules advise --example``: CPU time of fresh processes, A/B against a baseline.

    git archive BASE | tar -x -C /tmp/base-src          # the code to compare against
    python bench/bench_cold.py --layout /tmp/base-src /tmp/base   # lay it out as installed
    python bench/bench_cold.py --runs 12 --baseline /tmp/base [--no-bytecode] [-- ARGS]
    python bench/bench_cold.py --layout . /tmp/cur        # this tree, laid out the same way
    python bench/bench_cold.py --runs 12 --baseline /tmp/base --current /tmp/cur

Runs the current install, the baseline (the same interpreter with ``PYTHONPATH`` at the
laid-out baseline) and the floor (``import click, yaml, pydantic, jinja2,
durable_rules_engine``) in turn, round after round, each with its own filled knowledge-base
cache, and prints the median and minimum CPU time (user + system of the child) and the
ratio to the floor. The machine is shared: interleaving puts a change of load on every
variant alike, and CPU time leaves out the time other processes hold the cores.

With ``--current`` the current code is run from a laid-out tree too: an editable install
finds pvrules' modules through its own import hook (about 15 ms of a start), which a
normal install and the ``PYTHONPATH`` baseline do not pay, so an A/B against a baseline
lays out both.

Bytecode is cached in a private folder (``PYTHONPYCACHEPREFIX``), as a normal install
has it; ``--no-bytecode`` compiles pvrules from source at every start, as an environment
with ``PYTHONDONTWRITEBYTECODE`` does.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

FLOOR = "import click, yaml, pydantic, jinja2; import durable_rules_engine"
START = "from pvrules.entry import run; run()"


def layout(src: Path, dest: Path) -> None:
    """``src`` (a source tree) laid out as the installed package under ``dest/pvrules``."""
    target = dest / "pvrules"
    shutil.copytree(src / "pvrules", target)
    for part, folder in (("cli", "cli"), ("rules", "rules"), ("knowledge", "knowledge"),
                         ("examples", "examples")):
        shutil.copytree(src / folder, target / part)


def cpu(cmd: list[str], env: dict[str, str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, env=env, check=True, capture_output=True, cwd=tempfile.gettempdir())
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=12)
    parser.add_argument("--baseline", type=Path, help="a baseline laid out with --layout")
    parser.add_argument("--current", type=Path,
                        help="run the current code from this tree laid out with --layout")
    parser.add_argument("--layout", nargs=2, type=Path, metavar=("SRC", "DEST"))
    parser.add_argument("--no-bytecode", action="store_true")
    parser.add_argument("args", nargs="*", default=["advise", "--example"])
    opts = parser.parse_args()
    if opts.layout:
        layout(*opts.layout)
        return
    pyc = tempfile.mkdtemp(prefix="bench-cold-pyc-")

    def env(path: Path | None) -> dict[str, str]:
        found = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
        found["PVRULES_CACHE_DIR"] = tempfile.mkdtemp(prefix="bench-cold-")
        if opts.no_bytecode:
            found["PYTHONDONTWRITEBYTECODE"] = "1"
            found.pop("PYTHONPYCACHEPREFIX", None)
        else:
            found.pop("PYTHONDONTWRITEBYTECODE", None)
            found["PYTHONPYCACHEPREFIX"] = pyc
        if path is not None:
            found["PYTHONPATH"] = str(path)
        return found

    variants = {"current": ([sys.executable, "-c", START, *opts.args], env(opts.current)),
                "floor": ([sys.executable, "-c", FLOOR], env(None))}
    if opts.baseline:
        variants["baseline"] = ([sys.executable, "-c", START, *opts.args], env(opts.baseline))
    for cmd, variant_env in variants.values():  # fill the caches
        cpu(cmd, variant_env)
        cpu(cmd, variant_env)
    names = list(variants)
    samples: dict[str, list[float]] = {name: [] for name in names}
    for round_ in range(opts.runs):
        shift = round_ % len(names)
        for name in names[shift:] + names[:shift]:
            samples[name].append(cpu(*variants[name]))
    floor = statistics.median(samples["floor"])
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{opts.runs} rounds, load average {load:.1f} at the end, "
          f"{'no bytecode' if opts.no_bytecode else 'bytecode cached'}, {' '.join(opts.args)}")
    for name, values in samples.items():
        median = statistics.median(values)
        print(f"| {name} | median {median * 1000:.0f} ms | min {min(values) * 1000:.0f} ms "
              f"| {median / floor:.2f}× the floor |")


if __name__ == "__main__":
    main()
