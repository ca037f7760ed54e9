"""`kpi-audit token create|list|revoke`: the service's API tokens (only their hashes are stored)."""
from __future__ import annotations

from pathlib import Path

import click

from cli.common import InputError, lang_option
from cli.serve_cmd import service_db_option
from engine.messages import in_lang
from service.config import service_db
from service.messages import message
from service.tenants import MAX_TENANT_NAME, Directory


@click.group()
def token() -> None:
    """Create, list and revoke the audit service's API tokens."""


@token.command("create")
@click.option("--tenant", required=True, metavar="NAME", help="The account (agency, consultancy) the token is for; "
                                                               "made on its first token.")
@click.option("--label", default=None, help="What the token is for (e.g. 'CRM integration'), shown by `token list`.")
@service_db_option
@lang_option
def create(tenant: str, label: str | None, db: Path | None, lang: str) -> None:
    """Create a token for TENANT and print it once (standard output; the note goes to standard error)."""
    name = " ".join(tenant.split())
    if not name or len(name) > MAX_TENANT_NAME:
        raise InputError(in_lang(message("bad_tenant", limit=MAX_TENANT_NAME), lang))
    found, token_id, secret = Directory(service_db(db)).create_token(name, label)
    click.echo(in_lang(message("token_created", token_id=token_id, tenant=found.name), lang), err=True)
    click.echo(secret)


@token.command("list")
@service_db_option
@lang_option
def list_tokens(db: Path | None, lang: str) -> None:
    """Every token: id, tenant, label, created, revoked (never the token itself), tab-separated under a heading."""
    click.echo(in_lang(message("token_columns"), lang))
    for info in Directory(service_db(db)).tokens():
        click.echo("\t".join([info.id, info.tenant, info.label or "-", info.created, info.revoked or "-"]))


@token.command("revoke")
@click.argument("token_id")
@service_db_option
@lang_option
def revoke(token_id: str, db: Path | None, lang: str) -> None:
    """Revoke TOKEN_ID (from `token list`): its API calls and page sessions stop at once."""
    if not Directory(service_db(db)).revoke(token_id):
        raise InputError(in_lang(message("no_such_token", token_id=token_id), lang))
    click.echo(in_lang(message("token_revoked", token_id=token_id), lang), err=True)
