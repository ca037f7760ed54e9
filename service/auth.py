"""Who is calling: the API's Bearer token (with the per-token rate limit), or the page's session cookie.

An unknown, malformed and revoked token are answered alike (401), so a caller learns nothing about tokens it
does not hold.
"""
from __future__ import annotations

from starlette.requests import Request

from service.errors import ApiError
from service.messages import message
from service.tenants import Tenant

CHALLENGE = {"WWW-Authenticate": 'Bearer realm="kpi-audit"'}


def bearer(request: Request) -> str | None:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def limit_rate(request: Request, token_id: str) -> None:
    """429 with Retry-After once the token has used its allowance (shared by the API and the page)."""
    wait = request.app.state.limiter.take(token_id)
    if wait:
        limit = request.app.state.limiter.per_minute
        raise ApiError(429, "rate_limited", message("rate_limited", limit=limit, seconds=wait),
                       {"Retry-After": str(wait)})


def api_tenant(request: Request) -> Tenant:
    """FastAPI dependency of every /v1 call: the tenant of the Bearer token, within its rate limit."""
    token = bearer(request)
    if token is None:
        raise ApiError(401, "no_token", message("no_token"), CHALLENGE)
    found = request.app.state.directory.authenticate(token)
    if found is None:
        raise ApiError(401, "bad_token", message("bad_token"), CHALLENGE)
    tenant, token_id = found
    limit_rate(request, token_id)
    return tenant
