"""GET /v1/rules, /v1/rules/{code} and /v1/catalogue/match: the rules' documentation and how the catalogue reads
a KPI name — what `kpi-audit rules` and `kpi-audit catalogue match` print, as JSON."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Query
from starlette.requests import Request

from engine.errors import UserInputError
from engine.ruleset import Ruleset
from reports.catalogue_view import readings_json, ruleset_identity
from reports.rule_docs import rule_rows, show_rule
from service import ruleset_names
from service.api import PREFIX
from service.auth import api_tenant
from service.errors import ApiError, invalid_input
from service.lang import field_lang
from service.messages import message
from service.space import Space
from service.tenants import Tenant

router = APIRouter(prefix=PREFIX, tags=["rules"])
MAX_NAMES = 200  # names read in one call


def tenant_ruleset(request: Request, tenant: Tenant, name: str | None) -> Ruleset:
    """The ruleset a call names (shipped, or the tenant's stored one), loaded; a broken stored ruleset is a 422
    listing its problems."""
    spec = ruleset_names.ruleset_spec(Space(request.app.state.config, tenant), name)
    try:
        return ruleset_names.load(spec)
    except UserInputError as exc:
        raise invalid_input(request, "invalid_ruleset", exc) from None


@router.get("/rules", summary="Every rule of a ruleset: code, title, dimension, severity, status, since")
def list_rules(request: Request, tenant: Tenant = Depends(api_tenant), ruleset: str | None = None,
               lang: str | None = None) -> dict:
    loaded = tenant_ruleset(request, tenant, ruleset)
    return {"ruleset": ruleset_identity(loaded), "rules": rule_rows(loaded, field_lang(request, lang))}


@router.get("/rules/{code}", summary="One rule's documentation (what it judges, why, parameters, the fix)")
def get_rule(request: Request, code: str, tenant: Tenant = Depends(api_tenant), ruleset: str | None = None,
             lang: str | None = None) -> dict:
    loaded = tenant_ruleset(request, tenant, ruleset)
    rule = loaded.rule(code.upper())
    if rule is None:
        raise ApiError(404, "no_rule", message("no_rule", code=code, ruleset=f"{loaded.name} {loaded.version}"))
    lang = field_lang(request, lang)
    row = next(r for r in rule_rows(loaded, lang) if r["code"] == rule.code)
    return {"ruleset": ruleset_identity(loaded), "rule": row, "documentation": show_rule(loaded, rule, lang)}


@router.get("/catalogue/match", summary="What KPI names denote in the metric catalogue (repeat ?name=)")
def match(request: Request, tenant: Tenant = Depends(api_tenant),
          name: list[str] = Query(default=[]), ruleset: str | None = None) -> dict:
    names = [n for n in name if n.strip()][:MAX_NAMES]
    if not names:
        raise ApiError(422, "no_name", message("no_name"))
    loaded = tenant_ruleset(request, tenant, ruleset)
    return {"ruleset": ruleset_identity(loaded),
            "readings": readings_json(loaded.catalogue, names)}
