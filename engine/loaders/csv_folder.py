"""A folder of CSV files named after the sections -> sheets of cell values.

Encodings are detected, not asked for: UTF-8 (with or without BOM), UTF-16
with BOM, else GB18030 (a superset of GBK, what Excel and WPS write on Chinese
Windows). Cells stay text; the model parses them like any other form.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

from engine.errors import IntakeError, Problem
from engine.loaders.tables import MAX_COLUMNS, MAX_ROWS, Sheet
from engine.loaders.text_forms import decode, read_bytes

MAX_FILES = 50


def read_sheets(folder: Path) -> list[Sheet]:
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == ".csv")
    if not files:
        raise IntakeError(str(folder), "no .csv files in this folder (expected organization.csv, units.csv, ...)")
    if len(files) > MAX_FILES:
        raise IntakeError(str(folder), f"{len(files)} CSV files; an intake has at most {MAX_FILES} (one per section)")
    sheets = []
    for path in files:
        text = decode(read_bytes(path), str(path))
        sheet = Sheet(path.name, path.stem)
        try:
            for number, cells in enumerate(csv.reader(io.StringIO(text, newline="")), start=1):
                if number > MAX_ROWS:
                    raise IntakeError(str(folder), Problem(path.name, f"more than {MAX_ROWS:,} rows; refused"))
                if len(cells) > MAX_COLUMNS:
                    raise IntakeError(str(folder), Problem(f"{path.name} row {number}",
                                                           f"more than {MAX_COLUMNS} columns; refused"))
                sheet.rows.append((number, [c.strip() or None for c in cells]))
        except csv.Error as exc:
            raise IntakeError(str(folder), Problem(path.name, f"not valid CSV: {exc}")) from None
        sheets.append(sheet)
    return sheets
