"""GET, PUT and DELETE /v1/organizations/{org}/waivers: the organisation's waiver file (the `--waivers` format,
waivers/model.py), applied by every audit of that organisation the tenant runs on the service.

A file is checked before it is stored (every problem located, in the asked language, as a 422) against the
ruleset named by `ruleset` (default core), so a typo never waives nothing silently. The organisation need not
have been audited yet: waivers can be set up before its first audit. Each tenant has its own waiver files.
"""
from __future__ import annotations

from fastapi import APIRouter, Depends
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from starlette.requests import Request

from service import stored_waivers
from service.api import PREFIX
from service.api.documents import (YAML_ANSWER, YAML_BODY, document_response, read_document, removed_response,
                                   stored_response)
from service.api.rules import tenant_ruleset
from service.auth import api_tenant
from service.errors import ApiError, invalid_input
from service.messages import message
from service.space import Space
from service.tenants import Tenant
from waivers import WaiverError

router = APIRouter(prefix=PREFIX, tags=["waivers"])


@router.get("/organizations/{org}/waivers", summary="The organisation's waiver file, as it was stored",
            responses=YAML_ANSWER)
def get_waivers(request: Request, org: str, tenant: Tenant = Depends(api_tenant)) -> Response:
    return document_response(stored_waivers.read(Space(request.app.state.config, tenant), org))


@router.put("/organizations/{org}/waivers", summary="Check and store the organisation's waiver file (YAML body)",
            description="The body is a waiver file: a list of {code, subject, reason, approver, expires}. Every "
                        "problem is answered at once (422, located, in the asked language); codes are checked "
                        "against `ruleset` (default core). `org` is the intake's organization.id. 201 when the organisation "
                        "had no waiver file, else 200.",
            openapi_extra=YAML_BODY)
async def put_waivers(request: Request, org: str, ruleset: str | None = None,
                      tenant: Tenant = Depends(api_tenant)) -> JSONResponse:
    if not stored_waivers.organisation_id(org):
        raise ApiError(422, "bad_org_id", message("bad_org_id", org=org[:80]))
    data = await read_document(request)
    space = Space(request.app.state.config, tenant)
    loaded = await run_in_threadpool(tenant_ruleset, request, tenant, ruleset)
    try:
        waivers = await run_in_threadpool(stored_waivers.check, data, loaded)
    except WaiverError as exc:
        raise invalid_input(request, "invalid_waivers", exc) from None
    replaced = await run_in_threadpool(stored_waivers.store, space, org, data)
    body = {"organization": org, "ruleset": f"{loaded.name}@{loaded.version}",
            "waivers": [waiver.as_dict() for waiver in waivers]}
    return stored_response(body, replaced)


@router.delete("/organizations/{org}/waivers", summary="Remove the organisation's waiver file", status_code=204)
def delete_waivers(request: Request, org: str, tenant: Tenant = Depends(api_tenant)) -> Response:
    return removed_response(stored_waivers.delete(Space(request.app.state.config, tenant), org))
