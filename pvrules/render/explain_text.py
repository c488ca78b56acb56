"""Render why, why-not, what-if, diff and options as text (Markdown) or JSON.

The text is meant for a board member: sentences, numbered steps, the values
that mattered, sources; rule ids only with ``verbose``.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from pvrules.explain.advice import FactView, Step
from pvrules.explain.whynot import Reason
from pvrules.render.env import messages, render_template, template_env, tidy


def format_step(step: Step, lang: str, verbose: bool = False,
                refs: dict[str, int] | None = None) -> str:
    """One numbered reasoning step as Markdown.

    Args:
        step: the step.
        lang: ``nl`` or ``en``.
        verbose: show rule and source ids.
        refs: source id → its number in the list of sources.
    """
    m = messages(lang)
    uses = ""
    if step.uses_steps:
        uses = f" ({m('render.follows_from', numbers=', '.join(map(str, step.uses_steps)))})"
    head = f"{step.number}. **{step.title}**"
    if step.focus:
        head += f" — {step.focus}"
    if verbose:
        head += f" `[{step.rule_id}]`"
    facts = "; ".join(f"{f.label}{' (' + f.entity + ')' if f.entity else ''}: {f.value}"
                      for f in step.facts)
    lines = [head + uses, f"   {step.text}"]
    if facts:
        lines.append(f"   *{m('render.facts')}:* {facts}")
    cited = ", ".join(step.sources) if verbose or refs is None else \
        ", ".join(str(refs[s]) for s in step.sources if s in refs)
    lines.append(f"   *{m('render.conclusion')}:* {step.conclusion} [{cited}]")
    return "\n".join(lines) + "\n"


def to_data(obj: Any) -> Any:
    """Plain JSON-able data; fields marked internal (engine objects) are left out."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_data(getattr(obj, f.name)) for f in dataclasses.fields(obj)
                if not f.metadata.get("internal")}
    if isinstance(obj, dict):
        return {str(k) if not isinstance(k, tuple) else ":".join(map(str, k)): to_data(v)
                for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [to_data(v) for v in obj]
    return obj


def render_explain_json(kind: str, payload: Any) -> str:
    """``{"kind": ..., "result": ...}`` as stable, pretty JSON."""
    return json.dumps({"kind": kind, "result": to_data(payload)}, ensure_ascii=False,
                      indent=2) + "\n"


def _fact(view: FactView, lang: str) -> str:
    name = view.label + (f" ({view.entity})" if view.entity else "")
    if not view.known:
        return messages(lang)("render.fact_unknown", name=name)
    return f"{name}: {view.value}"


def _reason_lines(reason: Reason | None, depth: int = 0) -> list[str]:
    if reason is None:
        return []
    pad = "   " + "  " * depth
    lines = [f"{pad}- {reason.sentence}"]
    for child in reason.children:
        lines.extend(_reason_lines(child, depth + 1))
    return lines


def render_explain_text(template: str, lang: str, *, verbose: bool = False,
                        template_dir: str | None = None, **data: Any) -> str:
    """Render ``explain_<template>.j2`` with ``data``."""
    env = template_env(template_dir, trim=False).overlay(cache_size=8)  # own filters, own cache
    # sources are cited by their number in the list printed below each answer

    def numbering(listed: Any) -> dict[str, int]:
        return {source.id: n for n, source in enumerate(listed or (), start=1)}

    def step(s: Step, listed: Any = None) -> str:
        return format_step(s, lang, verbose, numbering(listed) if listed else None)

    def cite(ids: Any, listed: Any) -> str:
        numbers = numbering(listed)
        return ", ".join(str(i) if verbose else str(numbers.get(i, i)) for i in ids)

    env.filters["cite"] = cite

    text = render_template(env, f"explain_{template}.j2", lang=lang, m=messages(lang),
                           verbose=verbose, step=step, fact=lambda f: _fact(f, lang),
                           reasons=lambda r: "\n".join(_reason_lines(r)), **data)
    return tidy(text)
