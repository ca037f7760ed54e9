"""The intake v1 model (pydantic): one client organisation, every section.

Field names and meanings are the contract of `shared/spec/intake-v1.md`.
Scalars go through `engine.cells`, so every intake form (YAML, JSON, xlsx,
CSV) is parsed by the same lenient rules.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from engine import cells
from engine.catalogue import fold
from engine.messages import Msg

ID_PATTERN = r"^[A-Za-z0-9_.-]+$"

# Chinese (and common English variant) spellings accepted for enum values. A spelling shared by two
# enums (能力: a KPI's focus `capability`, or a KPI kind `behaviour`) lists both; the field's own values pick.
ENUM_ALIASES: dict[str, str | tuple[str, ...]] = {
    "初创期": "startup", "初创": "startup", "成长期": "growth", "成长": "growth",
    "成熟期": "mature", "成熟": "mature",
    "行为": "behaviour", "行为指标": "behaviour", "行为类": "behaviour", "态度": "behaviour",
    "态度指标": "behaviour", "价值观": "behaviour", "素质": "behaviour", "behavior": "behaviour",
    "behavioural": "behaviour", "behavioral": "behaviour",
    "公司": "company", "部门": "department", "团队": "team", "小组": "team", "区域": "region",
    "站点": "site", "代运营": "agency",
    "结果": "result", "结果指标": "result", "结果类": "result", "业绩": "result", "业绩指标": "result",
    "业绩类": "result", "过程": "process", "过程指标": "process", "过程类": "process",
    "投入": "input", "投入指标": "input", "投入类": "input",
    "每日": "daily", "每天": "daily", "日": "daily", "按日": "daily", "日度": "daily",
    "每周": "weekly", "周": "weekly", "按周": "weekly", "周度": "weekly",
    "每月": "monthly", "月": "monthly", "按月": "monthly", "月度": "monthly", "每个月": "monthly",
    "每季度": "quarterly", "季度": "quarterly", "按季度": "quarterly", "每季": "quarterly", "季": "quarterly",
    "每半年": "half-yearly", "半年度": "half-yearly", "半年": "half-yearly", "按半年": "half-yearly",
    "每半年度": "half-yearly", "半年一次": "half-yearly",
    "每年": "yearly", "年度": "yearly", "按年": "yearly", "年": "yearly", "每年度": "yearly", "每年一次": "yearly",
    "一年一次": "yearly",
    "双周": "biweekly", "每两周": "biweekly", "bi-weekly": "biweekly",
    "越高越好": "higher", "越大越好": "higher", "越多越好": "higher", "正向": "higher",
    "越低越好": "lower", "越小越好": "lower", "越少越好": "lower", "反向": "lower",
    "增长": "growth", "利润": "profit", "效率": "efficiency", "客户": "customer", "能力": ("capability", "behaviour"),
    "奖金": "bonus", "提成": "commission", "股权": "equity", "晋升": "promotion", "表彰": "recognition",
    "绩效": "performance", "绩效复盘": "performance", "指标体系": "kpi-system", "kpi体系": "kpi-system",
    "手工": "manual", "手动": "manual", "表格": "spreadsheet", "未知": "unknown", "平台": "platform",
    "广告后台": "ads-console", "指标设计": "kpi-design", "目标设定": "target-setting", "复盘": "review",
    "fortnightly": "biweekly", "day": "daily", "week": "weekly", "month": "monthly", "quarter": "quarterly",
    "half-year": "half-yearly", "semi-annual": "half-yearly", "semiannual": "half-yearly",
    "semi-annually": "half-yearly", "year": "yearly", "annual": "yearly", "annually": "yearly",
}


def _enum_of(values: tuple[str, ...]):
    """The before-validator of one enum: aliases resolved to the spelling among its own `values`."""

    def parse(value: Any) -> Any:
        if not isinstance(value, str):
            return value
        text = cells.normalise_text(value)
        if not text:
            return None
        # Traditional spellings (每週, 結果, 越低越好) read as their Simplified aliases; an alias takes spaces or
        # underscores for its hyphens as a value does (`semi annual` = `semi-annual`)
        hyphened = re.sub(r"[\s_]+", "-", text.lower())
        alias = ENUM_ALIASES.get(text) or ENUM_ALIASES.get(text.lower()) or ENUM_ALIASES.get(fold(text)) \
            or ENUM_ALIASES.get(hyphened)
        for candidate in (alias,) if isinstance(alias, str) else alias or ():
            if candidate in values:
                return candidate
        return hyphened

    return parse


class NumberText(str):
    """A number literal of a YAML or JSON intake that no float can hold (`1e999`, 5,000 digits, a 2,000-bit
    hexadecimal integer), kept as the text written: a text field takes it as it is, a number field says "number
    too large" (never an OverflowError or int()'s digit limit deep in a computation)."""


def _opt_str(value: Any) -> Any:
    """Text; a number typed where text is wanted (an id `1001`) is its digits, however long:
    float() would overflow on an integer beyond 1e308."""
    if cells.blank(value):
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    elif isinstance(value, float):
        value = str(int(value)) if value.is_integer() else str(value)
    return cells.normalise_text(value) if isinstance(value, str) else value


def _req_str(value: Any) -> Any:
    value = _opt_str(value)
    return "" if value is None else value


def _opt_text(value: Any) -> Any:
    """Text a person reads (a name, a formula, a note) as the client wrote it, only trimmed: the report quotes
    `平均响应时间（小时）` with its full-width brackets. Ids and enum words are folded (NFKC) to match; these are not."""
    if isinstance(value, str):
        return value.strip() or None
    return _opt_str(value)


def _req_text(value: Any) -> Any:
    value = _opt_text(value)
    return "" if value is None else value


def _bool_or_none(value: Any) -> Any:
    return None if cells.blank(value) else cells.parse_bool(value)


def _number(value: Any, percent_scale: float) -> Any:
    if isinstance(value, NumberText):
        raise ValueError(Msg("number_too_large"))
    return cells.parse_number(value, percent_scale)


def _weight(value: Any) -> Any:
    return None if cells.blank(value) else _number(value, 1.0)


def _amount(value: Any) -> Any:
    return None if cells.blank(value) else _number(value, 0.01)


def _int(value: Any) -> Any:
    """A whole number; compared as a float, an integer beyond 2**53 would not be one."""
    if cells.blank(value):
        return None
    number = _number(value, 1.0)
    if isinstance(number, float) and not number.is_integer():
        raise ValueError(Msg("not_whole", value=value))
    return int(number)


def _date(value: Any) -> Any:
    return None if cells.blank(value) else cells.parse_date(value)


# How a spreadsheet cell says "the log was collected and the review never met" (intake 1.1: an empty cell
# means the log was not collected).
NEVER_HELD_WORD = {"en": "never", "zh": "无"}  # what the writers put in a cell for an empty log
NEVER_HELD = ("none", *NEVER_HELD_WORD.values(), "从未", "从未召开", "没有")


def _dates(value: Any) -> Any:
    if isinstance(value, str) and cells.normalise_text(value).lower() in NEVER_HELD:
        return []
    return [cells.parse_date(v) for v in cells.split_list(value)]


def _ids(value: Any) -> Any:
    return [_opt_str(v) for v in cells.split_list(value)]


Id = Annotated[str, BeforeValidator(_req_str), Field(pattern=ID_PATTERN, max_length=200)]
IdList = Annotated[list[Annotated[str, Field(pattern=ID_PATTERN, max_length=200)]], BeforeValidator(_ids)]
# A reference to another record's id. No id pattern here: a value no id can match (`US operations lead`, a role's
# name) is told as an unknown reference by validate, which can then name the record it is the name of.
Ref = Annotated[str, BeforeValidator(_req_str), Field(min_length=1, max_length=200)]
OptRef = Annotated[str | None, BeforeValidator(_opt_str), Field(default=None, max_length=200)]
RefList = Annotated[list[Annotated[str, Field(min_length=1, max_length=200)]], BeforeValidator(_ids)]
NAME_MAX = 500   # characters of a name; also the length benchmarks/recognition.py times hostile names at
Name = Annotated[str, BeforeValidator(_req_text), Field(min_length=1, max_length=NAME_MAX)]
Text = Annotated[str | None, BeforeValidator(_opt_text), Field(default=None, max_length=5000)]
# A short word compared across records (a currency, market, platform or system): folded like an id, so ＵＳＤ = USD.
Word = Annotated[str | None, BeforeValidator(_opt_str), Field(default=None, max_length=5000)]
Flag = Annotated[bool | None, BeforeValidator(_bool_or_none)]
Weight = Annotated[float | int | None, BeforeValidator(_weight)]
Amount = Annotated[float | int | None, BeforeValidator(_amount)]
Count = Annotated[int | None, BeforeValidator(_int), Field(default=None, ge=0)]
Date = Annotated[dt.date | None, BeforeValidator(_date)]


def Enum(*values: str):  # noqa: N802 - reads like a type
    return Annotated[Literal[values] | None, BeforeValidator(_enum_of(values))]  # type: ignore[valid-type]


class Section(BaseModel):
    """Base of every intake record: unknown fields are kept aside (warned about), never fatal."""

    model_config = ConfigDict(extra="ignore", frozen=True, str_strip_whitespace=True)

    @model_validator(mode="before")
    @classmethod
    def _blank_is_missing(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if not cells.blank(v)}
        return data


class Organization(Section):
    id: Id
    name: Name
    stage: Enum("startup", "growth", "mature") = None
    audit_date: Date = None
    currency: Word = None
    champion: OptRef = None   # any text: an unlisted champion is O01's finding, a person's name a hint
    kpi_system_revised_on: Date = None


class Unit(Section):
    id: Id
    name: Name
    kind: Enum("company", "department", "team", "region", "site", "agency") = None
    parent: OptRef = None
    market: Word = None
    platform: Word = None
    currency: Word = None


class Role(Section):
    id: Id
    name: Name
    unit: Ref
    leadership: Flag = False
    responsibilities: Text = None
    headcount: Count = 1


class Person(Section):
    id: Id
    name: Name
    role: OptRef = None
    internal: Flag = True
    active: Flag = True


class Objective(Section):
    id: Id
    name: Name
    unit: OptRef = None
    parent: OptRef = None


class Metric(Section):
    id: Id
    name: Name
    formula: Text = None
    source: Enum("erp", "bi", "platform", "ads-console", "spreadsheet", "manual", "unknown") = None
    system: Word = None
    currency: Word = None
    owner: OptRef = None


class Kpi(Section):
    id: Id
    name: Name
    owner: OptRef = None
    kind: Enum("result", "process", "input", "behaviour") = None
    core: Flag = True
    weight: Weight = Field(default=None, ge=0, le=100)
    metric: OptRef = None
    objectives: RefList = []
    drives: RefList = []
    target: Amount = None
    baseline: Amount = None
    frequency: Enum("daily", "weekly", "monthly", "quarterly", "half-yearly", "yearly") = None
    direction: Enum("higher", "lower") = "higher"
    focus: Enum("growth", "profit", "efficiency", "customer", "capability") = None

    @property
    def is_core(self) -> bool:
        return self.core is not False


class IncentiveLink(Section):
    kpi: Ref
    weight: Weight = Field(default=None, ge=0, le=100)


class Incentive(Section):
    id: Id
    name: Name
    roles: RefList = []
    kind: Enum("bonus", "commission", "equity", "promotion", "recognition") = None
    links: list[IncentiveLink] = []

    @model_validator(mode="before")
    @classmethod
    def _links_from_text(cls, data: Any) -> Any:
        """Accept the workbook form `kpi:weight; kpi:weight` as well as a list of mappings."""
        if isinstance(data, dict) and isinstance(data.get("links"), str):
            links = []
            for part in cells.split_list(data["links"]):
                kpi, _, weight = str(part).partition(":")
                links.append({"kpi": kpi.strip(), "weight": weight.strip() or None})
            data = {**data, "links": links}
        return data


class Review(Section):
    id: Id
    name: Name
    kind: Enum("performance", "kpi-system") = None
    scope: OptRef = None
    cadence: Enum("weekly", "biweekly", "monthly", "quarterly", "half-yearly", "yearly") = None
    attendees: RefList = []
    held_on: Annotated[list[dt.date] | None, BeforeValidator(_dates)] = None  # None: the log was not collected
    actions: Count = None


class Dashboard(Section):
    id: Id
    name: Name
    tool: Word = None
    kpis: RefList = []


class Consultation(Section):
    id: Id
    date: Date = None
    topic: Enum("kpi-design", "target-setting", "review") = None
    participants: RefList = []


class Actual(Section):
    kpi: Ref
    period: Annotated[str, BeforeValidator(_req_str)]
    value: Amount = None

    @model_validator(mode="after")
    def _period_is_valid(self) -> "Actual":
        cells.parse_period(self.period)
        return self

    @property
    def span(self) -> tuple[dt.date, dt.date]:
        return cells.parse_period(self.period)


# Section name -> (record model, is a list). Order is the order of the contract.
SECTIONS: dict[str, type[Section]] = {
    "organization": Organization,
    "units": Unit,
    "roles": Role,
    "people": Person,
    "objectives": Objective,
    "metrics": Metric,
    "kpis": Kpi,
    "incentives": Incentive,
    "reviews": Review,
    "dashboards": Dashboard,
    "consultations": Consultation,
    "actuals": Actual,
}
# Must be present; `units` must also be non-empty (intake v1: "required, ≥1").
REQUIRED_SECTIONS = ("organization", "units", "roles", "kpis")
# The others may be left out: intake 1.1 reads a section left out as "not collected", one given empty as "none".
OPTIONAL_SECTIONS = tuple(s for s in SECTIONS if s not in REQUIRED_SECTIONS)


class Intake(BaseModel):
    """A whole, validated intake."""

    model_config = ConfigDict(frozen=True)

    organization: Organization
    units: list[Unit]
    roles: list[Role]
    people: list[Person] = []
    objectives: list[Objective] = []
    metrics: list[Metric] = []
    kpis: list[Kpi]
    incentives: list[Incentive] = []
    reviews: list[Review] = []
    dashboards: list[Dashboard] = []
    consultations: list[Consultation] = []
    actuals: list[Actual] = []
    absent: frozenset[str] = frozenset()  # optional sections the intake left out (not collected)

    def collected(self, section: str) -> bool:
        return section not in self.absent
