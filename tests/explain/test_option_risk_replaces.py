"""A precise risk replaces the general one it names, and a risk whose label says its cause
is listed without a reason.

Catalogue property ``replaces`` on a risk item names the general risk it says more precisely
("transitiekosten die bij een zwakke financiële positie zwaar wegen" for the transition costs
every form has); ``label_only`` marks a risk whose label already says why. Checked on the
built-in knowledge base and the example with a financially weak partner in every option.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pvrules.explain.context import ExplainContext
from pvrules.pipeline import Pipeline

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def ctx() -> ExplainContext:
    pipe = Pipeline([], [], "python")
    result = pipe.evaluate_file(str(EXAMPLES / "gemeente-onder-preventief-toezicht.yaml"))
    return ExplainContext(pipe.kb, result, "nl")


def test_a_precise_risk_takes_the_place_of_the_general_one(ctx: ExplainContext) -> None:
    items = ctx.kb.catalogues.items
    replaces = {i: item.properties["replaces"].get("nl")
                for i, item in items.items() if "replaces" in item.properties}
    assert replaces, "the built-in catalogue marks precise risks with replaces"
    seen = 0
    for dec in ctx.decisions.options:
        for row in dec.options:
            concluded = {c.name for f in ctx.result.firings for c in f.conclusions
                         if c.kind == "risk" and c.target == ("optie", row.id)}
            listed = [r.id for r in row.risks]
            for precise, general in replaces.items():
                if precise in concluded and general in concluded:
                    above = precise in listed or any(replaces.get(x) == precise for x in listed)
                    assert above and general not in listed, (row.id, listed)
                    seen += 1
    assert seen, "no option of the example has both a precise and its general risk"


def test_a_label_only_risk_has_no_reason(ctx: ExplainContext) -> None:
    only = {i for i, item in ctx.kb.catalogues.items.items() if "label_only" in item.properties}
    assert only
    risks = [r for dec in ctx.decisions.options for row in dec.options for r in row.risks
             if r.id in only]
    assert risks and all(r.reason == "" for r in risks)


def test_the_weak_partner_is_said_in_every_joining_option(ctx: ExplainContext) -> None:
    rows = [row for dec in ctx.decisions.options for row in dec.options
            if row.form in ("werkorganisatie", "herindeling")]
    assert len(rows) == 2
    for row in rows:  # the herindeling scores as its bestuurskracht toets (0), the
        cell = row.effects["organisatie"]  # reversible werkorganisatie '+'
        sign = "+" if row.form == "werkorganisatie" else "0"
        assert cell.sign == sign and "Drieburg" in cell.reason, (row.id, cell)
    work = next(r for r in rows if r.form == "werkorganisatie")
    assert "zwakke_partners_ambtelijk" in [r.id for r in work.risks]


@pytest.mark.parametrize("name", ["haren-2017", "kleine-kwetsbare-gemeente"])
def test_a_risk_cause_names_a_fact_not_the_choice_itself(name: str) -> None:
    """A "want …" cause says what in the case brings the risk, never "het vraagstuk van deze
    keuze" (circular) and never a cause of another risk."""
    from pvrules.explain.conclusion import reason_cause, risk_cause

    pipe = Pipeline([], [], "python")
    result = pipe.evaluate_file(str(EXAMPLES / f"{name}.yaml"))
    ctx = ExplainContext(pipe.kb, result, "nl")
    causes = [risk_cause(ctx, row, r.id) or reason_cause(ctx, r.reason, r.label)
              for dec in ctx.decisions.options for row in dec.options for r in row.risks]
    said = [c for c in causes if c]
    assert said, f"{name}: no risk with a cause"
    assert not any("deze keuze" in c for c in said), said


def test_two_weak_partners_are_both_weak_not_all(ctx: ExplainContext) -> None:
    """With two partners the reason says "beide", not "alle" (review 9, Veenoord)."""
    row = next(r for dec in ctx.decisions.options for r in dec.options
               if r.form == "herindeling")
    assert "gemeenten die beide zwak staan" in row.preference_why


@pytest.mark.parametrize("order", [(0, 1, 2, 3), (2, 1, 0, 3), (1, 2, 0, 3), (3, 2, 0, 1)])
def test_replacements_chain_whatever_the_order(ctx: ExplainContext,
                                               order: tuple[int, ...]) -> None:
    # a → b → c: only the most precise stays, in the place of the first it replaces
    from pvrules.explain.decisions_model import Risk
    from pvrules.explain.risk_replace import replaced

    ids = ["transitiekosten", "transitiekosten_zwakke_partner",
           "eenmalige_kosten_preventief_toezicht", "frictie_in_de_sturing"]
    items = ctx.kb.catalogues.items
    assert all(i in items for i in ids)
    risks = [Risk(ids[i], ids[i], "") for i in order]
    out = [r.id for r in replaced(ctx, risks)]
    assert sorted(out) == ["eenmalige_kosten_preventief_toezicht", "frictie_in_de_sturing"], out
    first = min(order.index(i) for i in (0, 1, 2))
    assert out.index("eenmalige_kosten_preventief_toezicht") == \
        (0 if first < order.index(3) else 1), (order, out)


def test_section_6_gives_a_label_only_risk_no_second_cause() -> None:
    """"Transitiekosten die bij een zwakke financiële positie zwaar wegen, want de financiële
    positie van Beekdal is laag" said its cause twice (review 10): the label already says why."""
    pipe = Pipeline([], [], "python")
    result = pipe.evaluate_file(str(EXAMPLES / "kleine-kwetsbare-gemeente.yaml"))
    beekdal = ExplainContext(pipe.kb, result, "nl")
    only = {i for i, item in beekdal.kb.catalogues.items.items() if "label_only" in item.properties}
    labels = [r.label.split(" (", 1)[0] for dec in beekdal.decisions.options
              for row in dec.options for r in row.risks if r.id in only]
    text = " ".join(beekdal.decisions.conclusion)
    said = [label for label in labels if label[:1].lower() + label[1:] in text]
    assert said, (labels, text)  # §6 names one: the test bites
    for label in said:
        after = text.split(label[:1].lower() + label[1:], 1)[1]
        assert not after.startswith(beekdal.msg("conclusion.risk_cause", cause="").rstrip()), after
