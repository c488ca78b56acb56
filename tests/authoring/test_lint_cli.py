"""``pvrules rules lint``, ``pvrules rules graph`` and ``pvrules schema``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import pvrules
from pvrules.authoring.schema import dumps, schema_for
from pvrules.cli.main import main
from pvrules.kb import load_kb

HERE = Path(__file__).resolve().parent
DATA = HERE.parent / "data" / "kb"
SMALL = ["--no-builtin", "--rules-dir", str(DATA / "rules"), "--knowledge-dir",
         str(DATA / "knowledge")]
BAD_KN = ["--no-builtin", "--knowledge-dir", str(DATA / "knowledge"), "--knowledge-dir",
          str(HERE / "bad_knowledge")]


@pytest.fixture(autouse=True)
def _no_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PVRULES_RULES_PATH", raising=False)
    monkeypatch.delenv("PVRULES_KNOWLEDGE_PATH", raising=False)


def _run(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(main, args)
    return result.exit_code, result.output


def test_lint_small_kb_has_warnings_only() -> None:
    code, out = _run(["rules", "lint", *SMALL])
    assert code == 0, out
    assert "warning conflict [vorm.lokaal]" in out
    assert "0 errors, 2 warnings, 0 info" in out
    code, _out = _run(["rules", "lint", "--strict", *SMALL])
    assert code == 1


def test_lint_error_exit_1_with_location_and_suggestion() -> None:
    path = HERE / "bad" / "unknown_fact.yaml"
    code, out = _run(["rules", "lint", *BAD_KN, str(path)])
    assert code == 1
    assert f"{path}:8: error unknown-fact [bad.fact]: unknown fact 'draagvlk'" in out
    assert "did you mean 'draagvlak'?" in out
    assert "Traceback" not in out


def test_lint_json() -> None:
    path = HERE / "bad" / "cycle.yaml"
    code, out = _run(["rules", "lint", "--format", "json", *BAD_KN, str(path)])
    assert code == 1
    data = json.loads(out)
    assert data["counts"]["error"] >= 1
    assert any(f["code"] == "cycle" and f["rule_id"] == "bad.cycle1" and f["line"] == 5
               for f in data["findings"])


def test_lint_only_shows_findings_in_given_paths() -> None:
    path = HERE / "bad" / "disabled.yaml"
    code, out = _run(["rules", "lint", *BAD_KN, str(path)])
    assert code == 0, out
    assert "info disabled [bad.off]" in out
    assert "item-never-recommended" not in out


def test_graph_mermaid_and_dot() -> None:
    code, out = _run(["rules", "graph", *SMALL])
    assert code == 0, out
    assert out.startswith("flowchart LR\n")
    assert "  f_draagvlak --> r_leg_zwak" in out
    assert "  r_leg_zwak -->|derives| d_legitimiteit" in out
    assert "  r_vorm_lokaal -.->|advises against| i_centrum" in out
    code, out = _run(["rules", "graph", "--format", "dot", "--rule", "leg.zwak", *SMALL])
    assert code == 0, out
    assert "r_leg_zwak -> d_legitimiteit [label=\"derives\"];" in out
    assert "r_balans_participatie" in out
    assert "r_vorm_centrum" not in out


def test_graph_unknown_rule() -> None:
    code, out = _run(["rules", "graph", "--rule", "leg.zwk", *SMALL])
    assert code == 2
    assert "did you mean 'leg.zwak'" in out


@pytest.mark.parametrize("kind", ["case", "rules", "knowledge"])
def test_committed_generic_schemas_are_current(kind: str) -> None:
    committed = Path(pvrules.__file__).parent / "schema" / f"{kind}.schema.json"
    assert committed.read_text(encoding="utf-8") == dumps(schema_for(kind)), \
        f"regenerate with: pvrules schema --generic {kind} > {committed}"


def test_schema_with_vocabulary_validates_files() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from pvrules.load.yamlio import parse_yaml

    def load(path: Path) -> dict:
        return parse_yaml(path.read_text(encoding="utf-8"), str(path)).data

    kb = load_kb([DATA / "rules"], [DATA / "knowledge"], include_builtin=False, use_env=False)
    case = schema_for("case", kb.knowledge)
    assert case["properties"]["feiten"]["properties"]["draagvlak"]["anyOf"][0]["enum"] == [
        "laag", "gemiddeld", "hoog"]
    case_data = load(DATA.parent / "case_small.yaml")
    jsonschema.validate(case_data, case)
    case_data["feiten"]["draagvlak"] = "heel_hoog"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(case_data, case)
    rules = schema_for("rules", kb.knowledge)
    rule_data = load(DATA / "rules" / "rules.yaml")
    jsonschema.validate(rule_data, rules)
    rule_data["rules"][0]["when"] = {"draagvlk": "hoog"}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(rule_data, rules)
    jsonschema.validate(rule_data, schema_for("rules"))


def test_schema_cli() -> None:
    code, out = _run(["schema", "case", *SMALL])
    assert code == 0, out
    schema = json.loads(out)
    assert "opgaven" in schema["properties"]
    code, out = _run(["schema", "--generic", "rules"])
    assert code == 0
    assert json.loads(out)["title"] == "pvrules rule file"


@pytest.mark.slow  # every shipped example, rule and knowledge file against its schema
def test_builtin_files_validate_against_their_schemas() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from pvrules.errors import PvrulesError
    from pvrules.load.yamlio import parse_yaml

    try:
        kb = load_kb(use_env=False)
    except PvrulesError as err:  # pragma: no cover - the built-in base is being written
        pytest.skip(f"the built-in knowledge base does not load: {err.message}")
    root = Path(pvrules.__file__).resolve().parent.parent
    groups = [("case", "examples/*.yaml"), ("rules", "rules/*.yaml"),
              ("knowledge", "knowledge/**/*.yaml")]
    for kind, pattern in groups:
        validator = jsonschema.Draft202012Validator(schema_for(kind, kb.knowledge))
        for path in sorted(root.glob(pattern)):
            data = parse_yaml(path.read_text(encoding="utf-8"), str(path)).data
            errors = [e.message for e in validator.iter_errors(data)]
            assert not errors, f"{path}: {errors[:3]}"
