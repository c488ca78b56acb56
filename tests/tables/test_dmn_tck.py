"""DMN TCK conformance: every test case of every model in the shared TCK subset.

The suite lives beside the project (``../shared/dmn-tck``) or where the
``PVRULES_DMN_TCK`` environment variable points. Without it the tests skip
locally; under CI (``CI`` set) a missing suite is a failure.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pvrules.tables.dmn import read_dmn
from pvrules.tables.evaluate import evaluate_model
from pvrules.tables.model import DecisionModel
from pvrules.tables.tck import ResultNode, TestCase, read_test_suite, values_equal
from pvrules.tables.values import format_value


def _suite_dir() -> Path | None:
    configured = os.environ.get("PVRULES_DMN_TCK")
    candidate = (
        Path(configured)
        if configured
        else Path(__file__).resolve().parents[2].parent / "shared" / "dmn-tck"
    )
    return candidate if candidate.is_dir() else None


SUITE = _suite_dir()


def _cases() -> list[object]:
    if SUITE is None:
        return []
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
    if SUITE is None:
        message = "DMN TCK suite not found (../shared/dmn-tck or $PVRULES_DMN_TCK)"
        if os.environ.get("CI"):
            pytest.fail(message + "; it must be present in CI")
        pytest.skip(message)
    assert len(CASES) == 51, "the shared TCK subset has 51 test cases"


@pytest.mark.skipif(SUITE is None, reason="DMN TCK suite not found")
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
