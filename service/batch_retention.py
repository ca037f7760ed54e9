"""How many portfolio batches a tenant keeps: its newest few ended (finished or failed) batches, so the batches
stored for a tenant stay bounded however many it posts (each batch's own intakes already go when it ends:
service.batch_process.end_job).

An older ended batch goes whole: records first, then its folder, so a GET meanwhile answers 404 as for a batch
that never existed rather than finding a half-deleted folder. Queued and running batches are never touched.
Folder names come from the records (the service named them), never from a client.
"""
from __future__ import annotations

import shutil

from service.batch_jobs import BatchJobs
from service.config import ServiceConfig
from service.space import Space
from service.tenants import Tenant


def prune(config: ServiceConfig, jobs: BatchJobs, tenant: Tenant, keep: int) -> None:
    """The tenant's ended batches beyond its newest `keep` deleted, records and folders."""
    batches = Space(config, tenant).batches_dir
    for folder in jobs.prune(tenant, keep):
        shutil.rmtree(batches / folder, ignore_errors=True)
