"""What keeps a served store safe: tokens, request size, response headers, CORS.

- Writes (ingest) always need the write token; without one configured they are refused,
  so a server started without ``--token`` is read-only.
- Reads need the read token when one is configured (``--read-token``). The API takes it
  as ``Authorization: Bearer``; the web page also takes it from a cookie that ``/login``
  sets (HttpOnly, SameSite=Strict), since a browser cannot add headers to a link.
- Request bodies over ``max_body`` bytes are refused with 413, by their Content-Length
  and, for chunked uploads, while they stream in.
- Every response carries a Content-Security-Policy that allows only this server's own
  scripts (no inline script, no other origin), nosniff, frame denial and no referrer.
- CORS is off unless origins are named.
- The server never reads a file named by a request: ingest takes uploaded content only.
"""

from __future__ import annotations

import hmac
import os
from dataclasses import dataclass
from typing import Any

from fastapi import HTTPException, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

TOKEN_ENV = "NEWSGRAPH_API_TOKEN"
READ_TOKEN_ENV = "NEWSGRAPH_READ_TOKEN"
COOKIE = "newsgraph_token"
DEFAULT_MAX_BODY = 20 * 1024 * 1024

#: Plotly adds <style> elements and style attributes, so styles may be inline; scripts may not.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
}


@dataclass(frozen=True)
class SecurityConfig:
    write_token: str | None = None
    read_token: str | None = None
    max_body: int = DEFAULT_MAX_BODY
    cors_origins: tuple[str, ...] = ()

    @classmethod
    def from_env(cls, **overrides: Any) -> SecurityConfig:
        """Tokens from the environment unless given; empty strings mean none."""
        values: dict[str, Any] = {
            "write_token": os.environ.get(TOKEN_ENV) or None,
            "read_token": os.environ.get(READ_TOKEN_ENV) or None,
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        for key in ("write_token", "read_token"):
            values[key] = values[key] or None
        return cls(**values)


def _same(given: str | None, expected: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode(), expected.encode())


def bearer(request: Request) -> str | None:
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def _config(request: Request) -> SecurityConfig:
    config: SecurityConfig = request.app.state.security
    return config


def require_write(request: Request) -> None:
    """Dependency of write endpoints: the write token, as a bearer token."""
    config = _config(request)
    if config.write_token is None:
        raise HTTPException(403, "writing is disabled: start the server with a write token")
    if not _same(bearer(request), config.write_token):
        raise HTTPException(
            401, "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"}
        )


def read_allowed(request: Request) -> bool:
    config = _config(request)
    if config.read_token is None:
        return True
    given = bearer(request) or request.cookies.get(COOKIE)
    # The write token may read too.
    return any(
        _same(given, t) for t in (config.read_token, config.write_token) if t is not None
    )


def require_read(request: Request) -> None:
    """Dependency of API reads: the read token when one is configured."""
    if not read_allowed(request):
        raise HTTPException(
            401, "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"}
        )


def token_matches(request: Request, token: str) -> bool:
    config = _config(request)
    return any(_same(token, t) for t in (config.read_token, config.write_token) if t)


class GuardMiddleware:
    """Adds the security headers to every response and refuses bodies over the limit."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length")
        # A malformed Content-Length is the HTTP server's to refuse (it answers 400).
        if length is not None and length.isdigit() and int(length) > self.max_body:
            await _too_large(scope, send, self.max_body)
            return
        seen = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise _BodyTooLarge(self.max_body)
            return message

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [
                    (k.encode(), v.encode()) for k, v in HEADERS.items() if k.encode() not in names
                ]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        try:
            await self.app(scope, limited_receive, send_with_headers)
        except _BodyTooLarge:
            if not started:
                await _too_large(scope, send, self.max_body)


class _BodyTooLarge(HTTPException):
    """An HTTP error, so the framework answers 413 even when it is reading a form."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"request body over {limit} bytes")


async def _too_large(scope: Scope, send: Send, limit: int) -> None:
    body = f'{{"detail":"request body over {limit} bytes"}}'.encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    headers += [(k.encode(), v.encode()) for k, v in HEADERS.items()]
    await send({"type": "http.response.start", "status": 413, "headers": headers})
    await send({"type": "http.response.body", "body": body})
