"""Decision tables: DMN 1.1-1.5 XML and simple CSV/YAML tables, evaluated with S-FEEL.

Read a file with :func:`load_tables` (any format) or :func:`read_dmn`,
evaluate it with :func:`evaluate_model`, and check it for overlapping rows
and gaps with :func:`lint_model`. See ``docs/decision-tables.md``.
"""

from pvrules.tables.dmn import DMN_NAMESPACES, parse_dmn, read_dmn
from pvrules.tables.evaluate import (
    DecisionResult,
    ModelResult,
    RuleHit,
    evaluate_decision,
    evaluate_model,
    evaluate_table,
)
from pvrules.tables.feel import FeelError, parse_expression, parse_literal, parse_unary_tests
from pvrules.tables.model import (
    Aggregation,
    Decision,
    DecisionModel,
    DecisionTable,
    HitPolicy,
    InputClause,
    InputData,
    OutputClause,
    TableRule,
    parse_hit_policy,
)
from pvrules.tables.values import FeelValue, to_feel, to_json

__all__ = [
    "DMN_NAMESPACES",
    "Aggregation",
    "Decision",
    "DecisionModel",
    "DecisionResult",
    "DecisionTable",
    "FeelError",
    "FeelValue",
    "HitPolicy",
    "InputClause",
    "InputData",
    "ModelResult",
    "OutputClause",
    "RuleHit",
    "TableRule",
    "evaluate_decision",
    "evaluate_model",
    "evaluate_table",
    "parse_dmn",
    "parse_expression",
    "parse_hit_policy",
    "parse_literal",
    "parse_unary_tests",
    "read_dmn",
    "to_feel",
    "to_json",
]
