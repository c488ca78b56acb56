"""Safety around every request: token, request size, host check, CSRF.

* **Token**: when the server has one (required off loopback), every request
  carries it — ``Authorization: Bearer T``, header ``X-PVRules-Token``, or the
  cookie a browser gets after opening ``/?token=T`` once.
* **Size**: a request body is at most :data:`MAX_BODY` bytes.
* **Host**: on a loopback address only ``localhost``/``127.0.0.1`` host names are
  served (no DNS rebinding of a laptop server).
* **CSRF**: writes need header ``X-CSRF-Token`` with the server's token, which
  only a same-origin page (or an API client that asks ``GET /api/csrf``) can read;
  a cross-site ``Origin`` is refused outright.

Implemented as a plain ASGI middleware so it costs next to nothing per request.
"""

from __future__ import annotations

import hmac
import json
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs, urlencode

from pvrules.errors import InputError, Problem

MAX_BODY = 2 * 1024 * 1024
TOKEN_COOKIE = "pvrules_token"
CSRF_HEADER = "x-csrf-token"
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "[::1]", "::1"})

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def csrf_token(secret: str) -> str:
    """The CSRF token of a server with ``secret`` (the same in every worker)."""
    return hmac.new(secret.encode(), b"pvrules-csrf", "sha256").hexdigest()[:32]


def new_secret() -> str:
    """A fresh random secret."""
    return secrets.token_hex(16)


def same_origin(headers: dict[str, str]) -> bool:
    """Whether an ``Origin`` header, when present, names the host the request went to."""
    origin = headers.get("origin")
    if not origin or origin == "null":
        return origin is None
    host = headers.get("host", "")
    return origin.split("://", 1)[-1].rstrip("/") == host


def check_csrf(headers: dict[str, str], secret: str) -> str | None:
    """Why a write must be refused, or ``None`` when it may go ahead."""
    if not same_origin(headers):
        return "cross-site request refused (Origin does not match Host)"
    given = headers.get(CSRF_HEADER, "")
    if not hmac.compare_digest(given, csrf_token(secret)):
        return ("missing or wrong CSRF token: send header X-CSRF-Token "
                "(GET /api/csrf gives it)")
    return None


@dataclass
class Guard:
    """The ASGI middleware: token, size and host checks before the application runs."""

    app: ASGIApp
    token: str | None = None
    loopback_only_hosts: bool = False
    max_body: int = MAX_BODY

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Check the request; refuse it with a short JSON message, or pass it on."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1")
                   for k, v in scope.get("headers", [])}
        if self.loopback_only_hosts:
            name = headers.get("host", "").rsplit(":", 1)[0] if not headers.get(
                "host", "").startswith("[") else headers.get("host", "").split("]")[0] + "]"
            if name not in LOOPBACK_NAMES:
                await _refuse(send, 400, "this server answers only to localhost / 127.0.0.1")
                return
        if self.token is not None:
            query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
            if scope["method"] == "GET" and "token" in query:
                given = query["token"][0]
                if hmac.compare_digest(given.encode(), self.token.encode()):
                    rest = {k: v for k, v in query.items() if k != "token"}
                    await _login(send, scope["path"], urlencode(rest, doseq=True), given)
                    return
            if not self._has_token(headers):
                await _refuse(send, 401, "a token is required: open the page with ?token=... "
                              "or send 'Authorization: Bearer <token>'")
                return
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await _refuse(send, 413, f"request too large (at most {self.max_body // 1024} KB)")
            return
        await self.app(scope, self._limited(receive), send)

    def _has_token(self, headers: dict[str, str]) -> bool:
        assert self.token is not None
        want = self.token.encode()
        auth = headers.get("authorization", "")
        candidates = [headers.get("x-pvrules-token", "")]
        if auth.lower().startswith("bearer "):
            candidates.append(auth[7:].strip())
        cookie = SimpleCookie()
        try:
            cookie.load(headers.get("cookie", ""))
        except Exception:
            cookie = SimpleCookie()
        if TOKEN_COOKIE in cookie:
            candidates.append(cookie[TOKEN_COOKIE].value)
        return any(c and hmac.compare_digest(c.encode(), want) for c in candidates)

    def _limited(self, receive: Receive) -> Receive:
        seen = 0
        limit = self.max_body

        async def wrapped() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge("request too large", [Problem(
                        "too-large", f"a request body is at most {limit // 1024} KB")])
            return message

        return wrapped


class BodyTooLarge(InputError):
    """A streamed request body went past the limit (answered with status 413)."""

    code = "too-large"


async def _refuse(send: Send, status: int, message: str) -> None:
    body = json.dumps({"error": message, "code": "refused"}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


async def _login(send: Send, path: str, query: str, token: str) -> None:
    location = path + (f"?{query}" if query else "")
    cookie = f"{TOKEN_COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/"
    await send({"type": "http.response.start", "status": 303,
                "headers": [(b"location", location.encode()),
                            (b"set-cookie", cookie.encode()),
                            (b"content-length", b"0")]})
    await send({"type": "http.response.body", "body": b""})
