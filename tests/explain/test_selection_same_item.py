"""One further measure for several tasks is one line in §5, unless it is a form for a task.

:func:`pvrules.explain.selection._joined` joins the same catalogue item for several targets
of one kind ("Programmatisch samenwerken … voor A en B") instead of printing the same line
twice; a form of collaboration (an item with exclusive rivals) stays one line per task,
because the tasks table shows it per task. Built-in knowledge base, synthetic items.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pvrules.explain.context import ExplainContext
from pvrules.explain.decisions_model import RecItem
from pvrules.explain.selection import _joined
from pvrules.pipeline import Pipeline

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def ctx() -> ExplainContext:
    pipe = Pipeline([], [], "python")
    return ExplainContext(pipe.kb, pipe.evaluate_file(str(EXAMPLES / "bar-2016.yaml")), "nl")


def _items(ctx: ExplainContext, item: str) -> list[RecItem]:
    label = ctx.kb.item(item).label.get("nl")
    return [RecItem(item, label, name, "middel", "", None, target_id=ident,
                    target_key=("opgave", ident))
            for ident, name in (("a", "Opgave A"), ("b", "Opgave B"))]


def test_one_measure_for_two_tasks_is_one_line(ctx: ExplainContext) -> None:
    item = next(i for i in ctx.kb.catalogues.items
                if not ctx.kb.catalogues.exclusive_with(i) and i == "programmatisch_samenwerken")
    joined = _joined(ctx, _items(ctx, item))
    assert len(joined) == 1
    assert joined[0].target == ctx.msg.join(["Opgave A", "Opgave B"])


def test_a_form_for_a_task_stays_one_line_per_task(ctx: ExplainContext) -> None:
    form = next(i for i in ctx.kb.catalogues.items if ctx.kb.catalogues.exclusive_with(i))
    assert len(_joined(ctx, _items(ctx, form))) == 2
