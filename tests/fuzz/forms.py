"""Write a drawn intake in every form a client may send: YAML, JSON, an .xlsx workbook, a CSV folder in UTF-8,
UTF-8 with BOM or GB18030.

Deliberately not the tool's own writers (engine/loaders/writers.py): those make inert, well-formed files, and
the point here is what a client's export looks like — a number cell holding 10**400, a text cell starting with
`=`, a list typed as `a; b`, a BOM in the middle of a cell.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import openpyxl
import yaml
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

CSV_ENCODINGS = ("utf-8", "utf-8-sig", "gb18030")
FORMS = ("yaml", "json", "xlsx", *(f"csv-{encoding}" for encoding in CSV_ENCODINGS))


def write_form(raw: dict[str, Any], form: str, folder: Path) -> Path:
    """`raw` written as `form` inside `folder`; the path to give the commands."""
    if form == "yaml":
        path = folder / "intake.yaml"
        path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    elif form == "json":
        path = folder / "intake.json"
        path.write_text(json.dumps(raw, ensure_ascii=False, default=str), encoding="utf-8")
    elif form == "xlsx":
        path = folder / "intake.xlsx"
        _workbook(raw, path)
    else:
        path = folder / "intake"
        path.mkdir()
        _csv_folder(raw, path, form.removeprefix("csv-"))
    return path


def cell(value: Any) -> Any:
    """A value as a client's spreadsheet holds it: lists as `a; b`, incentive links as `kpi:weight`."""
    if isinstance(value, list):
        return "; ".join(f"{v.get('kpi')}:{v.get('weight', '')}" if isinstance(v, dict) else str(cell(v))
                         for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def _rows(records: Any) -> list[list[Any]]:
    """A section as a table: the header (fields in first-seen order), then one row per record."""
    if isinstance(records, dict):
        return [["field", "value"], *([k, cell(v)] for k, v in records.items())]
    if not isinstance(records, list):
        return [["value"], [cell(records)]]
    fields = list(dict.fromkeys(k for r in records if isinstance(r, dict) for k in r))
    return [fields, *([cell(r.get(f)) for f in fields] if isinstance(r, dict) else [cell(r)] for r in records)]


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    if isinstance(value, (int, float, bool, dt.date)) or value is None:
        return value
    return str(value)


def _workbook(raw: dict[str, Any], path: Path) -> None:
    """Text as text cells, as a client types it (`=1` typed into a text-formatted cell): a live formula
    without a cached value reads as blank, which tests/test_injection.py covers."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for section, records in raw.items():
        sheet = book.create_sheet(section[:31])
        for row in _rows(records):
            sheet.append([_xlsx_value(v) for v in row])
        for cells in sheet.iter_rows():
            for written in cells:
                if written.data_type == "f":
                    written.data_type = "s"
    book.save(path)


def _csv_folder(raw: dict[str, Any], folder: Path, encoding: str) -> None:
    for section, records in raw.items():
        with open(folder / f"{section}.csv", "w", encoding=encoding, newline="") as handle:
            csv.writer(handle).writerows([["" if v is None else v for v in row] for row in _rows(records)])
