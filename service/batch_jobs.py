"""The portfolio batches' records in the service database: each batch (its tenant, folder, options and status)
and each of its clients (pending, then audited, skipped or failed).

The server's request handlers, its batch runner thread and the batch's own process all write here, each through
its own connection (SQLite in WAL mode, a busy timeout), so progress is seen by the next GET whatever process
recorded it. Counts are derived from the client rows, never kept twice.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from engine.messages import LANGS, Local
from portfolio.results import ClientResult
from service.database import connect, timestamp
from service.tenants import Tenant

KIND = "batch"  # the kind of its public ids (service.tenants.Directory.public_id)
STATUSES = ("queued", "running", "finished", "failed")
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
"""
_JOB_COLUMNS = ", ".join(
    ["batch_jobs.id", "batch_jobs.tenant_id", "tenants.name", "tenants.key"]
    + [f"batch_jobs.{name}" for name in ("folder", "status", "lang", "ruleset", "ruleset_spec", "formats", "save",
                                         "error_en", "error_zh", "created", "started", "finished")])


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
               save: bool, clients: list[str], max_queued: int) -> int | None:
        """A new queued batch and its pending clients: its id, or None when `max_queued` batches already wait
        (counted and inserted in one transaction, so concurrent uploads cannot pass the limit together)."""
        with connect(self.db) as conn:
            conn.execute("BEGIN IMMEDIATE")
            queued = conn.execute("SELECT count(*) FROM batch_jobs WHERE status = 'queued'").fetchone()[0]
            if queued >= max_queued:
                conn.execute("ROLLBACK")
                return None
            job_id = conn.execute(
                "INSERT INTO batch_jobs (tenant_id, folder, status, lang, ruleset, ruleset_spec, formats, save, "
                "created) VALUES (?, ?, 'queued', ?, ?, ?, ?, ?, ?)",
                (tenant.id, folder, lang, ruleset, spec, ",".join(formats), int(save), timestamp())).lastrowid
            conn.executemany("INSERT INTO batch_clients (job_id, name, status) VALUES (?, ?, ?)",
                             [(job_id, name, PENDING) for name in clients])
            conn.execute("COMMIT")
        return job_id

    def queued(self) -> int:
        with connect(self.db) as conn:
            return conn.execute("SELECT count(*) FROM batch_jobs WHERE status = 'queued'").fetchone()[0]

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
        """The oldest queued batch of any tenant, now marked running (its clients pending again)."""
        with connect(self.db) as conn:
            conn.execute("BEGIN IMMEDIATE")
            row = conn.execute("SELECT id FROM batch_jobs WHERE status = 'queued' ORDER BY id LIMIT 1").fetchone()
            if row is None:
                conn.execute("ROLLBACK")
                return None
            conn.execute("UPDATE batch_jobs SET status = 'running', started = ? WHERE id = ?", (timestamp(), row[0]))
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
