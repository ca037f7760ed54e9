"""The portfolio's tables as a CSV file and an .xlsx workbook (pandas, openpyxl engine), client text inert.

An agency opens these in Excel or WPS, so client text (names, failure reasons, root-cause titles that name a
client's unit) must never become a formula: in the CSV a cell that starts with = + - @ tab or CR gets a
leading apostrophe (OWASP CSV injection guidance, engine.inert_csv as `convert` writes it); in the workbook
every text cell is stored as a string, never a formula, and such a cell also gets Excel's quote prefix so
editing it keeps it text (as engine.loaders.writers does for intake workbooks). Numbers stay numbers.
Headers and words are the summary's language (portfolio.summary_words).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from engine.atomic import replace_atomically, write_text_atomically
from engine.inert_csv import FORMULA_STARTS, inert
from engine.ruleset_model import DIMENSIONS, SEVERITIES
from portfolio.summary_tables import TOP_CAUSES
from portfolio.summary_words import STATUSES, WORDS
from reports.charts.svg import num
from reports.i18n import BANDS, DIMENSIONS as DIMENSION_WORDS, SEVERITIES as SEVERITY_WORDS

SHEET_NAME_MAX = 31  # Excel's limit


def csv_cell(value: object) -> str:
    """One CSV cell as text a spreadsheet cannot run: a leading apostrophe before a formula start; numbers
    as the reports print them (a negative number is a number, never prefixed); nothing for a missing value."""
    if value is None:
        return ""
    if isinstance(value, float):
        return num(value)
    return inert(value) if isinstance(value, str) else str(value)


def clients_frame(rows: list[dict], lang: str) -> pd.DataFrame:
    """One line per client (ranked, failed last), columns named in `lang`, values as the reader reads them."""
    w = WORDS[lang]
    columns = {
        w["rank"]: lambda r: r["rank"], w["client"]: lambda r: r["client"],
        w["organization"]: lambda r: r["organization"], w["status"]: lambda r: STATUSES[lang][r["status"]],
        w["reason"]: lambda r: r["error"], w["score"]: lambda r: r["score"],
        w["score_change"]: lambda r: r["score_change"],
        w["band"]: lambda r: BANDS[lang][r["band"]] if r["band"] else None,
        w["potential"]: lambda r: r["potential"], w["coverage"]: lambda r: r["coverage"],
        **{DIMENSION_WORDS[lang][d]: (lambda r, d=d: r["dimensions"][d]) for d in DIMENSIONS},
        w["findings"]: lambda r: r["findings"]["total"],
        **{w["findings_of"].format(severity=SEVERITY_WORDS[lang][s]): (lambda r, s=s: r["findings"][s])
           for s in SEVERITIES},
        w["root_causes"]: lambda r: r["root_causes"],
        **{w["top_cause_n"].format(n=n + 1): (lambda r, n=n: r["top_root_causes"][n]
                                             if n < len(r["top_root_causes"]) else None) for n in range(TOP_CAUSES)},
        w["audit_date"]: lambda r: r["audit_date"], w["source"]: lambda r: r["source"],
    }
    return pd.DataFrame([[get(r) for get in columns.values()] for r in rows], columns=list(columns), dtype=object)


def _frequency_frame(items: list[dict], lang: str, figures: list[tuple[str, str]]) -> pd.DataFrame:
    w = WORDS[lang]
    columns = [w["rule"], w["what"], w["dimension"], w["severity"], *(w[word] for _key, word in figures)]
    return pd.DataFrame([[i["code"], i["title"], DIMENSION_WORDS[lang][i["dimension"]],
                          SEVERITY_WORDS[lang][i["severity"]], *(i[key] for key, _word in figures)] for i in items],
                        columns=columns, dtype=object)


def causes_frame(causes: list[dict], lang: str) -> pd.DataFrame:
    return _frequency_frame(causes, lang, [("clients", "clients_with"), ("share", "share"),
                                           ("average_points", "avg_points")])


def rules_frame(rules: list[dict], lang: str) -> pd.DataFrame:
    return _frequency_frame(rules, lang, [("clients", "clients_with"), ("share", "share"),
                                          ("findings", "findings_total")])


def heat_map_frame(heat: dict, lang: str) -> pd.DataFrame:
    """Clients down, rule codes across, findings in the cells."""
    frame = pd.DataFrame(heat["counts"], columns=heat["rules"], dtype=object)
    frame.insert(0, WORDS[lang]["client"], heat["clients"])
    return frame


def write_csv(path: Path, rows: list[dict], lang: str) -> None:
    """The clients table as CSV: UTF-8 with BOM (Excel and WPS then read Chinese right), CRLF, inert cells."""
    frame = clients_frame(rows, lang).map(csv_cell)
    write_text_atomically(path, "\ufeff" + frame.to_csv(index=False, lineterminator="\r\n"))


def _sheet_name(title: str) -> str:
    return "".join(c for c in title if c not in "[]:*?/\\")[:SHEET_NAME_MAX]


def _inert_workbook(book) -> None:
    """Every text cell a string, never a formula; a formula-like one also quote-prefixed (stays text when edited)."""
    for sheet in book.worksheets:
        for line in sheet.iter_rows():
            for cell in line:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
                    if cell.value.startswith(FORMULA_STARTS):
                        cell.quotePrefix = True


def write_xlsx(path: Path, portfolio: dict, lang: str) -> None:
    """A workbook: the clients, the common root causes, the common rules and the client × rule heat map."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.utils import get_column_letter

    w = WORDS[lang]
    sheets = [(w["ranking"], clients_frame(portfolio["clients"], lang)),
              (w["common_causes"], causes_frame(portfolio["root_causes"], lang)),
              (w["common_rules"], rules_frame(portfolio["rules"], lang)),
              (w["heat_map"], heat_map_frame(portfolio["heat_map"], lang))]

    def clean(value: object) -> object:  # characters a workbook cannot hold (C0 controls) are dropped
        return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value

    def write(target: Path) -> None:
        with pd.ExcelWriter(target, engine="openpyxl") as writer:
            for title, frame in sheets:
                frame.map(clean).to_excel(writer, sheet_name=_sheet_name(title), index=False)
                sheet = writer.sheets[_sheet_name(title)]
                sheet.freeze_panes = "B2"
                for column in range(1, frame.shape[1] + 1):
                    sheet.column_dimensions[get_column_letter(column)].width = 14
            _inert_workbook(writer.book)

    replace_atomically(path, write)
