"""The JSON API: advise, explain, whatif and report, as the CLI gives them.

Every endpoint takes a case in the shape of a JSON case file (``casus``,
``feiten``, entity lists) and answers with exactly what the matching command
prints: ``POST /api/advise`` is ``pvrules advise CASE --format json``, and so on.
Bad input gets the CLI's messages as JSON (status 422). The schema is at
``/openapi.json`` and readable at ``/docs``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from pvrules.errors import InputError, Problem
from pvrules.serve.casefiles import EXAMPLE_PREFIX, CaseFolder
from pvrules.serve.security import check_csrf, csrf_token
from pvrules.serve.service import Service

router = APIRouter(prefix="/api", tags=["api"])

Lang = Literal["nl", "en"]
CONTENT_TYPES = {
    "markdown": ("text/markdown; charset=utf-8", "md"),
    "html": ("text/html; charset=utf-8", "html"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
             "docx"),
}


class CaseRequest(BaseModel):
    """A case and the options every command shares."""

    model_config = ConfigDict(populate_by_name=True, extra="forbid")

    case: dict[str, Any] = Field(description="The case, as a JSON case file holds it.")
    lang: Lang = Field("nl", description="Language of the output (--lang).")
    overrides: list[str] = Field(default_factory=list, alias="set", max_length=50,
                                 description="FACT=VALUE changes before evaluating (--set).")


class AdviseRequest(CaseRequest):
    """``pvrules advise`` (the whole document, as to a file or pipe)."""

    format: Literal["json", "markdown"] = "json"
    date: dt.date | None = Field(None, description="The document's date (--date); today if "
                                 "absent.")


class ExplainRequest(CaseRequest):
    """``pvrules explain`` (NAME, or --why-not ITEM)."""

    name: str | None = Field(None, max_length=200,
                             description="An item or fact (ids or labels, item@entity).")
    why_not: str | None = Field(None, max_length=200, description="--why-not ITEM")
    format: Literal["json", "text"] = "json"
    verbose: bool = False


class WhatifRequest(CaseRequest):
    """``pvrules whatif --target``."""

    target: str = Field(max_length=200, description="ITEM or FACT=VALUE (--target).")
    max_changes: int = Field(2, ge=1, le=2)
    limit: int = Field(5, ge=1, le=50)
    all_facts: bool = Field(False, description="--all-facts: vary every fact, not only levers.")
    format: Literal["json", "text"] = "json"
    verbose: bool = False


class ReportRequest(CaseRequest):
    """``pvrules report``."""

    format: Literal["markdown", "html", "docx"] = "markdown"
    date: dt.date | None = Field(None, description="The report's date (--date); today if absent.")
    author: str | None = Field(None, max_length=200, description="--author")


class SaveRequest(BaseModel):
    """A case to write into the folder."""

    model_config = ConfigDict(extra="forbid")

    case: dict[str, Any]
    version: str | None = Field(None, description="The fingerprint read; null for a new file.")


def service(request: Request) -> Service:
    """The worker's service."""
    found: Service = request.app.state.service
    return found


def folder(request: Request) -> CaseFolder:
    """The case folder."""
    found: CaseFolder = request.app.state.folder
    return found


class CsrfRefused(InputError):
    """A write without a valid CSRF token, or from another site."""

    code = "csrf"


def require_csrf(request: Request) -> None:
    """Refuse a write without the CSRF token (or from another site)."""
    headers = {k.lower(): v for k, v in request.headers.items()}
    why = check_csrf(headers, request.app.state.secret)
    if why is not None:
        raise CsrfRefused(why, [Problem("csrf", why, request.url.path)])


@router.post("/advise", summary="pvrules advise CASE [--format json|markdown]")
def advise(body: AdviseRequest, request: Request) -> Response:
    """The advice for a case: the same text ``pvrules advise`` prints."""
    text = service(request).advise(body.case, body.format, body.lang, body.overrides,
                                   body.date)
    media = "application/json" if body.format == "json" else "text/markdown; charset=utf-8"
    return Response(text, media_type=media)


@router.post("/explain", summary="pvrules explain CASE [NAME] [--why-not ITEM]")
def explain(body: ExplainRequest, request: Request) -> Response:
    """Why (or why not) a recommendation or fact: the same as ``pvrules explain``."""
    text = service(request).explain(body.case, body.name, body.why_not, body.format,
                                    body.lang, body.overrides, body.verbose)
    media = "application/json" if body.format == "json" else "text/markdown; charset=utf-8"
    return Response(text, media_type=media)


@router.post("/whatif", summary="pvrules whatif CASE --target ITEM|FACT=VALUE")
def whatif(body: WhatifRequest, request: Request) -> Response:
    """The smallest changes that flip a recommendation: the same as ``pvrules whatif``."""
    text = service(request).whatif(body.case, body.target, body.max_changes, body.limit,
                                   body.all_facts, body.format, body.lang, body.overrides,
                                   body.verbose)
    media = "application/json" if body.format == "json" else "text/markdown; charset=utf-8"
    return Response(text, media_type=media)


@router.post("/report", summary="pvrules report CASE --format markdown|html|docx")
def report(body: ReportRequest, request: Request) -> Response:
    """The advisory report: the same bytes ``pvrules report`` writes."""
    payload = service(request).report(body.case, body.format, body.lang, body.overrides,
                                      body.date, body.author)
    media, ext = CONTENT_TYPES[body.format]
    name = str(body.case.get("casus", {}).get("id") or "advies") if isinstance(
        body.case.get("casus"), dict) else "advies"
    safe = "".join(ch for ch in name if ch.isalnum() or ch in "-_.") or "advies"
    return Response(payload, media_type=media, headers={
        "Content-Disposition": f'attachment; filename="{safe}.{ext}"'})


@router.get("/csrf", summary="The CSRF token writes must send as X-CSRF-Token")
def csrf(request: Request) -> dict[str, str]:
    """The token for ``X-CSRF-Token`` (readable only from the same origin)."""
    return {"token": csrf_token(request.app.state.secret)}


@router.get("/cases", summary="The case files in the folder and the shipped examples")
def cases(request: Request) -> dict[str, list[str]]:
    """Names of the folder's case files, and of the read-only examples."""
    from pvrules.pipeline import example_names

    return {"cases": folder(request).names(),
            "examples": [f"example:{n}" for n in example_names()]}


@router.get("/cases/{name}", summary="One case as JSON, with its version fingerprint")
def read_case(name: str, request: Request) -> dict[str, Any]:
    """A case file of the folder (or ``example:NAME``) as JSON data."""
    found = folder(request).read(name)
    return {"name": found.name, "version": found.version, "read_only": found.read_only,
            "case": found.data}


@router.put("/cases/{name}", summary="Save a case (valid cases only; comments kept)")
def save_case(name: str, body: SaveRequest, request: Request) -> dict[str, Any]:
    """Validate and save a case into the folder; refuses a file changed on disk since."""
    require_csrf(request)
    if name.startswith(EXAMPLE_PREFIX):
        raise InputError("the shipped examples are read-only", [Problem(
            "read-only", "save a copy under a new name in the folder", name)])
    service(request).load(body.case, name)
    saved = folder(request).save(name, body.case, body.version)
    return {"name": saved.name, "version": saved.version}
