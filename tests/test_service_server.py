"""The real server: `kpi-audit serve` on a free loopback port, talked to over HTTP (issue 13).

The TestClient tests (tests/test_service_*.py) call the application in-process; these start the command an
operator runs, with its worker processes, and check what only a running server shows: tokens made by
`kpi-audit token create` while it runs, the CLI's bytes over the wire, limits and headers as uvicorn sends them,
hostile uploads and concurrent tenants that leave it answering, and a shutdown that leaves no process behind.
"""
from __future__ import annotations

import signal
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx2
import pytest
from click.testing import CliRunner

from benchmarks import service_load
from benchmarks.live_server import LiveServer, create_token, is_loopback, kpi_audit, running, still_alive
from benchmarks.service_load import (AS_OF, EXAMPLES, Upload, alias_bomb_uploads, example_uploads, post_audit,
                                     zip_bomb_uploads)
from cli.main import cli
from service.tenants import Directory

UPLOAD_MIB = 1  # small, so an oversized body is cheap to send
OPTIONS = ("--workers", "2", "--queue", "8", "--max-upload-mib", str(UPLOAD_MIB))
TENANT_INTAKES = {"agency-a": ("cross-border-seller.yaml", "healthy.yaml", "everything-wrong.yaml"),
                  "agency-b": ("shenzhen-seller-zh.yaml", "amazon-ops-scorecard-zh.yaml", "bare.yaml")}


@dataclass(frozen=True)
class Served:
    server: LiveServer
    tokens: dict[str, str]

    def client(self, tenant: str | None = None) -> httpx2.Client:
        headers = {"Authorization": f"Bearer {self.tokens[tenant]}"} if tenant else {}
        return httpx2.Client(base_url=self.server.url, headers=headers, timeout=120)


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Served:
    """One server for the module. The first tenant's token is made by `kpi-audit token create` while the server
    runs (the same database), the others in this process (as tests/service_support.py makes them)."""
    db = tmp_path_factory.mktemp("served") / "service.db"
    first, *others = TENANT_INTAKES
    with running(db, OPTIONS) as server:
        tokens = {first: create_token(db, first)}
        tokens |= {tenant: Directory(db).create_token(tenant)[2] for tenant in others}
        yield Served(server, tokens)


def cli_report(intake: Path) -> bytes:
    """What `kpi-audit audit INTAKE --as-of AS_OF --lang en` prints (in this process: the same command)."""
    result = CliRunner().invoke(cli, ["audit", str(intake), "--as-of", AS_OF, "--lang", "en"])
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def upload_of(name: str) -> Upload:
    return next(upload for upload in example_uploads(EXAMPLES, UPLOAD_MIB) if upload.name == name)


def test_only_loopback_is_served():
    assert all(map(is_loopback, ("127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost")))
    assert not any(map(is_loopback, ("0.0.0.0", "192.168.1.5", "example.com", "::")))
    with pytest.raises(ValueError):
        LiveServer(Path("service.db"), host="0.0.0.0")
    with pytest.raises(SystemExit) as refused:  # the load benchmark refuses before it starts anything
        service_load.main(["--host", "10.0.0.1", "--seconds", "1"])
    assert refused.value.code == 2


def test_openapi_page_and_schema(served):
    with served.client() as client:
        docs = client.get("/docs")
        schema = client.get("/openapi.json")
    assert docs.status_code == 200 and docs.headers["content-type"].startswith("text/html")
    assert "swagger" in docs.text.lower()
    assert schema.status_code == 200
    assert {"/v1/audits", "/v1/validate", "/v1/rules", "/v1/rules/{code}"} <= set(schema.json()["paths"])


def test_every_api_call_needs_a_valid_token(served):
    with served.client() as client:
        missing = [client.get("/v1/rules"), post_audit(client, upload_of("healthy.yaml"))]
        wrong = client.get("/v1/rules", headers={"Authorization": "Bearer not-a-token"})
    for response in [*missing, wrong]:
        assert response.status_code == 401
        assert response.headers["www-authenticate"].startswith("Bearer")
        assert set(response.json()["error"]) >= {"code", "message"}
    with served.client("agency-a") as client:
        assert client.get("/v1/rules").status_code == 200


def test_audit_over_http_is_the_cli_report_byte_for_byte(served):
    """Same intake, same options: the API answers exactly the bytes `kpi-audit audit` prints (a real CLI run)."""
    intake = EXAMPLES / "cross-border-seller.yaml"
    printed = kpi_audit("audit", intake, "--as-of", AS_OF, "--lang", "en")
    assert printed.returncode == 0, printed.stderr
    with served.client("agency-a") as client:
        response = post_audit(client, upload_of(intake.name))
    assert response.status_code == 200, response.text
    assert response.content == printed.stdout
    assert response.headers["content-type"].startswith("application/json")


def test_security_headers_on_reports_and_errors(served):
    with served.client("agency-a") as client:
        answers = [post_audit(client, upload_of("healthy.yaml")), client.get("/v1/rules/NOPE"),
                   client.get("/v1/rules", headers={"Authorization": "Bearer nope"})]
    for response in answers:
        csp = response.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src" not in csp, csp
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"
        assert response.headers["cache-control"] == "no-store"
        assert "server" not in response.headers  # uvicorn's banner is off


def test_oversized_bodies_are_refused_before_reading(served):
    """413 from the declared Content-Length, and from a streamed (chunked) body as soon as it passes the limit."""
    body = b"#" * ((UPLOAD_MIB << 20) + 1)
    boundary = "kpi-audit-test-boundary"
    head = (f'--{boundary}\r\nContent-Disposition: form-data; name="intake"; filename="big.yaml"\r\n'
            f"Content-Type: application/yaml\r\n\r\n").encode()

    def streamed():  # no Content-Length: httpx2 sends it chunked
        yield head
        for start in range(0, len(body), 64 * 1024):
            yield body[start:start + 64 * 1024]
        yield f"\r\n--{boundary}--\r\n".encode()

    with served.client("agency-a") as client:
        declared = post_audit(client, Upload("big.yaml", body))
        chunked = client.post("/v1/audits", content=streamed(),
                              headers={"content-type": f"multipart/form-data; boundary={boundary}"})
    for response in (declared, chunked):
        assert response.status_code == 413
        assert response.json()["error"]["code"] == "too_large"
    assert served.server.answers()


def test_hostile_uploads_cost_a_worker_and_never_the_server(served):
    """A zip bomb (workbook and zipped CSV folder) and an alias bomb: each refused as an invalid intake, no trace
    in the answer, and the server then still audits."""
    hostile = alias_bomb_uploads(served.server.db.parent, UPLOAD_MIB) + zip_bomb_uploads(
        served.server.db.parent, UPLOAD_MIB)
    with served.client("agency-b") as client:
        for upload in hostile:
            response = post_audit(client, upload)
            assert response.status_code == 422, (upload.name, response.text)
            error = response.json()["error"]
            assert error["code"] == "invalid_intake" and error["problems"], error
            assert "Traceback" not in response.text and str(served.server.db.parent) not in response.text
        assert served.server.answers()
        after = post_audit(client, upload_of("bare.yaml"))
    assert after.status_code == 200 and after.json()["organization"]["id"] == "bare-co"


def test_concurrent_tenants_each_get_exactly_their_own_report(served):
    """Two tenants, three threads each, every thread posting its own intake at the same moment: every answer is
    the CLI's report of that very intake."""
    expected = {name: cli_report(EXAMPLES / name) for names in TENANT_INTAKES.values() for name in names}
    jobs = [(tenant, name) for tenant, names in TENANT_INTAKES.items() for name in names]
    barrier = threading.Barrier(len(jobs))

    def post(job: tuple[str, str]) -> tuple[int, str, bytes]:
        tenant, name = job
        with served.client(tenant) as client:
            barrier.wait(timeout=60)
            response = post_audit(client, upload_of(name))
        return response.status_code, name, response.content

    with ThreadPoolExecutor(len(jobs)) as threads:
        answers = list(threads.map(post, jobs))
    assert len(answers) == len(jobs)
    for status, name, body in answers:
        assert status == 200, (name, body[:300])
        assert httpx2.Response(200, content=body).json()["organization"]["id"] == upload_of(name).org_id
        assert body == expected[name], name


def test_stopping_the_server_leaves_no_process_behind(tmp_path):
    """SIGTERM: the server exits by itself (uvicorn ends by re-raising the signal; no SIGKILL needed) and every process it started (its workers, the
    fork server) is gone, checked by pid and start time."""
    server = LiveServer(tmp_path / "service.db", ("--workers", "1"))
    server.start()
    try:
        with httpx2.Client(base_url=server.url, timeout=120,
                          headers={"Authorization": f"Bearer {Directory(server.db).create_token('solo')[2]}"}
                          ) as client:
            assert post_audit(client, upload_of("healthy.yaml")).status_code == 200
        below = [info for info in server.tree() if info.pid != server.pid]
        assert below, "no worker process"
    finally:
        status = server.stop()
    assert status in (0, -signal.SIGTERM), server.log_text()
    assert still_alive(below) == []
