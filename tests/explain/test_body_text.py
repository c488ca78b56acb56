"""What a raad member reads in the body: measures that say what to do, English without Dutch.

On the built-in knowledge base and two shipped examples each (the edit loop stays cheap).
"""

from __future__ import annotations

import datetime as dt
import re
from importlib import resources
from pathlib import Path

import pytest

from pvrules.explain.context import ExplainContext
from pvrules.pipeline import Pipeline
from pvrules.render.report import render_report

from .shipped import example_ctx, shipped_examples

DAY = dt.date(2026, 12, 1)
pytestmark = pytest.mark.skipif(not shipped_examples(), reason="built-in knowledge base broken")


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline()


def _chapter(text: str, number: int) -> str:
    start = text.index(f"\n## {number}. ")
    return text[start:text.index("\n## ", start + 1)]


@pytest.mark.parametrize("name", ["voorschoten-2019", "o-gen-2019"])
def test_a_further_measure_says_what_to_do_not_its_premise(pipe: Pipeline, name: str) -> None:
    ctx = example_ctx(pipe, name)
    items = [i for g in ctx.decisions.recommendation_groups for i in g.items]
    acted = [i for i in items if i.action]
    assert acted, "no further measure with an action"
    chapter = _chapter(render_report(ctx.decisions, "markdown", lang="nl", day=DAY)
                       .decode("utf-8"), 5)
    for item in acted:
        assert item.action in " ".join(chapter.split()), item.label
        if item.why and item.why not in item.action:
            assert item.why not in chapter, item.why


def test_english_case_text_is_printed_in_english(pipe: Pipeline) -> None:
    ctx = example_ctx(pipe, "a2-2019", "en")
    case = ctx.result.case
    text = render_report(ctx.decisions, "markdown", lang="en", day=DAY).decode("utf-8")
    for key, name in case.english:
        if name in ("titel", "vraag") or (name == "naam" and key[0] == "opgave"):
            assert case.english[(key, name)] in text, (key, name)
    assert "(Dutch:" not in text  # the case gives every sentence in English


def test_a_dutch_sentence_in_an_english_advice_is_marked(pipe: Pipeline, tmp_path: Path) -> None:
    text = (resources.files("pvrules.examples") / "haren-2017.yaml").read_text(encoding="utf-8")
    path = tmp_path / "haren-2017.yaml"  # the same case without its English question
    path.write_text(re.sub(r"\n  vraag_en: >-\n(?:    .*\n)+", "\n", text), encoding="utf-8")
    ctx = ExplainContext(pipe.kb, pipe.evaluate_file(str(path)), "en")
    question = ctx.result.case.meta.vraag or ""
    assert question.startswith("(Dutch: ") and question.endswith(")")
    text = render_report(ctx.decisions, "markdown", lang="en", day=DAY).decode("utf-8")
    assert question in text


def test_a_ground_shared_by_several_entities_is_one_line(pipe: Pipeline) -> None:
    """'Steun in de raden voor deze optie (A en B): onbekend', not a line each."""
    ctx = example_ctx(pipe, "bar-2016")
    merged = 0
    for chain in ctx.decisions.chains:
        seen = set()
        for ground in chain.facts:
            label, _, value = ground.partition(": ")
            head = label.split(" (", 1)[0]
            assert (head, value) not in seen, chain.facts
            seen.add((head, value))
            merged += " en " in label
    assert merged, "no ground names several entities"


def test_no_bracketed_field_values_in_the_tasks_table_or_the_top_five(pipe: Pipeline) -> None:
    """'Belastingen en WOZ is beleidsarm.', not '… (schaal: subregionaal; organisatie: sterk).'"""
    from pvrules.explain.unknown_words import FIELD_LIST

    ctx = example_ctx(pipe, "nieuwe-samenwerking-laag-vertrouwen")
    whys = [r.why for r in ctx.decisions.analysis] + \
        [k.why for k in ctx.decisions.key_recommendations]
    assert whys
    assert not [w for w in whys if FIELD_LIST.search(w)], whys
    chains = " ".join(c.text for c in ctx.decisions.chains)
    assert FIELD_LIST.search(chains), "the appendix keeps the full reasoning"
