"""A corner derived in a later stratum than the rule that changes it (audit14's finding).

A rule that derives a corner and reads a derived fact runs in a later stratum, and the
corner is resolved only there. The incremental weighing of "Eerst uitzoeken" must still see
the corner move when an earlier rule deriving it changes: before the fix it forgot the earlier
stratum's writes, and "het oordeel over de legitimiteit" vanished from §8 of cases where the
late rule never fired.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from pvrules.explain.context import ExplainContext
from pvrules.explain.domains import with_changes
from pvrules.explain.findout import candidates, unknown_slots, weighed_slots
from pvrules.explain.incremental import Incremental
from pvrules.pipeline import Pipeline

HERE = Path(__file__).resolve().parent / "data"
LATE = """
  - id: leg.laat
    title: {nl: Laat zwak, en: Late weak}
    principle: {nl: p, en: p}
    when: [{organisatie: sterk}, {draagvlak_raad: laag}]
    then: [{derive: legitimiteit, value: zwak}]
    explanation: {nl: "De raad steunt het niet.", en: "The council does not support it."}
    sources: [s_2015]
"""


def _pipe(tmp: Path, late: bool) -> Pipeline:
    kb = tmp / ("late" if late else "plain")
    shutil.copytree(HERE / "kb", kb)
    if late:  # a writer of the corner that reads a derived corner: a later stratum
        rules = kb / "rules" / "rules.yaml"
        rules.write_text(rules.read_text(encoding="utf-8") + LATE, encoding="utf-8")
    return Pipeline([kb / "rules"], [kb / "knowledge"], "python", include_builtin=False)


def _corner_facts(pipe: Pipeline) -> dict[str, set[object]]:
    result = pipe.evaluate_file(str(HERE / "cases" / "opties_b.yaml"))
    ctx = ExplainContext(pipe.kb, result, "nl")
    out: dict[str, set[object]] = {}
    for found in weighed_slots(ctx):
        out.setdefault(found.slot[1], set()).update(
            p[1] for p in found.weighed.parts if p[0] == "corner")
    return out


def test_a_late_writer_that_never_fires_keeps_the_corner_in_find_out(tmp_path: Path) -> None:
    plain, late = _pipe(tmp_path, False), _pipe(tmp_path, True)
    assert any(r.stratum for r in late.kb.rules if r.id == "leg.laat"), \
        "the late rule reads a derived fact: a later stratum"
    assert "legitimiteit" in _corner_facts(plain)["draagvlak_inwoners"]
    assert _corner_facts(late)["draagvlak_inwoners"] == _corner_facts(plain)["draagvlak_inwoners"]


def test_incremental_equals_full_evaluation_with_a_late_writer(tmp_path: Path) -> None:
    pipe = _pipe(tmp_path, True)
    result = pipe.evaluate_file(str(HERE / "cases" / "opties_b.yaml"))
    ctx = ExplainContext(pipe.kb, result, "nl")
    inc = Incremental(pipe.kb.rules, pipe.kb.vocab, result.case, result)
    full = Incremental(pipe.kb.rules, pipe.kb.vocab, result.case)
    changes = [{s: v} for s in unknown_slots(ctx) for v in candidates(ctx, s[1])]
    assert changes
    for change in changes:
        now, again = inc.run(change), full._run(with_changes(result.case.facts, change), None)
        assert (now.fires, now.values) == (again.fires, again.values), change
