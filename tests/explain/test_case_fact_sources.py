"""What the advice says about a case's own facts: per partner, and cited to the case's own source.

On the built-in knowledge base and two shipped examples: Haren (support stated per partner)
and Vijfheerenlanden (the raden's vote, from the case's own study).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pvrules.explain.context import ExplainContext
from pvrules.pipeline import Pipeline

from .shipped import example_ctx

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline([], [], "python")


def _context(pipe: Pipeline, name: str) -> ExplainContext:
    return example_ctx(pipe, name)


def test_support_stated_per_partner_is_never_printed_as_one_level(pipe: Pipeline) -> None:
    ctx = _context(pipe, "haren-2017")
    case = ctx.result.case
    checked = 0
    for dec in ctx.decisions.options:
        for row in dec.options:
            got = case.per_partner.get((("optie", row.id), "steun_raden"))
            if got is None:
                continue
            cell = row.effects["legitimiteit"].reason
            assert "steun in de raden: laag)" not in cell, cell
            for ident, value in got.values:
                partner = case.entity(("partner", ident))
                assert partner is not None
                shown = pipe.kb.vocab.display("steun_raden", value, "nl")
                assert f"{shown} in " in cell and partner.name in cell, cell
            checked += 1
    assert checked >= 1


def test_a_cell_on_a_case_fact_cites_the_case_source_its_bron_names(pipe: Pipeline) -> None:
    ctx = _context(pipe, "vijfheerenlanden-2017")
    case_sources = {s.number: s for s in ctx.decisions.sources if s.case}
    assert case_sources
    cited = [n for dec in ctx.decisions.options for row in dec.options
             for n in row.effects["legitimiteit"].sources if "raden" in
             row.effects["legitimiteit"].reason]
    assert any(n in case_sources for n in cited), cited


@pytest.mark.parametrize("name", ["gemeente-onder-preventief-toezicht",
                                  "kleine-kwetsbare-gemeente"])
def test_an_aggregate_over_partners_names_whose_value_it_is(pipe: Pipeline, name: str) -> None:
    result = pipe.evaluate_file(str(EXAMPLES / f"{name}.yaml"))
    builder = ExplainContext(pipe.kb, result, "nl").builder
    vocab, case = pipe.kb.vocab, result.case
    checked = 0
    for option in case.entities.get("optie", ()):
        members = result.value(option.key, "partners")
        assert isinstance(members, tuple)
        for fact in vocab.facts_of("optie"):
            agg = fact.aggregate
            value = result.value(option.key, fact.id)
            if agg is None or agg.fn not in ("min", "max") or agg.over != "partners" or \
                    value is None or isinstance(value, tuple):
                continue
            assert agg.of is not None
            whose = {str(m) for m in members
                     if result.value(("partner", str(m)), agg.of) == value}
            shown = builder.fact_view(option.key, fact.id).value
            assert shown.startswith(vocab.display(fact.id, value, "nl")), shown
            for ident in members:
                partner = case.entity(("partner", str(ident)))
                assert partner is not None
                named = partner.name in shown.split(" in ", 1)[-1]
                assert named == (str(ident) in whose and len(whose) < len(members)), shown
            checked += 1
    assert checked >= 2


def test_an_english_advice_cites_the_case_source_instead_of_its_dutch_bron(
        pipe: Pipeline, tmp_path: Path) -> None:
    import re

    from pvrules.explain.casefacts import stated_sources
    from pvrules.validate.case import CASE_KEY

    text = (EXAMPLES / "a2-2019.yaml").read_text(encoding="utf-8")
    english = pipe.evaluate_file(str(EXAMPLES / "a2-2019.yaml")).case
    given = stated_sources(english, CASE_KEY, pipe.kb, "en")
    assert any(t == english.english_of(CASE_KEY, f"bron:{f}") for f, t in given.items()), \
        "a bron_en is printed as the case gives it"
    path = tmp_path / "a2-2019.yaml"  # the same case without its English bron texts
    path.write_text(re.sub(r', bron_en: "[^"]*"', "", text), encoding="utf-8")
    ctx = ExplainContext(pipe.kb, pipe.evaluate_file(str(path)), "en")
    case = ctx.result.case
    said = {text for text in case.provenance.values() if len(text) > 20}
    assert said
    shown = repr(ctx.decisions)
    leaked = [text for text in said if text.replace("\n", " ") in shown
              and f"(Dutch: {text})" not in shown]  # quoted as Dutch where it has no English
    assert not leaked, leaked
    # a bron that names a case source reads as a reference to that source's number
    numbers = {s.number: s for s in ctx.decisions.sources if s.case}
    referred = stated_sources(case, CASE_KEY, pipe.kb, "en")
    assert referred, "the example states a bron naming one of its sources"
    for fact, text in referred.items():
        number = int(text.split("[", 1)[1].split("]", 1)[0].split(",")[0])
        source = numbers[number]
        names = (source.author or source.publisher or "").split(" (")[0].split(",")[0].lower()
        assert names and names in case.provenance[(CASE_KEY, fact)].lower(), (fact, text)
    assert any(f"see source [{n}]" in shown for n in numbers), "a rule text cites it"
    # in Dutch the bron is printed as the case gives it
    assert dict(stated_sources(case, CASE_KEY, pipe.kb, "nl")) == \
        {f: t for (k, f), t in case.provenance.items() if k == CASE_KEY}
