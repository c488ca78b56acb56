"""§1 refers to a key recommendation by what it asks, not by its label alone.

A reference "(aanbeveling 3)" carries the main clause of that recommendation's action, with
the partner its rule matched named after its role ("met de centrumgemeente Marenburg"), on
every shipped example where §1 refers to one, in Dutch and English.
"""

from __future__ import annotations

import re

import pytest

from pvrules.explain.answer_parts import matched_partners
from pvrules.explain.context import ExplainContext
from pvrules.pipeline import Pipeline

from .shipped import ExampleContexts, shipped_examples

EXAMPLES = shipped_examples()


_ctx = ExampleContexts()
"""The context of a shipped example, once per example and language in this module."""


def _references(ctx: ExplainContext) -> list[tuple[int, str]]:
    """(number, sentence) of each §1 sentence that refers to a key recommendation."""
    word = ctx.msg("answer.see_key", what="\x00", n="\x01").split("(")[1].split("\x01")[0]
    opens = tuple(ctx.msg(k, what="\x00", n="1").split("\x00")[0]
                  for k in ("answer.see_key", "answer.see_key_also"))
    out = []
    for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z‘'(])", ctx.decisions.answer):
        if not sentence.startswith(opens):
            continue  # a reference in a sentence of its own ("Daarnaast: …")
        for n in re.findall(rf"\({re.escape(word)}(\d+)\)", sentence):
            out.append((int(n), sentence))
    return out


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("name", EXAMPLES)
def test_a_reference_to_a_key_recommendation_says_what_it_is(shipped_pipe: Pipeline, name: str,
                                                            lang: str) -> None:
    ctx = _ctx(shipped_pipe, name, lang)
    key = ctx.decisions.key_recommendations
    roles = [r for r in ctx.msg("answer.partner_roles").split("|") if r]
    for n, sentence in _references(ctx):
        item = key[n - 1]
        if not item.action:
            continue
        assert f"‘{item.label}’" not in sentence, sentence  # not the label alone
        words = item.action.split()[1:4]  # its action's opening words ("het college met")
        assert " ".join(words) in sentence, (item.action, sentence)
        names = matched_partners(ctx, item)
        if len(names) == 1 and any(r in item.action for r in roles):
            assert names[0] in sentence, (names, sentence)


def test_the_centrumregeling_reference_names_its_partner_and_task(shipped_pipe: Pipeline) -> None:
    # the example where §1 refers to a centrumregeling below: target and partner in words
    ctx = _ctx(shipped_pipe, "kleine-kwetsbare-gemeente")
    refs = dict(_references(ctx))
    item = next(i for i, k in enumerate(ctx.decisions.key_recommendations, 1)
                if k.item == "centrumregeling")
    assert item in refs, ctx.decisions.answer
    names = matched_partners(ctx, ctx.decisions.key_recommendations[item - 1])
    assert names and all(n in refs[item] for n in names), refs[item]
    assert ctx.decisions.key_recommendations[item - 1].target in refs[item]


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("name", EXAMPLES)
def test_no_recommendation_is_copied_behind_welke_optie_u_ook_kiest(shipped_pipe: Pipeline,
                                                                     name: str,
                                                                     lang: str) -> None:
    # "Welke optie u ook kiest, <the action of rec 2 word for word>" is a copy too
    ctx = _ctx(shipped_pipe, name, lang)
    d = ctx.decisions
    prefixes = [ctx.msg(f"answer.whatever.{k}") for k in ("raad", "gemeenten", "provincie")]
    actions = [" ".join((k.action or "").split()).rstrip(".") for k in d.key_recommendations]
    for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z‘'(])", d.answer):
        prefix = next((p for p in prefixes if sentence.startswith(p)), "")
        core = sentence[len(prefix):].rstrip(" .")
        if prefix and len(core.split()) >= 5:
            core = core[:1].upper() + core[1:]
            assert not any(core == a or core == a.split(". ")[0] for a in actions if a), \
                sentence


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("name", EXAMPLES)
def test_a_part_of_the_question_is_not_answered_with_a_copy_of_a_recommendation(
        shipped_pipe: Pipeline, name: str) -> None:
    # "Voor meer grip van de raden: <rec 3's first sentence>" copies the line right below
    ctx = _ctx(shipped_pipe, name)
    d = ctx.decisions
    firsts = {re.split(r"(?<=\.)\s+(?=[A-Z])", " ".join(k.action.split()))[0].rstrip(".")
              for k in d.key_recommendations if k.action}
    for topic in (t for t in ctx.msg("answer.topics").split("|") if t):
        intro = ctx.msg(f"answer.topic.{topic}.intro", council="\x00").split("\x00")[0]
        for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z‘'(])", d.answer):
            if sentence.startswith(intro) and ": " in sentence:
                said = sentence.split(": ", 1)[1].split(";")[0].split(" (")[0].rstrip(" .")
                assert not any(said.lower() == f.lower() for f in firsts), sentence


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("name", EXAMPLES)
def test_a_part_of_the_question_is_not_answered_with_its_own_words(shipped_pipe: Pipeline,
                                                                   name: str) -> None:
    # "Voor de sturing op de samenwerkingen: sturingscapaciteit voor samenwerkingen" says
    # nothing: refer to the recommendation by number instead
    ctx = _ctx(shipped_pipe, name)
    for topic in (t for t in ctx.msg("answer.topics").split("|") if t):
        intro = ctx.msg(f"answer.topic.{topic}.intro", council="\x00").split("\x00")[0]
        for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z‘'(])", ctx.decisions.answer):
            if sentence.startswith(intro) and ": " in sentence:
                said = sentence.split(": ", 1)[1].rsplit(" (", 1)[0]
                heads = [w for w in re.findall(r"\w+", intro.lower()) if len(w) > 3]
                words = [w for w in re.findall(r"\w+", said.lower()) if len(w) > 3]
                assert not all(any(w.startswith(h) for h in heads) for w in words), sentence


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_reference_that_opens_section_1_is_no_addition(shipped_pipe: Pipeline, lang: str) -> None:
    """A §1 whose first sentence repeats recommendation 1 refers to it without "Daarnaast:"
    (blind10: Uitgeest's §1 opened with "Daarnaast:" after nothing)."""
    import dataclasses

    from pvrules.explain.answer_parts import unrepeated

    ctx = _ctx(shipped_pipe, "kleine-kwetsbare-gemeente", lang)
    key = ctx.decisions.key_recommendations
    item = next(k for k in key if k.action)
    first = dataclasses.replace(item, action=item.action)
    said = unrepeated(ctx, item.action, (first,), lambda _c, k: k.action)
    addition = ctx.msg("answer.see_key", what="\x00", n="1").split("\x00")[0]
    assert said and not said.startswith(addition), said
    assert "1" in said
    two = unrepeated(ctx, f"{ctx.msg('answer.level_said', level='x', corner='y')}. "
                     f"{item.action}", (first,), lambda _c, k: k.action)
    assert addition in two, two  # after another sentence it is an addition
