"""Golden text of explain, why-not, whatif and diff on the test cases of the test KB.

For each case of the small test knowledge base the same questions are asked as of
the built-in examples (test_examples.py): why for every recommendation, three
why-nots, one what-if and one diff. Regenerate after reviewing a change with
``PVRULES_REGEN_GOLDEN=1 pytest -q tests/explain/test_cases_golden.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pvrules.cli.main import main

from .conftest import DATA, GOLDEN, KB_ARGS, plan_questions, question_runs, small_pipeline

CASES = [DATA / "case_small.yaml", *sorted((DATA / "cases").glob("*.yaml"))]


def run(*args: str) -> str:
    result = CliRunner().invoke(main, [*args, *KB_ARGS, "--engine", "python"])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_questions_golden(case: Path, golden) -> None:
    source = str(case)
    pipe = small_pipeline()
    try:
        questions = plan_questions(
            pipe, source,
            lambda target, *extra: json.loads(run("whatif", source, "--target", target,
                                                  *extra, "--format", "json"))["result"])
    finally:
        pipe.close()
    assert questions["whatif"] is not None, "the case needs a recommendation with a what-if"
    for lang, runs in question_runs(questions, source).items():
        text = "".join(f"$ pvrules {_shown(args)}\n\n{run(*args)}\n" for args in runs)
        golden(GOLDEN / "cases" / f"{case.stem}.{lang}.txt", text)


def _shown(args: tuple[str, ...]) -> str:
    """The command line as shown in the golden file, with the case path from the repository."""
    root = str(DATA.parents[1]) + "/"
    return " ".join(a.replace(root, "") for a in args)


