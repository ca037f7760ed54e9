"""The service database: tenants, their tokens (hashes only), page sessions, and the public ids of their records.

A tenant is an agency or consultancy; everything it stores lives in its own folder (service.space), named by a
random key rather than by anything a client typed. Tokens are shown once and kept as SHA-256 hashes, so a copy of
the database signs nobody in. Public ids are random and looked up together with the tenant, so another tenant's
id is indistinguishable from one that does not exist.
"""
from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from service.database import connect, timestamp

TOKEN_PREFIX = "kpa_"
SESSION_SECONDS = 8 * 3600  # a page session lasts a working day
MAX_TENANT_NAME = 80
SCHEMA = """
CREATE TABLE IF NOT EXISTS tenants (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, key TEXT NOT NULL UNIQUE,
                                    created TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tokens (id TEXT PRIMARY KEY, tenant_id INTEGER NOT NULL REFERENCES tenants(id),
                                   sha256 TEXT NOT NULL UNIQUE, label TEXT, created TEXT NOT NULL, revoked TEXT);
CREATE TABLE IF NOT EXISTS sessions (sha256 TEXT PRIMARY KEY, token_id TEXT NOT NULL REFERENCES tokens(id),
                                     csrf TEXT NOT NULL, expires REAL NOT NULL);
CREATE TABLE IF NOT EXISTS public_ids (public TEXT PRIMARY KEY, tenant_id INTEGER NOT NULL REFERENCES tenants(id),
                                       kind TEXT NOT NULL, local INTEGER NOT NULL, UNIQUE (tenant_id, kind, local));
"""


@dataclass(frozen=True)
class Tenant:
    """An account of the service. `key` names its data folder; `name` is for people only."""

    id: int
    name: str
    key: str


@dataclass(frozen=True)
class TokenInfo:
    id: str
    tenant: str
    label: str | None
    created: str
    revoked: str | None


def _sha256(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


class Directory:
    """The service database at `db`. Each call opens its own connection, so one Directory serves every thread."""

    def __init__(self, db: Path) -> None:
        self.db = db
        db.parent.mkdir(parents=True, exist_ok=True)
        with connect(self.db) as conn:
            conn.executescript(SCHEMA)

    # tenants and tokens
    def create_token(self, tenant_name: str, label: str | None = None) -> tuple[Tenant, str, str]:
        """A new token for `tenant_name` (the tenant is created on its first token): (tenant, token id, token).
        The token itself is returned here and never again."""
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        token_id = "tok_" + secrets.token_hex(4)
        with connect(self.db) as conn:
            conn.execute("BEGIN IMMEDIATE")
            row = conn.execute("SELECT id, name, key FROM tenants WHERE name = ?", (tenant_name,)).fetchone()
            if row is None:
                key = secrets.token_hex(8)
                cursor = conn.execute("INSERT INTO tenants (name, key, created) VALUES (?, ?, ?)",
                                      (tenant_name, key, timestamp()))
                row = (cursor.lastrowid, tenant_name, key)
            conn.execute("INSERT INTO tokens (id, tenant_id, sha256, label, created) VALUES (?, ?, ?, ?, ?)",
                         (token_id, row[0], _sha256(token), label, timestamp()))
            conn.execute("COMMIT")
        return Tenant(*row), token_id, token

    def revoke(self, token_id: str) -> bool:
        """Revoke a token and end the page sessions it opened; False when there is no such token."""
        with connect(self.db) as conn:
            conn.execute("BEGIN IMMEDIATE")
            changed = conn.execute("UPDATE tokens SET revoked = coalesce(revoked, ?) WHERE id = ?",
                                   (timestamp(), token_id)).rowcount
            conn.execute("DELETE FROM sessions WHERE token_id = ?", (token_id,))
            conn.execute("COMMIT")
        return changed > 0

    def tokens(self) -> list[TokenInfo]:
        with connect(self.db) as conn:
            rows = conn.execute("SELECT tokens.id, tenants.name, label, tokens.created, revoked FROM tokens "
                                "JOIN tenants ON tenants.id = tenant_id ORDER BY tenants.name, tokens.created, "
                                "tokens.id").fetchall()
        return [TokenInfo(*row) for row in rows]

    def authenticate(self, token: str) -> tuple[Tenant, str] | None:
        """The tenant and token id of a live token, or None (unknown, malformed or revoked alike)."""
        if not token.startswith(TOKEN_PREFIX):
            return None
        with connect(self.db) as conn:
            row = conn.execute("SELECT tenants.id, tenants.name, tenants.key, tokens.id FROM tokens JOIN tenants "
                               "ON tenants.id = tenant_id WHERE sha256 = ? AND revoked IS NULL",
                               (_sha256(token),)).fetchone()
        return (Tenant(*row[:3]), row[3]) if row else None

    # page sessions
    def new_session(self, token_id: str) -> tuple[str, str]:
        """A page session opened with a token: (session secret for the cookie, CSRF secret for the forms)."""
        session, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        with connect(self.db) as conn:
            conn.execute("DELETE FROM sessions WHERE expires < ?", (time.time(),))
            conn.execute("INSERT INTO sessions (sha256, token_id, csrf, expires) VALUES (?, ?, ?, ?)",
                         (_sha256(session), token_id, csrf, time.time() + SESSION_SECONDS))
        return session, csrf

    def session(self, session: str) -> tuple[Tenant, str, str] | None:
        """The tenant, CSRF secret and token id (whose rate limit the page's requests count against) of a live
        session whose token is still live, or None."""
        with connect(self.db) as conn:
            row = conn.execute("SELECT tenants.id, tenants.name, tenants.key, csrf, token_id FROM sessions "
                               "JOIN tokens ON tokens.id = token_id JOIN tenants ON tenants.id = tokens.tenant_id "
                               "WHERE sessions.sha256 = ? AND expires >= ? AND revoked IS NULL",
                               (_sha256(session), time.time())).fetchone()
        return (Tenant(*row[:3]), row[3], row[4]) if row else None

    def end_session(self, session: str) -> None:
        with connect(self.db) as conn:
            conn.execute("DELETE FROM sessions WHERE sha256 = ?", (_sha256(session),))

    # public ids
    def public_id(self, tenant: Tenant, kind: str, local: int) -> str:
        """The public id of a tenant's record (`kind` names the table it is in), made once and kept."""
        with connect(self.db) as conn:
            conn.execute("BEGIN IMMEDIATE")
            row = conn.execute("SELECT public FROM public_ids WHERE tenant_id = ? AND kind = ? AND local = ?",
                               (tenant.id, kind, local)).fetchone()
            if row is None:
                row = (f"{kind[:3]}_{secrets.token_hex(8)}",)
                conn.execute("INSERT INTO public_ids (public, tenant_id, kind, local) VALUES (?, ?, ?, ?)",
                             (row[0], tenant.id, kind, local))
            conn.execute("COMMIT")
        return row[0]

    def local_id(self, tenant: Tenant, kind: str, public: str) -> int | None:
        """The tenant's own record behind `public`; None for an unknown id and for another tenant's alike."""
        with connect(self.db) as conn:
            row = conn.execute("SELECT local FROM public_ids WHERE public = ? AND tenant_id = ? AND kind = ?",
                               (public, tenant.id, kind)).fetchone()
        return row[0] if row else None
