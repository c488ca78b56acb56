from __future__ import annotations

from pvrules.explain.context import ExplainContext
from pvrules.explain.diff import diff
from pvrules.explain.why import why
from pvrules.infer.result import Result
from pvrules.pipeline import Pipeline

from .conftest import CASE_FILE


def test_why_a_recommendation_goes_down_to_the_facts(pipe: Pipeline, result: Result) -> None:
    [answer] = why(ExplainContext(pipe.kb, result), "item", "participatie")
    assert answer.status == "recommended"
    assert answer.summary == "Participatie: sterk aanbevolen."
    assert [s.rule_id for s in answer.steps] == ["leg.zwak", "org.sterk", "balans.participatie"]
    assert answer.steps[-1].uses_steps == (1, 2)
    assert answer.steps[0].text == "Draagvlak is laag."
    assert [(f.fact, f.value) for f in answer.facts] == [("draagvlak", "laag"),
                                                         ("capaciteit", "hoog")]
    assert [s.id for s in answer.sources] == ["s1"]


def test_every_recommendation_has_a_why(pipe: Pipeline, result: Result) -> None:
    ctx = ExplainContext(pipe.kb, result)
    for rec in ctx.advice.recommendations:
        answers = why(ctx, "item", rec.item, rec.target_key)
        assert len(answers) == 1
        assert answers[0].steps, rec.item


def test_why_a_fact(pipe: Pipeline, result: Result) -> None:
    [derived] = why(ExplainContext(pipe.kb, result, "en"), "fact", "organisatie")
    assert derived.status == "derived"
    assert derived.summary == "Organisation is strong."
    [default] = why(ExplainContext(pipe.kb, result), "fact", "risico")
    assert default.status == "default"
    assert default.summary == "Risico is nee: niets in de casus wijst op iets anders."
    unknown = why(ExplainContext(pipe.kb, result), "fact", "beleidsrijk")
    assert [w.status for w in unknown] == ["input", "unknown"]
    assert unknown[1].summary.startswith("De casus zegt niet wat Beleidsrijk (Opgave o2) is")


def test_why_uses_unknown_as_unknown(pipe: Pipeline, result: Result) -> None:
    [answer] = why(ExplainContext(pipe.kb, result), "item", "lokaal", ("opgave", "o2"))
    assert any("De casus zegt niet wat Beleidsrijk (Opgave o2) is" in n for n in answer.notes)


def test_diff_shows_exactly_the_changed_recommendations(pipe: Pipeline,
                                                        result: Result) -> None:
    after = pipe.evaluate(pipe.load_case(str(CASE_FILE), ["draagvlak=hoog"]))
    answer = diff(ExplainContext(pipe.kb, result), ExplainContext(pipe.kb, after),
                  settings=("draagvlak=hoog",))
    before_recs = {(r.item, r.target_key): (r.status, r.strength)
                   for r in pipe.advice(result).recommendations}
    after_recs = {(r.item, r.target_key): (r.status, r.strength)
                  for r in pipe.advice(after).recommendations}
    changed = {k for k in before_recs.keys() | after_recs.keys()
               if before_recs.get(k) != after_recs.get(k)}
    assert {(c.item, c.target_key) for c in answer.recommendations} == changed
    [change] = answer.recommendations
    assert change.change == "disappeared"
    assert change.sentence == "Participatie: was sterk aanbevolen, is nu niet in het advies."
    [stopped] = change.stopped
    assert stopped.rule_id == "balans.participatie"
    assert stopped.reasons is not None
    assert stopped.reasons.sentence == ("Legitimiteit is sterk (volgt uit "
                                        "'Legitimiteit sterk'); nodig: zwak.")
    assert [(f.fact, f.old, f.new) for f in answer.inputs] == [("draagvlak", "laag", "hoog")]
    assert [(f.fact, f.old, f.new) for f in answer.derived] == [("legitimiteit", "zwak",
                                                                 "sterk")]


def test_diff_without_change(pipe: Pipeline, result: Result) -> None:
    answer = diff(ExplainContext(pipe.kb, result, "en"), ExplainContext(pipe.kb, result, "en"))
    assert answer.recommendations == ()
    assert answer.summary == "The advice does not change."
