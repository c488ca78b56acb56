"""§6 gives a weak corner's reason whole, and the reason that caused the level.

* a clause is never cut: an enumeration per partner ("laag in A, hoog in B en C") is one
  unit; a reason too long for §6 is left out, never shortened to a fragment;
* the reason is the clause of the corner's reason that speaks of a fact the rule that set
  the level matched (the roles, not the support levels that did not make it weak);
* an option better on some corner and worse on none is not said without its own risk;
  "daarom" before the key recommendations only when §6 gave a reason for them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import pytest

from pvrules.explain.conclusion import (
    ASPECT,
    MAX_CLAUSE,
    _cause,
    _clause,
    _clauses,
    _heads,
    _mentions,
    _own,
    main_clause,
)
from pvrules.explain.context import ExplainContext
from pvrules.pipeline import Pipeline

from .shipped import example_ctx

Ctxs = Callable[..., ExplainContext]

PER_PARTNER = ("Het draagvlak is in de raad hoog, bij inwoners laag en bij partners laag in "
               "Aadorp-Noord, hoog in Beedorp, Ceedorp en Deedorp-aan-Zee; de sturing is laag. "
               "Een tweede zin.")


@pytest.mark.parametrize(("text", "level", "said"), [
    # the per-partner enumeration is kept whole, the next clause and sentence are not said
    (PER_PARTNER, "", "het" + PER_PARTNER.split(";", 1)[0][3:]),
    # a colon that only repeats the level: what follows it is the finding
    ("De organisatie is zwak: de continuïteit is laag en de financiële positie laag.", "zwak",
     "de continuïteit is laag en de financiële positie laag"),
    # a ';' inside brackets does not end the clause
    ("De organisatie kan het niet dragen (kwetsbaar; niet onderzocht). Dit oordeel rust.", "",
     "de organisatie kan het niet dragen (kwetsbaar; niet onderzocht)"),
    # too long for §6: no reason rather than a cut one
    ("Het draagvlak is bij partners " + ", ".join(f"laag in Gemeente{i}" for i in range(20))
     + ".", "", ""),
])
def test_a_clause_is_never_cut(text: str, level: str, said: str) -> None:
    assert _clause(text, level) == said
    assert len(said) <= MAX_CLAUSE


@pytest.fixture(scope="module")
def ctx_of(shipped_pipe: Pipeline) -> Ctxs:
    """The context of a shipped example, once per example and language in this module."""
    @functools.cache
    def get(name: str, lang: str = "nl") -> ExplainContext:
        return example_ctx(shipped_pipe, name, lang)
    return get


@pytest.mark.parametrize("name", ["haren-2017", "o-gen-2019"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_reason_of_a_weak_corner_is_a_whole_clause_about_its_cause(
        ctx_of: Ctxs, name: str, lang: str) -> None:
    ctx = ctx_of(name, lang)
    d = ctx.decisions
    text = " ".join(d.conclusion)
    weak = [c for c in d.triangle.corners if c.rank == 0]
    assert weak, name  # these examples have a weak corner: the test checks its reason
    for c in weak:
        why = _cause(ctx, c)
        assert why and why in text, (c.id, why, text)
        whole = [cl for cl in _clauses(c.reason) if why in cl[:1].lower() + cl[1:]]
        assert whole and whole[0].endswith(why[1:]), (why, c.reason)  # a whole clause
        grounds, _others = _heads(ctx, c.id)
        assert _mentions(why, grounds), (why, grounds)
        if len(_clauses(c.reason)) > 1 and not _mentions(_clauses(c.reason)[0], grounds):
            assert _clauses(c.reason)[0][1:] not in text  # the clause that did not cause it


@pytest.mark.parametrize("name", ["kleine-kwetsbare-gemeente", "sterke-gemeente"])
def test_an_option_better_and_nowhere_worse_says_its_own_risk(ctx_of: Ctxs,
                                                              name: str) -> None:
    ctx = ctx_of(name)
    d = ctx.decisions
    text = " ".join(d.conclusion)
    rows = [r for o in d.options for r in o.options if r.preference is None]
    one_sided = [r for r in rows if any(e.sign == "+" for e in r.effects.values())
                 and all(e.sign != "-" for e in r.effects.values())]
    for row in one_sided:
        own = [k for k in row.risks
               if ASPECT not in (ctx.kb.catalogues.items[k.id].properties or {})
               and _own(ctx, row, k.id)]  # tied to the case, not only to the form
        if own:
            label = own[0].label.split(" (", 1)[0]
            sentence = text[text.find(f"‘{row.label}’"):].split(". ", 1)[0]
            assert label[:1].lower() + label[1:] in sentence, (row.label, sentence)
    # "daarom" only after a weak corner or a verdict on the options
    reasoned = bool(rows) or any(c.rank == 0 for c in d.triangle.corners)
    said = {k: ctx.msg(k, what="\x00").split("\x00")[0]
            for k in ("conclusion.advice", "conclusion.advice_plain", "conclusion.advice_also")}
    if not text.count(said["conclusion.advice_also"]):
        assert (said["conclusion.advice"] in text) is reasoned, text
        assert (said["conclusion.advice_plain"] in text) is (not reasoned
                                                             and bool(d.key_recommendations))


@pytest.mark.parametrize("name", ["a2-2019"])  # Veenoord keeps two options since options3
def test_the_one_way_left_that_costs_a_corner_is_a_bridge(ctx_of: Ctxs, name: str) -> None:
    ctx = ctx_of(name)
    d = ctx.decisions
    text = " ".join(d.conclusion)
    rows = [r for o in d.options for r in o.options]
    left = [r for r in rows if r.preference is None]
    assert len(left) == 1 and len(rows) > 1, name  # these examples leave one: the test checks
    costs = any(e.sign == "-" for e in left[0].effects.values())
    bridge = ctx.msg("conclusion.remains_costly", option="\x00", what="\x00",
                     risk="\x00").split("\x00")[-1]
    assert (bridge in text) is costs, text
    plain = ctx.msg("conclusion.remains", option="\x00", risk="\x00").split("\x00")[-1]
    assert (plain in text) is not costs, text
    # §1 says it too
    bridge = ctx.msg("answer.remains_costly", option="\x00", corners="\x00").split("\x00")[-1]
    assert (bridge in d.answer) is costs, d.answer


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_reason_does_not_name_its_corner_twice(ctx_of: Ctxs, lang: str) -> None:
    ctx = ctx_of("a2-2019", lang)
    d = ctx.decisions
    text = " ".join(d.conclusion).lower()
    weak = [c for c in d.triangle.corners if c.rank == 0]
    assert weak and any(_cause(ctx, c).lower().startswith(
        ctx.msg("conclusion.the_own", corner=c.label.lower())) for c in weak)  # the case
    for c in weak:
        own = ctx.msg("conclusion.the_own", corner=c.label.lower())
        assert f"{c.level}: {own} " not in text, text
        assert f"{c.level}: {ctx.msg('conclusion.pronoun')} " in text, text


@pytest.mark.parametrize(("text", "main"), [
    ("Het verband haalt zijn doelen maar ten dele, terwijl de gemeenten eigen beleid willen",
     "Het verband haalt zijn doelen maar ten dele"),
    ("Het draagvlak is laag in Aadorp, hoog in Beedorp en Ceedorp", ""),  # an enumeration
    ("Het draagvlak (laag, terwijl het hoog was) is gedaald", ""),  # inside brackets
])
def test_the_main_clause_ends_only_at_a_subordinate_clause(ctx_of: Ctxs, text: str,
                                                            main: str) -> None:
    ctx = ctx_of("bar-2016")
    assert main_clause(ctx, text) == main
    # §6 says what §1 found, in its main clause, when no corner can be judged yet
    d = ctx.decisions
    if all(c.rank is None for c in d.triangle.corners):
        first = d.answer.split(". ", 1)[0]
        said = main_clause(ctx, first)
        assert said and said[1:] in " ".join(d.conclusion), (said, d.conclusion)
