"""Render an advice (or any dataclass result) as deterministic JSON."""

from __future__ import annotations

import dataclasses
import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pvrules.explain.context import ExplainContext


def to_jsonable(obj: Any) -> Any:
    """Dataclasses, tuples and mappings as plain JSON-able data.

    Dataclass fields marked ``{"internal": True}`` in their metadata (engine keys
    kept for checking) are left out.
    """
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)
                if not f.metadata.get("internal")}
    if isinstance(obj, dict):
        return {str(k) if not isinstance(k, tuple) else ":".join(map(str, k)): to_jsonable(v)
                for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [to_jsonable(v) for v in obj]
    return obj


def render_json(obj: Any) -> str:
    """Pretty, stable JSON text."""
    return json.dumps(to_jsonable(obj), ensure_ascii=False, indent=2) + "\n"


def advice_data(ctx: ExplainContext) -> dict[str, Any]:
    """The advice as JSON data: the advice's fields, and the decisions' keys (contract §4).

    The decisions' keys (``case``, ``answer``, ``triangle``, ``key_recommendations``,
    ``recommendation_groups``, ``advised_against``, ``options``, ``route``,
    ``find_out_first``, ``fill_in``, ``frameworks``, ``chains``, ``sources``) win where both
    have a key (``sources``: numbered, with year and publisher).
    """
    data: dict[str, Any] = to_jsonable(ctx.advice)
    data.update(to_jsonable(ctx.decisions))
    return data


def render_advice_json(ctx: ExplainContext) -> str:
    """``pvrules advise --format json``: :func:`advice_data` as pretty, stable JSON."""
    return json.dumps(advice_data(ctx), ensure_ascii=False, indent=2) + "\n"
