"""The collaboration the question and the options are about (context15).

A collaboration that is only background (the client's shared civil service next to the
regional body the question is about) gives no key recommendation; instruments of grip are at
most one key line; two per-task decisions on one shared organisation are one line; a check of
uncertain facts asks to evaluate the effect, not whether the documents hold.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pvrules.explain.context import ExplainContext
from pvrules.explain.option_context import background
from pvrules.explain.selection import ONE_LINE
from pvrules.pipeline import Pipeline

from .shipped import example_ctx

CASE = Path(__file__).resolve().parents[2] / "rules" / "tests" / "_cases" / \
    "context_achtergrond_werkorganisatie.yaml"


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(engine_name="python")


def _ctx(pipe: Pipeline, lang: str = "nl", overrides: tuple[str, ...] = ()) -> ExplainContext:
    return ExplainContext(pipe.kb, pipe.evaluate_file(str(CASE), overrides), lang)


def test_a_shared_civil_service_named_only_as_background_gives_no_key_recommendation(
        pipe: Pipeline) -> None:
    ctx = _ctx(pipe)
    assert background(ctx) == {("samenwerking", "wo_aadorp_bedorp")}
    key = ctx.decisions.key_recommendations
    assert key
    assert all(k.target_id != "wo_aadorp_bedorp" for k in key)
    assert not {"klantteams_per_gemeente", "harmonisatie_of_eigen_beleid"} & {k.item for k in key}


def test_the_same_collaboration_is_no_background_when_the_question_is_about_it(
        pipe: Pipeline) -> None:
    ctx = _ctx(pipe, overrides=("samenwerkingen[1].onderwerp_vraag=true",))
    assert background(ctx) == {("samenwerking", "rsd")}
    assert "harmonisatie_of_eigen_beleid" in {k.item for k in ctx.decisions.key_recommendations}


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("name", ["sterke-gemeente", "regionale-gr-jeugdhulp", "a2-2019"])
def test_at_most_one_instrument_of_grip_is_a_key_recommendation(pipe: Pipeline, name: str) -> None:
    """Review 12: rapporteurs, a protocol and a commissie in one key line is a list, not advice;
    a raad that steers actively (legitimacy strong) or a merger question gets none."""
    ctx = example_ctx(pipe, name)
    grip = [k for k in ctx.decisions.key_recommendations
            if ONE_LINE in ctx.kb.catalogues.items[k.item].properties]
    assert len(grip) <= 1
    if name in ("sterke-gemeente", "a2-2019"):
        assert not grip


def test_two_per_task_decisions_on_one_shared_organisation_are_one_line(pipe: Pipeline) -> None:
    """BAR: 'per taak harmoniseren of eigen beleid' and 'per taak vastleggen wat de gedeelde
    organisatie moet leveren' are one step of the raden: one key line with both actions."""
    key = example_ctx(pipe, "bar-2016").decisions.key_recommendations
    joined = [k for k in key if "per taak vastleggen" in k.why and "harmoniseert" in k.why]
    assert len(joined) == 1
    assert not [k for k in key if k not in joined and "per taak" in k.why]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_check_first_line_asks_to_evaluate_the_effect_not_the_documents(
        pipe: Pipeline, lang: str) -> None:
    ctx = example_ctx(pipe, "a2-2019", lang)
    checks = [k for k in ctx.decisions.key_recommendations if k.uncertain]
    assert checks
    for k in checks:
        assert ("eenpitters" in k.action) if lang == "nl" else ("single-person" in k.action)
        for word in ("dossier", "stukken zeggen", "documents say", "nog klopt", "still holds"):
            assert word not in k.action
