"""Absent is not empty (intake 1.1): every intake form keeps the difference, and the audit reads it.

A section left out = not collected; given empty (`[]`, or a sheet / CSV file with only its header row) = none.
A review's `held_on` left out = log not collected; `[]` (or `none` / `无` in a cell) = never held.
"""
from __future__ import annotations

import copy

import openpyxl
import pytest
import yaml

from engine.audit import run_audit
from engine.loaders import load_intake
from engine.loaders.writers import intake_to_raw, write_csv_folder, write_text_form, write_workbook
from tests.conftest import write_yaml


@pytest.fixture
def mixed(base_intake) -> dict:
    """Incentives left out, consultations empty, one review with a missing log and one never held."""
    raw = copy.deepcopy(base_intake)
    del raw["incentives"]
    raw["consultations"] = []
    raw["reviews"] = [{**raw["reviews"][0], "id": "no-log"}, {**raw["reviews"][0], "id": "never", "held_on": []}]
    del raw["reviews"][0]["held_on"]
    return raw


def _check(intake) -> None:
    assert not intake.collected("incentives") and intake.collected("consultations")
    assert intake.consultations == []
    held = {r.id: r.held_on for r in intake.reviews}
    assert held == {"no-log": None, "never": []}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("form", ["book.xlsx", "csv", "intake.json", "intake.yaml"])
def test_every_form_keeps_absent_apart_from_empty(tmp_path, mixed, form, lang):
    source = load_intake(write_yaml(tmp_path / "source.yaml", mixed)).intake
    _check(source)
    raw, target = intake_to_raw(source), tmp_path / form
    if form.endswith(".xlsx"):
        write_workbook(raw, target, lang)
    elif form == "csv":
        write_csv_folder(raw, target, lang)
    else:
        write_text_form(raw, target)
    again = load_intake(target).intake
    _check(again)
    assert again == source


def test_a_header_only_sheet_is_empty_and_a_missing_sheet_is_absent(tmp_path, mixed):
    raw = intake_to_raw(load_intake(write_yaml(tmp_path / "s.yaml", mixed)).intake)
    write_workbook(raw, tmp_path / "book.xlsx", "en")
    sheets = openpyxl.load_workbook(tmp_path / "book.xlsx").sheetnames
    assert "incentives" not in sheets and "consultations" in sheets


def test_the_audit_reads_absent_as_not_assessed_and_empty_as_none(tmp_path, mixed, core):
    report = run_audit(load_intake(write_yaml(tmp_path / "m.yaml", mixed)).intake, core)
    found = {(f["code"], f["subject"]) for f in report["findings"]}
    unjudged = {(e["code"], e["subject"], e["needs"]) for e in report["not_assessed"]}
    assert ("C02", "review:never") in found and ("C02", "review:no-log") not in found
    assert ("C02", "review:no-log", "reviews[].held_on") in unjudged
    assert not any(code in ("I01", "I02") for code, _ in found)
    assert {("I01", "incentives"), ("I02", "incentives")} <= {(c, n) for c, _, n in unjudged}
    assert ("O03", "org:" + mixed["organization"]["id"]) in found
    request = next(e for e in report["not_assessed"] if e["subject"] == "review:no-log")["request"]
    assert request["en"] and request["zh"] and "「" in request["zh"]
    collect = {c["needs"] for c in report["to_collect"]}
    assert {"incentives", "reviews[].held_on"} <= collect


def test_a_never_word_in_a_cell_means_never_held(tmp_path, mixed):
    mixed["reviews"][1]["held_on"] = "从未召开"
    assert load_intake(write_yaml(tmp_path / "w.yaml", mixed)).intake.reviews[1].held_on == []


def test_yaml_heading_without_items_counts_as_empty(tmp_path, mixed):
    text = yaml.safe_dump(mixed, allow_unicode=True) + "incentives:\n"
    (tmp_path / "h.yaml").write_text(text, encoding="utf-8")
    intake = load_intake(tmp_path / "h.yaml").intake
    assert intake.collected("incentives") and intake.incentives == []
