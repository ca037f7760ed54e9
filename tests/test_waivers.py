"""Waivers: a valid waiver moves its finding out of the score, an expired one stops applying and is reported, a
stale one is reported; a bad waiver file is exit 2 with every problem located, in both languages."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from cli.main import run
from diagnostics import fact_schema
from engine.audit import run_audit
from engine.loaders import load_intake
from engine.ruleset import load_ruleset
from tests.conftest import EXAMPLES
from waivers import Waiver, WaiverError, apply_waivers, load_waivers

SELLER = EXAMPLES / "cross-border-seller.yaml"  # audit date 2026-11-01
WAIVERS = """\
- {code: F01, subject: "role:us-*", reason: US lead covers two stores until Q1, approver: 赵总, expires: 2026-11-01}
- {code: C01, subject: "unit:de", reason: DE review starts next month, approver: 赵总, expires: 2026-10-31}
- {code: D03, subject: "kpi:*", reason: no longer applies, approver: 赵总, expires: 2027-12-31}
"""


@pytest.fixture(scope="module")
def audits(tmp_path_factory):
    path = tmp_path_factory.mktemp("w") / "waivers.yaml"
    path.write_text(WAIVERS, encoding="utf-8")
    loaded, ruleset = load_intake(SELLER), load_ruleset("core", fact_schema())
    return (run_audit(loaded.intake, ruleset, "en"),
            run_audit(loaded.intake, ruleset, "en", waivers=load_waivers(path)))


def test_valid_waiver_moves_its_finding_out_of_the_score(audits):
    plain, waived = audits
    assert [(f["code"], f["subject"]) for f in waived["waived"]] == [("F01", "role:us-ops")]
    assert waived["waived"][0]["waiver"]["approver"] == "赵总"
    assert "F01" not in {f["code"] for f in waived["findings"]}
    assert waived["score"]["dimensions"]["focus"] == 100 > plain["score"]["dimensions"]["focus"]
    assert waived["score"]["overall"] > plain["score"]["overall"]
    assert not any("F01" in c["codes"] for c in waived["root_causes"])
    assert not any("F01" in p["codes"] for p in waived["plan"])
    assert waived["summary"]["findings"] == plain["summary"]["findings"] - 1
    assert [w["code"] for w in waived["waivers"]["applied"]] == ["F01"]


def test_expired_waiver_stops_applying_and_is_listed(audits):
    plain, waived = audits
    assert ("C01", "unit:de") in {(f["code"], f["subject"]) for f in waived["findings"]}
    assert waived["score"]["dimensions"]["cadence"] == plain["score"]["dimensions"]["cadence"]
    assert [(w["code"], w["matches"]) for w in waived["waivers"]["expired"]] == [("C01", 1)]


def test_stale_waiver_is_listed(audits):
    _, waived = audits
    assert [w["code"] for w in waived["waivers"]["stale"]] == ["D03"]


def test_the_audit_date_decides_expiry():
    waiver = Waiver(code="F01", subject="role:x", reason="r", approver="a", expires=dt.date(2027, 3, 31))
    finding = {"code": "F01", "subject": "role:x"}
    assert apply_waivers([finding], [waiver], dt.date(2027, 3, 31)).kept == []
    assert apply_waivers([finding], [waiver], dt.date(2027, 4, 1)).kept == [finding]


def test_without_a_waiver_file_the_report_is_unchanged(audits):
    plain, _ = audits
    assert "waived" not in plain and "waivers" not in plain


def test_patterns_match_kind_and_id_exactly_or_by_glob():
    finding = {"code": "R01", "subject": "kpi:us-listings"}
    def covers(pattern: str) -> bool:
        return Waiver(code="R01", subject=pattern, reason="r", approver="a", expires=dt.date(2030, 1, 1)).covers(finding)
    assert covers("kpi:us-listings") and covers("kpi:us-*") and covers("kpi:*")
    assert not covers("kpi:de-*") and not covers("role:us-listings") and not covers("kpi:US-listings")


@pytest.mark.parametrize(("text", "located"), [
    ("- {code: f1, subject: 'role:x', reason: r, approver: a, expires: 2027-01-01}", "[0].code"),
    ("- {code: F01, subject: 'us-ops', reason: r, approver: a, expires: 2027-01-01}", "[0].subject"),
    ("- {code: F01, subject: 'team:x', reason: r, approver: a, expires: 2027-01-01}", "[0].subject"),
    ("- {code: F01, subject: 'role:x', reason: ' ', approver: a, expires: 2027-01-01}", "[0].reason"),
    ("- {code: F01, subject: 'role:x', reason: r, expires: 2027-01-01}", "[0].approver"),
    ("- {code: F01, subject: 'role:x', reason: r, approver: a, expires: soon}", "[0].expires"),
    ("- {code: F01, subject: 'role:x', reason: r, approver: a, expires: 2027-01-01, until: x}", "[0].until"),
    ("- F01", "[0]"),
    ("code: F01", "a waiver file is a list"),
    ("- [unclosed", "waivers.yaml"),
])
def test_bad_waiver_files_are_located(tmp_path, text, located):
    path = tmp_path / "waivers.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(WaiverError) as caught:
        load_waivers(path)
    assert located in caught.value.render("en")


def test_every_problem_at_once_in_both_languages_exit_2(tmp_path, capsys):
    path = tmp_path / "waivers.yaml"
    path.write_text("- {code: F01, subject: 'role:x', reason: r, approver: a, expires: 2027-01-01}\n"
                    "- {code: x, subject: y, expires: soon}\n", encoding="utf-8")
    assert run(["audit", str(SELLER), "--waivers", str(path), "--lang", "zh"]) == 2
    err = capsys.readouterr().err
    assert "[1].code" in err and "[1].subject" in err and "[1].expires" in err and "[1].reason：缺少必填字段" in err
    assert "Traceback" not in err
    assert run(["audit", str(SELLER), "--waivers", str(tmp_path / "missing.yaml")]) == 2


def test_cli_waivers_in_every_format(tmp_path, capsys):
    path = tmp_path / "waivers.yaml"
    path.write_text(WAIVERS, encoding="utf-8")
    assert run(["audit", str(SELLER), "--waivers", str(path)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [w["code"] for w in report["waivers"]["stale"]] == ["D03"]
    for fmt, lang, words in (("md", "en", ("Waived findings", "Expired waivers")), ("html", "zh", ("已豁免的发现", "未匹配任何发现的豁免"))):
        out = tmp_path / f"r.{fmt}"
        assert run(["audit", str(SELLER), "--waivers", str(path), "--lang", lang, "--out", str(out)]) == 0
        text = out.read_text(encoding="utf-8")
        assert all(w in text for w in words)


def test_a_waiver_for_a_rule_the_ruleset_lacks_is_an_error(tmp_path, capsys):
    """A typo in the code (Z99) would otherwise waive nothing and read as merely stale."""
    path = tmp_path / "typo.yaml"
    path.write_text("- {code: Z99, subject: 'kpi:*', reason: typo, approver: ops, expires: 2027-01-01}\n"
                    "- {code: F01, subject: 'role:*', reason: ok, approver: ops, expires: 2027-01-01}\n",
                    encoding="utf-8")
    assert run(["audit", str(SELLER), "--waivers", str(path)]) == 2
    error = capsys.readouterr().err
    assert "[0].code" in error and "Z99" in error and "[1]" not in error
