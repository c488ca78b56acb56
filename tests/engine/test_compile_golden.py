"""Golden files of what the compiler emits: the IR and the durable_rules ruleset.

Review a change to these files by eye. Regenerate them only on purpose:
``PVRULES_REGEN_GOLDEN=1 pytest tests/engine/test_compile_golden.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pvrules.compile.ir import Derive, Recommend, to_data
from pvrules.infer.durable_limits import check_limits
from pvrules.infer.durable_plan import DurableCompiler
from pvrules.kb import load_kb

DATA = Path(__file__).resolve().parents[1] / "data" / "kb"
GOLDEN = Path(__file__).resolve().parent / "golden"


def _kb():
    return load_kb([DATA / "rules"], [DATA / "knowledge"], include_builtin=False, use_env=False)


def _ir() -> str:
    kb = _kb()
    rules = []
    for rule in kb.rules:
        conclusions = [
            {"derive": c.fact, "value": c.value, "target": c.target} if isinstance(c, Derive)
            else {"recommend" if not c.against else "advise_against": c.item,
                  "strength": c.strength, "target": c.target}
            for c in rule.conclusions if isinstance(c, Derive | Recommend)]
        rules.append({"id": rule.id, "stratum": rule.stratum, "for_each": rule.focus_entity,
                      "condition": to_data(rule.condition), "then": conclusions,
                      "reads": sorted(map(list, rule.reads)),
                      "writes": sorted(map(list, rule.writes))})
    return json.dumps(rules, indent=1, ensure_ascii=False) + "\n"


def _durable() -> str:
    kb = _kb()
    plan = DurableCompiler(kb.vocab).compile(kb.rules)
    check_limits(plan, kb.vocab, kb.rules)
    residual = {r.name: to_data(r.residual) if r.residual is not None else None
                for r in plan.rules}
    return json.dumps({"ruleset": plan.ruleset(), "residual_checks_in_python": residual},
                      indent=1, ensure_ascii=False) + "\n"


@pytest.mark.parametrize(("name", "make"), [("testkb.ir.json", _ir),
                                            ("testkb.durable.json", _durable)])
def test_golden(name: str, make, golden) -> None:
    golden(GOLDEN / name, make())
