"""The decisions (the one truth) on a test knowledge base built for them.

tests/explain/data/kb has options with effects, criteria, risks and a preference,
a route, a framework, a source dated after the cases, more than five
recommendations with priorities, and a fact given with low certainty.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pvrules.cli.main import main
from pvrules.explain.context import ExplainContext
from pvrules.explain.diff import diff
from pvrules.explain.whatif import what_if
from pvrules.explain.whatif_search import Goal
from pvrules.explain.why import why
from pvrules.pipeline import Pipeline, example_names
from pvrules.render.jsonout import render_advice_json
from pvrules.validate.case import CASE_KEY

from .conftest import GOLDEN
from .consistency import check_consistent
from .shipped import example_ctx

HERE = Path(__file__).resolve().parent / "data"
KB = ["--rules-dir", str(HERE / "kb" / "rules"), "--knowledge-dir", str(HERE / "kb" / "knowledge"),
      "--no-builtin", "--engine", "python"]
CASES = {name: HERE / "cases" / f"{name}.yaml" for name in ("opties_a", "opties_b", "opties_c",
                                                              "opties_d")}


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline([HERE / "kb" / "rules"], [HERE / "kb" / "knowledge"], "python",
                    include_builtin=False)


def ctx_for(pipe: Pipeline, name: str, lang: str = "nl",
            overrides: tuple[str, ...] = ()) -> ExplainContext:
    return ExplainContext(pipe.kb, pipe.evaluate_file(str(CASES[name]), overrides), lang)


def test_decisions_never_contradict_the_result(pipe: Pipeline) -> None:
    for name in CASES:
        for lang in ("nl", "en"):
            ctx = ctx_for(pipe, name, lang)
            check_consistent(ctx, ctx.decisions)


def test_balance_and_corners_come_from_the_knowledge_base(pipe: Pipeline) -> None:
    ctx = ctx_for(pipe, "opties_a")
    d = ctx.decisions
    assert d.triangle.balance is not None
    assert (d.triangle.balance.id, d.triangle.balance.label) == \
        ("organisatie_zwak", "organisatie blijft achter")
    levels = {c.id: c.level for c in d.triangle.corners}
    assert levels == {"publieke_waarde": "sterk", "legitimiteit": "sterk",
                      "organisatie": "zwak"}


def test_key_recommendations_by_priority_then_strength(pipe: Pipeline) -> None:
    d = ctx_for(pipe, "opties_a").decisions
    assert [k.item for k in d.key_recommendations] == [
        "m_capaciteit", "m_participatie", "m_raad", "m_monitor", "m_visie"]
    grouped = [i.item for g in d.recommendation_groups for i in g.items]
    assert "m_evaluatie" in grouped
    assert all(k.why for k in d.key_recommendations)
    assert [a.item for a in d.advised_against][:1] == ["m_fusie_nu"]


def test_a_recommendation_resting_only_on_uncertain_facts_is_one_strength_lower(
        pipe: Pipeline) -> None:
    d = ctx_for(pipe, "opties_a").decisions
    participatie = next(k for k in d.key_recommendations if k.item == "m_participatie")
    assert participatie.strength == "zwak"  # the rule says middel
    assert participatie.uncertain
    # the top five carries checking the uncertain fact, not the measure (selection.py)
    assert participatie.label == "Draagvlak bij inwoners eerst nagaan"
    assert participatie.why.startswith(participatie.action) and "nagaan" in participatie.action
    assert "Participatietraject" in participatie.why
    # why and diff read the same verdict
    [answer] = why(ctx_for(pipe, "opties_a"), "item", "m_participatie")
    assert answer.summary.startswith("Participatietraject: te overwegen. Minder sterk aanbevolen")
    [fact] = why(ctx_for(pipe, "opties_a", "en"), "fact", "draagvlak_inwoners")
    # a Dutch bron naming none of the case's sources is not embedded in English text
    assert fact.summary == ("Support among residents is high: this is what the case says. The case "
                            "gives this with certainty low.")
    [feit] = why(ctx_for(pipe, "opties_a"), "fact", "draagvlak_inwoners")
    assert "opiniestuk in de lokale krant" in feit.summary
    raad = next(k for k in d.key_recommendations if k.item == "m_raad")
    assert (raad.strength, raad.uncertain) == ("middel", False)
    legitimacy = next(c for c in d.triangle.corners if c.id == "legitimiteit")
    assert legitimacy.chain is not None
    assert d.chains[legitimacy.chain - 1].certainty == "laag"
    assert "Draagvlak bij inwoners: hoog (onzeker)" in d.chains[legitimacy.chain - 1].facts
    organisation = next(c for c in d.triangle.corners if c.id == "organisatie")
    assert organisation.chain is not None
    assert d.chains[organisation.chain - 1].certainty == "hoog"


def test_sources_after_the_case_date_are_never_cited(pipe: Pipeline) -> None:
    d = ctx_for(pipe, "opties_a").decisions
    assert [s.id for s in d.sources] == ["s_2015", "s_2018", "s_zonder_auteur"]
    assert [s.number for s in d.sources] == [1, 2, 3]
    assert (d.sources[1].publisher, d.sources[1].year) == ("Rijksoverheid", 2018)
    # a source whose publisher the knowledge base gives as 'onbekend' has none for a reader
    assert (d.sources[2].author, d.sources[2].publisher, d.sources[2].year) == (None, None, 2016)
    # nor in the answers to why: 'Legitimiteit sterk' cites s_2015 and s_2025
    ctx = ctx_for(pipe, "opties_a")
    [answer] = why(ctx, "fact", "legitimiteit")
    assert [s.id for s in answer.sources] == ["s_2015"]
    assert all(st.sources == ("s_2015",) for st in answer.steps)
    assert "s_2025" not in {s.id for s in ctx.advice.sources}


def test_options_side_by_side_with_effects_criteria_risks(pipe: Pipeline) -> None:
    d = ctx_for(pipe, "opties_a").decisions
    table = d.options[0]
    assert table.id == "bestuurlijke_toekomst"
    assert table.question == "Is een bestuurlijke fusie nu de aangewezen weg?"
    assert table.chooser == "de raden"
    rows = {r.id: r for r in table.options}
    assert set(rows) == {"fusie_ab", "zelfstandig", "verbeteren"}
    # its "+" on legitimacy rests only on residents' support from an opinion piece
    # (zekerheid laag): "?" with the case's own bron
    legit = rows["verbeteren"].effects["legitimiteit"]
    assert legit.sign == "?"
    assert "opiniestuk in de lokale krant" in legit.reason
    assert legit.reason.endswith("daarom nog geen oordeel.")
    assert "Niet in de tabel" not in table.text
    fusie = rows["fusie_ab"]
    assert fusie.partners == ("Aadorp", "Beedorp")
    # a corner no rule judges is '?' with a reason, never an empty cell (a dash reads as '−')
    assert {c: e.sign for c, e in fusie.effects.items()} == {"publieke_waarde": "-",
                                                             "legitimiteit": "?",
                                                             "organisatie": "+"}
    assert fusie.effects["publieke_waarde"].sources == (2,)
    assert [r.id for r in fusie.risks] == ["frictie"]
    # advised against, but the question asks about the fusie: the whole first test stays
    # (tests/explain/test_option_cells.py has the case where the question does not ask)
    assert [(c.id, c.score) for c in fusie.criteria] == [("samenhang", "-"),
                                                         ("draagvlak_crit", "?")]
    # the full first assessment: every criterion in force on the case's date; the one valid
    # until 2018 is left out
    from pvrules.explain.choices import _criteria

    full = _criteria(ctx_for(pipe, "opties_a"), ("optie", "fusie_ab"), "herindeling")
    assert [(c.id, c.score) for c in full] == [("samenhang", "-"), ("draagvlak_crit", "?")]
    assert fusie.preference == "advised_against"
    assert table.preference is None
    assert "Wij raden af: Herindeling van Aadorp en Beedorp." in table.text
    forms = {o.id: o for o in d.options[1:]}
    assert forms == {}  # one form in the table per opgave: no choice (see test_answer.py)


def test_route_frameworks_and_analysis(pipe: Pipeline) -> None:
    d = ctx_for(pipe, "opties_a").decisions
    # the merger option is advised against: its step is not listed (tests/explain/test_route_*)
    assert [(r.step, r.who) for r in d.route] == [("verkenning", "de colleges"),
                                                  ("besluit", "de raden van Aadorp en "
                                                   "Beedorp, op voorstel van de colleges")]
    assert [r.law for r in ctx_for(pipe, "opties_d").decisions.route
            if r.step == "arhi_ontwerp"] == ["Wet arhi, art. 5"]
    assert [(f.id, f.applied_for, f.valid_from) for f in d.frameworks] == [
        ("kader_2018", "2019-09-01", "2018-01-01")]
    assert [(a.opgave, a.form) for a in d.analysis] == [("o1", "centrumregeling"),
                                                        ("o2", "openbaar_lichaam")]


def test_answer_says_a_merger_is_not_the_way_when_the_sources_advise_against(
        pipe: Pipeline) -> None:
    nl = ctx_for(pipe, "opties_a").decisions.answer
    assert nl.startswith("Een herindeling in deze samenstelling is nu niet de aangewezen weg: "
                         "de partners richten "
                         "zich op verschillende regio's")
    assert ("Een zwakke organisatie kan geen nieuwe taken dragen. Wij adviseren haar eerst "
            "te versterken.") in nl
    assert "organisatie blijft achter" not in nl  # no corner summary in §1 (kern7)
    en = ctx_for(pipe, "opties_a", "en").decisions.answer
    assert en.startswith("A merger with these partners is not the way forward now:")


def test_answer_lays_out_the_trade_off_when_the_sources_carry_no_preference(
        pipe: Pipeline) -> None:
    d = ctx_for(pipe, "opties_b").decisions
    # the decisive recommendation (priority 9) first, then whether the merger on the table
    # is the way, from its criteria
    assert d.answer.startswith("Een zwakke organisatie kan geen nieuwe taken dragen. Wij "
                               "adviseren haar eerst te versterken. ")
    assert ("Of herindeling van Aadorp en Ceedorp nu de aangewezen weg is, "
            "valt met wat nu bekend is niet vast te stellen: over ") in d.answer
    # then who chooses (the strengthening holds whatever the option: no "geen voorkeur"); the
    # effects per option stay in the options table, not in the kernboodschap
    assert "Tussen de twee opties kiest de raad;" in d.answer
    assert "versterkt" not in d.answer and "verzwakt" not in d.answer
    fusie = d.options[0].options[0]
    samenhang = next(c for c in fusie.criteria if c.id == "samenhang")
    assert (samenhang.score, samenhang.unknown) == ("?", ("Regio van Ceedorp",))


def test_find_out_first_is_ordered_by_how_much_depends_on_it(pipe: Pipeline) -> None:
    d = ctx_for(pipe, "opties_b").decisions
    found = [(f.fact, f.entity, f.weight) for f in d.find_out_first]
    assert found[0][:2] == ("draagvlak_inwoners", None)
    assert ("regio", "Ceedorp") in [f[:2] for f in found]  # the entity by its own name
    weights = [f[2] for f in found]
    order = [(not f.decisive, -f.weight) for f in d.find_out_first]
    assert order == sorted(order)  # decisive first, then by weight (review 12)
    assert all(w > 0 for w in weights)
    assert d.find_out_first[0].question == (  # then what turns on it, as the decision asks it
        "Hoeveel steun is er bij inwoners? Daarvan hangt af of de koers genoeg draagvlak heeft.")
    # nothing left open in case A changes anything: nothing to find out first
    assert ctx_for(pipe, "opties_a").decisions.find_out_first == ()


def test_facts_of_public_record_are_one_trailing_line_not_an_item(
        pipe: Pipeline, monkeypatch: pytest.MonkeyPatch) -> None:
    """A ``lookup`` fact (inwoners in the test KB) is not ranked with the others; when it
    would change the verdict it is named in one line under the list ("Nog na te gaan in
    openbare stukken: …"), never a numbered item among the questions that change the advice
    (review 9, regression 2).

    In the test KB inwoners only adds recommendations: not listed; with the gate widened to
    recommendations (as if it changed the verdict) it is, and the documents show the line.
    """
    import datetime as dt

    from pvrules.explain import findout
    from pvrules.render.report import render_report

    day = dt.date(2026, 12, 1)
    assert pipe.kb.vocab.facts["inwoners"].lookup
    for name in ("opties_b", "opties_c"):
        d = ctx_for(pipe, name).decisions
        assert "inwoners" not in [f.fact for f in (*d.find_out_first, *d.fill_in)]
    monkeypatch.setattr(findout, "PUBLIC_GATE", findout.PUBLIC_GATE | {"key", "rec"})
    for name in ("opties_b", "opties_c"):
        ctx = ctx_for(pipe, name)
        d = ctx.decisions
        assert "inwoners" not in [f.fact for f in d.find_out_first]
        assert [f.fact for f in d.fill_in] == ["inwoners"]
        text = render_report(d, "markdown", lang="nl", day=day).decode("utf-8")
        section = text[text.index("## 8. Eerst uitzoeken"):]
        assert "Nog na te gaan in openbare stukken:" in section
        assert "Ga in openbare stukken na" not in section
    en = ctx_for(pipe, "opties_b", "en").decisions
    text = render_report(en, "html", lang="en", day=day).decode("utf-8")
    assert "Still to check in public records" in text


def test_diff_says_why_the_advice_does_not_change(pipe: Pipeline) -> None:
    before = ctx_for(pipe, "opties_b")
    after = ctx_for(pipe, "opties_b", overrides=("draagvlak_raad=hoog",))
    answer = diff(before, after, settings=("draagvlak_raad=hoog",))
    assert answer.recommendations == ()
    assert answer.summary == ("Het advies verandert niet, omdat 'Legitimiteit sterk' ook "
                              "Draagvlak bij inwoners minstens gemiddeld vraagt, en dat is "
                              "onbekend.")
    assert [b.rule_id for b in answer.blockers] == ["leg.sterk"]


def test_whatif_proposes_only_levers_unless_all_facts(pipe: Pipeline) -> None:
    ctx = ctx_for(pipe, "opties_a")
    case = ctx.result.case
    goal = Goal("item", "m_capaciteit", CASE_KEY, "disappear")
    levers = what_if(ctx, case, goal)
    assert levers.levers_only
    assert levers.scenarios == ()  # capaciteit is a circumstance, not a lever
    assert "Alleen beleidsknoppen" in levers.summary
    assert levers.summary.endswith("Wat het vasthoudt: 'Capaciteit eerst' rust op Ambtelijke "
                                   "capaciteit: laag (Ambtelijke capaciteit is een omstandigheid, "
                                   "geen beleidsknop).")
    every = what_if(ctx, case, goal, all_facts=True)
    assert not every.levers_only
    assert every.scenarios[0].set_args == ("capaciteit=gemiddeld",)


def test_whatif_names_the_rules_that_block_by_title(pipe: Pipeline) -> None:
    ctx = ctx_for(pipe, "opties_a")
    answer = what_if(ctx, ctx.result.case, Goal("item", "m_enquete", CASE_KEY, "appear"),
                     all_facts=True)
    assert answer.scenarios == ()
    assert [b.title for b in answer.blockers] == ["Enquête"]
    assert answer.blockers[0].needs == ("dat Draagvlak bij inwoners open blijft",)
    assert "Wat in de weg staat: 'Enquête' vraagt dat Draagvlak bij inwoners open blijft." \
        in answer.summary
    assert "r.enquete" not in answer.summary


def test_two_runs_give_identical_json(pipe: Pipeline) -> None:
    for name in CASES:
        first = render_advice_json(ctx_for(pipe, name))
        assert first == render_advice_json(ctx_for(pipe, name))
        data = json.loads(first)
        for key in ("case", "answer", "triangle", "key_recommendations",
                    "recommendation_groups", "advised_against", "options", "route",
                    "find_out_first", "frameworks", "chains", "sources"):
            assert key in data, key
        assert "target_key" not in json.dumps(data["key_recommendations"])


def test_cli_whatif_diff_and_advise_json_are_deterministic() -> None:
    runner = CliRunner()
    for args in (["advise", str(CASES["opties_a"])],
                 ["whatif", str(CASES["opties_a"]), "--target", "m_capaciteit", "--all-facts"],
                 ["diff", str(CASES["opties_b"]), "--set", "draagvlak_raad=hoog"]):
        outs = [runner.invoke(main, [*args, *KB, "--format", "json"]) for _ in range(2)]
        assert all(o.exit_code == 0 for o in outs), outs[0].output
        assert outs[0].stdout == outs[1].stdout
        assert "seconds" not in outs[0].stdout
    advice = json.loads(runner.invoke(main, ["advise", str(CASES["opties_b"]), *KB,
                                             "--format", "json"]).stdout)
    assert "Of herindeling van Aadorp en Ceedorp nu de aangewezen" in advice["answer"]
    assert [s["id"] for s in advice["sources"]] == ["s_2015", "s_2018"]


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_decisions_golden(pipe: Pipeline, name: str, lang: str, golden) -> None:
    golden(GOLDEN / "decisions" / f"{name}.{lang}.json",
           render_advice_json(ctx_for(pipe, name, lang)), kb_hash=pipe.kb.content_hash)


# The weights of 'find out first' against a full evaluation by the engine: test_findout.py.


def test_diff_reports_changed_options_even_when_recommendations_stay(pipe: Pipeline) -> None:
    before = ctx_for(pipe, "opties_b")
    after = ctx_for(pipe, "opties_b", overrides=("partner:c.regio=zuid",))
    answer = diff(before, after, settings=("partner:c.regio=zuid",))
    assert answer.recommendations == ()
    assert answer.options == (
        "Herindeling van Aadorp en Ceedorp, publieke waarde: ? → -",
        "Herindeling van Aadorp en Ceedorp: geen voorkeur → afgeraden",
        "Herindeling van Aadorp en Ceedorp, Interne samenhang: ? → -")
    assert answer.summary.startswith("De aanbevelingen blijven gelijk, maar de beoordeling van "
                                     "de opties verandert:")


def test_answer_names_the_option_the_sources_prefer(pipe: Pipeline) -> None:
    d = ctx_for(pipe, "opties_c").decisions
    table = d.options[0]
    assert table.preference is not None
    assert (table.preference.option, table.preference.strength) == ("zelfstandig", "middel")
    assert d.answer.startswith("Een herindeling in deze samenstelling is nu niet de aangewezen "
                               "weg: de partners richten zich op verschillende regio's, wat de "
                               "samenhang ondermijnt (zie ")
    # the preference, and the source that carries it (by author and year, with its number)
    assert ("Wij adviseren zelfstandig versterken: met voldoende capaciteit kan de gemeente "
            "haar opgaven zelf dragen (zie A. Auteur (2015) [1]).") in d.answer
    assert table.text.startswith("Wij adviseren Zelfstandig versterken")


def test_whatif_carries_aggregates_when_a_partner_fact_changes(pipe: Pipeline) -> None:
    """A partner's region changes the option's computed 'orientatie verschilt', as on loading."""
    from pvrules.explain.incremental import Incremental
    from pvrules.explain.whatif_search import WhatIfSearch

    case = pipe.load_case(str(CASES["opties_b"]))
    search = WhatIfSearch(pipe.kb, case, Goal("item", "m_capaciteit", CASE_KEY, "appear"),
                          all_facts=True)
    search.rules = pipe.kb.rules  # every rule, the option rules among them
    assert (("partner", "c"), "regio") in search.slots()  # read through the aggregate
    change = {(("partner", "c"), "regio"): "zuid"}
    loaded = pipe.evaluate_file(str(CASES["opties_b"]), ("partner:c.regio=zuid",))
    assert search.aggregated(change)[(("optie", "fusie_ac"), "orientatie_verschilt")] is True
    fast = Incremental(pipe.kb.rules, pipe.kb.vocab, case).run(search.aggregated(change))
    assert {(r, f) for r, foci in fast.fires.items() for f in foci} == \
        {f.key for f in loaded.firings}


def test_route_groups_steps_per_option(pipe: Pipeline) -> None:
    """Common steps come first and last; a rejected option's steps are one line."""
    d = ctx_for(pipe, "opties_a").decisions
    steps = {s.step: s for s in d.route}
    assert "arhi_ontwerp" not in steps  # the merger option is advised against
    assert steps["verkenning"].options == () and steps["besluit"].options == ()
    assert [[s.step for s in g.steps] for g in d.route_groups] == \
        [["verkenning"], [], ["besluit"]]
    assert [g.heading for g in d.route_groups] == \
        [None, "Niet uitgewerkt: de optie ‘Herindeling van Aadorp en Beedorp’ wordt afgeraden",
         "Daarna, welke keuze ook wordt gemaakt"]
    # without a herindeling option the step is the case's, under the choice it belongs to
    d = ctx_for(pipe, "opties_d").decisions
    steps = {s.step: s for s in d.route}
    assert (steps["arhi_ontwerp"].options, steps["arhi_ontwerp"].choice) == ((), "herindeling")
    assert [g.heading for g in d.route_groups] == [
        None, "Als voor herindeling wordt gekozen", "Daarna, welke keuze ook wordt gemaakt"]


def test_open_effects_and_unknown_corners_say_what_is_missing(pipe: Pipeline) -> None:
    """'?' names the unknown facts an effect waits on; an unknown corner names its facts."""
    d = ctx_for(pipe, "opties_d").decisions
    row = next(r for o in d.options for r in o.options if r.id == "verbeteren")
    assert row.effects["legitimiteit"].sign == "?"
    assert "draagvlak bij inwoners" in row.effects["legitimiteit"].reason
    # no rule for that corner: '?' that says so, not an empty cell
    assert row.effects["publieke_waarde"].sign == "?"
    assert row.effects["publieke_waarde"].reason.startswith("Nog niet te beoordelen")
    assert "onbekend" not in row.effects["publieke_waarde"].reason
    legitimacy = next(c for c in d.triangle.corners if c.id == "legitimiteit")
    assert legitimacy.level == "onbekend"
    assert "Draagvlak in de raad" in legitimacy.reason and "draagvlak bij inwoners" in \
        legitimacy.reason
    assert "de organisatie blijft achter bij de publieke waarde" in d.triangle.text
    # once the fact is known, the effect is concluded and the '?' is gone
    known = ctx_for(pipe, "opties_d", "nl", ("draagvlak_inwoners=hoog",)).decisions
    row = next(r for o in known.options for r in o.options if r.id == "verbeteren")
    assert row.effects["legitimiteit"].sign == "+"


def test_approach_counts_what_the_case_states(pipe: Pipeline) -> None:
    d = ctx_for(pipe, "opties_a").decisions
    assert d.approach is not None
    # five facts of the case, one per partner region, one scale per opgave, three option forms
    # and one partner list; draagvlak_inwoners is given with low certainty
    assert d.approach.low_certainty == ("Draagvlak bij inwoners",)
    assert d.approach.facts_given == 5 + 2 + 2 + 3 + 1


def test_measures_are_grouped_by_the_corner_they_serve(pipe: Pipeline) -> None:
    """A group per corner, in the corners' order; what serves no corner last, never 'Overig'."""
    from pvrules.explain.decisions import measure_groups

    ctx = ctx_for(pipe, "opties_a")
    d = ctx.decisions
    items = [*d.key_recommendations, *(i for g in d.recommendation_groups for i in g.items
                                       if i.theme == "maatregel")]
    groups = measure_groups(ctx, list(items))
    assert [(g.label, [i.item for i in g.items]) for g in groups] == [
        ("Publieke waarde", ["m_visie"]),
        ("Legitimiteit", ["m_participatie", "m_raad"]),
        ("Organisatie", ["m_capaciteit", "m_monitor"]),
        ("Aanpak en proces", ["m_evaluatie"]),  # rests on the number of inhabitants: no corner
    ]
    # a few measures are grouped the same way (no catalogue name as a theme)
    assert [g.label for g in measure_groups(ctx, list(items[:3]))] == [
        "Legitimiteit", "Organisatie"]
    # no corner, for a collaboration: its own theme before "Aanpak en proces"
    evaluatie = next(i for i in items if i.item == "m_evaluatie")
    for_gr = dataclasses.replace(evaluatie, item="m_gr", target_key=("samenwerking", "gr"))
    assert [g.label for g in measure_groups(ctx, [evaluatie, for_gr])] == [
        "Sturing op de samenwerkingsverbanden", "Aanpak en proces"]
    # a choice of form keeps its catalogue as its theme, after the corners
    forms = [i for g in d.recommendation_groups for i in g.items if i.theme == "vorm"]
    if forms:
        assert measure_groups(ctx, [*items, *forms])[-2].items == tuple(forms)


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_decision_has_a_heading_built_from_its_question_or_options(
        pipe: Pipeline, name: str) -> None:
    """A short question is its own heading; a long one becomes 'A or B' / 'the N options'."""
    for lang in ("nl", "en"):
        ctx = ctx_for(pipe, name, lang)
        for dec in ctx.decisions.options:
            if len(dec.question.split()) <= 12:
                assert dec.heading == dec.question, (name, dec.id)
            else:
                labels = [row.label for row in dec.options]
                assert (len(dec.options) == 2 and all(
                    label.lower() in dec.heading.lower() for label in labels)) or \
                    str(len(dec.options)) in dec.heading, (name, dec.id, dec.heading)


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("name", example_names())
def test_an_unknown_corner_always_says_why(name: str) -> None:
    """Review 7 (Haren, a province as client): a corner whose level is unknown never shows an
    empty reason ("—"), also when nothing it waits on is a question for this client."""
    pipe = Pipeline(engine_name="python")
    ctx = example_ctx(pipe, name)
    for corner in ctx.decisions.triangle.corners:
        if corner.rank is None:
            assert corner.reason, (name, corner.id)
