"""The service's FastAPI application: state, middleware, error handlers and every router, in one factory.

`create_app(config)` builds an independent application (tests build one per temporary folder); `kpi-audit serve`
builds one and runs it on uvicorn.
"""
from __future__ import annotations

from contextlib import asynccontextmanager
from collections.abc import AsyncIterator

from fastapi import FastAPI
from fastapi_offline import FastAPIOffline

from engine import __version__
from service.api import audits, batches, history, rules, rulesets, waivers
from service.batch_jobs import BatchJobs
from service.batch_runner import BatchRunner
from service.config import ServiceConfig
from service.errors import install_handlers
from service.page import routes as page
from service.headers import BodyLimit, SecurityHeaders
from service.pool import AuditPool
from service.ratelimit import RateLimiter
from service.tenants import Directory

DESCRIPTION = """kpi-audit over HTTP: audit a client's KPI system from an uploaded intake (YAML, JSON, .xlsx or a
.zip of a CSV folder) and get the scored diagnosis and remediation plan as JSON, HTML, Markdown or PDF, in English
or Chinese. Every `/v1` call needs `Authorization: Bearer <token>` (`kpi-audit token create --tenant NAME`)."""


def create_app(config: ServiceConfig) -> FastAPI:
    """A service application over `config`'s database and data folder."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.pool.start_in_background()  # workers ready while the server starts; a request waits for one
        app.state.batches.start()  # batches left unfinished by the last run are queued again first
        yield
        app.state.batches.stop()
        app.state.pool.close()

    app = FastAPIOffline(title="kpi-audit", version=__version__, description=DESCRIPTION, redoc_url=None,
                         lifespan=lifespan)
    app.state.config = config
    app.state.directory = Directory(config.db)
    app.state.limiter = RateLimiter(config.rate_per_minute)
    app.state.pool = AuditPool(config.workers, config.audit_seconds, config.worker_memory_mib, config.queue)
    app.state.batches = BatchRunner(config, BatchJobs(config.db))
    install_handlers(app)
    app.add_middleware(BodyLimit, limit=config.max_upload_bytes)
    app.add_middleware(SecurityHeaders)
    for module in (rules, audits, history, waivers, rulesets, batches, page):
        app.include_router(module.router)
    return app
