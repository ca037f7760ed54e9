"""A connection to the service database (tenants, tokens, sessions, public ids, batches), as every part of the
service opens it: request handlers, the batch runner thread and each batch's own process.

One short connection per call, so nothing is shared between threads or processes: WAL mode lets readers go on
while one writer writes, a busy timeout waits for a writer rather than failing, autocommit unless a caller
opens its own transaction (BEGIN IMMEDIATE where it counts then writes), and foreign keys enforced.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

BUSY_SECONDS = 30


def timestamp() -> str:
    """Now, as the database records when something happened: UTC, ISO 8601, to the second."""
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


@contextlib.contextmanager
def connect(db: Path) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(db, timeout=BUSY_SECONDS, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA foreign_keys = ON")
        yield conn
    finally:
        conn.close()
