"""The shipped examples in English: every free-text sentence of a case has its English version.

An English advice prints a case's ``*_en`` text; where a case gives none it quotes the Dutch,
marked "(Dutch: …)" (see :mod:`pvrules.explain.localise`). The shipped examples are what a
board member reads first, so each gives English for its title, question, client, its
aanleiding (``casus.toelichting``, which opens section 2), every note (``toelichting``) and
every ``bron``, and for the names of its tasks and options (a partner or an existing body may
keep its proper name). Checked on the files (cheap, every example) and on the English draft
itself (one example in the edit loop, the rest in the slow suite).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from importlib import resources
from typing import Any

import pytest
import yaml

from pvrules.explain.context import ExplainContext
from pvrules.messages import Messages
from pvrules.pipeline import Pipeline, example_names
from pvrules.render.report import render_report

NAMED_IN_ENGLISH = ("opgaven", "opties")
"""Entity lists whose names describe (a task, an option): these need a ``naam_en``."""
DUTCH_MARK = "(Dutch:"
"""How an English advice marks a Dutch sentence it quotes (message ``case.in_dutch``)."""


def _example(name: str) -> dict[str, Any]:
    path = resources.files("pvrules.examples") / f"{name}.yaml"
    data: dict[str, Any] = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return data


def _sources_without_english(where: str, facts: dict[str, Any]) -> Iterator[str]:
    for fact, given in facts.items():
        if isinstance(given, dict) and given.get("bron") and not given.get("bron_en"):
            yield f"{where}.{fact}.bron_en"


def missing_english(case: dict[str, Any]) -> list[str]:
    """Where the case file gives Dutch free text without its English version."""
    meta = case["casus"]
    out = [f"casus.{key}_en" for key in ("titel", "vraag", "toelichting") if meta.get(key)
           and not meta.get(f"{key}_en")]
    client = meta.get("opdrachtgever")
    if isinstance(client, dict) and not client.get("naam_en"):
        out.append("casus.opdrachtgever.naam_en")
    elif isinstance(client, str):
        out.append("casus.opdrachtgever (a plain name has no naam_en)")
    out += _sources_without_english("feiten", case.get("feiten") or {})
    for kind, entities in case.items():
        if not isinstance(entities, list):
            continue
        for i, ent in enumerate(entities):
            where = f"{kind}[{i}]"
            if ent.get("toelichting") and not ent.get("toelichting_en"):
                out.append(f"{where}.toelichting_en")
            if kind in NAMED_IN_ENGLISH and ent.get("naam") and not ent.get("naam_en"):
                out.append(f"{where}.naam_en")
            out += _sources_without_english(where, ent)
    return out


def test_every_example_gives_its_free_text_in_english() -> None:
    missing = {name: gaps for name in example_names()
               if (gaps := missing_english(_example(name)))}
    assert not missing, missing


def test_the_check_finds_dutch_text_without_english() -> None:
    case = {"casus": {"titel": "T", "titel_en": "T", "vraag": "V?",
                      "opdrachtgever": {"naam": "College", "naam_en": "Executive"},
                      "toelichting": "Sinds 2015 een werkorganisatie."},
            "feiten": {"draagvlak_raad": {"waarde": "laag", "bron": "peiling"}},
            "partners": [{"id": "a", "naam": "Aa", "toelichting": "Klein."}],
            "opgaven": [{"id": "o", "naam": "Sociaal domein",
                         "in_bestaand_verband": {"waarde": True, "bron": "GR", "bron_en": "GR"}}]}
    assert missing_english(case) == ["casus.vraag_en", "casus.toelichting_en",
                                     "feiten.draagvlak_raad.bron_en",
                                     "partners[0].toelichting_en", "opgaven[0].naam_en"]


@pytest.fixture(scope="module")
def real() -> Iterator[Pipeline]:
    pipeline = Pipeline(engine_name="python")
    yield pipeline
    pipeline.close()


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("name", example_names())
def test_an_english_draft_quotes_no_dutch(real: Pipeline, name: str) -> None:
    path = resources.files("pvrules.examples") / f"{name}.yaml"
    ctx = ExplainContext(real.kb, real.evaluate_file(str(path)), "en")
    text = render_report(ctx.decisions, "markdown", lang="en", day=dt.date(2026, 12, 2)).decode()
    assert Messages("en")("case.in_dutch", text="x").startswith(DUTCH_MARK)
    assert DUTCH_MARK not in text, [line for line in text.splitlines() if DUTCH_MARK in line]
