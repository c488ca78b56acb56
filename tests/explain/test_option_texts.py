"""Options that differ in substance read differently; the course left gets its plan.

The synthetic case ``rules/tests/_cases/options_twee_fusies.yaml`` has a small municipality
choosing between merging with a large city and with a peer of its own size: the two merger
options must not share every corner reason, since their partners' facts differ. The plan for
the course left (catalogue property ``course_plan``) is a key recommendation only where that
option is the one left open; else it is a detail of the option in §5.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pvrules.explain.context import ExplainContext
from pvrules.explain.decisions_model import OptionRow
from pvrules.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[2]
CASE = ROOT / "rules" / "tests" / "_cases" / "options_twee_fusies.yaml"
PLAN = "verbeterplan_koers"


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline([], [], "python")


def _ctx(pipe: Pipeline, path: Path, lang: str = "nl") -> ExplainContext:
    return ExplainContext(pipe.kb, pipe.evaluate_file(str(path)), lang)


def _rows(ctx: ExplainContext) -> dict[str, OptionRow]:
    return {row.id: row for dec in ctx.decisions.options for row in dec.options}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_two_mergers_with_different_partners_do_not_share_all_reasons(
        pipe: Pipeline, lang: str) -> None:
    rows = _rows(_ctx(pipe, CASE, lang))
    city, peer = rows["met_stad"], rows["met_buur"]
    reasons = [(c, city.effects[c].reason, peer.effects[c].reason) for c in city.effects]
    assert any(a != b for _c, a, b in reasons), reasons
    # the organisation cell names the scale of each option, the regelingen only the one leaving
    assert city.effects["organisatie"].reason != peer.effects["organisatie"].reason
    assert any(r.id == "afweging_regelingen" for r in city.risks)
    assert not any(r.id == "afweging_regelingen" for r in peer.risks)


def test_the_same_facts_give_the_same_reasons(pipe: Pipeline, tmp_path: Path) -> None:
    """The converse: with equal facts the texts may be equal (no difference is invented)."""
    text = CASE.read_text(encoding="utf-8").replace("inwoners: 350000", "inwoners: 14000")
    text = text.replace(", optie_samenwerking: [gr_kleine_kernen]", "")
    path = tmp_path / "gelijk.yaml"
    path.write_text(text, encoding="utf-8")
    rows = _rows(_ctx(pipe, path))
    city, peer = rows["met_stad"], rows["met_buur"]
    for corner, effect in city.effects.items():  # the partner's name aside
        assert effect.reason.replace("Grootstad", "Buurdorp") == peer.effects[corner].reason


def test_the_course_left_gets_its_plan_as_a_key_recommendation(pipe: Pipeline) -> None:
    ctx = _ctx(pipe, ROOT / "examples" / "a2-2019.yaml")
    key = [r for r in ctx.decisions.key_recommendations if r.item == PLAN]
    assert key, [r.item for r in ctx.decisions.key_recommendations]
    assert "jaarlijkse opdracht per gemeente" in key[0].why
    assert key[0].target is None  # the option is not repeated as a target


def test_with_options_still_open_the_plan_is_a_detail_of_its_option(pipe: Pipeline) -> None:
    ctx = _ctx(pipe, ROOT / "examples" / "bar-2016.yaml")
    assert all(r.item != PLAN for r in ctx.decisions.key_recommendations)
    further = [i for g in ctx.decisions.recommendation_groups for i in g.items if i.item == PLAN]
    assert further and further[0].why.startswith("Als voor ‘De BAR-organisatie verbeteren’")
    assert "evaluatiemoment" in further[0].why
