"""The expert test runner: results, report, exit codes, CLI and the pytest plugin."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pvrules.cli.main import main
from pvrules.testing import evaluate
from pvrules.testing.session import run_tests

from .conftest import DATA, SMALL_ARGS, SMALL_KB

HERE = Path(__file__).resolve().parent
SMALL_TESTS = HERE / "small_tests"

FAILING = """\
tests:
  - name: Verkeerde verwachting
    case:
      feiten: {draagvlak: hoog, capaciteit: laag}
      opgaven: [{id: o1, schaal: regionaal, beleidsrijk: true}]
    expect:
      fires: [leg.zwak]
      recommends: [{item: centrum, for: o1}]
      derived: {legitimiteit: zwak}
"""

BAD = """\
tests:
  - name: Onbekende regel
    case: {feiten: {draagvlak: hoog}}
    expect:
      fires: [leg.zwk]
"""


def _run(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(main, args)
    return result.exit_code, result.output


def test_small_tests_pass() -> None:
    run = run_tests([SMALL_TESTS], **SMALL_KB)
    assert [o.status for o in run.outcomes] == ["passed"] * 3
    assert run.exit_code == 0


def test_failure_report_says_what_and_why(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(FAILING, encoding="utf-8")
    code, out = _run(["test", *SMALL_ARGS, str(path)])
    assert code == 1
    assert f"✗ Verkeerde verwachting  ({path}:2)" in out
    assert "expected: rule 'leg.zwak' fires" in out
    assert "'draagvlak is at most laag' does not hold: draagvlak is hoog" in out
    assert "'centrum' is advised against for opgave o1" in out
    assert "rule 'vorm.lokaal' (advises against it) fired for opgave o1" in out
    assert "expected: legitimiteit = zwak" in out
    assert "rule 'leg.sterk' derived sterk" in out
    assert out.rstrip().endswith("0 passed, 1 failed")
    assert "Traceback" not in out


def test_passing_report_and_exit_zero() -> None:
    code, out = _run(["test", *SMALL_ARGS, str(SMALL_TESTS)])
    assert code == 0, out
    assert "✓ Weinig draagvlak bij veel capaciteit vraagt participatie" in out
    assert "small.yaml:3)" in out
    assert out.rstrip().endswith("3 passed, 0 failed")


def test_bad_test_file_exits_2_with_suggestion(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(BAD, encoding="utf-8")
    code, out = _run(["test", *SMALL_ARGS, str(path)])
    assert code == 2
    assert f"{path}:5" in out
    assert "unknown rule 'leg.zwk'" in out
    assert "did you mean 'leg.zwak'" in out


def test_unknown_key_in_test_file(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text("tests:\n  - name: x\n    case: {}\n    expect: {fire: [a]}\n",
                    encoding="utf-8")
    code, out = _run(["test", *SMALL_ARGS, str(path)])
    assert code == 2
    assert "unknown key 'fire'" in out
    assert "did you mean 'fires'" in out


def test_tests_folder_of_rules_dir_is_default_and_not_read_as_rules(tmp_path: Path) -> None:
    rules = tmp_path / "ext"
    (rules / "tests").mkdir(parents=True)
    (rules / "tests" / "mine.yaml").write_text(
        (SMALL_TESTS / "small.yaml").read_text(encoding="utf-8").replace(
            "../../data/case_small.yaml", str(DATA / "case_small.yaml")), encoding="utf-8")
    (rules / "extra.yaml").write_text("rules: []\n", encoding="utf-8")
    args = ["--no-builtin", "--rules-dir", str(DATA / "kb" / "rules"), "--rules-dir",
            str(rules), "--knowledge-dir", str(DATA / "kb" / "knowledge")]
    code, out = _run(["test", *args])
    assert code == 0, out
    assert "3 passed, 0 failed" in out
    assert "mine.yaml" in out


def test_evaluate_helper_accepts_facts_or_case() -> None:
    kw = {k: v for k, v in SMALL_KB.items() if k != "use_env"}
    result = evaluate({"draagvlak": "laag", "capaciteit": "hoog"}, **kw)
    assert "balans.participatie" in {f.rule_id for f in result.firings}
    result = evaluate({"feiten": {"draagvlak": "hoog"}, "opgaven": [{"id": "o1"}]}, **kw)
    assert "leg.sterk" in {f.rule_id for f in result.firings}


@pytest.mark.slow
def test_pytest_plugin_collects_yaml_tests(tmp_path: Path) -> None:
    (tmp_path / "test_ok.yaml").write_text(
        (SMALL_TESTS / "small.yaml").read_text(encoding="utf-8").replace(
            "../../data/case_small.yaml", str(DATA / "case_small.yaml")), encoding="utf-8")
    (tmp_path / "test_bad.yaml").write_text(FAILING, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "pvrules.testing.plugin", "-p",
         "no:cacheprovider", "--rootdir", str(tmp_path), "-c", str(_empty_ini(tmp_path)),
         "--pvrules-no-builtin", "--pvrules-rules-dir", str(DATA / "kb" / "rules"),
         "--pvrules-knowledge-dir", str(DATA / "kb" / "knowledge"), str(tmp_path)],
        capture_output=True, text=True, check=False, cwd=tmp_path)
    out = proc.stdout
    assert proc.returncode == 1, out + proc.stderr
    assert "3 passed" in out
    assert "1 failed" in out
    assert "expected: rule 'leg.zwak' fires" in out
    assert "test_bad.yaml:2" in out
    assert "Traceback" not in out
    assert "def runtest" not in out


@pytest.mark.slow
def test_pytest_plugin_adds_the_rules_dir_of_a_tests_folder(tmp_path: Path) -> None:
    ext = tmp_path / "ext"
    (ext / "tests").mkdir(parents=True)
    (ext / "extra.yaml").write_text(
        "rules:\n  - id: ext.hoog\n    title: {nl: t, en: t}\n    principle: {nl: p, en: p}\n"
        "    when: {draagvlak: hoog}\n    then: [{recommend: capaciteit_opbouwen}]\n"
        "    explanation: {nl: x, en: x}\n    sources: [s1]\n", encoding="utf-8")
    (ext / "tests" / "ext.yaml").write_text(
        "tests:\n  - name: extensie\n    case: {feiten: {draagvlak: hoog}}\n"
        "    expect: {fires: [ext.hoog], recommends: [capaciteit_opbouwen]}\n",
        encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "pvrules.testing.plugin", "-p",
         "no:cacheprovider", "--rootdir", str(tmp_path), "-c", str(_empty_ini(tmp_path)),
         "--pvrules-no-builtin", "--pvrules-rules-dir", str(DATA / "kb" / "rules"),
         "--pvrules-knowledge-dir", str(DATA / "kb" / "knowledge"), str(ext / "tests")],
        capture_output=True, text=True, check=False, cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "1 passed" in proc.stdout


def test_evaluate_with_builtin_kb() -> None:
    from pvrules.errors import PvrulesError

    try:
        result = evaluate({"draagvlak_raad": "laag"})
    except PvrulesError as err:  # pragma: no cover - the built-in base is being written
        pytest.skip(f"the built-in knowledge base does not load: {err.message}")
    assert result.firings


def _empty_ini(folder: Path) -> Path:
    """An empty pytest configuration (pytest 9.2 refuses ``-c /dev/null``)."""
    ini = folder / "empty-pytest.ini"
    ini.write_text("[pytest]\n", encoding="utf-8")
    return ini
