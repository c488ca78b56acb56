"""The explain, whatif and diff commands on the small test knowledge base."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pvrules.cli.main import main

from .conftest import CASE_FILE, KB_ARGS, check_golden


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [*args, *KB_ARGS, "--engine", "python"])
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        result.exception
    return result.exit_code, result.stdout, result.stderr


GOLDEN_RUNS = {
    "small/explain_all.nl.txt": ("explain", str(CASE_FILE)),
    "small/explain_participatie.en.txt": ("explain", str(CASE_FILE), "Participation",
                                          "--lang", "en"),
    "small/explain_fact.nl.txt": ("explain", str(CASE_FILE), "schaal@o2"),
    "small/whynot_centrum.nl.txt": ("explain", str(CASE_FILE), "--why-not",
                                    "Centrumregeling voor opgave o2"),
    "small/whynot_capaciteit.en.txt": ("explain", str(CASE_FILE), "--why-not",
                                       "item:capaciteit", "--lang", "en", "--verbose"),
    "small/whatif_centrum.nl.txt": ("whatif", str(CASE_FILE), "--target", "centrum@o2"),
    "small/whatif_participatie.en.txt": ("whatif", str(CASE_FILE), "--target",
                                         "participatie", "--lang", "en"),
    "small/diff_draagvlak.nl.txt": ("diff", str(CASE_FILE), "--set", "draagvlak=hoog"),
}


@pytest.mark.parametrize("name", sorted(GOLDEN_RUNS))
def test_text_output_matches_golden(name: str) -> None:
    code, out, err = run(*GOLDEN_RUNS[name])
    assert code == 0, err
    check_golden(name, out)


def test_text_hides_ids_unless_verbose() -> None:
    _, plain, _ = run("explain", str(CASE_FILE), "participatie")
    _, verbose, _ = run("explain", str(CASE_FILE), "participatie", "--verbose")
    assert "balans.participatie" not in plain
    assert "`[balans.participatie]`" in verbose


def test_json_why() -> None:
    code, out, _ = run("explain", str(CASE_FILE), "participatie", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["kind"] == "why"
    [answer] = data["result"]
    assert answer["status"] == "recommended"
    assert [s["rule_id"] for s in answer["steps"]] == ["leg.zwak", "org.sterk",
                                                       "balans.participatie"]


def test_json_why_not_has_no_engine_objects() -> None:
    code, out, _ = run("explain", str(CASE_FILE), "--why-not", "centrum@o2", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["kind"] == "why_not"
    test = data["result"][0]["rules"][0]["reasons"]["children"][0]["test"]
    assert "failure" not in test
    assert test["actual"] == "onbekend"
    assert test["known"] is False


def test_explain_of_an_item_not_in_the_advice_answers_why_not() -> None:
    code, out, _ = run("explain", str(CASE_FILE), "lichaam@o1")
    assert code == 0
    assert out.startswith("## Waarom niet: Openbaar lichaam — Opgave o1")


def test_json_whatif_and_diff() -> None:
    code, out, _ = run("whatif", str(CASE_FILE), "--target", "centrum@o2", "--format", "json")
    assert code == 0
    data = json.loads(out)["result"]
    assert data["goal"] == "appear"
    assert data["scenarios"][0]["set_args"] == ["opgave:o2.beleidsrijk=false",
                                                "opgave:o2.schaal=lokaal"]
    code, out, _ = run("diff", str(CASE_FILE), "--set", "capaciteit=laag", "--format", "json")
    assert code == 0
    changes = json.loads(out)["result"]["recommendations"]
    assert {c["item"] for c in changes} == {"participatie"}


@pytest.mark.parametrize(("args", "needle"), [
    (("explain", str(CASE_FILE), "centrm"), "did you mean 'centrum'?"),
    (("explain", str(CASE_FILE), "--why-not", "herindeling"), "no catalogue item"),
    (("explain", str(CASE_FILE), "--why-not", "draagvlak"), "is a fact"),
    (("whatif", str(CASE_FILE), "--target", "lokaal"), "lokaal@o1"),
    (("whatif", str(CASE_FILE), "--target", "legitimiteit=sterkst"), "did you mean"),
    (("diff", str(CASE_FILE)), "give at least one --set"),
    (("explain", str(CASE_FILE), "centrum@o9"), "unknown entity 'o9'"),
])
def test_bad_input_exits_2_without_traceback(args: tuple[str, ...], needle: str) -> None:
    code, out, err = run(*args)
    assert code == 2
    assert needle in err
    assert "Traceback" not in err + out
