"""Read the simple YAML decision-table format.

Layout (see ``docs/decision-tables.md``)::

    table:
      name: Kleur advies
      hit_policy: U
      inputs:
        - leeftijd
        - fact: risico
          values: [hoog, midden, laag]
      outputs:
        - advies
      rows:
        - ["< 18", -, afgewezen]
        - [">= 18", "hoog, midden", nader onderzoek]
        - {id: r3, note: standaard, cells: [">= 18", laag, goedgekeurd]}

``tables:`` with a list of such mappings holds several tables; a table whose
input is named after another table uses that table's result.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TypeAlias

import yaml

from pvrules.suggest import did_you_mean
from pvrules.tables.model import DecisionModel, DecisionTable
from pvrules.tables.problems import table_error
from pvrules.tables.simple import ColumnSpec, RowSpec, TableSpec, build_table, model_from_tables
from pvrules.tables.values import format_number

MAX_YAML_BYTES = 10 * 1024 * 1024
TABLE_KEYS = ("id", "name", "hit_policy", "inputs", "outputs", "rows", "description")
INPUT_KEYS = ("fact", "label", "type", "values")
OUTPUT_KEYS = ("name", "label", "type", "values", "default")
ROW_KEYS = ("id", "note", "cells")

Plain: TypeAlias = str | int | float | bool | date | None
"""A YAML scalar as the safe loader constructs it."""


@dataclass(frozen=True)
class Node:
    """A YAML value with the line it starts on.

    ``value`` is a scalar, a list of nodes or a dict of string keys to nodes.
    """

    value: Plain | list[Node] | dict[str, Node]
    line: int


class _Reader:
    def __init__(self, file: str) -> None:
        self.file = file

    def fail(
        self,
        message: str,
        node: Node | None,
        *,
        allowed: tuple[str, ...] = (),
        suggestion: str | None = None,
    ) -> Exception:
        return table_error(
            "table-yaml",
            message,
            file=self.file,
            line=node.line if node else None,
            allowed=allowed,
            suggestion=suggestion,
        )

    # -- YAML to located nodes -----------------------------------------
    def load(self, text: str) -> Node:
        loader = yaml.SafeLoader(text)
        try:
            root = loader.get_single_node()
            if root is None:
                raise self.fail("the file is empty", None)
            return self.convert(root, loader)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark
            line = mark.line + 1 if mark is not None else None
            raise table_error(
                "table-yaml", f"not valid YAML: {exc.problem}", file=self.file, line=line
            ) from None
        except yaml.YAMLError as exc:
            raise table_error("table-yaml", f"not valid YAML: {exc}", file=self.file) from None
        finally:
            loader.dispose()

    def convert(self, node: yaml.Node, loader: yaml.SafeLoader) -> Node:
        line = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            result: dict[str, Node] = {}
            for key_node, value_node in node.value:
                key = self.convert(key_node, loader)
                if not isinstance(key.value, str):
                    raise self.fail(f"key {key.value!r} is not text", key)
                if key.value in result:
                    raise self.fail(f"key '{key.value}' appears twice", key)
                result[key.value] = self.convert(value_node, loader)
            return Node(result, line)
        if isinstance(node, yaml.SequenceNode):
            return Node([self.convert(item, loader) for item in node.value], line)
        value = loader.construct_object(node, deep=True)
        if isinstance(value, (bytes, set)):
            raise self.fail("binary values and sets are not allowed", Node(None, line))
        if isinstance(value, datetime):
            value = value.date()
        return Node(value, line)

    # -- tables --------------------------------------------------------
    def tables(self, root: Node, default_name: str) -> list[DecisionTable]:
        top = self.mapping(root, "the file", ("table", "tables"))
        if ("table" in top) == ("tables" in top):
            raise self.fail("the file needs exactly one of 'table:' or 'tables:'", root)
        if "table" in top:
            return [self.table(top["table"], default_name)]
        items = top["tables"].value
        if not isinstance(items, list) or not items:
            raise self.fail("'tables:' must be a non-empty list of tables", top["tables"])
        return [self.table(item, None) for item in items]

    def mapping(self, node: Node, what: str, keys: tuple[str, ...]) -> dict[str, Node]:
        if not isinstance(node.value, dict):
            raise self.fail(f"{what} must be a mapping with keys {', '.join(keys)}", node)
        for key, value in node.value.items():
            if key not in keys:
                raise self.fail(
                    f"unknown key '{key}' in {what}",
                    value,
                    allowed=keys,
                    suggestion=did_you_mean(key, keys),
                )
        return node.value

    def text(self, node: Node | None, what: str) -> str | None:
        if node is None or node.value is None:
            return None
        if isinstance(node.value, (list, dict)):
            raise self.fail(f"{what} must be a single value", node)
        return cell_text(node.value)

    def table(self, node: Node, default_name: str | None) -> DecisionTable:
        spec = self.mapping(node, "a table", TABLE_KEYS)
        name = self.text(spec.get("name"), "name") or self.text(spec.get("id"), "id")
        name = name or default_name
        if not name:
            raise self.fail("each table in 'tables:' needs a name or id", node)
        for required in ("inputs", "outputs", "rows"):
            if required not in spec or not isinstance(spec[required].value, list):
                raise self.fail(f"table '{name}' needs '{required}:' as a list", node)
        columns = [self.column(item, False, name) for item in self.items(spec["inputs"])] + [
            self.column(item, True, name) for item in self.items(spec["outputs"])
        ]
        n_inputs = len(self.items(spec["inputs"]))
        rows = tuple(self.row(item, n_inputs, len(columns)) for item in self.items(spec["rows"]))
        policy = spec.get("hit_policy")
        return build_table(
            TableSpec(
                name=name,
                hit_policy=self.text(policy, "hit_policy") or "U",
                columns=tuple(columns),
                rows=rows,
                id=self.text(spec.get("id"), "id"),
                file=self.file,
                line=node.line,
                policy_line=policy.line if policy else None,
            )
        )

    def items(self, node: Node) -> list[Node]:
        return node.value if isinstance(node.value, list) else []

    def column(self, node: Node, output: bool, table: str) -> ColumnSpec:
        if not isinstance(node.value, dict):
            name = self.text(node, "a column")
            if not name:
                raise self.fail(f"a column of table '{table}' has no name", node)
            return ColumnSpec(output=output, name=name, line=node.line)
        keys = OUTPUT_KEYS if output else INPUT_KEYS
        spec = self.mapping(node, "an output" if output else "an input", keys)
        name_key = "name" if output else "fact"
        name = self.text(spec.get(name_key), name_key)
        if not name:
            raise self.fail(f"the column needs '{name_key}:'", node)
        return ColumnSpec(
            output=output,
            name=name,
            label=self.text(spec.get("label"), "label"),
            type_ref=self.text(spec.get("type"), "type"),
            values=self.values(spec.get("values")),
            default=self.text(spec.get("default"), "default"),
            line=node.line,
        )

    def values(self, node: Node | None) -> str | None:
        if node is None or node.value is None:
            return None
        if isinstance(node.value, list):
            return ", ".join(cell_text(self.scalar(item), quote=True) for item in node.value)
        return self.text(node, "values")

    def scalar(self, node: Node) -> Plain:
        if isinstance(node.value, (list, dict)):
            raise self.fail("expected a single value", node)
        return node.value

    def row(self, node: Node, n_inputs: int, width: int) -> RowSpec:
        rule_id = note = None
        cells_node = node
        if isinstance(node.value, dict):
            spec = self.mapping(node, "a row", ROW_KEYS)
            rule_id = self.text(spec.get("id"), "id")
            note = self.text(spec.get("note"), "note")
            if "cells" not in spec:
                raise self.fail("a row mapping needs 'cells:'", node)
            cells_node = spec["cells"]
        if not isinstance(cells_node.value, list):
            raise self.fail("a row must be a list of cells", cells_node)
        cells = [self.cell(item) for item in cells_node.value]
        if len(cells) != width:
            raise table_error(
                "table-columns",
                f"the row has {len(cells)} cells but the table has {width} columns "
                f"({n_inputs} inputs, {width - n_inputs} outputs)",
                file=self.file,
                line=cells_node.line,
                rule_id=rule_id,
            )
        return RowSpec(
            tuple(cells[:n_inputs]), tuple(cells[n_inputs:]), cells_node.line, rule_id, note
        )

    def cell(self, node: Node) -> str:
        if isinstance(node.value, list):
            return ", ".join(cell_text(self.scalar(item), quote=True) for item in node.value)
        return cell_text(self.scalar(node))


def cell_text(value: Plain, *, quote: bool = False) -> str:
    """Turn a YAML scalar into cell text: ``true``, ``18``, ``date("...")``...

    Args:
        value: the scalar.
        quote: quote strings that contain a comma, so list items stay whole.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return format_number(Decimal(repr(value)))
    if isinstance(value, date):
        return f'date("{value.isoformat()}")'
    if quote and ("," in value or '"' in value):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return value


def parse_yaml_tables(text: str, file: str, default_name: str) -> DecisionModel:
    """Parse the YAML table format.

    Args:
        text: the file content.
        file: the file name for messages.
        default_name: the name of a single table without ``name:`` or ``id:``.

    Returns:
        A model with one decision per table.

    Raises:
        TableError: with the file and line of the problem.
    """
    reader = _Reader(file)
    return model_from_tables(reader.tables(reader.load(text), default_name), file)


def read_yaml_tables(path: str | Path) -> DecisionModel:
    """Read a YAML decision table file; see :func:`parse_yaml_tables`.

    Raises:
        TableError: ``table-file`` when the file cannot be read, and the
            errors of :func:`parse_yaml_tables`.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise table_error(
            "table-file", f"cannot read the file: {exc.strerror or exc}", file=str(path)
        ) from None
    if len(data) > MAX_YAML_BYTES:
        raise table_error("table-file", "the file is larger than 10 MiB", file=str(path))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise table_error("table-file", "the file is not UTF-8 text", file=str(path)) from None
    return parse_yaml_tables(text, str(path), path.stem)
