"""Advice "whatever the choice" only where it fits every option (review 11, #4).

A recommendation about a partner does not fit an option that leaves that partner out; one
about a collaboration does not fit an option that ends it. §1 then says it conditionally
("Vóór een keuze voor ‘X’ adviseren wij …", "Gaat de samenwerking door, dan adviseren
wij …"), never "Welke optie … ook kiest/kiezen".
"""

from __future__ import annotations

import pytest

from pvrules.explain.answer_fits import conditional, ending, fits
from pvrules.pipeline import Pipeline

from .shipped import ExampleContexts, shipped_examples

_ctx = ExampleContexts()


def _table(ctx):  # type: ignore[no-untyped-def]
    return next(o for o in ctx.decisions.options if o.options)


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("name", shipped_examples())
def test_whatever_the_choice_only_for_advice_that_fits_every_open_option(
        shipped_pipe: Pipeline, name: str) -> None:
    ctx = _ctx(shipped_pipe, name, "nl")
    d = ctx.decisions
    table = next((o for o in d.options if o.options), None)
    if table is None:
        return
    rows = [r for r in table.options if r.preference != "advised_against"]
    whatever = ctx.msg(f"answer.whatever.{table.chooser_kind}")
    for k in d.key_recommendations:
        if conditional(ctx, [k], rows):  # it fits some options only
            label = k.label.split(" (", 1)[0].lower()
            at = d.answer.find(whatever)
            assert at < 0 or label not in d.answer[at:at + 400].lower(), (k.item, d.answer)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_partner_left_out_by_an_option(shipped_pipe: Pipeline, lang: str) -> None:
    ctx = _ctx(shipped_pipe, "haren-2017", lang)
    table = _table(ctx)
    about = [k for k in ctx.decisions.key_recommendations
             if any(key and key[0] == "partner" for _r, key in k.firings)]
    assert about
    names = {e.key: e.name for e in ctx.result.case.all_entities()}
    for k in about:
        partners = {names[key] for _r, key in k.firings if key and key[0] == "partner"}
        for row in table.options:
            assert fits(ctx, k, row) == (partners <= set(row.partners)), row.id
    fit = [r for r in table.options if all(fits(ctx, k, r) for k in about)]
    said = ctx.msg("answer.fits_before", options=f"‘{fit[0].label}’")
    assert said in ctx.decisions.answer
    assert ctx.msg("answer.before_choice_advise") not in ctx.decisions.answer


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_collaboration_an_option_ends(shipped_pipe: Pipeline, lang: str) -> None:
    ctx = _ctx(shipped_pipe, "o-gen-2019", lang)
    table = _table(ctx)
    ends = [r for r in table.options if ending(ctx, r)]
    assert ends
    on = [k for k in ctx.decisions.key_recommendations if k.target_key[0] == "samenwerking"]
    assert on and all(not fits(ctx, k, r) for k in on for r in ends)
    answer = ctx.decisions.answer
    assert ctx.msg(f"answer.whatever.{table.chooser_kind}") not in answer
    assert ctx.msg("answer.fits_continues") in answer
    # no record list after it ("Dat geldt voor A en B"): the recommendation below names them
    assert ctx.msg("answer.applies_to", targets="\x00").split("\x00")[0] not in answer
