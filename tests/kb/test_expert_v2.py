"""Expert tests on options: effects, criteria, risks, route, preference, frameworks, dates."""

from __future__ import annotations

from pathlib import Path

from pvrules.testing.session import run_tests

DATA = Path(__file__).resolve().parents[1] / "data" / "kb_v2"
KB = {"rules_dirs": [str(DATA / "rules")], "knowledge_dirs": [str(DATA / "knowledge")],
      "include_builtin": False, "use_env": False}

WRONG = """\
tests:
  - name: Alles verkeerd verwacht
    case_file: {case}
    expect:
      effects: {{ab: {{publieke_waarde: "+", organisatie: "-"}}}}
      criteria: {{ab: {{samenhang: "?"}}}}
      risks: [{{item: frictie, for: ac}}]
      not_route: [arhi_ontwerp]
      preference: {{ab: advised}}
      frameworks: [kader_oud]
      no_later_sources: true
"""

LATER = """\
rules:
  - id: later.bron
    title: {nl: t, en: t}
    principle: {nl: p, en: p}
    for_each: optie
    when: {optievorm: herindeling}
    then: [{risk: frictie}]
    explanation: {nl: t, en: t}
    sources: [later_2021]
"""


def test_option_expectations_pass() -> None:
    run = run_tests([DATA / "tests"], **KB)
    assert [o.status for o in run.outcomes] == ["passed", "passed"], \
        [o.failures for o in run.outcomes]


def test_every_wrong_expectation_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "wrong.yaml"
    path.write_text(WRONG.format(case=DATA / "cases" / "twee_opties.yaml"), encoding="utf-8")
    run = run_tests([path], **KB)
    (outcome,) = run.outcomes
    assert outcome.status == "failed"
    got = {(f.expected, f.actual) for f in outcome.failures}
    assert ("effect of 'ab' on 'publieke_waarde' is +",
            "effect of 'ab' on 'publieke_waarde' is - (by optie.herindeling.regio)") in got
    assert ("effect of 'ab' on 'organisatie' is -", "effect of 'ab' on 'organisatie' is none") \
        in got
    assert ("criterion of 'ab' on 'samenhang' is ?",
            "criterion of 'ab' on 'samenhang' is - (by optie.herindeling.regio)") in got
    assert ("risk 'frictie' is concluded for ac", "'frictie' is concluded for optie:ab") in got
    assert ("route 'arhi_ontwerp' is not concluded",
            "'arhi_ontwerp' is concluded for optie:ab, the case") in got
    assert any(e == "preference for 'ab' is advised" and "advised_against" in a
               for e, a in got)
    assert ("framework 'kader_oud' is applied", "applied: kader_nieuw") in got
    assert len(outcome.failures) == 7  # no_later_sources holds


def test_later_source_is_reported(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "later.yaml").write_text(LATER, encoding="utf-8")
    test = tmp_path / "t.yaml"
    test.write_text(f"tests:\n  - name: Achteraf\n    case_file: "
                    f"{DATA / 'cases' / 'twee_opties.yaml'}\n    expect: "
                    "{no_later_sources: true}\n", encoding="utf-8")
    run = run_tests([test], **{**KB, "rules_dirs": [*KB["rules_dirs"], str(rules)]})
    (outcome,) = run.outcomes
    (failure,) = outcome.failures
    assert failure.expected == "no source published after 2019-09-01 is cited"
    assert "rule 'later.bron' cites 'later_2021' (2021)" in failure.reasons


def test_unknown_names_in_expectations(tmp_path: Path) -> None:
    path = tmp_path / "names.yaml"
    path.write_text("tests:\n  - name: Namen\n    case: {feiten: {co2_doel: true}}\n"
                    "    expect:\n      effects: {ab: {publieke_waard: '+'}}\n"
                    "      risks: [frictei]\n      frameworks: [kader_niew]\n",
                    encoding="utf-8")
    run = run_tests([path], **KB)
    text = "\n".join(f"{p.message} {p.suggestion}" for p in run.problems)
    assert "unknown corner 'publieke_waard'" in text and "did you mean 'publieke_waarde'" in text
    assert "unknown risk 'frictei'" in text and "did you mean 'frictie'" in text
    assert "unknown framework 'kader_niew'" in text
    assert run.exit_code == 2


def test_coverage_names_facts_no_test_case_knows(tmp_path: Path) -> None:
    from pvrules.testing.coverage import measure, render_coverage

    path = tmp_path / "oud.yaml"
    path.write_text(f"tests:\n  - name: Oud\n    case_file: {DATA / 'cases' / 'oud.yaml'}\n"
                    "    expect: {frameworks: [kader_oud]}\n", encoding="utf-8")
    run = run_tests([path], **KB)
    cov = measure(run.kb, run.outcomes)
    unknown = dict(cov.unexercised_facts(run.kb))
    assert unknown == {"co2_doel": ["case.duurzaam"], "opdrachtgever_soort": ["case.provincie"],
                       "allen_steunen": ["optie.steun"], "minste_vertrouwen": ["optie.steun"]}
    text = render_coverage(cov, run.kb)
    assert "fact 'co2_doel' is read by case.duurzaam but known in no test case" in text
    full = run_tests([DATA / "tests"], **KB)
    assert measure(full.kb, full.outcomes).unexercised_facts(full.kb) == []
