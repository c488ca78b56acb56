"""§1 says what the options mean in this case before "the raad chooses" (reviews 11 and 12, #1).

Where the raad chooses between two or three options and no source prefers one, §1 opens
with what speaks for and against each option in the case's own words (the first clause of
its §4 cells), the risk of an option that changes little with its cause, never with
"Dit advies wijst geen van de opties aan" and never with corner names ("goed voor
legitimiteit, maar slechter voor organisatie": that is §4's vocabulary). Then who
chooses. Checked on every shipped example with such a choice, in Dutch and English.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pvrules.explain.answer_shows import MAX_OPTIONS, first_clause, in_case_terms
from pvrules.explain.basics import lower_first
from pvrules.explain.conclusion import leading
from pvrules.pipeline import Pipeline

from .shipped import ExampleContexts, shipped_examples

CASES = Path(__file__).resolve().parents[2] / "rules" / "tests" / "_cases"

EXAMPLES = shipped_examples()
_ctx = ExampleContexts()


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("name", EXAMPLES)
def test_the_comparison_comes_before_who_chooses(shipped_pipe: Pipeline, name: str,
                                                 lang: str) -> None:
    ctx = _ctx(shipped_pipe, name, lang)
    d = ctx.decisions
    table = next((o for o in d.options if o.options and o.id == "bestuurlijke_toekomst"), None)
    if table is None or table.preference is not None:
        return
    left = [r for r in table.options if r.preference is None]
    never = ctx.msg("answer.choose_open", n="\x00", chooser="\x00",
                    chooses="\x00").split("\x00")[0]
    if len(left) != len(table.options) or leading(ctx, table) is not None:
        return  # a verdict or a best option answers first
    if not 1 < len(left) <= MAX_OPTIONS:
        return
    changes = [r for r in left if any(e.sign in "+-" for e in r.effects.values())]
    chooses = ctx.msg(f"verb.chooses.{table.chooser_kind}")
    for row in changes:  # what it does, in the words of its own §4 cells, before who chooses
        for sign in "+-":
            said = in_case_terms(ctx, row, sign)
            if said and said in d.answer:
                assert d.answer.index(said) < d.answer.index(chooses), d.answer
    for corner in d.triangle.corners:  # no corner names in the comparison
        for key in ("conclusion.gain", "conclusion.cost"):
            assert ctx.msg(key, corners=corner.label.lower()) not in d.answer, d.answer
    assert not (changes and d.answer.startswith(never)), d.answer


def test_an_option_that_changes_little_says_its_risk_and_its_cause(shipped_pipe: Pipeline) -> None:
    # the fact that points one way (the partners look to different regions) reaches §1
    ctx = _ctx(shipped_pipe, "voorschoten-2019", "nl")
    table = next(o for o in ctx.decisions.options if o.options)
    first = ctx.decisions.answer.split(". Tussen", 1)[0]
    assert first.startswith(ctx.msg("answer.shows_both", option="\x00", pro="",
                                    con="").split("\x00")[0]), first
    risky = [r for r in table.options if r.risks and all(e.sign == "0" for e in r.effects.values())]
    assert risky
    for row in risky:
        after = first[first.index(row.label):]
        assert ctx.msg("conclusion.with_risk", risk="\x00").split("\x00")[0] in after
        assert ctx.msg("conclusion.risk_cause", cause="\x00").split("\x00")[0] in after


def test_the_options_are_said_in_the_case_s_words(shipped_pipe: Pipeline) -> None:
    # "Voor ‘Ontvlechten …’ pleit: elke partij stuurt weer rechtstreeks …; ertegen pleit:
    # ontvlechten kost eenmalig geld …", not "is goed voor legitimiteit, maar slechter voor
    # organisatie (wat ‘…’ daarvoor doet, is nog onbekend)"
    for lang in ("nl", "en"):
        ctx = _ctx(shipped_pipe, "voorschoten-2019", lang)
        table = next(o for o in ctx.decisions.options if o.options)
        row = next(r for r in table.options if any(e.sign == "+" for e in r.effects.values())
                   and any(e.sign == "-" for e in r.effects.values()))
        said = ctx.msg("answer.shows_both", option=row.label, pro=in_case_terms(ctx, row, "+"),
                       con=in_case_terms(ctx, row, "-"))
        assert said in ctx.decisions.answer, ctx.decisions.answer
        assert ctx.msg("conclusion.open_one", others="\x00").split("\x00")[0] \
            not in ctx.decisions.answer.split(ctx.msg("verb.chooses.raad"))[0]


def test_a_reason_opening_with_een_keeps_its_accents() -> None:
    from pvrules.explain.answer_shows import _lower

    assert _lower("Eén organisatie bundelt capaciteit") == "één organisatie bundelt capaciteit"
    assert _lower("Elke partij stuurt") == "elke partij stuurt"


@pytest.mark.parametrize(("reason", "clause"), [
    ("Samen bundelen zij capaciteit; maar niet meer", "Samen bundelen zij capaciteit"),
    ("Klein (inwoners: 9.000 in X); rest", "Klein (inwoners: 9.000 in X)"),
    ("Geen scheiding", "Geen scheiding"),
    ("Eerst (a; b) dan: c", "Eerst (a; b) dan"),
])
def test_first_clause_keeps_a_parenthesis_whole(reason: str, clause: str) -> None:
    """§1 quotes the first clause of a §4 reason; a ':' inside parentheses does not end it."""
    assert first_clause(reason) == clause


@pytest.mark.parametrize(("text", "inside"), [
    ("Eén openbaar lichaam", "één openbaar lichaam"),
    ("De regie bij de raad", "de regie bij de raad"),
    ("GR Jeugdhulp", "GR Jeugdhulp"),
])
def test_a_label_inside_a_sentence_keeps_its_accent(text: str, inside: str) -> None:
    """"Eén" inside a sentence is "één", never "eén" (design15)."""
    assert lower_first(text) == inside


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_grip_question_with_strong_legitimacy_gets_an_answer(shipped_pipe: Pipeline,
                                                               lang: str) -> None:
    """Review 13 (Lindenhove): "De maatregelen voor meer grip … staan in hoofdstuk 5" deferred
    the grip half of the question; with strong legitimacy §1 says the raad has a grip."""
    ctx = ExampleContexts()(shipped_pipe, "sterke-gemeente", lang)
    answer = ctx.decisions.answer
    assert ("nu al grip" if lang == "nl" else "already has a grip") in answer


def test_several_partners_in_every_option_are_not_listed_one_by_one(
        shipped_pipe: Pipeline, tmp_path: Path) -> None:
    """blind13: "X is de partner in elk van de drie opties" once per partner says nothing when
    every partner is in every option."""
    import yaml

    from pvrules.explain.context import ExplainContext

    case = yaml.safe_load((CASES / "given_arhi_aangehouden.yaml").read_text(encoding="utf-8"))
    for option in case["opties"]:
        option["partners"] = ["lindeloo", "heuvelstad", "waterdam"]
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(case, allow_unicode=True), encoding="utf-8")
    ctx = ExplainContext(shipped_pipe.kb, shipped_pipe.evaluate_file(str(path)), "nl")
    assert "is de partner in elk van de" not in ctx.decisions.answer
