"""The audit store at the front doors: the --db option, and opening or saving with a bad store told as exit 2."""
from __future__ import annotations

from pathlib import Path

import click

from cli.common import fail
from engine.messages import Local
from history.saving import save_audit
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


def save_or_fail(store: Store, report: dict, intake: Path) -> Local:
    """Save the report; the sentence saying where, or exit 2 when the store refuses the write."""
    try:
        return save_audit(store, report, intake)
    except StoreError as exc:
        raise fail(exc) from None
