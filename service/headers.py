"""Response headers every answer carries, and the request-size guard: plain ASGI middleware, so streamed bodies
(uploads, reports) pass through without being buffered.

The HTML report and the page need no script, so the Content-Security-Policy allows none; only the OpenAPI page
(/docs, served from the package's own files) runs the Swagger UI script.
"""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.api import PREFIX
from service.errors import ApiError, error_response
from service.messages import message
from service.page.views import error_page

STRICT_CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; "
              "frame-src 'self'; frame-ancestors 'self'; base-uri 'none'")
DOCS_CSP = ("default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'")
DOCS_PATHS = ("/docs", "/static-offline-docs/")
COMMON = ((b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"),
          (b"cross-origin-opener-policy", b"same-origin"), (b"cache-control", b"no-store"))


class SecurityHeaders:
    """Adds the CSP and the other protective headers to every response (no-store too: reports are client data)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = DOCS_CSP if scope["path"].startswith(DOCS_PATHS) else STRICT_CSP

        async def send_with_headers(msg: Message) -> None:
            if msg["type"] == "http.response.start":
                names = {name.lower() for name, _ in msg.get("headers", [])}
                extra = [(b"content-security-policy", csp.encode())]
                extra += [(name, value) for name, value in COMMON if name not in names]
                msg["headers"] = [*msg.get("headers", []), *extra]
            await send(msg)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """Refuses a request body over `limit` bytes with 413 before any of it is parsed: at once from its
    Content-Length, or as soon as a streamed (chunked) body passes the limit."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers", []))
        declared = headers.get(b"content-length", b"").decode("latin-1").strip()
        if declared and (not declared.isdigit() or int(declared) > self.limit):
            await self._refuse(scope, send)
            return
        seen = 0
        started = exceeded = False

        async def counting_receive() -> Message:
            nonlocal seen, exceeded
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > self.limit:
                    exceeded = True
                    raise BodyTooLarge
            return msg

        async def tracking_send(msg: Message) -> None:
            nonlocal started
            if exceeded:  # the app answered the refusal itself (a form parser's 400): the answer is 413
                if msg["type"] == "http.response.start" and not started:
                    started = True
                    await self._refuse(scope, send)
                return
            started = started or msg["type"] == "http.response.start"
            await send(msg)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await self._refuse(scope, send)

    async def _refuse(self, scope: Scope, send: Send) -> None:
        """The API's own 413 answer (service.errors), in the request's language; the connection is closed, as
        the rest of the body is never read. A browser's form post to the page gets it as an error page."""
        request = Request(scope)
        text = message("too_large", limit=self.limit // (1024 * 1024))
        close = {"Connection": "close"}
        if not request.url.path.startswith(f"{PREFIX}/") and "text/html" in request.headers.get("accept", ""):
            response: Response = error_page(request, 413, text, close)
        else:
            response = error_response(request, ApiError(413, "too_large", text, close))
        await response(scope, request.receive, send)


class BodyTooLarge(Exception):
    """Raised inside the app's receive once a streamed body passes the limit."""
