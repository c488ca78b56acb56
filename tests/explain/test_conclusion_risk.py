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
def test_no_option_is_called_best_without_its_risk(shipped_pipe: Pipeline, name: str,
                                                   lang: str) -> None:
    ctx = _ctx(shipped_pipe, name, lang)
    text = " ".join(ctx.decisions.conclusion)
    claim = _fixed(ctx, "conclusion.dominant")
    risk = _fixed(ctx, "conclusion.with_risk", risk="\x00")
    unknown = _fixed(ctx, "conclusion.with_unknown", corners="\x00")
    for sentence in _sentences(text):
        if claim in sentence:
            assert risk in sentence or unknown in sentence, sentence


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_risk_from_a_weak_partner_names_that_partner(shipped_pipe: Pipeline, lang: str) -> None:
    # a risk concluded from the weakest financial position among the option's partners
    # says whose it is ("want de financiële positie van Beekdal is laag"); §6 names the
    # option's first own risk and adds this cause where that risk has one
    ctx = _ctx(shipped_pipe, "kleine-kwetsbare-gemeente", lang)
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
def test_the_conclusion_ends_on_what_decides_the_choice(shipped_pipe: Pipeline, name: str,
                                                       lang: str) -> None:
    # §1 "Vóór die keuze moet nog blijken … (aanbevelingen 3 en 4)" and what settles a
    # choice waits for those, by number, before the advice
    ctx = _ctx(shipped_pipe, name, lang)
    d = ctx.decisions
    parts = [max(ctx.msg(k, **dict.fromkeys(("what", "refs", "said", "criteria", "first",
                                             "first_refs"), "\x00"))
                 .split("\x00"), key=len).strip(" ,;.()")
             for k in ("answer.decides", "answer.decides_first", "answer.decides_and",
                       "answer.settled_by", "answer.settled_some")]
    pointing = [s for s in _sentences(d.answer) if any(p in s for p in parts)]
    text = " ".join(d.conclusion)
    waits = _fixed(ctx, "conclusion.waits", refs="\x00")
    ref = r"(?:aanbeveling(?:en)?|recommendations?) ((?:\d+(?:, | en | and )?)+)"
    numbers = sorted({int(n) for s in pointing for m in re.finditer(ref, s)
                      for n in re.findall(r"\d+", m.group(1))})
    if numbers:  # one "what decides" in §1 and §6: the same recommendations
        kind = "answer.ref_one" if len(numbers) == 1 else "answer.ref_many"
        refs = ctx.msg(kind, numbers=ctx.msg.join([str(n) for n in numbers]))
        assert ctx.msg("conclusion.waits", refs=refs) in text, text
    else:
        assert waits not in text, text
