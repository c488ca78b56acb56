"""A merger in a Wet arhi procedure the province started is not the client's choice.

Its route block reads "Als de herindeling ‘…’ doorgaat", not "Als de raad kiest voor de optie
‘…’"; every other option keeps the client's choice. Checked on the synthetic case of a
province-initiated design (rules/tests/_cases/).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pvrules.explain.context import ExplainContext
from pvrules.explain.route_who import provincial_merger
from pvrules.pipeline import Pipeline

CASE = Path(__file__).resolve().parents[2] / "rules" / "tests" / "_cases" / \
    "arhi_provinciaal_initiatief.yaml"


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline()


@pytest.mark.parametrize(("initiative", "expected"), [("provincie", True), ("gemeenten", False)])
def test_only_a_provincial_merger_option_goes_ahead_without_the_client(
        pipe: Pipeline, initiative: str, expected: bool) -> None:
    result = pipe.evaluate_file(str(CASE), (f"arhi_initiatief={initiative}",))
    ctx = ExplainContext(pipe.kb, result, "nl")
    merger = next(e.name for e in result.case.all_entities()
                  if e.key[0] == "optie" and result.value(e.key, "optievorm") == "herindeling")
    other = next(e.name for e in result.case.all_entities()
                 if e.key[0] == "optie" and result.value(e.key, "optievorm") != "herindeling")
    assert merger and other
    assert provincial_merger(ctx, merger) is expected
    assert provincial_merger(ctx, other) is False
