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


def _examples() -> list[tuple[str, str, str]]:
    out = []
    for guide in GUIDES:
        text = guide.read_text(encoding="utf-8")
        for n, match in enumerate(BLOCK.finditer(text), start=1):
            out.append((f"{guide.name}#{n}-{match.group(1)}", match.group(1), match.group(2)))
    return out


EXAMPLES = _examples()


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("PVRULES_RULES_PATH", raising=False)
    monkeypatch.delenv("PVRULES_KNOWLEDGE_PATH", raising=False)
    monkeypatch.setenv("PVRULES_CACHE_DIR", str(tmp_path / "cache"))


def test_guides_have_examples() -> None:
    for guide in GUIDES:
        kinds = {kind for name, kind, _t in EXAMPLES if name.startswith(guide.name + "#")}
        assert kinds == {"rule", "test"}, f"{guide.name} lacks marked examples"


@pytest.mark.parametrize(("name", "kind", "text"), EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_example_passes_lint(name: str, kind: str, text: str, tmp_path: Path) -> None:
    if kind == "rule":
        path = tmp_path / "example.yaml"
        path.write_text(text, encoding="utf-8")
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
