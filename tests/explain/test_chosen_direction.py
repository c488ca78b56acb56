"""A direction the raden already chose is said as theirs, not advised by us (review 6, item 8)."""

from __future__ import annotations

import pytest

from pvrules.messages import Messages
from pvrules.pipeline import Pipeline

from .shipped import example_ctx


@pytest.fixture(scope="module")
def real() -> Pipeline:
    return Pipeline()


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("chosen", [True, False])
def test_the_chosen_direction_is_not_advised(real: Pipeline, lang: str, chosen: bool) -> None:
    sets = () if chosen else ("richting_gekozen=false",)
    d = example_ctx(real, "vijfheerenlanden-2017", lang, sets).decisions
    text = d.options[0].text
    m = Messages(lang)
    said = m("options.chosen", option="\x00", why="\x00").split("\x00")[0]
    advised = m("options.preference", option="\x00", why="\x00").split("\x00")[0]
    if chosen:
        assert text.startswith(said) and not text.startswith(advised), text
    else:
        assert not text.startswith(said), text
