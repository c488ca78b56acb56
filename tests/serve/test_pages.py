"""The pages as HTML (without a browser), and the server with several workers."""

from __future__ import annotations

import json
import re
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from pvrules.pipeline import example_names

from .conftest import Server, case_json


def test_case_list_shows_the_folder_and_the_examples(app_client: Any) -> None:
    html = app_client.get("/").text
    assert "a2-2019.yaml" in html and "a2-2019.json" in html
    for name in example_names():
        assert f"/case/example:{name}" in html


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_case_page_labels_in_the_chosen_language(app_client: Any, lang: str) -> None:
    html = app_client.get(f"/case/a2-2019.yaml?lang={lang}").text
    label = "Draagvlak in raad of Staten" if lang == "nl" else "Support in the elected council"
    assert label in html
    unknown = "onbekend" if lang == "nl" else "unknown"
    # every select offers "unknown"
    selects = re.findall(r"<select name=\"[a-z_]+\">\s*<option value=\"\">([a-z]+)</option>",
                         html)
    assert selects and set(selects) == {unknown}
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="triangle"' in html
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in html.split("<main>")[0]  # no CDN, no external fonts


def test_a_missing_case_gets_a_page_with_the_message(app_client: Any) -> None:
    got = app_client.get("/case/bestaat-niet.yaml")
    assert got.status_code == 404
    assert "text/html" in got.headers["content-type"]
    assert "no case &#39;bestaat-niet.yaml&#39; in the folder" in got.text


def test_panel_and_intake_calls(app_client: Any, cases_dir: Path) -> None:
    case = case_json(cases_dir, "kleine-kwetsbare-gemeente")
    first = app_client.post("/ui/panel", json={"case": case}).json()
    case["feiten"]["draagvlak_raad"] = "hoog" if case["feiten"].get(
        "draagvlak_raad") != "hoog" else "laag"
    second = app_client.post("/ui/panel", json={"case": case,
                                                "before": first["signature"]}).json()
    assert second["changes"]["new"] or second["changes"]["gone"] or \
        second["changes"]["changed"]
    step = app_client.post("/ui/intake", json={"title": "Test", "question": ""}).json()
    assert step["done"] is False and step["case"]["casus"]["titel"] == "Test"
    nxt = app_client.post("/ui/intake", json={"case": step["case"], "slot": step["slot"],
                                              "value": None}).json()
    assert step["slot"] in nxt["skipped"] and nxt["slot"] != step["slot"]


@pytest.mark.slow  # starts a real server with two worker processes
def test_workers_share_nothing_but_the_folder(tmp_path: Path, cases_dir: Path,
                                              real_server: Server) -> None:
    (tmp_path / "a.json").write_text((cases_dir / "a2-2019.json").read_text())
    with real_server(tmp_path, "--workers", "2") as base:
        body = json.dumps({"case": case_json(cases_dir, "a2-2019")}).encode()
        answers = set()
        for _ in range(6):
            req = urllib.request.Request(f"{base}/api/advise", data=body,
                                         headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(req, timeout=30) as resp:
                answers.add(resp.read())
        assert len(answers) == 1
        with urllib.request.urlopen(f"{base}/api/csrf", timeout=10) as resp:
            tokens = {json.loads(resp.read())["token"]}
        for _ in range(4):
            with urllib.request.urlopen(f"{base}/api/csrf", timeout=10) as resp:
                tokens.add(json.loads(resp.read())["token"])
        assert len(tokens) == 1  # the same CSRF secret in every worker
