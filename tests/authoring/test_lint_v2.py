"""Lint on a well-formed v2 knowledge base, mirror addresses, levers and example sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from pvrules.authoring.check_sources import is_mirror
from pvrules.authoring.lint import run_lint
from pvrules.kb import load_kb

DATA = Path(__file__).resolve().parents[1] / "data" / "kb_v2"
V2 = {"rules_dirs": [DATA / "rules"], "knowledge_dirs": [DATA / "knowledge"],
      "include_builtin": False, "use_env": False}


@pytest.mark.parametrize(("url", "mirror"), [
    ("https://5dok.net/article/x.qmjkjx95", True),
    ("https://studylibnl.com/doc/1257537/x", True),
    ("https://www.scribd.com/document/590397708/x", True),
    ("https://nl.docplayer.nl/123-x.html", True),
    ("https://ptop.only.wip.la/x", True),
    ("https://wetten.overheid.nl/BWBR0003740", False),
    ("https://www.rijksoverheid.nl/documenten/beleidsnotas/2018/x", False),
    ("https://doi.org/10.1000/xyz", False),
])
def test_mirror_sites(url: str, mirror: bool) -> None:
    assert is_mirror(url) is mirror


def test_v2_knowledge_base_lints_without_errors() -> None:
    result = run_lint(**V2, examples=sorted((DATA / "cases").glob("*.yaml")))
    assert not result.errors, "\n".join(f.format() for f in result.errors)
    codes = {f.code for f in result.warnings}
    assert "names-example-entity" not in codes
    # 'draagvlak' is declared but read by no rule in this test base
    unread = [f for f in result.warnings if f.code == "fact-unread"]
    assert [f.problem.message for f in unread] == ["input fact 'draagvlak' is read by no rule"]


def test_aggregate_inputs_count_as_read() -> None:
    result = run_lint(**V2, examples=[])
    unread = {f.problem.message.split("'")[1] for f in result.findings
              if f.code == "fact-unread"}
    # partners, regio, vertrouwen and steunt are read through the aggregates rules test
    assert not unread & {"partners", "regio", "vertrouwen", "steunt"}


def test_levers_are_declared_per_fact() -> None:
    kb = load_kb(**V2)
    assert kb.vocab.facts["draagvlak"].lever and kb.vocab.facts["optievorm"].lever
    assert not kb.vocab.facts["co2_doel"].lever        # default: a circumstance


def test_example_sources_must_exist(tmp_path: Path) -> None:
    case = tmp_path / "voorbeeld.yaml"
    case.write_text('casus: {id: v, titel: V, datum: "2019-01-01", bronnen: [rapport_2091]}\n',
                    encoding="utf-8")
    result = run_lint(**V2, examples=[case])
    found = [f for f in result.errors if f.code == "unknown-source"]
    assert found and found[0].problem.file == str(case) and found[0].problem.line == 1
    assert "did you mean 'rapport_2019'" in (found[0].problem.suggestion or "")


def test_a_source_the_example_writes_in_place_is_known(tmp_path: Path) -> None:
    case = tmp_path / "voorbeeld.yaml"
    case.write_text('casus: {id: v, titel: V, datum: "2019-01-01", bronnen: [rapport_2019, '
                    '{id: raadsbrief_2018, title: Raadsbrief, publisher: Gemeente V, '
                    'year: 2018}]}\n', encoding="utf-8")
    result = run_lint(**V2, examples=[case])
    assert not [f for f in result.errors if f.code == "unknown-source"]


def test_cli_lint_with_example_cases() -> None:
    from click.testing import CliRunner

    from pvrules.cli import main

    bad = Path(__file__).resolve().parent / "bad" / "source_after_case.yaml"
    example = Path(__file__).resolve().parent / "examples" / "voorbeeld-2019.yaml"
    knowledge = Path(__file__).resolve().parents[1] / "data" / "kb" / "knowledge"
    extra = Path(__file__).resolve().parent / "bad_knowledge"
    result = CliRunner().invoke(main, [
        "rules", "lint", "--no-builtin", "--rules-dir", str(bad), "--knowledge-dir",
        str(knowledge), "--knowledge-dir", str(extra), "--example", str(example)])
    assert result.exit_code == 1, result.output
    assert "source-after-case" in result.output and "voorbeeld-2019.yaml" in result.output
