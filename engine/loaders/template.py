"""The blank intake a consultant sends a client: every section with one filled example row.

The example rows form a valid intake on their own, so a template can be audited
as soon as it is written, and a filled-in one needs no other file.
"""
from __future__ import annotations

from pathlib import Path

from engine.loaders.field_docs import FIELD_DOCS, how_to_fill
from engine.loaders.headers import header_for, sheet_name
from engine.enum_words import display_values
from engine.loaders.writers import columns, write_csv_folder, write_workbook
from engine.messages import LANGS, Msg
from engine.model import SECTIONS, Intake

def example(lang: str) -> dict:
    """The example rows in the template's language: text in that language; ids, numbers and dates the same.

    Enum values are written in the model's spelling here; the writers put them in the sheet's language.
    """

    def t(en: str, zh: str) -> str:
        return zh if lang == "zh" else en

    return {
        "organization": {"id": "acme", "name": t("Acme cross-border (example)", "示例跨境公司"), "stage": "growth",
                         "audit_date": "2026-11-01", "currency": "USD", "champion": "p-lin",
                         "kpi_system_revised_on": "2026-09-15"},
        "units": [{"id": "hq", "name": t("Headquarters", "总部"), "kind": "company"},
                  {"id": "us", "name": t("Amazon US", "Amazon 美国站"), "kind": "site", "parent": "hq",
                   "market": "US", "platform": "amazon", "currency": "USD"}],
        "roles": [{"id": "us-ops", "name": t("US operations lead", "美国站运营主管"), "unit": "us", "leadership": True,
                   "responsibilities": t("Listings, pricing, ads and stock of the US store",
                                         "美国站的上架、定价、广告和库存")}],
        "people": [{"id": "p-lin", "name": t("Lin Qing", "林青"), "role": "us-ops"}],
        "objectives": [{"id": "o-profit", "name": t("Profitable growth", "有利润的增长"), "unit": "hq"}],
        "metrics": [{"id": "m-gmv", "name": "GMV", "formula": t("sum(order value) - refunds", "订单金额合计 - 退款"),
                     "source": "erp", "system": t("Mabang ERP", "马帮ERP"), "currency": "USD", "owner": "us-ops"}],
        "kpis": [{"id": "us-gmv", "name": t("US GMV", "美国站GMV"), "owner": "us-ops", "kind": "result", "weight": 100,
                  "metric": "m-gmv", "objectives": ["o-profit"], "target": 1200000, "baseline": 1000000,
                  "frequency": "monthly", "direction": "higher", "focus": "growth"}],
        "incentives": [{"id": "ops-bonus", "name": t("Quarterly ops bonus", "运营季度奖金"), "roles": ["us-ops"],
                        "kind": "bonus", "links": [{"kpi": "us-gmv", "weight": 100}]}],
        "reviews": [{"id": "weekly-ops", "name": t("Weekly ops review", "运营周会"), "kind": "performance",
                     "scope": "hq", "cadence": "weekly", "attendees": ["us-ops"],
                     "held_on": ["2026-10-20", "2026-10-27"], "actions": 6}],
        "dashboards": [{"id": "d-ops", "name": t("Ops board", "运营看板"), "tool": "Excel", "kpis": ["us-gmv"]}],
        "consultations": [{"id": "c1", "date": "2026-09-10", "topic": "kpi-design", "participants": ["us-ops"]}],
        "actuals": [{"kpi": "us-gmv", "period": "2026-10", "value": 1065000}],
    }


def still_the_example(intake: Intake) -> list[Msg]:
    """A warning when the organisation still bears the template's example name: `init` writes a valid intake, so
    an untouched template audits without a word (it scores 89) and would pass for a client's diagnosis."""
    name = intake.organization.name
    if any(name == example(lang)["organization"]["name"] for lang in LANGS):
        return [Msg("template_example", name=name)]
    return []


def readme_text(lang: str) -> str:
    """The field guide as plain text (the CSV form's README.txt)."""
    lines = ["kpi-audit intake template" if lang == "en" else "kpi-audit 诊断资料模板", "", how_to_fill(lang), ""]
    for section in SECTIONS:
        lines.append(f"{sheet_name(section, lang)}.csv")
        for field in columns(section):
            en, zh = FIELD_DOCS[section][field]
            allowed = display_values(section, field, lang)
            if lang == "zh":
                extra = f"［可选值：{'、'.join(allowed)}］" if allowed else ""
                lines.append(f"  {header_for(section, field, lang)}{extra}：{zh}")
            else:
                extra = f" [{', '.join(allowed)}]" if allowed else ""
                lines.append(f"  {header_for(section, field, lang)}{extra}: {en}")
        lines.append("")
    return "\n".join(lines)


def write_template(path: Path, fmt: str, lang: str) -> None:
    if fmt == "xlsx":
        write_workbook(example(lang), path, lang, template=True)
    else:
        write_csv_folder(example(lang), path, lang, readme=readme_text(lang))
