"""Intake -> YAML, JSON, .xlsx workbook or CSV folder, written atomically (`kpi-audit convert`, `init`).

Every form reads back into the same model: lists become `a; b`, incentive links
`kpi:weight`, dates `YYYY-MM-DD` text, booleans `true/false` (`是/否` with
Chinese headers), numbers stay numbers.

Client text is data, never a formula: a workbook cell holding text is a text cell (one that starts like a
formula also gets Excel's quote prefix, so editing it keeps it text), and a CSV text cell that a spreadsheet
would run gets the OWASP quote prefix (`engine.inert_csv`), which our CSV reader takes off again.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import yaml

from engine.atomic import replace_atomically
from engine.enum_words import display_values, enum_values, zh_word
from engine.errors import Problem, UserInputError
from engine.inert_csv import FORMULA_STARTS, inert
from engine.loaders import headers
from engine.messages import Msg
from engine.model import NEVER_HELD_WORD, SECTIONS, Intake


def intake_to_raw(intake: Intake) -> dict[str, Any]:
    """The canonical raw form: section by section, fields without their defaults.

    A section the intake left out stays out and an empty one stays `[]` (intake 1.1: not collected is not
    the same as none), so every form keeps the difference.
    """
    raw: dict[str, Any] = {}
    for section in SECTIONS:
        value = getattr(intake, section)
        if section == "organization":
            raw[section] = value.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
        elif intake.collected(section):
            raw[section] = [r.model_dump(mode="json", exclude_none=True, exclude_defaults=True) for r in value]
    return raw


def cell_text(value: Any, lang: str, field: str = "", section: str = "") -> Any:
    """A model value as one spreadsheet cell (an empty meeting log is a word: a blank cell means not collected);
    in Chinese an enum value is its Chinese word (`growth` -> `成长期`), which the loader reads back the same."""
    if lang == "zh" and section and isinstance(value, str) and value in enum_values(section, field):
        return zh_word(section, field, value)
    if field == "held_on" and value == []:
        return NEVER_HELD_WORD[lang]
    if isinstance(value, bool):
        return ("是" if value else "否") if lang == "zh" else ("true" if value else "false")
    if isinstance(value, list):
        parts = []
        for item in value:
            if isinstance(item, dict):  # incentive link
                parts.append(f"{item['kpi']}:{_number(item['weight'])}" if item.get("weight") is not None
                             else item["kpi"])
            else:
                parts.append(str(item))
        return "; ".join(parts)
    return value


def _number(value: float | int) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)


def columns(section: str) -> list[str]:
    return list(SECTIONS[section].model_fields)


def table_rows(raw: dict, section: str, lang: str) -> list[list[Any]]:
    """Header row then one row per record (organization: field/value rows)."""
    if section == "organization":
        head = [headers.ORG_COLUMNS["field"][0], headers.ORG_COLUMNS["value"][0]] if lang == "zh" else ["field", "value"]
        record = raw.get("organization", {})
        return [head] + [[headers.header_for(section, f, lang), cell_text(record.get(f), lang, f, section)]
                         for f in columns(section)]
    names = columns(section)
    rows = [[headers.header_for(section, f, lang) for f in names]]
    rows += [[cell_text(record.get(f), lang, f, section) for f in names] for record in raw.get(section, [])]
    return rows


def write_text_form(raw: dict, path: Path) -> None:
    if path.suffix.lower() == ".json":
        text = json.dumps(raw, ensure_ascii=False, indent=2) + "\n"
    else:
        text = yaml.safe_dump(raw, allow_unicode=True, sort_keys=False, width=120)
    replace_atomically(path, lambda target: target.write_text(text, encoding="utf-8"))


def write_csv_folder(raw: dict, folder: Path, lang: str, readme: str | None = None) -> None:
    """One CSV per section, UTF-8 with BOM so Excel and WPS open Chinese text correctly."""

    def write(target: Path) -> None:
        for section in _written(raw):
            buffer = io.StringIO(newline="")
            csv.writer(buffer, lineterminator="\r\n").writerows(
                [[_csv_cell(v) for v in row] for row in table_rows(raw, section, lang)])
            (target / f"{headers.sheet_name(section, lang)}.csv").write_text(buffer.getvalue(), encoding="utf-8-sig")
        if readme:
            (target / "README.txt").write_text(readme, encoding="utf-8-sig")

    replace_atomically(folder, write, folder=True)


def _written(raw: dict) -> list[str]:
    """The sections to write as sheets or files: those in the intake (a left-out section gets no sheet)."""
    return [section for section in SECTIONS if section in raw]


def _csv_cell(value: Any) -> str:
    """Numbers as numbers (`-2` stays a negative number), text made inert."""
    if value is None:
        return ""
    if isinstance(value, float):
        return _number(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, str):
        return inert(value)
    return str(value)


def write_workbook(raw: dict, path: Path, lang: str, template: bool = False) -> None:
    """A workbook, one sheet per section; a template adds dropdowns, a README sheet and frozen headers."""
    import openpyxl
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils.exceptions import IllegalCharacterError
    from openpyxl.utils import get_column_letter

    book = openpyxl.Workbook()
    book.remove(book.active)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDE6F0")
    if template:
        _readme_sheet(book, lang, bold, fill)
    for section in _written(raw):
        sheet = book.create_sheet(headers.sheet_name(section, lang))
        rows = table_rows(raw, section, lang)
        for number, row in enumerate(rows):
            values = [v.isoformat() if isinstance(v, (dt.date, dt.datetime)) else v for v in row]
            try:  # cell by cell, O(1) each (sheet.append then sheet[max_row] rescans the sheet: quadratic)
                for column, value in enumerate(values, 1):
                    if value is None:
                        continue
                    cell = sheet.cell(row=number + 1, column=column, value=value)
                    if isinstance(value, str):
                        _text_cell(cell)
            except IllegalCharacterError:
                raise UserInputError(str(path), _control_character(section, number, values)) from None
        for cell in sheet[1]:
            cell.font, cell.fill = bold, fill
        sheet.freeze_panes = "A2"
        for col in range(1, len(rows[0]) + 1):
            sheet.column_dimensions[get_column_letter(col)].width = 18
        if template:
            _dropdowns(sheet, section, lang)

    replace_atomically(path, book.save)


def _text_cell(cell) -> None:
    """Text stays text: openpyxl takes a string starting with `=` for a formula; Excel's quote prefix keeps a
    `+1` or `=x` text when someone edits the cell."""
    cell.data_type = "s"
    if cell.value.startswith(FORMULA_STARTS):
        cell.quotePrefix = True


def _control_character(section: str, number: int, values: list) -> Problem:
    """Where the intake holds a character XML 1.0 (so .xlsx) cannot carry, e.g. U+0001 from a JSON escape."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    column, match = next((c, ILLEGAL_CHARACTERS_RE.search(v)) for c, v in enumerate(values)
                         if isinstance(v, str) and ILLEGAL_CHARACTERS_RE.search(v))
    if section == "organization":
        where = f"organization.{columns(section)[number - 1]}"
    else:
        where = f"{section}[{number - 1}].{columns(section)[column]}"
    return Problem(where, Msg("out_cell_control", code=ord(match.group())))


def _dropdowns(sheet, section: str, lang: str) -> None:
    """Enum fields get a list of allowed values in the template's language (typing other accepted spellings
    stays allowed)."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    for position, field in enumerate(columns(section)):
        values = display_values(section, field, lang)
        if not values:
            continue
        rule = DataValidation(type="list", formula1='"' + ",".join(values) + '"', allow_blank=True)
        sheet.add_data_validation(rule)
        if section == "organization":
            rule.add(f"B{position + 2}")
        else:
            letter = get_column_letter(position + 1)
            rule.add(f"{letter}2:{letter}5000")


def _readme_sheet(book, lang: str, bold, fill) -> None:
    from openpyxl.styles import Alignment

    from engine.loaders.field_docs import FIELD_DOCS, how_to_fill

    sheet = book.create_sheet("说明" if lang == "zh" else "README")
    sheet.append([how_to_fill(lang)])
    sheet.merge_cells("A1:D1")   # the paragraph wraps across the table's width instead of running off screen
    sheet["A1"].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.row_dimensions[1].height = 96
    head = ["工作表", "列名", "可选值", "说明"] if lang == "zh" else ["sheet", "column", "allowed values", "meaning"]
    sheet.append(head)
    for cell in sheet[2]:
        cell.font, cell.fill = bold, fill
    separator = "、" if lang == "zh" else ", "
    for section in SECTIONS:
        for field in columns(section):
            en, zh = FIELD_DOCS[section][field]
            sheet.append([headers.sheet_name(section, lang), headers.header_for(section, field, lang),
                          separator.join(display_values(section, field, lang)), zh if lang == "zh" else en])
    for letter, width in zip("ABCD", (14, 22, 40, 70)):
        sheet.column_dimensions[letter].width = width
