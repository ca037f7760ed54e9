"""The service's front gate: tokens (created, hashed, revoked), the Bearer header, the rate limit, the headers
every answer carries, the request-size limit, and errors without traces; plus the rules and catalogue calls."""
from __future__ import annotations

import sqlite3

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from starlette.requests import Request

from cli.main import cli
from service.ratelimit import RateLimiter
from tests.service_support import app, auth, client, make_app, token_for  # app, client: fixtures


def test_a_call_without_a_token_is_401_with_a_challenge(client):
    response = client.get("/v1/rules")
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert response.json()["error"]["code"] == "no_token"


@pytest.mark.parametrize("header", ["Bearer kpa_not-a-real-token", "Bearer wrong-shape", "Basic dXNlcjpwdw==",
                                    "Bearer "])
def test_unknown_malformed_and_foreign_schemes_are_refused_alike(client, header):
    response = client.get("/v1/rules", headers={"Authorization": header})
    assert response.status_code == 401


def test_a_valid_token_lists_the_rules_in_both_languages(app, client):
    token = token_for(app, "Acme")
    en = client.get("/v1/rules", headers=auth(token)).json()
    zh = client.get("/v1/rules?lang=zh", headers=auth(token)).json()
    assert en["ruleset"]["name"] == "core" and len(en["rules"]) >= 30
    assert [r["code"] for r in en["rules"]] == [r["code"] for r in zh["rules"]]
    assert en["rules"][0]["title"] != zh["rules"][0]["title"]


def test_accept_language_chooses_chinese_when_no_lang_is_given(app, client):
    token = token_for(app, "Acme")
    response = client.get("/v1/rules/A01", headers={**auth(token), "Accept-Language": "zh-CN,zh;q=0.9"})
    assert response.status_code == 200
    assert "##" in response.json()["documentation"] and "规则" not in response.json()["rule"]["code"]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in response.json()["documentation"])


def test_an_unknown_rule_is_404_in_the_asked_language(app, client):
    response = client.get("/v1/rules/Z99?lang=zh", headers=auth(token_for(app, "Acme")))
    assert response.status_code == 404
    assert "没有规则" in response.json()["error"]["message"]


@pytest.mark.parametrize("path", ["/v1/rules", "/v1/rules/A01"])
def test_a_lang_that_is_not_a_language_is_refused_not_answered_in_english(app, client, path):
    response = client.get(path, params={"lang": "fr"}, headers={**auth(token_for(app, "Acme")),
                                                                 "Accept-Language": "zh-CN"})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "bad_lang" and "en, zh" in response.json()["error"]["message"]
    assert "只能是" in response.json()["error"]["message"]


def test_a_ruleset_name_never_reaches_the_file_system(app, client, tmp_path):
    secret = tmp_path / "secret.yaml"
    secret.write_text("name: stolen\n", encoding="utf-8")
    token = token_for(app, "Acme")
    for name in (str(secret), "../../etc/passwd", "core/../../x", "catalogue", "/etc/hostname"):
        response = client.get("/v1/rules", params={"ruleset": name}, headers=auth(token))
        assert response.status_code == 422, name
        assert response.json()["error"]["code"] == "bad_ruleset"


def test_shipped_versions_can_be_named(app, client):
    response = client.get("/v1/rules", params={"ruleset": "core@1.0"}, headers=auth(token_for(app, "Acme")))
    assert response.status_code == 200
    assert response.json()["ruleset"]["version"].startswith("1.0")


def test_catalogue_match_reads_names_like_the_cli(app, client):
    response = client.get("/v1/catalogue/match", params=[("name", "TACoS"), ("name", "工作态度"), ("name", "Hosting cost")],
                          headers=auth(token_for(app, "Acme")))
    readings = response.json()["readings"]
    cli_json = CliRunner().invoke(cli, ["catalogue", "match", "TACoS", "工作态度", "Hosting cost", "--format", "json"])
    import json
    assert readings == json.loads(cli_json.stdout)["readings"]
    assert readings[0]["metric"]["id"] == "tacos" and readings[1]["behaviour"]


def test_catalogue_match_without_a_name_is_422(app, client):
    response = client.get("/v1/catalogue/match", headers=auth(token_for(app, "Acme")))
    assert response.status_code == 422 and response.json()["error"]["code"] == "no_name"


def test_a_revoked_token_stops_at_once(app, client):
    tenant, token_id, token = app.state.directory.create_token("Acme")
    assert client.get("/v1/rules", headers=auth(token)).status_code == 200
    assert app.state.directory.revoke(token_id)
    assert client.get("/v1/rules", headers=auth(token)).status_code == 401


def test_only_the_hash_of_a_token_is_stored(app, tmp_path):
    token = token_for(app, "Acme")
    raw = (tmp_path / "service.db").read_bytes()
    assert token.encode() not in raw
    with sqlite3.connect(tmp_path / "service.db") as conn:
        assert all(len(h) == 64 for (h,) in conn.execute("SELECT sha256 FROM tokens"))


def test_the_rate_limit_answers_429_with_retry_after(tmp_path):
    app = make_app(tmp_path, rate_per_minute=3)
    token = token_for(app, "Acme")
    other = token_for(app, "Other")
    with TestClient(app) as client:
        codes = [client.get("/v1/rules", headers=auth(token)).status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        limited = client.get("/v1/rules", headers=auth(token))
        assert int(limited.headers["retry-after"]) >= 1
        assert client.get("/v1/rules", headers=auth(other)).status_code == 200  # a bucket per token


def test_the_bucket_refills_with_time():
    now = [0.0]
    limiter = RateLimiter(60, clock=lambda: now[0])
    assert all(limiter.take("t") == 0 for _ in range(60))
    assert limiter.take("t") == 1
    now[0] += 1.0
    assert limiter.take("t") == 0


def test_every_answer_carries_the_security_headers(app, client):
    for response in (client.get("/v1/rules"), client.get("/v1/rules", headers=auth(token_for(app, "Acme"))),
                     client.get("/no-such-page")):
        csp = response.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src" not in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["cache-control"] == "no-store"


def test_the_openapi_page_is_served_from_the_package(client):
    page = client.get("/docs")
    assert page.status_code == 200 and "swagger-ui-bundle.js" in page.text and "cdn" not in page.text.lower()
    assert client.get("/openapi.json").json()["paths"]["/v1/rules"]
    assert client.get("/static-offline-docs/swagger-ui-bundle.js").status_code == 200


def test_a_body_over_the_limit_is_413_before_it_is_read(tmp_path):
    app = make_app(tmp_path, max_upload_mib=1)
    read = []

    async def echo(request: Request) -> dict:  # a route that reads its whole body, as an upload does
        read.append(len(await request.body()))
        return {"read": read[-1]}

    app.add_api_route("/echo", echo, methods=["POST"])
    with TestClient(app) as client:
        assert client.post("/echo", content=b"x" * 1024).json() == {"read": 1024}
        declared = client.post("/echo", content=b"x" * (1024 * 1024 + 1))
        assert declared.status_code == 413 and declared.json()["error"]["code"] == "too_large"

        def chunks():
            for _ in range(3):
                yield b"x" * (600 * 1024)

        streamed = client.post("/echo?lang=zh", content=chunks())
        assert streamed.status_code == 413 and "上传内容超过 1 MiB" in streamed.json()["error"]["message"]
    assert read == [1024]  # neither oversized body reached the route


def test_an_unexpected_error_is_500_with_an_incident_and_no_trace(app, monkeypatch):
    from service import ruleset_names

    def boom(*_args):
        raise RuntimeError("secret detail /srv/data")

    monkeypatch.setattr(ruleset_names, "load", boom)
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/v1/rules", headers=auth(token_for(app, "Acme")))
    assert response.status_code == 500
    body = response.text
    assert "incident" in body and "secret detail" not in body and "Traceback" not in body


def test_token_commands_create_list_and_revoke(tmp_path):
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    created = runner.invoke(cli, ["token", "create", "--tenant", "Nova Consulting", "--db", db, "--lang", "zh"])
    assert created.exit_code == 0
    token = created.stdout.strip()
    assert token.startswith("kpa_") and "只显示这一次" in created.stderr
    listed = runner.invoke(cli, ["token", "list", "--db", db])
    assert "Nova Consulting" in listed.stdout and token not in listed.stdout
    token_id = listed.stdout.splitlines()[1].split("\t")[0]
    assert runner.invoke(cli, ["token", "revoke", token_id, "--db", db]).exit_code == 0
    assert runner.invoke(cli, ["token", "revoke", "tok_nothere", "--db", db]).exit_code == 2
    assert runner.invoke(cli, ["token", "create", "--tenant", "  ", "--db", db]).exit_code == 2
