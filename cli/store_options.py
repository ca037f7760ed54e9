"""The audit store at the front doors: the --db option, and opening it with a bad store told as exit 2
(saving is engine.audit_job's)."""
from __future__ import annotations

from pathlib import Path

import click

from cli.common import fail
from history.store import DB_VARIABLE, DEFAULT_DB, Store, StoreError, open_store

db_option = click.option(
    "--db", type=click.Path(dir_okay=False, path_type=Path), default=None, metavar="PATH",
    help=f"Audit store (an SQLite file). Default: ${DB_VARIABLE}, else ./{DEFAULT_DB}.")


def open_store_or_fail(db: Path | None, *, create: bool = True) -> Store:
    """The store, or exit 2 with the reason (not a store, newer than this tool, cannot be opened, missing)."""
    try:
        return open_store(db, create=create)
    except StoreError as exc:
        raise fail(exc) from None

