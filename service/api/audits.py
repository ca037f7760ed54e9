"""POST /v1/audits and POST /v1/validate: one uploaded intake, audited (or checked) by a worker of the pool.

The endpoint only checks the parameters, writes the upload into a private job folder and resolves every path
the worker will use from the tenant's own folder (service.space, service.ruleset_names); the worker
(service.work) does the rest, so the report is the CLI's bytes for the same intake and options.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import tempfile
from collections.abc import Awaitable
from pathlib import Path

from fastapi import APIRouter, Depends, File, Form, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from starlette.requests import Request

from engine.audit_job import cover_line
from engine.messages import in_lang
from reports.formats import FORMATS, MEDIA_TYPES
from service import ruleset_names
from service.api import PREFIX
from service.auth import api_tenant
from service.errors import ApiError, problems_body
from service.lang import field_lang
from service.messages import message
from service.pool import PoolError
from service.space import Space
from service.tenants import Tenant
from service.work import AUDIT, UPLOAD_NAME, VALIDATE, Answer, Job, Refusal

router = APIRouter(prefix=PREFIX, tags=["audits"])
CHUNK = 1024 * 1024
AUDIT_ID_HEADER = "X-Audit-Id"
PUBLIC_KIND = "audit"  # the kind of Directory.public_id the history calls read back

@router.post("/audits", summary="Audit one intake (YAML, JSON, .xlsx, or a .zip of a CSV folder); the report",
             responses={200: {"content": {media: {} for media in MEDIA_TYPES.values()},
                              "description": "The report in the asked format (X-Audit-Id when saved)"},
                        422: {"description": "Invalid intake: every problem with its location"},
                        503: {"description": "Every worker busy (Retry-After)"}})
async def post_audit(request: Request, intake: UploadFile = File(..., description="The intake file"),
                     lang: str | None = Form(None), ruleset: str | None = Form(None),
                     format: str = Form("json"), as_of: str | None = Form(None), save: bool = Form(False),
                     prepared_by: str | None = Form(None), tenant: Tenant = Depends(api_tenant)) -> Response:
    chosen = field_lang(request, lang)
    if format not in FORMATS:
        raise ApiError(422, "bad_format", in_lang(message("bad_format", known=", ".join(FORMATS)), chosen))
    job = audit_job(Space(request.app.state.config, tenant), chosen, ruleset, format, as_of=_date(as_of, chosen),
                    prepared_by=_cover(prepared_by, chosen), save=save)
    answer = await _run(request, intake, job)
    headers = {}
    if answer.audit_id is not None:
        directory = request.app.state.directory
        headers[AUDIT_ID_HEADER] = await run_in_threadpool(directory.public_id, tenant, PUBLIC_KIND, answer.audit_id)
    return Response(answer.data, media_type=MEDIA_TYPES[format], headers=headers)


@router.post("/validate", summary="Check an intake and list every problem with its location; audits nothing")
async def post_validate(request: Request, intake: UploadFile = File(..., description="The intake file"),
                        lang: str | None = Form(None), tenant: Tenant = Depends(api_tenant)) -> JSONResponse:
    answer = await _run(request, intake, Job("", VALIDATE, field_lang(request, lang)))
    return JSONResponse(answer.body)


def audit_job(space: Space, lang: str, ruleset: str | None, fmt: str, *, as_of: dt.date | None = None,
              prepared_by: str | None = None, save: bool = False) -> Job:
    """The job of one audit of the tenant of `space` (this endpoint's and the upload page's): the ruleset
    resolved (service.ruleset_names: shipped or the tenant's own, 422 otherwise), the store and waivers folder
    the tenant's own; the folder is filled in by `perform_upload`."""
    spec = ruleset_names.ruleset_spec(space, ruleset)
    return Job("", AUDIT, lang, ruleset=str(Path(spec).resolve()), ruleset_name=ruleset or ruleset_names.DEFAULT,
               fmt=fmt, as_of=as_of, prepared_by=prepared_by,
               store=str(space.store_path.resolve()) if save else None, waivers_dir=str(space.waivers_dir.resolve()))


async def perform_upload(request: Request, upload: UploadFile, job: Job) -> Answer | Refusal:
    """The job done by a worker on the upload, in a private folder removed afterwards: its answer or refusal as
    the worker gave it (the upload page shows a refusal's problems itself); PoolError when no worker answered."""
    folder = await run_in_threadpool(tempfile.mkdtemp, prefix="kpi-audit-job-")
    try:
        await run_in_threadpool(_write_upload, upload, Path(folder) / UPLOAD_NAME)
        return await request.app.state.pool.run(dataclasses.replace(job, folder=folder))
    finally:
        await run_in_threadpool(shutil.rmtree, folder, True)


async def _run(request: Request, upload: UploadFile, job: Job) -> Answer:
    """`perform_upload`'s answer; an ApiError otherwise."""
    return await answer_of(perform_upload(request, upload, job), job.lang)


async def answer_of(pending: Awaitable[Answer | Refusal], lang: str) -> Answer:
    """A worker's answer to a pool job; an ApiError in `lang` for its refusal, or when the pool could not answer
    (503 with Retry-After when full, 504 past the time limit)."""
    try:
        done = await pending
    except PoolError as exc:
        headers = {"Retry-After": str(exc.retry_after)} if exc.retry_after is not None else None
        raise ApiError(exc.status, exc.code, in_lang(exc.text, lang), headers) from None
    if isinstance(done, Refusal):
        raise _refusal(done, lang)
    return done


def _write_upload(upload: UploadFile, path: Path) -> None:
    """Copy the upload (already bounded by the app's body limit) into the job folder under the server's name."""
    upload.file.seek(0)
    with path.open("xb") as sink:
        shutil.copyfileobj(upload.file, sink, CHUNK)


def _refusal(refusal: Refusal, lang: str) -> ApiError:
    extra = problems_body(refusal.error(), lang) if refusal.problems else {}
    return ApiError(refusal.status, refusal.code, in_lang(refusal.message, lang), **extra)


def _date(value: str | None, lang: str) -> dt.date | None:
    if value is None or not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ApiError(422, "bad_date", in_lang(message("bad_date", value=value[:40]), lang)) from None


def _cover(value: str | None, lang: str) -> str | None:
    if value is None:
        return None
    name = cover_line(value)
    if not name:
        raise ApiError(422, "no_prepared_by", in_lang(message("no_prepared_by"), lang))
    return name
