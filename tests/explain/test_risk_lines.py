"""An option's costs and risks read as sentences (pvrules/explain/risk_lines.py).

Label and reason are joined once in Python for Markdown, HTML and Word: an aspect label
takes its reason after a colon in sentence case; a label that holds a colon or is a claim
ends with a period. Never two colons in one clause, never a capital after a colon unless a
name starts there.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from pvrules.explain.context import ExplainContext
from pvrules.explain.decisions_model import Risk
from pvrules.explain.risk_lines import tail
from pvrules.pipeline import Pipeline
from pvrules.render.report import render_report

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
CASE = "gemeente-onder-preventief-toezicht"


@pytest.fixture(scope="module")
def ctx() -> ExplainContext:
    pipe = Pipeline([], [], "python")
    return ExplainContext(pipe.kb, pipe.evaluate_file(str(EXAMPLES / f"{CASE}.yaml")), "nl")


def _names(ctx: ExplainContext) -> set[str]:
    return {e.name for e in ctx.result.case.all_entities() if e.name}


@pytest.mark.parametrize(("risk", "expected"), [
    (Risk("afweging_omkeerbaarheid", "Omkeerbaarheid", "Goed omkeerbaar: er verandert niets."),
     ": goed omkeerbaar — er verandert niets."),
    (Risk("afweging_kosten", "Kosten", "? Nog niet geraamd: eenmalig de vorming."),
     ": nog niet geraamd — eenmalig de vorming."),
    (Risk("zwak", "Alleen zwakke partners: het tekort blijft", "Bij de optie blijft het."),
     ". Bij de optie blijft het."),
    (Risk("procedure", "De provincie kan zelf beginnen", "De steun is laag"),
     ". De steun is laag."),
    (Risk("afweging_kosten", "Kosten", ""), "."),
    (Risk("afweging_kosten", "Kosten", "De prijs volgt uit de aanbesteding."),
     ": de prijs volgt uit de aanbesteding."),
])
def test_label_and_reason_join_as_sentences(ctx: ExplainContext, risk: Risk,
                                            expected: str) -> None:
    assert tail(ctx, risk) == expected


def test_a_name_keeps_its_capital_after_a_colon(ctx: ExplainContext) -> None:
    name = sorted(_names(ctx))[0]
    assert tail(ctx, Risk("afweging_x", "Positie", f"{name} blijft klein")) == \
        f": {name} blijft klein."


def test_the_report_never_glues_label_and_reason(ctx: ExplainContext) -> None:
    rows = [r for dec in ctx.decisions.options for r in dec.options]
    assert any(k.tail for r in rows for k in r.risks), "the case has costs and risks with reasons"
    text = render_report(ctx.decisions, "markdown", lang="nl",
                         day=dt.date(2026, 12, 1)).decode("utf-8")
    part = text.split("## 4.", 1)[1].split("## 5.", 1)[0]
    lines = [line for line in part.splitlines() if line.startswith("  - ")]
    assert lines
    names = _names(ctx)
    for line in lines:
        body = line[4:]
        for clause in re.split(r"[.;—]", body):
            assert clause.count(":") <= 1, clause
        for after in re.findall(r":\s+(\w[^.;]*)", body):
            assert not after[:1].isupper() or any(after.startswith(n) for n in names), \
                (after, line)


def test_each_cost_or_risk_is_a_line_of_its_own_risks_first(ctx: ExplainContext) -> None:
    """Review 6 and 7 Top 10 #10: "Risico’s: …; Kosten (eenmalig en structureel): …;
    Omkeerbaarheid: …" pasted into one paragraph per option. Markdown lists them under the
    option, one line each, the risks proper before the costs and reversibility."""
    from pvrules.explain.risk_lines import ASPECT

    text = render_report(ctx.decisions, "markdown", lang="nl",
                         day=dt.date(2026, 12, 1)).decode("utf-8")
    part = text.split("## 4.", 1)[1].split("## 5.", 1)[0]
    rows = {r.label: r for dec in ctx.decisions.options for r in dec.options if r.risks}
    assert rows
    blocks: dict[str, list[str]] = {}
    current = None
    for line in part.splitlines():
        if line.startswith("- **"):
            current = line[4:].split(":**", 1)[0]
            assert line.endswith(":**"), line  # nothing pasted behind the option's name
            blocks[current] = []
        elif line.startswith("  - ") and current is not None:
            blocks[current].append(line[4:])
    for label, row in rows.items():
        aspects = [k for k in row.risks if k.id.startswith(ASPECT)]
        proper = [k for k in row.risks if not k.id.startswith(ASPECT)]
        assert [k.id for k in row.risks] == [k.id for k in proper + aspects], label
        lines = blocks[label]
        for k in aspects:
            if k.reason:
                assert sum(line.startswith(k.label) for line in lines) == 1, (label, k.label)
        firsts = [i for i, line in enumerate(lines) if any(line.startswith(k.label)
                                                           for k in aspects)]
        assert firsts == sorted(firsts) and all(
            not any(line.startswith(k.label) for k in aspects) for line in lines[:firsts[0]]
        ) if firsts else True


def test_every_risk_proper_sits_under_the_risks_label(ctx: ExplainContext) -> None:
    """Review 8 (#10, regression 1): "Eenmalige kosten onder preventief toezicht. Dat vraagt …"
    as a bullet of its own between "Risico’s" and "Kosten": a risk with its own reason is
    listed under "Risico’s:" too; only the aspects of the frame have lines of their own."""
    from pvrules.explain.risk_lines import ASPECT

    text = render_report(ctx.decisions, "markdown", lang="nl",
                         day=dt.date(2026, 12, 1)).decode("utf-8")
    part = text.split("## 4.", 1)[1].split("## 5.", 1)[0]
    risks_label = ctx.msg("report.risks_plain")
    reasoned = 0
    for row in (r for dec in ctx.decisions.options for r in dec.options if r.risks):
        block = part.split(f"- **{row.label}:**", 1)[1].split("\n- **", 1)[0]
        lines = [ln[4:] for ln in block.splitlines() if ln.startswith("  - ")]
        aspects = {k.label for k in row.risks if k.id.startswith(ASPECT)}
        for line in lines:
            assert line.startswith(f"{risks_label}:") or any(
                line.startswith(a) for a in aspects), (row.label, line)
        proper = [k for k in row.risks if not k.id.startswith(ASPECT)]
        reasoned += sum(1 for k in proper if k.reason)
        if proper:
            assert sum(line.startswith(f"{risks_label}:") for line in lines) == 1, row.label
    assert reasoned, "the case has a risk with a reason of its own"
