"""Render an advice (or any dataclass result) as deterministic JSON."""

from __future__ import annotations

import dataclasses
import json
from typing import Any


def to_jsonable(obj: Any) -> Any:
    """Dataclasses, tuples and mappings as plain JSON-able data."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, dict):
        return {str(k) if not isinstance(k, tuple) else ":".join(map(str, k)): to_jsonable(v)
                for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [to_jsonable(v) for v in obj]
    return obj


def render_json(obj: Any) -> str:
    """Pretty, stable JSON text."""
    return json.dumps(to_jsonable(obj), ensure_ascii=False, indent=2) + "\n"
