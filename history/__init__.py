"""Audit history: the SQLite store of saved audits (store.py, migrations.py), an organisation's audits over
time as a table, JSON or HTML with trend charts (view.py, trend.py), comparisons of two audits (compare.py).

Quarterly audits are only worth something when each one can be set against the last: the store keeps every
saved report whole, so later versions of the tool can still read what an earlier one found.
"""
from __future__ import annotations

from history.store import Store, StoreError, db_path, open_store, save_report

__all__ = ["Store", "StoreError", "db_path", "open_store", "save_report"]
