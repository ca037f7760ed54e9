"""What the service tests share: an application over a temporary folder, tokens for its tenants, and the
`app` and `client` fixtures of a test that wants a service of its own (a module imports them by name; one that
shares a service across its tests, with its pool started once, defines module-scoped ones instead)."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

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


@pytest.fixture()
def app(tmp_path: Path) -> FastAPI:
    """A service of the test's own, in its temporary folder."""
    return make_app(tmp_path)


@pytest.fixture()
def client(app: FastAPI) -> Iterator[TestClient]:
    """A client of `app`, its lifespan (the worker pool) started and stopped around the test."""
    with TestClient(app) as test_client:
        yield test_client
