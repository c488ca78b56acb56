"""A knowledge base with more strata than durable_rules can close is refused by name.

durable_rules closes each stratum with one barrier rule on the case fact; past 256
rules on one pattern it fails with a bare "error code: 108". The limit check models
those barrier rules, names the deepest rule and its file, and ``--engine auto`` falls
back to the reference evaluator with one notice.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from pvrules.cli import main
from pvrules.errors import EngineLimitError
from pvrules.infer.engine import durable_available
from pvrules.kb import load_kb

DATA = Path(__file__).resolve().parents[1] / "data"
DEPTH = 260

pytestmark = pytest.mark.skipif(not durable_available(),
                                reason="durable_rules does not import on this Python")


def _chain(tmp_path: Path) -> tuple[Path, Path]:
    """Derived facts d1..d260, each derived from the one before: 260 strata."""
    knowledge = tmp_path / "knowledge"
    rules = tmp_path / "rules"
    knowledge.mkdir()
    rules.mkdir()
    facts = [{"id": f"d{i}", "type": "bool", "origin": "derived",
              "label": {"nl": f"d{i}", "en": f"d{i}"}, "description": {"nl": "d", "en": "d"}}
             for i in range(1, DEPTH + 1)]
    (knowledge / "chain.yaml").write_text(yaml.safe_dump({"facts": facts}))
    chain = [{"id": f"chain.r{i}", "title": {"nl": "t", "en": "t"},
              "principle": {"nl": "p", "en": "p"},
              "when": {"draagvlak": "laag"} if i == 1 else {f"d{i - 1}": True},
              "then": [{"derive": f"d{i}", "value": True}],
              "explanation": {"nl": "x", "en": "x"}, "sources": ["s1"]}
             for i in range(1, DEPTH + 1)]
    (rules / "chain.yaml").write_text(yaml.safe_dump({"rules": chain}))
    return rules, knowledge


def test_too_many_strata_are_refused_naming_the_deepest_rule(tmp_path: Path) -> None:
    from pvrules.infer.durable_backend import DurableEngine

    rules, knowledge = _chain(tmp_path)
    kb = load_kb([DATA / "kb" / "rules", rules], [DATA / "kb" / "knowledge", knowledge],
                 include_builtin=False, use_env=False)
    with pytest.raises(EngineLimitError) as info:
        DurableEngine(kb.rules, kb.vocab)
    problem = info.value.problems[0]
    assert problem.rule_id == f"chain.r{DEPTH}"
    assert problem.file == str(rules / "chain.yaml")
    assert f"{DEPTH} strata" in problem.message


def _advise(tmp_path: Path, engine: str):
    rules, knowledge = _chain(tmp_path)
    out = tmp_path / "advies.md"
    result = CliRunner().invoke(main, [
        "advise", str(DATA / "case_small.yaml"), "--no-builtin", "--engine", engine,
        "--rules-dir", str(DATA / "kb" / "rules"), "--rules-dir", str(rules),
        "--knowledge-dir", str(DATA / "kb" / "knowledge"), "--knowledge-dir", str(knowledge),
        "-o", str(out)])
    return result, out


@pytest.mark.slow  # compiles a 260-stratum chain again; the refusal itself is tested above
def test_engine_durable_exits_3_naming_rule_and_file(tmp_path: Path) -> None:
    result, out = _advise(tmp_path, "durable")
    assert result.exit_code == 3, result.output
    assert "Traceback" not in result.output and "error code" not in result.output
    assert f"chain.r{DEPTH}" in result.output and "chain.yaml" in result.output
    assert "<input>" not in result.output
    assert not out.exists()


@pytest.mark.slow  # compiles a 260-stratum chain again; the refusal itself is tested above
def test_engine_auto_falls_back_with_one_notice(tmp_path: Path) -> None:
    result, out = _advise(tmp_path, "auto")
    assert result.exit_code == 0, result.output
    notices = [line for line in result.output.splitlines() if line.startswith("note:")]
    assert len(notices) == 1 and "reference evaluator" in notices[0]
    assert out.exists()
