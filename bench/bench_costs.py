"""Engine costs where batches feel them (issue 12, point 4), as ratios in one run.

Every figure is measured against the plain-Python reference evaluator in the same run,
and every case a benchmark runs is first checked to give the same firings and
conclusions on both engines.

    python bench/bench_costs.py                 # everything (several minutes)
    python bench/bench_costs.py shipped entities scaling rules1000 cold batch
    python bench/bench_costs.py --quick shipped # fewer repetitions

Parts:
  shipped    shipped knowledge base: durable with full trace, against durable's own
             C calls replayed alone (the C floor) and against the reference evaluator
  entities   one case with 300 partners, 50 opgaven and 60 collaborations
  scaling    generated 100-rule knowledge base with nested quantifiers, 20+20 to
             100+100 entities: growth against n·log n
  rules1000  generated 1,000-rule knowledge base: time to be ready (garbage collector
             on and paused while loading) and time per case
  cold       cold `pvrules advise --example` against the floor of importing its own
             dependencies
  batch      10,000 generated cases from a JSON Lines file to advice JSON with
             `pvrules batch`, 1 against 2 workers
"""

from __future__ import annotations

import argparse
import csv
import gc
import json
import math
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gencases import shipped_case

from pvrules.infer.durable_backend import DurableEngine
from pvrules.infer.reference import ReferenceEngine
from pvrules.kb import load_kb
from pvrules.load.yamlio import Document
from pvrules.pipeline import Pipeline, example_names
from pvrules.testing.synthetic import case as synthetic_case
from pvrules.testing.synthetic import write_kb
from pvrules.validate.case import case_from_document, load_case_text

SETTINGS = {"quick": False}
CLOCK = time.thread_time
"""CPU time of this thread: what a case costs, whatever else runs on the machine."""


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def race(runners: dict[str, Callable[[int], object]], n: int, repeat: int) -> dict[str, float]:
    """Median seconds per item of each runner, interleaved item by item.

    The machine is shared: timing one engine after the other lets a change of load
    fall on one of them. Here every item is run by every runner in turn (the order
    rotating each round), so each ratio compares runs made at the same moment, and
    the clock is this thread's CPU time, which does not count the time other
    processes hold the cores.
    """
    names = list(runners)
    for name in names:
        for i in range(min(n, 20)):
            runners[name](i)
    samples: dict[str, list[float]] = {name: [] for name in names}
    for round_ in range(repeat):
        shift = round_ % len(names)
        order = names[shift:] + names[:shift]
        for i in range(n):
            for name in order:
                start = CLOCK()
                runners[name](i)
                samples[name].append(CLOCK() - start)
    return {name: statistics.median(values) for name, values in samples.items()}


def alone(runner: Callable[[int], object], n: int, repeat: int) -> float:
    """Median seconds per item of one runner, its items run in a row.

    In :func:`race` another engine runs between two items of this one and evicts its
    data from the shared caches; this is the cost of a batch that uses one engine only.
    """
    samples = []
    for _ in range(repeat):
        for i in range(n):
            start = CLOCK()
            runner(i)
            samples.append(CLOCK() - start)
    return statistics.median(samples)


def engines(ref: Any, dur: Any, cases: list[Any]) -> dict[str, Callable[[int], object]]:
    gc.freeze()  # what pvrules.pipeline does once the knowledge base is loaded
    return {"durable": lambda i: dur.evaluate(cases[i]),
            "reference": lambda i: ref.evaluate(cases[i])}


def agree(ref: Any, dur: Any, cases: list[Any]) -> None:
    """Both engines give the same firings and conclusions on every case."""
    for c in cases:
        a, b = ref.evaluate(c).signature(), dur.evaluate(c).signature()
        if a != b:
            raise SystemExit(f"engines disagree on case {c.meta.id}")


def to_case(data: dict[str, Any], vocab: Any, source: str = "gen") -> Any:
    return case_from_document(Document(data, source, {}), vocab)


# --- the C floor: replay only durable's C calls -------------------------------------------


class Recorder:
    """Stands in for the durable_rules C module and records every per-case call."""

    def __init__(self, dre: Any) -> None:
        self.dre = dre
        self.calls: list[tuple[str, tuple[Any, ...]]] = []

    def __getattr__(self, name: str) -> Any:
        real = getattr(self.dre, name)

        def call(*args: Any) -> Any:
            self.calls.append((name, args[1:]))
            return real(*args)

        return call


def record_calls(engine: DurableEngine, case: Any) -> list[tuple[str, tuple[Any, ...]]]:
    real = engine._dre
    recorder = Recorder(real)
    engine._dre = recorder
    try:
        engine.evaluate(case)
    finally:
        engine._dre = real
    return recorder.calls


def replay(dre: Any, handle: Any, calls: list[tuple[str, tuple[Any, ...]]]) -> None:
    """The same C calls with the same payloads, and nothing else."""
    state = None
    for name, args in calls:
        if name == "assert_facts":
            state = dre.assert_facts(handle, args[0])[1]
        elif name == "assert_fact":
            result = dre.assert_fact(handle, args[0])
            if isinstance(result, tuple) and state is None:
                state = result[1]
        elif name == "start_action_for_state":
            dre.start_action_for_state(handle, state)
        elif name == "complete_and_start_action":
            dre.complete_and_start_action(handle, state)
        elif name == "delete_state":
            dre.delete_state(handle, args[0])


def c_floor(dur: DurableEngine, cases: list[Any]) -> tuple[Callable[[int], object],
                                                            Callable[[], None]]:
    """A runner replaying only durable's C calls for case i, and how to release it."""
    dre = dur._dre
    handle = dre.create_ruleset(f"replay_{id(dur):x}", dur.durable_plan.ruleset_json())
    recorded = [record_calls(dur, c) for c in cases]
    return (lambda i: replay(dre, handle, recorded[i])), (lambda: dre.delete_ruleset(handle))


def activations(dur: DurableEngine, case: Any) -> int:
    calls = record_calls(dur, case)
    return sum(1 for name, _ in calls if name in ("start_action_for_state",
                                                  "complete_and_start_action"))


# --- parts ----------------------------------------------------------------------------------


def part_shipped() -> list[str]:
    pipe = Pipeline(engine_name="python")
    vocab = pipe.kb.vocab
    cases = [pipe.load_case(f"example:{n}") for n in example_names()]
    rng = random.Random(5)
    cases += [to_case(shipped_case(rng, vocab, i, {}), vocab) for i in range(100)]
    ref = ReferenceEngine(pipe.kb.rules, vocab)
    dur = DurableEngine(pipe.kb.rules, vocab)
    agree(ref, dur, cases)
    repeat = 3 if SETTINGS["quick"] else 15
    floor_run, release = c_floor(dur, cases)
    got = race({**engines(ref, dur, cases), "floor": floor_run}, len(cases), repeat)
    release()
    dur.close()
    d, p, floor = got["durable"], got["reference"], got["floor"]
    return [
        f"shipped knowledge base ({len(pipe.kb.rules)} rules), {len(cases)} cases "
        f"(10 examples + 100 generated), both engines agree on all:",
        f"| durable, full trace | {ms(d)} | {d / floor:.2f}× the C floor | "
        f"{d / p:.2f}× the reference |",
        f"| durable's C calls replayed alone (the C floor) | {ms(floor)} | 1 | "
        f"{floor / p:.2f}× |",
        f"| reference evaluator | {ms(p)} | {p / floor:.2f}× | 1 |",
    ]


def part_entities() -> list[str]:
    pipe = Pipeline(engine_name="python")
    vocab = pipe.kb.vocab
    counts = {"partner": 300, "opgave": 50, "samenwerking": 60}
    cases = [to_case(shipped_case(random.Random(seed), vocab, seed, counts), vocab)
             for seed in range(5)]
    ref = ReferenceEngine(pipe.kb.rules, vocab)
    dur = DurableEngine(pipe.kb.rules, vocab)
    agree(ref, dur, cases)
    repeat = 2 if SETTINGS["quick"] else 7
    floor_run, release = c_floor(dur, cases)
    got = race({**engines(ref, dur, cases), "floor": floor_run}, len(cases), repeat)
    release()
    d, p, floor = got["durable"], got["reference"], got["floor"]
    p_alone = alone(lambda i: ref.evaluate(cases[i]), len(cases), repeat)
    acts = statistics.median(activations(dur, c) for c in cases)
    fired = statistics.median(len(ref.evaluate(c).firings) for c in cases)
    dur.close()
    return [
        "one case with 300 partners, 50 opgaven, 60 collaborations (5 seeds, both engines "
        "agree):",
        f"| durable | {ms(d)} | {d / p:.2f}× the reference | {acts:.0f} activations for "
        f"{fired:.0f} firings |",
        f"| durable's C calls alone | {ms(floor)} | {floor / p:.2f}× | |",
        f"| reference | {ms(p)} | 1 | |",
        f"| reference, its cases in a row (no durable run between them) | {ms(p_alone)} | "
        f"{p_alone / p:.2f}× | |",
    ]


def _generated_kb(tmp: Path, n_rules: int, seed: int = 7) -> tuple[Any, Any]:
    rules_dir, knowledge_dir, spec = write_kb(tmp, seed, n_rules)
    kb = load_kb([rules_dir], [knowledge_dir], include_builtin=False, use_env=False)
    return kb, spec


def _big_synthetic_case(rng: random.Random, spec: Any, index: int, n: int) -> dict[str, Any]:
    """A generated case with ``n`` opgaven and ``n`` partners."""
    base = synthetic_case(rng, spec, index)
    pools: dict[str, list[dict[str, Any]]] = {"opgaven": [], "partners": []}
    while min(len(v) for v in pools.values()) < n:
        extra = synthetic_case(rng, spec, index)
        for key, pool in pools.items():
            pool.extend(extra[key])
    for key, items in pools.items():
        base[key] = [{**item, "id": f"{key[0]}{i}"} for i, item in enumerate(items[:n])]
    return base


def part_scaling() -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        kb, spec = _generated_kb(Path(tmp), 100)
    ref = ReferenceEngine(kb.rules, kb.vocab)
    dur = DurableEngine(kb.rules, kb.vocab)
    rows = ["generated 100-rule knowledge base with nested quantifiers (some/no/every over a "
            "second entity type); n opgaven + n partners; 5 cases per size, both engines "
            "agree:", "| n | durable | reference | durable ÷ reference |"]
    times: dict[int, tuple[float, float]] = {}
    for n in (20, 50, 100):
        rng = random.Random(n)
        cases = [load_case_text(yaml.safe_dump(_big_synthetic_case(rng, spec, i, n)),
                                f"n{n}-{i}", kb.vocab) for i in range(5)]
        agree(ref, dur, cases)
        got = race(engines(ref, dur, cases), len(cases), 1 if SETTINGS["quick"] else 3)
        d, p = got["durable"], got["reference"]
        times[n] = (d, p)
        rows.append(f"| {n}+{n} | {ms(d)} | {ms(p)} | {d / p:.2f}× |")
    dur.close()
    bound = (100 * math.log(100)) / (20 * math.log(20))
    for label, i in (("durable", 0), ("reference", 1)):
        growth = times[100][i] / times[20][i]
        exponent = math.log(growth) / math.log(5)
        rows.append(f"| growth 20→100, {label} | ×{growth:.1f} (n^{exponent:.2f}) | "
                    f"n·log n allows ×{bound:.1f} | {'met' if growth <= bound else 'not met'} |")
    return rows


def part_rules1000() -> list[str]:
    rows = ["generated 1,000-rule knowledge base (no cache), ready on durable = load and "
            "compile the knowledge base + generate, check and register the durable ruleset:"]
    os.environ["PVRULES_NO_CACHE"] = "1"
    try:
        with tempfile.TemporaryDirectory() as tmp:
            rules_dir, knowledge_dir, spec = write_kb(Path(tmp), 7, 1000)

            def ready(pause: bool) -> float:
                start = CLOCK()
                if pause:  # what pvrules does: Pipeline pauses the collector while loading
                    pipe = Pipeline([rules_dir], [knowledge_dir], "durable",
                                    include_builtin=False)
                    engine: Any = pipe.engine
                else:
                    kb = load_kb([rules_dir], [knowledge_dir], include_builtin=False)
                    engine = DurableEngine(kb.rules, kb.vocab)
                took = CLOCK() - start
                engine.close()
                return took

            repeat = 1 if SETTINGS["quick"] else 5
            both = race({"on": lambda _i: ready(False), "off": lambda _i: ready(True)}, 1,
                        repeat)
            on, off = both["on"], both["off"]
            kb = load_kb([rules_dir], [knowledge_dir], include_builtin=False, use_env=False)
            cached = ready_cached(Path(tmp), rules_dir, knowledge_dir, repeat)
    finally:
        os.environ.pop("PVRULES_NO_CACHE", None)
    rows.append(f"| ready on durable, no cache, garbage collector on | {ms(on)} |")
    rows.append(f"| ready on durable, no cache, garbage collector paused while loading | "
                f"{ms(off)} |")
    rows.append(f"| ready on durable, compiled knowledge base and checked ruleset from the "
                f"cache (every later start) | {ms(cached)} |")
    rng = random.Random(11)
    cases = [load_case_text(yaml.safe_dump(synthetic_case(rng, spec, i)), f"c{i}", kb.vocab)
             for i in range(100 if SETTINGS["quick"] else 300)]
    ref = ReferenceEngine(kb.rules, kb.vocab)
    dur = DurableEngine(kb.rules, kb.vocab)
    agree(ref, dur, cases)
    floor_run, release = c_floor(dur, cases)
    got = race({**engines(ref, dur, cases), "floor": floor_run}, len(cases),
               1 if SETTINGS["quick"] else 3)
    release()
    d, p, floor = got["durable"], got["reference"], got["floor"]
    p_alone = alone(lambda i: ref.evaluate(cases[i]), len(cases), 1 if SETTINGS["quick"] else 3)
    dur.close()
    rows.append(f"| per case, durable | {ms(d)} | {d / p:.2f}× the reference | "
                f"{d / floor:.2f}× its C calls |")
    rows.append(f"| per case, durable's C calls alone | {ms(floor)} | {floor / p:.2f}× | 1 |")
    rows.append(f"| per case, reference | {ms(p)} | 1 | |")
    rows.append(f"| per case, reference, its cases in a row (no durable run between them) | "
                f"{ms(p_alone)} | {p_alone / p:.2f}× | |")
    return rows


def ready_cached(tmp: Path, rules_dir: Path, knowledge_dir: Path, repeat: int) -> float:
    """CPU seconds to be ready on durable when the cache holds the compiled knowledge base.

    The first start fills a fresh cache (its own folder and key, nothing outside ``tmp``);
    what is timed is a later start: reading the authenticated entry, building the
    engine's plan and registering the cached, already checked ruleset with durable.
    """
    saved = {k: os.environ.get(k) for k in ("PVRULES_NO_CACHE", "PVRULES_CACHE_DIR",
                                            "PVRULES_CACHE_KEY_FILE")}
    os.environ.pop("PVRULES_NO_CACHE", None)
    os.environ["PVRULES_CACHE_DIR"] = str(tmp / "cache")
    os.environ["PVRULES_CACHE_KEY_FILE"] = str(tmp / "cache.key")
    try:
        def ready(_i: int) -> None:
            pipe = Pipeline([rules_dir], [knowledge_dir], "durable", include_builtin=False)
            pipe.engine.close()

        ready(0)  # fills the cache
        return race({"cached": ready}, 1, repeat)["cached"]
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def child_cpu(cmd: list[str], env: dict[str, str]) -> float:
    """User + system CPU seconds of one run of ``cmd`` (and its children)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, env=env, check=True, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _exe() -> str:
    beside = Path(sys.executable).with_name("pvrules")
    return str(beside) if beside.exists() else shutil.which("pvrules") or "pvrules"


def part_cold() -> list[str]:
    runs = 3 if SETTINGS["quick"] else 9
    with tempfile.TemporaryDirectory() as cache, tempfile.TemporaryDirectory() as pyc:
        # Bytecode cached, as after a normal install: with PYTHONDONTWRITEBYTECODE (set in
        # some sandboxes) and a checkout without __pycache__, every run would compile
        # pvrules' own modules from source (about 0.4 s of CPU) while the dependencies
        # come precompiled, which inflates the ratio (4.1× instead of 3.3×, 2026-12-02).
        env = {**os.environ, "PVRULES_CACHE_DIR": cache, "PYTHONPYCACHEPREFIX": pyc}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        advise = [_exe(), "advise", "--example"]
        floor_cmd = [sys.executable, "-c", "import click, yaml, pydantic, jinja2; "
                     "import durable_rules_engine"]

        def run(cmd: list[str]) -> float:
            return statistics.median(child_cpu(cmd, env) for _ in range(runs))

        for cmd in (advise, floor_cmd):  # fills the knowledge base and bytecode caches
            child_cpu(cmd, env)
        total = run(advise)
        floor = run(floor_cmd)
        bare = run([sys.executable, "-c", "pass"])
    return [f"cold start, CPU time (user + system) of the child, median of {runs} fresh "
            "processes, compiled knowledge base and bytecode cached:",
            f"| `pvrules advise --example` | {ms(total)} | {total / floor:.2f}× the floor |",
            f"| floor: `python -c 'import click, yaml, pydantic, jinja2, "
            f"durable_rules_engine'` | {ms(floor)} | 1 |",
            f"| bare `python -c pass` | {ms(bare)} | |"]


def part_batch() -> list[str]:
    pipe = Pipeline(engine_name="python")
    n = 2000 if SETTINGS["quick"] else 10_000
    rng = random.Random(3)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "cases.jsonl"
        with source.open("w", encoding="utf-8") as handle:
            for i in range(n):
                handle.write(json.dumps(shipped_case(rng, pipe.kb.vocab, i, {})) + "\n")
        env = {**os.environ, "PVRULES_CACHE_DIR": str(Path(tmp) / "cache")}
        subprocess.run([_exe(), "advise", "--example"], env=env, check=True,
                       capture_output=True)  # fill the cache
        times = {}
        cpu = {}
        for workers in (1, 2):
            out = Path(tmp) / f"out{workers}"
            start = time.perf_counter()
            cpu[workers] = child_cpu([_exe(), "batch", str(source), "-o", str(out),
                                      "--workers", str(workers)], env)
            times[workers] = time.perf_counter() - start
        for workers in (1, 2):  # an error row is cheap: a benchmark of failures measures nothing
            with (Path(tmp) / f"out{workers}" / "summary.csv").open(encoding="utf-8") as handle:
                failed = [row["id"] for row in csv.DictReader(handle) if row.get("fout")]
            if failed:
                raise SystemExit(f"batch benchmark: {len(failed)} generated cases failed "
                                 f"(first: {failed[0]}); fix bench/gencases.py")
        same = all((Path(tmp) / "out1" / p.relative_to(Path(tmp) / "out2")).read_bytes()
                   == p.read_bytes() for p in (Path(tmp) / "out2").rglob("*") if p.is_file())
    speedup = times[1] / times[2]
    rows.append(f"{n:,} generated cases, JSON Lines to advice JSON and summary, "
                f"{os.cpu_count()} cores; output identical for 1 and 2 workers: {same}")
    for workers, took in times.items():
        rows.append(f"| {workers} worker(s) | {took:.1f} s wall | {n / took:.0f} cases/s | "
                    f"{cpu[workers]:.1f} s CPU: {n / cpu[workers]:.0f} cases per CPU-second |")
    rows.append(f"| 2 workers ÷ 1 worker | ×{speedup:.2f} throughput | target ×1.8 | "
                f"{'met' if speedup >= 1.8 else 'not met'} |")
    return rows


PARTS = {"shipped": part_shipped, "entities": part_entities, "scaling": part_scaling,
         "rules1000": part_rules1000, "cold": part_cold, "batch": part_batch}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("parts", nargs="*", help=f"any of {', '.join(PARTS)} (default: all)")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    SETTINGS["quick"] = args.quick
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load average "
          f"{load:.1f} at start\n")
    unknown = [p for p in args.parts if p not in PARTS]
    if unknown:
        parser.error(f"unknown part(s) {', '.join(unknown)}; choose from {', '.join(PARTS)}")
    for name in args.parts or list(PARTS):
        for line in PARTS[name]():
            print(line)
        print(flush=True)


if __name__ == "__main__":
    main()
