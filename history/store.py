"""The audit store: saved audit reports in one SQLite file, safe for several processes writing at once.

Why the standard library's sqlite3 and not sqlite-utils: the store needs four statements, explicit transactions
(`BEGIN IMMEDIATE`, so concurrent writers queue on the busy timeout instead of failing on a lock upgrade) and its
own versioned migrations; sqlite-utils adds a dependency and its own table-altering helpers, none of which help.

Safety: WAL journal (readers never block the writer, a killed writer's partial transaction is ignored on the next
open), synchronous FULL, a busy timeout, one transaction per save. Saving is idempotent: the organisation, audit
date, ruleset hash and intake hash identify an audit, and saving it again keeps its id and replaces its report
with the newer run's (same inputs, so the same findings; the language or cover name may differ).
"""
from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

from engine.errors import UserInputError
from engine.messages import Local
from history.migrations import APPLICATION_ID, LATEST, migrate, pack, unpack
from history.row import figures_of, key_of
from history.words import message

DB_VARIABLE = "KPI_AUDIT_DB"
DEFAULT_DB = Path("kpi-audit.db")
BUSY_TIMEOUT_SECONDS = 60.0  # a writer waits this long for others (a batch's workers) before giving up
KNOWN_ORGS_LISTED = 8  # organisations named when an unknown one is asked for

_AUDIT_COLUMNS = ("id", "audit_date", "org_id", "org_name", "ruleset_name", "ruleset_version", "ruleset_sha256",
                  "intake_sha256", "score", "band", "potential", "coverage", "findings", "dimensions",
                  "not_assessed_dimensions", "by_severity")


class StoreError(UserInputError):
    """The store cannot be used (not a store, too new, unreadable, unknown organisation or audit): exit 2."""

    def __init__(self, path: Path, text: Local):
        super().__init__(str(path), text)


def db_path(path: Path | None) -> Path:
    """The store's file: `path` when given, else $KPI_AUDIT_DB, else ./kpi-audit.db."""
    if path is not None:
        return path
    return Path(os.environ.get(DB_VARIABLE) or DEFAULT_DB)


def open_store(path: Path | None = None, *, create: bool = True) -> "Store":
    """The store at `path` (see db_path), created or migrated to the latest schema as needed.

    `create=False` is for commands that only read: a missing file is then an error naming how to make one,
    rather than an empty store left behind. Any problem is a StoreError (exit 2), never an sqlite3 traceback.
    """
    target = db_path(path)
    if not create and not target.exists():
        raise StoreError(target, message("no_store", variable=DB_VARIABLE))
    try:
        conn = sqlite3.connect(target, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
    except sqlite3.Error as exc:
        raise StoreError(target, message("cannot_open", detail=exc)) from None
    try:
        _prepare_when_free(conn, target)
    except StoreError:
        conn.close()
        raise
    except sqlite3.DatabaseError as exc:
        conn.close()
        text = message("not_a_database") if "not a database" in str(exc) else message("cannot_open", detail=exc)
        raise StoreError(target, text) from None
    return Store(conn, target)


def _identity(conn: sqlite3.Connection) -> tuple[int, int, int]:
    """(application_id, user_version, number of schema objects) of the open database, read in one statement:
    one snapshot, so a store another process creates meanwhile is never seen half-made (its schema without
    its mark)."""
    return conn.execute("SELECT application_id, user_version, (SELECT count(*) FROM sqlite_master) "
                        "FROM pragma_application_id(), pragma_user_version()").fetchone()


def _check(identity: tuple[int, int, int], path: Path) -> int:
    """The schema version of a kpi-audit store (0: a new, empty database), or a StoreError."""
    application, version, objects = identity
    ours = application == APPLICATION_ID or (application == 0 and version == 0 and objects == 0)
    if not ours:
        raise StoreError(path, message("not_a_store", variable=DB_VARIABLE))
    if version > LATEST:
        raise StoreError(path, message("too_new", found=version, known=LATEST))
    return version


def _prepare_when_free(conn: sqlite3.Connection, path: Path) -> None:
    """_prepare, tried again while another process holds the lock it needs.

    Switching a new database to WAL takes an exclusive lock and SQLite answers "locked" at once, without the
    busy handler, when another process is creating the same store; _prepare is safe to repeat (it checks the
    version again inside its transaction), so wait a little and retry, up to the busy timeout."""
    deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
    pause = 0.005
    while True:
        try:
            return _prepare(conn, path)
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc) or time.monotonic() > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.2)


def _prepare(conn: sqlite3.Connection, path: Path) -> None:
    """Identify the database, switch it to WAL, and migrate it (in one immediate transaction, checked again
    inside it, so two processes opening an old store at once migrate it once)."""
    if _check(_identity(conn), path) == LATEST:
        return
    conn.execute("PRAGMA journal_mode = WAL")  # kept in the file: set once, when the store is created
    conn.execute("BEGIN IMMEDIATE")
    try:
        migrate(conn, _check(_identity(conn), path))
    except (KeyError, TypeError, ValueError) as exc:  # a stored report a data step cannot read
        conn.execute("ROLLBACK")
        raise StoreError(path, message("cannot_migrate", version=LATEST, detail=f"{type(exc).__name__}: {exc}")) \
            from None
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


class Store:
    """An open audit store. Use as a context manager, or call close()."""

    def __init__(self, conn: sqlite3.Connection, path: Path):
        self._conn = conn
        self.path = path
        conn.execute("PRAGMA synchronous = FULL")  # per connection: a commit survives a power cut, not only a kill

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._conn.close()

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        """One write transaction, taken at once (BEGIN IMMEDIATE) so a waiting writer queues on the busy timeout;
        rolled back on any error. A database error is a StoreError naming what SQLite said."""
        try:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")
        except sqlite3.Error as exc:
            raise StoreError(self.path, message("cannot_save", detail=exc)) from None

    def save(self, report: dict, intake_sha256: str) -> int:
        """Store `report` (audited from an intake whose content hashes to `intake_sha256`); its audit id.

        Idempotent: the same organisation, audit date, ruleset hash and intake hash give the same id."""
        row = {**key_of(report), "intake_sha256": intake_sha256, **figures_of(report),
               "report": pack(report)}
        with self._writing():
            return self._upsert(row)

    def _upsert(self, row: dict[str, object]) -> int:
        columns = ", ".join(row)
        values = ", ".join(f":{column}" for column in row)
        key = ("org_id", "audit_date", "ruleset_sha256", "intake_sha256")
        updates = ", ".join(f"{column} = excluded.{column}" for column in row if column not in key)
        self._conn.execute(f"INSERT INTO audits ({columns}) VALUES ({values}) "
                           f"ON CONFLICT ({', '.join(key)}) DO UPDATE SET {updates}", row)
        where = " AND ".join(f"{column} = :{column}" for column in key)
        return self._conn.execute(f"SELECT id FROM audits WHERE {where}", row).fetchone()[0]

    def audits(self, org_id: str) -> list[dict]:
        """The organisation's saved audits, oldest first (by audit date, then by when saved): their figures."""
        rows = self._conn.execute(f"SELECT {', '.join(_AUDIT_COLUMNS)} FROM audits WHERE org_id = ? "
                                  "ORDER BY audit_date, id", (org_id,)).fetchall()
        return [_audit(dict(zip(_AUDIT_COLUMNS, row))) for row in rows]

    def orgs(self) -> list[dict]:
        """Every organisation with saved audits, by id: id, name (from its latest audit) and number of audits."""
        rows = self._conn.execute(
            "SELECT org_id, (SELECT org_name FROM audits AS latest WHERE latest.org_id = audits.org_id "
            "ORDER BY audit_date DESC, id DESC LIMIT 1), count(*) FROM audits GROUP BY org_id ORDER BY org_id"
        ).fetchall()
        return [{"id": org_id, "name": name, "audits": count} for org_id, name, count in rows]

    def history(self, org_id: str) -> list[dict]:
        """audits(org_id), or a StoreError naming the first few organisations the store knows."""
        audits = self.audits(org_id)
        if audits:
            return audits
        orgs = self.orgs()
        named = ", ".join(f"{o['id']} ({o['name']})" if o["name"] and o["name"] != o["id"] else o["id"]
                          for o in orgs[:KNOWN_ORGS_LISTED])
        more = len(orgs) - KNOWN_ORGS_LISTED
        known = Local({lang: (named or message("no_orgs").texts[lang])
                       + (" " + message("more_orgs", count=more).texts[lang] if more > 0 else "")
                       for lang in ("en", "zh")})
        raise StoreError(self.path, message("unknown_org", org=org_id, known=known))

    def report(self, audit_id: int) -> dict:
        """The saved report of an audit, as its JSON reads; a StoreError for an id the store does not have."""
        row = self._conn.execute("SELECT report FROM audits WHERE id = ?", (audit_id,)).fetchone()
        if row is None:
            raise StoreError(self.path, message("unknown_audit", audit_id=audit_id))
        return unpack(row[0])

    def previous(self, org_id: str, before: dict) -> dict | None:
        """The organisation's last saved report dated strictly before `before`'s audit date, or None.

        Strictly: another run of the same day is that audit again (a corrected intake), not the one before it,
        so re-running a saved audit gives the same "since last audit"."""
        row = self._conn.execute(
            "SELECT report FROM audits WHERE org_id = ? AND audit_date < ? ORDER BY audit_date DESC, id DESC LIMIT 1",
            (org_id, str(before["organization"]["audit_date"]))).fetchone()
        return unpack(row[0]) if row else None


def _audit(row: dict) -> dict:
    """A history row as callers read it: ruleset grouped, JSON columns parsed."""
    return {"id": row["id"], "audit_date": row["audit_date"], "org_id": row["org_id"], "org_name": row["org_name"],
            "ruleset": {"name": row["ruleset_name"], "version": row["ruleset_version"],
                        "sha256": row["ruleset_sha256"]},
            "intake_sha256": row["intake_sha256"], "score": row["score"], "band": row["band"],
            "potential": row["potential"], "coverage": row["coverage"], "findings": row["findings"],
            "dimensions": json.loads(row["dimensions"]),
            "not_assessed_dimensions": json.loads(row["not_assessed_dimensions"]),
            "by_severity": json.loads(row["by_severity"])}


def save_report(report: dict, intake_sha256: str, db: Path | None = None) -> int:
    """Save one report in the store at `db` (see db_path) and return its audit id: what `batch --save` calls
    from each worker process (each opens its own connection; the busy timeout queues them)."""
    with open_store(db) as store:
        return store.save(report, intake_sha256)
