"""The history calls: organisations, an organisation's audits, a saved report in every format, the comparison of
two audits and of the last two — the CLI's bytes, public ids only, and one tenant never reaching another's."""
from __future__ import annotations

import hashlib
import json
import os
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from history.compare import compare
from history.compare_view import FORMATS as COMPARE_FORMATS
from history.compare_view import render as render_comparison
from history.view import history_data
from history.view import render_json as history_json
from reports import pdf
from reports.formats import MEDIA_TYPES
from reports.render import render
from service.space import Space
from tests.service_saved import HOSTILE_ORGS, SELLER, SHENZHEN, account, files_under, quoted, save_audit
from tests.service_printers import gated, no_weasyprint, printed, pool_of, stand_in_printer
from tests.service_support import app, client  # app, client: fixtures

DATES = ("2026-02-01", "2026-05-01", "2026-08-01")


@pytest.fixture()
def acme(app):
    """Tenant Acme: three quarterly audits of nova-home and one (in Chinese) of qihang."""
    who = account(app, "Acme")
    ids = [save_audit(app, who, SELLER, date)[0] for date in DATES]
    zh_id = save_audit(app, who, SHENZHEN, "2026-03-01", lang="zh")[0]
    return who, ids, zh_id


@pytest.fixture()
def nova(app):
    """Tenant Nova: one audit of its own organisation with the same id, nova-home."""
    who = account(app, "Nova")
    return who, save_audit(app, who, SELLER, "2026-09-01")[0]


def unknown_body(client, who) -> bytes:
    """The answer to an audit id nobody has: what every other tenant's id must look like, byte for byte."""
    response = client.get("/v1/audits/aud_0000000000000000", headers=who.headers)
    assert response.status_code == 404
    return response.content


def test_organisations_are_the_tenants_own(client, acme, nova):
    who, _ids, _zh = acme
    listed = client.get("/v1/organizations", headers=who.headers).json()["organizations"]
    assert listed == [{"id": "nova-home", "name": listed[0]["name"], "audits": 3},
                      {"id": "qihang", "name": listed[1]["name"], "audits": 1}]
    other = client.get("/v1/organizations", headers=nova[0].headers).json()["organizations"]
    assert [(o["id"], o["audits"]) for o in other] == [("nova-home", 1)]


def test_a_tenant_that_saved_nothing_has_no_organisations_and_no_store_is_made(app, client):
    who = account(app, "Empty")
    assert client.get("/v1/organizations", headers=who.headers).json() == {"organizations": []}
    assert not Space(app.state.config, who.tenant).store_path.exists()
    assert client.get("/v1/organizations/nova-home/audits", headers=who.headers).status_code == 404


def test_an_organisations_audits_are_the_cli_history_with_public_ids(app, client, acme):
    who, ids, _zh = acme
    response = client.get("/v1/organizations/nova-home/audits", headers=who.headers)
    assert response.status_code == 200 and response.headers["content-type"] == MEDIA_TYPES["json"]
    data = response.json()
    assert [a["id"] for a in data["audits"]] == ids  # oldest first, public ids
    assert [a["audit_date"] for a in data["audits"]] == list(DATES)
    assert all(isinstance(i, str) and not i.isdigit() for i in ids)
    with Space(app.state.config, who.tenant).open_store() as store:
        rows = store.audits("nova-home")
    cli = history_data("nova-home", [{**row, "id": public} for row, public in zip(rows, ids)])
    assert response.content == history_json(cli).encode("utf-8")


def test_a_saved_report_is_the_cli_json_byte_for_byte(app, client):
    who = account(app, "Acme")
    public, audited = save_audit(app, who, SELLER, DATES[0])
    response = client.get(f"/v1/audits/{public}", headers=who.headers)
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"
    assert response.content == audited.data
    assert client.get(f"/v1/audits/{public}?format=json", headers=who.headers).content == audited.data


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_html_and_markdown_are_the_reports_renderings(app, client, fmt):
    who = account(app, "Acme")
    public, audited = save_audit(app, who, SELLER, DATES[0])
    response = client.get(f"/v1/audits/{public}", params={"format": fmt}, headers=who.headers)
    assert response.status_code == 200
    assert response.headers["content-type"] == MEDIA_TYPES[fmt]
    assert response.content == render(audited.report, fmt).encode("utf-8")
    assert "default-src 'none'" in response.headers["content-security-policy"]


def test_a_report_keeps_the_language_it_was_audited_in(client, acme):
    who, _ids, zh_id = acme
    page = client.get(f"/v1/audits/{zh_id}", params={"format": "md", "lang": "en"}, headers=who.headers)
    assert page.status_code == 200 and "诊断" in page.text
    assert json.loads(client.get(f"/v1/audits/{zh_id}", headers=who.headers).content)["language"] == "zh"


def test_pdf_is_the_html_report_printed_by_a_worker_not_the_server(app, client):
    who = account(app, "Acme")
    public, audited = save_audit(app, who, SELLER, DATES[0])
    with pool_of(app, stand_in_printer) as pool:
        response = client.get(f"/v1/audits/{public}?format=pdf", headers=who.headers)
        workers = {worker.process.pid for worker in pool._live}
    assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
    pid, digest = printed(response.content)
    assert pid != os.getpid() and pid in workers
    assert digest == hashlib.sha256(render(audited.report, "html").encode("utf-8")).hexdigest()


def test_printing_takes_a_place_in_the_pool_a_full_pool_answers_503_with_retry_after(app, client, tmp_path):
    who = account(app, "Acme")
    public, _audited = save_audit(app, who, SELLER, DATES[0])
    gate = tmp_path / "gate"
    with pool_of(app, gated(gate), queue=0), ThreadPoolExecutor(1) as thread:  # one print fills the pool
        first = thread.submit(client.get, f"/v1/audits/{public}?format=pdf", headers=who.headers)
        try:
            while not Path(f"{gate}.started").exists() and not first.done():
                time.sleep(0.01)
            for lang, words in (("en", "busy"), ("zh", "都在忙")):
                busy = client.get(f"/v1/audits/{public}", params={"format": "pdf", "lang": lang},
                                  headers=who.headers)
                assert busy.status_code == 503 and int(busy.headers["retry-after"]) >= 1
                assert busy.json()["error"]["code"] == "busy" and words in busy.json()["error"]["message"]
            assert client.get(f"/v1/audits/{public}?format=html", headers=who.headers).status_code == 200
        finally:
            gate.touch()  # the held print finishes whatever happened above
        assert first.result().status_code == 200 and printed(first.result().content)[0] != os.getpid()


@pytest.mark.parametrize("lang, words", [("en", "needs WeasyPrint"), ("zh", "需要 WeasyPrint")])
def test_pdf_without_weasyprint_is_501_naming_the_extra(app, client, lang, words):
    who = account(app, "Acme")
    public, _audited = save_audit(app, who, SELLER, DATES[0])
    with pool_of(app, no_weasyprint):  # the worker, which prints, has no WeasyPrint
        response = client.get(f"/v1/audits/{public}", params={"format": "pdf", "lang": lang}, headers=who.headers)
    assert response.status_code == 501
    error = response.json()["error"]
    assert error["code"] == "pdf_unavailable" and words in error["message"] and pdf.INSTALL_EXTRA in error["message"]


def test_an_unknown_format_is_422(client, acme):
    who, ids, _zh = acme
    response = client.get(f"/v1/audits/{ids[0]}?format=docx", headers=who.headers)
    assert response.status_code == 422 and response.json()["error"]["code"] == "invalid_request"
    assert client.get(f"/v1/compare?old={ids[0]}&new={ids[1]}&format=pdf", headers=who.headers).status_code == 422


@pytest.mark.parametrize("fmt", COMPARE_FORMATS)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_compare_is_the_cli_comparison(app, client, fmt, lang):
    who = account(app, "Acme")
    (old, before), (new, after) = (save_audit(app, who, SELLER, date) for date in DATES[:2])
    response = client.get("/v1/compare", params={"old": old, "new": new, "format": fmt, "lang": lang},
                          headers=who.headers)
    assert response.status_code == 200 and response.headers["content-type"] == MEDIA_TYPES[fmt]
    assert response.content == render_comparison(compare(before.report, after.report), fmt, lang).encode("utf-8")


def test_compare_last_compares_the_latest_audit_with_the_one_before(client, acme):
    who, ids, _zh = acme
    last = client.get("/v1/organizations/nova-home/compare-last", headers=who.headers)
    assert last.status_code == 200
    pair = client.get("/v1/compare", params={"old": ids[1], "new": ids[2]}, headers=who.headers)
    assert last.content == pair.content
    assert last.json()["old"]["audit_date"] == DATES[1] and last.json()["new"]["audit_date"] == DATES[2]
    zh = client.get("/v1/organizations/nova-home/compare-last?format=html&lang=zh", headers=who.headers)
    assert zh.status_code == 200 and "两次诊断对比" in zh.text


def test_compare_last_with_one_audit_is_404_saying_so(client, acme):
    who, _ids, _zh = acme
    response = client.get("/v1/organizations/qihang/compare-last?lang=zh", headers=who.headers)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "no_previous_audit" and "qihang" in response.json()["error"]["message"]
    unknown = client.get("/v1/organizations/nobody/compare-last", headers=who.headers)
    assert unknown.status_code == 404 and unknown.content == unknown_body(client, who)


def test_another_tenants_ids_and_organisations_answer_exactly_like_nothing(client, acme, nova):
    a, a_ids, a_zh = acme
    b, b_id = nova
    nothing = unknown_body(client, b)
    assert json.loads(nothing) == {"error": {"code": "not_found", "message": "not found"}}
    calls = [f"/v1/audits/{a_ids[0]}", f"/v1/audits/{a_zh}?format=html", f"/v1/audits/{a_ids[1]}?format=pdf",
             f"/v1/compare?old={a_ids[0]}&new={a_ids[1]}", f"/v1/compare?old={a_ids[0]}&new={b_id}",
             f"/v1/compare?old={b_id}&new={a_ids[2]}&format=html", "/v1/organizations/qihang/audits",
             "/v1/organizations/qihang/compare-last", f"/v1/audits/{b_id}x", "/v1/compare?old=1&new=2",
             "/v1/audits/1"]
    for call in calls:
        response = client.get(call, headers=b.headers)
        assert (response.status_code, response.content) == (404, nothing), call
    # the organisation both tenants audited: each sees its own audits only
    mine = client.get("/v1/organizations/nova-home/audits", headers=b.headers).json()["audits"]
    assert [audit["id"] for audit in mine] == [b_id]
    theirs = client.get("/v1/organizations/nova-home/audits", headers=a.headers).json()["audits"]
    assert [audit["id"] for audit in theirs] == a_ids
    assert client.get(f"/v1/audits/{b_id}", headers=a.headers).content == unknown_body(client, a)


def test_hostile_organisation_ids_are_data_not_paths(app, client, acme, tmp_path):
    who, _ids, _zh = acme
    before = files_under(tmp_path)
    nothing = unknown_body(client, who)
    for org in HOSTILE_ORGS:
        for suffix in ("audits", "compare-last"):
            response = client.get(f"/v1/organizations/{quoted(org)}/{suffix}", headers=who.headers)
            assert (response.status_code, response.content) == (404, nothing), (org[:20], suffix)
    assert files_under(tmp_path) == before


@pytest.mark.parametrize("call", ["/v1/organizations", "/v1/organizations/nova-home/audits", "/v1/audits/aud_1",
                                  "/v1/compare?old=a&new=b", "/v1/organizations/nova-home/compare-last"])
def test_every_history_call_needs_a_token(client, call):
    response = client.get(call)
    assert response.status_code == 401 and response.headers["www-authenticate"].startswith("Bearer")


def test_uploads_saved_by_the_api_make_the_history_and_its_comparison(app, client):
    who = account(app, "Acme")
    ids = []
    for date in DATES[:2]:
        with SELLER.open("rb") as intake:
            response = client.post("/v1/audits", files={"intake": ("seller.yaml", intake, "application/yaml")},
                                   data={"save": "true", "as_of": date}, headers=who.headers)
        assert response.status_code == 200, response.text
        ids.append(response.headers["x-audit-id"])
        assert client.get(f"/v1/audits/{ids[-1]}", headers=who.headers).content == response.content
    listed = client.get("/v1/organizations/nova-home/audits", headers=who.headers).json()["audits"]
    assert [audit["id"] for audit in listed] == ids
    last = client.get("/v1/organizations/nova-home/compare-last", headers=who.headers).json()
    assert (last["old"]["audit_date"], last["new"]["audit_date"]) == DATES[:2]
    other = account(app, "Nova")
    assert client.get(f"/v1/audits/{ids[0]}", headers=other.headers).content == unknown_body(client, other)
