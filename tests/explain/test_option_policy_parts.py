"""Parts by policy character: the aggregate ``is:`` and what it lets the option table say.

``aggregate: {over, of, fn: any|all|count, is: VALUE}`` counts an enum fact as true where it
has VALUE; ``deel_beleidsrijk`` / ``deel_beleidsarm`` are built on it, and a part's risk is
listed with its option. A rejection names a second, different reason (``choices._also``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pvrules.explain.context import ExplainContext
from pvrules.explain.option_reasons import also
from pvrules.pipeline import Pipeline
from pvrules.validate.aggregate import compute_aggregates
from pvrules.validate.knowledge import _aggregate_problems
from pvrules.validate.vocabulary import AggregateDef

ROOT = Path(__file__).resolve().parents[2]
PARTS_CASE = ROOT / "rules" / "tests" / "_cases" / "gesplitste-optie.yaml"


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline([], [], "python")


@pytest.mark.parametrize(("kinds", "rich", "poor"), [
    (("beleidsrijk", "beleidsarm"), True, False),
    (("beleidsarm", "beleidsarm"), False, True),
    (("beleidsarm", None), None, None),       # one unknown: 'any' of rich and 'all' of poor open
    (("beleidsrijk", None), True, False),     # a known rich task settles both
])
def test_is_counts_an_enum_value_as_true(pipe: Pipeline, kinds: tuple[str | None, ...],
                                         rich: bool | None, poor: bool | None) -> None:
    facts: dict[tuple[str, str], dict[str, object]] = {
        ("optiedeel", "d"): {"deel_opgaven": tuple(f"o{i}" for i in range(len(kinds)))}}
    for i, kind in enumerate(kinds):
        facts[("opgave", f"o{i}")] = {} if kind is None else {"beleidskarakter": kind}
    got = compute_aggregates(pipe.kb.vocab, facts).get(("optiedeel", "d"), {})  # type: ignore[arg-type]
    assert got.get("deel_beleidsrijk") is rich
    assert got.get("deel_beleidsarm") is poor


@pytest.mark.parametrize(("agg", "problem"), [
    ({"over": "deel_opgaven", "of": "beleidskarakter", "fn": "any", "is": "beleidsrijk"}, None),
    ({"over": "deel_opgaven", "of": "beleidskarakter", "fn": "any", "is": "geen_waarde"},
     "must be a value of the enum fact"),
    ({"over": "deel_opgaven", "of": "beleidskarakter", "fn": "min", "is": "beleidsrijk"},
     "'is:' applies to any, all or count"),
    ({"over": "deel_opgaven", "of": "beleidskarakter", "fn": "any"},
     "needs a true/false fact"),
])
def test_is_is_checked_against_the_enum(pipe: Pipeline, agg: dict[str, str],
                                        problem: str | None) -> None:
    vocab = pipe.kb.vocab
    fact = vocab.facts["deel_beleidsrijk"].model_copy(
        update={"aggregate": AggregateDef.model_validate(agg)})
    found = [msg for msg, _allowed in _aggregate_problems(fact, vocab)]
    if problem is None:
        assert found == []
    else:
        assert any(problem in msg for msg in found), found


def test_a_parts_risk_is_listed_with_its_option(pipe: Pipeline) -> None:
    ctx = ExplainContext(pipe.kb, pipe.evaluate_file(str(PARTS_CASE)), "nl")
    row = next(r for dec in ctx.decisions.options for r in dec.options if r.id == "splitsen")
    risk = next((r for r in row.risks if r.id == "uiteenlopende_koers"), None)
    assert risk is not None, [r.id for r in row.risks]
    assert "beleidsrijke taken in een netwerk" in risk.reason


@pytest.mark.parametrize(("why", "more", "want"), [
    ("Niet aangewezen: de opgave staat niet vast.", "Het wetsvoorstel vraagt een meerderheid.",
     "Niet aangewezen: de opgave staat niet vast; het wetsvoorstel vraagt een meerderheid."),
    ("Niet aangewezen.", "Marenburg wil niet.", "Niet aangewezen. Marenburg wil niet."),
    ("Niet aangewezen.", "", "Niet aangewezen."),
    ("Niet aangewezen: X.", "Niet aangewezen: X.", "Niet aangewezen: X."),
])
def test_a_rejection_names_a_second_different_reason(why: str, more: str, want: str) -> None:
    assert also(why, more) == want
