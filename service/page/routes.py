"""The upload page's routes: sign in and out, the dashboard (template download and upload), an audit's page and
its reports, the organisations and one organisation's history and comparison.

A front door like the API: the audit runs on the same worker pool with the same job (service.api.audits), and
saved audits are read through the same `SavedAudits` (service.saved), so the page shows exactly what the API
gives. Every page but the sign-in form needs a session; every form post needs its CSRF secret.
"""
from __future__ import annotations

import functools
import tempfile
from pathlib import Path

from fastapi import APIRouter, File, Form, UploadFile
from fastapi.concurrency import run_in_threadpool
from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from engine.audit_job import cover_line
from engine.messages import LANGS
from engine.ruleset import shipped_names
from history import compare_view
from history.trend import dimension_trends, overall_trend
from history.words import WORDS as HISTORY_WORDS
from reports.charts.svg import BAND_COLOURS
from reports.formats import PDF
from reports.i18n import BANDS, DIMENSIONS, LABELS
from service import ruleset_names, stored_rulesets
from service.api import audits as audit_api
from service.api.history import compare_audits, saved_report
from service.auth import limit_rate
from service.errors import problems_body
from service.lang import request_lang
from service.page import session
from service.page.views import PageRoute, error_page, href, page
from service.page.words import WORDS, local
from service.saved import SavedAudits
from service.space import Space
from service.work import Refusal

router = APIRouter(route_class=PageRoute, include_in_schema=False)
PAGE_FORMATS = ("html", PDF)  # what the upload form offers; JSON is a link on the audit's page
RECENT_ORGS = 12
TEMPLATE_MEDIA = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _saved(request: Request, visitor: session.Visitor) -> SavedAudits:
    return SavedAudits(request.app.state.config, request.app.state.directory, visitor.tenant)


# signing in and out

@router.get("/")
def home(request: Request) -> Response:
    """The dashboard of a signed-in visitor, else the sign-in form."""
    visitor = session.visitor(request)
    if visitor is None:
        return _signin_page(request)
    return _dashboard(request, visitor)


def _signin_page(request: Request, notice: str | None = None, kind: str = "info", status: int = 200) -> Response:
    secret = session.signin_secret(request)
    response = page(request, "signin.html.j2", status, signin_csrf=secret, notice=notice, notice_kind=kind)
    session.set_signin_cookie(request, response, secret)
    return response


@router.post("/signin")
def sign_in(request: Request, token: str = Form(""), csrf: str = Form("")) -> Response:
    """A token into a session cookie; a wrong one (unknown, malformed, revoked alike) shows the form again."""
    session.check_signin(request, csrf)
    directory = request.app.state.directory
    found = directory.authenticate(token.strip())
    if found is None:
        return _signin_page(request, _word(request, "bad_token"), "error", 401)
    _tenant, token_id = found
    limit_rate(request, token_id)
    secret, _csrf = directory.new_session(token_id)
    response = RedirectResponse(href("/", request_lang(request)), status_code=303)
    session.set_session_cookie(request, response, secret)
    return response


@router.post("/signout")
def sign_out(request: Request, csrf: str = Form("")) -> Response:
    visitor = session.checked(request, csrf)
    request.app.state.directory.end_session(visitor.session)
    response = _signin_page(request, _word(request, "signed_out"))
    session.clear_session_cookie(request, response)
    return response


def _word(request: Request, key: str) -> str:
    return WORDS[request_lang(request)][key]


# the dashboard

def _dashboard(request: Request, visitor: session.Visitor, status: int = 200, **context: object) -> Response:
    lang = request_lang(request)
    space = Space(request.app.state.config, visitor.tenant)
    form = {"report_lang": lang, "ruleset": ruleset_names.DEFAULT, "format": "html", "save": True,
            "prepared_by": "", **context.pop("form", {})}  # type: ignore[dict-item]
    rulesets = {"shipped": shipped_names(), "stored": stored_rulesets.names(space)}
    orgs = _saved(request, visitor).organisations()[:RECENT_ORGS]
    return page(request, "audit.html.j2", status, visitor=visitor, section="audit", form=form, rulesets=rulesets,
                formats=PAGE_FORMATS, orgs=orgs, limit_mib=request.app.state.config.max_upload_mib,
                **{"invalid": None, "refused": None, "notice": None, **context})


@router.get("/template/{template_lang}")
def template(request: Request, template_lang: str) -> Response:
    """The blank intake workbook `kpi-audit init --lang` writes."""
    session.signed_in(request)
    if template_lang not in LANGS:
        return _not_found(request)
    return Response(_template_bytes(template_lang), media_type=TEMPLATE_MEDIA,
                    headers={"Content-Disposition": f'attachment; filename="kpi-audit-intake-{template_lang}.xlsx"'})


@functools.lru_cache(maxsize=len(LANGS))
def _template_bytes(lang: str) -> bytes:
    """The template's bytes (the same sheets for the same language and version, so made once per process)."""
    from engine.loaders.template import write_template

    with tempfile.TemporaryDirectory(prefix="kpi-audit-template-") as folder:
        path = Path(folder) / "intake.xlsx"
        write_template(path, "xlsx", lang)
        return path.read_bytes()


@router.post("/audit")
async def upload(request: Request, csrf: str = Form(""), intake: UploadFile | None = File(None),
                 report_lang: str = Form("en"), ruleset: str = Form(ruleset_names.DEFAULT),
                 format: str = Form("html"), save: bool = Form(False), prepared_by: str = Form("")) -> Response:
    """Audit the uploaded intake on the pool. Saved as HTML: the audit's page; else the report itself (the PDF
    when asked). An invalid intake: the dashboard again with every problem in the page's language."""
    visitor = await run_in_threadpool(session.checked, request, csrf)
    lang = request_lang(request)
    form = {"report_lang": report_lang if report_lang in LANGS else lang, "ruleset": ruleset,
            "format": format if format in PAGE_FORMATS else "html", "save": save, "prepared_by": prepared_by}
    if intake is None or not intake.filename:
        return await run_in_threadpool(_dashboard, request, visitor, 422, form=form,
                                       refused=_word(request, "choose_file"))
    fmt = "json" if save and form["format"] == "html" else form["format"]  # saved HTML is shown from the store
    job = audit_api.audit_job(Space(request.app.state.config, visitor.tenant), form["report_lang"], ruleset, fmt,
                              prepared_by=cover_line(prepared_by) or None, save=save)
    done = await audit_api.perform_upload(request, intake, job)
    if isinstance(done, Refusal):
        if done.problems:
            invalid = problems_body(done.error(), lang)
            return await run_in_threadpool(_dashboard, request, visitor, done.status, form=form, invalid=invalid)
        return error_page(request, done.status, done.message)
    if done.audit_id is not None and fmt == "json":
        public = await run_in_threadpool(_saved(request, visitor).public_id, done.audit_id)
        return RedirectResponse(href(f"/audits/{public}", lang), status_code=303)
    media = "application/pdf" if fmt == PDF else "text/html; charset=utf-8"
    return Response(done.data, media_type=media)


# saved audits

@router.get("/audits/{audit_id}")
def audit_page(request: Request, audit_id: str) -> Response:
    """A saved audit: its figures, links to its reports and organisation, and the report itself below."""
    visitor = session.signed_in(request)
    report = _saved(request, visitor).report(audit_id)
    if report is None:
        return _not_found(request)
    lang = request_lang(request)
    return page(request, "result.html.j2", visitor=visitor, section="orgs", report=report, audit_id=audit_id,
                labels=LABELS[lang], bands=BANDS[lang], band_colours=BAND_COLOURS)


@router.get("/audits/{audit_id}/report")
async def audit_report(request: Request, audit_id: str, format: str = "html") -> Response:
    """A saved report as HTML, PDF or JSON (the API's bytes: service.api.history.saved_report; the PDF printed
    by a worker of the pool)."""
    visitor = await run_in_threadpool(session.signed_in, request)
    if format not in ("html", PDF, "json"):
        return _not_found(request)
    return await saved_report(request, audit_id, format, None, _saved(request, visitor))


@router.get("/orgs")
def organisations(request: Request) -> Response:
    visitor = session.signed_in(request)
    return page(request, "orgs.html.j2", visitor=visitor, section="orgs",
                orgs=_saved(request, visitor).organisations())


@router.get("/orgs/{org:path}")
def organisation(request: Request, org: str) -> Response:
    """An organisation's saved audits with links to each report, the score trends, and the last two compared."""
    visitor = session.signed_in(request)
    saved = _saved(request, visitor)
    data = saved.history(org)
    if data is None:
        return _not_found(request)
    lang = request_lang(request)
    audits = data["audits"]
    comparison, link = None, None
    if len(audits) >= 2:
        old, new = audits[-2]["id"], audits[-1]["id"]
        comparison = saved.comparison(old, new)
        link = href("/compare", lang, old=old, new=new)
    charts = {"overall": Markup(overall_trend(audits, lang)),
              "dimensions": Markup(dimension_trends(audits, DIMENSIONS[lang], lang))}
    return page(request, "org.html.j2", visitor=visitor, section="orgs", org=data["organization"], audits=audits,
                charts=charts, comparison=comparison, compare_link=link, hw=HISTORY_WORDS[lang],
                cw=compare_view.WORDS[lang], bands=BANDS[lang], band_colours=BAND_COLOURS,
                signed=compare_view._signed)


@router.get("/compare")
def comparison(request: Request, old: str = "", new: str = "") -> Response:
    """Two saved audits compared, as `kpi-audit compare --format html` writes it."""
    visitor = session.signed_in(request)
    return compare_audits(request, old, new, "html", None, _saved(request, visitor))


def _not_found(request: Request) -> Response:
    """The one answer for what does not exist and for another tenant's organisation or audit."""
    return error_page(request, 404, local("not_found"))
