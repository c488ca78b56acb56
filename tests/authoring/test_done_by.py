"""``done_by``: lint warns only when the case's own sources show the advised item done."""

from __future__ import annotations

from pathlib import Path

import pytest

from pvrules.authoring.lint import run_lint

HERE = Path(__file__).resolve().parent
KNOWLEDGE = [HERE.parent / "data" / "kb" / "knowledge", HERE / "bad_knowledge"]
RULE = HERE / "bad" / "advises_what_case_has.yaml"


@pytest.mark.parametrize(("bronnen", "warned"), [
    ("[rekenkamer_2018]", True),     # a rekenkamer report: a new assessment is redundant
    ("[s1]", False),                 # another kind of source: nothing is shown done
    ("[]", False),
])
def test_done_by_warns_only_with_a_source_of_that_kind(tmp_path: Path, bronnen: str,
                                                       warned: bool) -> None:
    case = tmp_path / "geval.yaml"
    case.write_text(f'casus: {{id: g, titel: G, datum: "2019-06-01", bronnen: {bronnen}}}\n'
                    "feiten: {draagvlak: hoog}\n", encoding="utf-8")
    result = run_lint(rules_dirs=[RULE], knowledge_dirs=KNOWLEDGE, include_builtin=False,
                      use_env=False, examples=[case])
    found = [f for f in result.findings if f.code == "advises-what-case-has"]
    assert bool(found) is warned
    assert all(f.severity == "warning" and f.problem.rule_id == "bad.already_done"
               for f in found)
