"""The store's schema, as the steps that build it: step N takes a store from version N-1 to N.

The version is SQLite's `PRAGMA user_version`; `PRAGMA application_id` marks the file as a kpi-audit store, so
another program's database is refused instead of altered. A step is SQL plus, where old rows need new values,
a data step in Python. Steps are history: once released, a step never changes; a new need is a new step.

- v1: one row per saved audit, the report kept whole as JSON text, unique on organisation, audit date, ruleset
  hash and intake hash (what makes saving idempotent).
- v2: the figures history shows (score, band, potential, coverage, dimension scores, counts by severity, names)
  in columns of their own, filled from each stored report, and an index by organisation and date, so history of
  an organisation reads a few columns instead of parsing every report.
- v3: reports stored compressed (zlib, as a BLOB in the same column): a report of a 100-KPI organisation is
  about 210 kB of JSON and 14 kB compressed, which makes saves several times faster and the file 15 times
  smaller (benchmarks/store.py).
"""
from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from history.row import figures_of

APPLICATION_ID = 0x4B504941  # "KPIA"


@dataclass(frozen=True)
class Step:
    """One schema version: the SQL that reaches it and, when needed, the data step after it."""

    version: int
    about: str
    sql: tuple[str, ...]
    data: Callable[[sqlite3.Connection], None] | None = None


def _fill_figures(conn: sqlite3.Connection) -> None:
    """v2's data step: every stored report's figures into the new columns."""
    rows = conn.execute("SELECT id, report FROM audits").fetchall()
    for audit_id, report in rows:
        figures = figures_of(json.loads(report))
        assignments = ", ".join(f"{column} = :{column}" for column in figures)
        conn.execute(f"UPDATE audits SET {assignments} WHERE id = :id", {**figures, "id": audit_id})


def pack(report: dict) -> bytes:
    """A report as v3 stores it: compact JSON, zlib-compressed."""
    return zlib.compress(json.dumps(report, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def unpack(stored: bytes) -> dict:
    """The report `pack` stored."""
    return json.loads(zlib.decompress(stored))


def _compress_reports(conn: sqlite3.Connection) -> None:
    """v3's data step: every report, stored as JSON text until v2, compressed."""
    rows = conn.execute("SELECT id, report FROM audits").fetchall()
    for audit_id, report in rows:
        conn.execute("UPDATE audits SET report = ? WHERE id = ?", (pack(json.loads(report)), audit_id))


STEPS: tuple[Step, ...] = (
    Step(1, "audits, each report kept whole", (
        f"PRAGMA application_id = {APPLICATION_ID}",
        """CREATE TABLE audits (
               id INTEGER PRIMARY KEY,
               org_id TEXT NOT NULL,
               audit_date TEXT NOT NULL,
               ruleset_sha256 TEXT NOT NULL,
               intake_sha256 TEXT NOT NULL,
               report TEXT NOT NULL,
               UNIQUE (org_id, audit_date, ruleset_sha256, intake_sha256))""",
    )),
    Step(2, "history figures in columns, indexed by organisation and date", (
        "ALTER TABLE audits ADD COLUMN org_name TEXT",
        "ALTER TABLE audits ADD COLUMN ruleset_name TEXT",
        "ALTER TABLE audits ADD COLUMN ruleset_version TEXT",
        "ALTER TABLE audits ADD COLUMN score REAL",
        "ALTER TABLE audits ADD COLUMN band TEXT",
        "ALTER TABLE audits ADD COLUMN potential REAL",
        "ALTER TABLE audits ADD COLUMN coverage REAL",
        "ALTER TABLE audits ADD COLUMN findings INTEGER",
        "ALTER TABLE audits ADD COLUMN dimensions TEXT",
        "ALTER TABLE audits ADD COLUMN not_assessed_dimensions TEXT",
        "ALTER TABLE audits ADD COLUMN by_severity TEXT",
        "CREATE INDEX audits_by_org ON audits (org_id, audit_date, id)",
    ), _fill_figures),
    Step(3, "reports compressed", (), _compress_reports),
)
LATEST = STEPS[-1].version


def migrate(conn: sqlite3.Connection, found: int, target: int = LATEST) -> None:
    """Apply the steps after version `found` up to `target`, inside the caller's transaction."""
    for step in STEPS:
        if found < step.version <= target:
            for statement in step.sql:
                conn.execute(statement)
            if step.data is not None:
                step.data(conn)
            conn.execute(f"PRAGMA user_version = {step.version}")
