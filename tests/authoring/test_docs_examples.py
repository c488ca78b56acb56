"""The rule and test examples in the author's guides load and pass lint with the built-in KB.

A YAML block is an example when the line before its fence is
``<!-- example: rule -->`` or ``<!-- example: test -->``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pvrules.authoring.lint import run_lint
from pvrules.errors import PvrulesError
from pvrules.kb import load_kb
from pvrules.testing.load import load_tests
from pvrules.testing.runner import ExpertRunner
from pvrules.testing.sources import TestSource

DOCS = Path(__file__).resolve().parents[2] / "docs"
GUIDES = [DOCS / "authoring.md", DOCS / "authoring.en.md"]
BLOCK = re.compile(r"<!-- example: (rule|test) -->\n```yaml\n(.*?)```", re.DOTALL)
TABLE = re.compile(r"<!-- example: table (\S+) -->\n```csv\n(.*?)```", re.DOTALL)


def _tables(guide_name: str) -> dict[str, str]:
    """The decision-table examples of a guide, by file name."""
    text = (DOCS / guide_name).read_text(encoding="utf-8")
    return {m.group(1): m.group(2) for m in TABLE.finditer(text)}


def _examples() -> list[tuple[str, str, str]]:
    out = []
    for guide in GUIDES:
        text = guide.read_text(encoding="utf-8")
        for n, match in enumerate(BLOCK.finditer(text), start=1):
            out.append((f"{guide.name}#{n}-{match.group(1)}", match.group(1), match.group(2)))
    return out


EXAMPLES = _examples()


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PVRULES_RULES_PATH", raising=False)
    monkeypatch.delenv("PVRULES_KNOWLEDGE_PATH", raising=False)


def test_guides_have_examples() -> None:
    for guide in GUIDES:
        kinds = {kind for name, kind, _t in EXAMPLES if name.startswith(guide.name + "#")}
        assert kinds == {"rule", "test"}, f"{guide.name} lacks marked examples"


@pytest.mark.slow  # each lints the whole built-in knowledge base
@pytest.mark.parametrize(("name", "kind", "text"), EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_example_passes_lint(name: str, kind: str, text: str, tmp_path: Path) -> None:
    if kind == "rule":
        path = tmp_path / "example.yaml"
        path.write_text(text, encoding="utf-8")
        for table_name, table in _tables(name.split("#", maxsplit=1)[0]).items():
            (tmp_path / table_name).write_text(table, encoding="utf-8")
        result = run_lint([path], use_env=False)
        errors = [f.format() for f in result.errors]
        assert not errors, f"{name}:\n" + "\n".join(errors)
        return
    try:
        kb = load_kb(use_env=False)
    except PvrulesError as err:  # pragma: no cover - the built-in base is being written
        pytest.skip(f"the built-in knowledge base does not load: {err.message}")
    tests, problems = load_tests([TestSource(name, text, tmp_path)], kb)
    assert not problems, "\n".join(p.format() for p in problems)
    runner = ExpertRunner(kb, "python")
    try:
        outcomes = runner.run_all(tests)
    finally:
        runner.close()
    assert all(o.passed for o in outcomes), [(o.failures, o.error) for o in outcomes]


@pytest.mark.slow  # lints the whole built-in knowledge base
@pytest.mark.parametrize("guide", [g.name for g in GUIDES])
def test_table_examples_lint_without_errors_or_overlaps(guide: str, tmp_path: Path) -> None:
    tables = _tables(guide)
    assert tables, f"{guide} has no decision-table example"
    uses = BLOCK.findall((DOCS / guide).read_text(encoding="utf-8"))
    including = [t for kind, t in uses if kind == "rule" and "tables:" in t]
    assert including, f"{guide} has no rule file that includes its table"
    (tmp_path / "example.yaml").write_text(including[0], encoding="utf-8")
    for table_name, table in tables.items():
        (tmp_path / table_name).write_text(table, encoding="utf-8")
    result = run_lint([tmp_path], use_env=False)
    assert not result.errors, [f.format() for f in result.errors]
    assert not [f for f in result.findings if f.problem.code == "table-overlap"]
    kb = load_kb([tmp_path], use_env=False)
    assert "vorm-per-opgave.lokaal_beleidsrijk" in kb.entries
