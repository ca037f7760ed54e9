"""Spreadsheet grids (workbook sheets, CSV files) -> raw intake sections with cell positions.

Both spreadsheet forms share this: the limits on what is read (checked row by
row while reading, see `CellBudget` and `Sheet.add`), headers mapped through
`headers`, blank rows and unmapped columns skipped, Excel dates in the fields
that take dates, and a `Locator` that names problems as a spreadsheet user sees
them: `kpis!F12 (weight)`.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from engine.cells import blank, shown
from engine.errors import IntakeError, Problem, some_of
from engine.loaders import headers, sheet_dates
from engine.messages import Local, Msg

MAX_ROWS = 100_000  # rows holding data, per sheet or CSV file
MAX_COLUMNS = 200  # the last column holding data, per row
MAX_CELLS = 500_000  # cells read in a workbook or folder, empty ones included; every row counts one more


class CellBudget:
    """Cells read so far in one workbook or CSV folder, refused past `MAX_CELLS` as they are read.

    What a sheet declares (its dimension) or pads (empty styled cells, blank rows) costs reading time even
    when it holds nothing: counting every cell and row read, empty or not, bounds that time before the rows
    are kept, whatever the file says about itself.
    """

    def __init__(self, source: str) -> None:
        self.source = source
        self.limit = MAX_CELLS
        self.spent = 0

    def spend(self, cells: int) -> None:
        self.spent += cells + 1
        if self.spent > self.limit:
            raise IntakeError(self.source, Msg("too_many_cells", limit=self.limit))


@dataclass
class Sheet:
    """One sheet as rows of cell values; `title` is what the user sees (`kpis`, `指标`, `kpis.csv`).

    Only rows holding data are kept, each cut after its last value; `epoch` is the workbook's date system
    (Excel serial numbers count days from it; a CSV file is in the 1900 system, Excel's default).
    """

    title: str
    stem: str
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)
    epoch: dt.datetime = sheet_dates.WINDOWS_EPOCH

    def add(self, source: str, number: int, values: list[Any]) -> None:
        """Keep row `number` if it holds data, within `MAX_ROWS` and `MAX_COLUMNS` (else `IntakeError`)."""
        width = len(values)
        while width and blank(values[width - 1]):
            width -= 1
        if not width:
            return
        if width > MAX_COLUMNS:
            raise IntakeError(source, Problem(Msg("loc_row", sheet=self.title, row=number),
                                              Msg("too_many_columns", limit=MAX_COLUMNS)))
        if len(self.rows) >= MAX_ROWS:
            raise IntakeError(source, Problem(self.title, Msg("too_many_rows", limit=MAX_ROWS)))
        self.rows.append((number, values[:width]))


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


IGNORED_SHOWN = 5  # sheets (CSV files) named when a required one is missing: each missing section repeats them


@dataclass
class _Placed:
    title: str
    columns: dict[str, int] = field(default_factory=dict)  # field -> column index
    rows: list[int] = field(default_factory=list)  # record index -> sheet row
    org_rows: dict[str, int] = field(default_factory=dict)  # organization field -> sheet row
    value_column: int = 1


class TableLocator:
    """(section, record index, field) -> `sheet!F12 (field)`; in Chinese the field is named by its Chinese header."""

    def __init__(self) -> None:
        self.placed: dict[str, _Placed] = {}
        self.ignored: list[str] = []   # titles of the sheets no section is called: a renamed one is among them

    def __call__(self, section: str, index: int | None, fld: str | None) -> str:
        placed = self.placed.get(section)
        top = fld.split("[")[0].split(".")[0] if fld else None
        if placed is None:
            names = headers.sheet_names(section)
            if not self.ignored:
                return _with_field(section, Msg("loc_no_sheet", section=names), fld, top)
            sheets = Local({"en": some_of([f"'{shown(s)}'" for s in self.ignored], ", ", limit=IGNORED_SHOWN),
                            "zh": some_of([f"「{shown(s)}」" for s in self.ignored], "、", limit=IGNORED_SHOWN)})
            return _with_field(section, Msg("loc_no_sheet_but", section=names, sheets=sheets), fld, top)
        if section == "organization":
            row = placed.org_rows.get(top or "")
            cell = f"{placed.title}!{column_letter(placed.value_column)}{row}" if row else placed.title
            return _with_field(section, cell, fld, top)
        if index is None:
            return _with_field(section, placed.title, fld, top)
        row = placed.rows[index] if index < len(placed.rows) else None
        col = placed.columns.get(top) if top else None
        cell = f"{placed.title}!{column_letter(col)}{row}" if col is not None else Msg("loc_row", sheet=placed.title,
                                                                                           row=row)
        return _with_field(section, cell, fld, top)


def _with_field(section: str, cell: str, fld: str | None, top: str | None) -> str:
    """`cell (field)`: the field as the intake names it, in Chinese by its Chinese header (`权重`)."""
    if not fld or not top:
        return cell
    names = Local({"en": fld, "zh": headers.header_for(section, top, "zh") + fld[len(top):]})
    return Msg("loc_cell", cell=cell, field=names)


def sections_from_sheets(sheets: list[Sheet]) -> tuple[dict, TableLocator, list[str], list[Problem]]:
    raw: dict[str, Any] = {}
    locate = TableLocator()
    warnings: list[str] = []
    problems: list[Problem] = []
    for sheet in sheets:
        section = headers.section_for(sheet.stem)
        if section is None:
            if headers.normalise_header(sheet.stem) not in headers.IGNORED_SHEETS:
                warnings.append(Msg("sheet_ignored", sheet=sheet.title))
                locate.ignored.append(sheet.title)
            continue
        if section in locate.placed:
            problems.append(Problem(sheet.title, Msg("second_sheet", section=headers.sheet_names(section),
                                                     first=locate.placed[section].title)))
            continue
        placed = locate.placed[section] = _Placed(sheet.title)
        if not sheet.rows:  # the sheet is there but empty: an empty section, not a missing one
            raw[section] = {} if section == "organization" else []
            continue
        reader = _read_organization if section == "organization" else _read_table
        raw[section] = reader(section, sheet, placed, warnings, problems)
    return raw, locate, warnings, problems


def _value(section: str, name: str, value: Any, sheet: Sheet) -> Any:
    """A cell as its field reads it: an Excel serial number where a date is expected is that date."""
    return sheet_dates.in_date_field(value, sheet.epoch) if name in sheet_dates.DATE_FIELDS[section] else value


def _read_table(section: str, sheet: Sheet, placed: _Placed, warnings: list[str],
                problems: list[Problem]) -> list[dict]:
    rows = sheet.rows
    header_row, header = rows[0]
    for col, title in enumerate(header):
        if blank(title):
            continue
        name = headers.field_for(section, title)
        where = f"{placed.title}!{column_letter(col)}{header_row}"
        if name is None:
            warnings.append(Msg("column_ignored", where=where, title=title))
        elif name in placed.columns:
            problems.append(Problem(where, Msg("column_repeats", title=title, field=name,
                                               other=column_letter(placed.columns[name]))))
        else:
            placed.columns[name] = col
    records = []
    for number, cells in rows[1:]:
        record = {name: _value(section, name, cells[col], sheet) for name, col in placed.columns.items()
                  if col < len(cells) and not blank(cells[col])}
        if record:
            records.append(record)
            placed.rows.append(number)
    return records


def _read_organization(section: str, sheet: Sheet, placed: _Placed, warnings: list[str],
                       problems: list[Problem]) -> dict:
    """The two-column field/value sheet; a header row is optional. A field given on two rows is a problem at
    the second: which value the client meant is theirs to say, not ours to guess."""
    rows = sheet.rows
    _, first = rows[0]
    labels = [headers.ORG_LOOKUP.get(headers.normalise_header(c)) for c in first]
    key_col, value_col = 0, 1
    if "field" in labels and "value" in labels:
        key_col, value_col = labels.index("field"), labels.index("value")
        rows = rows[1:]
    placed.value_column = value_col
    record: dict[str, Any] = {}
    for number, cells in rows:
        key = cells[key_col] if key_col < len(cells) else None
        if blank(key):
            continue
        name = headers.field_for(section, key)
        if name is None:
            warnings.append(Msg("org_field_ignored", where=f"{placed.title}!{column_letter(key_col)}{number}", key=key))
            continue
        if name in placed.org_rows:
            problems.append(Problem(f"{placed.title}!{column_letter(key_col)}{number}",
                                    Msg("field_row_repeats", key=key, field=name, other=placed.org_rows[name])))
            continue
        value = cells[value_col] if value_col < len(cells) else None
        placed.org_rows[name] = number
        if not blank(value):
            record[name] = _value(section, name, value, sheet)
    return record
