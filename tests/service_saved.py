"""What the history, waiver and ruleset tests of the service share: two tenants' clients, and audits saved in a
tenant's store the way the service saves them (the audit sequence every door runs, then a public id), without
going through the upload endpoint."""
from __future__ import annotations

import datetime as dt
import hashlib
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from fastapi import FastAPI

from engine.audit_job import Audited, audit_intake
from engine.loaders import load_intake
from engine.ruleset import shipped_folder
from service import ruleset_names
from service.api.audits import PUBLIC_KIND
from service.space import Space
from service.tenants import Tenant
from tests.conftest import EXAMPLES
from tests.service_support import auth

SELLER = EXAMPLES / "cross-border-seller.yaml"  # organisation nova-home
SHENZHEN = EXAMPLES / "shenzhen-seller-zh.yaml"  # organisation qihang
HOSTILE_ORGS = ("../../etc/passwd", "..", "a\x00b", "x" * 10_000, "nova-home/../../x", "C:\\x", " ", "~")


@dataclass(frozen=True)
class Account:
    """A tenant and the headers its calls carry."""

    tenant: Tenant
    headers: dict[str, str]


def account(app: FastAPI, name: str) -> Account:
    tenant, _token_id, token = app.state.directory.create_token(name)
    return Account(tenant, auth(token))


def save_audit(app: FastAPI, who: Account, intake: Path, as_of: str, lang: str = "en") -> tuple[str, Audited]:
    """Audit `intake` as of `as_of` into the tenant's store, as a saved upload is; (its public id, the audit)."""
    loaded = load_intake(intake)
    ruleset = ruleset_names.load(str(shipped_folder(ruleset_names.DEFAULT)))
    with Space(app.state.config, who.tenant).open_store() as store:
        done = audit_intake(loaded, ruleset, "json", lang, as_of=dt.date.fromisoformat(as_of), store=store)
    assert done.saved is not None
    return app.state.directory.public_id(who.tenant, PUBLIC_KIND, done.saved.audit_id), done


def quoted(text: str) -> str:
    """Client text as one URL path segment (dots too, so the client sends `..` as it is instead of resolving it)."""
    return urllib.parse.quote(text, safe="").replace(".", "%2E")


def files_under(folder: Path) -> set[str]:
    """Every file below `folder`, relative to it (what a test checks nothing was written outside of); SQLite's
    own companions of a database (-wal, -shm) left out, as they come and go with its connections."""
    return {str(path.relative_to(folder)) for path in folder.rglob("*")
            if path.is_file() and not path.name.endswith(("-wal", "-shm"))}


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
