"""§6 calls an option "op geen hoek slechter" only with its own risk, said with its cause.

* on every shipped example: the dominant-option sentence carries a risk or what is still
  unknown (never the bare claim);
* a risk a rule concluded from the weakest financial position among an option's partners
  names the partner(s) with that position, in Dutch and English.
"""

from __future__ import annotations

import re

import pytest

from pvrules.explain.conclusion import risk_cause
from pvrules.explain.context import ExplainContext
from pvrules.pipeline import Pipeline

from .shipped import ExampleContexts, shipped_examples

EXAMPLES = shipped_examples()


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(engine_name="python")


_ctx = ExampleContexts()
"""The context of a shipped example, once per example and language in this module."""


def _fixed(ctx: ExplainContext, key: str, **names: str) -> str:
    """The longest fixed part of message ``key``."""
    cut = "\x00"
    text = ctx.msg(key, **dict.fromkeys(names or ("option", "what", "risk", "chooser"), cut))
    return max(text.split(cut), key=len).strip(" ,;")


def _sentences(text: str) -> list[str]:
    return re.split(r"(?<=[.!?])\s+(?=[A-Z‘'(])", text)


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("name", EXAMPLES)
def test_no_option_is_called_best_without_its_risk(pipe: Pipeline, name: str,
                                                   lang: str) -> None:
    ctx = _ctx(pipe, name, lang)
    text = " ".join(ctx.decisions.conclusion)
    claim = _fixed(ctx, "conclusion.dominant")
    risk = _fixed(ctx, "conclusion.with_risk", risk="\x00")
    unknown = _fixed(ctx, "conclusion.with_unknown", corners="\x00")
    for sentence in _sentences(text):
        if claim in sentence:
            assert risk in sentence or unknown in sentence, sentence


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_risk_from_a_weak_partner_names_that_partner(pipe: Pipeline, lang: str) -> None:
    # a risk concluded from the weakest financial position among the option's partners
    # says whose it is ("want de financiële positie van Beekdal is laag"); §6 names the
    # option's first own risk and adds this cause where that risk has one
    ctx = _ctx(pipe, "kleine-kwetsbare-gemeente", lang)
    table = next(d for d in ctx.decisions.options if d.options)
    names = {e.key: e.name for e in ctx.result.case.all_entities()}
    found = []
    for row in table.options:
        partners = ctx.result.value(("optie", row.id), "partners")
        assert isinstance(partners, tuple)
        levels = {p: ctx.result.value(("partner", str(p)), "financiele_positie_partner")
                  for p in partners}
        known = [v for v in levels.values() if isinstance(v, int)]
        for risk in row.risks:
            cause = risk_cause(ctx, row, risk.id)
            if cause and known:
                found.append(cause)
                for p, v in levels.items():
                    if v == min(known):
                        assert names[("partner", str(p))] in cause, cause
    assert found  # this example has such a risk


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("name", EXAMPLES)
def test_the_conclusion_ends_on_what_decides_the_choice(pipe: Pipeline, name: str,
                                                       lang: str) -> None:
    # §1 "Wat die keuze beslist, is nog niet bekend: … (aanbevelingen 3 en 4)": §6 says the
    # choice waits for those, by number, before the advice
    ctx = _ctx(pipe, name, lang)
    d = ctx.decisions
    openings = tuple(ctx.msg(k, what="\x00", refs="\x00").split("\x00")[0]
                     for k in ("answer.decides", "answer.decides_first"))
    said = next((s for s in _sentences(d.answer) if s.startswith(openings)), "")
    text = " ".join(d.conclusion)
    waits = _fixed(ctx, "conclusion.waits", refs="\x00")
    before = ctx.msg("answer.settled_by", said="\x00", numbers="\x01").split("\x00")[1]
    before = before.split("\x01")[0]
    settled = re.search(re.escape(before) + r"(\d+)", d.answer)  # the herindeling verdict
    if said:
        refs = said.rsplit("(", 1)[1].rstrip(").")
        assert ctx.msg("conclusion.waits", refs=refs) in text, text
    elif settled is not None:
        refs = ctx.msg("answer.ref_one", numbers=settled.group(1))
        assert ctx.msg("conclusion.waits", refs=refs) in text, text
    else:
        assert waits not in text, text
