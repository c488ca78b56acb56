"""Lint ``text-bool-truth``: a yes/no fact tested as a truth value in an explanation.

The texts are checked against the shipped vocabulary, where a loop takes the partners of an
option (``optie.partners_items``) and ``wil_zelfstandig`` is a yes/no fact of a partner.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pvrules.authoring import check_truth
from pvrules.authoring.loading import load_for_lint

RULE = """rules:
  - id: ext.truth
    title: {{nl: t, en: t}}
    principle: {{nl: p, en: p}}
    for_each: optie
    when: {{all: [{{optievorm: herindeling}}, {{partner_wil_zelfstandig: true}}]}}
    then: [{{risk: transitiekosten}}]
    explanation:
      nl: "{nl}"
      en: "Text."
    sources: [wet_arhi]
"""


@pytest.mark.parametrize(("text", "found"), [
    ("{% for p in optie.partners_items if p.wil_zelfstandig %}{{ p.naam }}{% endfor %}",
     ["p.wil_zelfstandig"]),
    ("{% for p in optie.partners_items if not p.wil_zelfstandig %}x{% endfor %}",
     ["p.wil_zelfstandig"]),
    ("{{ 'a' if optie.partner_wil_zelfstandig and peildatum else 'b' }}",
     ["optie.partner_wil_zelfstandig"]),
    ("{% for p in optie.partners_items if p.wil_zelfstandig == 'ja' %}x{% endfor %}", []),
    ("{% if optie.bron.partner_wil_zelfstandig %}x{% endif %}", []),
])
def test_truth_tests_of_yes_no_facts(tmp_path: Path, text: str, found: list[str]) -> None:
    (tmp_path / "x.yaml").write_text(RULE.format(nl=text.replace('"', '\\"')),
                                     encoding="utf-8")
    base = load_for_lint([tmp_path], use_env=False)
    assert base.knowledge is not None
    findings = check_truth.truths([e for e in base.entries if e.spec.id == "ext.truth"],
                                  base.rules, base.knowledge.vocab)
    assert [f.problem.message.split("'")[1] for f in findings] == found
    for finding in findings:
        assert finding.code == "text-bool-truth"
        assert finding.problem.suggestion == f"compare it: {found[0]} == 'ja'"


def test_shipped_texts_have_no_truth_tests() -> None:
    base = load_for_lint(use_env=False)
    assert base.knowledge is not None
    findings = check_truth.truths(base.entries, base.rules, base.knowledge.vocab)
    assert not findings, "\n".join(f.format() for f in findings)
