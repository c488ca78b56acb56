"""``pvrules decide``: evaluate a decision table file (DMN, CSV or YAML) for given inputs."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path

import click

from pvrules.cli.common import guarded
from pvrules.dmn.evaluate import DecisionResult, ModelResult, RuleHit, evaluate_model
from pvrules.errors import PvrulesError
from pvrules.tables.feel import FeelError, parse_literal
from pvrules.tables.load import load_tables
from pvrules.tables.problems import table_error
from pvrules.tables.values import FeelValue, JsonValue, to_json

MAX_INPUT_DEPTH = 32
"""Deepest dotted input name (``a.b.c``) and deepest nesting in an inputs file."""


def parse_input_value(text: str) -> FeelValue:
    """Read the VALUE of ``--input NAME=VALUE``.

    FEEL literals are read as such: ``18``, ``-2.5``, ``true``, ``false``,
    ``null``, ``"quoted text"`` and ``date("2024-01-31")``. Anything else,
    such as a bare word ``hoog`` or ``te laag``, is taken as a string.

    Args:
        text: the VALUE text.

    Returns:
        The FEEL value.

    Raises:
        TableError: ``table-input`` for a quoted string that is not closed
            or otherwise not a valid FEEL string.
    """
    stripped = text.strip()
    try:
        return parse_literal(stripped)
    except FeelError as exc:
        if stripped.startswith('"') or stripped.startswith("date("):
            raise table_error(
                "table-input",
                f"cannot read the value {text!r}: {exc.reason}",
                suggestion='write strings as "text" (quotes closed) and dates as '
                'date("YYYY-MM-DD")',
            ) from None
        return text


def _set_path(target: dict[str, object], name: str, value: object, origin: str) -> None:
    parts = [p.strip() for p in name.split(".")]
    if len(parts) > MAX_INPUT_DEPTH:
        raise table_error(
            "table-input", f"{origin}: the name has {len(parts)} parts; at most "
            f"{MAX_INPUT_DEPTH} are allowed", summary="bad input"
        )
    if not all(parts):
        raise table_error(
            "table-input", f"{origin}: {name!r} is not a valid input name", summary="bad input"
        )
    node = target
    for part in parts[:-1]:
        child = node.setdefault(part, {})
        if not isinstance(child, dict):
            raise table_error(
                "table-input",
                f"{origin}: '{part}' already has a value that is not an object",
                summary="bad input",
            )
        node = child
    node[parts[-1]] = value


def collect_inputs(pairs: Sequence[str], inputs_file: Path | None) -> dict[str, object]:
    """Combine ``--inputs FILE.json`` and ``--input NAME=VALUE`` options.

    Values from ``--input`` override those from the file; a dotted NAME such
    as ``aanvrager.leeftijd`` sets a field of an object.

    Args:
        pairs: the ``NAME=VALUE`` texts.
        inputs_file: a JSON file holding one object, or ``None``.

    Returns:
        Input values by name.

    Raises:
        TableError: ``table-input`` for a malformed option or file.
    """
    inputs: dict[str, object] = {}
    if inputs_file is not None:
        inputs = read_inputs_file(inputs_file)
    seen: set[str] = set()
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip()
        if not sep or not name:
            raise table_error(
                "table-input",
                f"--input {pair!r} is not NAME=VALUE",
                suggestion="for example --input leeftijd=18 --input risico=hoog",
                summary="bad input",
            )
        if name in seen:
            raise table_error("table-input", f"--input {name} is given twice", summary="bad input")
        seen.add(name)
        _set_path(inputs, name, parse_input_value(value), f"--input {pair}")
    return inputs


def read_inputs_file(path: Path) -> dict[str, object]:
    """Read a JSON object of inputs; numbers are read exactly as decimals.

    Raises:
        TableError: ``table-input`` when the file is missing, not JSON or not
            an object.
    """
    from pvrules.errors import FileFormatError
    from pvrules.load.reading import read_input_bytes

    try:
        data = read_input_bytes(str(path))  # bounded: size cap, regular files, '-' for stdin
    except FileFormatError as err:
        problem = err.problems[0] if err.problems else None
        raise table_error(
            "table-input",
            f"cannot read the inputs file: {problem.message if problem else err.message}",
            file=str(path),
            suggestion=problem.suggestion if problem else None,
            summary="bad input",
        ) from None
    try:
        loaded = json.loads(data.decode("utf-8-sig"), parse_float=Decimal, parse_int=Decimal)
    except UnicodeDecodeError:
        raise table_error(
            "table-input",
            "the inputs file is not UTF-8 text",
            file=str(path),
            summary="bad input",
        ) from None
    except json.JSONDecodeError as exc:
        raise table_error(
            "table-input",
            f"not valid JSON: {exc.msg} (column {exc.colno})",
            file=str(path),
            line=exc.lineno,
            summary="bad input",
        ) from None
    except RecursionError:
        raise table_error(
            "table-input",
            f"the inputs file is nested more than {MAX_INPUT_DEPTH} levels deep",
            file=str(path),
            summary="bad input",
        ) from None
    _check_inputs(loaded, str(path))
    if not isinstance(loaded, dict):
        raise table_error(
            "table-input",
            'the inputs file must hold one JSON object, such as {"leeftijd": 18}',
            file=str(path),
            summary="bad input",
        )
    return loaded


def _check_inputs(loaded: object, file: str) -> None:
    """Refuse nesting deeper than :data:`MAX_INPUT_DEPTH` and lone surrogates."""
    from pvrules.errors import FileFormatError
    from pvrules.load import yamlio

    try:
        yamlio.check_plain(loaded, file)
    except FileFormatError as err:
        raise table_error("table-input", err.problems[0].message if err.problems else
                          err.message, file=file, summary="bad input") from None
    stack: list[tuple[object, int]] = [(loaded, 0)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_INPUT_DEPTH:
            raise table_error("table-input", f"the inputs file is nested more than "
                              f"{MAX_INPUT_DEPTH} levels deep", file=file, summary="bad input")
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)


def _hits(hits: Sequence[RuleHit]) -> list[JsonValue]:
    rows: list[JsonValue] = []
    for hit in hits:
        row: dict[str, JsonValue] = {"rule": hit.index}
        if hit.id is not None:
            row["id"] = hit.id
        rows.append(row)
    return rows


def _decision_json(result: DecisionResult) -> dict[str, JsonValue]:
    if result.hit_policy is None:
        return {"type": "literal expression", "result": to_json(result.value)}
    return {
        "type": "decision table",
        "hit_policy": result.hit_policy,
        "result": to_json(result.value),
        "matched": _hits(result.matched),
        "selected": _hits(result.selected),
        "default_used": result.used_default,
    }


def result_json(file: str, results: ModelResult) -> dict[str, JsonValue]:
    """The JSON document ``pvrules decide`` prints.

    Args:
        file: the table file as given.
        results: the evaluated decisions.

    Returns:
        ``{"file": ..., "decisions": {name: {...}}}`` in evaluation order.
    """
    decisions: Mapping[str, JsonValue] = {r.name: _decision_json(r) for r in results.results}
    return {"file": file, "decisions": dict(decisions)}


@click.command(name="decide")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--input",
    "-i",
    "pairs",
    multiple=True,
    metavar="NAME=VALUE",
    help='An input value: a FEEL literal (18, true, "text", date("2024-01-31")) '
    "or a bare word taken as text. Repeat for more inputs; NAME may be a dotted path.",
)
@click.option(
    "--inputs",
    "inputs_file",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE.json",
    help="A JSON object with input values; --input values override it.",
)
@click.option(
    "--decision",
    "-d",
    "decisions",
    multiple=True,
    metavar="NAME",
    help="Evaluate only this decision (and those it requires). Repeatable.",
)
@guarded
def decide(
    file: Path, pairs: tuple[str, ...], inputs_file: Path | None, decisions: tuple[str, ...]
) -> None:
    r"""Evaluate the decision tables in FILE (.dmn, .csv, .yaml) and print JSON.

    For each decision the output shows its result, the rules that matched
    (1-based number and id) and the rules that gave the result.

    \b
    Examples:
      pvrules decide tarief.csv --input leeftijd=67 --input gemeente=Utrecht
      pvrules decide model.dmn --inputs case.json --decision "Approval Status"
    """
    try:
        model = load_tables(file)
        inputs = collect_inputs(pairs, inputs_file)
        results = evaluate_model(model, inputs, list(decisions) or None)
    except PvrulesError as error:
        click.echo(error.format(), err=True)
        raise SystemExit(error.exit_code) from None
    click.echo(json.dumps(result_json(str(file), results), indent=2, ensure_ascii=False))
