"""GET /v1/organizations, an organisation's audits, a saved report in any format, and the comparison of two
audits: `kpi-audit history`, `kpi-audit compare` and the saved reports of the tenant's own store, over HTTP.

Audits are named by public ids (the `id` of each audit in the history, and `X-Audit-Id` of a saved upload); an
id, organisation or pair the tenant does not have answers 404 exactly like one that does not exist. Bodies are
the CLI's bytes: the report's JSON as `kpi-audit audit` writes it, the history's and comparison's JSON as
`kpi-audit history --format json` and `kpi-audit compare` print them.
"""
from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Query
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from starlette.requests import Request

from history import compare_view
from history.view import render_json as history_json
from reports.formats import FORMATS, MEDIA_TYPES, PDF
from reports.render import render
from service.api import PREFIX
from service.api.audits import answer_of
from service.auth import api_tenant
from service.errors import ApiError, not_found
from service.lang import field_lang, request_lang
from service.messages import message
from service.saved import SavedAudits
from service.tenants import Tenant
from service.work import Printing

router = APIRouter(prefix=PREFIX, tags=["history"])
ReportFormat = Literal[FORMATS]  # type: ignore[valid-type]  # reports.formats: json, md, html, pdf
CompareFormat = Literal[compare_view.FORMATS]  # type: ignore[valid-type]
LANG_PARAM = Query(None, description="Language of the comparison and of error messages: en or zh (default: "
                                     "Accept-Language, else en)")
ERRORS_LANG_PARAM = Query(None, description="Language of error messages: en or zh (the report keeps the language "
                                            "it was audited in)")
COMPARISON = {200: {"content": {MEDIA_TYPES[f]: {} for f in compare_view.FORMATS},
                    "description": "The comparison (`kpi-audit compare`): new, resolved and persisting findings "
                                   "and root causes, the score change"}}


def saved(request: Request, tenant: Tenant = Depends(api_tenant)) -> SavedAudits:
    """The calling tenant's saved audits (the dependency of every call here)."""
    return SavedAudits(request.app.state.config, request.app.state.directory, tenant)


def _json(text: str) -> Response:
    return Response(text.encode("utf-8"), media_type=MEDIA_TYPES["json"])


@router.get("/organizations", summary="The organisations this account has saved audits of: id, name, audits")
def organizations(audits: SavedAudits = Depends(saved)) -> dict:
    return {"organizations": audits.organisations()}


@router.get("/organizations/{org}/audits", summary="An organisation's saved audits, oldest first",
            description="As `kpi-audit history ORG --format json`: date, score, band, potential, dimension scores "
                        "and findings by severity of each audit, under its public id (for `/v1/audits/{id}` "
                        "and `/v1/compare`).")
def organization_audits(org: str, audits: SavedAudits = Depends(saved)) -> Response:
    data = audits.history(org)
    if data is None:
        raise not_found()
    return _json(history_json(data))


@router.get("/audits/{audit_id}", summary="A saved report, as JSON, HTML, Markdown or PDF",
            description="The report as it was saved: in the language it was audited in (`lang` only chooses the "
                        "language of error messages). JSON is the CLI's bytes; PDF needs the server's [pdf] "
                        "extra (else 501 naming what to install).",
            responses={200: {"content": {media: {} for media in MEDIA_TYPES.values()}, "description": "The report"},
                       501: {"description": "PDF asked for and the server cannot print one"}})
async def saved_report(request: Request, audit_id: str, format: ReportFormat = "json",
                       lang: str | None = ERRORS_LANG_PARAM, audits: SavedAudits = Depends(saved)) -> Response:
    """The PDF is printed by a worker of the audit pool (service.work.Printing), with an audit's time and memory
    limits and admission (503 with Retry-After when full, 504 past the limit); the text formats are cheap."""
    report = await run_in_threadpool(audits.report, audit_id)
    if report is None:
        raise not_found()
    if format == PDF:
        printed = request.app.state.pool.run(Printing(report))
        data = (await answer_of(printed, request_lang(request, lang))).data
    else:
        data = (await run_in_threadpool(render, report, format)).encode("utf-8")
    return Response(data, media_type=MEDIA_TYPES[format])


@router.get("/compare", summary="Compare two saved audits (old, then new)", responses=COMPARISON)
def compare_audits(request: Request, old: str, new: str, format: CompareFormat = "json",
                   lang: str | None = LANG_PARAM, audits: SavedAudits = Depends(saved)) -> Response:
    comparison = audits.comparison(old, new)
    if comparison is None:
        raise not_found()
    return _comparison(request, comparison, format, lang)


@router.get("/organizations/{org}/compare-last", summary="An organisation's latest audit compared with the one "
            "before it", responses=COMPARISON)
def compare_last(request: Request, org: str, format: CompareFormat = "json", lang: str | None = LANG_PARAM,
                 audits: SavedAudits = Depends(saved)) -> Response:
    data = audits.history(org)
    if data is None:
        raise not_found()
    if len(data["audits"]) < 2:
        raise ApiError(404, "no_previous_audit", message("no_previous_audit", org=org[:200]))
    comparison = audits.comparison(data["audits"][-2]["id"], data["audits"][-1]["id"])
    return _comparison(request, comparison, format, lang)


def _comparison(request: Request, comparison: dict | None, fmt: str, lang: str | None) -> Response:
    if comparison is None:  # an audit removed between the two reads
        raise not_found()
    text = compare_view.render(comparison, fmt, field_lang(request, lang))
    return Response(text.encode("utf-8"), media_type=MEDIA_TYPES[fmt])
