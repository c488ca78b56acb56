"""``law-at-effect``: a statute is cited at an option's effect on capacity or value only where
the printed sentence names the rule of law it applies; at a legitimacy effect it may stand."""

from __future__ import annotations

from pathlib import Path

import pytest

from pvrules.authoring.lint import run_lint

HERE = Path(__file__).resolve().parent
KNOWLEDGE = [HERE.parent / "data" / "kb" / "knowledge", HERE / "bad_knowledge"]

RULE = """
  - id: r.{id}
    title: {{nl: t, en: t}}
    principle: {{nl: p, en: p}}
    for_each: optie
    when: {{optievorm: herindeling}}
    then: [{{effect: {corner}, sign: "{sign}"}}]
    explanation:
      nl: "{text}"
      en: "x"
    sources: [wet_x]
"""

CASES = [
    # (corner, sign, first sentence, reported?)
    ("organisatie", "+", "Een subsidie geeft de partner weer continuïteit.", True),
    ("publieke_waarde", "0", "De diensten blijven geleverd.", True),
    ("organisatie", "-", "Volgens art. 4:51 Awb kan de subsidie alleen met een afbouwtermijn "
     "stoppen.", False),
    ("legitimiteit", "+", "Een subsidie met beschikking maakt de relatie controleerbaar.", False),
]


@pytest.mark.parametrize(("corner", "sign", "text", "reported"), CASES)
def test_law_at_effect(tmp_path: Path, corner: str, sign: str, text: str,
                       reported: bool) -> None:
    path = tmp_path / "r.yaml"
    path.write_text("rules:" + RULE.format(id="x", corner=corner, sign=sign, text=text),
                    encoding="utf-8")
    result = run_lint(rules_dirs=[path], knowledge_dirs=KNOWLEDGE, include_builtin=False,
                      use_env=False)
    found = [f for f in result.findings if f.code == "law-at-effect"]
    assert bool(found) is reported, "\n".join(f.format() for f in result.findings)
    if found:
        assert found[0].problem.line and "wet_x" in found[0].problem.message
