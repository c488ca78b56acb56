"""Read the cases of a batch: a folder of case files, a JSON Lines file or a CSV file.

* A folder: every ``*.yaml``, ``*.yml`` and ``*.json`` file in it (not in subfolders),
  in name order; each file is one case, named after the file.
* JSON Lines (``.jsonl``): one case per line, as a case file would hold it in JSON
  (``casus``, ``feiten``, entity lists); named after ``casus.id``.
* CSV (``.csv``, comma or semicolon separated, UTF-8): one case per row; the columns are
  ``id``, ``titel``, ``datum`` (and optionally the other ``casus`` fields) and facts of the
  case as a whole, named as in the vocabulary. An empty cell is unknown. Entity facts
  (partners, opgaven...) need JSON Lines.

A line or row that cannot be read becomes a case with a problem: the batch reports it
as an error row and goes on.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pvrules.errors import InputError, Problem

CASE_SUFFIXES = (".yaml", ".yml", ".json")
META_COLUMNS = ("id", "titel", "datum", "vraag", "opdrachtgever", "toelichting", "taal")
"""CSV columns that go to ``casus:``; every other column is a fact of the case."""


@dataclass(frozen=True)
class CaseInput:
    """One case of a batch, not yet validated."""

    index: int
    name: str
    """The stem of its output files; unique in the batch."""
    source: str
    """Where it came from, for messages: a file, or ``file:line``."""
    path: str | None = None
    data: dict[str, Any] | None = None
    problem: str | None = None


def safe_name(text: str) -> str:
    """A file-name-safe stem: letters, digits, ``_``, ``-`` and ``.``; never hidden."""
    name = re.sub(r"[^A-Za-z0-9_.\-]", "_", text).lstrip(".")
    return name[:120] or "case"


def read_inputs(path: str | Path, shown: str | None = None) -> list[CaseInput]:
    """The cases in ``path`` (a folder, ``.jsonl`` or ``.csv``), in input order.

    ``shown`` names a JSON Lines or CSV input in messages instead of its path.

    Raises:
        InputError: when ``path`` does not exist or is of a kind batch cannot read.
    """
    target = Path(path)
    if target.is_dir():
        items = list(_folder(target))
    elif not target.is_file():
        raise InputError(f"no such file or folder: {target}", [Problem(
            "no-input", "the batch input does not exist", str(target),
            suggestion="give a folder of case files, a .jsonl or a .csv file")])
    elif target.suffix.lower() in (".jsonl", ".ndjson"):
        items = list(_jsonl(target, shown or str(target)))
    elif target.suffix.lower() == ".csv":
        items = list(_csv(target, shown or str(target)))
    else:
        raise InputError(f"cannot read '{target}' as a batch", [Problem(
            "bad-input", f"unknown kind of batch input '{target.suffix or '(none)'}'",
            str(target), allowed=("folder", ".jsonl", ".csv"),
            suggestion="for a single case use pvrules advise")])
    return _unique(items)


def _unique(items: list[CaseInput]) -> list[CaseInput]:
    seen: dict[str, str] = {}
    out = []
    for item in items:
        key = item.name.lower()  # case-insensitive file systems
        entry = item
        if key in seen and item.problem is None:
            entry = CaseInput(item.index, f"{item.name}.{item.index}", item.source, item.path,
                              item.data, f"case id '{item.name}' also used by {seen[key]}")
        seen.setdefault(key, item.source)
        out.append(entry)
    return out


def _folder(folder: Path) -> Iterator[CaseInput]:
    files = sorted(p for p in folder.iterdir()
                   if p.is_file() and p.suffix.lower() in CASE_SUFFIXES
                   and not p.name.startswith("."))
    for index, file in enumerate(files):
        yield CaseInput(index, safe_name(file.stem), str(file), path=str(file))


def _named(index: int, data: Any, fallback: str) -> str:
    meta = data.get("casus") if isinstance(data, dict) else None
    ident = meta.get("id") if isinstance(meta, dict) else None
    return safe_name(str(ident)) if isinstance(ident, str | int) and str(ident) else fallback


def _jsonl(file: Path, shown: str) -> Iterator[CaseInput]:
    text = _read_text(file)
    index = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        source = f"{shown}:{number}"
        try:
            data = json.loads(line)
        except json.JSONDecodeError as err:
            yield CaseInput(index, f"regel-{number}", source,
                            problem=f"not valid JSON: {err.msg} at column {err.colno}")
        else:
            if isinstance(data, dict):
                yield CaseInput(index, _named(index, data, f"regel-{number}"), source,
                                data=data)
            else:
                yield CaseInput(index, f"regel-{number}", source,
                                problem="a line is one case: a JSON object with 'casus'")
        index += 1


def _csv(file: Path, shown: str) -> Iterator[CaseInput]:
    from pvrules.errors import PvrulesError
    from pvrules.load.yamlio import parse_yaml

    text = _read_text(file)
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows = list(reader)
    if not rows:
        raise InputError(f"{file} is empty", [Problem("bad-input", "no header line", str(file),
                                                      1)])
    header = [h.strip() for h in rows[0]]
    if "id" not in header:
        raise InputError(f"{file} has no 'id' column", [Problem(
            "missing-key", "the header needs an 'id' column (and 'titel')", str(file), 1,
            allowed=META_COLUMNS)])
    for index, row in enumerate(rows[1:]):
        number = index + 2
        source = f"{shown}:{number}"
        if len(row) != len(header):
            yield CaseInput(index, f"regel-{number}", source,
                            problem=f"{len(row)} cells where the header has {len(header)}")
            continue
        meta: dict[str, Any] = {}
        facts: dict[str, Any] = {}
        problem = None
        for column, raw in zip(header, row, strict=True):
            cell = raw.strip()
            if not cell:
                continue
            if column in META_COLUMNS:
                meta[column] = cell
                continue
            try:
                facts[column] = parse_yaml(cell, f"{source}: column {column}").data
            except PvrulesError as err:
                problem = f"column {column}: cannot read '{cell}': {err}"
        data = {"casus": meta, "feiten": facts}
        yield CaseInput(index, _named(index, data, f"regel-{number}"), source, data=data,
                        problem=problem)


def _read_text(file: Path) -> str:
    try:
        return file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(f"{file} is not UTF-8 text", [Problem(
            "bad-encoding", f"byte {err.start} is not UTF-8", str(file),
            suggestion="save the file as UTF-8")]) from None
    except OSError as err:
        raise InputError(f"cannot read {file}: {err.strerror}", [Problem(
            "unreadable", str(err.strerror), str(file))]) from None
