"""`kpi-audit serve`: run the audit service (service/) on uvicorn."""
from __future__ import annotations

from pathlib import Path

import click

from cli.common import InputError, lang_choice
from service.config import DB_VARIABLE, DEFAULT_DB, ServiceConfig, service_db

NEEDS_EXTRA = {"en": "kpi-audit serve needs the server extra: pip install \"kpi-audit[server]\" ({detail})",
               "zh": "kpi-audit serve 需要 server 扩展：pip install \"kpi-audit[server]\"（{detail}）"}

service_db_option = click.option(
    "--db", type=click.Path(dir_okay=False, path_type=Path), default=None, metavar="PATH",
    help=f"Service database (tenants, tokens); each tenant's audits are kept in PATH's '<stem>-data' folder "
         f"beside it. Default: ${DB_VARIABLE}, else ./{DEFAULT_DB}.")


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@service_db_option
@click.option("--workers", type=click.IntRange(1, 64), default=ServiceConfig.workers, show_default=True,
              help="Audit worker processes: at most this many audits run at once.")
@click.option("--queue", type=click.IntRange(0, 1000), default=ServiceConfig.queue, show_default=True,
              help="Audits that may wait for a free worker; beyond that a request gets 503 with Retry-After.")
@click.option("--max-upload-mib", type=click.IntRange(1, 1024), default=ServiceConfig.max_upload_mib,
              show_default=True, help="Largest request body; larger ones get 413 before they are read.")
@click.option("--audit-seconds", type=click.FloatRange(1, 3600), default=ServiceConfig.audit_seconds,
              show_default=True, help="Time limit of one audit; past it its worker is killed and replaced.")
@click.option("--worker-memory-mib", type=click.IntRange(256, 1 << 20), default=ServiceConfig.worker_memory_mib,
              show_default=True, help="Memory (address space) limit of one worker process.")
@click.option("--rate-per-minute", type=click.IntRange(1, 1 << 20), default=ServiceConfig.rate_per_minute,
              show_default=True, help="Requests per token per minute; more get 429 with Retry-After.")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where portfolio batches run: local processes, or a Dask cluster (--scheduler).")
@click.option("--scheduler", default=None, metavar="ADDRESS", help="Dask scheduler of --executor dask.")
@lang_choice("Language of this command's own messages (the service answers each request in its own language)")
def serve(host: str, port: int, db: Path | None, workers: int, queue: int, max_upload_mib: int,
          audit_seconds: float, worker_memory_mib: int, rate_per_minute: int, executor: str,
          scheduler: str | None, lang: str) -> None:
    """Run the audit service: the HTTP API under /v1 (OpenAPI at /docs) and the upload page at /.

    Needs the server extra (pip install "kpi-audit[server]"). Create a token first:
    kpi-audit token create --tenant NAME.

    \b
    Example:
      kpi-audit serve --db /srv/kpi-audit/service.db --workers 2
    """
    try:
        import uvicorn

        from service.app import create_app
    except ImportError as exc:
        raise InputError(NEEDS_EXTRA[lang].format(detail=exc)) from None
    config = ServiceConfig(db=service_db(db), workers=workers, queue=queue, max_upload_mib=max_upload_mib,
                           audit_seconds=audit_seconds, worker_memory_mib=worker_memory_mib,
                           rate_per_minute=rate_per_minute, executor=executor, scheduler=scheduler)
    uvicorn.run(create_app(config), host=host, port=port, server_header=False, proxy_headers=False,
                log_level="info")
