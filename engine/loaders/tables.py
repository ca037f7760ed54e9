"""Spreadsheet grids (workbook sheets, CSV files) -> raw intake sections with cell positions.

Both spreadsheet forms share this: headers mapped through `headers`, blank rows
and unmapped columns skipped, and a `Locator` that names problems as a
spreadsheet user sees them: `kpis!F12 (weight)`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from engine.cells import blank
from engine.errors import Problem
from engine.loaders import headers
from engine.messages import Local, Msg

MAX_ROWS = 300_000
MAX_COLUMNS = 200


@dataclass
class Sheet:
    """One sheet as rows of cell values; `title` is what the user sees (`kpis`, `指标`, `kpis.csv`)."""

    title: str
    stem: str
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


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

    def __call__(self, section: str, index: int | None, fld: str | None) -> str:
        placed = self.placed.get(section)
        top = fld.split("[")[0].split(".")[0] if fld else None
        if placed is None:
            return _with_field(section, Msg("loc_no_sheet", section=headers.sheet_names(section)), fld, top)
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
            continue
        if section in locate.placed:
            problems.append(Problem(sheet.title, Msg("second_sheet", section=headers.sheet_names(section),
                                                     first=locate.placed[section].title)))
            continue
        placed = locate.placed[section] = _Placed(sheet.title)
        rows = [(n, cells) for n, cells in sheet.rows if any(not blank(c) for c in cells)]
        if not rows:  # the sheet is there but empty: an empty section, not a missing one
            raw[section] = {} if section == "organization" else []
            continue
        reader = _read_organization if section == "organization" else _read_table
        raw[section] = reader(section, rows, placed, warnings, problems)
    return raw, locate, warnings, problems


def _read_table(section: str, rows, placed: _Placed, warnings: list[str], problems: list[Problem]) -> list[dict]:
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
        record = {name: cells[col] for name, col in placed.columns.items()
                  if col < len(cells) and not blank(cells[col])}
        if record:
            records.append(record)
            placed.rows.append(number)
    return records


def _read_organization(section: str, rows, placed: _Placed, warnings: list[str], problems: list[Problem]) -> dict:
    """The two-column field/value sheet; a header row is optional."""
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
        value = cells[value_col] if value_col < len(cells) else None
        placed.org_rows[name] = number
        if not blank(value):
            record[name] = value
    return record
