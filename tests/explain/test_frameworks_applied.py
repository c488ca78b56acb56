"""The applied frameworks follow from what the advice recommends, on the case's date.

* A recommended form or measure that cites a law makes the framework for that law applied,
  in the version in force on the peildatum (every shipped example).
* A case after 1 July 2022 that recommends a Wgr form and moves staff lists the amended Wgr
  and the WOR, and not the Wgr as it stood before 2022.
"""

from __future__ import annotations

import pytest

from pvrules.explain.agenda import frameworks, in_force
from pvrules.pipeline import Pipeline

from .shipped import example_ctx, shipped_examples

EXAMPLES = shipped_examples()


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(engine_name="python")


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("name", EXAMPLES)
def test_recommended_law_is_an_applied_framework(pipe: Pipeline, name: str) -> None:
    ctx = example_ctx(pipe, name)
    cats = ctx.kb.catalogues
    applied = {f.id for f in frameworks(ctx)}
    for rec in ctx.advice.recommendations:
        if rec.status != "recommended":
            continue
        for ref in cats.items[rec.item].sources:
            src = cats.sources.get(ref)
            if src is None or src.kind != "wet":
                continue
            frames = [n for n in cats.items_of("framework")
                      if ref in cats.items[n].sources and in_force(ctx, cats.items[n])]
            if frames:
                assert applied & set(frames), (
                    f"{name}: '{rec.item}' is recommended and cites the law '{ref}', but none "
                    f"of {frames} is among the applied frameworks {sorted(applied)}")


def test_wgr_form_after_2022_applies_amended_wgr_and_wor(pipe: Pipeline) -> None:
    ctx = example_ctx(pipe, "kleine-kwetsbare-gemeente")
    applied = [f.id for f in frameworks(ctx)]
    assert "wgr_2022" in applied and "wor" in applied, applied
    assert "wgr_tot_2022" not in applied, applied
    assert len(applied) == len(set(applied)), applied
