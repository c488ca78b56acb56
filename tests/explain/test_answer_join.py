"""Lists in §1 never read "… en … en …": a comma before the last "en" when an item has one."""

from __future__ import annotations

from pathlib import Path

import pytest

from pvrules.explain.answer_parts import join_clear
from pvrules.explain.context import ExplainContext
from pvrules.pipeline import Pipeline

HERE = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="module")
def opties() -> Pipeline:
    return Pipeline([HERE / "kb" / "rules"], [HERE / "kb" / "knowledge"], "python",
                    include_builtin=False)


@pytest.mark.parametrize(("lang", "parts", "said"), [
    ("nl", ["interne samenhang en nabijheid van bestuur", "bestuurskracht"],
     "interne samenhang en nabijheid van bestuur, en bestuurskracht"),
    ("nl", ["draagvlak", "duurzaamheid", "bestuurskracht"],
     "draagvlak, duurzaamheid en bestuurskracht"),
    ("nl", ["a", "b en c", "d"], "a, b en c, en d"),
    ("en", ["coherence and closeness", "strength"], "coherence and closeness, and strength"),
    ("en", ["one"], "one"),
])
def test_a_list_with_and_inside_keeps_its_items_apart(opties: Pipeline, lang: str,
                                                      parts: list[str], said: str) -> None:
    ctx = ExplainContext(opties.kb, opties.evaluate_file(str(HERE / "cases" / "opties_b.yaml")),
                         lang)
    assert join_clear(ctx, parts) == said
    word = f" {ctx.msg('word.and')} "
    assert said.count(word) == sum(p.count(word) for p in parts) + (len(parts) > 1)
