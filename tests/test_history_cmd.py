"""`kpi-audit audit --save` and `kpi-audit history`: where audits are saved and said to be, the history as a
table, JSON and HTML in both languages, and every store problem as exit 2 with a message."""
from __future__ import annotations

import json
import re
import sqlite3

import html5lib
import pytest
from click.testing import CliRunner

from cli.main import cli
from history.migrations import LATEST
from history.store import DB_VARIABLE, open_store
from tests.conftest import EXAMPLES, write_yaml

SELLER = str(EXAMPLES / "cross-border-seller.yaml")
DATES = ("2026-02-01", "2026-05-01", "2026-08-01")


def run(*args: str, env: dict[str, str] | None = None):
    result = CliRunner().invoke(cli, list(args), env={DB_VARIABLE: "", "KPI_AUDIT_LANG": "", **(env or {})})
    assert "Traceback" not in result.stdout + result.stderr
    return result


@pytest.fixture
def db(tmp_path):
    """A store with three quarterly audits of the example seller and one of the bare example."""
    path = tmp_path / "audits.db"
    for date in DATES:
        assert run("audit", SELLER, "--as-of", date, "--save", "--db", str(path)).exit_code == 0
    assert run("audit", str(EXAMPLES / "bare.yaml"), "--save", "--db", str(path)).exit_code == 0
    return path


def test_save_says_where_and_is_idempotent(tmp_path):
    path = tmp_path / "a.db"
    first = run("audit", SELLER, "--save", "--db", str(path))
    assert first.exit_code == 0
    assert f"saved audit #1 of nova-home (2026-11-01) in {path}" in first.stderr
    assert json.loads(first.stdout)["organization"]["id"] == "nova-home"
    again = run("audit", SELLER, "--save", "--db", str(path), "--lang", "zh", "--format", "md")
    assert f"已将 nova-home（2026-11-01）的诊断保存为第 1 号，位于 {path}" in again.stderr
    with open_store(path) as store:
        assert [a["id"] for a in store.audits("nova-home")] == [1]
        assert store.report(1)["language"] == "zh"


def test_without_save_nothing_is_stored(tmp_path):
    assert run("audit", SELLER, "--db", str(tmp_path / "a.db")).exit_code == 0
    assert not (tmp_path / "a.db").exists()


def test_store_from_variable_else_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("audit", SELLER, "--save", env={DB_VARIABLE: str(tmp_path / "env.db")}).exit_code == 0
    assert run("audit", SELLER, "--save").exit_code == 0
    assert (tmp_path / "env.db").exists() and (tmp_path / "kpi-audit.db").exists()
    assert "Nova Home" in run("history", "nova-home").stdout


def test_a_csv_folder_is_one_intake_and_a_changed_file_a_new_audit(tmp_path):
    folder, path = tmp_path / "client", tmp_path / "a.db"
    assert run("convert", SELLER, str(folder)).exit_code == 0
    assert "#1 " in run("audit", str(folder), "--save", "--db", str(path)).stderr
    assert "#1 " in run("audit", str(folder), "--save", "--db", str(path)).stderr
    kpis = folder / "kpis.csv"
    kpis.write_bytes(kpis.read_bytes() + b"\n")  # same content for the audit, other bytes for the hash
    assert "#2 " in run("audit", str(folder), "--save", "--db", str(path)).stderr


def test_history_table_in_both_languages(db):
    en = run("history", "nova-home", "--db", str(db), "--lang", "en")
    assert en.exit_code == 0
    lines = en.stdout.splitlines()
    assert lines[0] == "Nova Home 跨境家居 (nova-home): 3 saved audit(s)"
    assert lines[2].split()[:4] == ["Audit", "Date", "Band", "Ruleset"]
    assert [line.split()[1] for line in lines[3:6]] == list(DATES)
    assert "Market context" in en.stdout and "Scores by dimension" in en.stdout
    zh = run("history", "nova-home", "--db", str(db), "--lang", "zh")
    assert zh.stdout.splitlines()[0] == "Nova Home 跨境家居（nova-home）：已保存 3 次诊断"
    assert "各维度得分" in zh.stdout and "市场情境" in zh.stdout and "薄弱" in zh.stdout


def test_history_marks_dimensions_not_assessed(db):
    bare = run("history", "bare-co", "--db", str(db)).stdout
    assert "0*" in bare and "* not assessed" in bare


def test_history_json_is_the_stores_rows(db):
    result = run("history", "nova-home", "--db", str(db), "--format", "json")
    data = json.loads(result.stdout)
    with open_store(db) as store:
        assert data == {"organization": {"id": "nova-home", "name": "Nova Home 跨境家居"},
                        "audits": store.audits("nova-home")}
    assert [a["audit_date"] for a in data["audits"]] == list(DATES)
    assert set(data["audits"][0]) >= {"score", "band", "potential", "dimensions", "by_severity", "ruleset"}


@pytest.mark.parametrize("lang, words", [("en", ("Overall score over time", "Dimension scores over time", "Focus")),
                                         ("zh", ("总分变化", "各维度得分变化", "聚焦"))])
def test_history_html_is_one_page_with_trend_charts(db, tmp_path, lang, words):
    out = tmp_path / f"history-{lang}.html"
    result = run("history", "nova-home", "--db", str(db), "--lang", lang, "--out", str(out))
    assert result.exit_code == 0
    page = out.read_text(encoding="utf-8")
    html5lib.HTMLParser(strict=False).parse(page)
    assert page.count("<svg") == 2 and "<polyline" in page
    assert all(word in page for word in words) and all(date in page for date in DATES)
    assert "src=" not in page and "href=" not in page and "<script" not in page
    again = tmp_path / "again.html"
    run("history", "nova-home", "--db", str(db), "--lang", lang, "--out", str(again))
    assert again.read_bytes() == out.read_bytes()


def test_client_text_is_escaped_in_the_page(tmp_path, base_intake):
    base_intake["organization"]["name"] = "<script>alert(1)</script> & 跨境"
    intake, path = write_yaml(tmp_path / "i.yaml", base_intake), tmp_path / "a.db"
    assert run("audit", str(intake), "--save", "--db", str(path)).exit_code == 0
    page = run("history", "acme", "--db", str(path), "--format", "html").stdout
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; 跨境" in page


def test_unknown_org_lists_the_known_ones(db):
    result = run("history", "ghost", "--db", str(db))
    assert result.exit_code == 2
    assert "no saved audit of organisation 'ghost'; organisations in this store: bare-co (Bare Trading Co.), " \
           "nova-home (Nova Home 跨境家居)" in result.stderr
    assert "没有组织「ghost」已保存的诊断" in run("history", "ghost", "--db", str(db), "--lang", "zh").stderr


def test_missing_store_for_history_is_exit_2_and_not_created(tmp_path):
    result = run("history", "nova-home", "--db", str(tmp_path / "none.db"))
    assert result.exit_code == 2 and "no audit store here yet" in result.stderr
    assert not (tmp_path / "none.db").exists()


def _not_sqlite(path):
    path.write_text("hello\n" * 1000)


def _other_program(path):
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")


def _too_new(path):
    open_store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {LATEST + 5}")


@pytest.mark.parametrize("make, en, zh", [
    (_not_sqlite, "not a kpi-audit store: the file is not an SQLite database", "不是 kpi-audit 诊断库"),
    (_other_program, "belongs to another program", "属于其他程序"),
    (_too_new, f"schema version {LATEST + 5}, newer than this kpi-audit understands", "请升级 kpi-audit"),
])
def test_a_bad_store_is_exit_2_before_anything_is_written(tmp_path, make, en, zh):
    path, out = tmp_path / "bad.db", tmp_path / "report.html"
    make(path)
    saved = run("audit", SELLER, "--save", "--db", str(path), "--out", str(out))
    assert saved.exit_code == 2 and en in saved.stderr and not out.exists()
    assert zh in run("audit", SELLER, "--save", "--db", str(path), "--lang", "zh").stderr
    shown = run("history", "nova-home", "--db", str(path))
    assert shown.exit_code == 2 and en in shown.stderr


def test_format_and_out_suffix_must_agree(db, tmp_path):
    result = run("history", "nova-home", "--db", str(db), "--format", "json", "--out", str(tmp_path / "h.html"))
    assert result.exit_code == 2 and "contradicts" in result.stderr
    assert not (tmp_path / "h.html").exists()
    assert run("history", "nova-home", "--db", str(db), "--out", str(tmp_path / "h.json")).exit_code == 0
    assert json.loads((tmp_path / "h.json").read_text(encoding="utf-8"))["audits"]


def test_chinese_words_and_messages_are_chinese(db):
    """Every word and message of the store and history reads in Chinese (only commands, options, SQLite and the
    client's own text stay Latin)."""
    from history.words import MESSAGES, WORDS
    from tests.zh_check import english_words

    notation = {"SQLite", "kpi-audit audit", "--save", "--db", "--format"}
    for code, texts in MESSAGES.items():
        assert not english_words(texts["zh"], notation | set(re.findall(r"\{(\w+)", texts["zh"]))), code
    assert not [w for w in WORDS["zh"].values() if english_words(w, set(re.findall(r"\{(\w+)", w)))]
    client = {"Nova Home", "nova-home", "core"}
    assert not english_words(run("history", "nova-home", "--db", str(db), "--lang", "zh").stdout, client)
    page = run("history", "nova-home", "--db", str(db), "--lang", "zh", "--format", "html").stdout
    visible = re.sub(r"<style>.*?</style>|<[^>]+>", " ", page, flags=re.S)
    assert "变化趋势" in visible and "历次诊断" in visible
    assert not english_words(visible, client)
