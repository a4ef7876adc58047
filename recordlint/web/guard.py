"""The guards around every request: access token, upload limit, CSRF, security headers.

They are plain ASGI middleware and small helpers, so they are tested at the HTTP level without
a browser.
"""

from __future__ import annotations

import hmac
import logging
import re
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qs

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

LOG = logging.getLogger("recordlint.serve")
TOKEN_COOKIE = "recordlint_token"
#: a token travels in a link and a cookie: letters, digits and - . _ ~ only, 16 or more
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9._~-]{16,}")
CSRF_COOKIE = "recordlint_csrf"
CSRF_FIELD = "csrf_token"

#: nothing from outside, no script at all, forms post only here, never framed
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    # same-origin, not no-referrer: with no-referrer a browser sends "Origin: null" on a post,
    # and the origin check would refuse the page's own form
    (b"referrer-policy", b"same-origin"),
    (b"cache-control", b"no-store"),  # pages hold case records: never kept by a browser cache
    (b"cross-origin-opener-policy", b"same-origin"),
]


def same_secret(given: str | None, expected: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode(), expected.encode())


def new_csrf_token() -> str:
    return secrets.token_urlsafe(32)


def csrf_ok(cookie: str | None, field: str | None) -> bool:
    """Double submit: the form's hidden field must equal the cookie the page set, which a page
    on another site can neither read nor set (SameSite=Strict, HttpOnly)."""
    return bool(cookie) and same_secret(field, cookie or "")


def origin_ok(headers: dict[str, str]) -> bool:
    """A browser names the site a post came from; it must be this one. Behind a proxy the Host
    may be rewritten, so the forwarded host counts too (a page on another site cannot set that
    header on a form post), and the scheme is not compared (TLS ends at the proxy)."""
    origin = headers.get("origin")
    if origin is not None:
        host = origin.partition("://")[2]
        if not host or host not in {headers.get("host"), headers.get("x-forwarded-host")}:
            return False
    site = headers.get("sec-fetch-site")
    return site in (None, "same-origin", "none")


class SecurityHeaders:
    """Adds the Content-Security-Policy and the other headers to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, with_headers)


class UploadLimit:
    """Refuses a request body over `limit` bytes with 413, before it is read whole: from its
    Content-Length when given, else by counting as it arrives."""

    def __init__(self, app: ASGIApp, limit: int, too_large: ASGIApp) -> None:
        self.app = app
        self.limit = limit
        self.too_large = too_large

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.limit:
            await self.too_large(scope, receive, send)
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.limit:
                raise UploadTooLarge
            return message

        watched = _Watched(send)
        try:
            await self.app(scope, counted, watched)
        except UploadTooLarge:
            if not watched.started:
                await self.too_large(scope, receive, send)


class UploadTooLarge(Exception):
    """Raised while a body is read once it passes the limit; the page that reads it answers
    413 (or `UploadLimit` does, if nothing has answered yet)."""


class CatchAll:
    """Whatever escapes the application is answered with `crashed` (if nothing was sent yet)
    and goes no further: the server would log it with its message, which can quote a record."""

    def __init__(self, app: ASGIApp, crashed: ASGIApp) -> None:
        self.app = app
        self.crashed = crashed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        watched = _Watched(send)
        try:
            await self.app(scope, receive, watched)
        except Exception as exc:
            LOG.error("internal error: %s", type(exc).__name__)
            if scope["type"] == "http" and not watched.started:
                await self.crashed(scope, receive, send)


class _Watched:
    """Passes a response's messages on, remembering whether it has begun (after which no other
    answer can be sent)."""

    def __init__(self, send: Send) -> None:
        self.send = send
        self.started = False

    async def __call__(self, message: Message) -> None:
        self.started = self.started or message["type"] == "http.response.start"
        await self.send(message)


class AccessToken:
    """With a token set, every request must carry it: a cookie (set by opening the page once as
    /?token=...) or an `Authorization: Bearer` header. Compared in constant time."""

    def __init__(self, app: ASGIApp, token: str | None, refused: ASGIApp, https: bool) -> None:
        self.app = app
        self.token = token
        self.refused = refused
        self.https = https

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.token is None:
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        bearer = headers.get("authorization", "")
        if bearer.startswith("Bearer ") and same_secret(bearer[7:], self.token):
            await self.app(scope, receive, send)
            return
        if same_secret(_cookie(headers.get("cookie", ""), TOKEN_COOKIE), self.token):
            await self.app(scope, receive, send)
            return
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        given = query.get("token", [None])[0]
        if scope["method"] == "GET" and same_secret(given, self.token):
            # keep it in a cookie and drop it from the address bar (and the browser's history)
            # Lax, not Strict: the link is opened from mail or an intranet page, and a Strict
            # cookie would not come back on the redirect that follows (forms carry their own
            # Strict CSRF cookie)
            secure = "; Secure" if self.https else ""
            cookie = f"{TOKEN_COOKIE}={self.token}; Path=/; HttpOnly; SameSite=Lax{secure}"
            await send(
                {
                    "type": "http.response.start",
                    "status": 303,
                    "headers": [(b"location", b"/"), (b"set-cookie", cookie.encode())],
                }
            )
            await send({"type": "http.response.body", "body": b""})
            return
        await self.refused(scope, receive, send)


def _cookie(header: str, name: str) -> str | None:
    for part in header.split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    return None
