"""Who decides follows from the kind of decision, not only from the client.

* a decision about owning shares (``eigendomsvraag``): the college (Gedeputeerde Staten)
  chooses, after the raad's (Provinciale Staten's) wensen en bedenkingen, never "de raad
  (Provinciale Staten) kiest";
* a province that supervises a municipality's finances (``provincie_rol`` with
  ``financieel_toezichthouder`` and ``financieel_toezicht``): Gedeputeerde Staten, under the
  control of Provinciale Staten;
* a herindeling the province started (``arhi_initiatief: provincie``), seen by a raad: the
  alternative to the merger is not "Als de raad kiest voor …" but happens if the merger does
  not go ahead.

Real knowledge base; the share-sale case is the first inline case of rules/tests/deelneming.yaml
(a municipality) and its second (a province); the others are in rules/tests/_cases/.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pvrules.explain.chooser import chooser, chooser_kind
from pvrules.explain.context import ExplainContext
from pvrules.pipeline import Pipeline

ROOT = Path(__file__).parent.parent.parent
PROVINCE = Path(__file__).parents[2] / "rules" / "tests" / "_cases"


@pytest.fixture(scope="module")
def real() -> Pipeline:
    return Pipeline()


def _share_case(tmp_path: Path, index: int, relation: str = "") -> Path:
    """The inline case; ``relation``: another ``overheidsrelatie`` for its legal person."""
    tests = yaml.safe_load((ROOT / "rules" / "tests" / "deelneming.yaml").read_text("utf-8"))
    case = tests["tests"][index]["case"]
    for entity in case.get("samenwerkingen", []) if relation else []:
        entity["overheidsrelatie"] = relation
    path = tmp_path / f"share{index}{relation}.yaml"
    path.write_text(yaml.safe_dump(case, allow_unicode=True), "utf-8")
    return path


def _ctx(pipe: Pipeline, path: Path, overrides: tuple[str, ...] = (),
         lang: str = "nl") -> ExplainContext:
    return ExplainContext(pipe.kb, pipe.evaluate_file(str(path), overrides), lang)


def _heads(ctx: ExplainContext) -> list[str]:
    return [g.heading for g in ctx.decisions.route_groups if g.heading]


@pytest.mark.parametrize(("index", "lang", "who", "not_who"), [
    (0, "nl", "het college (na wensen en bedenkingen van de raad)", "de raad kiest"),
    (0, "en", "the executive (after the council's wishes and objections)", "the council chooses"),
    (1, "nl", "Gedeputeerde Staten (na wensen en bedenkingen van Provinciale Staten)",
     "Provinciale Staten kiezen"),
])
def test_a_share_decision_is_the_executives_after_the_councils_wishes(
        real: Pipeline, tmp_path: Path, index: int, lang: str, who: str, not_who: str) -> None:
    ctx = _ctx(real, _share_case(tmp_path, index), lang=lang)
    assert chooser_kind(ctx).endswith("_wb")
    assert chooser(ctx) == who
    heads = _heads(ctx)
    assert any(who in h for h in heads), heads
    assert not any(not_who in h.lower() for h in heads), heads


def test_without_a_share_question_the_council_chooses_again(
        real: Pipeline, tmp_path: Path) -> None:
    """The same case with a subsidy, not shares: no ownership question, the raad's choice."""
    ctx = _ctx(real, _share_case(tmp_path, 0, "subsidie"))
    assert chooser_kind(ctx) in ("raad", "gemeenten")


def test_a_supervising_province_decides_as_its_executive_under_the_councils_control(
        real: Pipeline) -> None:
    case = PROVINCE / "toezicht_provincie_artikel12.yaml"
    ctx = _ctx(real, case)
    assert chooser_kind(ctx) == "provincie_toezicht"
    assert chooser(ctx).startswith("Gedeputeerde Staten")
    assert "onder controle van Provinciale Staten" in chooser(ctx)
    assert not any(h.startswith("Als Provinciale Staten") for h in _heads(ctx)), _heads(ctx)
    english = _ctx(real, case, lang="en")
    assert chooser(english).startswith("the Provincial Executive")
    # no supervision: the province's own choice, Provinciale Staten as before
    plain = _ctx(real, case, ("provincie_rol=partner",))
    assert chooser_kind(plain) != "provincie_toezicht"


def test_the_alternative_to_a_provincial_merger_waits_on_the_merger(real: Pipeline) -> None:
    case = PROVINCE / "arhi_provinciaal_initiatief.yaml"
    heads = _heads(_ctx(real, case))
    assert any(h.startswith("Als de herindeling niet doorgaat") for h in heads), heads
    assert not any(h.startswith("Als de raad kiest") for h in heads), heads
    assert chooser_kind(_ctx(real, case)) == "raad_zienswijze"
    bottom_up = _ctx(real, case, ("arhi_initiatief=gemeenten",))
    assert chooser_kind(bottom_up) == "raad"
    assert not any(h.startswith("Als de herindeling niet doorgaat") for h in _heads(bottom_up))
