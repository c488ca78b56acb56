"""Coverage of the rules by expert tests, and the baseline diff."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from pvrules.cli.main import main
from pvrules.testing.baseline import compare_baseline, render_changes
from pvrules.testing.coverage import measure, render_coverage
from pvrules.testing.session import run_tests

from .conftest import DATA, SMALL_ARGS, SMALL_KB

SMALL_TESTS = Path(__file__).resolve().parent / "small_tests"


def test_coverage_lists_unfired_rules_and_one_sided_branches() -> None:
    run = run_tests([SMALL_TESTS], **SMALL_KB)
    cov = measure(run.kb, run.outcomes)
    assert {r.rule_id for r in cov.uncovered_rules} == {
        "leg.sterk", "org.zwak", "balans.capaciteit", "risico.wantrouwen"}
    text = render_coverage(cov, run.kb)
    assert "rule 'org.zwak' (" in text
    assert "    line 22: when.any[1].all[1] (inwoners is above 50000): never true" in text
    assert "rules.yaml:2):\n    line 5: when (draagvlak is at most laag): never false" in text
    assert "7 of 11 rules fire in some test (63%)" in text


def test_coverage_branch_seen_both_ways_is_not_listed() -> None:
    run = run_tests([SMALL_TESTS], **SMALL_KB)
    text = render_coverage(measure(run.kb, run.outcomes), run.kb)
    # any[0] of org.sterk (capaciteit hoog) is true in test 1 and false in test 3
    assert "when.any[0] (capaciteit is hoog)" not in text


def test_cli_coverage_flag() -> None:
    result = CliRunner().invoke(main, ["test", "--coverage", *SMALL_ARGS, str(SMALL_TESTS)])
    assert result.exit_code == 0, result.output
    assert "Coverage" in result.output
    assert "never fires in any test" in result.output


def _changed_base(tmp_path: Path) -> Path:
    base = tmp_path / "base"
    shutil.copytree(DATA / "kb" / "knowledge", base / "knowledge")
    (base / "rules").mkdir()
    text = (DATA / "kb" / "rules" / "rules.yaml").read_text(encoding="utf-8")
    (base / "rules" / "rules.yaml").write_text(
        text.replace("        - capaciteit: hoog", "        - capaciteit: gemiddeld"),
        encoding="utf-8")
    return base


def test_baseline_folder_shows_semantic_diff(tmp_path: Path) -> None:
    run = run_tests([SMALL_TESTS], **SMALL_KB)
    changes = compare_baseline(str(_changed_base(tmp_path)), run, include_builtin=False)
    text = render_changes(changes)
    assert re.search(r"^3 of \d+ cases change$", text, re.MULTILINE)
    assert "changed: 'participatie' for the case: recommended (zwak) → recommended (sterk)" \
        in text
    assert "rule 'org.sterk' no longer fires for the case" in text
    assert "derived organisatie: sterk → unknown" in text


def test_baseline_same_rules_no_change(tmp_path: Path) -> None:
    base = tmp_path / "same"
    shutil.copytree(DATA / "kb", base)
    result = CliRunner().invoke(main, ["test", "--baseline", str(base), *SMALL_ARGS,
                                       str(SMALL_TESTS)])
    assert result.exit_code == 0, result.output
    assert re.search(r"^0 of \d+ cases change$", result.output, re.MULTILINE)


def test_baseline_git_revision(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(DATA / "kb", repo)
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "base"], check=True)
    rules = repo / "rules" / "rules.yaml"
    rules.write_text(rules.read_text(encoding="utf-8").replace(
        "        - capaciteit: hoog", "        - capaciteit: gemiddeld"), encoding="utf-8")
    run = run_tests([SMALL_TESTS], [repo / "rules"], [repo / "knowledge"],
                    include_builtin=False, use_env=False)
    changes = compare_baseline("HEAD", run, include_builtin=False, repo=repo)
    assert len(changes.changes) == 3
    assert "rule 'org.sterk' now fires for the case" in render_changes(changes)


def test_baseline_bad_revision_is_input_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["test", "--baseline", "no-such-rev-xyz", *SMALL_ARGS,
                                       str(SMALL_TESTS)])
    assert result.exit_code == 2
    assert "--baseline" in result.output


@pytest.mark.slow
def test_baseline_folder_with_rules_only_uses_current_knowledge(tmp_path: Path) -> None:
    from importlib import resources

    from pvrules.errors import PvrulesError

    try:
        run = run_tests([], use_env=False)
    except PvrulesError as err:  # pragma: no cover - the built-in base is being written
        pytest.skip(f"the built-in knowledge base does not load: {err.message}")
    shutil.copytree(Path(str(resources.files("pvrules.rules"))), tmp_path / "base" / "rules")
    changes = compare_baseline(str(tmp_path / "base"), run)
    assert changes.changes == ()
