"""Numbers Python cannot hold are input errors with a location (exit 2), never a traceback.

PyYAML and json.loads refuse integers of more than 4,300 digits with a ValueError,
float() turns `1e999` into inf and an integer beyond 1e308 overflows a float: in
every intake form, a number field says where and why; a text field keeps the digits.
"""
from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
import zipfile

import openpyxl
import pytest
import yaml
from click.testing import CliRunner

from cli.main import cli
from tests.conftest import ROOT, RULE_TESTS

HUGE = "9" * 5000  # over int()'s 4,300-digit limit
WIDE = "1" + "0" * 400  # an int Python holds, a float cannot
PLACEHOLDER = "__NUMBER__"

# field path in the raw intake -> the location the message must name
FIELDS = {
    ("kpis", 0, "weight"): "kpis[0].weight",
    ("kpis", 0, "target"): "kpis[0].target",
    ("kpis", 0, "baseline"): "kpis[0].baseline",
    ("actuals", 0, "value"): "actuals[0].value",
    ("roles", 0, "headcount"): "roles[0].headcount",
    ("reviews", 0, "actions"): "reviews[0].actions",
    ("incentives", 0, "links", 0, "weight"): "incentives[0].links[0].weight",
}
TOO_LARGE = [HUGE, "-" + HUGE, WIDE, "1e999", "-1e999", "1.0e+999"]
NOT_FINITE = {"yaml": [".inf", "-.inf", ".nan", "nan", "inf"], "json": ["Infinity", "-Infinity", "NaN"]}


def _raw() -> dict:
    raw = yaml.safe_load((RULE_TESTS / "base.yaml").read_text(encoding="utf-8"))
    raw["actuals"] = [{"kpi": "co-gmv", "period": "2026-10", "value": 4800000}]
    return raw


def _with_literal(form: str, path: tuple, literal: str) -> str:
    """The base intake as YAML or JSON text with `literal` written as-is at `path`."""
    raw = _raw()
    record = raw
    for step in path[:-1]:
        record = record[step]
    record[path[-1]] = PLACEHOLDER
    if form == "json":
        return json.dumps(raw, ensure_ascii=False, default=str).replace(f'"{PLACEHOLDER}"', literal)
    return yaml.safe_dump(raw, allow_unicode=True, sort_keys=False).replace(PLACEHOLDER, literal)


def _write(tmp_path, form: str, path: tuple, literal: str):
    target = tmp_path / f"intake.{form}"
    target.write_text(_with_literal(form, path, literal), encoding="utf-8")
    return target


def _run(*args) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.stderr


def _refused(intake, location: str, message: str, commands: tuple[str, ...] = ("validate",)) -> None:
    """The commands exit 2 and name the location and the problem (`audit` reads intakes as `validate` does,
    so most cases check `validate` alone: it skips loading the ruleset)."""
    for command in commands:
        status, stderr = _run(command, intake)
        assert status == 2, stderr
        assert f"{location}: " in stderr and message in stderr, stderr[:2000]


@pytest.mark.parametrize("form", ["yaml", "json"])
@pytest.mark.parametrize("literal", TOO_LARGE, ids=["5000-digits", "-5000-digits", "400-digits", "1e999", "-1e999",
                                                    "1.0e+999"])
@pytest.mark.parametrize("path", FIELDS, ids=FIELDS.values())
def test_a_number_too_large_is_located(tmp_path, form, literal, path):
    _refused(_write(tmp_path, form, path, literal), FIELDS[path], f"{FIELDS[path]}: number too large")


@pytest.mark.parametrize("form", ["yaml", "json"])
@pytest.mark.parametrize("literal", [HUGE, WIDE, "1e999"], ids=["5000-digits", "400-digits", "1e999"])
@pytest.mark.parametrize("path", [("kpis", 0, "weight"), ("roles", 0, "headcount")], ids=["weight", "headcount"])
def test_audit_refuses_them_too(tmp_path, form, literal, path):
    _refused(_write(tmp_path, form, path, literal), FIELDS[path], "number too large", ("validate", "audit"))


@pytest.mark.parametrize(("form", "literal"), [(f, lit) for f, lits in NOT_FINITE.items() for lit in lits])
@pytest.mark.parametrize("path", FIELDS, ids=FIELDS.values())
def test_infinity_and_nan_are_located(tmp_path, form, literal, path):
    _refused(_write(tmp_path, form, path, literal), FIELDS[path], "not a finite number")


@pytest.mark.parametrize("form", ["yaml", "json"])
def test_long_integers_in_text_fields_are_text(tmp_path, form):
    intake = _write(tmp_path, form, ("kpis", 0, "name"), WIDE)
    assert _run("validate", intake)[0] == 0
    audit = CliRunner().invoke(cli, ["audit", str(intake)])
    assert audit.exit_code == 0 and WIDE in audit.stdout


@pytest.mark.parametrize("form", ["yaml", "json"])
def test_a_count_a_float_holds_is_whole(tmp_path, form):
    """10**300 is whole, though float(10**300) != 10**300."""
    assert _run("validate", _write(tmp_path, form, ("roles", 0, "headcount"), "1" + "0" * 300))[0] == 0
    _refused(_write(tmp_path, form, ("roles", 0, "headcount"), "1.5"), "roles[0].headcount", "not a whole number")


@pytest.mark.parametrize("form", ["yaml", "json"])
@pytest.mark.parametrize("literal", [WIDE, HUGE])
def test_an_id_of_many_digits_is_too_long_not_a_crash(tmp_path, form, literal):
    _refused(_write(tmp_path, form, ("people", 2, "id"), literal), "people[2].id", "text longer than 200 characters")


@pytest.fixture(scope="module")
def converted(tmp_path_factory) -> dict:
    """The base intake as a workbook and as a CSV folder, converted once (tests edit copies)."""
    folder = tmp_path_factory.mktemp("converted")
    source = folder / "base.yaml"
    source.write_text(yaml.safe_dump(_raw(), allow_unicode=True), encoding="utf-8")
    forms = {"xlsx": folder / "intake.xlsx", "csv": folder / "intake"}
    for target in forms.values():
        assert _run("convert", source, target)[0] == 0
    return forms


def _copy(converted: dict, form: str, tmp_path):
    if form == "csv":
        return shutil.copytree(converted["csv"], tmp_path / "intake")
    return shutil.copy(converted["xlsx"], tmp_path / "intake.xlsx")


def _set_csv_cell(folder, section: str, field: str, value: str) -> str:
    """Write `value` into the first record's `field`; returns its cell name as the loader reports it."""
    path = folder / f"{section}.csv"
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    column = rows[0].index(field)
    rows[1][column] = value
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)
    return f"{section}.csv!{chr(65 + column)}2 ({field})"


@pytest.mark.parametrize("literal", [HUGE, WIDE, "1e999", "-1e999"])
@pytest.mark.parametrize(("section", "field"), [("kpis", "weight"), ("kpis", "target"), ("roles", "headcount"),
                                                 ("actuals", "value"), ("reviews", "actions")])
def test_csv_cells(tmp_path, converted, literal, section, field):
    folder = _copy(converted, "csv", tmp_path)
    _refused(folder, _set_csv_cell(folder, section, field, literal), "number too large")


def _set_sheet_cell(workbook_path, section: str, field: str, value) -> str:
    """Write `value` into the first record's `field`; returns its cell name as the loader reports it."""
    book = openpyxl.load_workbook(workbook_path)
    sheet = book[section]
    header = [cell.value for cell in sheet[1]]
    cell = sheet.cell(row=2, column=header.index(field) + 1, value=value)
    book.save(workbook_path)
    return f"{section}!{cell.coordinate} ({field})"


def _set_numeric_literal(workbook_path, section: str, field: str, literal: str) -> str:
    """A number cell holding `literal` as stored in the sheet XML (openpyxl cannot write such numbers)."""
    sentinel = 123456789.25
    where = _set_sheet_cell(workbook_path, section, field, sentinel)
    with zipfile.ZipFile(workbook_path) as archive:
        members = [(info, archive.read(info.filename)) for info in archive.infolist()]
    with zipfile.ZipFile(workbook_path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in members:
            archive.writestr(info, data.replace(f"<v>{sentinel!r}</v>".encode(), f"<v>{literal}</v>".encode()))
    return where


SECTIONS_AND_FIELDS = [("kpis", "weight"), ("kpis", "baseline"), ("roles", "headcount"), ("reviews", "actions")]


@pytest.mark.parametrize("text", [HUGE, WIDE, "1e999", "-1e999"])  # what Excel keeps of a number it cannot hold
@pytest.mark.parametrize(("section", "field"), SECTIONS_AND_FIELDS)
def test_workbook_text_cells(tmp_path, converted, text, section, field):
    book = _copy(converted, "xlsx", tmp_path)
    _refused(book, _set_sheet_cell(book, section, field, text), "number too large")


@pytest.mark.parametrize(("literal", "message"), [(WIDE, "number too large"), ("1e999", "not a finite number")])
@pytest.mark.parametrize(("section", "field"), SECTIONS_AND_FIELDS)
def test_workbook_number_cells(tmp_path, converted, literal, message, section, field):
    book = _copy(converted, "xlsx", tmp_path)
    _refused(book, _set_numeric_literal(book, section, field, literal), message)


@pytest.mark.parametrize(("form", "literal"), [("yaml", HUGE), ("json", "1e999")])
def test_the_command_line_prints_no_traceback(tmp_path, form, literal):
    """Through the real entry point (`main`), not CliRunner."""
    intake = _write(tmp_path, form, ("kpis", 0, "weight"), literal)
    for command in ("validate", "audit"):
        done = subprocess.run([sys.executable, "-m", "cli.main", command, str(intake)], cwd=ROOT,
                              capture_output=True, text=True, timeout=60)
        assert (done.returncode, "Traceback" in done.stderr) == (2, False), done.stderr
        assert "kpis[0].weight: number too large" in done.stderr


def test_a_hand_written_workbook_cell_openpyxl_cannot_convert_is_located(tmp_path):
    """A numeric cell of 5,000 digits in the sheet XML (Excel cannot write one; a script can): exit 2 at its row."""
    import re
    import subprocess
    import sys
    import zipfile

    from tests.conftest import ROOT

    template, broken = tmp_path / "t.xlsx", tmp_path / "broken.xlsx"
    subprocess.run([sys.executable, "-m", "cli.main", "init", str(template)], cwd=ROOT, check=True, capture_output=True)
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(broken, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                data = re.sub(rb'<c r="F2"([^>]*)><v>[^<]*</v></c>', b'<c r="F2"><v>' + b"9" * 5000 + b"</v></c>", data)
            target.writestr(item, data)
    proc = subprocess.run([sys.executable, "-m", "cli.main", "validate", str(broken)], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and "row 2" in proc.stderr
