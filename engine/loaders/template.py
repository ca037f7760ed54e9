"""The blank intake a consultant sends a client: every section with one filled example row.

The example rows form a valid intake on their own, so a template can be audited
as soon as it is written, and a filled-in one needs no other file.
"""
from __future__ import annotations

from pathlib import Path

from engine.loaders.field_docs import FIELD_DOCS
from engine.loaders.headers import header_for, sheet_name
from engine.loaders.writers import columns, enum_values, write_csv_folder, write_workbook
from engine.model import SECTIONS

EXAMPLE: dict = {
    "organization": {"id": "acme", "name": "Acme 跨境 (example)", "stage": "growth", "audit_date": "2026-11-01",
                     "currency": "USD", "champion": "p-lin", "kpi_system_revised_on": "2026-09-15"},
    "units": [{"id": "hq", "name": "总部 HQ", "kind": "company"},
              {"id": "us", "name": "Amazon US", "kind": "site", "parent": "hq", "market": "US",
               "platform": "amazon", "currency": "USD"}],
    "roles": [{"id": "us-ops", "name": "US operations lead", "unit": "us", "leadership": True,
               "responsibilities": "Listings, pricing, ads and stock of the US store"}],
    "people": [{"id": "p-lin", "name": "林青", "role": "us-ops"}],
    "objectives": [{"id": "o-profit", "name": "Profitable growth", "unit": "hq"}],
    "metrics": [{"id": "m-gmv", "name": "GMV", "formula": "sum(order value) - refunds", "source": "erp",
                 "system": "马帮ERP", "currency": "USD", "owner": "us-ops"}],
    "kpis": [{"id": "us-gmv", "name": "GMV", "owner": "us-ops", "kind": "result", "weight": 100, "metric": "m-gmv",
              "objectives": ["o-profit"], "target": 1200000, "baseline": 1000000, "frequency": "monthly",
              "direction": "higher", "focus": "growth"}],
    "incentives": [{"id": "ops-bonus", "name": "Quarterly ops bonus", "roles": ["us-ops"], "kind": "bonus",
                    "links": [{"kpi": "us-gmv", "weight": 100}]}],
    "reviews": [{"id": "weekly-ops", "name": "Weekly ops review", "kind": "performance", "scope": "hq",
                 "cadence": "weekly", "attendees": ["us-ops"], "held_on": ["2026-10-20", "2026-10-27"],
                 "actions": 6}],
    "dashboards": [{"id": "d-ops", "name": "Ops board", "tool": "Power BI", "kpis": ["us-gmv"]}],
    "consultations": [{"id": "c1", "date": "2026-09-10", "topic": "kpi-design", "participants": ["us-ops"]}],
    "actuals": [{"kpi": "us-gmv", "period": "2026-10", "value": 1065000}],
}


def readme_text(lang: str) -> str:
    """The field guide as plain text (the CSV form's README.txt)."""
    lines = ["kpi-audit intake template" if lang == "en" else "kpi-audit 诊断资料模板", ""]
    for section in SECTIONS:
        lines.append(f"{sheet_name(section, lang)}.csv")
        for field in columns(section):
            en, zh = FIELD_DOCS[section][field]
            allowed = enum_values(section, field)
            extra = f" [{', '.join(allowed)}]" if allowed else ""
            lines.append(f"  {header_for(section, field, lang)} ({field}){extra}: {zh if lang == 'zh' else en}")
        lines.append("")
    return "\n".join(lines)


def write_template(path: Path, fmt: str, lang: str) -> None:
    if fmt == "xlsx":
        write_workbook(EXAMPLE, path, lang, template=True)
    else:
        write_csv_folder(EXAMPLE, path, lang, readme=readme_text(lang))
