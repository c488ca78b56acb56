""""Eerst uitzoeken" never asks the client about itself (review 9).

A raad that asks for the advice knows how it uses its instruments, how satisfied it is
with a collaboration and how well it is informed: those are no questions for it. Checked
on the shipped examples whose client is a raad or the raden: no item names the client's
own organ, in either language.
"""

from __future__ import annotations

import pytest

from pvrules.explain.texts import organs
from pvrules.pipeline import Pipeline
from pvrules.validate.case import CASE_KEY

from .shipped import example_ctx


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline([], [], "python")


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("name", ["bar-2016", "gemeente-onder-preventief-toezicht"])
def test_a_council_client_is_not_asked_about_itself(pipe: Pipeline, name: str,
                                                    lang: str) -> None:
    ctx = example_ctx(pipe, name, lang)
    assert ctx.result.value(CASE_KEY, "opdrachtgever_orgaan") in ("raad", "raden")
    own = organs(ctx.result.case, ctx.msg)["raad"]
    for item in ctx.decisions.find_out_first:
        assert own not in item.question, item.question
        assert own.lower() not in (item.subject or "").lower(), item.subject
