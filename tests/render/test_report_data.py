"""The report's data: decisions, pros and cons per corner, measures, appendix."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from types import SimpleNamespace

from pvrules.pipeline import Pipeline
from pvrules.render.report_data import LABELS, ReportData, long_date


def test_labels_have_the_same_keys_in_both_languages() -> None:
    assert set(LABELS["nl"]) == set(LABELS["en"])


def test_long_date() -> None:
    assert long_date(dt.date(2026, 3, 5), "nl") == "5 maart 2026"
    assert long_date(dt.date(2026, 3, 5), "en") == "5 March 2026"


def test_header_and_diagnosis(small_data: ReportData) -> None:
    assert small_data.date == "2026-11-27"
    assert small_data.date_long == "27 november 2026"
    assert [c.id for c in small_data.triangle] == ["publieke_waarde", "legitimiteit",
                                                   "organisatie"]
    assert small_data.imbalance.lagging == ("legitimiteit",)
    assert "legitimiteit (zwak) blijft achter bij organisatie (sterk)" in \
        small_data.imbalance_text
    assert len(small_data.diagnosis_lines) == 3
    assert small_data.diagnosis_lines[1] == "Legitimiteit: zwak — draagvlak laag."


def test_decisions_per_target_with_exclusive_options(small_data: ReportData) -> None:
    by_target = {d.target: d for d in small_data.decisions}
    assert list(by_target) == ["Opgave o1", "Opgave o2"]
    o2 = by_target["Opgave o2"]
    assert [(o.item, o.status) for o in o2.options] == [
        ("lichaam", "recommended"), ("lokaal", "alternative"), ("centrum", "advised_against")]
    assert o2.chosen is not None
    assert o2.chosen.item == "lichaam"
    # the test KB has no 'samenwerkingsvorm' catalogue: every exclusive one counts as forms
    assert small_data.forms == small_data.decisions
    centrum = by_target["Opgave o1"].options[0]
    assert centrum.item == "centrum"
    assert centrum.reasons_for == ("o1 is beleidsarm.",)
    assert centrum.reasons_against == ("x",)
    assert centrum.verdict == "sterk aanbevolen"


def test_pros_grouped_by_the_corner_of_their_facts(small_data: ReportData) -> None:
    participatie = next(m for m in small_data.measures if m.item == "participatie")
    groups = {g.corner: [s.rule_id for s in g.steps] for g in participatie.pros}
    assert groups == {"legitimiteit": ["leg.zwak", "balans.participatie"],
                      "organisatie": ["org.sterk", "balans.participatie"]}
    assert [g.label for g in participatie.pros] == ["Legitimiteit", "Organisatie"]
    # steps on facts without a corner are 'general'
    centrum = small_data.decisions[0].options[0]
    assert [g.corner for g in centrum.pros] == ["overig"]
    assert centrum.pros[0].label == "Algemeen"


def test_measures_and_main_recommendations(small_data: ReportData) -> None:
    assert [m.item for m in small_data.measures] == ["participatie"]
    assert small_data.measures[0].asks_of is None
    assert small_data.measures[0].reasons_for == ("Legitimiteit zwak, organisatie sterk.",)
    assert small_data.main_recommendations == (
        "Opgave o1: Centrumregeling (sterk aanbevolen).",
        "Opgave o2: Openbaar lichaam (aanbevolen).",
        "Participatie (sterk aanbevolen).")


def test_appendix_lists_every_firing(small_pipe: Pipeline, small_data: ReportData,
                                     h: SimpleNamespace) -> None:
    result = small_pipe.evaluate_file(str(h.CASE_SMALL))
    assert len(small_data.fired) == len(result.firings) == small_data.advice.firings
    assert {f.rule_id for f in small_data.fired} == {f.rule_id for f in result.firings}
    assert all(f.text and f.conclusion for f in small_data.fired)
    used = {(f.entity, f.fact) for f in small_data.facts_used}
    assert (None, "draagvlak") in used
    assert ("Partner b", "soort") in used
    assert [f.fact for f in small_data.unknown] == ["inwoners", "beleidsrijk"]
    assert [s.id for s in small_data.sources] == ["s1"]
    assert small_data.kb_hash == small_pipe.kb.content_hash


def test_asks_of_comes_from_the_catalogue(tmp_path: Path, h: SimpleNamespace) -> None:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(h.KB_KNOWLEDGE, knowledge)
    measures = knowledge / "measures.yaml"
    measures.write_text(measures.read_text(encoding="utf-8").replace(
        "{id: participatie, label: {nl: Participatie, en: Participation}, ",
        "{id: participatie, label: {nl: Participatie, en: Participation}, "
        "asks_of: {nl: Tijd van de raad, en: Time of the council}, "), encoding="utf-8")
    pipe = Pipeline(rules_dirs=[h.KB_RULES], knowledge_dirs=[knowledge], engine_name="python",
                    include_builtin=False)
    try:
        nl = h.make_data(pipe, h.CASE_SMALL)
        en = h.make_data(pipe, h.CASE_SMALL, "en")
    finally:
        pipe.close()
    assert nl.measures[0].asks_of == "Tijd van de raad"
    assert en.measures[0].asks_of == "Time of the council"
    assert en.t["summary"] == "Summary"


def test_board_uses_the_options_per_decision(small_data: ReportData) -> None:
    assert small_data.board_corners == ("Publieke waarde", "Legitimiteit", "Organisatie")
    assert [d.target for d in small_data.board] == ["Opgave o1", "Opgave o2"]
    o1 = small_data.board[0]
    assert o1.verdict == "De kennisbank geeft de voorkeur aan Centrumregeling (sterk aanbevolen)."
    assert [(o.item, o.status, o.favoured) for o in o1.options] == [
        ("centrum", "recommended", True), ("lokaal", "alternative", False)]
    assert o1.unspoken == ("Openbaar lichaam",)
    centrum = o1.options[0]
    assert centrum.general == "+ Centrum (Opgave o1); − Lokaal (Opgave o1)"
    assert centrum.rec is not None
