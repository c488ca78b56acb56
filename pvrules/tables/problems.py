"""Build :class:`~pvrules.errors.TableError` values with one located problem.

Every error of the tables package is a ``TableError`` whose first problem has
a stable code starting with ``table-``, the file, the line when known, a
``loc`` naming the table, rule and column, and a suggestion where one helps.
"""

from __future__ import annotations

from collections.abc import Sequence

from pvrules.errors import Problem, TableError

LOAD_SUMMARY = "invalid decision table"
EVAL_SUMMARY = "cannot evaluate the decision"


def table_error(
    code: str,
    message: str,
    *,
    file: str | None = None,
    line: int | None = None,
    loc: str | None = None,
    rule_id: str | None = None,
    allowed: Sequence[str] = (),
    suggestion: str | None = None,
    summary: str = LOAD_SUMMARY,
) -> TableError:
    """Return a ``TableError`` carrying one :class:`~pvrules.errors.Problem`.

    Args:
        code: stable problem code, for example ``table-feel``.
        message: what is wrong, in plain language.
        file: the file the problem is in.
        line: 1-based line, if known.
        loc: where in the file, for example ``decision 'X', rule 2, input 'Age'``.
        rule_id: the id of the rule (row), if it has one.
        allowed: what would have been accepted, if that is a short list.
        suggestion: a did-you-mean or a hint.
        summary: the first line of the formatted error.

    Returns:
        The error, ready to raise.
    """
    problem = Problem(
        code,
        message,
        file=file,
        line=line,
        loc=loc,
        rule_id=rule_id,
        allowed=tuple(allowed),
        suggestion=suggestion,
    )
    return TableError(summary, [problem])


def where(
    table: str | None = None,
    rule: int | None = None,
    column: str | None = None,
    *,
    kind: str = "table",
) -> str | None:
    """Compose a ``loc`` text such as ``table 'Kleur', rule 3, column 'Age'``.

    Args:
        table: the table or decision name.
        rule: the 1-based rule (row) number.
        column: the column (input or output) name.
        kind: the word used for ``table``, e.g. ``decision`` for DMN.
    """
    parts: list[str] = []
    if table is not None:
        parts.append(f"{kind} '{table}'")
    if rule is not None:
        parts.append(f"rule {rule}")
    if column is not None:
        parts.append(f"column '{column}'")
    return ", ".join(parts) or None
