""""Eerst uitzoeken" asks with whom, not about a partner still to be chosen.

A case that says its intended partners are not known (``beoogde_partners_bekend`` false)
may name a placeholder partner in a merger option ("nog te kiezen buurgemeente(n)"). §8
must not ask the financial position or strength "van deze partner" of that placeholder;
it asks once with which municipalities the option would go.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
import yaml

from pvrules.explain.context import ExplainContext
from pvrules.pipeline import Pipeline

PLACEHOLDER = "nog te kiezen buurgemeente(n)"


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline([], [], "python")


def _placeholder_case(tmp_path: Path) -> Path:
    """A shipped case whose merger option goes with a partner still to be chosen."""
    path = resources.files("pvrules.examples") / "kleine-kwetsbare-gemeente.yaml"
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    case["feiten"]["beoogde_partners_bekend"] = False
    case["partners"].append({"id": "nog_te_kiezen", "naam": PLACEHOLDER,
                             "naam_en": "municipality still to be chosen", "soort": "gemeente"})
    merger = next(o for o in case["opties"] if o["optievorm"] == "herindeling")
    merger["partners"] = [merger["partners"][0], "nog_te_kiezen"]
    out = tmp_path / "case.yaml"
    out.write_text(yaml.safe_dump(case, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return out


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_partner_still_to_be_chosen_is_asked_for_once(pipe: Pipeline, tmp_path: Path,
                                                         lang: str) -> None:
    ctx = ExplainContext(pipe.kb, pipe.evaluate_file(str(_placeholder_case(tmp_path))), lang)
    found = ctx.decisions.find_out_first
    placeholder = PLACEHOLDER if lang == "nl" else "municipality still to be chosen"
    for item in found:
        assert placeholder not in (item.entity or ""), item
        assert placeholder not in item.question, item.question
    choose = [f for f in found if f.fact == "beoogde_partners_bekend"]
    assert len(choose) == 1, [f.question for f in found]
    start = "Met welke gemeente(n)" if lang == "nl" else "With which municipality"
    assert choose[0].question.startswith(start), choose[0].question
    assert "financi" in choose[0].question  # what to find out about them afterwards


def test_known_partners_are_asked_as_before(pipe: Pipeline) -> None:
    """Without the case fact the option's partners are the intended ones: no "with whom"."""
    path = resources.files("pvrules.examples") / "kleine-kwetsbare-gemeente.yaml"
    ctx = ExplainContext(pipe.kb, pipe.evaluate_file(str(path)), "nl")
    assert not [f for f in ctx.decisions.find_out_first if f.fact == "beoogde_partners_bekend"]


def test_a_partner_the_option_names_is_a_candidate_not_a_placeholder(
        pipe: Pipeline, tmp_path: Path) -> None:
    """"Fuseren met X" names its partner: asked about as before, not "met welke gemeente"."""
    path = _placeholder_case(tmp_path)
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    merger = next(o for o in case["opties"] if o["optievorm"] == "herindeling")
    merger["naam"] = f"Herindeling met {PLACEHOLDER}"
    path.write_text(yaml.safe_dump(case, allow_unicode=True, sort_keys=False), encoding="utf-8")
    ctx = ExplainContext(pipe.kb, pipe.evaluate_file(str(path)), "nl")
    assert not [f for f in ctx.decisions.find_out_first if f.fact == "beoogde_partners_bekend"]
