"""A task without a form says what it still waits on in clauses, not in fact labels.

"Nog geen vorm" rows of the tasks table name the unknown facts the form rules read as the
clauses of :func:`pvrules.explain.unknown_words.subject` ("hoe urgent de opgave is"), the
same words §8 and the option cells use; never the capitalised labels of the vocabulary.
"""

from __future__ import annotations

from pathlib import Path

from pvrules.explain.context import ExplainContext
from pvrules.explain.unknown_words import subject
from pvrules.pipeline import Pipeline

CASE = """\
casus: {id: t, titel: t, datum: "2024-03-01", opdrachtgever: {naam: raad, soort: gemeente}}
partners: [{id: a, naam: Adorp, soort: gemeente}, {id: b, naam: Bedum, soort: gemeente}]
opgaven: [{id: x, naam: Een opgave}]
"""


def test_a_task_without_a_form_names_clauses(tmp_path: Path) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(CASE, encoding="utf-8")
    pipe = Pipeline([], [], "python")
    ctx = ExplainContext(pipe.kb, pipe.evaluate_file(str(path)), "nl")
    rows = [r for r in ctx.decisions.analysis if r.form is None]
    assert rows, "the task has no form yet"
    why = rows[0].why
    unknown = [f for f in ctx.kb.vocab.facts_of("opgave")
               if f.origin == "input" and ctx.result.value(("opgave", "x"), f.id) is None]
    said = [f for f in unknown if subject(ctx, f.id)[0] in why]
    assert said, why
    assert all(ctx.kb.vocab.facts[f.id].label.get("nl") not in why
               for f in said if subject(ctx, f.id)[0] != ctx.kb.vocab.facts[f.id].label.get("nl"))


def test_a_task_that_runs_in_a_collaboration_under_review_says_so(tmp_path: Path) -> None:
    """Where the options are about the collaboration the task runs in, the row says that the
    task runs there now and that whether it stays is the question, not a list of unknowns."""
    path = tmp_path / "case.yaml"
    # unwinding is weighed: 'keep it there' is then not advised (vorm.bestaand_verband)
    path.write_text(CASE.replace("opgaven: [{id: x, naam: Een opgave}]",
                                 "opgaven: [{id: x, naam: Een opgave, schaal: regionaal,"
                                 " urgentie: hoog, in_bestaand_verband: true}]\n"
                                 "opties: [{id: u, naam: Uit, optievorm: uittreden,"
                                 " bestaande_vorm: openbaar_lichaam, partners: [a]}]\n"
                                 "feiten: {ontvlechting_overwogen: true}"),
                    encoding="utf-8")
    pipe = Pipeline([], [], "python")
    ctx = ExplainContext(pipe.kb, pipe.evaluate_file(str(path)), "nl")
    rows = [r for r in ctx.decisions.analysis if r.form is None]
    assert rows and rows[0].why == ctx.msg("analysis.runs_now")


def test_the_row_names_where_the_task_runs_now_while_the_options_weigh_it(tmp_path: Path) -> None:
    """Options that weigh the collaboration: 'in het bestaande verband houden' is not advised;
    the row names where the task runs now (the case's bron) beside the question, not a form."""
    path = tmp_path / "case.yaml"
    path.write_text(CASE.replace("opgaven: [{id: x, naam: Een opgave}]",
                                 "opgaven: [{id: x, naam: Een opgave, schaal: subregionaal,"
                                 " in_bestaand_verband: {waarde: true, bron: de GR Zuid}}]\n"
                                 "opties: [{id: v, naam: Beter, optievorm: samenwerking_verbeteren,"
                                 " bestaande_vorm: openbaar_lichaam, partners: [a]}]"),
                    encoding="utf-8")
    pipe = Pipeline([], [], "python")
    result = pipe.evaluate_file(str(path))
    assert not any(f.rule_id == "vorm.bestaand.behouden" for f in result.firings)
    ctx = ExplainContext(pipe.kb, result, "nl")
    row = next(r for r in ctx.decisions.analysis if r.opgave == "x")
    assert row.form is None and row.where == "de GR Zuid"
    assert row.form_label == ctx.msg("analysis.now") and row.why == ctx.msg("analysis.runs_now")
