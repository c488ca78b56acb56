"""The kernboodschap and the decisions of §4 on the options test knowledge base.

tests/explain/data/kb: a recommendation of rule priority 9 (``r.capaciteit``, when the
organisation is weak), options of which the sources advise against a merger when the
partners look to different regions, and forms per opgave.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from pvrules.explain.answer import DECISIVE, answer
from pvrules.explain.chooser import number
from pvrules.explain.context import ExplainContext
from pvrules.pipeline import Pipeline

HERE = Path(__file__).resolve().parent / "data"
CASES = ("opties_a", "opties_b", "opties_c", "opties_d", "opties_e")


@pytest.fixture(scope="module")
def opties() -> Pipeline:
    return Pipeline([HERE / "kb" / "rules"], [HERE / "kb" / "knowledge"], "python",
                    include_builtin=False)


def ctx_for(pipe: Pipeline, name: str, lang: str = "nl",
            overrides: tuple[str, ...] = ()) -> ExplainContext:
    return ExplainContext(pipe.kb, pipe.evaluate_file(str(HERE / "cases" / f"{name}.yaml"),
                                                      overrides), lang)


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("name", CASES)
def test_a_decisive_recommendation_comes_before_what_the_raad_chooses(
        opties: Pipeline, name: str, lang: str) -> None:
    d = ctx_for(opties, name, lang).decisions
    decisive = [k for k in d.key_recommendations[:2] if -k.rank[0] >= DECISIVE]
    chooses = ("geen voorkeur", "no preference") if lang == "nl" else ("no preference",)
    at = min((d.answer.find(w) for w in chooses if w in d.answer), default=len(d.answer))
    for k in decisive:  # said in the kernboodschap (its why, or its name), before the choice
        found = [d.answer.lower().find(t.lower().rstrip(".")) for t in (k.why, k.label)]
        assert any(0 <= f < at for f in found), (k.label, d.answer)


def test_without_a_preference_the_decisive_recommendation_is_said_in_a_sentence(
        opties: Pipeline) -> None:
    d = ctx_for(opties, "opties_d").decisions
    # the reasoning's own advice, two sentences from its "Wij adviseren", then the choice;
    # no "Welke optie u ook kiest": the advice says itself that the choice waits for it
    assert d.answer.startswith("Een zwakke organisatie kan geen nieuwe taken dragen. Wij "
                               "adviseren haar eerst te versterken. Pas "
                               "daarna is een nieuwe vorm zinvol. Tussen de twee opties kiest "
                               "de raad;")
    # the organisation is strong: nothing decisive, the raad's choice comes first
    strong = ctx_for(opties, "opties_d", overrides=("capaciteit=hoog",)).decisions
    assert "Wij adviseren eerst" not in strong.answer


@pytest.mark.parametrize(("lang", "remains", "rest", "gloss"), [
    ("nl", "Daarmee blijft de optie ‘Zelfstandig versterken’ over.", "Tussen de", ""),
    ("en", "That leaves the option ‘Zelfstandig versterken’.", "Between the",
     " (strengthen independently)")])
def test_when_all_options_but_one_are_advised_against_that_one_remains(
        opties: Pipeline, lang: str, remains: str, rest: str, gloss: str) -> None:
    # residents' support low: 'Samenwerking verbeteren' has no effect and leaves the table,
    # the merger is advised against, 'Zelfstandig versterken' is what remains
    d = ctx_for(opties, "opties_a", lang, ("draagvlak_inwoners=laag",)).decisions
    table = d.options[0]
    assert [r.id for r in table.options if r.preference != "advised_against"] == ["zelfstandig"]
    assert remains in table.text  # §4 says the same; §1 glosses the Dutch label in English
    # (§1 goes on: the option left is worse for the organisation, a bridge, not an end)
    remains = remains.rstrip(".").replace("versterken’", f"versterken’{gloss}")
    assert remains in d.answer and rest not in d.answer
    assert "geen voorkeur" not in table.text and "no preference" not in table.text
    # the merger's rejection comes first, then what remains, then the advice
    assert d.answer.index(remains) < d.answer.index("Wij adviseren" if lang == "nl"
                                                    else "We advise")
    # two options left: the raad chooses between them
    both = ctx_for(opties, "opties_a", lang).decisions
    assert remains not in both.answer
    assert ("Tussen de twee andere opties" if lang == "nl" else "Between the two other options") \
        in both.answer


@pytest.mark.parametrize(("lang", "words"), [
    ("nl", ["een", "twee", "drie", "tien", "11"]),
    ("en", ["one", "two", "three", "ten", "11"])])
def test_small_numbers_are_written_in_words(opties: Pipeline, lang: str,
                                            words: list[str]) -> None:
    ctx = ctx_for(opties, "opties_b", lang)
    assert [number(ctx, n) for n in (1, 2, 3, 10, 11)] == words


def test_a_form_with_no_alternative_is_no_decision(opties: Pipeline) -> None:
    d = ctx_for(opties, "opties_a").decisions
    # Belastingen: one form in the table (the other has no effect on a corner); Jeugdhulp:
    # one form only. Neither is a choice: no decision, the recommendations stay
    assert [o.id for o in d.options] == ["bestuurlijke_toekomst"]
    recs = {(r.item, r.target_id) for r in d.key_recommendations + tuple(
        i for g in d.recommendation_groups for i in g.items)}
    assert {("centrumregeling", "o1"), ("openbaar_lichaam", "o2")} <= recs


@pytest.mark.parametrize(("lang", "said"), [
    ("nl", "De organisatie blijft achter bij publieke waarde en legitimiteit."),
    ("en", "The organisation lags behind public value and legitimacy.")])
def test_the_kernboodschap_carries_no_corner_summary(
        opties: Pipeline, lang: str, said: str) -> None:
    # §1 is the answer, what decides and the recommendations: the balance of the triangle
    # (and that it is provisional) is §6's, never a line between the answer and the recs
    ctx = ctx_for(opties, "opties_a", lang)
    d = ctx.decisions
    assert d.triangle.balance is not None
    corners = tuple(dataclasses.replace(c, provisional=(1, 7)) if c.id == "organisatie" else c
                    for c in d.triangle.corners)
    tri = dataclasses.replace(d.triangle, corners=corners)
    text = answer(ctx, d.case, tri, d.key_recommendations, d.advised_against, d.options,
                  d.find_out_first)
    assert said not in text and said not in d.answer
    assert "voorlopig" not in text and "provisional" not in text


@pytest.mark.parametrize(("lang", "said"), [
    ("nl", "Wij adviseren eerst de regeling aanpassen voor GR Oost en GR West. De termijn is "
           "verstreken."),
    ("en", "We advise first de regeling aanpassen for GR Oost and GR West. De termijn is "
           "verstreken.")])
def test_one_decisive_recommendation_for_several_targets_is_named_once(
        opties: Pipeline, lang: str, said: str) -> None:
    ctx = ctx_for(opties, "opties_e", lang)
    d = ctx.decisions
    assert d.options == ()  # no options on the table: the kernboodschap opens with the advice
    base = d.key_recommendations[0]
    same = [dataclasses.replace(base, item="aanpassen", label="De regeling aanpassen",
                                target=name, why="De termijn is verstreken.",
                                rank=(-DECISIVE, *base.rank[1:]))
            for name in ("GR Oost", "GR West")]
    key = (*same, *d.key_recommendations)
    text = answer(ctx, d.case, d.triangle, key, d.advised_against, d.options,
                  d.find_out_first)
    assert text.startswith(said)
    # below the decisive priority: the first recommendation (not 'eerst'), named once for both
    low = tuple(dataclasses.replace(k, rank=(-1, *k.rank[1:])) for k in same)
    text = answer(ctx, d.case, d.triangle, (*low, *d.key_recommendations), d.advised_against,
                  d.options, d.find_out_first)
    assert text.startswith(said.replace(" eerst", "").replace(" first", ""))


@pytest.mark.parametrize(("lang", "same"), [
    ("nl", "Om dezelfde reden raden wij de optie ‘Werkorganisatie van Aadorp en Beedorp’ af."),
    ("en", "For the same reason we advise against the option ‘Werkorganisatie van Aadorp en "
           "Beedorp’.")])
def test_options_advised_against_for_the_same_reason_share_one_sentence(
        opties: Pipeline, lang: str, same: str) -> None:
    ctx = ctx_for(opties, "opties_a", lang)
    d = ctx.decisions
    table = d.options[0]
    fusie = next(r for r in table.options if r.form == "herindeling")
    label = "Werkorganisatie van Aadorp en Beedorp"
    why = f"Bij de optie {fusie.label} gaan partners samen die elk een andere kant op kijken."
    fusie = dataclasses.replace(fusie, preference_why=why)
    twin = dataclasses.replace(fusie, id="wo", label=label, form="werkorganisatie",
                               preference_why=why.replace(fusie.label, label))
    other = dataclasses.replace(twin, id="wo2", label="Iets anders",
                                preference_why="Het past niet bij de opgaven.")
    for rows, expected in (((fusie, twin), True), ((fusie, other), False)):
        dec = dataclasses.replace(table, options=rows + tuple(
            r for r in table.options if r.form != "herindeling"))
        text = answer(ctx, d.case, d.triangle, d.key_recommendations, d.advised_against,
                      (dec,), d.find_out_first)
        assert (same in text) is expected, text
        assert text.count("elk een andere kant op") == 1


@pytest.mark.parametrize(("lang", "one", "three"), [
    ("nl", "De optie voor de toekomst: zelfstandig versterken", "De drie opties voor de toekomst"),
    ("en", "The option for the future: ‘Zelfstandig versterken’",
     "The three options for the future")])
def test_a_long_question_gets_a_heading_in_words(opties: Pipeline, lang: str, one: str,
                                                 three: str) -> None:
    from pvrules.explain.choices import _heading

    ctx = ctx_for(opties, "opties_a", lang)
    rows = list(ctx.decisions.options[0].options)
    question = " ".join(["woord"] * 20)
    zelfstandig = [r for r in rows if r.id == "zelfstandig"]
    assert _heading(ctx, question, zelfstandig) == one
    assert _heading(ctx, question, rows) == three
    assert _heading(ctx, "Korte vraag?", rows) == "Korte vraag?"


@pytest.mark.parametrize(("lang", "fmt", "note", "one"), [
    ("nl", "markdown", "(voorlopig: niet elke hoek is op genoeg indicatoren beoordeeld, zie 3.2).",
     "Met gemiddelde zekerheid gegeven: één gegeven."),
    ("en", "html", "(provisional: not every corner is judged on enough indicators, see 3.2).",
     "Given with medium certainty: one item of data.")])
def test_the_document_says_provisional_in_the_balance_and_counts_in_words(
        opties: Pipeline, lang: str, fmt: str, note: str, one: str) -> None:
    import datetime as dt

    from pvrules.render.report import render_report

    d = ctx_for(opties, "opties_a", lang).decisions
    day = dt.date(2026, 12, 1)
    plain = render_report(d, fmt, lang=lang, day=day).decode("utf-8")
    assert note not in plain
    assert d.approach is not None
    corners = tuple(dataclasses.replace(c, provisional=(1, 7)) if c.id == "organisatie" else c
                    for c in d.triangle.corners)
    changed = dataclasses.replace(d, triangle=dataclasses.replace(d.triangle, corners=corners),
                                  approach=dataclasses.replace(d.approach, medium_certainty=1,
                                                                text=""))
    text = render_report(changed, fmt, lang=lang, day=day).decode("utf-8")
    assert note in text
    assert one in text


@pytest.mark.parametrize(("vraag", "said"), [
    ("Is een bestuurlijke fusie nu de aangewezen weg?", None),  # no form asked: not said
    ("In welke vorm werken de gemeenten samen?",
     # the opgave first, in running text, then its form
     "Per opgave adviseren wij voor belastingen een centrumregeling; voor jeugdhulp een "
     "openbaar lichaam (zie 3.1)."),
])
def test_the_forms_per_opgave_answer_a_question_about_the_form(
        opties: Pipeline, tmp_path: Path, vraag: str, said: str | None) -> None:
    text = (HERE / "cases" / "opties_a.yaml").read_text(encoding="utf-8")
    case = tmp_path / "case.yaml"
    case.write_text(text.replace("vraag: Is een bestuurlijke fusie nu de aangewezen weg?",
                                 f"vraag: {vraag}"), encoding="utf-8")
    d = ExplainContext(opties.kb, opties.evaluate_file(str(case)), "nl").decisions
    assert [(a.label, a.form) for a in d.analysis] == [("Belastingen", "centrumregeling"),
                                                        ("Jeugdhulp", "openbaar_lichaam")]
    if said is None:
        assert "Per opgave" not in d.answer
    else:
        assert said in d.answer


def test_a_why_already_given_is_not_repeated_before_the_advice(opties: Pipeline) -> None:
    ctx = ctx_for(opties, "opties_a")
    d = ctx.decisions
    first = d.key_recommendations[0]  # capaciteit: its reasoning says "Wij adviseren haar …"
    said = ("Een herindeling in deze samenstelling is nu niet de aangewezen weg: "
            "de partners richten zich op")
    assert d.answer.startswith(said)
    again = dataclasses.replace(first, why="De partners richten zich op verschillende "
                                           "regio's, zo blijkt opnieuw.")
    text = answer(ctx, d.case, d.triangle, (again, *d.key_recommendations[1:]),
                  d.advised_against, d.options, d.find_out_first)
    assert "zo blijkt opnieuw" not in text
    # the advice says itself that the choice waits for it: no "Welke optie u ook kiest"
    assert ". Wij adviseren haar eerst te versterken. Pas daarna is een " \
        "nieuwe vorm zinvol." in text


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_recommendation_without_an_action_is_said_in_its_reasonings_words(
        opties: Pipeline, lang: str) -> None:
    from pvrules.explain.answer_sentences import _action, _actions

    ctx = ctx_for(opties, "opties_d", lang)
    first = ctx.decisions.key_recommendations[0]
    plain = dataclasses.replace(first, action="")
    assert not _action(ctx, plain)  # the test knowledge base gives it no action sentence
    said = _actions(ctx, [plain], "answer.also")
    opens = tuple(ctx.msg("answer.advice_opens").split("|"))
    assert said.startswith(opens), said
    assert first.label not in said  # no label glue: "Daarnaast adviseren wij de maatregel ‘…’"
