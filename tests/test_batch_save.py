"""`kpi-audit batch --save`: every client's report saved in the audit store (the same audit `audit --save` names),
and each client's score change since its previous saved audit in the portfolio summary; without --save nothing
is stored and the change is null."""
from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import yaml

from history.store import DB_VARIABLE, open_store
from portfolio.state import intake_sha256
from portfolio.summary_words import WORDS
from tests.conftest import EXAMPLES, write_yaml
from tests.test_batch import kpi_audit

NEXT_QUARTER = "2027-02-01"


def fixed_next_quarter(path: Path) -> None:
    """Three months later: DE's lead now has a bonus on their KPIs (pitfall I01 fixed), every meeting kept its
    rhythm; nothing else changed."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    raw["organization"].update(audit_date=NEXT_QUARTER, kpi_system_revised_on="2027-01-05")
    reviews = {r["id"]: r for r in raw["reviews"]}
    reviews["us-weekly"]["held_on"] = ["2027-01-12", "2027-01-19", "2027-01-26"]
    reviews["q-kpi"]["held_on"] = ["2027-01-05"]
    raw["incentives"].append({"id": "de-bonus", "name": "DE quarterly bonus", "roles": ["de-ops"], "kind": "bonus",
                              "links": [{"kpi": "de-gmv", "weight": 100}]})
    write_yaml(path, raw)


def later(path: Path) -> None:
    """The same intake audited a quarter later (its score stays the same)."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    raw["organization"]["audit_date"] = NEXT_QUARTER
    write_yaml(path, raw)


def portfolio_rows(out: Path) -> dict[str, dict]:
    portfolio = json.loads((out / "portfolio.json").read_text(encoding="utf-8"))
    return {row["client"]: row for row in portfolio["clients"]}


def csv_changes(out: Path, lang: str = "en") -> dict[str, str]:
    with open(out / "portfolio.csv", encoding="utf-8-sig", newline="") as handle:
        return {row[WORDS[lang]["client"]]: row[WORDS[lang]["score_change"]] for row in csv.DictReader(handle)}


def clients_folder(tmp_path: Path) -> Path:
    clients = tmp_path / "clients"
    clients.mkdir()
    for name in ("cross-border-seller", "bare", "healthy"):
        shutil.copy(EXAMPLES / f"{name}.yaml", clients / f"{name}.yaml")
    return clients


def test_two_saved_batches_show_each_clients_change(tmp_path):
    clients, out, db = clients_folder(tmp_path), tmp_path / "out", tmp_path / "audits.db"
    batch = ("batch", clients, "--out", out, "--save", "--db", db, "--workers", "2", "--format", "json,html")
    first = kpi_audit(*batch)
    assert first.returncode == 0, first.stderr
    before = portfolio_rows(out)
    assert {client: row["score_change"] for client, row in before.items()} == dict.fromkeys(before)

    fixed_next_quarter(clients / "cross-border-seller.yaml")
    later(clients / "bare.yaml")
    second = kpi_audit(*batch)
    assert second.returncode == 0, second.stderr
    after = portfolio_rows(out)
    seller = after["cross-border-seller"]
    assert seller["status"] == "audited" and seller["score"] > before["cross-border-seller"]["score"]
    assert seller["score_change"] == round(seller["score"] - before["cross-border-seller"]["score"], 2) > 0
    assert after["bare"]["status"] == "audited" and after["bare"]["score_change"] == 0.0
    # unchanged, skipped, but saved again (idempotent): its one saved audit has none before it
    assert after["healthy"]["status"] == "skipped" and after["healthy"]["score_change"] is None
    expected = {"cross-border-seller": f"{seller['score_change']:g}", "bare": "0", "healthy": ""}
    assert csv_changes(out) == expected
    html = (out / "portfolio.html").read_text(encoding="utf-8")
    assert WORDS["en"]["score_change"] in html and f"{seller['score_change']:+g}" in html and "±0" in html

    # the same audits again in Chinese (a new language redoes every client): saved once, the same changes
    third = kpi_audit(*batch, "--lang", "zh")
    assert third.returncode == 0, third.stderr
    assert {c: r["score_change"] for c, r in portfolio_rows(out).items()} == \
        {c: r["score_change"] for c, r in after.items()}
    assert csv_changes(out, "zh") == expected
    assert WORDS["zh"]["score_change"] in (out / "portfolio.html").read_text(encoding="utf-8")

    with open_store(db, create=False) as store:
        seller_audits = store.audits("nova-home")
        assert [a["audit_date"] for a in seller_audits] == ["2026-11-01", NEXT_QUARTER]
        assert seller_audits[-1]["intake_sha256"] == intake_sha256(clients / "cross-border-seller.yaml")
        assert {o["id"]: o["audits"] for o in store.orgs()} == {"nova-home": 2, "bare-co": 2, "acme": 1}
    history = kpi_audit("history", "nova-home", "--db", db, "--format", "json")
    assert history.returncode == 0, history.stderr
    assert [a["score"] for a in json.loads(history.stdout)["audits"]] == \
        [before["cross-border-seller"]["score"], seller["score"]]


def test_batch_and_audit_save_the_same_audit(tmp_path):
    clients, db = clients_folder(tmp_path), tmp_path / "audits.db"
    assert kpi_audit("audit", clients / "healthy.yaml", "--save", "--db", db).returncode == 0
    assert kpi_audit("batch", clients, "--out", tmp_path / "out", "--save", "--db", db,
                     "--workers", "1").returncode == 0
    with open_store(db, create=False) as store:
        assert len(store.audits("acme")) == 1


def test_without_save_nothing_is_stored_and_no_change_shown(tmp_path, monkeypatch):
    clients, out = clients_folder(tmp_path), tmp_path / "out"
    monkeypatch.setenv(DB_VARIABLE, str(tmp_path / "env.db"))  # the batch's own process inherits it
    result = kpi_audit("batch", clients, "--out", out, "--db", tmp_path / "given.db", "--workers", "1",
                       "--format", "json,html")
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "given.db").exists() and not (tmp_path / "env.db").exists()
    assert {row["score_change"] for row in portfolio_rows(out).values()} == {None}
    assert WORDS["en"]["score_change"] not in (out / "portfolio.html").read_text(encoding="utf-8")


def test_a_file_that_is_not_a_store_is_a_usage_error_before_any_audit(tmp_path):
    clients, out, db = clients_folder(tmp_path), tmp_path / "out", tmp_path / "notes.db"
    db.write_text("not a database\n", encoding="utf-8")
    result = kpi_audit("batch", clients, "--out", out, "--save", "--db", db)
    assert result.returncode == 2 and str(db) in result.stderr
    assert not (out / "portfolio.json").exists()
