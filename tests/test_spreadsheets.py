"""Spreadsheet intakes: .xlsx and CSV folders (UTF-8/GBK, Chinese headers), cell-precise errors,
templates, lossless conversion, and hostile workbooks."""
from __future__ import annotations

import datetime as dt
import json
import zipfile

import openpyxl
import pytest
from click.testing import CliRunner

from cli.main import cli
from engine.catalogue import Catalogue
from engine.errors import IntakeError
from engine.loaders import load_intake, tables, workbook
from engine.loaders.writers import intake_to_raw, write_csv_folder, write_workbook
from engine.ruleset import load_catalogue
from tests.conftest import EXAMPLES

SELLER = EXAMPLES / "cross-border-seller.yaml"


def run(*args: str):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert "Traceback" not in result.stdout + result.stderr
    return result


def _judgement(path) -> str:
    report = json.loads(run("audit", path).stdout)
    return json.dumps({"findings": report["findings"], "score": report["score"], "plan": report["plan"]},
                      ensure_ascii=False)


def test_same_client_in_four_forms_gives_identical_findings(tmp_path):
    raw = intake_to_raw(load_intake(SELLER).intake)
    write_workbook(raw, tmp_path / "seller.xlsx", "zh")
    write_csv_folder(raw, tmp_path / "utf8", "en")
    write_csv_folder(raw, tmp_path / "gbk", "zh")
    for path in (tmp_path / "gbk").iterdir():
        path.write_bytes(path.read_text(encoding="utf-8-sig").encode("gbk"))
    expected = _judgement(SELLER)
    for form in ("seller.xlsx", "utf8", "gbk"):
        assert _judgement(tmp_path / form) == expected, form


@pytest.mark.parametrize("example", ["healthy.yaml", "cross-border-seller.yaml", "shenzhen-seller-zh.yaml",
                                     "everything-wrong.yaml", "bare.yaml"])
@pytest.mark.parametrize(("target", "lang"), [("x.xlsx", "en"), ("x.xlsx", "zh"), ("csv", "zh"), ("x.json", "en"),
                                              ("x.yaml", "en")])
def test_convert_round_trips_without_loss(tmp_path, example, target, lang):
    assert run("convert", EXAMPLES / example, tmp_path / target, "--lang", lang).exit_code == 0
    assert load_intake(tmp_path / target).intake == load_intake(EXAMPLES / example).intake


def test_convert_refuses_to_overwrite_without_force(tmp_path):
    target = tmp_path / "out.yaml"
    target.write_text("keep me", encoding="utf-8")
    assert run("convert", SELLER, target).exit_code == 2 and target.read_text(encoding="utf-8") == "keep me"
    assert run("convert", SELLER, target, "--force").exit_code == 0
    assert run("convert", SELLER, tmp_path / "out.pdf").exit_code == 2


def _seller_book(tmp_path, lang="en"):
    path = tmp_path / "seller.xlsx"
    write_workbook(intake_to_raw(load_intake(SELLER).intake), path, lang)
    return path


def test_broken_cells_are_listed_by_sheet_and_cell(tmp_path):
    path = _seller_book(tmp_path)
    book = openpyxl.load_workbook(path)
    kpis, reviews = book["kpis"], book["reviews"]
    head = [c.value for c in kpis[1]]
    kpis.cell(row=3, column=head.index("weight") + 1, value="fifty")
    kpis.cell(row=11, column=head.index("owner") + 1, value="ghost-role")
    kpis.cell(row=5, column=head.index("frequency") + 1, value="hourly")
    reviews.cell(row=2, column=[c.value for c in reviews[1]].index("held_on") + 1, value="2026-13-40")
    book["organization"]["B5"] = "someday"  # audit_date
    book.save(path)
    result = run("audit", path)
    assert result.exit_code == 2
    for where in ("kpis!F3 (weight): 'fifty' is not a number", "kpis!C11 (owner): unknown role 'ghost-role'",
                  "kpis!L5 (frequency)", "reviews!G2 (held_on): '2026-13-40'", "organization!B5 (audit_date)"):
        assert where in result.stderr, (where, result.stderr)


def test_cells_are_read_leniently(tmp_path):
    path = _seller_book(tmp_path)
    book = openpyxl.load_workbook(path)
    kpis = book["kpis"]
    head = [c.value for c in kpis[1]]
    col = {name: head.index(name) + 1 for name in head}
    kpis.cell(row=2, column=col["weight"], value=0.25).number_format = "0%"
    kpis.cell(row=2, column=col["target"], value="3,000,000")
    kpis.cell(row=3, column=col["target"], value=0.15).number_format = "0.0%"
    kpis.cell(row=3, column=col["weight"], value=1 / 3).number_format = "0%"
    kpis.cell(row=3, column=col["core"], value="是")
    kpis.cell(row=4, column=col["name"], value="  ＵＳ ＡＣｏＳ  ")
    kpis.cell(row=2, column=len(head) + 3, value=None)
    kpis.insert_rows(6)  # a blank row in the middle
    book["reviews"].cell(row=2, column=7, value=dt.datetime(2026, 10, 27))
    book.save(path)
    intake = load_intake(path).intake
    first, second = intake.kpis[0], intake.kpis[1]
    assert first.weight == 25 and first.target == 3000000
    assert second.target == 0.15 and second.core is True
    assert abs(second.weight - 100 / 3) < 1e-8  # a percent cell keeps its precision
    # a name is quoted as the client wrote it (trimmed), and still read as the metric it names
    assert intake.kpis[2].name == "ＵＳ ＡＣｏＳ" and len(intake.kpis) == 10
    assert Catalogue.from_document(load_catalogue("metrics@1.1.0")).match(intake.kpis[2].name).id == "acos"
    assert intake.reviews[0].held_on == [dt.date(2026, 10, 27)]


def test_unknown_columns_and_sheets_are_warnings(tmp_path):
    path = _seller_book(tmp_path)
    book = openpyxl.load_workbook(path)
    book["kpis"].cell(row=1, column=20, value="备注")
    book.create_sheet("Notes")
    book.save(path)
    warnings = load_intake(path).warnings
    assert "kpis!T1: unknown column '备注' ignored" in warnings and "Notes: not an intake section; ignored" in warnings


@pytest.mark.parametrize(("renamed", "told"), [("部门列表", True), (None, False)])
def test_a_renamed_required_sheet_is_one_problem_naming_the_sheet_not_read(tmp_path, renamed, told):
    """A consultant who renames the units sheet gets one problem that names the sheet no section is called, not
    one more for every role, objective and review pointing at a unit; with the sheet deleted (the near miss) there
    is no sheet to name."""
    path = _seller_book(tmp_path, "zh")
    book = openpyxl.load_workbook(path)
    if renamed:
        book["部门"].title = renamed
    else:
        del book["部门"]
    book.save(path)
    for lang, expected in (("en", "units (no such sheet; not read as any section: '部门列表')"),
                           ("zh", "部门（没有这个工作表；未能识别：「部门列表」）")):
        result = run("validate", path, "--lang", lang)
        assert result.exit_code == 2
        (line,) = [line for line in result.stderr.splitlines() if line.startswith("kpi-audit:")]
        assert (expected in line) == told and ("no such sheet" in line or "没有这个工作表" in line), line


def test_a_renamed_csv_file_is_named_escaped(tmp_path):
    """In a CSV folder the unread "sheet" is a file, whose name may hold an escape or a line break: it is shown
    escaped, so the problem stays one line and a terminal never receives the raw sequence."""
    folder = tmp_path / "seller"
    write_csv_folder(intake_to_raw(load_intake(SELLER).intake), folder, "en")
    (folder / "units.csv").rename(folder / "uni\x1b[31mts\nX.csv")
    result = run("validate", folder)
    assert result.exit_code == 2 and "\x1b" not in result.stderr
    (line,) = result.stderr.splitlines()
    assert "units (no such sheet; not read as any section: 'uni\\x1b[31mts\\nX.csv')" in line, line


def test_formulas_are_never_evaluated(tmp_path):
    path = _seller_book(tmp_path)
    book = openpyxl.load_workbook(path)
    book["roles"]["E2"] = '=HYPERLINK("http://evil","x")'
    book.save(path)
    assert load_intake(path).intake.roles[0].responsibilities is None  # no cached value: blank, not code


def test_template_filled_in_and_audited(tmp_path):
    path = tmp_path / "client.xlsx"
    assert run("init", path, "--lang", "zh").exit_code == 0
    book = openpyxl.load_workbook(path)
    assert {"说明", "组织", "指标", "激励", "复盘"} <= set(book.sheetnames)
    assert book["指标"].data_validations.dataValidation, "enum dropdowns"
    kpis = book["指标"]
    for n, name in enumerate(["ACoS", "每日上新数量", "Conversion rate", "Review rating", "TACoS", "Refund rate"]):
        kpis.append([f"k{n}", name, "us-ops", "process" if name == "每日上新数量" else "result", "是", 0,
                     "m-gmv", "o-profit", None, None, None, "每月"])
    kpis["F2"] = 40
    for row, weight in zip(range(3, 9), (20, 25, 5, 5, 5, 0)):
        kpis[f"F{row}"] = weight
    book.save(path)
    report = json.loads(run("audit", path).stdout)
    codes = {(f["code"], f["subject"]) for f in report["findings"]}
    assert ("F01", "role:us-ops") in codes and ("R01", "kpi:k1") in codes
    assert run("init", path).exit_code == 2  # exists
    csv_dir = tmp_path / "client-csv"
    assert run("init", csv_dir, "--format", "csv").exit_code == 0
    assert (csv_dir / "README.txt").is_file() and run("audit", csv_dir).exit_code == 0


def test_csv_encodings(tmp_path):
    folder = tmp_path / "c"
    write_csv_folder(intake_to_raw(load_intake(EXAMPLES / "shenzhen-seller-zh.yaml").intake), folder, "zh")
    texts = {path: path.read_text(encoding="utf-8-sig") for path in folder.glob("*.csv")}
    expected = load_intake(folder).intake
    for encoding in ("utf-8", "gb18030", "gbk", "utf-16"):
        for path, text in texts.items():
            path.write_bytes(text.encode(encoding))
        assert load_intake(folder).intake == expected, encoding
    (folder / "指标.csv").write_bytes(b"\xff\xfe\x00\xd8" + bytes(range(128, 256)) * 3)
    with pytest.raises(IntakeError):
        load_intake(folder)


def test_a_folder_of_many_csv_files_is_refused(tmp_path):
    for n in range(60):
        (tmp_path / f"f{n}.csv").write_text("id\n", encoding="utf-8")
    _refused(tmp_path, "at most 50")


def test_a_csv_file_alone_is_explained(tmp_path):
    path = tmp_path / "kpis.csv"
    path.write_text("id,name\n", encoding="utf-8")
    result = run("audit", path)
    assert result.exit_code == 2 and "folder" in result.stderr


def _refused(path, fragment: str) -> None:
    """Refused with a problem that says `fragment` (how long it takes is measured in benchmarks/)."""
    with pytest.raises(IntakeError) as info:
        load_intake(path)
    assert fragment in info.value.render()


def test_zip_bomb_is_refused(tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<a>" + b" " * 120_000_000 + b"</a>")
    _refused(path, "zip bomb")


def test_huge_and_fake_workbooks_are_refused(tmp_path, monkeypatch):
    fake = tmp_path / "old.xlsx"
    fake.write_bytes(b"\xd0\xcf\x11\xe0 not a zip")
    _refused(fake, "not an .xlsx workbook")
    path = _seller_book(tmp_path)
    monkeypatch.setattr(workbook, "MAX_UNPACKED_BYTES", 10_000)
    _refused(path, "unpacks to")
    monkeypatch.setattr(workbook, "MAX_UNPACKED_BYTES", 150 * 1024 * 1024)
    monkeypatch.setattr(tables, "MAX_ROWS", 5)
    _refused(path, "more than 5 rows")
