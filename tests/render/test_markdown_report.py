"""The Markdown report: sections in order, clean tables (goldens: test_golden.py)."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from pvrules.pipeline import Pipeline
from pvrules.render.report import format_for, level_bar, md_cell, render_report
from pvrules.render.report_data import ReportData

SECTIONS_NL = ["## 1. Samenvatting", "## 2. Aanleiding en vraag",
               "## 3. Diagnose: de publieke-waardedriehoek", "## 4. Opgaven en samenwerkingsvorm",
               "## 5. Governance en legitimiteit", "## 6. Opties voor het bestuur",
               "## Bijlage: Verantwoording"]


def check_markdown_structure(text: str, sections: list[str]) -> None:
    """The sections appear in order, tables are well formed, nothing is left unrendered."""
    positions = [text.index(s) for s in sections]
    assert positions == sorted(positions)
    assert "{{" not in text
    assert "{%" not in text
    assert "\n\n\n" not in text
    for block in re.findall(r"(?:^\|.*\|\n)+", text, flags=re.M):
        rows = block.strip().splitlines()
        widths = {len(re.findall(r"(?<!\\)\|", row)) for row in rows}
        assert len(widths) == 1, block
        assert set(rows[1].replace("|", "")) <= {"-"}


def test_format_from_extension() -> None:
    assert format_for("advies.md", None) == "markdown"
    assert format_for("advies.HTML", None) == "html"
    assert format_for("advies.docx", None) == "docx"
    assert format_for("advies.txt", "html") == "html"
    assert format_for(None, None) == "markdown"


def test_helpers(small_data: ReportData) -> None:
    assert md_cell("a | b\nc") == "a \\| b c"
    assert [level_bar(c) for c in small_data.corners] == ["?", "●○○", "●●●"]


def test_small_report_structure(small_data: ReportData) -> None:
    text = render_report(small_data, "markdown").decode("utf-8")
    check_markdown_structure(text, SECTIONS_NL)
    assert "Onevenwicht: legitimiteit (zwak) blijft achter bij organisatie (sterk)." in text
    assert "| Legitimiteit ▼ | zwak ●○○ | Draagvlak: laag |" in text
    assert "### 4.2 Opgave o2" in text
    assert "| Centrumregeling | afgeraden | · | · | · |" in text
    assert "| **Openbaar lichaam** | aanbevolen | · | · | · |" in text
    assert "Geen regel spreekt zich uit over: Openbaar lichaam." in text
    assert f"| Kennisbank (versie) | `{small_data.kb_hash}` |" in text
    assert "| Datum rapport | 2026-11-27 |" in text


def test_english(small_pipe: Pipeline, h: SimpleNamespace) -> None:
    text = render_report(h.make_data(small_pipe, h.CASE_SMALL, "en"), "markdown").decode()
    check_markdown_structure(text, ["## 1. Summary", "## 2. Background and question",
                                    "## 3. Diagnosis", "## 4. Tasks and form of collaboration",
                                    "## 5. Governance and legitimacy",
                                    "## 6. Options for the council",
                                    "## Appendix: Accountability"])
    assert "27 November 2026" in text
    assert "Samenvatting" not in text


def test_case_text_cannot_break_tables(small_pipe: Pipeline, h: SimpleNamespace,
                                       hostile_case: Path) -> None:
    text = render_report(h.make_data(small_pipe, hostile_case), "markdown").decode()
    check_markdown_structure(text, SECTIONS_NL)
    assert '**Toelichting:** <script>alert(1)</script> "quoted" | pipe' in text
    assert "| Opgave | <img src=x onerror=alert(2)> | — |" in text


@pytest.mark.parametrize("fmt", ["markdown", "html", "docx"])
def test_same_input_same_bytes(small_pipe: Pipeline, h: SimpleNamespace, fmt: str) -> None:
    one = render_report(h.make_data(small_pipe, h.CASE_SMALL), fmt)
    two = render_report(h.make_data(small_pipe, h.CASE_SMALL), fmt)
    assert one == two
