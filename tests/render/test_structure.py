"""render/ has no import circle, and no corner, form or strength id of the knowledge base."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pvrules.render

RENDER = Path(pvrules.render.__file__).parent


def imports() -> dict[str, set[str]]:
    """Module name → the pvrules.render modules it imports (at any depth of the code)."""
    graph: dict[str, set[str]] = {}
    for path in RENDER.glob("*.py"):
        name = f"pvrules.render.{path.stem}"
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                found.add(node.module)
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
        graph[name] = {m for m in found if m.startswith("pvrules.render.")}
    return graph


def test_no_import_circle_in_render() -> None:
    graph = imports()

    def reaches(start: str, goal: str, seen: frozenset[str] = frozenset()) -> bool:
        return any(n == goal or (n not in seen and reaches(n, goal, seen | {n}))
                   for n in graph.get(start, ()))

    circles = sorted(m for m in graph if reaches(m, m))
    assert circles == []


def test_no_domain_ids_in_render_code() -> None:
    ids = re.compile(r"[\"'](publieke_waarde|legitimiteit|organisatie|samenwerkingsvorm|"
                     r"herindeling|zwak|middel|sterk)[\"']")
    found = [f"{p.name}: {m.group(0)}" for p in RENDER.glob("*.py")
             for m in ids.finditer(p.read_text(encoding="utf-8"))]
    assert found == []
