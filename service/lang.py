"""The language of a response: the request's `lang`, else its Accept-Language, else English."""
from __future__ import annotations

from starlette.requests import Request

from engine.messages import LANGS


class UnknownLang(ValueError):
    """A `lang` field or parameter that is neither en nor zh: answered 422 (service.errors), never silently in
    another language."""


def header_lang(request: Request) -> str:
    """zh when the browser's first language is Chinese (zh, zh-CN, zh-TW…), else en."""
    first = request.headers.get("accept-language", "").split(",")[0].strip().lower()
    return "zh" if first.startswith("zh") else "en"


def request_lang(request: Request, given: str | None = None) -> str:
    """`given` (a form field or parameter) when it is a language, else `?lang=`, else the header's choice."""
    for value in (given, request.query_params.get("lang")):
        if value and value.strip().lower() in LANGS:
            return value.strip().lower()
    return header_lang(request)


def field_lang(request: Request, given: str | None) -> str:
    """The language a client's `lang` form field or parameter asks for (request_lang's choice when it is left
    out); UnknownLang for any value that is not a language."""
    if given is not None and given.strip().lower() not in LANGS:
        raise UnknownLang(given[:40])
    return request_lang(request, given)
