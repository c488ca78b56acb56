"""§1 says what the comparison of the options shows before "the raad chooses" (review 11, #1).

Where the raad chooses between two or three options and no source prefers one, §1 opens
with what §4/§6 computed per option (better or worse on which corner, the risk of an
option that changes little, with its cause), never with "Dit advies wijst geen van de
opties aan", and then says who chooses. Checked on every shipped example with such a
choice, in Dutch and English.
"""

from __future__ import annotations

import pytest

from pvrules.explain.answer_shows import MAX_OPTIONS
from pvrules.explain.conclusion import leading
from pvrules.pipeline import Pipeline

from .shipped import ExampleContexts, shipped_examples

EXAMPLES = shipped_examples()
_ctx = ExampleContexts()


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(engine_name="python")


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("name", EXAMPLES)
def test_the_comparison_comes_before_who_chooses(pipe: Pipeline, name: str, lang: str) -> None:
    ctx = _ctx(pipe, name, lang)
    d = ctx.decisions
    table = next((o for o in d.options if o.options and o.id == "bestuurlijke_toekomst"), None)
    if table is None or table.preference is not None:
        return
    left = [r for r in table.options if r.preference is None]
    head = ctx.msg("answer.shows", what="\x00").split("\x00")[0]
    never = ctx.msg("answer.choose_open", n="\x00", chooser="\x00",
                    chooses="\x00").split("\x00")[0]
    if len(left) != len(table.options) or leading(ctx, table) is not None:
        return  # a verdict or a best option answers first
    if not 1 < len(left) <= MAX_OPTIONS:
        return
    changes = any(e.sign in "+-" for r in left for e in r.effects.values())
    if d.answer.startswith(head):
        first = d.answer[len(head):]
        for row in left:  # every option left open, in the one sentence
            assert f"‘{row.label}’" in first.split(". ")[0] or row.label in first, row.label
        chooses = ctx.msg(f"verb.chooses.{table.chooser_kind}")
        assert d.answer.index(head) < d.answer.index(chooses), d.answer
    elif changes and not d.answer.startswith(never):
        return  # another answer opens (a decisive step, a herindeling's verdict)
    assert not (changes and d.answer.startswith(never)), d.answer


def test_an_option_that_changes_little_says_its_risk_and_its_cause(pipe: Pipeline) -> None:
    # the fact that points one way (the partners look to different regions) reaches §1
    ctx = _ctx(pipe, "voorschoten-2019", "nl")
    table = next(o for o in ctx.decisions.options if o.options)
    head = ctx.msg("answer.shows", what="\x00").split("\x00")[0]
    assert ctx.decisions.answer.startswith(head)
    first = ctx.decisions.answer.split(". Tussen", 1)[0]
    risky = [r for r in table.options if r.risks and all(e.sign == "0" for e in r.effects.values())]
    assert risky
    for row in risky:
        after = first[first.index(row.label):]
        assert ctx.msg("conclusion.with_risk", risk="\x00").split("\x00")[0] in after
        assert ctx.msg("conclusion.risk_cause", cause="\x00").split("\x00")[0] in after
