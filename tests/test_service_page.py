"""The upload page at `/`: signing in and out, CSRF refusals, the template, uploads of every intake form through
the worker pool, the organisation's history and comparison, Chinese pages without English, client text escaped,
another tenant's records answering exactly like missing ones, and no script anywhere."""
from __future__ import annotations

import html.parser
import io
import json
import os
import re
import zipfile
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from engine.loaders import load_intake
from engine.loaders.template import write_template
from engine.loaders.writers import intake_to_raw, write_csv_folder, write_workbook
from service.page.words import LANGUAGE_NAMES, WORDS
from tests.service_printers import no_weasyprint, pool_of, printed, stand_in_printer
from tests.service_saved import SELLER, account, save_audit
from tests.service_support import auth, make_app, token_for
from tests.zh_check import english_words

CSRF = re.compile(r'name="csrf" value="([^"]+)"')
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """One service (and one worker pool) for the module: the pool's start-up is the slow part."""
    return make_app(tmp_path_factory.mktemp("page"))


@pytest.fixture(scope="module")
def served(app):
    """The module's client: its lifespan starts the pool once and closes it at the end."""
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture()
def client(served):
    """A browser that has not signed in yet (the module's client, its cookies cleared)."""
    served.cookies.clear()
    return served


def shown(text: str) -> str:
    """`text` as the page's autoescaping writes it."""
    return str(escape(text))


def without_switch(page: str) -> str:
    """A page without its language switch (whose links repeat the address asked for)."""
    return re.sub(r'<nav class="langs".*?</nav>', "", page, flags=re.S)


def csrf_of(text: str) -> str:
    return CSRF.search(text).group(1)


def sign_in(client: TestClient, token: str, lang: str = "en") -> str:
    """Sign in through the form; the session's CSRF secret (from the dashboard's forms)."""
    form = client.get(f"/?lang={lang}")
    response = client.post(f"/signin?lang={lang}", data={"token": token, "csrf": csrf_of(form.text)},
                           follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == f"/?lang={lang}"
    return csrf_of(client.get(f"/?lang={lang}").text)


def upload(client: TestClient, csrf: str, name: str, data: bytes, lang: str = "en", **fields: str):
    form = {"csrf": csrf, "report_lang": lang, "ruleset": "core", "format": "html", "save": "on", **fields}
    if fields.get("save") == "":
        del form["save"]
    return client.post(f"/audit?lang={lang}", data=form, files={"intake": (name, data)}, follow_redirects=False)


class _Text(html.parser.HTMLParser):
    """The text a reader sees: everything outside tags, <style> left out."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._style = False

    def handle_starttag(self, tag, attrs):
        self._style = tag == "style"

    def handle_endtag(self, tag):
        self._style = False

    def handle_data(self, data):
        if not self._style:
            self.parts.append(data)


def visible_text(page: str) -> str:
    parser = _Text()
    parser.feed(page)
    return " ".join(parser.parts)


def seller_as(form: str, folder: Path) -> tuple[str, bytes]:
    """The example seller's intake in one of the upload's forms: (file name, bytes)."""
    if form == "yaml":
        return "seller.yaml", SELLER.read_bytes()
    raw = intake_to_raw(load_intake(SELLER).intake)
    if form == "json":
        return "seller.json", json.dumps(raw, ensure_ascii=False, default=str).encode()
    if form == "xlsx":
        write_workbook(raw, folder / "seller.xlsx", "zh")
        return "seller.xlsx", (folder / "seller.xlsx").read_bytes()
    write_csv_folder(raw, folder / "seller", "en")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted((folder / "seller").iterdir()):
            archive.write(path, f"seller/{path.name}")
    return "seller.zip", buffer.getvalue()


def sheets(workbook: bytes) -> dict[str, bytes]:
    """A workbook's parts but the one that records when it was written."""
    with zipfile.ZipFile(io.BytesIO(workbook)) as archive:
        return {name: archive.read(name) for name in archive.namelist() if name != "docProps/core.xml"}


def dated(date: str, **changes: str) -> bytes:
    """The example seller audited on `date` (text replacements applied to its YAML)."""
    text = SELLER.read_text(encoding="utf-8").replace("audit_date: 2026-11-01", f"audit_date: {date}")
    for old, new in changes.items():
        text = text.replace(old, new)
    return text.encode()


# signing in and out

def test_the_sign_in_form_sets_a_double_submit_cookie_and_speaks_the_browsers_language(client):
    response = client.get("/", headers={"Accept-Language": "zh-CN,zh;q=0.9"})
    assert response.status_code == 200
    assert '<html lang="zh-CN">' in response.text and WORDS["zh"]["signin_title"] in response.text
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("kpa_signin=") and "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert csrf_of(response.text) in cookie
    assert '<html lang="en">' in client.get("/?lang=en").text


def test_sign_in_sets_a_strict_http_only_session_cookie_and_opens_the_dashboard(app, client):
    token = token_for(app, "Sign-in Agency")
    form = client.get("/")
    response = client.post("/signin?lang=en", data={"token": token, "csrf": csrf_of(form.text)},
                           follow_redirects=False)
    assert response.status_code == 303
    cookie = next(c for c in response.headers.get_list("set-cookie") if c.startswith("kpa_session="))
    assert all(part in cookie for part in ("HttpOnly", "SameSite=strict", "Path=/"))
    assert "Secure" not in cookie  # plain http (a browser would drop a Secure cookie here)
    assert "Secure" not in cleared(response, "kpa_signin")  # the sign-in form's cookie is done with
    dashboard = client.get("/?lang=en")
    assert "Sign-in Agency" in dashboard.text and "/template/en?lang=en" in dashboard.text
    assert 'enctype="multipart/form-data"' in dashboard.text


def test_the_session_cookie_is_secure_over_https(app):
    token = token_for(app, "Secure Agency")
    client = TestClient(app, base_url="https://testserver")  # no lifespan: the module's pool stays up
    form = client.get("/")
    assert "Secure" in form.headers["set-cookie"]
    response = client.post("/signin", data={"token": token, "csrf": csrf_of(form.text)}, follow_redirects=False)
    assert "Secure" in next(c for c in response.headers.get_list("set-cookie") if c.startswith("kpa_session="))
    left = client.post("/signout", data={"csrf": csrf_of(client.get("/").text)})
    assert all("Secure" in c for c in left.headers.get_list("set-cookie") if c.startswith("kpa_session="))


def cleared(response, name: str) -> str:
    """The Set-Cookie that removes cookie `name`, checked to carry the flags it was set with."""
    cookie = next(c for c in response.headers.get_list("set-cookie") if c.startswith(f'{name}=""'))
    assert all(part in cookie for part in ("Max-Age=0", "HttpOnly", "SameSite=strict", "Path=/")), cookie
    return cookie


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_wrong_unknown_or_revoked_token_shows_the_form_again_with_one_message(app, client, lang):
    tenant, token_id, revoked = app.state.directory.create_token("Revoked Agency")
    app.state.directory.revoke(token_id)
    bodies = set()
    for token in ("kpa_not-a-real-token", "wrong shape", revoked):
        form = client.get(f"/?lang={lang}")
        response = client.post(f"/signin?lang={lang}", data={"token": token, "csrf": csrf_of(form.text)})
        assert response.status_code == 401 and shown(WORDS[lang]["bad_token"]) in response.text
        assert "kpa_session" not in response.headers.get("set-cookie", "")
        bodies.add(CSRF.sub("", response.text))
    assert len(bodies) == 1  # unknown, malformed and revoked tokens are told apart by nothing


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_sign_in_without_the_forms_own_value_is_refused(app, client, lang):
    token = token_for(app, "Forged Agency")
    client.get("/")  # the browser has the cookie, a forged form does not know its value
    for csrf in ("", "guessed"):
        response = client.post(f"/signin?lang={lang}", data={"token": token, "csrf": csrf})
        assert response.status_code == 403 and shown(WORDS[lang]["csrf"]) in response.text
        assert "kpa_session" not in response.headers.get("set-cookie", "")
    value = csrf_of(client.get("/").text)
    client.cookies.clear()  # a form posted from another site: even a right value, without the cookie
    assert client.post("/signin", data={"token": token, "csrf": value}).status_code == 403


def test_sign_out_ends_the_session_and_needs_the_csrf_secret(app, client):
    csrf = sign_in(client, token_for(app, "Leaving Agency"))
    session = client.cookies.get("kpa_session")
    assert client.post("/signout", data={"csrf": "forged"}).status_code == 403
    assert "Leaving Agency" in client.get("/").text  # the forged post did not sign anyone out
    response = client.post("/signout?lang=zh", data={"csrf": csrf})
    assert response.status_code == 200 and shown(WORDS["zh"]["signed_out"]) in response.text
    cleared(response, "kpa_session")
    assert app.state.directory.session(session) is None
    client.cookies.set("kpa_session", session)  # an old cookie replayed
    assert WORDS["en"]["signin_title"] in client.get("/?lang=en").text


def test_pages_need_a_session_and_send_a_stranger_to_sign_in(client):
    for path in ("/orgs", "/orgs/nova-home", "/template/en", "/audits/aud_0000/report", "/compare?old=a&new=b"):
        response = client.get(path + ("&" if "?" in path else "?") + "lang=zh", follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"] == "/?lang=zh"


def test_a_form_post_without_its_sessions_secret_is_refused(app, client):
    other = TestClient(app)  # a second browser (no lifespan: the module's pool stays up)
    other_csrf = sign_in(other, token_for(app, "Other Agency"))
    sign_in(client, token_for(app, "Posting Agency"))
    for csrf in ("", "forged", other_csrf):
        response = upload(client, csrf, "seller.yaml", SELLER.read_bytes(), "zh")
        assert response.status_code == 403 and shown(WORDS["zh"]["csrf"]) in response.text
    client.cookies.clear()
    assert upload(client, other_csrf, "seller.yaml", SELLER.read_bytes()).status_code == 403


def test_page_requests_count_against_the_tokens_rate_limit(tmp_path):
    app = make_app(tmp_path, rate_per_minute=3)
    client = TestClient(app)  # no upload here, so no worker pool either
    sign_in(client, token_for(app, "Busy Agency"))  # the sign-in and the dashboard: two requests
    assert client.get("/orgs").status_code == 200
    response = client.get("/orgs?lang=zh")
    assert response.status_code == 429 and int(response.headers["retry-after"]) >= 1
    assert WORDS["zh"]["error_429"] in response.text and "<script" not in response.text


# the template

@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_template_is_what_kpi_audit_init_writes(app, client, tmp_path, lang):
    sign_in(client, token_for(app, "Template Agency"))
    response = client.get(f"/template/{lang}")
    write_template(tmp_path / "t.xlsx", "xlsx", lang)
    assert response.status_code == 200
    assert sheets(response.content) == sheets((tmp_path / "t.xlsx").read_bytes())
    assert f"kpi-audit-intake-{lang}.xlsx" in response.headers["content-disposition"]


def test_a_template_in_no_known_language_is_not_found(app, client):
    sign_in(client, token_for(app, "Template Agency"))
    assert client.get("/template/fr").status_code == 404


# uploads

@pytest.mark.parametrize("form", ["yaml", "json", "xlsx", "zip"])
def test_every_intake_form_is_audited_saved_and_shown(app, client, tmp_path, form):
    sign_in(client, token_for(app, f"Upload {form}"))
    name, data = seller_as(form, tmp_path)
    response = upload(client, csrf_of(client.get("/").text), name, data)
    assert response.status_code == 303, response.text
    page = client.get(response.headers["location"])
    audit_id = response.headers["location"].split("/")[2].split("?")[0]
    assert page.status_code == 200 and "Nova Home" in page.text and "50.3" in page.text
    assert f'src="/audits/{audit_id}/report?format=html&amp;lang=en"' in page.text
    report = client.get(f"/audits/{audit_id}/report?format=json").json()
    assert report["organization"]["id"] == "nova-home" and report["score"]["overall"] == 50.3
    document = client.get(f"/audits/{audit_id}/report?format=html")
    assert document.text.startswith("<!DOCTYPE html>") and "Nova Home" in document.text
    assert "nova-home" in client.get("/orgs").text


def test_an_unsaved_html_upload_answers_with_the_report_itself(app, client):
    sign_in(client, token_for(app, "Unsaved Agency"))
    response = upload(client, csrf_of(client.get("/").text), "seller.yaml", SELLER.read_bytes(), "zh", save="")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert '<html lang="zh-CN"' in response.text and "执行摘要" in response.text
    assert shown(WORDS["en"]["no_orgs"]) in client.get("/orgs?lang=en").text  # nothing was saved


def test_a_pdf_is_sent_when_asked(app, client):
    sign_in(client, token_for(app, "PDF Agency"))
    with pool_of(app, stand_in_printer):  # printed in a worker (a stand-in there: CI has no WeasyPrint)
        response = upload(client, csrf_of(client.get("/").text), "seller.yaml", SELLER.read_bytes(), format="pdf",
                          save="")
    assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
    assert printed(response.content)[0] != os.getpid()


def test_a_saved_reports_pdf_is_printed_by_a_worker(app, client):
    who = account(app, "Worker PDF Agency")
    audit_id, _done = save_audit(app, who, SELLER, "2026-11-01")
    client.cookies.clear()
    sign_in(client, token_for(app, "Worker PDF Agency"))
    with pool_of(app, stand_in_printer):
        response = client.get(f"/audits/{audit_id}/report?format=pdf")
    assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
    assert printed(response.content)[0] != os.getpid()


def test_a_pdf_the_server_cannot_print_is_a_501_page_in_the_page_language(app, client):
    who = account(app, "No PDF Agency")
    audit_id, _done = save_audit(app, who, SELLER, "2026-11-01")
    client.cookies.clear()
    sign_in(client, token_for(app, "No PDF Agency"))
    with pool_of(app, no_weasyprint):  # the worker, which prints, has no WeasyPrint
        response = client.get(f"/audits/{audit_id}/report?format=pdf&lang=zh")
    assert response.status_code == 501 and WORDS["zh"]["error_501"] in response.text
    assert "<script" not in response.text


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_invalid_intake_lists_every_problem_in_the_page_language(app, client, lang):
    sign_in(client, token_for(app, "Invalid Agency"), lang)
    broken = SELLER.read_text(encoding="utf-8").replace("owner: us-ops", "owner: nobody").encode()
    response = upload(client, csrf_of(client.get(f"/?lang={lang}").text), "seller.yaml", broken, lang,
                      prepared_by="Li Consulting")
    assert response.status_code == 422
    problems = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td></tr>", response.text)
    assert problems and all(location.startswith("kpis") for location, _ in problems)
    assert all("nobody" in message for _, message in problems)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in problems[0][1]) == (lang == "zh")
    assert 'value="Li Consulting"' in response.text  # the form keeps what was chosen


def test_an_upload_without_a_file_asks_for_one(app, client):
    sign_in(client, token_for(app, "Empty Agency"))
    csrf = csrf_of(client.get("/").text)
    response = client.post("/audit?lang=zh", data={"csrf": csrf, "report_lang": "zh"},
                           files={"intake": ("", b"")})
    assert response.status_code == 422 and shown(WORDS["zh"]["choose_file"]) in response.text


def test_an_unknown_ruleset_is_refused_on_a_page(app, client):
    sign_in(client, token_for(app, "Ruleset Agency"))
    response = upload(client, csrf_of(client.get("/").text), "seller.yaml", SELLER.read_bytes(), "zh",
                      ruleset="../../etc/passwd")
    assert response.status_code == 422 and WORDS["zh"]["error_422"] in response.text


# history and comparison

def test_a_second_audit_shows_in_the_history_with_the_trend_and_the_comparison(app, client):
    token = token_for(app, "History Agency")
    sign_in(client, token)
    first = upload(client, csrf_of(client.get("/").text), "seller.yaml", dated("2026-08-01"))
    second = upload(client, csrf_of(client.get("/").text), "seller.yaml",
                    dated("2026-11-01", **{"champion: p-coach": "champion: p-zhao"}))
    assert first.status_code == second.status_code == 303
    ids = [r.headers["location"].split("/")[2].split("?")[0] for r in (first, second)]
    page = client.get("/orgs/nova-home?lang=en")
    assert page.status_code == 200
    assert page.text.index("2026-11-01") < page.text.index("2026-08-01")  # newest first
    assert page.text.count("<svg") == 2 and WORDS["en"]["compare_title"] in page.text
    link = f"/compare?old={ids[0]}&amp;new={ids[1]}&amp;lang=en"
    assert f'src="{link}"' in page.text
    comparison = client.get(link.replace("&amp;", "&"))
    assert comparison.status_code == 200
    assert "O01" in re.search(r'<section id="resolved">(.*?)</section>', comparison.text, re.S).group(1)
    found = client.get(f"/v1/compare?old={ids[0]}&new={ids[1]}", headers=auth(token)).json()["findings"]
    counts = {section: len(found[section]) for section in ("new", "resolved", "persisting")}
    assert counts["resolved"] >= 1 and shown(WORDS["en"]["compare_counts"].format(**counts)) in page.text


@pytest.mark.parametrize("lang", ["zh"])
def test_chinese_pages_have_no_untranslated_english(app, client, lang):
    who = account(app, "中文机构")
    ids = []
    for date in ("2026-08-01", "2026-11-01"):
        audit_id, done = save_audit(app, who, SELLER, date, lang="zh")
        ids.append(audit_id)
    client.cookies.clear()
    sign_in(client, token_for(app, "中文机构"), lang)
    organisation = done.report["organization"]
    allowed = {organisation["name"], organisation["id"], *ids, *LANGUAGE_NAMES.values(), "core", "kpi-audit",
               "zip"}  # the language switch names each language in itself; .zip is a file suffix like .xlsx
    client_words = {"Nova", "Home"}
    pages = {"/": "dashboard", "/orgs": "organisations", "/orgs/nova-home": "history",
             f"/audits/{audit_id}": "audit", "/orgs/nobody": "not found", "/template/fr": "not found"}
    for path, name in pages.items():
        text = visible_text(client.get(f"{path}?lang={lang}").text)
        assert english_words(text, allowed | client_words) == [], name
    client.cookies.clear()
    assert english_words(visible_text(client.get("/?lang=zh").text), allowed) == []


def test_both_languages_have_every_word():
    assert WORDS["en"].keys() == WORDS["zh"].keys()


def test_client_text_is_escaped_and_no_page_has_a_script(app, client):
    hostile = SELLER.read_text(encoding="utf-8").replace("name: Nova Home 跨境家居", f"name: '{HOSTILE}'")
    hostile = hostile.replace("id: nova-home", "id: evil-org")
    who = account(app, HOSTILE)
    audit_id, _done = save_audit(app, who, _written(app, hostile), "2026-11-01")
    client.cookies.clear()
    sign_in(client, token_for(app, HOSTILE))
    for path in ("/", "/orgs", "/orgs/evil-org", f"/audits/{audit_id}", f"/audits/{audit_id}/report",
                 "/orgs/%3Cscript%3E", "/?lang=zh"):
        response = client.get(path)
        assert "<script" not in response.text.lower() and "<img" not in response.text.lower(), path
        assert "script-src" not in response.headers["content-security-policy"]
    assert "&lt;script&gt;" in client.get("/orgs").text


def _written(app, text: str) -> Path:
    path = app.state.config.data_dir / "hostile.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_another_tenants_organisation_and_audit_answer_like_missing_ones(app, client):
    owner = account(app, "Owner Agency")
    audit_id, _done = save_audit(app, owner, SELLER, "2026-11-01")
    client.cookies.clear()
    sign_in(client, token_for(app, "Prying Agency"))
    pairs = [("/orgs/nova-home", "/orgs/no-such-org"), (f"/audits/{audit_id}", "/audits/aud_0000000000000000"),
             (f"/audits/{audit_id}/report?format=json", "/audits/aud_0000000000000000/report?format=json"),
             (f"/compare?old={audit_id}&new={audit_id}", "/compare?old=aud_0&new=aud_1")]
    for foreign, missing in pairs:
        theirs, nobodys = client.get(foreign), client.get(missing)
        assert theirs.status_code == nobodys.status_code == 404
        assert without_switch(theirs.text) == without_switch(nobodys.text) and "Nova Home" not in theirs.text
    assert "nova-home" not in client.get("/orgs").text
    assert client.get("/orgs/nova-home/../../x").status_code in (303, 404)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_upload_over_the_limit_from_a_browser_is_an_error_page_in_its_language(tmp_path, lang):
    """The body limit answers before any route; a browser's form post gets a page (not the API's JSON), an API
    client the JSON error."""
    app = make_app(tmp_path, max_upload_mib=1)
    with TestClient(app) as client:
        body = b"x" * (1024 * 1024 + 1)
        browser = client.post(f"/audit?lang={lang}", content=body, headers={"Accept": "text/html,*/*"})
        assert browser.status_code == 413 and browser.headers["content-type"].startswith("text/html")
        assert WORDS[lang]["error_413"] in browser.text and "1 MiB" in browser.text
        api = client.post(f"/v1/audits?lang={lang}", content=body, headers={"Accept": "text/html,*/*"})
        assert api.status_code == 413 and api.json()["error"]["code"] == "too_large"
