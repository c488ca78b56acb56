"""§1: a form that starts light (catalogue property ``starts_now``) does not wait for the
opgavenanalyse that the other forms per opgave wait for.

Zandhoven (low trust, a new collaboration): "Leg die vormen pas vast na een gezamenlijke
opgavenanalyse …; met belastingen en WOZ kunt u nu al licht beginnen" (review 11: the quick
win must not wait). Without the property every form waits, as before.
"""

from __future__ import annotations

import pytest

from pvrules.explain.answer import STARTS_NOW
from pvrules.pipeline import Pipeline
from tests.explain.shipped import example_ctx

NAME = "nieuwe-samenwerking-laag-vertrouwen"


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_light_start_is_named_as_not_waiting(pipe: Pipeline, lang: str) -> None:
    ctx = example_ctx(pipe, NAME, lang)
    d = ctx.decisions
    items = pipe.kb.catalogues.items
    now = [r for r in d.analysis if r.form and STARTS_NOW in items[r.form].properties]
    waits = [r for r in d.analysis if r.form and STARTS_NOW not in items[r.form].properties
             and "not_key" not in items[r.form].properties]
    assert now and waits  # the example has both: the test bites
    head = ctx.msg("answer.forms_after_but_now", what="\x00", tasks="\x00").split("\x00")
    sentence = next(s for s in d.answer.split(". ") if head[0] in s)
    assert head[2].rstrip(".") in sentence
    for row in now:
        assert row.label.lower() in sentence.lower()
    for row in waits:
        assert row.label.lower() not in sentence.split(head[1])[-1].lower()
