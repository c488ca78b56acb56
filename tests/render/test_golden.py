"""Golden Markdown documents of the test cases on the small test knowledge base.

They pin what the renderer does, not what the live knowledge base says: a change to
``rules/`` or ``knowledge/`` never touches them. Regenerate after reviewing a change
with ``PVRULES_REGEN_GOLDEN=1 pytest -q tests/render/test_golden.py`` and read the diff
as the raad member who receives the document.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import pytest

from pvrules.explain.context import ExplainContext
from pvrules.pipeline import Pipeline
from pvrules.render.report import plain, render_report

DATA = Path(__file__).resolve().parents[1] / "data"
CASES = [DATA / "case_small.yaml", *sorted((DATA / "cases").glob("*.yaml"))]
DAY = dt.date(2026, 11, 27)


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_markdown_document_golden(case: Path, lang: str, h: SimpleNamespace, golden) -> None:
    pipe = Pipeline(rules_dirs=[h.KB_RULES], knowledge_dirs=[h.KB_KNOWLEDGE],
                    engine_name="python", include_builtin=False)
    try:
        result = pipe.evaluate_file(str(case))
        decisions = plain(ExplainContext(pipe.kb, result, lang).decisions)
        kb_hash = pipe.kb.content_hash
    finally:
        pipe.close()
    text = render_report(decisions, "markdown", lang=lang, day=DAY).decode("utf-8")
    golden(h.GOLDEN / f"{case.stem}.{lang}.md", text, kb_hash=kb_hash, dates=[DAY])
