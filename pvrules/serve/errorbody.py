"""A pvrules error as JSON for the page and the API: the CLI's text and the located problems."""

from __future__ import annotations

from typing import Any

from pvrules.errors import PvrulesError


def error_body(err: PvrulesError) -> dict[str, Any]:
    """An error as JSON: the CLI's text and the located problems."""
    return {"error": err.message, "code": err.code, "text": err.format(),
            "problems": [{"code": p.code, "message": p.message, "file": p.file,
                          "line": p.line, "loc": p.loc, "allowed": list(p.allowed),
                          "suggestion": p.suggestion, "text": p.format()}
                         for p in err.problems]}
