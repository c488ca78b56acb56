"""Bad v2 inputs (options, certainty, client, dates, new conclusions): located messages.

The corpora are ``tests/data/kb_v2/cases_bad`` and ``tests/data/kb_v2/rules_bad``; their
``expected.yaml`` is the specification of the messages.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from pvrules.cli import main
from pvrules.errors import CaseError, PvrulesError, RuleFileError
from pvrules.kb import KnowledgeBase, load_kb
from pvrules.validate.case import load_case_file

DATA = Path(__file__).resolve().parents[1] / "data" / "kb_v2"
CASES = yaml.safe_load((DATA / "cases_bad" / "expected.yaml").read_text())
RULES = yaml.safe_load((DATA / "rules_bad" / "expected.yaml").read_text())


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb([DATA / "rules"], [DATA / "knowledge"], include_builtin=False, use_env=False)


def test_every_bad_file_has_an_expectation() -> None:
    for folder, table in (("cases_bad", CASES), ("rules_bad", RULES)):
        files = {p.name for p in (DATA / folder).glob("*.yaml")} - {"expected.yaml"}
        assert files == set(table), folder


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_case(name: str, kb: KnowledgeBase) -> None:
    path = DATA / "cases_bad" / name
    with pytest.raises(CaseError) as info:
        load_case_file(str(path), kb.vocab, sources=kb.catalogues.sources)
    _check(info.value, CASES[name], str(path), by_rule=False)


@pytest.mark.parametrize("name", sorted(RULES))
def test_bad_rule_file(name: str) -> None:
    path = DATA / "rules_bad" / name
    with pytest.raises(RuleFileError) as info:
        load_kb([DATA / "rules", path], [DATA / "knowledge"], include_builtin=False,
                use_env=False)
    _check(info.value, RULES[name], str(path), by_rule=True)


def _check(err: PvrulesError, expected: list[list[object]], path: str, by_rule: bool) -> None:
    problems = [p for p in err.problems if p.file == path]
    assert len(problems) == len(expected), err.format()
    for problem, (code, line, where, words, hint) in zip(problems, expected, strict=True):
        assert (problem.code, problem.line) == (code, line), err.format()
        assert (problem.rule_id if by_rule else problem.loc) == where, err.format()
        assert str(words) in problem.message, err.format()
        if hint is not None:
            assert problem.suggestion is not None and str(hint) in problem.suggestion, \
                err.format()


@pytest.mark.parametrize("name", ["option_partner_unknown.yaml", "client_kind.yaml"])
def test_cli_exit_2_with_the_place(name: str) -> None:
    result = CliRunner().invoke(main, [
        "advise", str(DATA / "cases_bad" / name), "--no-builtin", "--rules-dir",
        str(DATA / "rules"), "--knowledge-dir", str(DATA / "knowledge")])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert f"{name}:" in result.output and "did you mean" in result.output
