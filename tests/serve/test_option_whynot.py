"""Why an option of the case is not advised, and what would make it so (explain, whatif)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from .conftest import case_json, cli

OPTION_CASE = {
    "casus": {"id": "fusie-test", "titel": "Fusie", "datum": "2020-01-01"},
    "feiten": {"richting_gekozen": True},
    "opties": [{"id": "fusie", "naam": "Fusie", "optievorm": "herindeling"}],
}


def _preference(advice: dict[str, Any], option: str) -> str | None:
    found: str | None = next(o["preference"] for d in advice["options"]
                             for o in d["options"] if o["id"] == option)
    return found


def test_the_smallest_change_makes_the_option_advised(app_client: Any,
                                                      tmp_path: Path) -> None:
    """The change what-if finds, applied with --set, makes the option advised."""
    path = tmp_path / "fusie.json"
    path.write_text(json.dumps(OPTION_CASE), encoding="utf-8")
    before = json.loads(cli("advise", str(path), "--format", "json"))
    assert _preference(before, "fusie") is None
    answer = app_client.post("/api/whatif", json={"case": OPTION_CASE,
                                                   "target": "optie:fusie"}).json()["result"]
    assert answer["now"] == "not_recommended" and answer["scenarios"]
    first = answer["scenarios"][0]
    assert first["confirmed"] and first["size"] == 1
    sets = [a for s in first["set_args"] for a in ("--set", s)]
    after = json.loads(cli("advise", str(path), "--format", "json", *sets))
    assert _preference(after, "fusie") == "advised"
    # the why-not names the one rule that could advise it, and the fact it lacks
    why = app_client.post("/api/explain", json={"case": OPTION_CASE,
                                                 "why_not": "Fusie"}).json()["result"][0]
    assert why["status"] == "not_recommended"
    assert [c["outcome"] for c in why["rules"]] == ["unknown"]
    assert first["changes"][0]["fact"] in why["unknown"][0] or \
        first["changes"][0]["label"] in why["unknown"][0]


def test_an_option_advised_against_shows_the_rule_against_it(app_client: Any,
                                                            cases_dir: Path) -> None:
    case = case_json(cases_dir, "a2-2019")
    advice = json.loads(app_client.post("/api/advise", json={"case": case}).content)
    row = next(o for d in advice["options"] for o in d["options"]
               if o["preference"] == "advised_against")
    why = app_client.post("/api/explain", json={"case": case, "why_not": f"optie:{row['id']}",
                                                 "format": "json"}).json()["result"][0]
    assert why["status"] == "advised_against"
    assert why["label"].endswith(row["label"])
    # the reasoning against it is the preference the advice shows, with its conclusion
    assert any(row["preference_why"].split(";")[0] in s["text"] for s in why["against"])
    assert all(s["conclusion"] for s in why["against"])


@pytest.mark.parametrize("name", ["herindeling", "item:herindeling"])
def test_a_catalogue_item_keeps_its_meaning(app_client: Any, name: str) -> None:
    """A name that is a catalogue item still means the item, even beside options."""
    why = app_client.post("/api/explain", json={"case": OPTION_CASE,
                                                 "why_not": name}).json()["result"][0]
    assert why["item"] == "herindeling" and why["catalogue"] != "optie"


def test_the_panel_offers_why_not_for_options_not_advised(app_client: Any,
                                                         cases_dir: Path) -> None:
    case = case_json(cases_dir, "a2-2019")
    panel = app_client.post("/ui/panel", json={"case": case}).json()["html"]
    advice = json.loads(app_client.post("/api/advise", json={"case": case}).content)
    for d in advice["options"]:
        if "@" in d["id"]:
            continue
        for o in d["options"]:
            button = f'data-explain="optie:{o["id"]}" data-kind="why_not"'
            assert (button in panel) == (o["preference"] != "advised"), o["id"]
    shown = app_client.post("/ui/explain", json={"case": case, "name": "optie:herindeling_a2",
                                                  "kind": "why_not"}).json()
    assert shown["text"] == app_client.post("/api/explain", json={
        "case": case, "why_not": "optie:herindeling_a2", "format": "text"}).text
    assert shown["whatif"].startswith("## Wat zou het veranderen")
