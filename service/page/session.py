"""Who is using the page, and whether a form really comes from it.

The page signs in with a token into a session (service.tenants): the browser keeps only the session's random
secret, in an HttpOnly, SameSite=Strict cookie (Secure over https), and every form carries the session's CSRF
secret, which a page of another site cannot read. The sign-in form has no session yet, so it is protected by a
double submit: a random value both in a cookie and in the form, which another site can neither read nor set.
"""
from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response

from service.auth import limit_rate
from service.tenants import SESSION_SECONDS, Tenant

SESSION_COOKIE = "kpa_session"
SIGNIN_COOKIE = "kpa_signin"  # the sign-in form's double-submit value
CSRF_FIELD = "csrf"


@dataclass(frozen=True)
class Visitor:
    """A signed-in browser: its tenant, the CSRF secret its forms carry, and the session's cookie secret."""

    tenant: Tenant
    csrf: str
    session: str


class PageRefusal(Exception):
    """A page request refused (403 without the right CSRF secret, 404, …): status and the page word to show."""

    def __init__(self, status: int, word: str) -> None:
        super().__init__(word)
        self.status, self.word = status, word


class SignInNeeded(Exception):
    """A page that needs a session was asked for without one: the visitor is sent to the sign-in form."""


def visitor(request: Request) -> Visitor | None:
    """The live session of the request's cookie, counted against its token's rate limit (429 past it)."""
    secret = request.cookies.get(SESSION_COOKIE)
    found = request.app.state.directory.session(secret) if secret else None
    if found is None:
        return None
    tenant, csrf, token_id = found
    limit_rate(request, token_id)
    return Visitor(tenant, csrf, secret)


def signed_in(request: Request) -> Visitor:
    """The visitor of a page that needs one; SignInNeeded otherwise."""
    found = visitor(request)
    if found is None:
        raise SignInNeeded
    return found


def same(given: str | None, expected: str | None) -> bool:
    """Two secrets equal, compared in constant time; a missing one equals nothing."""
    return bool(given and expected) and hmac.compare_digest(given.encode(), expected.encode())


def checked(request: Request, given: str | None) -> Visitor:
    """The visitor of a form post whose CSRF field is its session's secret; 403 otherwise (no session too)."""
    found = visitor(request)
    if found is None or not same(given, found.csrf):
        raise PageRefusal(403, "csrf")
    return found


def signin_secret(request: Request) -> str:
    """The sign-in form's double-submit value: the browser's cookie when it has one, else a new one."""
    return request.cookies.get(SIGNIN_COOKIE) or secrets.token_urlsafe(32)


def check_signin(request: Request, given: str | None) -> None:
    """403 unless the sign-in form's value matches its cookie (a form posted from another site has neither)."""
    if not same(given, request.cookies.get(SIGNIN_COOKIE)):
        raise PageRefusal(403, "csrf")


def _cookie(request: Request, response: Response, name: str, value: str, max_age: int | None) -> None:
    response.set_cookie(name, value, max_age=max_age, path="/", **_flags(request))


def _clear(request: Request, response: Response, name: str) -> None:
    """The cookie `name` removed, with the flags it was set with (a browser may refuse a deletion without them)."""
    response.delete_cookie(name, path="/", **_flags(request))


def _flags(request: Request) -> dict:
    """Every cookie of the page: HttpOnly, SameSite=Strict, Secure over https."""
    return {"httponly": True, "samesite": "strict", "secure": request.url.scheme == "https"}


def set_signin_cookie(request: Request, response: Response, value: str) -> None:
    _cookie(request, response, SIGNIN_COOKIE, value, None)


def set_session_cookie(request: Request, response: Response, session: str) -> None:
    _cookie(request, response, SESSION_COOKIE, session, SESSION_SECONDS)
    _clear(request, response, SIGNIN_COOKIE)


def clear_session_cookie(request: Request, response: Response) -> None:
    _clear(request, response, SESSION_COOKIE)
