"""What the service tests share: an application over a temporary folder, and tokens for its tenants."""
from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from service.app import create_app
from service.config import ServiceConfig


def make_app(folder: Path, **settings: object) -> FastAPI:
    """A service whose database and tenant data live in `folder`; one worker unless told otherwise."""
    return create_app(ServiceConfig(db=folder / "service.db", **{"workers": 1, **settings}))


def token_for(app: FastAPI, tenant: str) -> str:
    """A new token of `tenant` (made on first use), as `kpi-audit token create` makes it."""
    return app.state.directory.create_token(tenant)[2]


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
