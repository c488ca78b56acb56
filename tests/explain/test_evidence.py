"""Evidence and client in the advice document: certainty, grounds, the case's sources, organs.

On the test knowledge base (tests/explain/data/kb) with case opties_e (a province as client,
a fact given with medium certainty, own sources) and the other opties_* cases.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pvrules.explain.context import ExplainContext
from pvrules.pipeline import Pipeline
from pvrules.render.report import render_report

from .shipped import example_ctx

HERE = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline([HERE / "kb" / "rules"], [HERE / "kb" / "knowledge"], "python",
                    include_builtin=False)


def ctx_for(pipe: Pipeline, name: str, lang: str = "nl") -> ExplainContext:
    return ExplainContext(pipe.kb, pipe.evaluate_file(str(HERE / "cases" / f"{name}.yaml")),
                          lang)


def render_markdown(ctx: ExplainContext) -> str:
    return render_report(ctx.decisions, "markdown", lang=ctx.lang,
                         day=dt.date(2026, 12, 1)).decode("utf-8")


def _chain_of(ctx: ExplainContext, item: str) -> object:
    d = ctx.decisions
    rec = next(r for r in (*d.key_recommendations, *(i for g in d.recommendation_groups
                                                       for i in g.items)) if r.item == item)
    return next(c for c in d.chains if c.number == rec.chain)


def test_a_medium_certainty_fact_lowers_the_reasoning_to_medium(pipe: Pipeline) -> None:
    chain = _chain_of(ctx_for(pipe, "opties_e"), "m_capaciteit")
    assert chain.certainty == "gemiddeld"  # type: ignore[attr-defined]
    # the same reasoning on a fact given with high certainty (the default) is 'hoog'
    b = ctx_for(pipe, "opties_b")
    assert {c.certainty for c in b.decisions.chains} <= {"hoog", "gemiddeld", "laag"}
    assert "hoog" in {c.certainty for c in b.decisions.chains}


def test_a_fact_marked_ground_false_is_never_listed_as_a_ground(pipe: Pipeline) -> None:
    ctx = ctx_for(pipe, "opties_e")
    assert pipe.kb.vocab.facts["opdrachtgever_soort"].ground is False
    chain = _chain_of(ctx, "m_capaciteit")
    facts = chain.facts  # type: ignore[attr-defined]
    assert facts == ("Ambtelijke capaciteit: gemiddeld",)
    assert not any(f.startswith("Opdrachtgever") for f in facts)


def test_the_case_sources_come_first_and_are_named_in_the_approach(pipe: Pipeline) -> None:
    ctx = ctx_for(pipe, "opties_e")
    sources = ctx.decisions.sources
    own = [s for s in sources if s.case]
    # s_2025 is published after the peildatum (2019): left out, also as a case source
    assert [s.id for s in own] == ["s_2018"]
    assert sources[0].case and all(not s.case for s in sources[len(own):])
    assert ctx.decisions.approach is not None and ctx.decisions.approach.sources == (1,)
    text = render_markdown(ctx)
    # a framework is named by its title, other sources by author or publisher and year
    assert ("Wat wij over de situatie weten, ontlenen wij aan: Beleidskader gemeentelijke "
            "herindeling 2018 \\[1\\].") in text
    assert text.index("*Bronnen van de casus*") < text.index("*Literatuur, wet- en regelgeving*")


def test_a_province_gets_provinciale_staten_and_gedeputeerde_staten(pipe: Pipeline) -> None:
    ctx = ctx_for(pipe, "opties_e")
    assert ctx.decisions.case.council == "Provinciale Staten"
    text = render_markdown(ctx)
    assert "voordat het Provinciale Staten bereikt" in text
    assert "voordat het de raad bereikt" not in text
    besluit = next(s for s in ctx.decisions.route if s.step == "besluit")
    assert besluit.who == "Provinciale Staten, op voorstel van Gedeputeerde Staten"


def test_several_municipalities_get_their_raden_by_name(pipe: Pipeline) -> None:
    ctx = ctx_for(pipe, "opties_a")
    assert ctx.decisions.case.council == "de raden van Aadorp en Beedorp"
    besluit = next(s for s in ctx.decisions.route if s.step == "besluit")
    assert besluit.who == "de raden van Aadorp en Beedorp, op voorstel van de colleges"
    en = ctx_for(pipe, "opties_a", "en")
    assert en.decisions.case.council == "the councils of Aadorp and Beedorp"


def test_the_draft_line_gives_the_peildatum_and_the_frameworks_their_date_once(
        pipe: Pipeline) -> None:
    text = render_markdown(ctx_for(pipe, "opties_e"))
    assert "*Concept · peildatum 1 september 2019*" in text
    assert text.count("zoals geldend op") <= 1


def test_a_corner_judged_on_few_indicators_is_provisional_and_at_most_medium() -> None:
    """A2 (real knowledge base): 'organisatie zwak' rests on one of its indicators."""
    real = Pipeline()
    ctx = example_ctx(real, "a2-2019")
    org = next(c for c in ctx.decisions.triangle.corners if c.id == "organisatie")
    assert org.provisional is not None
    known, total = org.provisional
    assert known < total / 2
    chain = next(c for c in ctx.decisions.chains if c.number == org.chain)
    assert chain.certainty in ("gemiddeld", "laag")
    # a reasoning that builds on the diagnosis refers to it instead of repeating it
    see = [c for c in ctx.decisions.chains if any(
        st[1] == f"Zie redenering {org.chain}." for st in c.steps)]
    assert see and all(c.certainty != "hoog" for c in see)


def test_rule_texts_and_questions_name_the_organs_of_the_client(pipe: Pipeline) -> None:
    """``{{ raad }}`` / ``{{ college }}`` / ``{{ overheid }}`` in an explanation, and ``{raad}``
    etc. in a vocabulary question, follow the client: a province gets its Staten."""
    from pvrules.explain.texts import fill_organs, organs

    for lang, expected in (("nl", "De capaciteit van de provincie is gemiddeld; versterk haar en "
                                  "informeer Provinciale Staten en Gedeputeerde Staten."),
                           ("en", "The capacity of the province is average; strengthen it and "
                                  "inform the Provincial Council and the Provincial Executive.")):
        chain = _chain_of(ctx_for(pipe, "opties_e", lang), "m_capaciteit")
        texts = [chain.text, *(t for _title, t in chain.steps)]  # type: ignore[attr-defined]
        assert expected in texts, texts
    question = "Is er bij {overheid} genoeg capaciteit, en weten {raad} en {college} dat?"
    several = ctx_for(pipe, "opties_a")
    assert fill_organs(question, organs(several.result.case, several.msg)) == (
        "Is er bij de gemeenten genoeg capaciteit, en weten de raden van Aadorp en Beedorp en "
        "de colleges dat?")
    province = ctx_for(pipe, "opties_e")
    assert fill_organs(question, organs(province.result.case, province.msg)) == (
        "Is er bij de provincie genoeg capaciteit, en weten Provinciale Staten en Gedeputeerde "
        "Staten dat?")


@pytest.mark.parametrize(("bron", "cited"), [
    ("gesprek met de directie", ""),  # names no case source: nothing cited at the fact
    ("Rijksoverheid, via de directie", " [1]"),  # names the publisher of case source 1
])
def test_a_case_fact_cites_the_case_source_its_bron_names(pipe: Pipeline, tmp_path: Path,
                                                          bron: str, cited: str) -> None:
    text = (HERE / "cases" / "opties_e.yaml").read_text(encoding="utf-8")
    case = tmp_path / "case.yaml"
    case.write_text(text.replace('bron: "gesprek met de directie"', f'bron: "{bron}"'),
                    encoding="utf-8")
    ctx = ExplainContext(pipe.kb, pipe.evaluate_file(str(case)), "nl")
    facts = _chain_of(ctx, "m_capaciteit").facts  # type: ignore[attr-defined]
    assert facts == (f"Ambtelijke capaciteit: gemiddeld{cited}",)
