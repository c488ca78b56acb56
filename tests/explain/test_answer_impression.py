"""A first impression on "meer samenwerken?" from the client's weak points (§1, notitie).

The intake's question asks whether to collaborate more. §1 opens with a hedged first
impression when the case states a weak point of the client's organisation (ambition beyond
its capacity, low capacity, vulnerability, a weak financial position), and says none when
it states none: an unknown fact is no weak point.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pvrules.explain.answer_impression import signals
from pvrules.explain.context import ExplainContext
from pvrules.pipeline import Pipeline

INTAKE = Path(__file__).resolve().parents[2] / "examples" / "intake-quickscan.yaml"


def _ctx(shipped_pipe: Pipeline, tmp_path: Path, facts: dict[str, str],
         lang: str) -> ExplainContext:
    text = INTAKE.read_text(encoding="utf-8")
    for fact, value in facts.items():
        line = next((x for x in text.splitlines() if x.startswith(f"  {fact}:")), None)
        new = f"  {fact}: {value}" if value else ""
        text = text.replace(line, new) if line is not None \
            else text.replace("feiten:\n", f"feiten:\n{new}\n")
    case = tmp_path / f"intake-{abs(hash(tuple(facts.items())))}.yaml"
    case.write_text(text, encoding="utf-8")
    return ExplainContext(shipped_pipe.kb, shipped_pipe.evaluate_file(str(case)), lang)


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize(("facts", "said"), [
    ({}, ["answer.impression.gap"]),  # ambition hoog, capacity gemiddeld
    ({"ambtelijke_capaciteit": "hoog"}, []),  # no gap, nothing weak: no impression
    ({"ambtelijke_capaciteit": "", "kwetsbaarheid": "hoog"},
     ["answer.impression.kwetsbaarheid"]),  # capacity unknown: no gap, but vulnerable
])
def test_a_first_impression_on_more_collaboration_from_weak_points(
        shipped_pipe: Pipeline, tmp_path: Path, lang: str, facts: dict[str, str],
        said: list[str]) -> None:
    ctx = _ctx(shipped_pipe, tmp_path, facts, lang)
    assert signals(ctx) == [ctx.msg(k) for k in said]
    answer = ctx.decisions.answer
    opening = ctx.msg("answer.impression", what="\x00").split("\x00")[0]
    assert answer.startswith(opening) == bool(said), answer
    if said:
        first = answer.split(". ")[0]
        assert all(ctx.msg(k) in first for k in said), first
