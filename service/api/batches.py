"""Portfolio batches over HTTP: POST /v1/batches (a .zip of client intakes) queues a batch and answers at once;
GET /v1/batches/{id} follows it; its portfolio summary and each client's report are served once it has finished.

The endpoint only checks the parameters, unpacks the upload safely into a folder the service names
(service.batch_upload), lists its clients as `kpi-audit batch` would (portfolio.discover) and records the batch;
the batch runner (service.batch_runner) runs it on the batch engine. Ids are public ids of the tenant's own
records, and a client in a URL is looked up in the batch's own client list, never joined into a path.
"""
from __future__ import annotations

import secrets
import shutil
from pathlib import Path
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Form, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, JSONResponse
from starlette.requests import Request

from engine.errors import IntakeError, UserInputError
from engine.messages import in_lang
from portfolio.discover import SUMMARY_STEM, discover
from portfolio.runner import parse_formats, report_path
from reports.formats import MEDIA_TYPES
from service import ruleset_names
from service.api import PREFIX
from service.auth import api_tenant
from service.batch_jobs import KIND, PENDING, BatchJobs, Job, QueueFull
from service.batch_process import INTAKES, OUT, job_folder
from service.batch_runner import MAX_CLIENTS, QUEUE, RETRY_SECONDS
from service.batch_upload import SOURCE, unpack_portfolio
from service.errors import ApiError, not_found, problems_body
from service.lang import field_lang, request_lang
from service.messages import message
from service.space import Space
from service.tenants import Tenant

router = APIRouter(prefix=PREFIX, tags=["batches"])
# The portfolio summary's files (portfolio.summary.write_summary) and how they are sent.
SUMMARY_TYPES = {"json": MEDIA_TYPES["json"], "html": MEDIA_TYPES["html"], "csv": "text/csv; charset=utf-8",
                 "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
DOWNLOADS = ("csv", "xlsx", "pdf")  # sent as attachments; the others are shown in the browser


def _jobs(request: Request) -> BatchJobs:
    return request.app.state.batches.jobs


def _links(public: str) -> dict[str, str]:
    base = f"{PREFIX}/batches/{public}"
    return {"self": base, "summary": f"{base}/summary"}


def _view(request: Request, public: str, job: Job, with_clients: bool) -> dict:
    """A batch as the API shows it: status and counts (done includes failed), and its clients when asked."""
    clients = _jobs(request).clients(job.id)
    body: dict = {"id": public, "status": job.status, "done": sum(c.status != PENDING for c in clients),
                  "failed": sum(c.status == "failed" for c in clients), "total": len(clients), "lang": job.lang,
                  "ruleset": job.ruleset, "formats": list(job.formats), "save": job.save, "created": job.created,
                  "started": job.started, "finished": job.finished,
                  "error": in_lang(job.error, request_lang(request)) if job.error is not None else None,
                  "links": _links(public)}
    if with_clients:
        body["clients"] = [{"client": c.name, "status": c.status, "score": c.score, "error": c.error,
                            "links": {"report": f"{PREFIX}/batches/{public}/reports/{quote(c.name, safe='')}"}}
                           for c in clients]
    return body


@router.post("/batches", status_code=202, summary="Queue a portfolio batch: a .zip of client intakes",
             responses={202: {"description": "Queued: the batch's id and links"},
                        422: {"description": "Not a safe portfolio .zip, more clients than a batch may hold, or "
                                              "invalid options"},
                        503: {"description": "Too many batches waiting, the tenant's or in all (Retry-After)"}})
async def post_batch(request: Request,
                     portfolio: UploadFile = File(..., description="A .zip of YAML, JSON and .xlsx intakes and "
                                                                   "folders of .csv files (one client each)"),
                     lang: str | None = Form(None), ruleset: str | None = Form(None),
                     formats: str = Form("json"), save: bool = Form(False),
                     tenant: Tenant = Depends(api_tenant)) -> JSONResponse:
    chosen = field_lang(request, lang)
    try:
        made = parse_formats(formats, chosen)
    except UserInputError as exc:
        raise ApiError(422, "bad_formats", exc.render(chosen)) from None
    space = Space(request.app.state.config, tenant)
    spec = str(Path(ruleset_names.ruleset_spec(space, ruleset)).resolve())
    jobs = _jobs(request)
    try:
        await run_in_threadpool(jobs.check_room, tenant, QUEUE)
    except QueueFull as full:
        raise _queue_full(full, chosen) from None
    folder = f"b-{secrets.token_hex(8)}"
    clients = await run_in_threadpool(_unpack, portfolio, space.batches_dir / folder, chosen)
    try:
        local = await run_in_threadpool(jobs.create, tenant, folder, chosen, ruleset or ruleset_names.DEFAULT,
                                        spec, made, save, clients, QUEUE)
    except QueueFull as full:
        await run_in_threadpool(shutil.rmtree, space.batches_dir / folder, True)
        raise _queue_full(full, chosen) from None
    request.app.state.batches.wake()
    public = await run_in_threadpool(request.app.state.directory.public_id, tenant, KIND, local)
    job = await run_in_threadpool(jobs.job, local, tenant)
    return JSONResponse(_view(request, public, job, with_clients=False), status_code=202,
                        headers={"Location": f"{PREFIX}/batches/{public}"})


def _queue_full(full: QueueFull, lang: str) -> ApiError:
    """503: the tenant's own waiting batches (tenant_queue_full: other tenants still get in) or the service's."""
    code, key = {"tenant": ("tenant_queue_full", "batch_tenant_queue_full"),
                 "service": ("queue_full", "batch_queue_full")}[full.scope]
    text = message(key, queued=full.limit, seconds=RETRY_SECONDS)
    return ApiError(503, code, in_lang(text, lang), {"Retry-After": str(RETRY_SECONDS)})


def _unpack(upload: UploadFile, folder: Path, lang: str) -> list[str]:
    """The upload unpacked into the batch's new folder and its clients' names, or a 422 listing the problems
    (the folder removed), more than MAX_CLIENTS clients among them. Problems name members as the zip does, never
    a server path."""
    upload.file.seek(0)
    intakes = folder / INTAKES
    try:
        unpack_portfolio(upload.file, intakes)
        clients = [client.name for client in discover(intakes, folder / OUT, lang)]
        if len(clients) > MAX_CLIENTS:
            raise IntakeError(SOURCE, message("batch_too_many_clients", count=len(clients), limit=MAX_CLIENTS))
        return clients
    except UserInputError as exc:
        shutil.rmtree(folder, ignore_errors=True)

        def hidden(text: str) -> str:  # discovery names the server's folder: the client sees its own names
            return text.replace(f"{intakes}/", "").replace(str(intakes), SOURCE)

        body = problems_body(exc, lang)
        body["source"] = SOURCE
        body["problems"] = [{key: hidden(value) for key, value in problem.items()} for problem in body["problems"]]
        raise ApiError(422, "invalid_portfolio", hidden(exc.render(lang)), **body) from None


def _own_job(request: Request, tenant: Tenant, public: str) -> Job:
    """The tenant's batch behind `public`; the same 404 for an unknown id and for another tenant's."""
    local = request.app.state.directory.local_id(tenant, KIND, public)
    job = _jobs(request).job(local, tenant) if local is not None else None
    if job is None:
        raise not_found()
    return job


def _finished(job: Job) -> None:
    """409 unless the batch has finished: not yet (queued or running), or failed as a whole (its reason)."""
    if job.status == "failed" and job.error is not None:
        raise ApiError(409, "batch_failed", job.error, batch_status=job.status)
    if job.status != "finished":
        raise ApiError(409, "not_finished", message("batch_not_ready"), batch_status=job.status)


@router.get("/batches", summary="The tenant's batches, newest first, with their progress")
def list_batches(request: Request, tenant: Tenant = Depends(api_tenant)) -> dict:
    directory = request.app.state.directory
    return {"batches": [_view(request, directory.public_id(tenant, KIND, job.id), job, with_clients=False)
                        for job in _jobs(request).jobs(tenant)]}


@router.get("/batches/{batch_id}", summary="A batch's status, progress (done, failed, total) and clients")
def get_batch(request: Request, batch_id: str, tenant: Tenant = Depends(api_tenant)) -> dict:
    return _view(request, batch_id, _own_job(request, tenant, batch_id), with_clients=True)


@router.get("/batches/{batch_id}/summary", summary="The portfolio summary of a finished batch (json, html, csv, "
                                                   "xlsx)")
def get_summary(request: Request, batch_id: str, format: str = "json",
                tenant: Tenant = Depends(api_tenant)) -> FileResponse:
    job = _own_job(request, tenant, batch_id)
    if format not in SUMMARY_TYPES:
        raise ApiError(422, "bad_format", message("bad_format", known=", ".join(SUMMARY_TYPES)))
    _finished(job)
    name = f"{SUMMARY_STEM}.{format}"
    return _file(job_folder(request.app.state.config, job) / OUT / name, SUMMARY_TYPES[format], format, name)


@router.get("/batches/{batch_id}/reports/{client}", summary="One client's report from a finished batch")
def get_report(request: Request, batch_id: str, client: str, format: str = "json",
               tenant: Tenant = Depends(api_tenant)) -> FileResponse:
    job = _own_job(request, tenant, batch_id)
    found = next((c for c in _jobs(request).clients(job.id) if c.name == client), None)
    if found is None:
        raise not_found()
    if format not in job.formats:
        raise ApiError(422, "bad_format", message("batch_format_not_made", made=", ".join(job.formats),
                                                  format=format[:20]))
    _finished(job)
    if found.status == "failed":
        raise ApiError(409, "client_failed", message("batch_no_report", client=found.name), detail=found.error)
    path = report_path(job_folder(request.app.state.config, job) / OUT, found.name, format)
    return _file(path, MEDIA_TYPES[format], format, path.name)


def _file(path: Path, media_type: str, fmt: str, name: str) -> FileResponse:
    """A file of the batch as written; csv, xlsx and pdf as attachments named for the reader."""
    if not path.is_file():
        raise not_found()
    disposition = "attachment" if fmt in DOWNLOADS else "inline"
    return FileResponse(path, media_type=media_type, filename=name, content_disposition_type=disposition)
