"""GET /v1/rulesets and PUT, GET, DELETE /v1/rulesets/{name}: the shipped rulesets, and the tenant's own stored
ones (agency overrides that extend a shipped ruleset, or whole rulesets), usable as `ruleset=<name>` in
POST /v1/audits and GET /v1/rules.

A stored ruleset is checked before it is stored (service.stored_rulesets, in an audit worker with its limits): a
broken one is a 422 listing every problem, and never replaces the one in use. Names are whitelisted (service.space.safe_name) and may not be a
shipped ruleset's; a name the tenant has not stored answers 404, whoever else stored it.
"""
from __future__ import annotations

from fastapi import APIRouter, Depends
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from starlette.requests import Request

from engine.ruleset import shipped_names, shipped_versions
from service import stored_rulesets
from service.api import PREFIX
from service.api.audits import answer_of
from service.api.documents import (YAML_ANSWER, YAML_BODY, document_response, read_document, removed_response,
                                   stored_response)
from service.auth import api_tenant
from service.errors import ApiError
from service.lang import request_lang
from service.messages import message
from service.space import Space
from service.tenants import Tenant
from service.work import RulesetCheck

router = APIRouter(prefix=PREFIX, tags=["rulesets"])


@router.get("/rulesets", summary="The shipped rulesets (names, versions) and this account's stored ones")
def list_rulesets(request: Request, tenant: Tenant = Depends(api_tenant)) -> dict:
    return {"shipped": [{"name": name, "versions": shipped_versions(name)} for name in shipped_names()],
            "stored": stored_rulesets.names(Space(request.app.state.config, tenant))}


@router.get("/rulesets/{name}", summary="A stored ruleset, as it was stored",
            responses=YAML_ANSWER)
def get_ruleset(request: Request, name: str, tenant: Tenant = Depends(api_tenant)) -> Response:
    return document_response(stored_rulesets.read(Space(request.app.state.config, tenant), name))


@router.put("/rulesets/{name}", summary="Check and store a ruleset under `name` (YAML body)",
            description="An override (`extends: core@1`, then params, severity, disable, catalogue additions, "
                        "rules) or a whole ruleset. It must extend a shipped ruleset by NAME or NAME@VERSION (no "
                        "file), and load and compile; else 422 listing every problem. `name`: 1 to 64 of a-z, "
                        "0-9, '-', '_', not a shipped ruleset's name. 201 when new, 200 when it replaced one.",
            openapi_extra=YAML_BODY)
async def put_ruleset(request: Request, name: str, tenant: Tenant = Depends(api_tenant)) -> JSONResponse:
    if not stored_rulesets.storable(name):
        code = "shipped_ruleset_name" if name in shipped_names() else "bad_ruleset_name"
        raise ApiError(422, code, message(code, name=name[:80]))
    data = await read_document(request)
    checked = await answer_of(request.app.state.pool.run(RulesetCheck(name, data)), request_lang(request))
    replaced = await run_in_threadpool(stored_rulesets.store, Space(request.app.state.config, tenant), name, data)
    return stored_response({"name": name, "ruleset": checked.body}, replaced)


@router.delete("/rulesets/{name}", summary="Remove a stored ruleset", status_code=204)
def delete_ruleset(request: Request, name: str, tenant: Tenant = Depends(api_tenant)) -> Response:
    return removed_response(stored_rulesets.delete(Space(request.app.state.config, tenant), name))
