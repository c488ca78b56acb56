"""The advise command, tested as a user runs it (small test knowledge base)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pvrules.cli import main
from pvrules.infer.engine import durable_available

DATA = Path(__file__).resolve().parents[1] / "data"
KB = ["--no-builtin", "--rules-dir", str(DATA / "kb" / "rules"),
      "--knowledge-dir", str(DATA / "kb" / "knowledge")]
CASE = str(DATA / "case_small.yaml")


def run(*args: str) -> str:
    result = CliRunner().invoke(main, ["advise", CASE, *KB, *args])
    assert result.exit_code == 0, result.output
    return result.stdout  # without notes on stderr (Python 3.13+: no durable_rules)


def test_markdown_advice_is_the_document() -> None:
    text = run()
    assert text.startswith("# Advies: Test\n")
    first = text.split("## 1. Kernboodschap", 1)[1].split("## 2.", 1)[0]
    assert "**Wij adviseren u:**" in first
    assert "1. **Participatie**: Legitimiteit zwak, organisatie sterk. (redenering 1)" in first
    assert "| Legitimiteit | zwak ●○○ | Draagvlak is laag. (redenering " in text
    assert "| Organisatie | sterk ●●● | Capaciteit hoog. (redenering " in text
    appendix = text.split("## Bijlage A. De redeneringen", 1)[1]
    assert appendix.count("**Redenering 1. ") == 1
    assert "*Op grond van:* Legitimiteit: zwak" in appendix or "Draagvlak: laag" in appendix
    assert "## Bijlage B. Bronnen" in text and "Test source" in text


def test_english() -> None:
    text = run("--lang", "en")
    assert text.startswith("# Advice: Test\n")
    assert "## 1. Key message" in text
    assert "| Legitimacy | weak ●○○ |" in text
    assert "**We advise you:**" in text


def test_json_is_machine_readable() -> None:
    data = json.loads(run("--format", "json"))
    recs = {(r["item"], r["target"]): r for r in data["recommendations"]}
    part = recs[("participatie", None)]
    assert part["status"] == "recommended"
    assert part["strength"] == "sterk"
    assert [s["rule_id"] for s in part["reasoning"]] == [
        "leg.zwak", "org.sterk", "balans.participatie"]
    assert part["reasoning"][-1]["uses_steps"] == [1, 2]
    assert recs[("lokaal", "Opgave o1")]["status"] == "alternative"
    assert recs[("centrum", "Opgave o1")]["status"] == "recommended"
    corners = {c["id"]: c["level"] for c in data["corners"]}
    assert corners == {"publieke_waarde": "—", "legitimiteit": "zwak", "organisatie": "sterk"}


def test_set_changes_the_advice() -> None:
    data = json.loads(run("--format", "json", "--set", "draagvlak=hoog"))
    assert "participatie" not in {r["item"] for r in data["recommendations"]}


def test_what_to_find_out_first_is_listed() -> None:
    text = run()
    section = text.split("## 8. Eerst uitzoeken", 1)[1].split("---", 1)[0]
    wanted = json.loads(run("--format", "json"))["find_out_first"]
    for item in wanted:
        assert f"**{item['label']}**" in section
    if not wanted:
        assert "Geen open vraag verandert " in section


@pytest.mark.skipif(not durable_available(), reason="durable_rules not importable")
def test_engines_give_the_same_bytes() -> None:
    assert run("--engine", "durable", "--format", "json").replace('"durable"', '"x"') == \
        run("--engine", "python", "--format", "json").replace('"python"', '"x"')


def test_same_input_same_output() -> None:
    assert run() == run()


def test_output_file_written_and_never_overwritten_without_force(tmp_path: Path) -> None:
    out = tmp_path / "advies.md"
    run("-o", str(out))
    first = out.read_text()
    assert first.startswith("# Advies")
    result = CliRunner().invoke(main, ["advise", CASE, *KB, "-o", str(out)])
    assert result.exit_code == 2
    assert "already exists" in result.output and "--force" in result.output
    out.write_text("edited by hand")
    run("-o", str(out), "--force")
    assert out.read_text() == first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["advies.md"]


def test_missing_case_and_both_sources_are_clear_errors() -> None:
    result = CliRunner().invoke(main, ["advise", *KB])
    assert result.exit_code == 2 and "pvrules advise --example" in result.output
    result = CliRunner().invoke(main, ["advise", "nope.yaml", *KB])
    assert result.exit_code == 2 and "file not found: nope.yaml" in result.output


def test_unknown_command_suggests() -> None:
    result = CliRunner().invoke(main, ["advies"])
    assert result.exit_code == 2
    assert "Did you mean 'advise'?" in result.output


def test_bad_set_is_a_clear_error() -> None:
    result = CliRunner().invoke(main, ["advise", CASE, *KB, "--set", "draagvlak"])
    assert result.exit_code == 2
    assert "expected FACT=VALUE" in result.output
    result = CliRunner().invoke(main, ["advise", CASE, *KB, "--set", "draagvlak=heel_hoog"])
    assert result.exit_code == 2
    assert "did you mean 'hoog'?" in result.output
