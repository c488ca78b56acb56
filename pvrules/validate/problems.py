"""Turn pydantic validation errors into located :class:`Problem` objects."""

from __future__ import annotations

from collections.abc import Callable

from pydantic import BaseModel, ValidationError

from pvrules.errors import Problem
from pvrules.load.yamlio import Document, Loc, format_loc
from pvrules.suggest import did_you_mean
from pvrules.validate.dates import DATE_PATTERN, not_a_date


def _allowed_keys(model: type[BaseModel], loc: Loc) -> list[str]:
    """Field names allowed at ``loc`` of ``model`` (best effort, for messages)."""
    current: type[BaseModel] | None = model
    for part in loc:
        if current is None:
            return []
        if isinstance(part, int):
            continue
        info = current.model_fields.get(str(part))
        if info is None:
            return []
        nxt = None
        for arg in _type_args(info.annotation):
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                nxt = arg
        current = nxt
    return list(current.model_fields) if current is not None else []


def _type_args(annotation: object) -> list[object]:
    stack, out = [annotation], []
    while stack:
        item = stack.pop()
        out.append(item)
        stack.extend(getattr(item, "__args__", ()) or ())
    return out


def pydantic_problems(err: ValidationError, model: type[BaseModel], doc: Document,
                      base: Loc = (), rule_id: Callable[[Loc], str | None] | None = None,
                      ) -> list[Problem]:
    """Located problems for each error pydantic reported."""
    problems = []
    errors = err.errors(include_url=False)
    deeper = {tuple(e["loc"][:n]) for e in errors for n in range(len(e["loc"]))}
    for item in errors:
        loc = tuple(item["loc"])
        if item["type"] == "too_short" and loc in deeper:
            continue  # the list is short only because one of its items is wrong
        full = (*base, *loc)
        kind = item["type"]
        rid = rule_id(full) if rule_id else None
        if kind == "extra_forbidden":
            keys = _allowed_keys(model, loc[:-1])
            name = str(loc[-1])
            problems.append(Problem(
                "unknown-key", f"unknown key '{name}'", doc.source, doc.line_of(full),
                format_loc(full), rid, tuple(keys), did_you_mean(name, keys)))
            continue
        if kind == "missing":
            problems.append(Problem(
                "missing-key", f"'{loc[-1]}' is required here", doc.source,
                doc.line_of(full[:-1]), format_loc(full), rid))
            continue
        message = item["msg"]
        if kind == "model_type" and message.endswith("instance of Text"):
            message = "a text in Dutch and English: give a mapping {nl: '…', en: '…'}"
        if message.startswith("Value error, "):
            message = message[len("Value error, "):]
        allowed: tuple[str, ...] = ()
        ctx = item.get("ctx") or {}
        if "expected" in ctx:
            allowed = tuple(str(ctx["expected"]).replace("'", "").split(" or "))
        if ctx.get("pattern") == DATE_PATTERN:  # "15-05-2018": say how to write a date
            message = not_a_date(item.get("input"))
        elif "pattern" in ctx:
            message += " (use lower-case letters, digits and '_')"
        problems.append(Problem("invalid", message, doc.source, doc.line_of(full),
                                format_loc(full), rid, allowed))
    return problems
