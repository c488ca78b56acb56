"""The JSON API gives exactly what the CLI prints, for every shipped example."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from pvrules.cli import main
from pvrules.pipeline import example_names

from .conftest import case_json, cli

EXAMPLES = example_names()


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("name", EXAMPLES)
@pytest.mark.parametrize("fmt", ["json", "markdown"])
def test_advise_is_the_cli_output(app_client: Any, cases_dir: Path, name: str,
                                  fmt: str) -> None:
    path = str(cases_dir / f"{name}.json")
    want = cli("advise", path, "--format", fmt, "--date", "2024-05-01")
    got = app_client.post("/api/advise", json={"case": case_json(cases_dir, name),
                                                "format": fmt, "date": "2024-05-01"})
    assert got.status_code == 200, got.text
    assert got.content == want


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("name", EXAMPLES)
def test_advise_in_english_with_set_is_the_cli_output(app_client: Any, cases_dir: Path,
                                                       name: str) -> None:
    path = str(cases_dir / f"{name}.json")
    want = cli("advise", path, "--format", "json", "--lang", "en", "--set",
               "draagvlak_raad=hoog")
    got = app_client.post("/api/advise", json={"case": case_json(cases_dir, name),
                                                "lang": "en", "set": ["draagvlak_raad=hoog"]})
    assert got.content == want
    assert json.loads(got.content)["lang"] == "en"


def _first(advice: dict[str, Any], statuses: tuple[str, ...]) -> str | None:
    for rec in advice["recommendations"]:
        if rec["status"] in statuses:
            key = rec["target_key"]
            return rec["item"] if key[0] == "case" else f"{rec['item']}@{key[1]}"
    return None


@pytest.mark.slow  # the API = CLI sweep; the loop keeps the advise comparison
@pytest.mark.parametrize("name", EXAMPLES)
def test_explain_why_and_why_not_are_the_cli_output(app_client: Any, cases_dir: Path,
                                                    name: str) -> None:
    path = str(cases_dir / f"{name}.json")
    case = case_json(cases_dir, name)
    for fmt in ("json", "text"):
        want = cli("explain", path, "--format", fmt)
        got = app_client.post("/api/explain", json={"case": case, "format": fmt})
        assert got.content == want
    advice = json.loads(cli("advise", path, "--format", "json"))
    item = _first(advice, ("recommended",))
    assert item is not None
    want = cli("explain", path, item, "--format", "json")
    got = app_client.post("/api/explain", json={"case": case, "name": item})
    assert got.content == want
    assert json.loads(got.content)["kind"] == "why"
    other = _first(advice, ("advised_against", "alternative")) or "herindeling"
    want = cli("explain", path, "--why-not", other, "--format", "json")
    got = app_client.post("/api/explain", json={"case": case, "why_not": other})
    assert got.content == want
    assert json.loads(got.content)["kind"] == "why_not"


@pytest.mark.slow  # the API = CLI sweep; the loop keeps the advise comparison
@pytest.mark.parametrize("name", EXAMPLES)
def test_whatif_is_the_cli_output(app_client: Any, cases_dir: Path, name: str) -> None:
    path = str(cases_dir / f"{name}.json")
    advice = json.loads(cli("advise", path, "--format", "json"))
    target = _first(advice, ("advised_against", "alternative", "recommended"))
    assert target is not None
    want = cli("whatif", path, "--target", target, "--format", "json")
    got = app_client.post("/api/whatif", json={"case": case_json(cases_dir, name),
                                                "target": target})
    assert got.status_code == 200, got.text
    assert got.content == want


@pytest.mark.fast_sample(1)  # one format: the formats themselves are tested in tests/render
@pytest.mark.parametrize("name", EXAMPLES)
@pytest.mark.parametrize("fmt", ["markdown", "html", "docx"])
def test_report_is_the_cli_output(app_client: Any, cases_dir: Path, tmp_path: Path,
                                  name: str, fmt: str) -> None:
    out = tmp_path / f"r.{ {'markdown': 'md', 'html': 'html', 'docx': 'docx'}[fmt] }"
    result = CliRunner().invoke(main, ["report", str(cases_dir / f"{name}.json"), "-o",
                                       str(out), "--date", "2024-05-01"])
    assert result.exit_code == 0, result.output
    got = app_client.post("/api/report", json={"case": case_json(cases_dir, name),
                                                "format": fmt, "date": "2024-05-01"})
    assert got.status_code == 200
    assert got.content == out.read_bytes()
    assert "attachment" in got.headers["content-disposition"]


def test_bad_case_gets_the_cli_message_and_the_server_keeps_running(
        app_client: Any, cases_dir: Path, tmp_path: Path) -> None:
    case = case_json(cases_dir, "a2-2019")
    case["feiten"]["draagvlak_raad"] = "hooog"
    case["feiten"]["draagvlk"] = "laag"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(case, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["advise", str(bad)])
    assert result.exit_code == 2
    got = app_client.post("/api/advise", json={"case": case})
    assert got.status_code == 422
    body = got.json()
    # the same problems, the same words; only the file name differs
    assert body["text"] == result.stderr.replace(str(bad), "case").rstrip("\n")
    locs = {p["loc"]: p for p in body["problems"]}
    assert "did you mean 'hoog'?" in locs["feiten.draagvlak_raad"]["suggestion"]
    assert "draagvlak_raad" in locs["feiten.draagvlk"]["suggestion"]
    assert app_client.post("/api/advise", json={"case": case_json(cases_dir, "a2-2019")}
                           ).status_code == 200


@pytest.mark.parametrize("body", [
    {"case": []}, {"case": {"casus": "x"}}, {"case": {}, "lang": "fr"}, {"nothing": 1},
])
def test_malformed_requests_are_refused_with_a_message(app_client: Any, body: Any) -> None:
    got = app_client.post("/api/advise", json=body)
    assert got.status_code == 422
    assert got.json()


def test_openapi_lists_the_four_commands(app_client: Any) -> None:
    schema = app_client.get("/openapi.json").json()
    for path in ("/api/advise", "/api/explain", "/api/whatif", "/api/report"):
        assert "post" in schema["paths"][path]
    assert app_client.get("/docs").status_code == 200


def _case_options(advice: dict[str, Any]) -> list[str]:
    """``optie:ID`` of every option of the case (``opties:``) that is not advised."""
    return [f"optie:{o['id']}" for d in advice["options"] if "@" not in d["id"]
            for o in d["options"] if o["preference"] != "advised"]


@pytest.mark.slow  # the API = CLI sweep; the loop keeps the advise comparison
@pytest.mark.parametrize("name", EXAMPLES)
def test_why_not_and_whatif_of_a_case_option_are_the_cli_output(
        app_client: Any, cases_dir: Path, name: str) -> None:
    """An option of the case not advised: why not and what would make it advised."""
    path = str(cases_dir / f"{name}.json")
    case = case_json(cases_dir, name)
    options = _case_options(json.loads(cli("advise", path, "--format", "json")))
    if not options:  # every option of the case advised, or none: nothing to ask
        return
    option = options[-1]
    for fmt in ("json", "text"):
        want = cli("explain", path, "--why-not", option, "--format", fmt)
        got = app_client.post("/api/explain", json={"case": case, "why_not": option,
                                                    "format": fmt})
        assert got.status_code == 200, got.text
        assert got.content == want
    answer = json.loads(got.content if fmt == "json" else cli(
        "explain", path, "--why-not", option, "--format", "json"))["result"][0]
    assert answer["target_key"] == ["optie", option.split(":")[1]]
    want = cli("whatif", path, "--target", option, "--format", "json")
    got = app_client.post("/api/whatif", json={"case": case, "target": option})
    assert got.content == want
    assert json.loads(got.content)["result"]["goal"] == "appear"
