"""A tenant's own folder: its audit store, stored rulesets, waivers and batches.

The folder is named by the tenant's random key and every file in it by the service or by a whitelisted name, so
nothing a client sends chooses a path, and two tenants' files never share a folder.
"""
from __future__ import annotations

import re
from pathlib import Path

from history.store import Store, open_store
from service.config import ServiceConfig
from service.tenants import Tenant

SAFE_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")


def safe_name(value: str) -> str | None:
    """`value` when it may name a file (lowercase letters, digits, '-' and '_', at most 64), else None."""
    return value if SAFE_NAME.fullmatch(value) else None


class Space:
    """The folder of one tenant under the service's data folder; made on first use."""

    def __init__(self, config: ServiceConfig, tenant: Tenant) -> None:
        self.tenant = tenant
        self.root = config.data_dir / "tenants" / tenant.key

    def _folder(self, name: str) -> Path:
        folder = self.root / name
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    @property
    def store_path(self) -> Path:
        self.root.mkdir(parents=True, exist_ok=True)
        return self.root / "audits.db"

    @property
    def rulesets_dir(self) -> Path:
        return self._folder("rulesets")

    @property
    def waivers_dir(self) -> Path:
        return self._folder("waivers")

    @property
    def batches_dir(self) -> Path:
        return self._folder("batches")

    def open_store(self) -> Store:
        """The tenant's audit store (the CLI's history store format, one file per tenant)."""
        return open_store(self.store_path)
