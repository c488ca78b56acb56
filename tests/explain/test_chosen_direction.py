"""A direction the raden already chose is said as theirs, not advised by us (review 6, item 8)."""

from __future__ import annotations

import pytest

from pvrules.explain.context import ExplainContext
from pvrules.messages import Messages
from pvrules.pipeline import Pipeline


@pytest.fixture(scope="module")
def real() -> Pipeline:
    return Pipeline()


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("chosen", [True, False])
def test_the_chosen_direction_is_not_advised(real: Pipeline, lang: str, chosen: bool) -> None:
    sets = () if chosen else ("richting_gekozen=false",)
    result = real.evaluate_file("example:vijfheerenlanden-2017", sets)
    d = ExplainContext(real.kb, result, lang).decisions
    text = d.options[0].text
    m = Messages(lang)
    said = m("options.chosen", option="\x00", why="\x00").split("\x00")[0]
    advised = m("options.preference", option="\x00", why="\x00").split("\x00")[0]
    if chosen:
        assert text.startswith(said) and not text.startswith(advised), text
    else:
        assert not text.startswith(said), text
