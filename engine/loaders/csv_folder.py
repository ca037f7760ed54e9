"""A folder of CSV files named after the sections -> sheets of cell values.

Encodings are detected, not asked for: UTF-8 (with or without BOM), UTF-16
with BOM, else GB18030 (a superset of GBK, what Excel and WPS write on Chinese
Windows). A file that is UTF-8 but for a few bytes mixes encodings and is
refused, naming its lines (`mixed_utf8`). Cells stay text; the model parses
them like any other form.

Cost is bounded while reading: the folder's bytes in all (`MAX_FOLDER_BYTES`,
each file read no further than what is left of it) and its cells
(`CellBudget`), so fifty files of blank rows are refused at the limit rather
than read to the end.
"""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from engine.errors import IntakeError, Problem
from engine.inert_csv import as_written
from engine.loaders.tables import CellBudget, Sheet
from engine.loaders.text_forms import MAX_BYTES, decode
from engine.messages import Msg

MAX_FILES = 50
MAX_FOLDER_BYTES = MAX_BYTES  # the CSV files of one intake hold what one YAML file may: 64 MiB in all
MIB = 1024 * 1024
_UTF8_BOM = b"\xef\xbb\xbf"
_NOT_UTF8 = re.compile("[\udc80-\udcff]")  # a byte UTF-8 could not decode, under surrogateescape
_LISTED_LINES = 5


def read_sheets(folder: Path) -> list[Sheet]:
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == ".csv")
    if not files:
        raise IntakeError(str(folder), Msg("no_csv_files"))
    if len(files) > MAX_FILES:
        raise IntakeError(str(folder), Msg("too_many_csv", count=len(files), limit=MAX_FILES))
    budget = CellBudget(str(folder))
    left = MAX_FOLDER_BYTES
    sheets = []
    for path in files:
        data = _read_within(path, left, folder)
        left -= len(data)
        sheet = Sheet(path.name, path.stem)
        try:
            rows = csv.reader(io.StringIO(_decode(data, path, folder), newline=""))
            for number, cells in enumerate(rows, start=1):
                budget.spend(len(cells))
                sheet.add(str(folder), number, [as_written(c.strip()) or None for c in cells])
        except csv.Error as exc:
            raise IntakeError(str(folder), Problem(path.name, Msg("invalid_csv", detail=exc))) from None
        sheets.append(sheet)
    return sheets


def _read_within(path: Path, left: int, folder: Path) -> bytes:
    """The file's bytes, reading at most one byte more than the folder has left: refused past it."""
    with path.open("rb") as stream:
        data = stream.read(left + 1)
    if len(data) > left:
        raise IntakeError(str(folder), Problem(path.name, Msg("csv_folder_too_big", limit=MAX_FOLDER_BYTES / MIB)))
    return data


def _decode(data: bytes, path: Path, folder: Path) -> str:
    _refuse_mixed_utf8(data, path, folder)
    return decode(data, str(path))


def _refuse_mixed_utf8(data: bytes, path: Path, folder: Path) -> None:
    """Refuse a UTF-8 file with bytes that are not UTF-8 (a Windows-1252 `’` pasted into it).

    Falling back to GB18030 would decode the whole file, and garble every Chinese name in it, without a
    word. The file counts as UTF-8 when it says so (a UTF-8 BOM) or when more of its non-ASCII characters
    decode as UTF-8 than bytes fail to: GBK text rarely forms valid UTF-8 by chance (about one pair in
    twelve), so a GBK file stays GBK. UTF-16 files (with their BOM) are `decode`'s.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return
    try:
        data.decode("utf-8")
        return
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", "surrogateescape")
    bad = len(text) - len(_NOT_UTF8.sub("", text))
    good = len(text) - len(text.encode("ascii", "ignore")) - bad
    if not data.startswith(_UTF8_BOM) and good <= bad:
        return
    first = _NOT_UTF8.search(text)
    assert first is not None  # the strict decode failed, so some byte is not UTF-8
    raise IntakeError(str(folder), Problem(path.name, Msg("mixed_utf8", count=bad, lines=_lines(text),
                                                          byte=f"0x{ord(first.group()) - 0xDC00:02X}")))


def _lines(text: str) -> str:
    """The first lines holding a byte that is not UTF-8 (`3, 7, …`), counted in one pass."""
    lines: list[int] = []
    line, at = 1, 0
    for match in _NOT_UTF8.finditer(text):
        line += text.count("\n", at, match.start())
        at = match.start()
        if not lines or lines[-1] != line:
            if len(lines) == _LISTED_LINES:
                return ", ".join(map(str, lines)) + ", …"
            lines.append(line)
    return ", ".join(map(str, lines))
