"""20,000 generated cases with hostile values, through both engines: no difference.

Texts up to the 100,000-character limit (and text full of escapes), integers at
and around ±2**53, fractional numbers on both sides of float thresholds, and up to
a few hundred entities per case, on rules that test exactly those values
(``tests/data/kb_reliable``). Every case must give identical firings and derived
facts on durable_rules and on the reference evaluator. The seed of a failing case
reproduces it.
"""

from __future__ import annotations

import os
import random
from pathlib import Path
from typing import Any

import pytest

from pvrules.infer.engine import durable_available
from pvrules.infer.reference import ReferenceEngine
from pvrules.kb import KnowledgeBase, load_kb
from pvrules.load.yamlio import Document
from pvrules.validate.case import case_from_document

DATA = Path(__file__).resolve().parents[1] / "data"
CASES = int(os.environ.get("PVRULES_DIFF_CASES", "20000"))
SEED = 20261201

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not durable_available(),
                                 reason="durable_rules does not import on this Python")]

_BIG = 2**53
_NUMBERS: list[float | int] = [
    _BIG, _BIG - 1, _BIG - 2, -_BIG, -_BIG + 1, 9007199254740991.0, 9007199254740990.5,
    -0.5, -0.4999999999999999, -0.5000000000000001, 0, 0.25, 0.2500000000000001, 0.1, 1e-300,
    -1e300, 1.7976931348623157e308, 3, 3.0]
_TEXTS = ["ja", "é", "x", "p1", "", " ja", "JA", "e\u0301", "x\n", '"', "\\", "\u2028",
          "\U0001f600", "\x00", "ja" * 3]


def _text(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.002:
        length = rng.randint(50_000, 100_000)
        return (rng.choice(["é", "x", "\U0001f600", '"\\']) * length)[:length]
    if roll < 0.02:
        return "".join(rng.choice(_TEXTS) for _ in range(rng.randint(10, 300)))
    return rng.choice(_TEXTS)


def _number(rng: random.Random, integer: bool) -> float | int:
    if rng.random() < 0.7:
        value = rng.choice(_NUMBERS)
    else:
        value = rng.uniform(-1, 1) * rng.choice([1, 1e6, float(_BIG)])
    if integer:
        return int(value) if abs(value) <= _BIG else rng.choice([_BIG, -_BIG])
    return value


def _maybe(rng: random.Random, data: dict[str, Any], key: str, value: object) -> None:
    if rng.random() < 0.8:
        data[key] = value


def _case(rng: random.Random, index: int) -> dict[str, Any]:
    feiten: dict[str, Any] = {}
    _maybe(rng, feiten, "notitie", _text(rng))
    _maybe(rng, feiten, "bedrag", _number(rng, integer=False))
    _maybe(rng, feiten, "teller", _number(rng, integer=True))
    _maybe(rng, feiten, "draagvlak", rng.choice(["laag", "gemiddeld", "hoog"]))
    _maybe(rng, feiten, "capaciteit", rng.choice(["laag", "gemiddeld", "hoog"]))
    many = rng.random() < 0.002
    n_opgaven = rng.randint(100, 300) if many else rng.randint(0, 6)
    n_partners = rng.randint(20, 60) if many else rng.randint(0, 4)
    opgaven = []
    for i in range(n_opgaven):
        opgave: dict[str, Any] = {"id": f"o{i}"}
        _maybe(rng, opgave, "omschrijving", _text(rng) if rng.random() < 0.3 else "x")
        _maybe(rng, opgave, "kosten", _number(rng, integer=False))
        _maybe(rng, opgave, "schaal", rng.choice(["lokaal", "regionaal"]))
        _maybe(rng, opgave, "beleidsrijk", rng.random() < 0.5)
        opgaven.append(opgave)
    partners = []
    for i in range(n_partners):
        partner: dict[str, Any] = {"id": f"p{i}"}
        _maybe(rng, partner, "label", rng.choice(["p1", "é", "x", _text(rng)]))
        _maybe(rng, partner, "vertrouwen", rng.choice(["laag", "gemiddeld", "hoog"]))
        _maybe(rng, partner, "soort", rng.choice(["gemeente", "provincie", "privaat"]))
        partners.append(partner)
    return {"casus": {"id": f"d{index}", "titel": "t"}, "feiten": feiten,
            "opgaven": opgaven, "partners": partners}


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb([DATA / "kb" / "rules", DATA / "kb_reliable" / "rules"],
                   [DATA / "kb" / "knowledge", DATA / "kb_reliable" / "knowledge"],
                   include_builtin=False, use_env=False)


def test_hostile_values_give_identical_answers(kb: KnowledgeBase) -> None:
    from pvrules.infer.durable_backend import DurableEngine

    reference = ReferenceEngine(kb.rules, kb.vocab)
    durable = DurableEngine(kb.rules, kb.vocab)
    rng = random.Random(SEED)
    fired: dict[str, int] = {}
    try:
        for index in range(CASES):
            data = _case(rng, index)
            case = case_from_document(Document(data, f"case{index}", {}), kb.vocab)
            expected = reference.evaluate(case)
            actual = durable.evaluate(case)
            assert actual.signature() == expected.signature(), f"seed {SEED}, case {index}"
            for firing in expected.firings:
                fired[firing.rule_id] = fired.get(firing.rule_id, 0) + 1
    finally:
        durable.close()
    # not vacuous: every rule that tests the hostile values fired, and did not always fire
    for rule in ("rel.notitie", "rel.bedrag", "rel.teller", "rel.opgave"):
        assert fired.get(rule, 0) > CASES // 200, (rule, fired.get(rule))
    assert fired["rel.teller"] < CASES and fired["rel.bedrag"] < CASES
