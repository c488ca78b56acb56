"""The edit loop (``pytest -m "not slow"``) stays fast: what costs seconds is marked ``slow``.

Guarded here: no fast test starts a server, Chromium or LibreOffice; none runs on more
than two shipped examples; no fast property test tries more than 40 generated cases.

These checks look at the tests collected in this run (``session.items``): run with the
rest of the suite, they see every test that would run with them.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

from pvrules.pipeline import example_names

TESTS = Path(__file__).resolve().parent
PROCESS_FIXTURES = {
    "real_server": "starts a real pvrules serve process",
    "chromium": "runs headless Chromium",
    "libreoffice": "runs LibreOffice",
}
"""Fixtures that start an outside process; a test that uses one (even indirectly) is slow."""
EXAMPLES_IN_THE_LOOP = 2
"""How many of the shipped examples one test may run on in the edit loop."""


def _fast(session: pytest.Session) -> list[pytest.Item]:
    return [item for item in session.items if item.get_closest_marker("slow") is None]


def test_tests_that_start_a_process_are_slow(request: pytest.FixtureRequest) -> None:
    wrong = [f"{item.nodeid} uses {name}, which {why}"
             for item in _fast(request.session)
             for name, why in PROCESS_FIXTURES.items()
             if name in getattr(item, "fixturenames", ())]
    assert not wrong, "mark these tests @pytest.mark.slow:\n" + "\n".join(wrong)


def test_fast_tests_do_not_sweep_the_examples(request: pytest.FixtureRequest) -> None:
    examples = set(example_names())
    seen: dict[str, set[str]] = defaultdict(set)
    for item in _fast(request.session):
        callspec = getattr(item, "callspec", None)
        if callspec is None:
            continue
        test = item.nodeid.split("[", 1)[0]
        seen[test] |= {v for v in callspec.params.values() if isinstance(v, str)} & examples
    wrong = [f"{test} runs on {len(names)} examples" for test, names in sorted(seen.items())
             if len(names) > EXAMPLES_IN_THE_LOOP]
    assert not wrong, (f"in the edit loop a test runs on at most {EXAMPLES_IN_THE_LOOP} "
                       "shipped examples; mark it @pytest.mark.fast_sample(1) (the other "
                       "cases become slow):\n" + "\n".join(wrong))


def test_only_the_fixture_starts_a_server() -> None:
    """``tests/serve/browser.serve`` is reached through ``real_server``, which the first
    check can see, and not imported by a test module directly."""
    wrong = []
    for path in sorted(TESTS.rglob("*.py")):
        if path.name == "conftest.py" or "data" in path.relative_to(TESTS).parts:
            continue
        text = path.read_text(encoding="utf-8")
        if "browser" not in text:
            continue
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.ImportFrom) and (node.module or "").endswith("browser") \
                    and any(alias.name == "serve" for alias in node.names):
                wrong.append(f"{path.relative_to(TESTS)}:{node.lineno}")
    assert not wrong, "use the real_server fixture instead:\n" + "\n".join(wrong)


EXAMPLES_PER_PROPERTY = 40
"""How many generated cases one property test may try in the edit loop."""


def test_fast_property_tests_try_few_cases(request: pytest.FixtureRequest) -> None:
    wrong = []
    for item in _fast(request.session):
        chosen = getattr(getattr(item, "obj", None), "_hypothesis_internal_use_settings", None)
        examples = getattr(chosen, "max_examples", 0)
        if examples > EXAMPLES_PER_PROPERTY:
            wrong.append(f"{item.nodeid} tries {examples}")
    assert not wrong, (
        f"in the edit loop a property test tries at most {EXAMPLES_PER_PROPERTY} generated "
        "cases; mark it slow, or parametrize it by the number (a few in the loop, all in the "
        "full suite: see test_compiled_support_is_the_tree_walk):\n" + "\n".join(wrong))
