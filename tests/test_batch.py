"""`kpi-audit batch`: a portfolio audited on worker processes, fault-isolated (a broken intake, a dead worker),
resumable after a kill, in mixed intake forms, with the portfolio summary; usage errors exit 2."""
from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from benchmarks.portfolio import synthetic_portfolio
from portfolio import messages
from portfolio.progress import Progress
from portfolio.results import ClientResult
from portfolio.state import STATE_FILE
from tests.conftest import EXAMPLES, ROOT

SELLER = EXAMPLES / "cross-border-seller.yaml"


def kpi_audit(*args: object, **kwargs) -> subprocess.CompletedProcess:
    """The real command in its own process, as a user runs it (worker processes included)."""
    result = subprocess.run([sys.executable, "-m", "cli.main", *map(str, args)], cwd=ROOT, capture_output=True,
                            text=True, env={**os.environ, "KPI_AUDIT_LANG": "en"}, **kwargs)
    assert "Traceback" not in result.stderr
    return result


def statuses(out: Path) -> dict[str, str]:
    """Client -> status, as the portfolio summary records them."""
    portfolio = json.loads((out / "portfolio.json").read_text(encoding="utf-8"))
    return {row["client"]: row["status"] for row in portfolio["clients"]}


def state_clients(out: Path) -> set[str]:
    return set(json.loads((out / STATE_FILE).read_text(encoding="utf-8"))["clients"])


def test_synthetic_portfolio_with_a_broken_file(tmp_path):
    clients = tmp_path / "clients"
    synthetic_portfolio(clients, 30)
    (clients / "broken.yaml").write_text("organization: [unclosed\n", encoding="utf-8")
    out = tmp_path / "out"
    result = kpi_audit("batch", clients, "--out", out, "--workers", "2", "--format", "json,md")
    assert result.returncode == 1, result.stderr
    reports = sorted(p.stem for p in out.glob("client-*.json"))
    assert reports == [f"client-{i:03d}" for i in range(30)]
    assert len(list(out.glob("client-*.md"))) == 30
    assert not (out / "broken.json").exists()
    found = statuses(out)
    assert found.pop("broken") == "failed"
    assert set(found.values()) == {"audited"} and len(found) == 30
    assert "broken: FAILED" in result.stderr and "invalid YAML" in result.stderr
    assert "30 audited, 0 unchanged, 1 failed" in result.stderr
    assert state_clients(out) == set(found)
    report = json.loads((out / "client-007.json").read_text(encoding="utf-8"))
    assert report["organization"]["name"] == "Client 007"


def test_mixed_forms_all_audit(tmp_path):
    clients = tmp_path / "clients"
    clients.mkdir()
    raw = yaml.safe_load(SELLER.read_text(encoding="utf-8"))
    (clients / "yaml-client.yaml").write_text(SELLER.read_text(encoding="utf-8"), encoding="utf-8")
    (clients / "json-client.json").write_text(json.dumps(raw, ensure_ascii=False, default=str), encoding="utf-8")
    assert kpi_audit("convert", SELLER, clients / "xlsx-client.xlsx").returncode == 0
    assert kpi_audit("convert", SELLER, clients / "csv-client").returncode == 0
    assert kpi_audit("convert", SELLER, clients / "gbk-client", "--lang", "zh").returncode == 0
    for path in (clients / "gbk-client").iterdir():
        path.write_bytes(path.read_text(encoding="utf-8-sig").encode("gbk"))
    (clients / "notes.txt").write_text("not an intake", encoding="utf-8")
    out = tmp_path / "out"
    result = kpi_audit("batch", clients, "--out", out, "--workers", "2", "--format", "html")
    assert result.returncode == 0, result.stderr
    forms = {"yaml-client", "json-client", "xlsx-client", "csv-client", "gbk-client"}
    assert statuses(out) == {name: "audited" for name in forms}
    scores = {json.loads((out / f"{name}.json").read_text(encoding="utf-8"))["score"]["overall"] for name in forms}
    assert len(scores) == 1  # the same client in five forms
    assert ("csv-client, gbk-client, json-client, xlsx-client, yaml-client all describe organization nova-home"
            in result.stderr)
    assert all((out / f"{name}.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>") for name in forms)


def test_clients_sharing_an_organization_id_are_told_apart_from_distinct_ones(tmp_path):
    """A copied intake whose organization.id was never changed is named with its twin; a client with its own id
    (the near miss) is not, and the batch still succeeds."""
    clients = tmp_path / "clients"
    clients.mkdir()
    raw = yaml.safe_load(SELLER.read_text(encoding="utf-8"))
    for name, org in (("north", "nova-home"), ("south", "nova-home"), ("east", "east-co")):
        (clients / f"{name}.yaml").write_text(yaml.safe_dump({**raw, "organization": {**raw["organization"],
                                                                                       "id": org}},
                                                             allow_unicode=True), encoding="utf-8")
    result = kpi_audit("batch", clients, "--out", tmp_path / "out", "--workers", "1", "--format", "json")
    assert result.returncode == 0, result.stderr
    told = [line for line in result.stderr.splitlines() if "all describe organization" in line]
    assert told == ["kpi-audit: north, south all describe organization nova-home: their reports stay apart, but "
                    "saved audits (--save), history and compare treat them as one organization; give each client "
                    "its own organization.id"]
    zh = kpi_audit("batch", clients, "--out", tmp_path / "out-zh", "--workers", "1", "--format", "json",
                   "--lang", "zh")
    assert [line for line in zh.stderr.splitlines() if "同一个组织" in line] == [
        "kpi-audit: north、south 描述的是同一个组织 nova-home：报告各自独立，但保存的诊断（--save）、history 和 compare "
        "会把它们当作同一个组织；请给每个客户不同的 organization.id"]
    summary = json.loads((tmp_path / "out" / "portfolio.json").read_text(encoding="utf-8"))
    assert summary["shared_organizations"] == [{"organization": "nova-home", "clients": ["north", "south"]}]
    page = (tmp_path / "out-zh" / "portfolio.html").read_text(encoding="utf-8")
    assert '<p class="note shared">north、south 描述的是同一个组织 nova-home：报告各自独立' in page


def test_a_quiet_batch_still_names_a_shared_organization_in_its_summary(tmp_path):
    """--quiet (and the service, which runs batches quietly) prints nothing, so the summary is where the shared
    id is told; a batch whose clients all have their own ids (the near miss) has no such note."""
    clients = tmp_path / "clients"
    clients.mkdir()
    for name in ("a", "b"):
        (clients / f"{name}.yaml").write_text(SELLER.read_text(encoding="utf-8"), encoding="utf-8")
    result = kpi_audit("batch", clients, "--out", tmp_path / "out", "--workers", "1", "--format", "json", "--quiet")
    assert result.returncode == 0 and result.stderr == ""
    page = (tmp_path / "out" / "portfolio.html").read_text(encoding="utf-8")
    assert 'class="note shared">a, b all describe organisation nova-home: their reports stay apart' in page
    (clients / "b.yaml").unlink()
    kpi_audit("batch", clients, "--out", tmp_path / "alone", "--workers", "1", "--format", "json", "--quiet")
    assert json.loads((tmp_path / "alone" / "portfolio.json").read_text(encoding="utf-8"))["shared_organizations"] == []
    assert "note shared" not in (tmp_path / "alone" / "portfolio.html").read_text(encoding="utf-8")


DYING = """
import os, sys
import engine.audit

audit = engine.audit.run_audit


def dying(intake, *args, **kwargs):
    if intake.organization.id == "client-003":
        os._exit(70)  # the worker dies as if killed: no exception, no result
    return audit(intake, *args, **kwargs)


engine.audit.run_audit = dying
from cli.main import main

main()
"""


@pytest.mark.parametrize("workers", [1, 2])
def test_a_dead_worker_fails_only_its_client(tmp_path, workers):
    clients = tmp_path / "clients"
    synthetic_portfolio(clients, 8)
    driver = tmp_path / "dying.py"
    driver.write_text(DYING, encoding="utf-8")
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, str(driver), "batch", clients, "--out", out, "--workers", str(workers)],
                            cwd=ROOT, capture_output=True, text=True, env={**os.environ, "KPI_AUDIT_LANG": "en",
                                                                           "PYTHONPATH": str(ROOT)})
    assert result.returncode == 1, result.stderr
    found = statuses(out)
    assert found.pop("client-003") == "failed"
    assert set(found.values()) == {"audited"} and len(found) == 7
    portfolio = json.loads((out / "portfolio.json").read_text(encoding="utf-8"))
    failed = next(row for row in portfolio["clients"] if row["client"] == "client-003")
    assert "worker process" in failed["error"] and "stopped abruptly" in failed["error"]


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGKILL])
def test_interrupted_batch_resumes_without_redoing_finished_clients(tmp_path, how):
    clients = tmp_path / "clients"
    synthetic_portfolio(clients, 24, kpis=60)
    out = tmp_path / "out"
    batch = subprocess.Popen([sys.executable, "-m", "cli.main", "batch", str(clients), "--out", str(out),
                              "--workers", "1"], cwd=ROOT, stderr=subprocess.PIPE, text=True,
                             env={**os.environ, "KPI_AUDIT_LANG": "en"}, start_new_session=True)
    finished = 0
    for line in batch.stderr:
        finished += ": score " in line
        if finished == 4:
            break
    os.killpg(batch.pid, how)  # the whole process group, as Ctrl-C or a kill of the job does
    rest = batch.stderr.read()
    batch.wait(timeout=60)
    assert batch.returncode != 0
    assert "Traceback" not in rest
    done = state_clients(out)
    assert 4 <= len(done) < 24
    assert not (out / "portfolio.json").exists()
    kept = {name: (out / f"{name}.json").stat().st_mtime_ns for name in done}
    for name in done:  # every recorded client's report is whole
        assert json.loads((out / f"{name}.json").read_text(encoding="utf-8"))["organization"]["id"] == name
    result = kpi_audit("batch", clients, "--out", out, "--workers", "2")
    assert result.returncode == 0, result.stderr
    assert f"{len(done)} client(s) unchanged" in result.stderr
    assert {name: (out / f"{name}.json").stat().st_mtime_ns for name in done} == kept
    found = statuses(out)
    assert {name for name, status in found.items() if status == "skipped"} == done
    assert {name for name, status in found.items() if status == "audited"} == set(found) - done
    assert len(found) == 24 and state_clients(out) == set(found)


def test_rerun_skips_unchanged_and_redoes_changed_or_forced(tmp_path):
    clients = tmp_path / "clients"
    paths = synthetic_portfolio(clients, 4)
    out = tmp_path / "out"
    assert kpi_audit("batch", clients, "--out", out, "--workers", "1").returncode == 0
    first = {p.stem: (out / f"{p.stem}.json").stat().st_mtime_ns for p in paths}
    time.sleep(0.01)
    data = json.loads(paths[1].read_text(encoding="utf-8"))
    data["organization"]["name"] = "Renamed"
    paths[1].write_text(json.dumps(data), encoding="utf-8")
    assert kpi_audit("batch", clients, "--out", out, "--workers", "1").returncode == 0
    assert statuses(out) == {"client-000": "skipped", "client-001": "audited", "client-002": "skipped",
                             "client-003": "skipped"}
    second = {p.stem: (out / f"{p.stem}.json").stat().st_mtime_ns for p in paths}
    assert [name for name in first if first[name] != second[name]] == ["client-001"]
    # a format not written before, another language and --force each redo every client
    for extra in (["--format", "json,md"], ["--lang", "zh"], ["--lang", "zh", "--force"]):
        kpi_audit("batch", clients, "--out", out, "--workers", "1", *extra)
        assert set(statuses(out).values()) == {"audited"}, extra
    (out / "client-002.json").unlink()  # a report gone from disk is redone too
    kpi_audit("batch", clients, "--out", out, "--workers", "1", "--lang", "zh")
    assert statuses(out)["client-002"] == "audited" and statuses(out)["client-000"] == "skipped"


def test_manifest_and_fail_under(tmp_path):
    synthetic_portfolio(tmp_path / "a", 2)
    manifest = tmp_path / "clients.txt"
    manifest.write_text(f"# this quarter\na/client-000.json\n\n{SELLER}\nmissing.yaml\n", encoding="utf-8")
    out = tmp_path / "out"
    result = kpi_audit("batch", manifest, "--out", out, "--workers", "2", "--fail-under", "60")
    assert result.returncode == 1
    found = statuses(out)
    assert found == {"client-000": "audited", "cross-border-seller": "audited", "missing": "failed"}
    assert "cross-border-seller: score 50.3 is below --fail-under 60" in result.stderr
    manifest.write_text("a/client-000.json\n", encoding="utf-8")
    assert kpi_audit("batch", manifest, "--out", out, "--fail-under", "10").returncode == 0


@pytest.mark.parametrize("setup, args, message", [
    (lambda d: (d / "acme.yaml").write_text("x: 1") and (d / "acme.json").write_text("{}"), [],
     "acme.json and"),
    (lambda d: (d / "portfolio.yaml").write_text("x: 1"), [], "may not be named portfolio"),
    (lambda d: None, [], "no client intakes found"),
    (lambda d: (d / "a.yaml").write_text("x: 1"), ["--format", "json,docx"], "unknown format docx"),
    (lambda d: (d / "a.yaml").write_text("x: 1"), ["--scheduler", "tcp://127.0.0.1:1"], "--executor dask"),
    (lambda d: (d / "a.yaml").write_text("x: 1"), ["--ruleset", "nosuch"], "no such ruleset"),
])
def test_usage_errors_exit_2_before_auditing(tmp_path, setup, args, message):
    clients = tmp_path / "clients"
    clients.mkdir()
    setup(clients)
    result = kpi_audit("batch", clients, "--out", tmp_path / "out", *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert not (tmp_path / "out" / "portfolio.json").exists()


def test_one_intake_is_not_a_portfolio(tmp_path):
    result = kpi_audit("batch", SELLER, "--out", tmp_path / "out", "--lang", "zh")
    assert result.returncode == 2 and "kpi-audit audit" in result.stderr and "不是客户组合" in result.stderr


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _result(client: str, status: str) -> ClientResult:
    report = {"score": {"overall": 71.5}} if status == "audited" else None
    return ClientResult(client, f"{client}.yaml", status, "bad.yaml: 2 problem(s)\n  - x" if report is None else None,
                        report, 0.5)


@pytest.mark.parametrize("lang, words", [("en", ["3/4 done", "1 failed", "clients/s", "ETA"]),
                                         ("zh", ["已完成 3/4", "失败 1", "每秒", "预计剩余"])])
def test_progress_bar_on_a_terminal(lang, words):
    stream = Terminal()
    progress = Progress(4, lang, stream=stream)
    progress.skipped(1)
    progress.update(_result("a", "audited"))
    progress.update(_result("bad", "failed"))
    progress.finish()
    shown = stream.getvalue()
    last_bar = shown.rsplit("\r", 1)[-1]
    assert all(word in last_bar for word in words), last_bar
    failure = next(line for line in shown.split("\n") if "[3/4] bad" in line)
    assert failure.endswith("bad.yaml: 2 problem(s)") and "  - x" not in shown  # first line, above the bar
    assert "[2/4] a" not in shown  # audited clients show only in the bar


def test_progress_lines_when_piped_and_nothing_when_quiet():
    piped, quiet = io.StringIO(), io.StringIO()
    for stream, is_quiet in ((piped, False), (quiet, True)):
        progress = Progress(2, "en", quiet=is_quiet, stream=stream)
        progress.update(_result("a", "audited"))
        progress.update(_result("bad", "failed"))
        progress.finish()
    assert piped.getvalue().splitlines() == ["kpi-audit: [1/2] a: score 71.5 (0.50 s)",
                                             "kpi-audit: [2/2] bad: FAILED: bad.yaml: 2 problem(s)"]
    assert "\r" not in piped.getvalue() and quiet.getvalue() == ""


def test_out_may_not_be_the_input_folder(tmp_path):
    """Reports written among the intakes would be read as clients by the next run."""
    clients = tmp_path / "clients"
    clients.mkdir()
    (clients / "seller.yaml").write_bytes((EXAMPLES / "healthy.yaml").read_bytes())
    result = kpi_audit("batch", clients, "--out", clients)
    assert result.returncode == 2 and "input folder" in result.stderr
    assert sorted(p.name for p in clients.iterdir()) == ["seller.yaml"]


def test_a_long_list_of_clients_sharing_an_id_is_cut_short(tmp_path):
    """Many copies of one intake are named by their first few and a count, not one line of every name."""
    clients = tmp_path / "clients"
    clients.mkdir()
    copies = messages.SHARED_SHOWN + 2
    for i in range(copies):
        (clients / f"c{i:02d}.yaml").write_text(SELLER.read_text(encoding="utf-8"), encoding="utf-8")
    result = kpi_audit("batch", clients, "--out", tmp_path / "out", "--workers", "2", "--format", "json")
    assert result.returncode == 0, result.stderr
    (told,) = [line for line in result.stderr.splitlines() if "all describe organization" in line]
    names = ", ".join(f"c{i:02d}" for i in range(messages.SHARED_SHOWN))
    assert told.startswith(f"kpi-audit: {names}, … (+2) all describe organization nova-home:")
