"""Read any supported decision-table file, choosing the reader by extension."""

from __future__ import annotations

from pathlib import Path

from pvrules.tables.csv_table import read_csv_table
from pvrules.tables.dmn import read_dmn
from pvrules.tables.model import DecisionModel
from pvrules.tables.problems import table_error
from pvrules.tables.yaml_table import read_yaml_tables

EXTENSIONS = (".dmn", ".xml", ".csv", ".yaml", ".yml")
"""File extensions :func:`load_tables` reads."""


def load_tables(path: str | Path) -> DecisionModel:
    """Read a DMN (``.dmn``, ``.xml``), CSV (``.csv``) or YAML (``.yaml``, ``.yml``) file.

    Args:
        path: the file.

    Returns:
        The decision model: all decisions of a DMN file, or the table(s) of a
        simple file.

    Raises:
        TableError: ``table-file`` for a missing file or an unknown extension,
            and any reader error.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in EXTENSIONS:
        raise table_error(
            "table-file",
            f"cannot tell the table format from the extension {suffix or '(none)'!r}",
            file=str(path),
            allowed=EXTENSIONS,
        )
    if not path.is_file():
        raise table_error("table-file", "the file does not exist", file=str(path))
    if suffix in (".dmn", ".xml"):
        return read_dmn(path)
    if suffix == ".csv":
        return read_csv_table(path)
    return read_yaml_tables(path)


def parse_table_text(text: str, name: str) -> DecisionModel:
    """Parse a table given as text; the format comes from ``name``'s extension.

    ``.dmn``/``.xml`` is DMN, ``.csv`` is CSV, anything else the YAML table format.
    The table is named after the file (up to its first dot) where it has no name.

    Raises:
        TableError: any reader error.
    """
    from pvrules.tables.csv_table import parse_csv_table
    from pvrules.tables.dmn import parse_dmn
    from pvrules.tables.yaml_table import parse_yaml_tables

    lower = name.lower()
    stem = Path(name).name.split(".")[0]
    if lower.endswith((".dmn", ".xml")):
        return parse_dmn(text.encode("utf-8"), name)
    if lower.endswith(".csv"):
        return parse_csv_table(text, name, stem)
    return parse_yaml_tables(text, name, stem)
