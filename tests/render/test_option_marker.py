"""The option table's marker "(geadviseerd)" (Markdown, HTML, Word).

Review 6 and 7 (a herindeling the raden decided): a lone option is the direction itself,
not one advised over others; "(geadviseerd)" only distinguishes an option among several.
"advised against" is always shown.
"""

from __future__ import annotations

import datetime as dt
import io
from types import SimpleNamespace
from typing import Any

import pytest

from pvrules.explain.context import ExplainContext
from pvrules.messages import Messages
from pvrules.pipeline import Pipeline
from pvrules.render.report import plain, render_report

DAY = dt.date(2026, 12, 2)


@pytest.fixture(scope="module")
def data(h: SimpleNamespace) -> dict[str, Any]:
    pipe = Pipeline(rules_dirs=[h.KB_RULES], knowledge_dirs=[h.KB_KNOWLEDGE],
                    engine_name="python", include_builtin=False)
    try:
        return dict(plain(ExplainContext(pipe.kb, pipe.evaluate_file(str(h.CASE_SMALL)),
                                         "nl").decisions))
    finally:
        pipe.close()


def _text(raw: bytes, fmt: str) -> str:
    if fmt != "docx":
        return raw.decode("utf-8")
    from docx import Document

    doc = Document(io.BytesIO(raw))
    return "\n".join([p.text for p in doc.paragraphs]
                     + [c.text for t in doc.tables for r in t.rows for c in r.cells])


def _row(label: str, preference: str | None) -> dict[str, Any]:
    return {"id": label.lower(), "label": label, "partners": ["A"], "effects": {},
            "risks": [], "criteria": [], "preference": preference, "form": None}


@pytest.mark.parametrize("fmt", ["markdown", "html", "docx"])
def test_advised_marks_an_option_only_among_several(fmt: str, data: dict[str, Any]) -> None:
    m = Messages("nl")
    advised, against = f"({m('report.advised')})", f"({m('report.advised_against')})"
    decision = {"id": "keuze", "question": "Welke?", "chooser": "de raad", "preference": None,
                "text": "", "target": None, "heading": "Keuze"}
    one = {**data, "options": [{**decision, "options": [_row("Enige", "advised")]}]}
    two = {**data, "options": [{**decision, "options": [_row("Eerste", "advised"),
                                                          _row("Tweede", "advised_against")]}]}
    lone = _text(render_report(one, fmt, lang="nl", day=DAY), fmt)
    both = _text(render_report(two, fmt, lang="nl", day=DAY), fmt)
    assert "Enige" in lone and advised not in lone
    assert advised in both and against in both
