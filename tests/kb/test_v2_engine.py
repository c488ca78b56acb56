"""Knowledge base v2 through both engines: options, aggregates, dates, new conclusions.

The test knowledge base ``tests/data/kb_v2`` has a fourth corner, four strengths and a
catalogue no code knows (``signaal``, kind ``risk``): nothing in pvrules names them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pvrules.infer.engine import durable_available
from pvrules.infer.reference import ReferenceEngine
from pvrules.infer.result import Result
from pvrules.kb import KnowledgeBase, load_kb
from pvrules.validate.case import Case, load_case_file, load_case_text

DATA = Path(__file__).resolve().parents[1] / "data" / "kb_v2"
CASES = sorted((DATA / "cases").glob("*.yaml"))


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb([DATA / "rules"], [DATA / "knowledge"], include_builtin=False, use_env=False)


def _run(kb: KnowledgeBase, name: str) -> tuple[Case, Result]:
    case = load_case_file(str(DATA / "cases" / f"{name}.yaml"), kb.vocab)
    return case, ReferenceEngine(kb.rules, kb.vocab).evaluate(case)


def _applied(result: Result) -> set[tuple[str, str | None, str, str, object, int]]:
    return {(f.rule_id, f.focus[1] if f.focus else None, a.kind, a.name, a.value, a.strength)
            for f in result.firings for a in f.conclusions}


def test_domain_ids_come_from_the_knowledge_files(kb: KnowledgeBase) -> None:
    assert kb.vocab.corner_ids == ("publieke_waarde", "legitimiteit", "organisatie",
                                   "duurzaamheid")
    assert [kb.vocab.strength_rank(s) for s in ("licht", "zwak", "middel", "dwingend")] == \
        [1, 2, 3, 4]
    assert kb.vocab.default_strength == "middel"
    assert kb.vocab.strength_by_rank(4).label.get("en") == "compellingly recommended"
    assert kb.catalogues.role("krimp") == "risk"          # a catalogue no code knows
    assert kb.catalogues.role("samenhang") == "criterion"
    assert kb.catalogues.role("enquete") == "item"        # no 'kind': recommendable items


def test_new_conclusions_reach_the_firings(kb: KnowledgeBase) -> None:
    _case, result = _run(kb, "twee_opties")
    got = _applied(result)
    regio = "optie.herindeling.regio"
    assert {(regio, "ab", "effect", "publieke_waarde", "-", 0),
            (regio, "ab", "effect", "duurzaamheid", "0", 0),
            (regio, "ab", "criterion", "samenhang", "-", 0),
            (regio, "ab", "risk", "frictie", None, 0),
            (regio, "ab", "risk", "krimp", None, 0),
            (regio, "ab", "route", "arhi_ontwerp", None, 0),
            (regio, "ab", "prefer", "advised_against", None, 4)} <= got
    # the default strength (middel, rank 3 of 4) where the rule names none
    assert ("optie.steun", "ac", "prefer", "advised", None, 3) in got
    assert ("case.duurzaam", None, "recommend", "enquete", None, 1) in got
    assert ("case.provincie", None, "route", "arhi_ontwerp", None, 0) in got
    # partner sets are judged per option: a-c agree on the region, a-d is unknown
    fired = {(f.rule_id, f.focus[1] if f.focus else None) for f in result.firings}
    assert (regio, "ac") not in fired and (regio, "ad") not in fired
    assert ("optie.steun", "ad") not in fired and ("optie.steun", "los") not in fired
    assert kb.rule(regio).frameworks == ("kader_nieuw",)


def test_rules_apply_by_the_case_date(kb: KnowledgeBase) -> None:
    _case, old = _run(kb, "oud")
    assert {f.rule_id for f in old.firings} == {"optie.herindeling.oud"}
    _case, new = _run(kb, "twee_opties")
    assert "optie.herindeling.oud" not in {f.rule_id for f in new.firings}
    # the date is a case fact: the compiled rule is the same for every date
    assert ("case", "peildatum") in kb.rule("optie.herindeling.oud").reads


def test_aggregates_are_computed_per_option(kb: KnowledgeBase) -> None:
    case, _result = _run(kb, "twee_opties")
    ab, ac, ad, los = (case.facts[("optie", i)] for i in ("ab", "ac", "ad", "los"))
    assert (ab["regio_verschilt"], ac["regio_verschilt"]) == (True, False)
    assert "regio_verschilt" not in ad and "minste_vertrouwen" not in ad  # unknown, no default
    assert (ab["minste_vertrouwen"], ac["minste_vertrouwen"]) == (1, 2)
    assert ab["aantal"] == ad["aantal"] == 2
    assert not {"aantal", "regio_verschilt", "allen_steunen"} & set(los)  # partners unknown


@pytest.mark.skipif(not durable_available(), reason="durable_rules not importable")
@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_both_engines_agree(kb: KnowledgeBase, path: Path) -> None:
    from pvrules.infer.durable_backend import DurableEngine

    case = load_case_file(str(path), kb.vocab)
    durable = DurableEngine(kb.rules, kb.vocab)
    try:
        actual = durable.evaluate(case)
    finally:
        durable.close()
    expected = ReferenceEngine(kb.rules, kb.vocab).evaluate(case)
    assert actual.signature() == expected.signature()
    assert any(a.kind in ("effect", "criterion") for f in actual.firings for a in f.conclusions)


def test_case_v2_fields(kb: KnowledgeBase) -> None:
    case, _result = _run(kb, "twee_opties")
    assert case.meta.opdrachtgever is not None
    assert case.meta.opdrachtgever.entiteit == ("prov",)
    assert case.facts[("case", "case")]["opdrachtgever_soort"] == "provincie"
    assert case.facts[("case", "case")]["peildatum"] == 20190901
    assert case.peildatum == dt.date(2019, 9, 1) and not case.date_defaulted
    assert case.certainty_of(("case", "case"), "draagvlak") == "laag"
    assert case.certainty_of(("partner", "c"), "vertrouwen") == "gemiddeld"
    assert case.certainty_of(("partner", "a"), "vertrouwen") == "hoog"
    assert case.provenance[(("case", "case"), "draagvlak")] == "opiniestuk, 2019"
    assert case.facts[("case", "case")]["draagvlak"] == 0  # the engine sees the value only
    assert case.afloop is not None and "2021" in case.afloop
    assert all("2021" not in str(v) for facts in case.facts.values() for v in facts.values())
    assert case.meta.auteur == "Adviseur" and case.meta.bronnen == ("rapport_2019",)


def test_plain_client_and_defaulted_date(kb: KnowledgeBase) -> None:
    case = load_case_text("casus: {id: x, titel: X, opdrachtgever: Gemeente X}\n", "x.yaml",
                          kb.vocab, today=dt.date(2024, 2, 29))
    assert case.meta.client_name == "Gemeente X"
    assert case.meta.opdrachtgever is not None and case.meta.opdrachtgever.soort is None
    assert "opdrachtgever_soort" not in case.facts[("case", "case")]
    assert case.date_defaulted and case.peildatum == dt.date(2024, 2, 29)
    assert case.facts[("case", "case")]["peildatum"] == 20240229


@pytest.mark.parametrize(("day", "citable"), [
    (dt.date(2012, 6, 1), ()),
    (dt.date(2013, 12, 31), ()),                  # a year alone: not shown before its own year
    (dt.date(2014, 1, 1), ("wet_2013",)),         # ... but before every later one
    (dt.date(2018, 2, 28), ("wet_2013",)),                   # wet_2018 is dated 2018-03-01
    (dt.date(2018, 3, 1), ("wet_2013", "wet_2018")),
    (dt.date(2019, 4, 30), ("wet_2013", "wet_2018")),         # rapport_2019: 2019-05-01
    (dt.date(2019, 9, 1), ("wet_2013", "wet_2018", "rapport_2019")),
    (dt.date(2022, 1, 1), ("wet_2013", "wet_2018", "rapport_2019", "later_2021")),
])
def test_sources_after_the_case_date_are_not_citable(kb: KnowledgeBase, day: dt.date,
                                                      citable: tuple[str, ...]) -> None:
    every = ("wet_2013", "wet_2018", "rapport_2019", "later_2021")
    assert kb.citable_sources(every, day) == citable


def test_frameworks_in_force(kb: KnowledgeBase) -> None:
    assert kb.item_in_force("kader_oud", dt.date(2017, 12, 31))
    assert not kb.item_in_force("kader_oud", dt.date(2018, 1, 1))   # valid_to is exclusive
    assert kb.item_in_force("kader_nieuw", dt.date(2018, 1, 1))
    assert kb.rule_frameworks("optie.herindeling.oud") == ("kader_oud",)


def test_pipeline_passes_the_callers_date(tmp_path: Path) -> None:
    from pvrules.pipeline import Pipeline

    case = tmp_path / "zonder-datum.yaml"
    case.write_text("casus: {id: z, titel: Z}\nfeiten: {co2_doel: true}\n", encoding="utf-8")
    pipe = Pipeline([DATA / "rules"], [DATA / "knowledge"], "python", include_builtin=False)
    loaded = pipe.load_case(str(case), today=dt.date(2017, 3, 4))
    assert loaded.date_defaulted and loaded.facts[("case", "case")]["peildatum"] == 20170304
    result = pipe.evaluate_file(str(case), today=dt.date(2017, 3, 4))
    assert [f.rule_id for f in result.firings] == ["case.duurzaam"]


def test_peildatum_reads_as_a_date(kb: KnowledgeBase) -> None:
    from pvrules.testing.describe import show_value

    assert kb.vocab.display("peildatum", 20190901, "nl") == "1-9-2019"
    assert kb.vocab.display("peildatum", 20190901, "en") == "2019-09-01"
    assert show_value(kb.vocab, "peildatum", 20180101) == "2018-01-01"
