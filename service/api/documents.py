"""What the waiver and stored-ruleset calls share (GET, PUT and DELETE of one small YAML document a tenant
stores): reading a document from a request body, with its own size limit, and the answers — the document as it
was stored, 201 or 200 for a new or replaced one, 204 for a removed one, and 404 when the tenant has none."""
from __future__ import annotations

from fastapi.responses import JSONResponse, Response
from starlette.requests import Request

from service.errors import ApiError, not_found
from service.messages import message

MAX_DOCUMENT_MIB = 1  # a waiver file or ruleset override is a few KiB; an upload is allowed far more
YAML_MEDIA_TYPE = "application/yaml"
YAML_BODY = {"requestBody": {"required": True, "content": {YAML_MEDIA_TYPE: {"schema": {"type": "string"}}}}}
YAML_ANSWER = {200: {"content": {YAML_MEDIA_TYPE: {}}}}  # a GET's answer in OpenAPI: the document as stored


async def read_document(request: Request) -> bytes:
    """The request body, refused (413) as soon as it passes MAX_DOCUMENT_MIB, before any of it is parsed."""
    limit = MAX_DOCUMENT_MIB * 1024 * 1024
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, "too_large", message("too_large", limit=MAX_DOCUMENT_MIB))
        chunks.append(chunk)
    return b"".join(chunks)


def document_response(data: bytes | None) -> Response:
    """The stored document, byte for byte; 404 when the tenant has none (whoever else has one by that name)."""
    if data is None:
        raise not_found()
    return Response(data, media_type=YAML_MEDIA_TYPE)


def stored_response(body: dict, replaced: bool) -> JSONResponse:
    """What was stored: 201 for a new document, 200 for one that replaced the tenant's previous one."""
    return JSONResponse(body, status_code=200 if replaced else 201)


def removed_response(removed: bool) -> Response:
    """204 once the document is gone; 404 when the tenant had none."""
    if not removed:
        raise not_found()
    return Response(status_code=204)
