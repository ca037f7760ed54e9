"""Rendering the page: the jinja2 environment, links that keep the page's language, and error pages.

Every page is rendered server-side with autoescaping (client text such as organisation and KPI names is data),
and carries no script: the service's Content-Security-Policy allows none. Errors of page routes are pages too,
in the page's language, never the API's JSON and never a trace (`PageRoute`).
"""
from __future__ import annotations

import logging
import secrets
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import jinja2
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from engine import __version__
from engine.bidi import isolate
from engine.messages import Local, in_lang
from reports.charts.svg import num
from service.errors import ApiError
from service.lang import request_lang
from service.messages import message
from service.page.session import PageRefusal, SignInNeeded, Visitor
from service.page.words import LANGUAGE_NAMES, WORDS, local
from service.pool import PoolError

LOG = logging.getLogger("kpi_audit.service")
_TEMPLATES = Path(__file__).resolve().parent / "templates"


def _isolated(value: object) -> object:
    """Client text that could reorder its surroundings is isolated (engine/bidi.py), as the reports do."""
    return isolate(value) if isinstance(value, str) and not isinstance(value, Markup) else value


ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(str(_TEMPLATES)), autoescape=True,
                         undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                         finalize=_isolated)
ENV.filters["num"] = num


def segment(value: str) -> str:
    """A client's id as one URL path segment."""
    return quote(value, safe="")


def href(path: str, lang: str, **params: object) -> str:
    """A link to `path` that keeps the page's language (and any other parameters given)."""
    query = {name: value for name, value in params.items() if value is not None}
    return f"{path}?{urlencode({**query, 'lang': lang})}"


def page(request: Request, template: str, status: int = 200, *, visitor: Visitor | None = None,
         headers: dict[str, str] | None = None, **context: Any) -> HTMLResponse:
    """`template` rendered in the request's language, with the language switch and the signed-in navigation."""
    lang = request_lang(request)
    switch = [(code, name, _with_lang(request, code)) for code, name in LANGUAGE_NAMES.items()]
    html = ENV.get_template(template).render(
        lang=lang, w=WORDS[lang], visitor=visitor, switch=switch, href=lambda path, **p: href(path, lang, **p),
        segment=segment, version=__version__, section=context.pop("section", None), **context)
    return HTMLResponse(html, status_code=status, headers=headers)


def _with_lang(request: Request, lang: str) -> str:
    """This page's address in another language (the other parameters kept)."""
    params = {name: value for name, value in request.query_params.multi_items() if name != "lang"}
    path = request.url.path if request.method == "GET" else "/"
    return f"{path}?{urlencode({**params, 'lang': lang})}"


def error_page(request: Request, status: int, text: Local | str, headers: dict[str, str] | None = None,
               **context: Any) -> HTMLResponse:
    """An error as a page in the request's language: a heading for the status and the message."""
    lang = request_lang(request)
    heading = WORDS[lang].get(f"error_{status}", WORDS[lang]["error"])
    return page(request, "error.html.j2", status, headers=headers, heading=heading, text=in_lang(text, lang),
                **context)


Endpoint = Callable[[Request], Coroutine[Any, Any, Response]]


class PageRoute(APIRoute):
    """A route of the page: what would be a JSON error elsewhere is an error page here, and a page that needs a
    session sends a visitor without one to the sign-in form."""

    def get_route_handler(self) -> Endpoint:
        handler = super().get_route_handler()

        async def page_handler(request: Request) -> Response:
            try:
                return await handler(request)
            except SignInNeeded:
                return RedirectResponse(href("/", request_lang(request)), status_code=303)
            except PageRefusal as exc:
                return error_page(request, exc.status, local(exc.word))
            except ApiError as exc:
                return error_page(request, exc.status, exc.text, exc.headers)
            except PoolError as exc:
                retry = {"Retry-After": str(exc.retry_after)} if exc.retry_after else None
                return error_page(request, exc.status, exc.text, retry)
            except RequestValidationError:
                return error_page(request, 403, local("csrf"))  # only a form the page did not make lacks fields
            except Exception:  # noqa: BLE001 - a page answers with an incident id, the trace stays in the log
                incident = secrets.token_hex(6)
                LOG.exception("incident %s: %s %s", incident, request.method, request.url.path)
                return error_page(request, 500, message("internal", incident=incident))

        return page_handler

