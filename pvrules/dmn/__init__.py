"""Decision tables evaluated on their own: ``pvrules decide`` and the DMN TCK runner.

Applies the DMN hit policies to a model read by :mod:`pvrules.tables`
(:func:`evaluate_model`) and reads DMN TCK test-case files
(:mod:`pvrules.dmn.tck`). Only the command line imports this package; the
advice pipeline never does (``tests/test_architecture.py`` checks it).
"""

from pvrules.dmn.evaluate import (
    DecisionResult,
    ModelResult,
    RuleHit,
    evaluate_decision,
    evaluate_model,
    evaluate_table,
)

__all__ = [
    "DecisionResult",
    "ModelResult",
    "RuleHit",
    "evaluate_decision",
    "evaluate_model",
    "evaluate_table",
]
