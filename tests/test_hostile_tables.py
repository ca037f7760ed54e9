"""Hostile workbooks and CSV folders (issue 10, B), one regression per class.

Boundedness is shown by what is read before a refusal (rows parsed, bytes read), never by the clock: the
timings are in benchmarks/hostile_tables.py, whose generators these tests reuse.
"""
from __future__ import annotations

import datetime as dt
import zipfile

import openpyxl
import pytest
from click.testing import CliRunner

from benchmarks import hostile_tables as hostile
from cli.main import cli
from engine.errors import IntakeError
from engine.loaders import csv_folder, load_intake, tables, workbook
from engine.loaders.sheet_dates import DATE_FIELDS, in_date_field
from engine.loaders.writers import intake_to_raw, write_csv_folder, write_workbook
from tests.conftest import EXAMPLES

HEALTHY = load_intake(EXAMPLES / "healthy.yaml").intake


def run(*args: object):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert "Traceback" not in result.stdout + result.stderr
    return result


@pytest.fixture
def rows_parsed(monkeypatch) -> list[int]:
    """Counts the rows openpyxl's parser hands to the workbook reader."""
    seen: list[int] = []
    original = workbook._xml_rows

    def counting(*args):
        for row in original(*args):
            seen.append(row[0])
            yield row

    monkeypatch.setattr(workbook, "_xml_rows", counting)
    return seen


# 1. declared dimensions and padding -------------------------------------------------------------------------

def test_a_sheet_padded_to_a_huge_dimension_reads_only_what_it_holds(tmp_path, rows_parsed, monkeypatch):
    monkeypatch.setattr(tables, "MAX_CELLS", 1_000)  # the padding declares 60 million cells
    path = hostile.padded_sheet(tmp_path)
    assert zipfile.ZipFile(path).read("xl/worksheets/sheet7.xml").count(b"GQ300000") == 2
    assert load_intake(path).intake == HEALTHY
    assert len(rows_parsed) < 100 and 300_000 in rows_parsed  # the corner row is read as the one row it is


def test_a_template_padded_on_every_sheet_still_audits(tmp_path, rows_parsed, monkeypatch):
    monkeypatch.setattr(tables, "MAX_CELLS", 1_000)
    result = run("validate", hostile.padded_workbook(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert len(rows_parsed) < 13 * 10


def test_padding_written_cell_by_cell_is_refused_at_the_cell_budget(tmp_path, rows_parsed, monkeypatch):
    monkeypatch.setattr(tables, "MAX_CELLS", 5_000)
    with pytest.raises(IntakeError) as info:
        load_intake(hostile.styled_empty_cells(tmp_path))
    assert "more than 5,000 cells read" in info.value.render()
    assert len(rows_parsed) <= 5_000 // 2  # each row read holds one empty cell: two units; none after the limit


def test_rows_and_columns_holding_data_are_limited_not_empty_ones(tmp_path, monkeypatch):
    path = tmp_path / "wide.xlsx"
    write_workbook(intake_to_raw(HEALTHY), path, "en")
    book = openpyxl.load_workbook(path)
    book["kpis"].cell(row=3, column=tables.MAX_COLUMNS + 1, value="x")
    book.save(path)
    with pytest.raises(IntakeError) as info:
        load_intake(path)
    assert "kpis row 3: more than 200 columns" in info.value.render()
    monkeypatch.setattr(tables, "MAX_ROWS", 5)
    with pytest.raises(IntakeError) as info:
        load_intake(hostile.padded_sheet(tmp_path))
    assert "more than 5 rows" in info.value.render()


# 2. CSV folder bytes and cells ------------------------------------------------------------------------------

def test_a_csv_folder_is_read_no_further_than_its_byte_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(csv_folder, "MAX_FOLDER_BYTES", 1024 * 1024)
    reads: list[tuple[str, int]] = []
    original = csv_folder._read_within

    def spy(path, left, folder):
        reads.append((path.name, left))
        return original(path, left, folder)

    monkeypatch.setattr(csv_folder, "_read_within", spy)
    folder = tmp_path / "blank"
    write_csv_folder(intake_to_raw(HEALTHY), folder, "en")
    blank = (b" " * 199 + b"\n") * 500  # 100,000 bytes of blank rows
    for n in range(30):
        (folder / f"extra-{n:02d}.csv").write_bytes(blank)
    with pytest.raises(IntakeError) as info:
        load_intake(folder)
    assert "the folder's CSV files hold more than 1 MiB in all; refused" in info.value.render()
    assert [name for name, _ in reads] == sorted(p.name for p in folder.iterdir())[:len(reads)]
    assert reads[-1][1] < len(blank) and len(reads) < 30  # refused in the file where the limit falls; the rest
    # are never opened


def test_blank_rows_count_against_the_cell_budget(tmp_path, monkeypatch):
    monkeypatch.setattr(tables, "MAX_CELLS", 10_000)
    with pytest.raises(IntakeError) as info:
        load_intake(hostile.csv_comma_rows(tmp_path))  # 299,000 rows of 200 empty cells
    assert "more than 10,000 cells read" in info.value.render()


# 3. a field row given twice -----------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_field_given_twice_in_organization_is_located(tmp_path, lang):
    result = run("validate", hostile.duplicate_org_rows(tmp_path), "--lang", lang)
    assert result.exit_code == 2
    expected = {"en": "organization.csv!A9: field 'name' (name) is given again (first on row 3)",
                "zh": "organization.csv!A9：字段「name」（name）重复填写（第一次在第 3 行）"}[lang]
    assert expected in result.stderr


def test_a_field_given_twice_in_the_organization_sheet_is_located(tmp_path):
    path = tmp_path / "dup.xlsx"
    write_workbook(intake_to_raw(HEALTHY), path, "zh")
    book = openpyxl.load_workbook(path)
    sheet = book["组织"]
    sheet.append(["审计日期", "2020-01-01"])
    book.save(path)
    result = run("validate", path, "--lang", "zh")
    assert result.exit_code == 2 and f"组织!A{sheet.max_row}：字段「审计日期」（audit_date）重复填写" in result.stderr


# 4. mixed encodings -------------------------------------------------------------------------------------------

def test_a_utf8_csv_with_a_windows_1252_byte_is_refused_naming_the_line(tmp_path):
    result = run("validate", hostile.mixed_encoding(tmp_path))
    assert result.exit_code == 2
    assert "kpis.csv: the file is UTF-8 but 1 byte(s) are not (first: 0x92), on line(s) 2" in result.stderr


def test_stray_bytes_are_listed_by_line_without_a_bom_too(tmp_path):
    folder = tmp_path / "f"
    write_csv_folder(intake_to_raw(HEALTHY), folder, "zh")
    for path in folder.iterdir():
        data = path.read_bytes().removeprefix(b"\xef\xbb\xbf")
        lines = data.split(b"\n")
        if path.stem == "指标":
            for n in (1, 3, 4, 5, 6, 7, 8):
                lines[n - 1] += b"\x93"
        path.write_bytes(b"\n".join(lines))
    with pytest.raises(IntakeError) as info:
        load_intake(folder)
    assert "指标.csv: the file is UTF-8 but 7 byte(s) are not (first: 0x93), on line(s) 1, 3, 4, 5, 6, …" \
        in info.value.render()


def test_gbk_files_are_still_read_as_gbk(tmp_path):
    folder = tmp_path / "gbk"
    write_csv_folder(intake_to_raw(load_intake(EXAMPLES / "shenzhen-seller-zh.yaml").intake), folder, "zh")
    for path in folder.iterdir():
        path.write_bytes(path.read_text(encoding="utf-8-sig").encode("gbk"))
    assert load_intake(folder).intake == load_intake(EXAMPLES / "shenzhen-seller-zh.yaml").intake


# 5. Excel dates -----------------------------------------------------------------------------------------------

def test_excel_dates_are_accepted_in_actuals_period(tmp_path):
    intake = load_intake(hostile.excel_date_period(tmp_path)).intake
    assert [a.period for a in intake.actuals[:4]] == ["2026-09", "2026-10", "2026-10-31", "2026-10-31"]
    assert [a.span for a in intake.actuals[:2]] == [(dt.date(2026, 9, 1), dt.date(2026, 9, 30)),
                                                    (dt.date(2026, 10, 1), dt.date(2026, 10, 31))]


def test_excel_serial_numbers_are_dates_in_every_date_field_and_nowhere_else(tmp_path):
    assert DATE_FIELDS["organization"] == {"audit_date", "kpi_system_revised_on"}
    assert {s for s, fields in DATE_FIELDS.items() if fields} == {"organization", "reviews", "consultations",
                                                                  "actuals"}
    path = tmp_path / "serials.xlsx"
    write_workbook(intake_to_raw(HEALTHY), path, "en")
    book = openpyxl.load_workbook(path)
    org = book["organization"]
    row = next(r for r in range(1, org.max_row + 1) if org.cell(r, 1).value == "audit_date")
    org.cell(row, 2, 46326)  # General format: a serial number
    consultations = book["consultations"]
    consultations.cell(2, [c.value for c in consultations[1]].index("date") + 1, 46300.25)
    kpis = book["kpis"]
    kpis.cell(2, [c.value for c in kpis[1]].index("name") + 1, 46326)  # a number in a text field stays one
    book.save(path)
    intake = load_intake(path).intake
    assert intake.organization.audit_date == dt.date(2026, 10, 31)
    assert intake.consultations[0].date == dt.date(2026, 10, 5)
    assert intake.kpis[0].name == "46326"


def test_numbers_that_are_not_plausible_serials_stay_errors(tmp_path):
    folder = tmp_path / "csv"
    raw = intake_to_raw(HEALTHY)
    raw["actuals"][0]["period"] = "202609"
    raw["actuals"][1]["period"] = "46326"  # a CSV export of a General cell
    write_csv_folder(raw, folder, "en")
    result = run("validate", folder)
    assert result.exit_code == 2 and "actuals.csv row 2: '202609' is not a period" in result.stderr
    assert "row 3" not in result.stderr
    assert in_date_field(2026) == 2026 and in_date_field(True) is True and in_date_field("12345678") == "12345678"


def test_the_1904_date_system_is_honoured(tmp_path):
    path = tmp_path / "mac.xlsx"
    write_workbook(intake_to_raw(HEALTHY), path, "en")
    book = openpyxl.load_workbook(path)
    book.epoch = openpyxl.utils.datetime.MAC_EPOCH
    org = book["organization"]
    row = next(r for r in range(1, org.max_row + 1) if org.cell(r, 1).value == "audit_date")
    org.cell(row, 2, 44864)  # 2026-10-31 counted from 1904-01-01
    book.save(path)
    assert load_intake(path).intake.organization.audit_date == dt.date(2026, 10, 31)
