"""POST /v1/audits and /v1/validate: every intake form gives the CLI's report byte for byte; an invalid intake
is 422 with the CLI's problems in the asked language; hostile uploads and slow audits cost a worker, never the
server; concurrent tenants each get exactly their own report; a full pool answers 503 with Retry-After."""
from __future__ import annotations

import io
import json
import os
import shutil
import threading
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from fastapi.testclient import TestClient

from benchmarks.synthetic import organisation
from benchmarks.hostile_text import yaml_alias_bomb
from cli.main import cli
from engine.errors import UserInputError
from engine.loaders import load_intake
from engine.loaders.writers import intake_to_raw, write_csv_folder, write_workbook
from service import work
from service.space import Space
from tests.service_printers import pool_of, printed, stand_in_printer
from tests.service_support import auth, make_app, token_for

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SELLER = EXAMPLES / "cross-border-seller.yaml"
HEALTHY = EXAMPLES / "healthy.yaml"
AS_OF = "2026-03-31"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return make_app(tmp_path_factory.mktemp("service"), workers=2, queue=32)


@pytest.fixture(scope="module")
def client(app):
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def token(app):
    return token_for(app, "Acme")


def cli_report(intake: Path, *options: str) -> bytes:
    """What `kpi-audit audit` writes for the intake (the reference the service must match)."""
    result = CliRunner().invoke(cli, ["audit", str(intake), "--as-of", AS_OF, *options])
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def post(client: TestClient, token: str, data: bytes, name: str = "intake", path: str = "/v1/audits", **fields):
    return client.post(path, headers=auth(token), files={"intake": (name, data)},
                       data={"as_of": AS_OF, **fields} if path == "/v1/audits" else fields)


def zipped(folder: Path, top: str = "") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, top + path.name)
    return buffer.getvalue()


def forms(tmp_path: Path) -> dict[str, tuple[Path, bytes]]:
    """The seller's intake in every form: the file the CLI reads and the bytes a client uploads."""
    raw = intake_to_raw(load_intake(SELLER).intake)
    book, folder, text = tmp_path / "seller.xlsx", tmp_path / "seller-csv", tmp_path / "seller.json"
    write_workbook(raw, book, "zh")
    write_csv_folder(raw, folder, "en")
    text.write_text(json.dumps(raw, ensure_ascii=False, default=str), encoding="utf-8")
    return {"yaml": (SELLER, SELLER.read_bytes()), "json": (text, text.read_bytes()),
            "xlsx": (book, book.read_bytes()), "csv-zip": (folder, zipped(folder)),
            "csv-zip-in-a-folder": (folder, zipped(folder, "seller/"))}


def test_every_intake_form_gives_the_clis_json_byte_for_byte(client, token, tmp_path):
    for form, (path, upload) in forms(tmp_path).items():
        response = post(client, token, upload, name="whatever.txt")  # the name plays no part
        assert response.status_code == 200, (form, response.text)
        assert response.headers["content-type"] == "application/json"
        assert response.content == cli_report(path), form


@pytest.mark.parametrize(("fmt", "media"), [("md", "text/markdown; charset=utf-8"),
                                             ("html", "text/html; charset=utf-8")])
def test_text_formats_in_chinese_are_the_clis_bytes_with_their_media_type(client, token, fmt, media):
    response = post(client, token, SELLER.read_bytes(), format=fmt, lang="zh", prepared_by="Nova  Consulting")
    assert response.status_code == 200 and response.headers["content-type"] == media
    assert response.content == cli_report(SELLER, "--format", fmt, "--lang", "zh", "--prepared-by", "Nova Consulting")
    assert "script-src" not in response.headers["content-security-policy"]


def test_pdf_is_printed_by_the_worker(app, client, token):
    """The audit and its printing happen in a worker (a stand-in printer there: CI has no WeasyPrint)."""
    with pool_of(app, stand_in_printer):
        response = post(client, token, HEALTHY.read_bytes(), format="pdf")
    assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
    assert printed(response.content)[0] != os.getpid()


def test_a_zip_member_the_disk_cannot_name_answers_without_the_servers_error(client, token):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("中" * 100 + ".csv", "id\n")  # 300 bytes in UTF-8: too long a file name to write
    for lang in ("en", "zh"):
        response = post(client, token, buffer.getvalue(), lang=lang)
        assert response.status_code == 422 and response.json()["error"]["code"] == "invalid_intake"
        assert "Errno" not in response.text and "OSError" not in response.text and "/tmp" not in response.text


def test_pdf_without_weasyprint_names_the_extra(tmp_path, monkeypatch):
    from reports import pdf

    def missing():
        raise pdf.PdfUnavailable("no_weasyprint")

    monkeypatch.setattr(pdf, "load_weasyprint", missing)
    shutil.copy(HEALTHY, tmp_path / work.UPLOAD_NAME)
    refusal = work.perform(work.Job(str(tmp_path), work.AUDIT, "zh", fmt="pdf"))
    assert refusal.status == 501 and refusal.code == "pdf_unavailable"
    assert "[pdf]" in refusal.message.texts["en"] and "[pdf]" in refusal.message.texts["zh"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_invalid_intake_is_422_with_every_problem_as_the_cli_words_it(client, token, tmp_path, lang,
                                                                          monkeypatch):
    raw = yaml.safe_load(SELLER.read_text(encoding="utf-8"))
    raw["organization"]["audit_date"] = "not-a-date"
    del raw["kpis"][0]["id"]
    bad = tmp_path / "intake.yaml"
    bad.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(UserInputError) as expected:
        load_intake("intake.yaml")  # as the CLI names it given that file; the service names every upload so
    response = post(client, token, bad.read_bytes(), lang=lang)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_intake" and error["source"] == "intake.yaml"
    assert error["message"] == expected.value.render(lang)
    assert [(p["location"], p["message"]) for p in error["problems"]] == [
        (p.location.texts[lang] if hasattr(p.location, "texts") else p.location,
         p.message.texts[lang] if hasattr(p.message, "texts") else p.message) for p in expected.value.problems]
    assert len(error["problems"]) >= 2 and error["more"] == 0
    assert "/tmp" not in response.text  # the job folder is the server's business


def test_validate_describes_a_valid_intake_and_lists_the_problems_of_an_invalid_one(client, token):
    valid = post(client, token, SELLER.read_bytes(), path="/v1/validate")
    assert valid.status_code == 200
    body = valid.json()
    loaded = load_intake(SELLER)
    assert body == {"valid": True, "organization": {"id": loaded.intake.organization.id,
                                                    "name": loaded.intake.organization.name},
                    "counts": {"units": len(loaded.intake.units), "roles": len(loaded.intake.roles),
                               "kpis": len(loaded.intake.kpis)}, "warnings": []}
    invalid = post(client, token, b"organization: {id: x}\n", path="/v1/validate", lang="zh")
    assert invalid.status_code == 422 and invalid.json()["error"]["problems"]
    assert "必填" in invalid.json()["error"]["problems"][0]["message"]


def test_saved_audits_get_a_public_id_and_the_next_one_compares_with_the_last(app, client, tmp_path):
    token = token_for(app, "Saver")
    first = post(client, token, SELLER.read_bytes(), save="true", as_of="2026-01-15")
    second = post(client, token, SELLER.read_bytes(), save="true")
    assert first.status_code == second.status_code == 200
    ids = first.headers["x-audit-id"], second.headers["x-audit-id"]
    assert ids[0] != ids[1] and not any(i.isdigit() for i in ids)
    assert "since_last_audit" in second.json()
    db = tmp_path / "cli.db"
    CliRunner().invoke(cli, ["audit", str(SELLER), "--as-of", "2026-01-15", "--save", "--db", str(db)])
    assert second.content == cli_report(SELLER, "--save", "--db", str(db))


def test_the_tenants_waivers_and_stored_ruleset_apply_as_the_clis_options_do(app, client, tmp_path):
    token = token_for(app, "Waiver")
    tenant = app.state.directory.authenticate(token)[0]
    space = Space(app.state.config, tenant)
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text("- {code: C01, subject: 'unit:*', reason: seasonal, approver: Zhao, expires: 2027-03-31}\n",
                       encoding="utf-8")
    org = load_intake(SELLER).intake.organization.id
    shutil.copy(waivers, work.waiver_file(space.waivers_dir, org))
    shutil.copy(EXAMPLES / "agency-override.yaml", space.rulesets_dir / "agency.yaml")
    response = post(client, token, SELLER.read_bytes(), ruleset="agency")
    assert response.status_code == 200 and response.json()["waived"]
    assert response.content == cli_report(SELLER, "--waivers", str(waivers), "--ruleset",
                                          str(EXAMPLES / "agency-override.yaml"))


def test_a_waiver_for_a_rule_the_ruleset_lacks_is_422_without_the_servers_path(app, client):
    token = token_for(app, "Typo")
    space = Space(app.state.config, app.state.directory.authenticate(token)[0])
    org = load_intake(SELLER).intake.organization.id
    work.waiver_file(space.waivers_dir, org).write_text(
        "- {code: Q99, subject: 'unit:*', reason: x, approver: y, expires: 2027-03-31}\n", encoding="utf-8")
    response = post(client, token, SELLER.read_bytes(), lang="zh")
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_waivers" and error["source"] == "waivers" and "Q99" in error["message"]
    assert str(space.root) not in response.text


@pytest.mark.parametrize(("fields", "code"), [({"format": "docx"}, "bad_format"), ({"as_of": "31/03/2026"}, "bad_date"),
                                              ({"prepared_by": "   "}, "no_prepared_by"),
                                              ({"ruleset": "../../etc/passwd"}, "bad_ruleset"),
                                              ({"ruleset": str(EXAMPLES / "agency-override.yaml")}, "bad_ruleset"),
                                              ({"lang": "fr"}, "bad_lang")])
def test_bad_parameters_are_422_before_any_work(client, token, fields, code):
    response = post(client, token, SELLER.read_bytes(), **fields)
    assert response.status_code == 422 and response.json()["error"]["code"] == code


def test_without_a_token_nothing_is_read(client):
    response = client.post("/v1/audits", files={"intake": ("x", SELLER.read_bytes())})
    assert response.status_code == 401


def _hostile(tmp_path: Path) -> dict[str, bytes]:
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("units.csv", "id,name\n")
        archive.writestr("kpis.csv", b"0" * (20 * 1024 * 1024))
    slip = io.BytesIO()
    with zipfile.ZipFile(slip, "w") as archive:
        archive.writestr("../../escaped.csv", "id\n")
    link = io.BytesIO()
    with zipfile.ZipFile(link, "w") as archive:
        member = zipfile.ZipInfo("units.csv")
        member.external_attr = 0o120777 << 16
        archive.writestr(member, "/etc/passwd")
    return {"zip bomb": bomb.getvalue(), "zip slip": slip.getvalue(), "symlink member": link.getvalue(),
            "alias bomb": yaml_alias_bomb(tmp_path).read_bytes(), "binary": bytes(range(256)) * 64}


def test_hostile_uploads_are_refused_and_the_server_keeps_answering(client, token, tmp_path):
    for name, data in _hostile(tmp_path).items():
        response = post(client, token, data)
        assert response.status_code == 422, name
        assert response.json()["error"]["code"] == "invalid_intake" and response.json()["error"]["message"], name
        assert "Traceback" not in response.text
    assert not (tmp_path.parent / "escaped.csv").exists()
    assert post(client, token, HEALTHY.read_bytes()).status_code == 200


def test_an_upload_over_the_limit_is_413_even_when_streamed(tmp_path):
    app = make_app(tmp_path, max_upload_mib=1)
    token = token_for(app, "Acme")
    boundary = "kpiaudit"
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"intake\"; filename=\"x\"\r\n\r\n").encode()

    def body():
        yield head
        for _ in range(3):
            yield b"a: b\n" * 100_000  # 1.5 MB in all, no Content-Length

    with TestClient(app) as client:
        response = client.post("/v1/audits", headers={**auth(token),
                                                      "Content-Type": f"multipart/form-data; boundary={boundary}"},
                               content=body())
        assert response.status_code == 413
        declared = client.post("/v1/audits", headers=auth(token), files={"intake": ("x", b"a" * (2 << 20))})
        assert declared.status_code == 413
        assert post(client, token, HEALTHY.read_bytes()).status_code == 200


def _wait_until(condition, limit: float = 60.0) -> None:
    """Poll (a bounded wait, not a timing assertion) until `condition()` holds."""
    deadline = time.monotonic() + limit
    while not condition():
        assert time.monotonic() < deadline, "the condition never held"
        time.sleep(0.02)


def test_a_slow_audit_is_stopped_at_the_limit_and_a_full_pool_answers_503(tmp_path):
    """A 5,000-KPI audit runs past a 1 s limit (504; its worker killed and replaced); while it runs, the one
    worker and its empty queue are full, so another request gets 503 with Retry-After at once."""
    app = make_app(tmp_path, workers=1, queue=0, audit_seconds=1.0)
    token = token_for(app, "Acme")
    slow = json.dumps(organisation(5000), default=str).encode()
    with TestClient(app) as client:
        assert post(client, token, HEALTHY.read_bytes()).status_code == 200  # the worker is up
        answers: list = []
        running = threading.Thread(target=lambda: answers.append(post(client, token, slow)))
        running.start()
        _wait_until(lambda: app.state.pool.admitted == 1)
        busy = post(client, token, HEALTHY.read_bytes(), lang="zh")
        running.join()
        assert busy.status_code == 503 and int(busy.headers["retry-after"]) >= 1
        assert busy.json()["error"]["code"] == "busy" and "重试" in busy.json()["error"]["message"]
        timed_out = answers[0]
        assert timed_out.status_code == 504 and timed_out.json()["error"]["code"] == "timed_out"
        assert post(client, token, HEALTHY.read_bytes()).status_code == 200  # a fresh worker took over


def test_concurrent_audits_of_two_tenants_each_get_exactly_their_own_report(app, client, tmp_path):
    tenants = {"North": (SELLER, token_for(app, "North")), "South": (HEALTHY, token_for(app, "South"))}
    expected = {name: cli_report(intake) for name, (intake, _) in tenants.items()}

    def audit(n: int) -> tuple[str, bytes]:
        name = ("North", "South")[n % 2]
        intake, token = tenants[name]
        response = post(client, token, intake.read_bytes())
        assert response.status_code == 200
        return name, response.content

    with ThreadPoolExecutor(8) as threads:
        results = list(threads.map(audit, range(12)))
    assert [name for name, _ in results] == [("North", "South")[n % 2] for n in range(12)]
    assert all(content == expected[name] for name, content in results)
    assert expected["North"] != expected["South"]
