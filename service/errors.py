"""API errors as JSON in the reader's language, and the handlers that make sure nothing else ever leaks.

Every error body is `{"error": {"code", "message", ...}}`. An unexpected exception becomes a 500 carrying only an
incident id; the traceback goes to the server's log, never to the client.
"""
from __future__ import annotations

import logging
import secrets

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request

from engine.errors import UserInputError
from engine.messages import LANGS, in_lang
from service.lang import UnknownLang, request_lang
from service.messages import message

LOG = logging.getLogger("kpi_audit.service")
STATUS_CODES = {404: "not_found", 405: "method_not_allowed"}


class ApiError(Exception):
    """An error the API answers with: HTTP status, a stable code, a bilingual message, extra JSON fields."""

    def __init__(self, status: int, code: str, text: str, headers: dict[str, str] | None = None,
                 **extra: object) -> None:
        super().__init__(str(text))
        self.status, self.code, self.text, self.headers, self.extra = status, code, text, headers, extra


def not_found() -> ApiError:
    """The one answer for an id that does not exist and for another tenant's id: they must look the same."""
    return ApiError(404, "not_found", message("not_found"))


def problems_body(exc: UserInputError, lang: str) -> dict:
    """An input's problems as the API lists them: the CLI's texts, each with its location."""
    return {"source": exc.source,
            "problems": [{"location": in_lang(p.location, lang), "message": in_lang(p.message, lang)}
                         for p in exc.problems],
            "more": exc.more}


def invalid_input(request: Request, code: str, exc: UserInputError) -> ApiError:
    """A 422 for a client's document (a ruleset, a waiver file) that does not load: every problem, located, in
    the request's language."""
    lang = request_lang(request)
    return ApiError(422, code, exc.render(lang), **problems_body(exc, lang))


def error_response(request: Request, error: ApiError) -> JSONResponse:
    lang = request_lang(request)
    body = {"code": error.code, "message": in_lang(error.text, lang), **error.extra}
    return JSONResponse({"error": body}, status_code=error.status, headers=error.headers)


def install_handlers(app: FastAPI) -> None:
    """ApiError, an unknown `lang`, HTTP errors, request-validation errors and any other exception, each as JSON
    without a trace."""

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        return error_response(request, exc)

    @app.exception_handler(UnknownLang)
    async def _unknown_lang(request: Request, _exc: UnknownLang) -> JSONResponse:
        return error_response(request, ApiError(422, "bad_lang", message("bad_lang", known=", ".join(LANGS))))

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = STATUS_CODES.get(exc.status_code, "http_error")
        text = message(code) if exc.status_code in STATUS_CODES else message("bad_request", detail=exc.detail)
        return error_response(request, ApiError(exc.status_code, code, text, dict(exc.headers or {})))

    @app.exception_handler(RequestValidationError)
    async def _invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        details = "; ".join(f"{'.'.join(str(p) for p in err.get('loc', ()))}: {err.get('msg', '')}"
                            for err in exc.errors()[:20])
        return error_response(request, ApiError(422, "invalid_request", message("bad_request", detail=details)))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        incident = secrets.token_hex(6)
        LOG.exception("incident %s: %s %s", incident, request.method, request.url.path)
        return error_response(request, ApiError(500, "internal", message("internal", incident=incident)))
