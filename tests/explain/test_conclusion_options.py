"""§6 weighs every option left open: what it gains and costs, and its own risk with its cause.

* :func:`reason_cause` picks the clause of a risk's reason that says why: one naming an
  entity of the case first, never one that leans on the sentence before it ("Dat vraagt …"),
  never one about an effect on a corner, never a cut clause;
* on the shipped examples: every option left open that has a risk of its own (tied to the
  case, not only to its form) names it in its §6 sentence, and a cause drawn from a
  partner's level is a low level, never "commitment hoog".
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pvrules.explain.conclusion import ASPECT, MAX_CLAUSE, _own, reason_cause, risk_cause
from pvrules.explain.context import ExplainContext
from pvrules.pipeline import Pipeline

from .shipped import ExampleContexts, shipped_examples

HERE = Path(__file__).resolve().parent / "data"
EXAMPLES = shipped_examples()


@pytest.fixture(scope="module")
def opties() -> Pipeline:
    return Pipeline([HERE / "kb" / "rules"], [HERE / "kb" / "knowledge"], "python",
                    include_builtin=False)


@pytest.mark.parametrize(("lang", "reason", "label", "cause"), [
    ("nl", "Dat vraagt een besluit: Aadorp en Beedorp richten zich op verschillende regio's.",
     "", "aadorp en Beedorp richten zich op verschillende regio's"),
    ("nl", "Dat vraagt een business case: onder toezicht keurt de provincie de begroting goed.",
     "", "onder toezicht keurt de provincie de begroting goed"),
    ("nl", "Tegenover nu verandert de publieke waarde niet: de partners van deze optie delen "
     "geen eindbeeld.", "", "de partners delen geen eindbeeld"),
    ("nl", "Kwetsbaarheid blijft. De rest.", "kwetsbaarheid blijft", ""),
    ("nl", "Zelfstandig blijven maakt een zwakke organisatie niet sterker; het is een brug.",
     "", "zelfstandig blijven maakt een zwakke organisatie niet sterker"),
    ("nl", "Samenwerken in een andere regio betekent " + "de huidige organisatie " * 8
     + "ontvlechten: eenmalige kosten en een uittreding.", "", ""),  # no list for a clause
    ("nl", "Een " + "heel lange " * 20 + "zin.", "", ""),
    ("en", "That needs a business case: under supervision the province approves the budget.",
     "", "under supervision the province approves the budget"),
    ("en", "Compared with now, public value does not change: the partners of this option "
     "share no vision.", "", "the partners share no vision"),
])
def test_the_cause_of_a_risk_is_a_whole_clause_that_says_why(
        opties: Pipeline, lang: str, reason: str, label: str, cause: str) -> None:
    ctx = ExplainContext(opties.kb, opties.evaluate_file(str(HERE / "cases" / "opties_a.yaml")),
                         lang)
    said = reason_cause(ctx, reason, label)
    assert said == cause
    assert len(said) <= 2 * MAX_CLAUSE


_ctx = ExampleContexts()


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("name", EXAMPLES)
def test_every_open_option_says_its_own_risk(pipe_all: Pipeline, name: str,
                                             lang: str) -> None:
    ctx = _ctx(pipe_all, name, lang)
    d = ctx.decisions
    text = " ".join(d.conclusion)
    table = next((o for o in d.options if o.options), None)
    if table is None or table.preference is not None:
        return
    rows = [r for r in table.options if r.preference is None]  # the one way left too
    if not rows or len(table.options) < 2:
        return
    for row in rows:
        own = [k for k in row.risks
               if ASPECT not in (ctx.kb.catalogues.items[k.id].properties or {})
               and _own(ctx, row, k.id)]
        if not own or all(e.sign == "?" for e in row.effects.values()):
            continue
        own_name = f"‘{row.label}’"  # its own sentence: named outside another's brackets
        sentence = next((t[t.find(own_name) + len(own_name):]
                         for t in re.split(r"(?<=\.)\s", text)
                         if own_name in re.sub(r"\((?:wat|what) [^()]*\)", "", t)), "")
        label = own[0].label.split(" (", 1)[0]
        assert label[:1].lower() + label[1:] in sentence, (row.label, sentence)
        cause = risk_cause(ctx, row, own[0].id)
        for word in ("hoog", "high", "gemiddeld", "average"):
            assert not cause.endswith(f" {word}"), cause


@pytest.fixture(scope="module")
def pipe_all() -> Pipeline:
    return Pipeline(engine_name="python")
