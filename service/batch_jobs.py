"""The portfolio batches' records in the service database: each batch (its tenant, folder, options and status)
and each of its clients (pending, then audited, skipped or failed).

The server's request handlers, its batch runner thread and the batch's own process all write here, each through
its own connection (SQLite in WAL mode, a busy timeout), so progress is seen by the next GET whatever process
recorded it. Counts are derived from the client rows, never kept twice.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from engine.messages import LANGS, Local
from portfolio.results import ClientResult
from service.database import connect, timestamp
from service.tenants import Tenant

KIND = "batch"  # the kind of its public ids (service.tenants.Directory.public_id)
STATUSES = ("queued", "running", "finished", "failed")
ENDED = STATUSES[2:]  # a batch that will not run again (service.batch_retention keeps a tenant's newest few)
PENDING = "pending"  # a client not audited yet
SCHEMA = """
CREATE TABLE IF NOT EXISTS batch_jobs (id INTEGER PRIMARY KEY, tenant_id INTEGER NOT NULL REFERENCES tenants(id),
                                       folder TEXT NOT NULL UNIQUE, status TEXT NOT NULL, lang TEXT NOT NULL,
                                       ruleset TEXT NOT NULL, ruleset_spec TEXT NOT NULL, formats TEXT NOT NULL,
                                       save INTEGER NOT NULL, error_en TEXT, error_zh TEXT, created TEXT NOT NULL,
                                       started TEXT, finished TEXT);
CREATE INDEX IF NOT EXISTS batch_jobs_status ON batch_jobs (status, id);
CREATE TABLE IF NOT EXISTS batch_clients (job_id INTEGER NOT NULL REFERENCES batch_jobs(id), name TEXT NOT NULL,
                                          status TEXT NOT NULL, score REAL, error TEXT, PRIMARY KEY (job_id, name));
CREATE TABLE IF NOT EXISTS batch_turns (tenant_id INTEGER PRIMARY KEY REFERENCES tenants(id), served INTEGER NOT NULL);
"""
# The runner's turns: the oldest queued batch of the tenant whose last batch started longest ago (never first).
_NEXT = """SELECT batch_jobs.id FROM batch_jobs LEFT JOIN batch_turns ON batch_turns.tenant_id = batch_jobs.tenant_id
           WHERE batch_jobs.status = 'queued' ORDER BY coalesce(batch_turns.served, 0), batch_jobs.id LIMIT 1"""
_JOB_COLUMNS = ", ".join(
    ["batch_jobs.id", "batch_jobs.tenant_id", "tenants.name", "tenants.key"]
    + [f"batch_jobs.{name}" for name in ("folder", "status", "lang", "ruleset", "ruleset_spec", "formats", "save",
                                         "error_en", "error_zh", "created", "started", "finished")])


class QueueFull(Exception):
    """No room for one more waiting batch: `scope` says whose limit is reached, the tenant's or the service's."""

    def __init__(self, scope: str, limit: int) -> None:
        super().__init__(scope, limit)
        self.scope, self.limit = scope, limit


@dataclass(frozen=True)
class QueueLimits:
    """How many batches may wait: in all (the service's bound) and per tenant (so one tenant cannot fill it)."""

    service: int
    tenant: int

    def check(self, conn: sqlite3.Connection, tenant: Tenant) -> None:
        """QueueFull when either limit is reached; the tenant's first, as it is the one the tenant can act on."""
        mine = conn.execute("SELECT count(*) FROM batch_jobs WHERE status = 'queued' AND tenant_id = ?",
                            (tenant.id,)).fetchone()[0]
        if mine >= self.tenant:
            raise QueueFull("tenant", self.tenant)
        if conn.execute("SELECT count(*) FROM batch_jobs WHERE status = 'queued'").fetchone()[0] >= self.service:
            raise QueueFull("service", self.service)


@dataclass(frozen=True)
class ClientRow:
    name: str
    status: str  # pending | audited | skipped | failed
    score: float | None
    error: str | None  # the CLI's text of why it failed, in the batch's language


@dataclass(frozen=True)
class Job:
    """One batch as recorded. `folder` is the service's own name for its folder under the tenant's batches."""

    id: int
    tenant: Tenant
    folder: str
    status: str
    lang: str
    ruleset: str  # as the client named it
    ruleset_spec: str  # what the service resolved it to (service.ruleset_names)
    formats: tuple[str, ...]
    save: bool
    error: Local | None
    created: str
    started: str | None
    finished: str | None

    @classmethod
    def from_row(cls, row: tuple) -> "Job":
        (job_id, tenant_id, tenant_name, tenant_key, folder, status, lang, ruleset, spec, formats, save, error_en,
         error_zh, created, started, finished) = row
        error = Local({"en": error_en, "zh": error_zh}) if error_en is not None else None
        return cls(job_id, Tenant(tenant_id, tenant_name, tenant_key), folder, status, lang, ruleset, spec,
                   tuple(formats.split(",")), bool(save), error, created, started, finished)


class BatchJobs:
    """The batch tables of the service database at `db` (created if missing). Each call opens its own
    connection, so one instance serves every thread, and the batch process makes its own."""

    def __init__(self, db: Path) -> None:
        self.db = db
        with connect(self.db) as conn:
            conn.executescript(SCHEMA)

    def create(self, tenant: Tenant, folder: str, lang: str, ruleset: str, spec: str, formats: tuple[str, ...],
               save: bool, clients: list[str], limits: QueueLimits) -> int:
        """A new queued batch and its pending clients: its id, or QueueFull when `limits` say it may not wait
        (counted and inserted in one transaction, so concurrent uploads cannot pass a limit together)."""
        with connect(self.db) as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                limits.check(conn, tenant)
            except QueueFull:
                conn.execute("ROLLBACK")
                raise
            job_id = conn.execute(
                "INSERT INTO batch_jobs (tenant_id, folder, status, lang, ruleset, ruleset_spec, formats, save, "
                "created) VALUES (?, ?, 'queued', ?, ?, ?, ?, ?, ?)",
                (tenant.id, folder, lang, ruleset, spec, ",".join(formats), int(save), timestamp())).lastrowid
            conn.executemany("INSERT INTO batch_clients (job_id, name, status) VALUES (?, ?, ?)",
                             [(job_id, name, PENDING) for name in clients])
            conn.execute("COMMIT")
        return job_id

    def check_room(self, tenant: Tenant, limits: QueueLimits) -> None:
        """QueueFull when `tenant` could not queue a batch now (checked before an upload is unpacked)."""
        with connect(self.db) as conn:
            limits.check(conn, tenant)

    def job(self, job_id: int, tenant: Tenant | None = None) -> Job | None:
        """The batch `job_id` (only when it is `tenant`'s, when given)."""
        query = (f"SELECT {_JOB_COLUMNS} FROM batch_jobs JOIN tenants ON tenants.id = batch_jobs.tenant_id "
                 "WHERE batch_jobs.id = ?")
        params: tuple = (job_id,)
        if tenant is not None:
            query, params = query + " AND batch_jobs.tenant_id = ?", (job_id, tenant.id)
        with connect(self.db) as conn:
            row = conn.execute(query, params).fetchone()
        return Job.from_row(row) if row else None

    def jobs(self, tenant: Tenant) -> list[Job]:
        """The tenant's batches, newest first."""
        with connect(self.db) as conn:
            rows = conn.execute(f"SELECT {_JOB_COLUMNS} FROM batch_jobs JOIN tenants "
                                "ON tenants.id = batch_jobs.tenant_id WHERE batch_jobs.tenant_id = ? "
                                "ORDER BY batch_jobs.id DESC", (tenant.id,)).fetchall()
        return [Job.from_row(row) for row in rows]

    def clients(self, job_id: int) -> list[ClientRow]:
        """The batch's clients in name order (the order the batch audits and the summary ranks ties)."""
        with connect(self.db) as conn:
            rows = conn.execute("SELECT name, status, score, error FROM batch_clients WHERE job_id = ? "
                                "ORDER BY name", (job_id,)).fetchall()
        return [ClientRow(*row) for row in rows]

    def next_queued(self) -> Job | None:
        """The next batch in turn, now marked running (its clients pending again): tenants take turns, the one
        served least recently first, each its own oldest batch, so one tenant's many batches do not hold back
        another's first. The turn is a counter, not a time: two starts in one second still have an order."""
        with connect(self.db) as conn:
            conn.execute("BEGIN IMMEDIATE")
            row = conn.execute(_NEXT).fetchone()
            if row is None:
                conn.execute("ROLLBACK")
                return None
            conn.execute("UPDATE batch_jobs SET status = 'running', started = ? WHERE id = ?", (timestamp(), row[0]))
            conn.execute("INSERT INTO batch_turns (tenant_id, served) SELECT tenant_id, "
                         "(SELECT coalesce(max(served), 0) + 1 FROM batch_turns) FROM batch_jobs WHERE id = ? "
                         "ON CONFLICT (tenant_id) DO UPDATE SET served = excluded.served", (row[0],))
            conn.execute("UPDATE batch_clients SET status = ?, score = NULL, error = NULL WHERE job_id = ?",
                         (PENDING, row[0]))
            conn.execute("COMMIT")
        return self.job(row[0])

    def requeue_running(self) -> int:
        """Batches left running (the server stopped or died under them) queued again; how many. Rerun in the
        same folder, the batch keeps its finished clients (portfolio.state) and audits the rest."""
        with connect(self.db) as conn:
            return conn.execute("UPDATE batch_jobs SET status = 'queued' WHERE status = 'running'").rowcount

    def record(self, job_id: int, result: ClientResult) -> None:
        """One client's result, as the batch process learns it."""
        score = result.report["score"]["overall"] if result.report is not None else None
        with connect(self.db) as conn:
            conn.execute("UPDATE batch_clients SET status = ?, score = ?, error = ? WHERE job_id = ? AND name = ?",
                         (result.status, score, result.error, job_id, result.client))

    def finish(self, job_id: int) -> None:
        with connect(self.db) as conn:
            conn.execute("UPDATE batch_jobs SET status = 'finished', finished = ? WHERE id = ? AND status = 'running'",
                         (timestamp(), job_id))

    def fail(self, job_id: int, error: Local) -> None:
        """The batch failed as a whole (a usage error, or its process died or ran out of time)."""
        texts = {lang: error.texts[lang] for lang in LANGS}
        with connect(self.db) as conn:
            conn.execute("UPDATE batch_jobs SET status = 'failed', error_en = ?, error_zh = ?, finished = ? "
                         "WHERE id = ? AND status = 'running'", (texts["en"], texts["zh"], timestamp(), job_id))

    def prune(self, tenant: Tenant, keep: int) -> list[str]:
        """The tenant's ended batches older than its newest `keep` removed from the records; their folders (for
        the caller to delete, after the records, so a GET meanwhile answers 404 rather than a missing file)."""
        ended = ", ".join("?" * len(ENDED))
        with connect(self.db) as conn:
            conn.execute("BEGIN IMMEDIATE")
            old = conn.execute(f"SELECT id, folder FROM batch_jobs WHERE tenant_id = ? AND status IN ({ended}) "
                               "ORDER BY id DESC LIMIT -1 OFFSET ?", (tenant.id, *ENDED, keep)).fetchall()
            ids = [(job_id,) for job_id, _folder in old]
            conn.executemany("DELETE FROM batch_clients WHERE job_id = ?", ids)
            conn.executemany("DELETE FROM batch_jobs WHERE id = ?", ids)
            conn.execute("COMMIT")
        return [folder for _job_id, folder in old]
