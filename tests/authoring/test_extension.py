"""A rule written in a separate folder is picked up with --rules-dir: linted, tested,
covered, and shown in ``pvrules advise`` with its explanation."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pvrules.cli.main import main
from pvrules.errors import PvrulesError

DATA = Path(__file__).resolve().parents[1] / "data"

KNOWLEDGE = """\
scales:
  - id: ext_niveau
    values:
      - {id: laag, nl: laag, en: low}
      - {id: hoog, nl: hoog, en: high}
facts:
  - {id: ext_urgentie, type: level, scale: ext_niveau,
     label: {nl: Urgentie (extensie), en: Urgency (extension)}, description: {nl: d, en: d}}
"""

CATALOGUE = """\
catalogue: {id: ext_maatregel, label: {nl: Extensiemaatregel, en: Extension measure}}
items:
  - {id: ext_crisisoverleg, label: {nl: Crisisoverleg, en: Crisis consultation},
     description: {nl: d, en: d}, sources: [ext_bron]}
"""

SOURCES = """\
sources:
  - {id: ext_bron, title: Eigen notitie van de adviseur}
"""

RULES = """\
rules:
  - id: ext.urgent_overleg
    title: {nl: Urgentie vraagt crisisoverleg, en: Urgency calls for a crisis consultation}
    principle: {nl: Bij hoge urgentie eerst samen om tafel., en: With high urgency meet first.}
    when: {ext_urgentie: hoog}
    then: [{recommend: ext_crisisoverleg, strength: sterk}]
    explanation:
      nl: "De urgentie is {{ ext_urgentie }}: organiseer eerst een crisisoverleg."
      en: "Urgency is {{ ext_urgentie }}: first organise a crisis consultation."
    sources: [ext_bron]
"""

TESTS = """\
tests:
  - name: Hoge urgentie geeft crisisoverleg
    case: {feiten: {ext_urgentie: hoog}}
    expect:
      fires: [ext.urgent_overleg]
      recommends: [ext_crisisoverleg]
  - name: Lage urgentie niet
    case: {feiten: {ext_urgentie: laag}}
    expect:
      not_recommends: [ext_crisisoverleg]
"""


@pytest.fixture
def extension(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    monkeypatch.delenv("PVRULES_RULES_PATH", raising=False)
    monkeypatch.delenv("PVRULES_KNOWLEDGE_PATH", raising=False)
    knowledge, rules = tmp_path / "ext" / "knowledge", tmp_path / "ext" / "rules"
    (rules / "tests").mkdir(parents=True)
    knowledge.mkdir(parents=True)
    (knowledge / "vocab.yaml").write_text(KNOWLEDGE, encoding="utf-8")
    (knowledge / "catalogue.yaml").write_text(CATALOGUE, encoding="utf-8")
    (knowledge / "sources.yaml").write_text(SOURCES, encoding="utf-8")
    (rules / "ext.yaml").write_text(RULES, encoding="utf-8")
    (rules / "tests" / "ext_tests.yaml").write_text(TESTS, encoding="utf-8")
    return rules, knowledge


def _run(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(main, args)
    return result.exit_code, result.output


def _check_extension(base: list[str], rules: Path, knowledge: Path, tmp_path: Path,
                     tests: list[str]) -> None:
    dirs = [*base, "--rules-dir", str(rules), "--knowledge-dir", str(knowledge)]
    code, out = _run(["rules", "lint", *dirs, str(rules)])
    assert code == 0, out
    assert "0 errors" in out
    assert "never-fires" not in out
    code, out = _run(["test", "--coverage", *dirs, *tests])
    assert code == 0, out
    assert "✓ Hoge urgentie geeft crisisoverleg" in out
    assert "ext_tests.yaml:2)" in out
    assert "rule 'ext.urgent_overleg' (" not in out  # it fires in a test: not listed
    case = tmp_path / "case.yaml"
    case.write_text("casus: {id: ext, titel: Extensie}\nfeiten: {ext_urgentie: hoog}\n",
                    encoding="utf-8")
    code, out = _run(["advise", str(case), "--engine", "python", *dirs])
    assert code == 0, out
    assert "Crisisoverleg" in out
    assert "De urgentie is hoog: organiseer eerst een crisisoverleg." in out


def test_extension_with_small_kb(extension: tuple[Path, Path], tmp_path: Path) -> None:
    rules, knowledge = extension
    base = ["--no-builtin", "--rules-dir", str(DATA / "kb" / "rules"), "--knowledge-dir",
            str(DATA / "kb" / "knowledge")]
    _check_extension(base, rules, knowledge, tmp_path, [])


@pytest.mark.slow  # lints the whole built-in knowledge base
def test_extension_with_builtin_kb(extension: tuple[Path, Path], tmp_path: Path) -> None:
    from pvrules.kb import load_kb

    try:
        load_kb(use_env=False)
    except PvrulesError as err:  # pragma: no cover - the built-in base is being written
        pytest.skip(f"the built-in knowledge base does not load: {err.message}")
    rules, knowledge = extension
    _check_extension([], rules, knowledge, tmp_path, [str(rules / "tests")])
