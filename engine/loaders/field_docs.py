"""What each intake field means, in both languages: the README sheet of `kpi-audit init`."""
from __future__ import annotations

# How to fill a template in, first on its README sheet (README.txt of the CSV form). The second half is intake 1.1's
# "not collected vs none", which a client filling the form cannot guess: a missing sheet and an empty one differ.
_HOW_TO_FILL = {
    "en": "How to fill in: one sheet (or CSV file) per section, field names in the first row; lists are `a; b`; "
          "incentive links are `kpi:weight`; booleans true/false (yes/no, 是/否); dates YYYY-MM-DD. Replace every "
          "example row with the client's. A section you did not collect: delete its sheet (not collected: the "
          "report asks for it, nothing is judged; {required} are required). A section the client has none of (no "
          "incentives, no reviews): keep the header row only (none: the rules judge that). Then run: kpi-audit "
          "audit THIS-FILE",
    "zh": "填写说明：每个工作表（或 CSV 文件）是一个部分，第一行是列名；多个值用 ; 分隔；挂钩指标写成 指标编号:权重；"
          "是否类的列填 是/否；日期写成 YYYY-MM-DD。请把每行示例换成客户的资料。没有收集到的部分：删掉整张工作表"
          "（视为未收集：报告列入待补充资料，不据此判断；{required}为必填）；客户确实没有的部分（如没有激励方案、没有"
          "复盘会）：只保留表头行（视为没有：规则会据此判断）。填完后运行 kpi-audit audit 本文件。",
}


def how_to_fill(lang: str) -> str:
    """The paragraph in `lang`, naming the required sheets as the template names them."""
    from engine.loaders.headers import sheet_name
    from engine.model import REQUIRED_SECTIONS

    names = [sheet_name(section, lang) for section in REQUIRED_SECTIONS]
    required = "、".join(names) if lang == "zh" else ", ".join(names[:-1]) + " and " + names[-1]
    return _HOW_TO_FILL[lang].format(required=required)


FIELD_DOCS: dict[str, dict[str, tuple[str, str]]] = {
    "organization": {
        "id": ("Short id of the client ([A-Za-z0-9_.-])", "客户编号（字母数字_.-）"),
        "name": ("Client name", "客户名称"),
        "stage": ("Business stage", "发展阶段"),
        "audit_date": ("As-of date of the audit (YYYY-MM-DD)", "诊断基准日期（YYYY-MM-DD）"),
        "currency": ("Reporting currency, e.g. USD, CNY", "报告币种，如 USD、CNY"),
        "champion": ("Person id of the internal driver of the KPI system", "KPI体系内部推动人的人员编号"),
        "kpi_system_revised_on": ("When the KPI system was last reviewed and updated", "KPI体系最近一次审视修订的日期"),
    },
    "units": {
        "id": ("Unit id", "部门编号"), "name": ("Unit name", "部门名称"),
        "kind": ("agency = a third-party operator run by the client", "类型；代运营 = 第三方代运营"),
        "parent": ("Parent unit id; empty for the single root", "上级部门编号；根部门留空（只能有一个）"),
        "market": ("Market, e.g. US, DE, JP, SEA, CN", "市场，如 US、DE、JP、SEA、CN"),
        "platform": ("Platform, e.g. amazon, shopee, tiktok-shop", "平台，如 amazon、shopee、tiktok-shop"),
        "currency": ("Local currency", "本地币种"),
    },
    "roles": {
        "id": ("Role id", "岗位编号"), "name": ("Role name", "岗位名称"), "unit": ("Unit id", "所属部门编号"),
        "leadership": ("A management role (true/false)", "是否管理岗（是/否）"),
        "responsibilities": ("What the role is accountable for", "岗位职责"),
        "headcount": ("People in the role (default 1)", "人数（默认1）"),
    },
    "people": {
        "id": ("Person id", "人员编号"), "name": ("Name", "姓名"), "role": ("Role id", "岗位编号"),
        "internal": ("Employee (true) or external consultant/trainer (false)", "内部员工（是）或外部顾问/讲师（否）"),
        "active": ("Still with the organisation (default true)", "是否在职（默认是）"),
    },
    "objectives": {
        "id": ("Objective id", "目标编号"), "name": ("Objective", "目标"),
        "unit": ("Owning unit; objectives of the root unit are company objectives", "所属部门；根部门的目标即公司目标"),
        "parent": ("The objective it contributes to", "上级目标编号"),
    },
    "metrics": {
        "id": ("Definition id", "口径编号"), "name": ("The metric as the client calls it (GMV, 销售额, ACoS)", "客户对指标的叫法"),
        "formula": ("How it is computed", "计算公式"), "source": ("Where the number comes from", "数据来源"),
        "system": ("System, e.g. 马帮ERP, Power BI, Seller Central", "系统，如马帮ERP、Power BI"),
        "currency": ("Currency basis", "币种口径"), "owner": ("Role id that maintains the definition", "维护口径的岗位编号"),
    },
    "kpis": {
        "id": ("KPI id", "指标编号"), "name": ("KPI name", "指标名称"),
        "owner": ("Accountable role id (may be empty: that is a finding)", "负责岗位编号（可空，空即为问题）"),
        "kind": ("result / process / input, as the client labels it", "客户标注的指标类型"),
        "core": ("Part of the role's assessed scorecard (default true)", "是否核心考核指标（默认是）"),
        "weight": ("% of the owner's scorecard (50 or 50%)", "占负责岗位考核的权重%（50 或 50%）"),
        "metric": ("Metric definition id", "数据口径编号"),
        "objectives": ("Objective ids it measures (a; b)", "对应目标编号（用 ; 分隔）"),
        "drives": ("Result KPI ids this KPI is a lever for (a; b)", "驱动的结果指标编号（用 ; 分隔）"),
        "target": ("The goal (1,200,000; 25% = 0.25)", "目标值（1,200,000；25% 即 0.25）"),
        "baseline": ("The historical level the target was set against", "设定目标所依据的历史水平"),
        "frequency": ("How often it is measured", "统计频率"), "direction": ("Which way is better", "越高越好/越低越好"),
        "focus": ("growth, profit, efficiency, customer, capability (else from the catalogue)", "侧重（不填则按指标库）"),
    },
    "incentives": {
        "id": ("Incentive id", "激励编号"), "name": ("Incentive name", "激励名称"),
        "roles": ("Role ids paid on it (a; b)", "适用岗位编号（用 ; 分隔）"), "kind": ("Kind of incentive", "激励类型"),
        "links": ("KPIs the payout depends on, kpi:weight (us-gmv:60; us-cm:40)", "挂钩指标与权重（us-gmv:60; us-cm:40）"),
    },
    "reviews": {
        "id": ("Review id", "复盘编号"), "name": ("Meeting name", "会议名称"),
        "kind": ("performance = reviews results; kpi-system = reviews the KPI system", "绩效 = 复盘业绩；KPI体系 = 复盘指标体系本身"),
        "scope": ("Unit id whose subtree it covers (default: the root)", "覆盖的部门编号（含下级，默认全公司）"),
        "cadence": ("How often it should meet", "计划频率"), "attendees": ("Role ids attending (a; b)", "参会岗位编号"),
        "held_on": ("Dates of meetings actually held (a; b)", "实际召开日期（用 ; 分隔）"),
        "actions": ("Action items recorded across those meetings", "记录的行动项数量"),
    },
    "dashboards": {
        "id": ("Dashboard id", "看板编号"), "name": ("Dashboard name", "看板名称"),
        "tool": ("Power BI, Looker Studio, Excel...", "工具"), "kpis": ("KPI ids shown (a; b)", "展示的指标编号"),
    },
    "consultations": {
        "id": ("Session id", "会议编号"), "date": ("Date", "日期"), "topic": ("What was co-created", "主题"),
        "participants": ("Role ids taking part (a; b)", "参与岗位编号"),
    },
    "actuals": {
        "kpi": ("KPI id", "指标编号"), "period": ("YYYY-MM (a month), YYYY-MM-DD, or 2026-Q3, 2026-H1, 2025",
                                                  "期间：YYYY-MM 或 YYYY-MM-DD，或 2026-Q3（2026年第3季度）、"
                                                  "2026-H1（2026年上半年）、2025"),
        "value": ("The actual value", "实际值"),
    },
}
