"""Stored rulesets: checked before they are stored (an override extends only a shipped ruleset by name, a
catalogue reference is only name@version, and it must load and compile), usable by name in the tenant's calls,
and invisible to every other tenant."""
from __future__ import annotations

import pytest
import yaml

from engine.errors import RulesetError
from engine.ruleset import load_catalogue, shipped_folder, shipped_names, shipped_versions
from service import ruleset_names, stored_rulesets
from service.api.documents import MAX_DOCUMENT_MIB
from service.space import Space
from tests.conftest import EXAMPLES
from tests.service_printers import no_preparation, pool_of
from tests.service_saved import SELLER, account, files_under, quoted
from tests.service_support import app, client  # app, client: fixtures

OVERRIDE = (EXAMPLES / "agency-override.yaml").read_bytes()  # northstar-agency: extends core@1, adds X01


def put(client, who, name: str, body: bytes | str, **params: str):
    return client.put(f"/v1/rulesets/{quoted(name)}", content=body, params=params,
                      headers={**who.headers, "Content-Type": "application/yaml"})


def override(**changes: object) -> str:
    data = yaml.safe_load(OVERRIDE)
    data.update(changes)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def test_a_stored_override_is_listed_read_back_used_by_name_and_removed(app, client):
    who = account(app, "Acme")
    listed = client.get("/v1/rulesets", headers=who.headers).json()
    assert listed == {"shipped": [{"name": n, "versions": shipped_versions(n)} for n in shipped_names()],
                      "stored": []}
    created = put(client, who, "northstar", OVERRIDE)
    assert created.status_code == 201
    assert created.json()["name"] == "northstar" and created.json()["ruleset"]["name"] == "northstar-agency"
    assert client.get("/v1/rulesets", headers=who.headers).json()["stored"] == ["northstar"]
    read = client.get("/v1/rulesets/northstar", headers=who.headers)
    assert read.status_code == 200 and read.content == OVERRIDE
    rules = client.get("/v1/rules", params={"ruleset": "northstar"}, headers=who.headers).json()
    assert rules["ruleset"] == created.json()["ruleset"] and "X01" in {r["code"] for r in rules["rules"]}
    assert put(client, who, "northstar", OVERRIDE).status_code == 200
    assert client.delete("/v1/rulesets/northstar", headers=who.headers).status_code == 204
    assert client.get("/v1/rulesets/northstar", headers=who.headers).status_code == 404
    assert client.delete("/v1/rulesets/northstar", headers=who.headers).status_code == 404
    gone = client.get("/v1/rules", params={"ruleset": "northstar"}, headers=who.headers)
    assert gone.status_code == 422 and gone.json()["error"]["code"] == "bad_ruleset"


def test_an_upload_audited_with_a_stored_ruleset(app, client):
    who = account(app, "Acme")
    assert put(client, who, "northstar", OVERRIDE).status_code == 201
    with SELLER.open("rb") as intake:
        response = client.post("/v1/audits", files={"intake": ("seller.yaml", intake)},
                               data={"ruleset": "northstar"}, headers=who.headers)
    assert response.status_code == 200, response.text
    assert response.json()["ruleset"]["name"] == "northstar-agency"
    assert response.json()["ruleset"]["base"].startswith("core@1")


@pytest.mark.parametrize("name, code", [("core", "shipped_ruleset_name"), ("Northstar", "bad_ruleset_name"),
                                        ("north.star", "bad_ruleset_name"), ("..", "bad_ruleset_name"),
                                        ("-x", "bad_ruleset_name"), ("n" * 65, "bad_ruleset_name"),
                                        ("a\x00b", "bad_ruleset_name"), ("core@1", "bad_ruleset_name")])
def test_names_are_whitelisted_and_shipped_names_are_taken(app, client, tmp_path, name, code):
    who = account(app, "Acme")
    before = files_under(tmp_path)
    response = put(client, who, name, OVERRIDE, lang="zh")
    assert response.status_code == 422 and response.json()["error"]["code"] == code
    assert any("\u4e00" <= ch <= "\u9fff" for ch in response.json()["error"]["message"])
    assert files_under(tmp_path) == before


def test_a_name_with_a_slash_reaches_no_ruleset_call(app, client, tmp_path):
    who = account(app, "Acme")
    nothing = client.get("/v1/rulesets/nothing", headers=who.headers)
    before = files_under(tmp_path)
    for name in ("../x", "a/b", "/etc/passwd", "..%2F..%2Fx"):
        for method in ("get", "put", "delete"):
            response = client.request(method.upper(), f"/v1/rulesets/{quoted(name)}", content=OVERRIDE,
                                      headers=who.headers)
            assert response.status_code in (404, 405) and response.status_code != 200
            if response.status_code == 404:
                assert response.content == nothing.content
    assert files_under(tmp_path) == before


@pytest.mark.parametrize("extends", ["/etc/passwd", "../../../etc/passwd", "examples/agency-override.yaml",
                                     "./core", "core/../../x", "~/x.yaml", "core@../../x", "core@9",
                                     "unknown", "", "core\n", 7, ["core"]])
def test_an_override_extends_only_a_shipped_ruleset_by_name(app, client, tmp_path, extends):
    secret = tmp_path / "secret.yaml"
    secret.write_text("name: SECRET-CONTENT\n", encoding="utf-8")
    who = account(app, "Acme")
    for target in (extends, str(secret)) if extends == "/etc/passwd" else (extends,):
        response = put(client, who, "house", override(extends=target))
        assert response.status_code == 422, target
        error = response.json()["error"]
        assert error["code"] == "invalid_ruleset" and error["source"] == "house"
        assert [p["location"] for p in error["problems"]] == ["extends"]
        assert "SECRET-CONTENT" not in response.text  # the file was never read
    assert client.get("/v1/rulesets", headers=who.headers).json()["stored"] == []


def test_a_versioned_extends_is_accepted(app, client):
    who = account(app, "Acme")
    for extends in ("core", "core@1", "core@1.0.0"):
        response = put(client, who, "house", override(extends=extends))
        assert response.status_code in (200, 201), (extends, response.text)


@pytest.mark.parametrize("ref", ["../../etc/passwd@1", "metrics@1.1.0/../../x", "/etc/passwd", "metrics",
                                 "metrics@9.9.9"])
def test_a_whole_rulesets_catalogue_is_only_a_shipped_name_at_version(app, client, ref):
    who = account(app, "Acme")
    whole = {"name": "mine", "version": "1.0.0", "description": {"en": "Mine", "zh": "我的"}, "catalogue": ref,
             "scoring": yaml.safe_load((EXAMPLES.parent / "rulesets/core/1.1.0/ruleset.yaml").read_text())["scoring"],
             "rules": []}
    response = put(client, who, "mine", yaml.safe_dump(whole, allow_unicode=True))
    assert response.status_code == 422 and response.json()["error"]["code"] == "invalid_ruleset"
    assert "root:" not in response.text


@pytest.mark.parametrize("ref", ["../../etc/passwd@1", "metrics@1.1.0/../../../x", "/etc/passwd", "metrics@",
                                 "metrics@1.1.0\n", "Metrics@1.1.0", "metrics@1.1.0.yaml"])
def test_load_catalogue_refuses_anything_but_name_at_version(ref):
    with pytest.raises(RulesetError) as refused:
        load_catalogue(ref)
    assert refused.value.source == ref


def test_load_catalogue_still_reads_the_shipped_ones():
    assert load_catalogue("metrics@1.1.0")["metrics"] and load_catalogue("metrics@1.0.0")["metrics"]


def test_a_broken_ruleset_is_422_listing_its_problems_and_the_stored_one_stays(app, client, tmp_path):
    who = account(app, "Acme")
    assert put(client, who, "house", OVERRIDE).status_code == 201
    broken = override(severity={"Z99": "high"}, disable={"Z98": "not ours"})
    response = put(client, who, "house", broken)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["source"] == "house"
    assert {"severity.Z99", "disable.Z98"} <= {p["location"] for p in error["problems"]}
    assert "kpi-audit-ruleset" not in response.text and str(tmp_path) not in response.text
    assert client.get("/v1/rulesets/house", headers=who.headers).content == OVERRIDE
    for body in ("", "- a list\n", "extends: core\nextends: core@1\n", "{{{"):
        assert put(client, who, "house", body).status_code == 422, body


def test_checking_a_ruleset_caches_no_compiled_copy():
    """A check compiles the client's ruleset from a temporary path never read again: caching it would keep
    MiBs per PUT until the cache's 32 places are full."""
    ruleset_names.load(str(shipped_folder(ruleset_names.DEFAULT)))  # the cache is in use, as in a worker
    before = ruleset_names._load.cache_info().currsize
    for name in ("house", "branch", "other"):
        assert stored_rulesets.check(name, override(name=f"{name}-agency").encode()).name == f"{name}-agency"
    assert ruleset_names._load.cache_info().currsize == before


def test_a_ruleset_is_checked_in_a_worker_and_a_full_pool_answers_503(app, client):
    who = account(app, "Acme")
    with pool_of(app, no_preparation, queue=0) as pool:
        pool._admitted = pool.workers  # every place taken (no job need be held: admission is all that is asked)
        try:
            response = put(client, who, "house", OVERRIDE)
        finally:
            pool._admitted = 0
        assert response.status_code == 503 and int(response.headers["retry-after"]) >= 1
        assert response.json()["error"]["code"] == "busy"
        assert client.get("/v1/rulesets/house", headers=who.headers).status_code == 404  # not stored unchecked
        assert put(client, who, "house", OVERRIDE).status_code == 201


def test_a_ruleset_over_the_document_limit_is_413(app, client):
    who = account(app, "Acme")
    big = OVERRIDE + b"# " + b"x" * (MAX_DOCUMENT_MIB * 1024 * 1024) + b"\n"
    response = put(client, who, "house", big)
    assert response.status_code == 413 and response.json()["error"]["code"] == "too_large"


def test_another_tenants_rulesets_answer_exactly_like_none(app, client):
    a, b = account(app, "Acme"), account(app, "Nova")
    assert put(client, a, "northstar", OVERRIDE).status_code == 201
    assert client.get("/v1/rulesets", headers=b.headers).json()["stored"] == []
    nothing = client.get("/v1/rulesets/nothing", headers=b.headers)
    for method in ("get", "delete"):
        response = getattr(client, method)("/v1/rulesets/northstar", headers=b.headers)
        assert (response.status_code, response.content) == (404, nothing.content)
    unknown = client.get("/v1/rules", params={"ruleset": "nothing"}, headers=b.headers).json()["error"]
    named = client.get("/v1/rules", params={"ruleset": "northstar"}, headers=b.headers).json()["error"]
    assert named["code"] == unknown["code"] == "bad_ruleset"
    with SELLER.open("rb") as intake:
        audit = client.post("/v1/audits", files={"intake": ("seller.yaml", intake)}, data={"ruleset": "northstar"},
                            headers=b.headers)
    assert audit.status_code == 422 and audit.json()["error"]["code"] == "bad_ruleset"
    assert client.get("/v1/rulesets/northstar", headers=a.headers).content == OVERRIDE
    assert Space(app.state.config, b.tenant).rulesets_dir != Space(app.state.config, a.tenant).rulesets_dir


@pytest.mark.parametrize("method, path", [("get", "/v1/rulesets"), ("get", "/v1/rulesets/x"),
                                          ("put", "/v1/rulesets/x"), ("delete", "/v1/rulesets/x")])
def test_ruleset_calls_need_a_token(client, method, path):
    assert getattr(client, method)(path).status_code == 401
