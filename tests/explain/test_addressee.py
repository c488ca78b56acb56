"""Whom "u" addresses: when an executive asks, section 2 says the advice goes to the elected
body through it ("Gericht aan: de raden van A, B en C, via de colleges als opdrachtgever").

A raad (or raden) that asks is addressed directly and gets no such line; neither does a
notitie, which goes to whoever asked. Checked on shipped examples of each kind of client.
"""

from __future__ import annotations

import datetime

import pytest

from pvrules.pipeline import Pipeline
from pvrules.render.report import render_report
from tests.explain.shipped import example_ctx


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline()


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize(("name", "lang", "expected"), [
    ("a2-2019", "nl", "de raden van Cranendonck, Heeze-Leende en Valkenswaard, via de colleges "
                      "als opdrachtgever"),
    ("haren-2017", "nl", "Provinciale Staten, via Gedeputeerde Staten als opdrachtgever"),
    ("haren-2017", "en", "the Provincial Council, through the Provincial Executive as the client"),
    ("kleine-kwetsbare-gemeente", "nl", "de raad, via het college als opdrachtgever"),
    ("bar-2016", "nl", ""),                     # the raden ask: addressed directly
    ("gemeente-onder-preventief-toezicht", "nl", ""),
    ("intake-quickscan", "nl", ""),             # a notitie to whoever asked
])
def test_the_addressee_follows_the_client_organ(pipe: Pipeline, name: str, lang: str,
                                                expected: str) -> None:
    d = example_ctx(pipe, name, lang).decisions
    assert d.case.addressee == expected
    if d.case.document != "advies":
        return
    text = render_report(d, "markdown", lang=lang, day=datetime.date(2026, 1, 1)).decode()
    label = "**Gericht aan:**" if lang == "nl" else "**Addressed to:**"
    assert (f"{label} {expected}" in text) == bool(expected)
    assert (label in text) == bool(expected)
