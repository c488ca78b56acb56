"""The shape of the code: import floors, no import circles, small modules.

Packages sit on floors; a module may import from its own floor and the floors
below it, never from a floor above. The pipeline reads bottom to top:

    errors, suggest, values, messages, sandbox  →  load, tables  →  validate  →  compile
      →  kb  →  infer  →  explain, authoring, testing, pipeline, dmn  →  render
      →  batch, serve  →  cli, entry

``tables`` (decision tables read into rules) sits beside ``load``: validate reads
table files through it. ``authoring`` (lint, graph), ``testing`` (expert tests),
``pipeline`` (the one-call facade) and ``dmn`` (the standalone table evaluator)
share the floor of ``explain``: they use the engines and explanations and are
used only by the command line. ``dmn`` is fenced: only ``cli`` imports it. ``batch``
(batch and sweep) and ``serve`` (the web page) sit above ``render``: they write documents.
Every import counts, also the lazy ones inside functions (they are dependencies
all the same). See docs/architecture.md.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = {"pvrules": ROOT / "pvrules", "pvrules.cli": ROOT / "cli"}
"""Package name → source folder (``cli/`` is installed as ``pvrules.cli``)."""

FLOORS: tuple[frozenset[str], ...] = (
    frozenset({"", "errors", "suggest", "values", "schema", "messages", "sandbox"}),
    frozenset({"load", "tables"}),
    frozenset({"validate"}),
    frozenset({"compile"}),
    frozenset({"kb"}),
    frozenset({"infer"}),
    frozenset({"explain", "authoring", "testing", "pipeline", "dmn"}),
    frozenset({"render"}),
    frozenset({"batch", "serve"}),
    frozenset({"cli", "__main__", "entry"}),
)
"""Top-level parts of ``pvrules`` by floor, lowest first (``""`` is ``pvrules/__init__``)."""

FENCED = {"dmn": frozenset({"cli", "dmn"})}
"""Packages only the named parts may import."""

MAX_LINES = 600
KNOWN_LONG: set[str] = set()
"""Modules allowed over MAX_LINES for now (each with the reason); keep it empty."""
KNOWN_CIRCLES: set[frozenset[str]] = set()
"""Import circles tolerated for now (each with the reason); keep it empty."""


@dataclass(frozen=True)
class Import:
    """One import statement's target, as seen from a module."""

    source: str
    target: str
    line: int


def _module_name(package: str, folder: Path, path: Path) -> str:
    parts = [package, *path.relative_to(folder).with_suffix("").parts]
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def modules() -> dict[str, Path]:
    """Every module of pvrules (with the CLI) by dotted name."""
    found: dict[str, Path] = {}
    for package, folder in SOURCES.items():
        for path in sorted(folder.rglob("*.py")):
            found[_module_name(package, folder, path)] = path
    return found


def _statements(body: list[ast.stmt]) -> Iterator[ast.AST]:
    """Every statement, nested ones too (an import is a statement; expressions are skipped,
    which makes this ten times faster than ``ast.walk``)."""
    for node in body:
        yield node
        for name in ("body", "orelse", "finalbody", "handlers", "cases"):
            inner = getattr(node, name, None)
            if isinstance(inner, list):
                yield from _statements(inner)


def _imports(name: str, path: Path) -> Iterator[Import]:
    known = modules()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in _statements(ast.parse(path.read_text(encoding="utf-8"), str(path)).body):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(name, alias.name, node.lineno)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                yield Import(name, sub if sub in known else target, node.lineno)


@cache
def all_imports() -> tuple[Import, ...]:
    """Every import statement's target in every pvrules module."""
    return tuple(imp for name, path in modules().items() for imp in _imports(name, path))


def imports() -> tuple[Import, ...]:
    """Every import of a pvrules module by a pvrules module."""
    return tuple(imp for imp in all_imports()
                 if imp.target == "pvrules" or imp.target.startswith("pvrules."))


def part(module: str) -> str:
    """The top-level part of ``pvrules`` a module belongs to (``""`` for the package)."""
    return module.split(".")[1] if "." in module else ""


def floor(module: str) -> int:
    """The floor of a module's part."""
    name = part(module)
    for number, names in enumerate(FLOORS):
        if name in names:
            return number
    raise AssertionError(f"pvrules.{name} has no floor: add it to FLOORS in {__file__}")


def _where(imp: Import) -> str:
    return f"{modules()[imp.source].relative_to(ROOT)}:{imp.line}"


def test_every_part_has_a_floor() -> None:
    for name in modules():
        floor(name)


def test_no_import_from_a_higher_floor() -> None:
    upward = [f"{_where(i)}: {i.source} (floor {floor(i.source)}) imports {i.target} "
              f"(floor {floor(i.target)})"
              for i in imports() if floor(i.target) > floor(i.source)]
    assert not upward, "imports from a lower floor to a higher one:\n" + "\n".join(upward)


def test_fenced_packages_are_imported_only_where_allowed() -> None:
    bad = [f"{_where(i)}: {i.source} imports {i.target}; only {sorted(FENCED[part(i.target)])} "
           "may" for i in imports()
           if part(i.target) in FENCED and part(i.source) not in FENCED[part(i.target)]]
    assert not bad, "\n".join(bad)


def test_no_import_circle() -> None:
    graph: dict[str, set[str]] = {name: set() for name in modules()}
    for imp in imports():
        if imp.target in graph and imp.target != imp.source:
            graph[imp.source].add(imp.target)
    circles = {frozenset(c) for c in _strongly_connected(graph) if len(c) > 1}
    new = sorted(sorted(c) for c in circles - KNOWN_CIRCLES)
    assert not new, "import circles:\n" + "\n".join(" ↔ ".join(c) for c in new)
    stale = sorted(sorted(c) for c in KNOWN_CIRCLES - circles)
    assert not stale, f"no longer a circle, remove from KNOWN_CIRCLES: {stale}"


def _strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative: the strongly connected components of ``graph``."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                found.append(component)
    return found


def test_the_circle_finder_finds_a_circle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert [sorted(c) for c in _strongly_connected(graph) if len(c) > 1] == [["a", "b", "c"]]


@pytest.mark.parametrize("name", sorted(modules()))
def test_module_is_small(name: str) -> None:
    path = modules()[name]
    rel = str(path.relative_to(ROOT))
    lines = len(path.read_text(encoding="utf-8").splitlines())
    if rel in KNOWN_LONG:
        assert lines > MAX_LINES, f"{rel} now has {lines} lines: remove it from KNOWN_LONG"
        return
    assert lines <= MAX_LINES, f"{rel} has {lines} lines; split it by job (at most {MAX_LINES})"


def test_known_long_modules_exist() -> None:
    stale = sorted(rel for rel in KNOWN_LONG if not (ROOT / rel).is_file())
    assert not stale, f"remove from KNOWN_LONG (no longer there): {stale}"


def test_durable_rules_is_imported_in_one_module() -> None:
    users = sorted({i.source for i in all_imports()
                    if i.target.split(".")[0] in {"durable", "durable_rules_engine"}})
    assert users == ["pvrules.infer.durable_backend"]
