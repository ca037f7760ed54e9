"""Portfolio batches over HTTP: a .zip of intakes queued at once and run on the batch engine to its summary and
reports; hostile zips refused before anything is written outside the batch's folder; tenants isolated; the queue
bounded per tenant and in all, tenants taking turns, a batch's clients capped; an ended batch's intakes deleted and
a tenant's old batches pruned; a batch left running by a stopped server resumed at the next start."""
from __future__ import annotations

import io
import json
import stat
import time
import zipfile
from pathlib import Path

import pytest
import yaml
from fastapi.testclient import TestClient

from engine.loaders.writers import write_csv_folder
from service.batch_process import end_job
from service.batch_retention import prune
from service.batch_runner import MAX_CLIENTS, QUEUE
from service.batch_upload import LIMITS
from service.space import Space
from tests.conftest import EXAMPLES
from tests.service_support import auth, make_app, token_for

POLL_SECONDS = 0.2
POLLS = 1500  # a bound so a stuck batch fails the test instead of hanging it (not a timing assertion)
BROKEN = b"organization: [unclosed\n"


def zipped(members: dict[str, bytes], links: tuple[str, ...] = ()) -> bytes:
    """A zip of `members` (name -> bytes); names in `links` are stored as symbolic links."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            if name in links:
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def example(name: str) -> bytes:
    return (EXAMPLES / name).read_bytes()


def csv_members(folder: str, example_name: str, tmp_path: Path) -> dict[str, bytes]:
    """An example as a CSV intake folder, as zip members under `folder/`."""
    target = tmp_path / "csv-source"
    write_csv_folder(yaml.safe_load(example(example_name)), target, "en")
    return {f"{folder}/{path.name}": path.read_bytes() for path in sorted(target.iterdir())}


def post(client: TestClient, token: str, data: bytes, **fields: str):
    return client.post("/v1/batches", headers=auth(token), data=fields,
                       files={"portfolio": ("clients.zip", data, "application/zip")})


def wait_for(client: TestClient, token: str, batch_id: str) -> dict:
    """The batch once it has ended (finished or failed)."""
    for _ in range(POLLS):
        body = client.get(f"/v1/batches/{batch_id}", headers=auth(token)).json()
        if body["status"] in ("finished", "failed"):
            return body
        time.sleep(POLL_SECONDS)
    raise AssertionError(f"batch {batch_id} did not end: {body}")


def batch_folders(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "service-data" / "tenants").glob("*/batches/*"))


def intakes_left(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "service-data" / "tenants").glob("*/batches/*/intakes"))


def test_a_portfolio_runs_to_its_summary_and_reports(tmp_path):
    app = make_app(tmp_path)
    token = token_for(app, "agency")
    members = {"healthy.yaml": example("healthy.yaml"), "wrong.yaml": example("everything-wrong.yaml"),
               **csv_members("seller", "cross-border-seller.yaml", tmp_path), "broken.yaml": BROKEN}
    with TestClient(app) as client:
        answer = post(client, token, zipped(members), formats="json,html", lang="en")
        assert answer.status_code == 202, answer.text
        queued = answer.json()
        assert queued["status"] in ("queued", "running") and queued["total"] == 4
        assert answer.headers["location"] == queued["links"]["self"] == f"/v1/batches/{queued['id']}"
        batch = wait_for(client, token, queued["id"])
        assert batch["status"] == "finished", batch
        assert intakes_left(tmp_path) == [] and len(batch_folders(tmp_path)) == 1  # the intakes went at the end
        assert (batch["done"], batch["failed"], batch["total"]) == (4, 1, 4)
        clients = {c["client"]: c for c in batch["clients"]}
        assert {name: c["status"] for name, c in clients.items()} == {
            "broken": "failed", "healthy": "audited", "seller": "audited", "wrong": "audited"}
        assert "invalid YAML" in clients["broken"]["error"] and "broken.yaml" in clients["broken"]["error"]
        assert clients["healthy"]["score"] > clients["wrong"]["score"]

        url = f"/v1/batches/{batch['id']}"
        summary = client.get(f"{url}/summary", headers=auth(token))
        assert summary.headers["content-type"] == "application/json"
        rows = {row["client"]: row for row in summary.json()["clients"]}
        assert rows["broken"]["status"] == "failed" and rows["seller"]["score"] == clients["seller"]["score"]
        assert str(tmp_path) not in summary.text + json.dumps(batch)  # sources as the zip names them
        page = client.get(f"{url}/summary?format=html", headers=auth(token))
        assert page.headers["content-type"].startswith("text/html") and "<html" in page.text
        assert "default-src 'none'" in page.headers["content-security-policy"]
        table = client.get(f"{url}/summary?format=csv", headers=auth(token))
        assert table.headers["content-disposition"].startswith("attachment") and "seller" in table.text
        assert client.get(f"{url}/summary?format=md", headers=auth(token)).status_code == 422

        report = client.get(clients["healthy"]["links"]["report"], headers=auth(token))
        assert report.headers["content-type"] == "application/json"
        made = tmp_path / "service-data"
        written = next(made.glob("tenants/*/batches/*/out/healthy.json")).read_bytes()
        assert report.content == written and report.json()["language"] == "en"
        html = client.get(f"{clients['seller']['links']['report']}?format=html", headers=auth(token))
        assert html.headers["content-type"].startswith("text/html") and "<!DOCTYPE html>" in html.text
        assert client.get(f"{clients['seller']['links']['report']}?format=md",
                          headers=auth(token)).json()["error"]["code"] == "bad_format"  # not made
        failed = client.get(clients["broken"]["links"]["report"], headers=auth(token))
        assert failed.status_code == 409 and failed.json()["error"]["code"] == "client_failed"
        for name in ("nobody", "..%2Fhealthy", "portfolio"):
            assert client.get(f"{url}/reports/{name}", headers=auth(token)).status_code == 404

        listed = client.get("/v1/batches", headers=auth(token)).json()["batches"]
        assert [(b["id"], b["status"], b["done"]) for b in listed] == [(batch["id"], "finished", 4)]


def test_a_chinese_batch_in_markdown_saved_in_the_tenants_store(tmp_path):
    app = make_app(tmp_path)
    token = token_for(app, "agency")
    members = {"深圳卖家.yaml": example("shenzhen-seller-zh.yaml"), "ops.yaml": example("amazon-ops-scorecard-zh.yaml")}
    with TestClient(app) as client:
        answer = post(client, token, zipped(members), formats="md", lang="zh", save="true")
        batch = wait_for(client, token, answer.json()["id"])
        assert (batch["status"], batch["done"], batch["failed"], batch["formats"]) == ("finished", 2, 0, ["json", "md"])
        with Space(app.state.config, app.state.directory.authenticate(token)[0]).open_store() as store:
            assert len(store.orgs()) == 2  # saved in the tenant's own audit store
        names = [c["client"] for c in batch["clients"]]
        assert names == ["ops", "深圳卖家"]
        report = client.get(batch["clients"][1]["links"]["report"] + "?format=md", headers=auth(token))
        assert report.headers["content-type"].startswith("text/markdown") and "诊断" in report.text
        page = client.get(f"/v1/batches/{batch['id']}/summary?format=html", headers=auth(token))
        assert 'lang="zh' in page.text and "深圳卖家" in page.text


HOSTILE = {
    "zip slip": ({"healthy.yaml": b"x", "../evil.yaml": b"x"}, (), "../evil.yaml"),
    "absolute path": ({"/tmp/evil.yaml": b"x"}, (), "/tmp/evil.yaml"),
    "symlink": ({"evil.yaml": b"/etc/passwd"}, ("evil.yaml",), "evil.yaml"),
    "manifest": ({"healthy.yaml": b"x", "clients.txt": b"/etc/passwd\n"}, (), "clients.txt"),
    "folder in a folder": ({"a/b/kpis.csv": b"x", "c.yaml": b"x"}, (), "a/b/kpis.csv"),
    "hidden file": ({".state.yaml": b"x"}, (), ".state.yaml"),
    "bomb": ({"bomb.yaml": b"0" * (20 * 1024 * 1024)}, (), "bomb.yaml"),
    "too many members": ({f"c{i}.yaml": b"" for i in range(LIMITS.members + 1)}, (), ""),
}


@pytest.mark.parametrize("case", HOSTILE, ids=list(HOSTILE))
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_hostile_zips_are_refused_before_anything_is_written(tmp_path, case, lang):
    members, links, location = HOSTILE[case]
    app = make_app(tmp_path)
    token = token_for(app, "agency")
    client = TestClient(app)
    answer = post(client, token, zipped(members, links), lang=lang)
    assert answer.status_code == 422, answer.text
    error = answer.json()["error"]
    assert error["code"] == "invalid_portfolio" and error["source"] == "portfolio"
    assert location in [p["location"] for p in error["problems"]]
    assert (any("\u4e00" <= ch <= "\u9fff" for ch in error["message"])) == (lang == "zh")
    assert batch_folders(tmp_path) == []
    assert not (tmp_path / "evil.yaml").exists() and not list(tmp_path.rglob("evil.yaml"))


def test_not_a_zip_and_clashing_clients_are_refused_in_the_clients_words(tmp_path):
    app = make_app(tmp_path)
    token = token_for(app, "agency")
    client = TestClient(app)
    error = post(client, token, b"organization: {}\n").json()["error"]
    assert error["code"] == "invalid_portfolio" and "zip" in error["message"]
    clash = post(client, token, zipped({"acme.yaml": example("bare.yaml"), "acme.json": b"{}"})).json()["error"]
    assert "acme.json" in clash["message"] and "acme.yaml" in clash["message"]
    assert str(tmp_path) not in json.dumps(clash)
    assert post(client, token, zipped({})).json()["error"]["code"] == "invalid_portfolio"  # no clients
    assert batch_folders(tmp_path) == []


@pytest.mark.parametrize("fields, code", [({"formats": "json,docx"}, "bad_formats"),
                                          ({"ruleset": "../../etc/passwd"}, "bad_ruleset"),
                                          ({"lang": "fr"}, "bad_lang")])
def test_bad_options_are_refused(tmp_path, fields, code):
    app = make_app(tmp_path)
    token = token_for(app, "agency")
    answer = post(TestClient(app), token, zipped({"healthy.yaml": example("healthy.yaml")}), **fields)
    assert (answer.status_code, answer.json()["error"]["code"]) == (422, code)
    assert batch_folders(tmp_path) == []


def test_another_tenants_batch_is_not_found(tmp_path):
    app = make_app(tmp_path)  # no lifespan: the batch stays queued
    mine, theirs = token_for(app, "agency-a"), token_for(app, "agency-b")
    client = TestClient(app)
    batch_id = post(client, mine, zipped({"healthy.yaml": example("healthy.yaml")})).json()["id"]
    assert client.get(f"/v1/batches/{batch_id}", headers=auth(mine)).json()["status"] == "queued"
    unknown = client.get("/v1/batches/bat_0000000000000000", headers=auth(theirs))
    for path in ("", "/summary", "/reports/healthy"):
        other = client.get(f"/v1/batches/{batch_id}{path}", headers=auth(theirs))
        assert (other.status_code, other.json()) == (404, unknown.json())
    assert client.get("/v1/batches", headers=auth(theirs)).json() == {"batches": []}
    assert client.get(f"/v1/batches/{batch_id}/summary", headers=auth(mine)).status_code == 409  # not finished


def test_a_tenant_over_its_own_queue_gets_503_and_another_tenant_still_gets_in(tmp_path):
    app = make_app(tmp_path)  # no lifespan: nothing runs, every batch waits
    first, second = token_for(app, "agency-a"), token_for(app, "agency-b")
    client = TestClient(app)
    data = zipped({"healthy.yaml": example("healthy.yaml")})
    assert [post(client, first, data).status_code for _ in range(QUEUE.tenant)] == [202] * QUEUE.tenant
    full = post(client, first, data, lang="zh")
    assert full.status_code == 503 and int(full.headers["retry-after"]) > 0
    assert full.json()["error"]["code"] == "tenant_queue_full" and "本账户" in full.json()["error"]["message"]
    assert post(client, second, data).status_code == 202
    assert len(batch_folders(tmp_path)) == QUEUE.tenant + 1


def test_the_service_wide_queue_is_bounded_too(tmp_path):
    app = make_app(tmp_path)  # no lifespan: nothing runs, every batch waits
    client = TestClient(app)
    data = zipped({"healthy.yaml": example("healthy.yaml")})
    tenants = -(-QUEUE.service // QUEUE.tenant)  # just enough tenants, each filling its own queue, to fill it
    answers = [post(client, token, data).status_code for token in
               [token_for(app, f"agency-{n}") for n in range(tenants)] for _ in range(QUEUE.tenant)]
    assert answers.count(202) == QUEUE.service
    full = post(client, token_for(app, "late"), data, lang="zh")
    assert full.status_code == 503 and int(full.headers["retry-after"]) > 0
    assert full.json()["error"]["code"] == "queue_full" and "排队" in full.json()["error"]["message"]
    assert len(batch_folders(tmp_path)) == QUEUE.service


def test_tenants_take_turns(tmp_path):
    app = make_app(tmp_path)  # no lifespan: the test takes the batches as the runner would
    first, second = token_for(app, "agency-a"), token_for(app, "agency-b")
    client = TestClient(app)
    jobs, directory = app.state.batches.jobs, app.state.directory
    data = zipped({"healthy.yaml": example("healthy.yaml")})

    def local(token: str) -> int:
        public = post(client, token, data).json()["id"]
        return directory.local_id(directory.authenticate(token)[0], "batch", public)

    a1, a2 = local(first), local(first)
    assert jobs.next_queued().id == a1  # neither tenant served yet: the oldest batch
    a3, b1 = local(first), local(second)  # A: a1 running, a2 and a3 waiting; B's one came last
    jobs.finish(a1)
    assert [jobs.next_queued().id for _ in range(3)] == [b1, a2, a3]  # B's before A's second
    assert jobs.next_queued() is None


def test_a_portfolio_over_the_client_cap_is_refused(tmp_path):
    app = make_app(tmp_path)
    token = token_for(app, "agency")
    members = {f"client-{n:04d}.yaml": b"" for n in range(MAX_CLIENTS + 1)}
    for lang, words in (("en", f"more than the {MAX_CLIENTS}"), ("zh", f"超过单个批次上限 {MAX_CLIENTS}")):
        answer = post(TestClient(app), token, zipped(members), lang=lang)
        assert answer.status_code == 422, answer.text
        error = answer.json()["error"]
        assert error["code"] == "invalid_portfolio" and words in error["message"]
    assert batch_folders(tmp_path) == []
    assert post(TestClient(app), token, zipped(dict(list(members.items())[:MAX_CLIENTS]))).status_code == 202


def test_a_tenants_oldest_ended_batches_are_deleted_and_others_kept(tmp_path):
    app = make_app(tmp_path)  # no lifespan: the test ends the batches as the runner would
    mine, theirs = token_for(app, "agency-a"), token_for(app, "agency-b")
    client = TestClient(app)
    jobs = app.state.batches.jobs
    data = zipped({"healthy.yaml": example("healthy.yaml")})
    ended = []
    for _ in range(3):
        ended.append(post(client, mine, data).json()["id"])
        end_job(app.state.config, jobs, jobs.next_queued(), None)
    other, waiting = post(client, theirs, data).json()["id"], post(client, mine, data).json()["id"]
    prune(app.state.config, jobs, app.state.directory.authenticate(mine)[0], keep=2)
    assert client.get(f"/v1/batches/{ended[0]}", headers=auth(mine)).status_code == 404
    for batch_id in ended[1:] + [waiting]:
        assert client.get(f"/v1/batches/{batch_id}", headers=auth(mine)).status_code == 200
    assert client.get(f"/v1/batches/{other}", headers=auth(theirs)).json()["status"] == "queued"
    assert [b["id"] for b in client.get("/v1/batches", headers=auth(mine)).json()["batches"]] == \
        [waiting, ended[2], ended[1]]
    assert len(batch_folders(tmp_path)) == 4  # the other tenant's, the waiting one and the newest two ended
    assert len(intakes_left(tmp_path)) == 2  # the two queued batches': an ended batch's went when it ended


def test_a_batch_left_running_is_resumed_at_the_next_start(tmp_path):
    app = make_app(tmp_path)
    token = token_for(app, "agency")
    batch_id = post(TestClient(app), token, zipped({"healthy.yaml": example("healthy.yaml"),
                                                    "bare.yaml": example("bare.yaml")})).json()["id"]
    assert app.state.batches.jobs.next_queued() is not None  # taken, then the server "died" under it
    restarted = make_app(tmp_path)
    with TestClient(restarted) as client:
        batch = wait_for(client, token, batch_id)
    assert (batch["status"], batch["done"], batch["failed"]) == ("finished", 2, 0)


def test_a_batch_whose_process_dies_is_failed_with_its_reason(tmp_path):
    app = make_app(tmp_path, worker_memory_mib=64)  # too little for the batch process: it dies at its start
    token = token_for(app, "agency")
    with TestClient(app) as client:
        batch_id = post(client, token, zipped({"healthy.yaml": example("healthy.yaml")})).json()["id"]
        batch = wait_for(client, token, batch_id)
        assert batch["status"] == "failed" and "abruptly" in batch["error"]
        assert intakes_left(tmp_path) == []
        summary = client.get(f"/v1/batches/{batch_id}/summary?lang=zh", headers=auth(token))
        assert summary.status_code == 409 and "意外终止" in summary.json()["error"]["message"]
