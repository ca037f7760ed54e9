"""The audit store: idempotent saves, history order, migrations from every earlier schema, refusing what is not
a store, several processes writing at once, and writers killed mid-transaction."""
from __future__ import annotations

import copy
import json
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from engine.audit import run_audit
from engine.loaders import load_intake
from history.migrations import APPLICATION_ID, LATEST, STEPS, migrate
from history.store import DB_VARIABLE, StoreError, db_path, open_store, save_report
from reports.render import render_json
from tests.conftest import EXAMPLES, ROOT

INTAKES = ("cross-border-seller.yaml", "bare.yaml", "healthy.yaml")


@pytest.fixture(scope="module")
def reports(core) -> dict[str, dict]:
    """Real reports of three example organisations, by file name."""
    return {name: run_audit(load_intake(EXAMPLES / name).intake, core, "en") for name in INTAKES}


def dated(report: dict, audit_date: str) -> dict:
    """The report as if audited on another date (what a later quarterly audit of the same intake gives)."""
    later = copy.deepcopy(report)
    later["organization"]["audit_date"] = audit_date
    return later


def count(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT count(*) FROM audits").fetchone()[0]


def integrity(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


def test_save_is_idempotent_and_keeps_the_report(tmp_path, reports):
    seller = reports["cross-border-seller.yaml"]
    with open_store(tmp_path / "a.db") as store:
        first = store.save(seller, "i1")
        assert store.save(seller, "i1") == first
        assert store.save(copy.deepcopy(seller), "i1") == first
        other_intake = store.save(seller, "i2")
        later = store.save(dated(seller, "2027-02-01"), "i1")
        assert len({first, other_intake, later}) == 3
        assert store.report(first) == json.loads(render_json(seller))
    assert count(tmp_path / "a.db") == 3


def test_save_report_opens_saves_and_closes(tmp_path, reports):
    """The one call a batch worker makes: a new store on first use, the same id for the same audit."""
    seller = reports["cross-border-seller.yaml"]
    first = save_report(seller, "i1", tmp_path / "batch.db")
    assert save_report(seller, "i1", tmp_path / "batch.db") == first
    assert save_report(dated(seller, "2027-02-01"), "i1", tmp_path / "batch.db") != first
    assert count(tmp_path / "batch.db") == 2


def test_saving_again_replaces_the_report_and_keeps_the_id(tmp_path, reports):
    """Same org, date, ruleset and intake is the same audit: a rerun (here in Chinese) replaces its report."""
    seller = reports["cross-border-seller.yaml"]
    zh = copy.deepcopy(seller)
    zh["language"] = "zh"
    with open_store(tmp_path / "a.db") as store:
        audit_id = store.save(seller, "i1")
        assert store.save(zh, "i1") == audit_id
        assert store.report(audit_id)["language"] == "zh"


def test_audits_oldest_first_with_their_figures(tmp_path, reports):
    seller = reports["cross-border-seller.yaml"]
    with open_store(tmp_path / "a.db") as store:
        ids = {date: store.save(dated(seller, date), "i") for date in ("2026-08-01", "2026-02-01", "2026-05-01")}
        store.save(reports["bare.yaml"], "i")
        audits = store.audits("nova-home")
    assert [a["audit_date"] for a in audits] == ["2026-02-01", "2026-05-01", "2026-08-01"]
    assert [a["id"] for a in audits] == [ids["2026-02-01"], ids["2026-05-01"], ids["2026-08-01"]]
    first = audits[0]
    score = seller["score"]
    assert (first["score"], first["band"], first["potential"], first["coverage"]) == \
        (score["overall"], score["band"], score["potential"], score["coverage"])
    assert first["dimensions"] == score["dimensions"]
    assert first["by_severity"] == seller["summary"]["by_severity"]
    assert first["findings"] == seller["summary"]["findings"]
    assert first["ruleset"] == {k: seller["ruleset"][k] for k in ("name", "version", "sha256")}
    assert first["org_name"] == seller["organization"]["name"]


def test_previous_is_the_last_audit_dated_strictly_before(tmp_path, reports):
    seller = reports["cross-border-seller.yaml"]
    with open_store(tmp_path / "a.db") as store:
        assert store.previous("nova-home", seller) is None
        store.save(dated(seller, "2026-02-01"), "old")
        store.save(dated(seller, "2026-05-01"), "a")
        store.save(dated(seller, "2026-05-01"), "b")  # a second run that day: the later one counts
        store.save(dated(seller, "2026-08-01"), "same day as the new audit: not before it")
        store.save(dated(reports["healthy.yaml"], "2026-07-01"), "another organisation")
        previous = store.previous("nova-home", dated(seller, "2026-08-01"))
        assert previous["organization"]["audit_date"] == "2026-05-01"
        assert store.audits("nova-home")[2]["intake_sha256"] == "b"
        assert store.previous("nova-home", dated(seller, "2026-02-01")) is None


def test_unknown_audit_and_unknown_org_are_store_errors(tmp_path, reports):
    with open_store(tmp_path / "a.db") as store:
        with pytest.raises(StoreError, match="no saved audit with id 99"):
            store.report(99)
        with pytest.raises(StoreError, match=r"organisations in this store: \(none yet\)"):
            store.history("ghost")
        for name in INTAKES:
            store.save(reports[name], "i")
        with pytest.raises(StoreError) as caught:
            store.history("ghost")
    assert "acme (Acme Outdoor 跨境), bare-co (Bare Trading Co.), nova-home (Nova Home 跨境家居)" in str(caught.value)
    assert "没有组织「ghost」已保存的诊断" in caught.value.render("zh")


def test_many_orgs_are_listed_first_few_and_counted(tmp_path, reports):
    seller = reports["cross-border-seller.yaml"]
    with open_store(tmp_path / "a.db") as store:
        for n in range(12):
            other = copy.deepcopy(seller)
            other["organization"]["id"] = f"org-{n:02d}"
            store.save(other, "i")
        with pytest.raises(StoreError) as caught:
            store.history("ghost")
    text = str(caught.value)
    assert "org-07" in text and "org-08" not in text and "… and 4 more" in text
    assert "……另有 4 个" in caught.value.render("zh")


def test_db_path_from_argument_variable_or_default(monkeypatch, tmp_path):
    monkeypatch.delenv(DB_VARIABLE, raising=False)
    assert db_path(None) == Path("kpi-audit.db")
    monkeypatch.setenv(DB_VARIABLE, str(tmp_path / "env.db"))
    assert db_path(None) == tmp_path / "env.db"
    assert db_path(tmp_path / "given.db") == tmp_path / "given.db"


def test_a_new_store_is_wal_and_marked_as_ours(tmp_path):
    open_store(tmp_path / "a.db").close()
    with sqlite3.connect(tmp_path / "a.db") as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST


def test_an_empty_file_becomes_a_store(tmp_path):
    (tmp_path / "a.db").write_bytes(b"")
    open_store(tmp_path / "a.db").close()
    assert count(tmp_path / "a.db") == 0


@pytest.mark.parametrize("make, says", [
    (lambda p: p.write_text("not a database at all, just text\n" * 200), "not an SQLite database"),
    (lambda p: sqlite3.connect(p).execute("CREATE TABLE customers (name TEXT)").connection.commit(),
     "belongs to another program"),
    (lambda p: sqlite3.connect(p).execute("PRAGMA user_version = 3").connection.commit(),
     "belongs to another program"),
    (lambda p: sqlite3.connect(p).execute("PRAGMA application_id = 12345").connection.commit(),
     "belongs to another program"),
])
def test_what_is_not_a_store_is_refused_and_left_alone(tmp_path, make, says):
    path = tmp_path / "other.db"
    make(path)
    before = path.read_bytes()
    with pytest.raises(StoreError, match=says):
        open_store(path)
    assert path.read_bytes() == before


def test_a_store_newer_than_this_tool_is_refused(tmp_path):
    open_store(tmp_path / "a.db").close()
    with sqlite3.connect(tmp_path / "a.db") as conn:
        conn.execute(f"PRAGMA user_version = {LATEST + 1}")
    with pytest.raises(StoreError, match=f"schema version {LATEST + 1}, newer than this kpi-audit understands "
                                         f"\\({LATEST}\\)") as caught:
        open_store(tmp_path / "a.db")
    assert "请升级 kpi-audit" in caught.value.render("zh")


def test_a_missing_store_is_not_created_for_reading(tmp_path):
    with pytest.raises(StoreError, match="no audit store here yet"):
        open_store(tmp_path / "missing.db", create=False)
    assert not (tmp_path / "missing.db").exists()


def test_steps_are_numbered_one_after_another():
    assert [step.version for step in STEPS] == list(range(1, LATEST + 1))


def _store_at(path: Path, version: int, reports: list[dict]) -> None:
    """A store as version `version` of the tool left it: the reports saved by the first schema (the columns
    every version has), then migrated step by step up to `version` (0: an empty database file)."""
    conn = sqlite3.connect(path, isolation_level=None)
    if version:
        conn.execute("BEGIN")
        migrate(conn, 0, 1)
        for n, report in enumerate(reports):
            organization = report["organization"]
            conn.execute("INSERT INTO audits (org_id, audit_date, ruleset_sha256, intake_sha256, report) "
                         "VALUES (?, ?, ?, ?, ?)", (organization["id"], organization["audit_date"],
                                                    report["ruleset"]["sha256"], f"intake-{n}", json.dumps(report)))
        migrate(conn, 1, version)
        conn.execute("COMMIT")
    conn.close()


@pytest.mark.parametrize("version", range(0, LATEST))
def test_migrates_from_every_earlier_version(tmp_path, reports, version):
    """An old store opens at the latest version and answers exactly as a store written by this version."""
    saved = [dated(reports["cross-border-seller.yaml"], "2026-02-01"), reports["bare.yaml"],
             dated(reports["cross-border-seller.yaml"], "2026-05-01"), reports["healthy.yaml"]]
    old = tmp_path / "old.db"
    _store_at(old, version, saved if version else [])
    with open_store(tmp_path / "new.db") as store:
        for n, report in enumerate(saved if version else []):
            store.save(report, f"intake-{n}")
        expected = {org: store.audits(org) for org in ("nova-home", "bare-co", "acme")}
    with open_store(old) as store:
        assert {org: store.audits(org) for org in expected} == expected
        for audits in expected.values():
            for audit in audits:
                assert store.report(audit["id"]) == json.loads(json.dumps(saved[audit["id"] - 1]))
        assert store.save(saved[0] if version else reports["bare.yaml"], "intake-0") == 1
    with sqlite3.connect(old) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_failed_migration_leaves_the_old_store_as_it_was(tmp_path, reports):
    """A report the v2 data step cannot read stops the migration; the v1 store stays v1 with its rows."""
    old = tmp_path / "old.db"
    _store_at(old, 1, [reports["bare.yaml"]])
    with sqlite3.connect(old) as conn:
        conn.execute("INSERT INTO audits (org_id, audit_date, ruleset_sha256, intake_sha256, report) "
                     "VALUES ('x', '2026-01-01', 's', 'i', '{\"broken\": true}')")
    with pytest.raises(StoreError, match=f"cannot upgrade the audit store to schema version {LATEST}: KeyError.*left as it was"):
        open_store(old)
    with sqlite3.connect(old) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        assert conn.execute("SELECT count(*) FROM audits").fetchone()[0] == 2


WRITER = textwrap.dedent("""
    import json, sys, time
    from pathlib import Path
    from history.store import save_report
    db, report_file, worker, n, start = sys.argv[1:]
    report = json.loads(Path(report_file).read_text(encoding="utf-8"))
    while time.time() < float(start):  # start together, so the writers really contend
        time.sleep(0.001)
    shared = save_report(report, "shared", Path(db))
    ids = []
    for i in range(int(n)):
        mine = {**report, "organization": {**report["organization"], "audit_date": f"2027-{int(worker) + 1:02d}-{i + 1:02d}"}}
        ids.append(save_report(mine, "w" + worker, Path(db)))
    print(json.dumps({"shared": shared, "ids": ids}))
""")


def _report_file(tmp_path: Path, report: dict) -> Path:
    path = tmp_path / "report.json"
    path.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    return path


def test_several_processes_save_at_once_into_a_new_store(tmp_path, reports):
    """Six processes create, migrate and fill one store at the same moment: every audit saved, no error, and
    the audit they all save is stored once, under one id."""
    db, workers, each = tmp_path / "shared.db", 6, 12
    report = _report_file(tmp_path, reports["cross-border-seller.yaml"])
    start = time.time() + 2.0
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(db), str(report), str(w), str(each), str(start)],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for w in range(workers)]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        results.append(json.loads(out))
    assert len({r["shared"] for r in results}) == 1
    ids = [i for r in results for i in r["ids"]]
    assert len(set(ids)) == workers * each
    assert count(db) == workers * each + 1
    assert integrity(db) == "ok"


HANGING_WRITER = textwrap.dedent("""
    import json, sys, time
    from pathlib import Path
    from history.store import Store, open_store
    db, report_file = sys.argv[1:]
    report = json.loads(Path(report_file).read_text(encoding="utf-8"))
    upsert = Store._upsert
    def upsert_then_hang(self, row):
        audit_id = upsert(self, row)
        print("inside", audit_id, flush=True)  # the row is written, the transaction not committed
        time.sleep(600)
    Store._upsert = upsert_then_hang
    open_store(Path(db)).save({**report, "organization": {**report["organization"], "audit_date": "2099-01-01"}},
                              "killed")
""")


def test_a_writer_killed_inside_its_transaction_loses_only_its_own_audit(tmp_path, reports):
    db = tmp_path / "a.db"
    seller = reports["cross-border-seller.yaml"]
    report = _report_file(tmp_path, seller)
    for round_ in range(4):
        with open_store(db) as store:
            for quarter in range(3):
                store.save(dated(seller, f"20{30 + round_}-0{quarter * 3 + 1}-01"), "kept")
        proc = subprocess.Popen([sys.executable, "-c", HANGING_WRITER, str(db), str(report)], cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = proc.stdout.readline()
        assert line.startswith("inside"), proc.stderr.read()
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        proc.stdout.close()
        proc.stderr.close()
        assert integrity(db) == "ok"
        with open_store(db) as store:
            audits = store.audits("nova-home")
            assert len(audits) == 3 * (round_ + 1)
            assert all(a["intake_sha256"] == "kept" for a in audits)
            assert store.report(audits[0]["id"])["organization"]["audit_date"] == "2030-01-01"


LOOPING_WRITER = textwrap.dedent("""
    import json, sys
    from pathlib import Path
    from history.store import open_store
    db, report_file, round_ = sys.argv[1:]
    report = json.loads(Path(report_file).read_text(encoding="utf-8"))
    store = open_store(Path(db))
    print("ready", flush=True)
    n = 0
    while True:
        n += 1
        dated = {**report, "organization": {**report["organization"], "audit_date": f"2{round_:0>3}-01-01"}}
        print(store.save(dated, f"{n}"), flush=True)  # printed only once committed
""")


def test_writers_killed_at_random_moments_leave_a_sound_store(tmp_path, reports):
    """Kill a writer that saves in a loop, at random moments, again and again: the store stays sound and
    keeps every audit a writer reported as saved."""
    db = tmp_path / "a.db"
    report = _report_file(tmp_path, reports["cross-border-seller.yaml"])
    rng = random.Random(20261123)
    committed: set[int] = set()
    for round_ in range(8):
        proc = subprocess.Popen([sys.executable, "-c", LOOPING_WRITER, str(db), str(report), str(round_)],
                                cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert proc.stdout.readline() == "ready\n", proc.stderr.read()
        time.sleep(rng.uniform(0.02, 0.3))
        proc.send_signal(signal.SIGKILL)
        out = proc.communicate(timeout=60)[0]
        committed |= {int(line) for line in out.split()[:-1]}  # the last line may be cut by the kill
        assert integrity(db) == "ok"
        with sqlite3.connect(db) as conn:
            stored = {row[0] for row in conn.execute("SELECT id FROM audits")}
        assert committed <= stored
    assert committed
