"""``pvrules decide`` through click's CliRunner."""

from __future__ import annotations

import importlib.util
import json
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import click
import pytest
from click.testing import CliRunner

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parents[2]


def _load_command_module() -> ModuleType:
    try:
        return importlib.import_module("pvrules.cli.decide_cmd")
    except ImportError:  # a source tree that is not installed: load the file itself
        spec = importlib.util.spec_from_file_location(
            "pvrules_decide_cmd", ROOT / "cli" / "decide_cmd.py"
        )
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module


MODULE = _load_command_module()
decide: click.Command = MODULE.decide


def runner() -> CliRunner:
    """A runner that keeps stderr apart (the default from click 8.2 on)."""
    old_style: dict[str, Any] = {"mix_stderr": False}
    try:
        return CliRunner(**old_style)
    except TypeError:
        return CliRunner()


def run(*args: str | Path) -> tuple[int, str, str]:
    result = runner().invoke(decide, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_dmn_with_inputs() -> None:
    code, out, err = run(
        DATA / "chained.dmn", "-i", "inkomen=1100", "--input", "huishouden=alleenstaand"
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["file"] == str(DATA / "chained.dmn")
    assert list(data["decisions"]) == ["Bijstandsnorm", "Toeslag", "Klasse"]
    assert data["decisions"]["Bijstandsnorm"] == {
        "type": "decision table",
        "hit_policy": "U",
        "result": 1200,
        "matched": [{"rule": 1, "id": "n_r1"}],
        "selected": [{"rule": 1, "id": "n_r1"}],
        "default_used": False,
    }
    assert data["decisions"]["Toeslag"] == {"type": "literal expression", "result": 125}
    assert data["decisions"]["Klasse"]["result"] == "laag"


def test_decision_option_limits_the_output() -> None:
    code, out, _ = run(
        DATA / "chained.dmn", "--decision", "Toeslag", "-i", "huishouden=samenwonend"
    )
    assert code == 0
    assert json.loads(out)["decisions"] == {
        "Bijstandsnorm": {
            "type": "decision table",
            "hit_policy": "U",
            "result": 1700,
            "matched": [{"rule": 2, "id": "n_r2"}],
            "selected": [{"rule": 2, "id": "n_r2"}],
            "default_used": False,
        },
        "Toeslag": {"type": "literal expression", "result": 175},
    }


def test_inputs_file_with_overrides_and_dotted_names(tmp_path: Path) -> None:
    inputs = tmp_path / "case.json"
    inputs.write_text(
        json.dumps({"huishouden": "alleenstaand", "aanvrager": {"inkomen": 900.5}}),
        encoding="utf-8",
    )
    code, out, err = run(
        DATA / "toeslag.yaml",
        "--inputs",
        inputs,
        "-i",
        "aanvrager.kinderen=2",
        "-i",
        "huishouden=samenwonend",
    )
    assert code == 0, err
    decisions = json.loads(out)["decisions"]
    assert decisions["Norm"]["result"] == 1700
    assert decisions["Toeslag"]["result"] == 175
    assert decisions["Toeslag"]["matched"] == [{"rule": 1, "id": "basis"}, {"rule": 2}, {"rule": 3}]


def test_multiple_outputs_and_defaults_in_csv() -> None:
    code, out, _ = run(
        DATA / "tarief.csv", "-i", "leeftijd=30", "-i", "zone=centrum", "-i", "mantelzorger=null"
    )
    assert code == 0
    result = json.loads(out)["decisions"]["Parkeertarief"]
    assert result["result"] == {"tarief": 0, "opmerking": None}
    assert result["default_used"] is True
    assert result["matched"] == []


def test_output_is_deterministic() -> None:
    args = (
        DATA / "tarief.csv",
        "-i",
        "leeftijd=70",
        "-i",
        "zone=schil",
        "-i",
        "mantelzorger=false",
    )
    assert run(*args) == run(*args)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("18", Decimal(18)),
        ("-2.5", Decimal("-2.5")),
        ("true", True),
        ("false", False),
        ("null", None),
        ('"met spaties"', "met spaties"),
        ("hoog", "hoog"),
        ("te laag", "te laag"),
        ("2024-01-31", "2024-01-31"),
        ("", ""),
    ],
)
def test_input_values_are_feel_literals_or_bare_text(text: str, expected: object) -> None:
    assert MODULE.parse_input_value(text) == expected


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["lint_clean.csv", "-i", "leeftijd=20"], 2, "no value for 'risico'"),
        (["lint_clean.csv", "-i", "leeftijd"], 2, "is not NAME=VALUE"),
        (["lint_clean.csv", "-i", "a=1", "-i", "a=2"], 2, "given twice"),
        (["lint_clean.csv", "-i", 'risico="hoog'], 2, "unterminated string"),
        (["lint_clean.csv", "-i", "a=1", "-i", "a.b=2"], 2, "not an object"),
        (["lint_clean.csv", "-i", "a..b=2"], 2, "not a valid input name"),
        (["lint_clean.csv", "--decision", "Clean", "-i", "x=1"], 2, "did you mean 'lint_clean'?"),
        (["unique_violation.csv", "-i", "leeftijd=10"], 2, "rules 1 and 2 both match"),
        (["bad_feel_input.dmn", "-i", "leeftijd=1"], 2, "'?' is full FEEL"),
        (["missing.dmn"], 2, "the file does not exist"),
        (["lint_clean.csv", "--inputs", "missing.json"], 2, "cannot read the inputs file"),
    ],
)
def test_errors_are_reported_without_traceback(args: list[str], code: int, message: str) -> None:
    first = str(DATA / args[0])
    rest = [str(DATA / a) if a.endswith(".json") else a for a in args[1:]]
    exit_code, out, err = run(first, *rest)
    assert exit_code == code
    assert out == ""
    assert err.startswith("error: ")
    assert message in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "must hold one JSON object"),
        (b"\xff\xfe", "not UTF-8"),
    ],
)
def test_bad_inputs_file(tmp_path: Path, content: str | bytes, message: str) -> None:
    path = tmp_path / "bad.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    exit_code, _, err = run(DATA / "lint_clean.csv", "--inputs", path)
    assert exit_code == 2
    assert message in err


def test_help_mentions_formats() -> None:
    result = runner().invoke(decide, ["--help"])
    assert result.exit_code == 0
    assert "--inputs FILE.json" in result.output
    assert "NAME=VALUE" in result.output
