"""§1 says the same in English as in Dutch: every sentence, every part.

For every shipped example (and the test knowledge base's cases): the English kernboodschap
has as many sentences as the Dutch one, and each part the Dutch says (what decides, who
decides, the parts of the question, what holds whatever the choice, what to find out) is
there in English too.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pvrules.explain.context import ExplainContext
from pvrules.pipeline import Pipeline

from .shipped import ExampleContexts, shipped_examples

EXAMPLES = shipped_examples()
HERE = Path(__file__).resolve().parent / "data"
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z‘(])")
PARTS = ("answer.decides", "answer.decides_first", "answer.decides_and",
         "answer.decider_private",
         "answer.leads", "answer.settled_by", "answer.settled_some", "answer.settled_none",
         "answer.whatever.raad",
         "answer.whatever.gemeenten", "answer.whatever.provincie",
         "answer.find_out_before", "answer.find_out_reopens", "answer.reopens_when",
         "answer.find_out_flips",
         "answer.choose_open", "answer.merger_open", "answer.point_open",
         "answer.choose_private", "answer.yesno.begin_with",
         "answer.yesno.after")
NAMES = ("what", "refs", "said", "criteria", "options", "college", "raad", "option", "intro",
         "numbers", "n", "chooser", "chooses", "merger", "why", "flips", "aspect", "council",
         "decides", "who", "number", "first", "first_number", "first_refs")
_ctx = ExampleContexts()


def _fixed(ctx: ExplainContext, key: str) -> str:
    """The longest fixed part of message ``key`` (its words between the placeholders)."""
    return max(ctx.msg(key, **dict.fromkeys(NAMES, "\x00")).split("\x00"), key=len).strip()


def _sentences(text: str) -> list[str]:
    return [s for s in SENTENCE.split(text.strip()) if s]


def _topics(ctx: ExplainContext, text: str) -> set[str]:
    """The parts of the question (``answer.topics``) ``text`` answers, and how ("grip.none")."""
    from pvrules.explain.basics import council

    out = set()
    for topic in ctx.msg("answer.topics").split("|"):
        for kind in ("intro", "later", "none"):  # answered, in chapter 5, or not at all
            if ctx.msg(f"answer.topic.{topic}.{kind}", council=council(ctx)) in text:
                out.add(f"{topic}.{kind}")
                break
    return out


def _same(nl: ExplainContext, en: ExplainContext) -> None:
    dutch, english = nl.decisions.answer, en.decisions.answer
    assert len(_sentences(english)) == len(_sentences(dutch)), (dutch, english)
    for key in PARTS:
        if _fixed(nl, key) in dutch:
            assert _fixed(en, key) in english, (key, dutch, english)
    assert _topics(en, english) == _topics(nl, dutch), (dutch, english)


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("name", EXAMPLES)
def test_section_1_in_english_says_every_dutch_sentence(pipe_en: Pipeline, name: str) -> None:
    _same(_ctx(pipe_en, name, "nl"), _ctx(pipe_en, name, "en"))


@pytest.mark.parametrize("name", ["opties_a", "opties_b", "opties_d"])
def test_section_1_in_english_says_every_dutch_sentence_synthetic(name: str) -> None:
    pipe = Pipeline([HERE / "kb" / "rules"], [HERE / "kb" / "knowledge"], "python",
                    include_builtin=False)
    result = pipe.evaluate_file(str(HERE / "cases" / f"{name}.yaml"))
    _same(ExplainContext(pipe.kb, result, "nl"), ExplainContext(pipe.kb, result, "en"))


@pytest.fixture(scope="module")
def pipe_en() -> Pipeline:
    return Pipeline(engine_name="python")
