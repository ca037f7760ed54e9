"""How one service instance runs: where its data is and what a request may cost.

Defaults are sized for the 2-core, few-GiB machine a small agency runs it on; every figure is a `kpi-audit serve`
option, so an operator changes them without code.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DB_VARIABLE = "KPI_AUDIT_SERVICE_DB"
DEFAULT_DB = "kpi-audit-service.db"
MIB = 1024 * 1024


def service_db(path: Path | None) -> Path:
    """--db, else $KPI_AUDIT_SERVICE_DB, else ./kpi-audit-service.db (the CLI's audit store is another file)."""
    return Path(path or os.environ.get(DB_VARIABLE) or DEFAULT_DB)


@dataclass(frozen=True)
class ServiceConfig:
    """One instance's settings. `data_dir` holds one folder per tenant (its audit store, rulesets, waivers,
    batches); it sits beside the service database so one --db names the whole deployment."""

    db: Path
    workers: int = 2  # audit worker processes: at most this many audits run at once
    queue: int = 4  # audits that may wait for a worker; more get 503 with Retry-After
    max_upload_mib: int = 20  # request bodies over this are refused before parsing (413)
    audit_seconds: float = 60.0  # one audit's time limit: past it its worker is killed
    worker_memory_mib: int = 2048  # one worker's address-space limit
    rate_per_minute: int = 120  # requests per token per minute; more get 429 with Retry-After
    executor: str = "local"  # batches: local processes, or "dask" with `scheduler`
    scheduler: str | None = None

    @property
    def data_dir(self) -> Path:
        return self.db.parent / f"{self.db.stem}-data"

    @property
    def max_upload_bytes(self) -> int:
        return self.max_upload_mib * MIB
