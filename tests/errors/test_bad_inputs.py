"""One bad file per error kind: each gives the expected located, plain message.

The corpora are ``tests/data/cases_bad`` and ``tests/data/rules_bad``; their
``expected.yaml`` is the specification of the messages.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from pvrules.cli import main
from pvrules.errors import CaseError, FileFormatError, PvrulesError, RuleFileError
from pvrules.kb import load_kb
from pvrules.validate.case import load_case_file

DATA = Path(__file__).resolve().parents[1] / "data"
KB_RULES = DATA / "kb" / "rules"
KB_KNOWLEDGE = DATA / "kb" / "knowledge"
CASES = yaml.safe_load((DATA / "cases_bad" / "expected.yaml").read_text())
RULES = yaml.safe_load((DATA / "rules_bad" / "expected.yaml").read_text())


@pytest.fixture(scope="module")
def small_kb():
    return load_kb([KB_RULES], [KB_KNOWLEDGE], include_builtin=False, use_env=False)


def test_every_bad_file_has_an_expectation() -> None:
    for folder, table in (("cases_bad", CASES), ("rules_bad", RULES)):
        files = {p.name for p in (DATA / folder).glob("*.yaml")} - {"expected.yaml"}
        assert files == set(table), folder


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_case(name: str, small_kb) -> None:
    path = DATA / "cases_bad" / name
    with pytest.raises((CaseError, FileFormatError)) as info:
        load_case_file(str(path), small_kb.vocab)
    _check(info.value, CASES[name], str(path), by_rule=False)


@pytest.mark.parametrize("name", sorted(RULES))
def test_bad_rule_file(name: str) -> None:
    path = DATA / "rules_bad" / name
    with pytest.raises((RuleFileError, FileFormatError)) as info:
        load_kb([KB_RULES, path], [KB_KNOWLEDGE], include_builtin=False, use_env=False)
    _check(info.value, RULES[name], str(path), by_rule=True)


def _check(err: PvrulesError, expected: list[list[object]], path: str, by_rule: bool) -> None:
    problems = [p for p in err.problems if p.file == path]
    assert len(problems) == len(expected), err.format()
    text = err.format()
    for problem, (code, line, where, words, hint) in zip(problems, expected, strict=True):
        assert problem.code == code, err.format()
        assert problem.line == line, err.format()
        if by_rule:
            assert problem.rule_id == where
        else:
            assert problem.loc == where
        assert str(words) in problem.message
        assert str(words) in text
        if hint is None:
            assert problem.suggestion is None or code in ("bad-value", "yaml-syntax")
        else:
            assert problem.suggestion is not None and str(hint) in problem.suggestion
            assert str(hint) in text


def test_three_errors_rendered_text_exactly(small_kb) -> None:
    path = DATA / "cases_bad" / "three_errors.yaml"
    with pytest.raises(CaseError) as info:
        load_case_file(str(path), small_kb.vocab)
    assert info.value.format() == (
        "error: the case file has problems\n"
        f"{path}:3: at feiten.draagvlk: unknown fact 'draagvlk'\n"
        "    allowed: capaciteit, draagvlak, inwoners, thema\n"
        "    did you mean 'draagvlak'?\n"
        f"{path}:4: at feiten.capaciteit: expected one of the values of 'capaciteit', "
        "got a number (3)\n"
        "    allowed: laag, gemiddeld, hoog\n"
        f"{path}:5: at feiten.inwoners: -5 is out of range for 'inwoners'\n"
        "    allowed: a whole number, at least 0"
    )


@pytest.mark.parametrize("name", sorted(CASES))
def test_cli_bad_case_exit_2_without_traceback(name: str, tmp_path: Path) -> None:
    out = tmp_path / "advies.md"
    result = CliRunner().invoke(main, [
        "advise", str(DATA / "cases_bad" / name), "--no-builtin", "--rules-dir", str(KB_RULES),
        "--knowledge-dir", str(KB_KNOWLEDGE), "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.output.startswith("error: ")
    assert not out.exists(), "no output file may be written on error"
    assert not list(tmp_path.iterdir()), "no temporary file may be left behind"


@pytest.mark.parametrize("name", sorted(RULES))
def test_cli_bad_rules_exit_2(name: str, tmp_path: Path) -> None:
    case = DATA / "case_small.yaml"
    result = CliRunner().invoke(main, [
        "advise", str(case), "--no-builtin", "--rules-dir", str(KB_RULES), "--rules-dir",
        str(DATA / "rules_bad" / name), "--knowledge-dir", str(KB_KNOWLEDGE)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert name in result.output
