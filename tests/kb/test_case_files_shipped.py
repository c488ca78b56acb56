"""Every case file a built-in expert test reads ships with the package.

A ``case_file`` of ``rules/tests/*.yaml`` is ``example:NAME`` or a path inside ``rules/tests``
(the synthetic cases live in ``rules/tests/_cases/``, which the test gatherer skips): a path out
of the package (``../../tests/data/…``) works in a checkout and fails after ``pip install``,
where ``pvrules test`` runs the same tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

RULE_TESTS = Path(__file__).resolve().parents[2] / "rules" / "tests"


def _case_files() -> list[tuple[str, str]]:
    out = []
    for path in sorted(RULE_TESTS.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for test in data.get("tests") or []:
            name = test.get("case_file")
            if name and not name.startswith("example:"):
                out.append((path.name, name))
    return out


CASE_FILES = _case_files()


def test_some_tests_read_a_case_file() -> None:
    assert CASE_FILES  # the check below bites


@pytest.mark.parametrize(("test_file", "case_file"), CASE_FILES)
def test_a_case_file_lies_inside_the_shipped_rule_tests(test_file: str, case_file: str) -> None:
    target = (RULE_TESTS / case_file).resolve()
    assert target.is_file(), (test_file, case_file)
    assert RULE_TESTS in target.parents, (test_file, case_file)
