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
from engine.inert_csv import as_written
from engine.loaders.tables import MAX_COLUMNS, MAX_ROWS, Sheet
from engine.loaders.text_forms import decode, read_bytes
from engine.messages import Msg

MAX_FILES = 50


def read_sheets(folder: Path) -> list[Sheet]:
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == ".csv")
    if not files:
        raise IntakeError(str(folder), Msg("no_csv_files"))
    if len(files) > MAX_FILES:
        raise IntakeError(str(folder), Msg("too_many_csv", count=len(files), limit=MAX_FILES))
    sheets = []
    for path in files:
        text = decode(read_bytes(path), str(path))
        sheet = Sheet(path.name, path.stem)
        try:
            for number, cells in enumerate(csv.reader(io.StringIO(text, newline="")), start=1):
                if number > MAX_ROWS:
                    raise IntakeError(str(folder), Problem(path.name, Msg("too_many_rows", limit=MAX_ROWS)))
                if len(cells) > MAX_COLUMNS:
                    raise IntakeError(str(folder), Problem(Msg("loc_row", sheet=path.name, row=number),
                                                           Msg("too_many_columns", limit=MAX_COLUMNS)))
                sheet.rows.append((number, [as_written(c.strip()) or None for c in cells]))
        except csv.Error as exc:
            raise IntakeError(str(folder), Problem(path.name, Msg("invalid_csv", detail=exc))) from None
        sheets.append(sheet)
    return sheets
