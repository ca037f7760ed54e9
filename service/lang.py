"""The language of a response: the request's `lang`, else its Accept-Language, else English."""
from __future__ import annotations

from starlette.requests import Request

from engine.messages import LANGS


def header_lang(request: Request) -> str:
    """zh when the browser's first language is Chinese (zh, zh-CN, zh-TW…), else en."""
    first = request.headers.get("accept-language", "").split(",")[0].strip().lower()
    return "zh" if first.startswith("zh") else "en"


def request_lang(request: Request, given: str | None = None) -> str:
    """`given` (a form field or parameter) when it is a language, else `?lang=`, else the header's choice."""
    for value in (given, request.query_params.get("lang")):
        if value and value.lower() in LANGS:
            return value.lower()
    return header_lang(request)
