"""Decision tables as a way to write rules: DMN 1.1-1.5 XML and simple CSV/YAML tables.

The core reads a table into rules through one function, :func:`table_rules`
(reader chosen by extension, then one rule per row); lint checks a table for
overlapping rows and gaps with :func:`lint_model`. Evaluating tables on their
own (``pvrules decide``) and the DMN TCK runner live in :mod:`pvrules.dmn`,
which the core never imports. See ``docs/decision-tables.md``.
"""

from pvrules.tables.dmn import DMN_NAMESPACES, parse_dmn, read_dmn
from pvrules.tables.feel import FeelError, parse_expression, parse_literal, parse_unary_tests
from pvrules.tables.lint import lint_model, lint_table
from pvrules.tables.load import load_tables, parse_table_text
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
from pvrules.tables.to_rules import model_to_rule_file, table_rules, table_to_rules
from pvrules.tables.values import FeelValue, to_feel, to_json

__all__ = [
    "DMN_NAMESPACES",
    "Aggregation",
    "Decision",
    "DecisionModel",
    "DecisionTable",
    "FeelError",
    "FeelValue",
    "HitPolicy",
    "InputClause",
    "InputData",
    "OutputClause",
    "TableRule",
    "lint_model",
    "lint_table",
    "load_tables",
    "model_to_rule_file",
    "parse_dmn",
    "parse_expression",
    "parse_hit_policy",
    "parse_literal",
    "parse_table_text",
    "parse_unary_tests",
    "read_dmn",
    "table_rules",
    "table_to_rules",
    "to_feel",
    "to_json",
]
