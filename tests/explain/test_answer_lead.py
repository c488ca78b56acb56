"""§1 answers the question first: what the advice says about the options leads.

On the test knowledge base's cases (nl and en), with the key recommendations as the rules
rank them and again with none of them decisive:

* with a verdict on an option, that verdict opens §1;
* without a verdict or a decisive recommendation, §1 opens with who chooses
  (``answer.choose_open``) and what decides the choice; what holds whatever the choice
  ("Welke optie u ook kiest, …") comes after it, never first;
* a decisive recommendation (rule priority >= DECISIVE) is said before who chooses.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from pvrules.explain.answer import answer
from pvrules.explain.answer_sentences import DECISIVE
from pvrules.explain.context import ExplainContext
from pvrules.pipeline import Pipeline

from .shipped import example_ctx, shipped_examples

HERE = Path(__file__).resolve().parent / "data"
CASES = ("opties_a", "opties_b", "opties_c", "opties_d")


@pytest.fixture(scope="module")
def opties() -> Pipeline:
    return Pipeline([HERE / "kb" / "rules"], [HERE / "kb" / "knowledge"], "python",
                    include_builtin=False)


def _fixed(text: str) -> str:
    """The longest part of a message without its placeholders' values."""
    return max(text.split("\x00"), key=len).strip(" ,;:")


def _head(text: str) -> str:
    """The words of a message before its first placeholder."""
    return text.split("\x00", 1)[0]


@pytest.mark.parametrize("decisive", [True, False])
@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("name", CASES)
def test_the_answer_on_the_options_comes_first(opties: Pipeline, name: str, lang: str,
                                               decisive: bool) -> None:
    ctx = ExplainContext(opties.kb, opties.evaluate_file(str(HERE / "cases" / f"{name}.yaml")),
                         lang)
    d = ctx.decisions
    key = d.key_recommendations if decisive else tuple(
        dataclasses.replace(k, rank=(-min(-k.rank[0], DECISIVE - 1), *k.rank[1:]))
        for k in d.key_recommendations)
    text = answer(ctx, d.case, d.triangle, key, d.advised_against, d.options,
                  d.find_out_first)
    table = next(o for o in d.options if o.options)
    verdict = [r for r in table.options if r.preference is not None]
    strong = [k for k in key[:2] if -k.rank[0] >= DECISIVE]
    whatever = ctx.msg(f"answer.whatever.{table.chooser_kind}")
    chooses = _fixed(ctx.msg("answer.choose_open", n="\x00", chooser="\x00", chooses="\x00"))
    if verdict:  # the verdict on an option opens it
        assert any(text.startswith(p) for p in (
            _fixed(ctx.msg("answer.merger_not_now", why="\x00")),
            ctx.msg("answer.merger_not_now_plain"),
            _fixed(ctx.msg("answer.merger_not_now_one", why="\x00")),
            _fixed(ctx.msg("answer.merger_not_now_one_plain", option="\x00")),
            _fixed(ctx.msg("answer.option_against", option="\x00", why="\x00")),
            _fixed(ctx.msg("answer.prefer", option="\x00", why="\x00")))), text
    elif not strong and not text.startswith(_head(ctx.msg("answer.merger_open",
                                                           merger="\x00", why="\x00"))):
        opening = _head(ctx.msg("answer.choose_open", n="\x00", chooser="\x00",
                                chooses="\x00"))
        shown = tuple(_head(ctx.msg(k, option="\x00", pro="", con="", risk=""))
                      for k in ("answer.shows_both", "answer.shows_pro", "answer.shows_con",
                                "answer.shows_neutral", "answer.shows_open"))  # per option
        assert (text.startswith(opening) and chooses in text) or text.startswith(shown), text
    if whatever in text and not strong:  # what holds whatever the choice: after the choice
        choice = [text.find(w) for w in (chooses, ctx.msg(f"verb.chooses.{table.chooser_kind}"))
                  if w in text]
        assert choice and min(choice) < text.index(whatever), text
    if strong and whatever in text:  # decisive: before who chooses
        verb = ctx.msg(f"verb.chooses.{table.chooser_kind}")
        assert text.index(whatever) < text.rindex(verb), text


@pytest.mark.parametrize(("found", "said", "again"), [
    (["hoe de raden en de inwoners over de opties denken"],
     "Wat die keuze beslist, is nog niet bekend: hoe inwoners over de opties denken; hoe de "
     "raden over de opties denken (2).", True),
    (["hoe de raden, de inwoners en de regionale partners over de opties denken"],
     "Wat die keuze beslist: hoe de raden en de inwoners over de opties denken.", False),
    (["hoe de raden over die optie denken"],
     "Vóór die keuze: laat het college per optie de kosten ramen (aanbeveling 1).", False),
    (["hoe de raden over de opties denken", "wat ontvlechten kost"],
     "… hoe de raden over de opties denken (aanbeveling 3).", False),  # one is new
    ([], "anything", False),
])
def test_what_section_1_asks_already_is_not_asked_again(found: list[str], said: str,
                                                         again: bool) -> None:
    from pvrules.explain.answer import _said_already

    assert _said_already(found, said) is again


@pytest.fixture(scope="module")
def pipe_all() -> Pipeline:
    return Pipeline(engine_name="python")


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("name", shipped_examples())
def test_a_part_of_the_question_is_answered_by_name_not_by_number_alone(
        pipe_all: Pipeline, name: str) -> None:
    from pvrules.explain.answer_gates import question_topics
    from pvrules.explain.basics import council

    ctx = example_ctx(pipe_all, name)
    d = ctx.decisions
    for topic, items in question_topics(ctx):
        intro = ctx.msg(f"answer.topic.{topic}.intro", council=council(ctx))
        bare = ctx.msg("answer.topic_refer_one", intro=intro, numbers="\x00").split("\x00")[0]
        for n, k in enumerate(d.key_recommendations, 1):
            if k.item in items and f"{bare}{n} " in d.answer:  # "dient aanbeveling 3 hieronder"
                label = re.sub(r" \([^)]*\)$", "", k.label).lower()
                words = [w for w in re.findall(r"\w+", label) if len(w) > 3]
                heads = [w for w in re.findall(r"\w+", intro.lower()) if len(w) > 3]
                assert all(any(w.startswith(h) for h in heads) for w in words), (label, d.answer)
