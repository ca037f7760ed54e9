"""What the waiver and stored-ruleset calls share: reading a small YAML document from a request body, with its
own size limit, and sending one back as it was stored."""
from __future__ import annotations

from fastapi.responses import Response
from starlette.requests import Request

from service.errors import ApiError
from service.messages import message

MAX_DOCUMENT_MIB = 1  # a waiver file or ruleset override is a few KiB; an upload is allowed far more
YAML_MEDIA_TYPE = "application/yaml"
YAML_BODY = {"requestBody": {"required": True, "content": {YAML_MEDIA_TYPE: {"schema": {"type": "string"}}}}}


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


def document_response(data: bytes) -> Response:
    return Response(data, media_type=YAML_MEDIA_TYPE)
