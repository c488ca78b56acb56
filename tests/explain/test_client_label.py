"""A fact label written for every client kind names the client's own organ when printed.

"Draagvlak in raad of Staten" / "Sturing door raad of Staten" are vocabulary labels for
municipalities and provinces alike; a draft for a municipality says "de raad" (one) or
"de raden" (several clients), a draft for a province "Provinciale Staten".
"""

from __future__ import annotations

import pytest

from pvrules.explain.texts import client_label
from pvrules.pipeline import Pipeline

from .shipped import example_ctx


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline([], [], "python")


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize(("name", "lang", "organ"), [
    ("kleine-kwetsbare-gemeente", "nl", "in de raad"),
    ("bar-2016", "nl", "in de raden"),
    ("haren-2017", "nl", "in Provinciale Staten"),
    ("kleine-kwetsbare-gemeente", "en", "in the council"),
    ("haren-2017", "en", "in the Provincial Council"),
])
def test_the_label_names_the_clients_organ(pipe: Pipeline, name: str, lang: str,
                                           organ: str) -> None:
    ctx = example_ctx(pipe, name, lang)
    label = pipe.kb.vocab.facts["draagvlak_raad"].label.get(lang)
    assert ctx.msg("label.either.raad") in label  # the label is written for either kind
    assert client_label(label, ctx.result.case, ctx.msg).endswith(organ)


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("name", ["bar-2016", "kleine-kwetsbare-gemeente"])
def test_no_reasoning_prints_a_label_for_either_client(pipe: Pipeline, name: str,
                                                       lang: str) -> None:
    ctx = example_ctx(pipe, name, lang)
    either = [ctx.msg("label.either.raad"), ctx.msg("label.either.college")]
    printed = [f for c in ctx.decisions.chains for f in c.facts]
    assert any(f.startswith(("Draagvlak in", "Support in")) for f in printed)  # it is there
    for fact in printed:
        assert not any(e in fact for e in either), fact
