"""What a portfolio batch's own process does: run the batch engine (portfolio.runner) over the batch's folder,
recording each client's result in the service database as it finishes.

The batch runs in a process of its own, started fresh (spawn) by service.batch_runner, so the server's threads
and memory are never the batch's: the server can kill it at its time limit, and a batch that dies takes no
request with it. The process works inside the batch's intakes folder and names the intakes relative to it, so
reports, the summary and error messages show `acme.yaml`, never a server path. With local workers it caps its
own address space (the workers it forks inherit the cap, each its own); a Dask cluster has its own limits.

However a batch ends (here, or failed by the runner when its process died or ran out of time), its unpacked
intakes are deleted before the end is recorded (end_job): the reports and summary are all it serves from then on,
and whoever sees it ended sees it tidied.
"""
from __future__ import annotations

import os
import resource
import shutil
from pathlib import Path

from engine.errors import UserInputError
from engine.messages import LANGS, Local
from portfolio.runner import BatchOptions, run_portfolio
from service.batch_jobs import BatchJobs, Job
from service.config import MIB, ServiceConfig
from service.space import Space

INTAKES = "intakes"  # the unpacked upload, inside the batch's folder
OUT = "out"  # the reports, the portfolio summary and the batch state


def job_folder(config: ServiceConfig, job: Job) -> Path:
    """The batch's folder: under its tenant's batches, named by the service."""
    return Space(config, job.tenant).batches_dir / job.folder


def options(config: ServiceConfig, job: Job) -> BatchOptions:
    """The batch engine's options for `job`, as `kpi-audit batch` would take them (never --force: a rerun after
    a restart keeps the clients already done)."""
    return BatchOptions(out_dir=job_folder(config, job) / OUT, formats=job.formats, lang=job.lang,
                        ruleset_spec=job.ruleset_spec, workers=config.workers, quiet=True,
                        executor=config.executor, scheduler=config.scheduler, save=job.save,
                        db=Space(config, job.tenant).store_path if job.save else None)


def run_job(config: ServiceConfig, job_id: int) -> None:
    """The batch process's entry: run batch `job_id` to its end and record how it ended."""
    jobs = BatchJobs(config.db)
    job = jobs.job(job_id)
    if job is None:
        return
    if config.executor == "local":
        limit = config.worker_memory_mib * MIB
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    folder = job_folder(config, job)
    os.chdir(folder / INTAKES)
    try:
        run_portfolio(Path("."), options(config, job), lambda result: jobs.record(job_id, result))
    except UserInputError as exc:
        os.chdir(folder)
        end_job(config, jobs, job, Local({lang: exc.render(lang) for lang in LANGS}))
        return
    os.chdir(folder)
    end_job(config, jobs, job, None)


def end_job(config: ServiceConfig, jobs: BatchJobs, job: Job, error: Local | None) -> None:
    """The batch has ended: its intakes deleted, then recorded finished (no `error`) or failed (a no-op for
    either when its end is already recorded)."""
    shutil.rmtree(job_folder(config, job) / INTAKES, ignore_errors=True)
    if error is None:
        jobs.finish(job.id)
    else:
        jobs.fail(job.id, error)
