"""Waivers per organisation: checked like `--waivers` before they are stored, stored under a hash of the
organisation's id (never a path from the client), applied by the tenant's audits, and never another tenant's."""
from __future__ import annotations

import pytest
import yaml

from engine.messages import Msg
from service.api.documents import MAX_DOCUMENT_MIB
from service.space import Space
from service.work import waiver_file
from tests.conftest import EXAMPLES
from tests.service_saved import HOSTILE_ORGS, SELLER, account, files_under, quoted, sha256
from tests.service_support import app, client  # app, client: fixtures

WAIVERS = """# accepted by the client's COO
- code: F01
  subject: role:*
  reason: The operations team is reorganised in Q1; core KPIs are cut then.
  approver: COO
  expires: 2027-03-31
"""
OVERRIDE = (EXAMPLES / "agency-override.yaml").read_bytes()  # adds rule X01


def put(client, who, org: str, body: bytes | str, **params: str):
    return client.put(f"/v1/organizations/{quoted(org)}/waivers", content=body, params=params,
                      headers={**who.headers, "Content-Type": "application/yaml"})


def test_a_waiver_file_is_stored_read_back_replaced_and_removed(app, client):
    who = account(app, "Acme")
    created = put(client, who, "nova-home", WAIVERS)
    assert created.status_code == 201
    assert created.json()["waivers"][0]["code"] == "F01" and created.json()["ruleset"].startswith("core@")
    read = client.get("/v1/organizations/nova-home/waivers", headers=who.headers)
    assert read.status_code == 200 and read.content == WAIVERS.encode() and read.headers["content-type"] == \
        "application/yaml"
    path = Space(app.state.config, who.tenant).waivers_dir / f"{sha256('nova-home')}.yaml"
    assert path == waiver_file(Space(app.state.config, who.tenant).waivers_dir, "nova-home")
    assert path.read_bytes() == WAIVERS.encode()
    assert put(client, who, "nova-home", WAIVERS.replace("COO", "CEO")).status_code == 200
    assert b"CEO" in path.read_bytes()
    assert client.delete("/v1/organizations/nova-home/waivers", headers=who.headers).status_code == 204
    assert not path.exists()
    assert client.get("/v1/organizations/nova-home/waivers", headers=who.headers).status_code == 404
    assert client.delete("/v1/organizations/nova-home/waivers", headers=who.headers).status_code == 404


@pytest.mark.parametrize("lang, words", [("en", "required field is missing"), ("zh", "缺少必填字段")])
def test_an_invalid_file_is_422_with_every_problem_located_and_the_good_one_stays(app, client, tmp_path, lang, words):
    who = account(app, "Acme")
    assert put(client, who, "nova-home", WAIVERS).status_code == 201
    bad = yaml.safe_dump([{"code": "F01", "subject": "role:*", "reason": "x", "expires": "2027-02-30"},
                          {"code": "nonsense", "subject": "everything", "reason": "", "approver": "COO",
                           "expires": "2027-01-01", "extra": 1}])
    response = put(client, who, "nova-home", bad, lang=lang)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_waivers" and error["source"] == "waivers"
    locations = {p["location"] for p in error["problems"]}
    assert {"[0].approver", "[0].expires", "[1].code", "[1].subject", "[1].reason", "[1].extra"} <= locations
    assert any(words in p["message"] for p in error["problems"])
    assert str(tmp_path) not in response.text and "/tmp" not in response.text
    assert client.get("/v1/organizations/nova-home/waivers", headers=who.headers).content == WAIVERS.encode()


def test_codes_are_checked_against_the_ruleset_named(app, client):
    who = account(app, "Acme")
    house = WAIVERS.replace("F01", "X01").replace("role:*", "kpi:*")
    response = put(client, who, "nova-home", house, lang="zh")
    assert response.status_code == 422
    assert response.json()["error"]["problems"] == [
        {"location": "[0].code", "message": response.json()["error"]["problems"][0]["message"]}]
    assert "X01" in response.json()["error"]["problems"][0]["message"]
    assert client.put("/v1/rulesets/house", content=OVERRIDE, headers=who.headers).status_code == 201
    assert put(client, who, "nova-home", house, ruleset="house").status_code == 201
    assert put(client, who, "nova-home", house, ruleset="/etc/passwd").json()["error"]["code"] == "bad_ruleset"


def test_an_empty_list_waives_nothing_an_empty_file_or_a_non_list_is_refused(app, client):
    who = account(app, "Acme")
    assert put(client, who, "acme", "[]\n").json()["waivers"] == []
    empty = put(client, who, "acme", "", lang="zh")
    assert empty.status_code == 422 and empty.json()["error"]["message"] == f"waivers：{Msg('empty_file').texts['zh']}"
    response = put(client, who, "acme", "code: F01\n")
    assert response.status_code == 422 and "list" in response.json()["error"]["message"]


def test_a_file_over_the_document_limit_is_413(app, client):
    who = account(app, "Acme")
    big = "# " + "x" * (MAX_DOCUMENT_MIB * 1024 * 1024) + "\n" + WAIVERS
    response = put(client, who, "nova-home", big)
    assert response.status_code == 413 and response.json()["error"]["code"] == "too_large"
    assert client.get("/v1/organizations/nova-home/waivers", headers=who.headers).status_code == 404


def test_hostile_organisation_ids_are_refused_or_only_ever_become_a_hash(app, client, tmp_path):
    who = account(app, "Acme")
    folder = Space(app.state.config, who.tenant).waivers_dir
    before = files_under(tmp_path)
    nothing = client.get("/v1/organizations/nobody/waivers", headers=who.headers).content
    possible = [org for org in HOSTILE_ORGS if put(client, who, org, WAIVERS).status_code == 201]
    assert possible == [".."]  # an intake's id may be '..': it is a name like any other, never a path
    for org in HOSTILE_ORGS:
        if org not in possible:
            response = put(client, who, org, WAIVERS)
            if "/" in org:  # no route takes it: answered as any unknown path
                assert (response.status_code, response.content) == (404, nothing)
            else:
                assert response.status_code == 422 and response.json()["error"]["code"] == "bad_org_id"
            for method in ("get", "delete"):
                answer = getattr(client, method)(f"/v1/organizations/{quoted(org)}/waivers", headers=who.headers)
                assert (answer.status_code, answer.content) == (404, nothing)
    assert client.get(f"/v1/organizations/{quoted('..')}/waivers", headers=who.headers).content == WAIVERS.encode()
    assert files_under(tmp_path) - before == {str((folder / f"{sha256('..')}.yaml").relative_to(tmp_path))}
    assert client.delete(f"/v1/organizations/{quoted('..')}/waivers", headers=who.headers).status_code == 204
    assert files_under(folder) == set()


def test_another_tenants_waivers_answer_exactly_like_none(app, client):
    a, b = account(app, "Acme"), account(app, "Nova")
    assert put(client, a, "nova-home", WAIVERS).status_code == 201
    nothing = client.get("/v1/organizations/nobody/waivers", headers=b.headers)
    assert nothing.status_code == 404
    for method in ("get", "delete"):
        response = getattr(client, method)("/v1/organizations/nova-home/waivers", headers=b.headers)
        assert (response.status_code, response.content) == (404, nothing.content)
    assert put(client, b, "nova-home", WAIVERS.replace("COO", "CFO")).status_code == 201  # its own, beside A's
    assert b"COO" in client.get("/v1/organizations/nova-home/waivers", headers=a.headers).content
    assert b"CFO" in client.get("/v1/organizations/nova-home/waivers", headers=b.headers).content


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_waiver_calls_need_a_token(client, method):
    assert getattr(client, method)("/v1/organizations/nova-home/waivers").status_code == 401


def test_stored_waivers_apply_to_the_tenants_audits_only(app, client):
    a, b = account(app, "Acme"), account(app, "Nova")
    assert put(client, a, "nova-home", WAIVERS).status_code == 201

    def audit(who) -> dict:
        with SELLER.open("rb") as intake:
            response = client.post("/v1/audits", files={"intake": ("seller.yaml", intake)},
                                   data={"as_of": "2026-11-01"}, headers=who.headers)
        assert response.status_code == 200, response.text
        return response.json()

    waived = audit(a)
    assert waived["waived"] and {f["code"] for f in waived["waived"]} == {"F01"}
    assert not any(f["code"] == "F01" for f in waived["findings"])
    assert "waived" not in audit(b)
