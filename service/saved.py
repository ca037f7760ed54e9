"""A tenant's saved audits as the API and the page read them: its organisations, an organisation's history, a
saved report, and the comparison of two audits — every audit named by its public id, never the store's number.

The tenant's store is its own file (service.space), so a read can only ever see that tenant's audits; a public id
is looked up with the tenant (service.tenants), so another tenant's id reads as one that does not exist (None
here, a 404 at the doors). Reading never creates a store: a tenant that has saved nothing has no organisations.
"""
from __future__ import annotations

import contextlib
from collections.abc import Iterator

from history.compare import compare
from history.store import Store, open_store
from history.view import history_data
from service.api.audits import PUBLIC_KIND
from service.config import ServiceConfig
from service.space import Space
from service.tenants import Directory, Tenant


class SavedAudits:
    """One tenant's saved audits. Methods answer None for what the tenant does not have (unknown or another
    tenant's alike); a damaged store is the server's problem and raises (a 500 with an incident id)."""

    def __init__(self, config: ServiceConfig, directory: Directory, tenant: Tenant) -> None:
        self.space = Space(config, tenant)
        self.directory = directory
        self.tenant = tenant

    @contextlib.contextmanager
    def _store(self) -> Iterator[Store | None]:
        """The tenant's store, or None when it has saved nothing yet."""
        if not self.space.store_path.is_file():
            yield None
            return
        with open_store(self.space.store_path, create=False) as store:
            yield store

    def public_id(self, audit_id: int) -> str:
        return self.directory.public_id(self.tenant, PUBLIC_KIND, audit_id)

    def organisations(self) -> list[dict]:
        """Every organisation with saved audits, by id: id, name (from its latest audit), number of audits."""
        with self._store() as store:
            return store.orgs() if store is not None else []

    def history(self, org_id: str) -> dict | None:
        """The organisation's audits oldest first, as `kpi-audit history --format json` gives them, each under
        its public id; None when the tenant has no audit of `org_id`."""
        with self._store() as store:
            audits = store.audits(org_id) if store is not None else []
        if not audits:
            return None
        return history_data(org_id, [{**audit, "id": self.public_id(audit["id"])} for audit in audits])

    def report(self, public: str) -> dict | None:
        """The saved report behind the public id, as its JSON reads; None for an id the tenant does not have."""
        local = self.directory.local_id(self.tenant, PUBLIC_KIND, public)
        if local is None:
            return None
        with self._store() as store:
            if store is None:
                return None
            return store.report(local)

    def comparison(self, old: str, new: str) -> dict | None:
        """history.compare.compare of two of the tenant's saved audits; None unless both are the tenant's."""
        before, after = self.report(old), self.report(new)
        if before is None or after is None:
            return None
        return compare(before, after)
