"""Golden files of what the compiler emits: the IR and the durable_rules ruleset.

Review a change to these files by eye. Regenerate them only on purpose:
``PVRULES_REGEN_GOLDEN=1 pytest tests/engine/test_compile_golden.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pvrules.compile.ir import Assess, Derive, Recommend, to_data
from pvrules.infer.durable_limits import check_limits
from pvrules.infer.durable_plan import DurableCompiler
from pvrules.kb import load_kb

DATA = Path(__file__).resolve().parents[1] / "data"
GOLDEN = Path(__file__).resolve().parent / "golden"


def _kb(name: str = "kb"):
    return load_kb([DATA / name / "rules"], [DATA / name / "knowledge"], include_builtin=False,
                   use_env=False)


def _conclusion(c: Derive | Recommend | Assess) -> dict[str, object]:
    if isinstance(c, Derive):
        return {"derive": c.fact, "value": c.value, "target": c.target}
    if isinstance(c, Recommend):
        return {"recommend" if not c.against else "advise_against": c.item,
                "strength": c.strength, "target": c.target}
    return {c.kind: c.name, "value": c.value, "strength": c.strength, "target": c.target}


def _ir(name: str = "kb") -> str:
    kb = _kb(name)
    rules = []
    for rule in kb.rules:
        data = {"id": rule.id, "stratum": rule.stratum, "for_each": rule.focus_entity,
                "condition": to_data(rule.condition),
                "then": [_conclusion(c) for c in rule.conclusions],
                "reads": sorted(map(list, rule.reads)),
                "writes": sorted(map(list, rule.writes))}
        if rule.frameworks or rule.valid_from or rule.valid_to:
            data.update(frameworks=list(rule.frameworks), valid_from=rule.valid_from,
                        valid_to=rule.valid_to)
        rules.append(data)
    return json.dumps(rules, indent=1, ensure_ascii=False) + "\n"


def _durable(name: str = "kb", pack: bool = False) -> str:
    kb = _kb(name)
    plan = DurableCompiler(kb.vocab, pack=pack).compile(kb.rules)
    check_limits(plan, kb.vocab, kb.rules)
    residual = {r.name: to_data(r.residual) if r.residual is not None else None
                for r in plan.rules}
    flags = {f.name: {"stratum": f.stratum, "cond": to_data(f.cond)} for f in plan.flags}
    extra = {"packed_entity_facts": sorted(plan.packed)} if pack else {}
    return json.dumps({"ruleset": plan.ruleset(), "residual_checks_in_python": residual,
                       "flags_decided_in_python": flags, **extra},
                      indent=1, ensure_ascii=False) + "\n"


@pytest.mark.parametrize(("name", "make"), [
    ("testkb.ir.json", _ir), ("testkb.durable.json", _durable),
    ("testkb_v2.ir.json", lambda: _ir("kb_v2")),
    ("testkb_v2.durable.json", lambda: _durable("kb_v2")),
    ("testkb.durable-packed.json", lambda: _durable(pack=True)),
    ("testkb_v2.durable-packed.json", lambda: _durable("kb_v2", pack=True))])
def test_golden(name: str, make, golden) -> None:
    golden(GOLDEN / name, make())
