"""DMN TCK conformance: every test case of every model in the TCK subset.

The suite is copied into ``tests/data/dmn-tck`` (Apache License 2.0, see its
README), so it runs in every clone; ``PVRULES_DMN_TCK`` points at another copy.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pvrules.dmn.evaluate import evaluate_model
from pvrules.dmn.tck import ResultNode, TestCase, read_test_suite, values_equal
from pvrules.tables.dmn import read_dmn
from pvrules.tables.model import DecisionModel
from pvrules.tables.values import format_value

SUITE = Path(os.environ.get("PVRULES_DMN_TCK")
             or Path(__file__).resolve().parents[1] / "data" / "dmn-tck")


def _cases() -> list[object]:
    params: list[object] = []
    for test_file in sorted(SUITE.glob("*/*-test-*.xml")):
        suite = read_test_suite(test_file)
        for case in suite.cases:
            params.append(
                pytest.param(
                    suite.model_path,
                    case,
                    id=f"{test_file.parent.name}:{case.id}",
                )
            )
    return params


CASES = _cases()


def test_suite_is_present() -> None:
    assert SUITE.is_dir(), f"DMN TCK suite not found at {SUITE}"
    assert (SUITE / "LICENSE-ASL-2.0.txt").is_file(), "the TCK copy travels with its licence"
    assert len(CASES) == 51, "the TCK subset has 51 test cases"


@pytest.mark.parametrize(("model_path", "case"), CASES)
def test_tck_case(model_path: Path, case: TestCase) -> None:
    model = read_dmn(model_path)
    for expected in case.results:
        _check(model_path, model, case, expected)


def _check(model_path: Path, model: DecisionModel, case: TestCase, expected: ResultNode) -> None:
    assert expected.type in (None, "decision"), "only decision result nodes are in the subset"
    if expected.error_result:
        with pytest.raises(Exception):  # noqa: B017, PT011 - any evaluation error is expected
            evaluate_model(model, case.inputs, [expected.name])
        return
    result = evaluate_model(model, case.inputs, [expected.name])[expected.name]
    assert values_equal(expected.expected, result.value), (
        f"{model_path.name} case {case.id}, decision '{expected.name}': expected "
        f"{format_value(expected.expected)}, got {format_value(result.value)}"
    )
