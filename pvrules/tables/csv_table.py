"""Read the simple CSV decision-table format.

Layout (see ``docs/decision-tables.md``)::

    # name: Kleur advies
    # hit_policy: U
    # values risico: hoog, midden, laag
    # default => advies: onbekend
    leeftijd,risico,=> advies,@id
    < 18,-,afgewezen,jong
    >= 18,"hoog, midden",nader onderzoek,
    >= 18,laag,goedgekeurd,

* Lines starting with ``#`` before the header give metadata as
  ``# key: value`` (``id``, ``name``, ``hit_policy``) or per column as
  ``# values COLUMN: ...``, ``# type COLUMN: ...``, ``# default COLUMN: ...``;
  other ``#`` lines are comments.
* The header names the input columns by fact name; output columns start
  with ``=>``; ``@id`` and ``@note`` columns hold the rule id and a note.
* Rows follow; an empty row or a row whose first cell starts with ``#`` is
  skipped. The delimiter is ``,``, ``;`` or a tab (whichever the header uses);
  files may start with a byte order mark (Excel).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from pvrules.suggest import did_you_mean
from pvrules.tables.model import DecisionModel
from pvrules.tables.problems import table_error
from pvrules.tables.simple import ColumnSpec, RowSpec, TableSpec, build_table, model_from_tables

META_KEYS = ("id", "name", "hit_policy")
COLUMN_KEYS = ("values", "type", "default", "label")
OUTPUT_PREFIX = "=>"
ID_COLUMN = "@id"
NOTE_COLUMN = "@note"
MAX_CSV_BYTES = 10 * 1024 * 1024


@dataclass
class _Meta:
    values: dict[str, str] = field(default_factory=dict)
    columns: dict[tuple[str, str], tuple[str, int]] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)


def _meta_line(text: str, line: int, meta: _Meta, file: str) -> None:
    body = text.lstrip("#").strip()
    if ":" not in body:
        return
    key_text, value = body.split(":", 1)
    words = key_text.strip().split(None, 1)
    if not words:
        return
    key = words[0].lower().replace("-", "_")
    if key == "hit" and len(words) == 2 and words[1].lower() == "policy":
        key, words = "hit_policy", ["hit_policy"]
    if key in META_KEYS and len(words) == 1:
        meta.values[key] = value.strip()
        meta.lines[key] = line
    elif key in COLUMN_KEYS and len(words) == 2:
        meta.columns[(key, _column_key(words[1]))] = (value.strip(), line)
    else:
        hint = did_you_mean(key, META_KEYS + COLUMN_KEYS)
        if hint is not None and len(words) <= 2:
            raise table_error(
                "table-metadata",
                f"unknown metadata '{key_text.strip()}'",
                file=file,
                line=line,
                allowed=tuple(META_KEYS) + tuple(f"{k} COLUMN" for k in COLUMN_KEYS),
                suggestion=hint,
            )


def _column_key(header: str) -> str:
    """Normalise a column reference: ``=>advies`` and ``=> advies`` are one column."""
    header = header.strip()
    if header.startswith(OUTPUT_PREFIX):
        return OUTPUT_PREFIX + " " + header[len(OUTPUT_PREFIX) :].strip()
    return header


def _delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def parse_csv_table(text: str, file: str, default_name: str) -> DecisionModel:
    """Parse the CSV table format.

    Args:
        text: the file content.
        file: the file name for messages.
        default_name: the table name when no ``# name:`` is given.

    Returns:
        A model with one decision table.

    Raises:
        TableError: with the file, line, row and column of the problem.
    """
    lines = text.splitlines()
    meta = _Meta()
    header_index = None
    for number, raw in enumerate(lines):
        stripped = raw.strip()
        if not stripped:
            continue
        if stripped.startswith("#"):
            _meta_line(stripped, number + 1, meta, file)
            continue
        header_index = number
        break
    if header_index is None:
        raise table_error("table-header", "the file has no header row", file=file, line=1)
    delimiter = _delimiter(lines[header_index])
    reader = csv.reader(
        io.StringIO("\n".join(lines[header_index:])), delimiter=delimiter, strict=True
    )
    rows: list[tuple[int, list[str]]] = []
    line = header_index + 1
    try:
        for record in reader:
            rows.append((line, record))
            line = header_index + reader.line_num + 1
    except csv.Error as exc:
        raise table_error(
            "table-csv", f"not valid CSV: {exc}", file=file, line=header_index + reader.line_num
        ) from None
    header_line, header = rows[0]
    columns, roles = _columns(header, header_line, meta, file)
    name = meta.values.get("name") or meta.values.get("id") or default_name
    specs = []
    for row_line, record in rows[1:]:
        cells = [c.strip() for c in record]
        if not any(cells) or cells[0].startswith("#"):
            continue
        specs.append(_row(cells, roles, row_line, file, len(header)))
    spec = TableSpec(
        name=name,
        hit_policy=meta.values.get("hit_policy", "U"),
        columns=tuple(columns),
        rows=tuple(specs),
        id=meta.values.get("id"),
        file=file,
        line=header_line,
        policy_line=meta.lines.get("hit_policy"),
    )
    return model_from_tables([build_table(spec)], file)


def _columns(
    header: list[str], line: int, meta: _Meta, file: str
) -> tuple[list[ColumnSpec], list[str]]:
    columns: list[ColumnSpec] = []
    roles: list[str] = []
    seen: set[str] = set()
    for position, raw in enumerate(header, start=1):
        cell = raw.strip()
        if not cell:
            raise table_error(
                "table-header", f"header cell {position} is empty", file=file, line=line
            )
        key = _column_key(cell)
        if key in seen:
            raise table_error(
                "table-header", f"column '{cell}' appears twice", file=file, line=line
            )
        seen.add(key)
        if key.startswith("@"):
            if key not in (ID_COLUMN, NOTE_COLUMN):
                raise table_error(
                    "table-header",
                    f"unknown special column '{cell}'",
                    file=file,
                    line=line,
                    allowed=(ID_COLUMN, NOTE_COLUMN),
                    suggestion=did_you_mean(key, (ID_COLUMN, NOTE_COLUMN)),
                )
            roles.append(key)
            continue
        output = key.startswith(OUTPUT_PREFIX)
        name = key[len(OUTPUT_PREFIX) :].strip() if output else key
        roles.append("output" if output else "input")

        def column_meta(kind: str, key: str = key) -> str | None:
            found = meta.columns.pop((kind, key), None)
            return found[0] if found else None

        columns.append(
            ColumnSpec(
                output=output,
                name=name,
                label=column_meta("label"),
                type_ref=column_meta("type"),
                values=column_meta("values"),
                default=column_meta("default"),
                line=line,
            )
        )
    for (kind, column), (_value, meta_line) in sorted(meta.columns.items()):
        names = sorted(seen)
        raise table_error(
            "table-metadata",
            f"'# {kind} {column}' names a column that is not in the header",
            file=file,
            line=meta_line,
            allowed=tuple(names),
            suggestion=did_you_mean(column, names),
        )
    return columns, roles


def _row(cells: list[str], roles: list[str], line: int, file: str, width: int) -> RowSpec:
    if len(cells) > width and any(cells[width:]):
        raise table_error(
            "table-columns",
            f"the row has {len(cells)} cells but the header has {width} columns",
            file=file,
            line=line,
        )
    cells = cells[:width] + [""] * (width - len(cells))
    inputs = tuple(c for c, r in zip(cells, roles, strict=True) if r == "input")
    outputs = tuple(c for c, r in zip(cells, roles, strict=True) if r == "output")
    rule_id = next((c for c, r in zip(cells, roles, strict=True) if r == ID_COLUMN), "")
    note = next((c for c, r in zip(cells, roles, strict=True) if r == NOTE_COLUMN), "")
    return RowSpec(inputs, outputs, line=line, id=rule_id or None, note=note or None)


def read_csv_table(path: str | Path) -> DecisionModel:
    """Read a CSV decision table file; see :func:`parse_csv_table`.

    Raises:
        TableError: ``table-file`` when the file cannot be read or is not
            UTF-8, and the errors of :func:`parse_csv_table`.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise table_error(
            "table-file", f"cannot read the file: {exc.strerror or exc}", file=str(path)
        ) from None
    if len(data) > MAX_CSV_BYTES:
        raise table_error("table-file", "the file is larger than 10 MiB", file=str(path))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise table_error(
            "table-file",
            "the file is not UTF-8 text (save it from Excel as 'CSV UTF-8')",
            file=str(path),
            line=line,
        ) from None
    return parse_csv_table(text, str(path), path.stem)
