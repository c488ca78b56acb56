"""Decision tables: DMN 1.1-1.5 XML and simple CSV/YAML tables, evaluated with S-FEEL.

Read a file with :func:`load_tables` (any format) or :func:`read_dmn`,
evaluate it with :func:`evaluate_model`, check it for overlapping rows and
gaps with :func:`lint_model`, and turn a table over vocabulary facts into
rule-format rules with :func:`model_to_rule_file`. See
``docs/decision-tables.md``.
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
from pvrules.tables.lint import lint_model, lint_table
from pvrules.tables.load import load_tables
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
from pvrules.tables.to_rules import model_to_rule_file, table_to_rules
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
    "lint_model",
    "lint_table",
    "load_tables",
    "model_to_rule_file",
    "parse_dmn",
    "parse_expression",
    "parse_hit_policy",
    "parse_literal",
    "parse_unary_tests",
    "read_dmn",
    "table_to_rules",
    "to_feel",
    "to_json",
]
