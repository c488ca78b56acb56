"""The ASGI application: configuration, error handling, the page and API routes.

:func:`create_app` builds one application; with ``--workers N`` uvicorn calls
:func:`app_from_env` in every worker, which reads the same configuration from
environment variables, so the workers share the case folder, the token and the
CSRF secret and nothing else.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from pvrules.errors import PvrulesError
from pvrules.serve.security import Guard, new_secret

LOG = logging.getLogger("pvrules.serve")
ENV_CONFIG = "PVRULES_SERVE_CONFIG"
STATUS = {"csrf": 403, "bad-path": 400, "output": 409, "name": 422}


@dataclass(frozen=True)
class ServeConfig:
    """Everything a worker needs to know."""

    folder: str = "."
    token: str | None = None
    secret: str = field(default_factory=new_secret)
    loopback_hosts: bool = False
    lang: str = "nl"
    rules_dirs: tuple[str, ...] = ()
    knowledge_dirs: tuple[str, ...] = ()
    engine: str = "auto"
    include_builtin: bool = True

    def to_env(self) -> str:
        """The configuration as one environment value (for the workers)."""
        return json.dumps({**self.__dict__, "rules_dirs": list(self.rules_dirs),
                           "knowledge_dirs": list(self.knowledge_dirs)})


def _status(err: PvrulesError) -> int:
    for problem in err.problems:
        if problem.code in ("changed", "exists"):
            return 409
        if problem.code == "too-large":
            return 413
        if problem.code == "not-found":
            return 404
    if err.code in STATUS:
        return STATUS[err.code]
    return 422 if err.exit_code == 2 else 500


def create_app(config: ServeConfig | None = None) -> Any:
    """The application for ``config`` (the knowledge base is compiled at start-up)."""
    from pvrules.serve import api, pages
    from pvrules.serve.casefiles import CaseFolder
    from pvrules.serve.errorbody import error_body
    from pvrules.serve.service import Service

    config = config or ServeConfig()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if getattr(app.state, "service", None) is None:
            app.state.service = Service.create(config.rules_dirs, config.knowledge_dirs,
                                               config.engine, config.include_builtin)
        yield
        app.state.service.close()

    app = FastAPI(title="pvrules", lifespan=lifespan,
                  description="Explained advice on municipal collaboration (Moore's public "
                              "value triangle). Every endpoint takes a case as a JSON case "
                              "file holds it and gives the same output as the CLI.",
                  version=_version())
    app.state.config = config
    app.state.secret = config.secret
    app.state.folder = CaseFolder.at(config.folder)
    app.state.service = None
    app.state.templates = pages.templates()

    @app.exception_handler(PvrulesError)
    async def pvrules_error(request: Request, err: PvrulesError) -> Any:
        if _is_page(request):
            from fastapi.responses import HTMLResponse

            from pvrules.serve.pages import render

            html = render(request, "error.html.j2", config.lang, error=err.message,
                          text=err.format())
            return HTMLResponse(html, status_code=_status(err))
        return JSONResponse(error_body(err), status_code=_status(err))

    @app.exception_handler(Exception)
    async def internal_error(request: Request, err: Exception) -> JSONResponse:
        LOG.exception("internal error on %s", request.url.path)
        return JSONResponse({"error": f"internal error: {type(err).__name__}: {err}",
                             "code": "internal",
                             "text": "This is a bug in pvrules; the server keeps running. "
                                     "Please report it with the case you used."},
                            status_code=500)

    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(packages=[("pvrules.serve", "static")]), name="static")
    return Guard(app, token=config.token, loopback_only_hosts=config.loopback_hosts)


def _is_page(request: Request) -> bool:
    """A browser page (not the API, the page's calls or a static file)."""
    path = request.url.path
    return request.method == "GET" and not path.startswith(("/api/", "/ui/", "/static/"))


def app_from_env() -> Any:
    """The application of one uvicorn worker, configured by ``PVRULES_SERVE_CONFIG``."""
    raw = json.loads(os.environ.get(ENV_CONFIG, "{}"))
    raw["rules_dirs"] = tuple(raw.get("rules_dirs", ()))
    raw["knowledge_dirs"] = tuple(raw.get("knowledge_dirs", ()))
    return create_app(ServeConfig(**raw))


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("pvrules")
    except metadata.PackageNotFoundError:  # pragma: no cover - source checkout
        return "unknown"
