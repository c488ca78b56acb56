"""Golden Markdown reports of the test cases on the small test knowledge base.

They pin what the renderer does, not what the live knowledge base says: a change to
``rules/`` or ``knowledge/`` never touches them. Regenerate after reviewing a
change with ``PVRULES_REGEN_GOLDEN=1 pytest -q tests/render/test_golden.py``.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from pvrules.pipeline import Pipeline
from pvrules.render.report import render_report

DATA = Path(__file__).resolve().parents[1] / "data"
CASES = [DATA / "case_small.yaml", *sorted((DATA / "cases").glob("*.yaml"))]


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_markdown_report_golden(small_pipe: Pipeline, case: Path, lang: str,
                                h: SimpleNamespace, golden) -> None:
    data = h.make_data(small_pipe, case, lang)
    text = render_report(data, "markdown").decode("utf-8")
    golden(h.GOLDEN / f"{case.stem}.{lang}.md", text, kb_hash=data.kb_hash, dates=[h.DAY])
