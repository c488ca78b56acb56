"""Every deliberately broken rule file gets the finding its header comment promises.

Each file in ``bad/`` starts with ``# expect: CODE`` and optionally
``# keywords: a; b`` (each keyword must appear in that finding's message or
suggestion). ``# where: knowledge`` marks a finding located in a knowledge file
(a fact or item) rather than in the rule file. ``# examples: PATH`` (relative to the
file) gives the example case files for the hindsight checks. The files are linted one by one
with the small test vocabulary (``tests/data/kb/knowledge``) plus ``bad_knowledge/``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pvrules.authoring.lint import run_lint

HERE = Path(__file__).resolve().parent
BAD = sorted((HERE / "bad").glob("*.yaml"))
BAD_KB = sorted((HERE / "bad_kb").glob("*.yaml"))
KNOWLEDGE = [HERE.parent / "data" / "kb" / "knowledge", HERE / "bad_knowledge"]


def _examples(path: Path) -> list[Path]:
    found = re.search(r"^# examples: (.+)$", path.read_text(encoding="utf-8"), re.MULTILINE)
    return [path.parent / p.strip() for p in found.group(1).split(";")] if found else []


def _header(path: Path) -> tuple[str, list[str], bool]:
    text = path.read_text(encoding="utf-8")
    code = re.search(r"^# expect: (\S+)$", text, re.MULTILINE)
    assert code, f"{path.name} has no '# expect:' line"
    words = re.search(r"^# keywords: (.+)$", text, re.MULTILINE)
    keywords = [w.strip() for w in words.group(1).split(";")] if words else []
    in_knowledge = re.search(r"^# where: knowledge$", text, re.MULTILINE) is not None
    return code.group(1), keywords, in_knowledge


def test_corpus_covers_every_check() -> None:
    codes = {_header(p)[0] for p in BAD}
    assert codes >= {
        "unknown-key", "missing-key", "invalid", "unknown-fact", "bad-value", "operator-type",
        "unknown-operator", "bad-condition", "bad-quantifier", "unknown-entity",
        "variable-taken", "unknown-variable", "wrong-entity", "entity-not-in-scope",
        "not-derived", "unknown-item", "wrong-target", "unknown-source", "duplicate-id",
        "unknown-rule", "cycle", "yaml-syntax", "duplicate-key", "bad-file",
        "never-fires", "derived-never-made", "conflict", "subsumed", "text-syntax",
        "text-unknown-name", "text-unread-fact", "text-render", "disabled", "derived-unused",
        "item-never-recommended", "names-example-entity", "source-after-case",
        "source-after-rule", "press-release-legal", "cites-brief", "unknown-strength",
        "unknown-corner", "unknown-framework", "source-year-only", "source-replaced-cited",
        "advises-what-case-has", "norm-as-evidence", "kader-for-effect", "news-for-effect",
        "source-not-for", "afloop-unsourced", "route-source-unseen", "law-at-effect",
        "text-index", "text-bool-truth",
        "source-out-of-scope", "kader-not-in-force", "kader-bill-unknown", "kader-bill-in-force"}
    assert {_header(p)[0] for p in BAD_KB} >= {
        "source-mirror-url", "source-no-year", "source-no-author", "cites-brief", "fact-unread",
        "bad-aggregate", "unknown-corner", "duplicate", "unknown-entity",
        "source-replaced-unknown", "source-scope-unknown"}


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_bad_file_is_reported(path: Path) -> None:
    code, keywords, in_knowledge = _header(path)
    result = run_lint(rules_dirs=[path], knowledge_dirs=KNOWLEDGE, include_builtin=False,
                      use_env=False, examples=_examples(path))
    found = [f for f in result.findings if f.code == code]
    shown = "\n".join(f.format() for f in result.findings)
    assert found, f"no '{code}' finding for {path.name}; got:\n{shown}"
    in_file = [f for f in found if (f.problem.file == str(path)) != in_knowledge]
    assert in_file, f"'{code}' is not located {'outside' if in_knowledge else 'in'} " \
        f"{path.name}:\n{shown}"
    assert all(f.problem.line for f in in_file), shown
    text = " ".join(f"{f.problem.message} {f.problem.suggestion or ''}" for f in in_file).lower()
    for word in keywords:
        assert word.lower() in text, f"'{word}' not in the '{code}' finding:\n{shown}"


@pytest.mark.parametrize("path", BAD_KB, ids=[p.stem for p in BAD_KB])
def test_bad_knowledge_file_is_reported(path: Path) -> None:
    code, keywords, _where = _header(path)
    result = run_lint([path], knowledge_dirs=[KNOWLEDGE[0]], include_builtin=False,
                      use_env=False)
    shown = "\n".join(f.format() for f in result.findings)
    found = [f for f in result.findings if f.code == code and f.problem.file == str(path)]
    assert found, f"no '{code}' finding in {path.name}; got:\n{shown}"
    assert result.exit_code(strict=found[0].severity == "warning") == 1
    text = " ".join(f"{f.problem.message} {f.problem.suggestion or ''}" for f in found).lower()
    for word in keywords:
        assert word.lower() in text, f"'{word}' not in the '{code}' finding:\n{shown}"
