"""Who decides on participation in a private legal person: the college, not the raad.

Gemeentewet art. 160 lid 1 onder e (a province: Provinciewet art. 158): the college (GS)
decides, after the raad's (PS's) wensen en bedenkingen. §1 and §6 say so for every option
left open that participates in one; "de raad kiest" alone would be wrong for it.
"""

from __future__ import annotations

import dataclasses
import re

import pytest

from pvrules.explain.answer_decider import decider, participations
from pvrules.explain.decisions_model import Decision
from pvrules.pipeline import Pipeline

from .shipped import ExampleContexts, shipped_examples

EXAMPLES = shipped_examples()
_ctx = ExampleContexts()


def _all_open(options: tuple[Decision, ...]) -> tuple[Decision, ...]:
    """The same tables with no option advised against or preferred: every option left open."""
    return tuple(dataclasses.replace(o, options=tuple(
        dataclasses.replace(r, preference=None) for r in o.options)) for o in options)


@pytest.mark.parametrize(("name", "lang", "who", "law"), [
    ("netwerk-private-partners", "nl", "de colleges", "Gemeentewet, art. 160"),
    ("netwerk-private-partners", "en", "the executives", "Gemeentewet, art. 160"),
    ("o-gen-2019", "nl", "Gedeputeerde Staten", "Provinciewet, art. 158"),
    ("o-gen-2019", "en", "the Provincial Executive", "Provinciewet, art. 158"),
])
def test_the_college_decides_on_participation_after_the_raads_wishes(
        shipped_pipe: Pipeline, name: str, lang: str, who: str, law: str) -> None:
    ctx = _ctx(shipped_pipe, name, lang)
    rows = [r for o in ctx.decisions.options for r in o.options]
    found = participations(ctx, rows)
    assert found, [r.id for r in rows]  # the example has one: the test bites
    said = decider(ctx, rows)
    assert who in said and law in said, said
    assert all(f"‘{r.label}’" in said for r in found), said
    plain = [r for r in rows if r not in found]
    assert decider(ctx, plain) == ""  # no participation: nothing to say


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("name", EXAMPLES)
def test_sections_1_and_6_say_who_decides_on_an_open_participation(
        shipped_pipe: Pipeline, name: str, lang: str) -> None:
    ctx = _ctx(shipped_pipe, name, lang)
    d = ctx.decisions
    table = next((o for o in d.options if o.options), None)
    if table is None or table.preference is not None:
        return
    open_rows = [r for r in table.options if r.preference is None]
    if len(open_rows) < 2:
        return
    for row in participations(ctx, open_rows):
        assert f"‘{row.label}’" in decider(ctx, open_rows)
        assert decider(ctx, open_rows) in d.answer, d.answer
        assert decider(ctx, open_rows, "conclusion.decider_private") in " ".join(d.conclusion)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_an_open_participation_is_the_colleges_in_sections_1_and_6(shipped_pipe: Pipeline,
                                                                   lang: str) -> None:
    # the same table with no option advised against: the participation is left open

    from pvrules.explain.answer import answer
    from pvrules.explain.conclusion import conclusion

    ctx = _ctx(shipped_pipe, "netwerk-private-partners", lang)
    d = ctx.decisions
    options = _all_open(d.options)
    rows = [r for o in options for r in o.options]
    text = answer(ctx, d.case, d.triangle, d.key_recommendations, d.advised_against, options,
                  d.find_out_first)
    assert decider(ctx, rows) in text, text
    six = " ".join(conclusion(ctx, d.triangle, options, (), 3, text))
    assert decider(ctx, rows, "conclusion.decider_private") in six, six
    assert decider(ctx, rows) not in " ".join(conclusion(ctx, d.triangle, d.options, (), 3,
                                                         d.answer))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_waarborgen_on_the_route_answer_the_grip_question(shipped_pipe: Pipeline,
                                                          lang: str) -> None:
    # no recommendation for grip, but a route step about it (zeggenschap, waarborgen): §1
    # points to that step by its number in chapter 7 instead of saying it has nothing
    import dataclasses

    from pvrules.explain.answer import _steps_on

    ctx = _ctx(shipped_pipe, "netwerk-private-partners", lang)
    words = ctx.msg("answer.topic.grip.words").split("|")
    word = words[1]  # "zeggenschap"
    plain = tuple(dataclasses.replace(s, label=f"Stap {i}") for i, s in
                  enumerate(ctx.decisions.route))
    assert len(plain) > 2 and _steps_on(ctx, "grip", plain) == {}
    steps = (plain[0], dataclasses.replace(plain[1], label=f"Statuten: doel, {word}, inbreng"),
             *plain[2:])
    found = _steps_on(ctx, "grip", steps)
    assert found and word in found["what"], found
    assert ":" not in found["what"], found  # after "Voor meer grip …:" no second colon
    original = ctx.decisions.route[1]  # its number as chapter 7 prints it
    number = next(g.first + i for g in ctx.decisions.route_groups
                  for i, s in enumerate(g.steps) if s == original)
    assert found["refs"] == ctx.msg("answer.step_one", numbers=str(number)), found


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_who_chooses_is_said_once_and_right_for_every_open_option(shipped_pipe: Pipeline,
                                                                   lang: str) -> None:
    # a participation left open beside other options: the first "who chooses" sentence
    # already gives the college the participation and the raad the rest; neither §1 nor §6
    # says that the raad chooses between all of them

    from pvrules.explain.answer import answer
    from pvrules.explain.answer_decider import who_decides
    from pvrules.explain.basics import council
    from pvrules.explain.conclusion import conclusion

    ctx = _ctx(shipped_pipe, "netwerk-private-partners", lang)
    d = ctx.decisions
    options = _all_open(d.options)
    table = next(o for o in options if o.options)
    rows = list(table.options)
    assert 0 < len(participations(ctx, rows)) < len(rows)  # both kinds: the test bites
    chooser = council(ctx) if table.chooser_kind == "gemeenten" else table.chooser
    who = who_decides(ctx, rows, chooser, table.chooser_kind)
    text = answer(ctx, d.case, d.triangle, d.key_recommendations, d.advised_against, options,
                  d.find_out_first)
    six = " ".join(conclusion(ctx, d.triangle, options, (), 3, text))
    chooses = ctx.msg(f"verb.chooses.{table.chooser_kind}")
    decides = ctx.msg(f"verb.decides.{table.chooser_kind}")
    assert who in text and decides in who, text
    assert decider(ctx, rows) in who
    first = next(s for s in re.split(r"(?<=\.) (?=[A-Z])", text)
                 if chooser in s or chooser.capitalize() in s)
    assert decider(ctx, rows) in first, first  # the first sentence on who chooses is right
    for said in (text, six):
        assert f"{chooser} {chooses}" not in said and f"{chooses} {chooser}" not in said, said
    assert f"aan {chooser}" not in six and f"for {chooser}" not in six, six


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_chapter_4_does_not_say_the_raad_weighs_a_participation(shipped_pipe: Pipeline,
                                                                lang: str) -> None:
    # the options' own line: the college decides on a participation, so never "de raad maakt"
    from pvrules.explain.chooser import raad_chooses

    ctx = _ctx(shipped_pipe, "netwerk-private-partners", lang)
    rows = [r for o in ctx.decisions.options for r in o.options]
    found = participations(ctx, rows)
    assert found  # the example has one: the test bites
    plain = [r for r in rows if r not in found]
    assert raad_chooses(ctx, [], rows) == ctx.msg("options.mixed_deciders")
    assert raad_chooses(ctx, [], plain) != ctx.msg("options.mixed_deciders")
