"""Catalogue 1.1 recognition (rules-v1 "Core ruleset 1.1"): a name denotes a metric only as a synonym plus scope
qualifiers; ratios, shares, growths, variances, combinations, unknown words and unsettled ambiguous synonyms do not.
Each case fires and has its near miss. Catalogue 1.0 keeps its substring matching."""
from __future__ import annotations

import copy
from collections import Counter
from pathlib import Path

import pytest
import yaml

from benchmarks.recognition import hostile_names
from engine.catalogue import _RETRIES, WHY, Catalogue, document_problems, fold
from engine.errors import RulesetError
from engine.model import NAME_MAX
from engine.ruleset import RULESETS_DIR, load_catalogue, load_ruleset
from tests.conftest import write_yaml

CATALOGUE_11 = "metrics@1.1.0"


def write_ruleset_11(folder: Path) -> Path:
    """A ruleset file with no rules on catalogue 1.1 (until a shipped core uses it), for overrides and the CLI."""
    head = yaml.safe_load((RULESETS_DIR / "core" / "1.0.0" / "ruleset.yaml").read_text(encoding="utf-8"))
    data = {"name": "catalogue-check", "version": "1.1.0", "description": head["description"],
            "catalogue": CATALOGUE_11, "scoring": head["scoring"], "rules": []}
    return write_yaml(folder / "catalogue-11.yaml", data)


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return Catalogue.from_document(load_catalogue(CATALOGUE_11))


def metric_of(cat: Catalogue, name: str) -> str | None:
    reading = cat.read(name)
    return reading.metric.id if reading.metric else None


def is_behaviour(cat: Catalogue, name: str) -> bool:
    return cat.read(name).behaviour is not None


# --- the examples of the brief: what 1.0 got wrong, and what it did not know ---------------------------------

@pytest.mark.parametrize(("name", "expected", "why"), [
    ("Hosting cost / Revenue", None, "ratio"),
    ("Voluntary team member turnover", "employee-turnover", "synonym+qualifiers"),
    ("Expense variance excl. CR", None, "combination"),
    ("利润增长率", "profit-growth", "synonym"),
    ("业绩提成", None, "extra-words"),
    ("直通车点击率", "ctr", "synonym+qualifiers"),
    ("TACOS 广告花费占比", "tacos", "synonyms"),
    ("訂單轉換率", "conversion-rate", "synonym"),
    ("Weeks of cover", "days-of-supply", "synonym"),
    ("可售天数", "days-of-supply", "synonym"),
    ("Buy Box %", "buy-box-percentage", "synonym"),
    ("Glance Views", "page-views", "synonym"),
    ("BSR", "bsr-rank", "synonym"),
])
def test_brief_examples(cat, name, expected, why):
    reading = cat.read(name)
    assert (reading.metric.id if reading.metric else None, reading.why) == (expected, why)


@pytest.mark.parametrize(("name", "not_this"), [
    ("Hosting cost / Revenue", "gmv"), ("Voluntary team member turnover", "gmv"),
    ("Expense variance excl. CR", "conversion-rate"), ("利润增长率", "sales-growth"), ("业绩提成", "gmv"),
    ("直通车点击率", "ztc-roi"), ("TACOS 广告花费占比", "acos"), ("staff turnover", "gmv"), ("员工流失率", "gmv"),
    ("revenue per employee", "gmv"), ("人均产值", "gmv"), ("New product revenue share", "gmv"),
])
def test_what_catalogue_1_0_read_wrongly_is_not_read_so(cat, name, not_this):
    assert metric_of(cat, name) != not_this


# --- synonym plus qualifiers ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "category"), [
    ("美国站GMV", "market"), ("US GMV", "market"), ("DE GMV", "market"), ("欧洲销售额", "market"),
    ("Amazon GMV", "platform"), ("亚马逊销售额", "platform"), ("TikTok Shop GMV", "platform"), ("Temu GMV", "platform"),
    ("Shopee sales", "platform"), ("店铺销售额", "platform"), ("独立站销售额", "platform"),
    ("Monthly GMV", "period"), ("月度销售额", "period"), ("Q3 revenue", "period"), ("YTD sales", "period"),
    ("本月销售额", "period"), ("GMV (USD)", "unit"), ("销售额（人民币）", "unit"), ("Total sales", None),
    ("Overall GMV", "total"), ("总销售额", None), ("整体销售额", "total"), ("个人销售额", "scope"),
    ("团队销售额", "scope"), ("部门销售额", "scope"), ("Team GMV", "scope"), ("Individual revenue", "scope"),
    ("1. 销售额 KPI", "filler"), ("【考核指标】销售额", "filler"), ("一、销售额", None),
])
def test_a_synonym_with_scope_qualifiers_denotes_the_metric(cat, name, category):
    reading = cat.read(name)
    assert reading.metric is not None and reading.metric.id == "gmv", (name, reading)
    if category:
        assert category in {c for c, _ in reading.detail.qualifiers}


@pytest.mark.parametrize(("name", "metric"), [
    ("订单准时发货率", "late-shipment-rate"), ("曝光点击率", "ctr"), ("买家满意度评分", "csat"),
    ("询盘转化率", "conversion-rate"), ("员工培训完成率", "training-completion"),
])
def test_the_head_of_a_name_denotes_it_when_the_words_before_only_narrow_it(cat, name, metric):
    """Chinese compounds and English noun phrases put the measure last: `曝光` only narrows `点击率`."""
    reading = cat.read(name)
    assert reading.metric is not None and reading.metric.id == metric and reading.why == "head", (name, reading)


@pytest.mark.parametrize(("name", "metric"), [
    ("咨询转化率", "conversion-rate"), ("有效订单总金额", "gmv"), ("紧急补货及时率", "replenishment-timeliness"),
    ("Chat first response time", "first-response-time"),
])
def test_subject_words_narrow_a_metric_without_changing_it(cat, name, metric):
    reading = cat.read(name)
    assert metric_of(cat, name) == metric and "subject" in {c for c, _ in reading.detail.qualifiers}, reading


@pytest.mark.parametrize(("name", "not_read_as", "left"), [
    ("最长响应时间", "response-time", "最长"), ("留言转化率", "conversion-rate", "留言"),
    ("短期投资收益率", "roi", "短期"), ("稳定开播", "livestreams-held", "稳定"),
])
def test_a_name_not_fully_accounted_for_abstains(cat, name, not_read_as, left):
    """An unknown word before the metric may change the measure (a maximum, another funnel, a horizon): the
    reading abstains and names the word, and the client's label stands."""
    reading = cat.read(name)
    assert reading.metric is None and reading.why == "extra-words" and left in reading.detail.leftover, reading
    assert metric_of(cat, name.replace(left, "")) == not_read_as   # the near miss: without it, the metric


@pytest.mark.parametrize(("name", "not_read_as"), [
    ("Average deal size", "arpu"), ("ACV", "bookings"), ("Cost per lead", "cost-per-order"),
    ("RPS", "revenue-per-visitor"), ("Order value", "aov"), ("PV单价", "page-views"),
])
def test_different_measures_are_not_synonyms(cat, name, not_read_as):
    """A deal's size is not revenue per user, a lead is not an order, a unit price of page views is not page views."""
    assert metric_of(cat, name) != not_read_as


@pytest.mark.parametrize(("name", "metric"), [
    ("Est. Net Revenue", "net-sales"), ("Estimated storage cost", "fba-storage-fees"), ("Est Profit Margin", "net-margin"),
])
def test_an_estimate_of_a_metric_is_that_metric_on_an_estimated_basis(cat, name, metric):
    """Seller tools (Helium 10, Jungle Scout, Amazon's fee previews) label their columns "Est."; the estimate is of
    the metric itself, so the word is a basis like "attributed", not a word that changes the measure."""
    reading = cat.read(name)
    assert metric_of(cat, name) == metric and "basis" in {c for c, _ in reading.detail.qualifiers}, reading


def test_an_estimate_beside_an_unknown_word_still_abstains(cat):
    assert metric_of(cat, "Est. weighted net revenue") is None


@pytest.mark.parametrize(("name", "not_read_as"), [
    ("Revenue by channel", "sessions"), ("Cancelled orders revenue", "gmv"), ("Weighted win rate", "win-rate"),
    ("Hosting revenue", "gmv"), ("GMV and profit", "net-profit"), ("主管月度评分", "review-rating"),
    ("工作态度评分", "review-rating"), ("錯誤采購數量", "inventory-purchased"), ("GMV for key accounts", "gmv"),
    ("首页到交易页转化率", "conversion-rate"),
])
def test_no_head_reading_after_a_preposition_connector_defect_or_behaviour_term(cat, name, not_read_as):
    assert metric_of(cat, name) != not_read_as


def test_a_bracketed_label_or_gloss_names_the_metric(cat):
    assert cat.read("商品總價值 (GMV)").metric.id == "gmv" and cat.read("商品總價值 (GMV)").why == "gloss"
    assert metric_of(cat, "广告投资回报率(ROI)") == "roas"        # the acronym only labels the Chinese name
    assert metric_of(cat, "TACoS(总广告销售占比)") == "tacos"      # a gloss that defines it
    assert metric_of(cat, "Revenue (per employee)") != "gmv"     # a bracket that makes it a ratio
    assert metric_of(cat, "Repeat customer revenue (% of revenue)") is None   # or an amount a share


@pytest.mark.parametrize(("name", "metric"), [
    ("销售额完成率", "gmv"), ("销售额达成率", "gmv"), ("GMV达成率", "gmv"), ("GMV achievement", "gmv"),
    ("Revenue vs target", "gmv"), ("Revenue vs. plan", "gmv"), ("% of target GMV", "gmv"),
    ("月度销售目标完成率", "gmv"), ("毛利率达成", "gross-margin"),
])
def test_attainment_words_keep_the_metric_and_say_so(cat, name, metric):
    reading = cat.read(name)
    assert metric_of(cat, name) == metric and reading.attainment


def test_a_plain_metric_is_not_an_attainment(cat):
    assert cat.read("销售额").attainment is False


# --- what is not the metric -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "why"), [
    ("Hosting cost / Revenue", "ratio"), ("GMV per SKU", "ratio"), ("人均销售额", None), ("Revenue per employee", None),
    ("New product revenue share", "share"), ("自然流量占比", "share"), ("GMV占比", "share"),
    ("广告销售额占比", "share"), ("客单价增长率", "growth"), ("AOV growth", "growth"), ("Expense variance excl. CR", None),
    ("GMV偏差", "variance"), ("GMV & profit", "combination"), ("销售额及毛利", "combination"),
    ("GMV for key accounts", "extra-words"), ("新品推广成功率", None), ("错误订单数", "defect"),
])
def test_combined_quantities_are_not_the_metric(cat, name, why):
    reading = cat.read(name)
    assert reading.metric is None or reading.metric.id not in ("gmv", "aov", "new-product-sales"), name
    if why:
        assert reading.why == why


def test_per_head_productivity_is_its_own_metric(cat):
    assert metric_of(cat, "人均产值") == metric_of(cat, "Revenue per employee") == "revenue-per-employee"


@pytest.mark.parametrize(("name", "why"), [
    ("Organic clicks", "contradiction"), ("自然点击量", "contradiction"), ("Free ad spend", "contradiction"),
    ("Impression %", "share"), ("Sales %", "share"), ("Units / Sessions", "ratio"),
    ("未完成服务数", "defect"), ("Non-completed sessions", "defect"), ("二次呼叫解决率", "defect"),
])
def test_modifiers_that_change_the_measure(cat, name, why):
    """Unpaid traffic is not a paid metric, a percentage of a count is a share, a slash beside an ambiguous synonym
    divides, and a negation the synonyms do not spell inverts the measure."""
    reading = cat.read(name)
    assert reading.metric is None and reading.why == why, reading


@pytest.mark.parametrize(("name", "metric"), [
    ("Organic sales", "gmv"), ("自然流量", "sessions"), ("CTR %", "ctr"), ("转化率(%)", "conversion-rate"),
    ("未完成率", "non-fulfilment-rate"), ("Non-fulfillment rate", "non-fulfilment-rate"),
])
def test_the_same_words_keep_a_metric_they_fit(cat, name, metric):
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "not_read_as"), [
    ("培训满意度评分", "csat"), ("培训需求响应及时率", "response-sla"), ("简历质量合格率", "incoming-quality-rate"),
    ("来料在线报废率", "inventory-shrinkage"), ("Training conversion rate", "conversion-rate"),
    ("员工参与率", "engagement-rate"),
])
def test_a_word_of_another_business_field_contradicts_the_metric(cat, name, not_read_as):
    reading = cat.read(name)
    assert reading.metric is None and reading.why == "contradiction", reading
    assert not_read_as in reading.detail.candidates


@pytest.mark.parametrize(("name", "metric"), [("培训课程完成率", "training-completion"), ("采购合格率", "incoming-quality-rate"),
                                              ("来料批次合格率", "incoming-quality-rate")])
def test_a_word_of_the_metric_s_own_field_only_narrows_it(cat, name, metric):
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize("name", ["营运资本周转率", "财务费用率", "总资产周转率"])
def test_a_bare_measure_word_never_heads_a_name(cat, name):
    """周转率 and 费用率 name the measure, not what it measures: after an unknown noun they measure that noun."""
    assert cat.read(name).metric is None


def test_a_bare_measure_word_alone_or_with_its_own_noun_is_read(cat):
    assert metric_of(cat, "周转率") == metric_of(cat, "存货周转率") == "inventory-turnover"
    assert metric_of(cat, "费用率") == "opex-ratio"


@pytest.mark.parametrize(("name", "metric"), [
    ("GMV growth", "sales-growth"), ("Revenue YoY", "sales-growth"), ("销售额同比", "sales-growth"),
    ("季度销售增长率", "sales-growth"), ("订单月均增长率", "sales-growth"), ("利润同比增长", "profit-growth"),
])
def test_a_growth_denotes_the_growth_metric_when_the_catalogue_has_one(cat, name, metric):
    assert metric_of(cat, name) == metric


def test_growth_link_is_named(cat):
    assert cat.read("Revenue YoY").why == "growth-link"


@pytest.mark.parametrize(("name", "metric"), [
    ("staff turnover", "employee-turnover"), ("员工流失率", "employee-turnover"), ("离职率", "employee-turnover"),
    ("Sales turnover", "gmv"), ("Inventory turnover", "inventory-turnover"),
    ("Turnover (inventory)", "inventory-turnover"), ("库存周转率", "inventory-turnover"), ("conversion rate (CR)", "conversion-rate"),
    ("Cancellation rate (CR)", "cancellation-rate"), ("Net revenue retention (NRR)", "net-revenue-retention"),
    ("Negative review rate (NRR)", "negative-review-rate"), ("GMV 销售额", "gmv"), ("GMV/销售额", "gmv"),
    ("Order defect rate", "odr"), ("Seller defect rate", "odr"), ("Supplier defect rate", "incoming-quality-rate"),
    ("Engagement rate (employees)", "employee-satisfaction"), ("Instagram engagement rate", "engagement-rate"),
    ("客服平均会话时长", "average-handle-time"), ("网站平均会话时长", "time-on-site"),
    ("Average basket value", "aov"), ("Basket units", "units-per-order"),
    ("B2B lead conversion rate", "win-rate"), ("落地页线索转化率", "conversion-rate"),
    ("Ticket time to close", "resolution-time"), ("Deal time to close", "sales-cycle"),
])
def test_ambiguous_synonyms_count_when_the_name_settles_them(cat, name, metric):
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize("name", ["Turnover", "CR", "Units", "业绩", "GM", "NRR", "广告花费占比",
                                  "Retention", "Defect rate", "Engagement rate", "平均会话时长", "Basket size",
                                  "线索转化率", "Lead conversion rate", "Time to close"])
def test_unsettled_ambiguous_synonyms_are_not_recognised(cat, name):
    reading = cat.read(name)
    assert reading.metric is None and reading.why == "ambiguous", reading
    assert len(reading.detail.candidates) >= 1


def test_context_is_reported(cat):
    reading = cat.read("Turnover (inventory)")
    assert reading.why == "context" and reading.detail.context == ("inventory",)


@pytest.mark.parametrize(("name", "metric"), [
    ("TACoS", "tacos"), ("ACoS", "acos"), ("广告ROI", "roas"), ("退款金额占销售额比", "refund-rate"),
    ("广告花费/销售额", "tacos"), ("Ad spend / ad sales", "acos"), ("LTV/CAC", "ltv-cac"),
])
def test_composite_metrics_the_catalogue_knows_are_themselves(cat, name, metric):
    assert metric_of(cat, name) == metric


def test_latin_synonyms_match_whole_words(cat):
    assert metric_of(cat, "TACoS") == "tacos" and metric_of(cat, "ACoS") == "acos"
    assert metric_of(cat, "Unicorn") is None                             # `cr` is not found inside `unicorn`


# --- domestic-China channels ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "metric", "word"), [
    ("直通车点击率", "ctr", "直通车"), ("淘宝转化率", "conversion-rate", "淘宝"), ("天猫店铺销售额", "gmv", "天猫"),
    ("拼多多GMV", "gmv", "拼多多"), ("千川点击率", "ctr", "千川"), ("抖音销售额", "gmv", "抖音"), ("京东销售额", "gmv", "京东"),
])
def test_a_domestic_channel_is_a_qualifier_that_marks_the_reading(cat, name, metric, word):
    reading = cat.read(name)
    assert metric_of(cat, name) == metric and reading.domestic == word


def test_a_whole_domestic_synonym_wins(cat):
    reading = cat.read("直通车ROI")
    assert reading.metric.id == "ztc-roi" and reading.metric.domestic and reading.domestic is None
    assert cat.read("千川ROI").metric.id == "qianchuan-roi"


def test_a_cross_border_name_is_not_domestic(cat):
    assert cat.read("美国站点击率").domestic is None


# --- folding -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("traditional", "simplified"), [
    ("訂單轉換率", "订单转化率"), ("營業額", "营业额"), ("庫存週轉率", "库存周转率"), ("客單價", "客单价"),
    ("員工流失率", "员工流失率"), ("廣告點擊率", "广告点击率"), ("顧客滿意度", "顾客满意度"), ("毛利率", "毛利率"),
])
def test_traditional_and_simplified_chinese_fold_together(cat, traditional, simplified):
    assert metric_of(cat, traditional) == metric_of(cat, simplified) is not None


@pytest.mark.parametrize(("variant", "plain"), [
    ("ＧＭＶ", "GMV"), ("ＡＣｏＳ", "ACoS"), ("ＧＭＶ（ＵＳＤ）", "GMV (USD)"), ("gmv", "GMV"), ("Acos", "ACoS"),
    ("Sessions", "session"), ("Pre-fulfilment cancel rate", "Pre-fulfillment cancel rate"),
    ("Listings optimised", "Listings optimized"),
])
def test_width_case_spelling_and_plurals_fold(cat, variant, plain):
    assert metric_of(cat, variant) == metric_of(cat, plain) is not None


@pytest.mark.parametrize(("variant", "plain"), [
    ("粉丝量", "粉丝数"), ("退款比例", "退款率"), ("首响时间", "首响时长"), ("Cancellation %", "Cancellation rate"),
    ("回款准时率", "回款及时率"),
])
def test_interchangeable_endings_read_alike(cat, variant, plain):
    assert metric_of(cat, variant) == metric_of(cat, plain) is not None


def test_bracketed_row_codes_are_ignored_but_known_abbreviations_kept(cat):
    assert metric_of(cat, "订单转化率(X)") == "conversion-rate"
    assert metric_of(cat, "客户保留率 (CRR)") == "customer-retention"
    assert metric_of(cat, "Cancellation Rate (CR)") == "cancellation-rate"


# --- behaviour items ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", [
    "工作态度", "工作纪律", "抗压能力", "学习能力", "团队协作", "主动性", "执行力", "卫生", "责任心", "出勤", "服从安排",
    "Attitude", "Teamwork", "Initiative", "Communication skills", "Core values", "Punctuality", "数据分析能力",
    "服务意识", "团队精神", "跨部门协作", "有责任心", "工作態度", "Code of conduct", "学习力", "沟通技巧", "专业知识储备",
    "現場應變表現", "設計規範掌握度", "Resolves conflicts constructively", "Job knowledge & continuous learning",
])
def test_behaviour_items_are_recognised(cat, name):
    reading = cat.read(name)
    assert reading.metric is None and reading.behaviour and reading.why == "behaviour-term", reading


@pytest.mark.parametrize("name", ["团队销售额", "盈利能力", "Inventory value", "客户满意度", "Team GMV", "Valuation",
                                  "物流运力", "Effective hourly rate", "Knowledge base articles"])
def test_near_misses_are_not_behaviour(cat, name):
    assert cat.read(name).behaviour is None


@pytest.mark.parametrize(("name", "metric"), [("出勤率", "attendance-rate"), ("Attendance rate", "attendance-rate"),
                                              ("服务态度评分", None)])
def test_a_name_that_denotes_a_metric_is_never_behaviour(cat, name, metric):
    reading = cat.read(name)
    if metric:
        assert reading.metric.id == metric and reading.behaviour is None      # 出勤 is a behaviour term
    else:
        assert reading.metric is None and reading.behaviour == "服务态度"


# --- the API --------------------------------------------------------------------------------------------------

def test_match_and_key(cat):
    assert cat.match("美国站GMV").id == "gmv" and cat.match("") is None and cat.match(None) is None
    assert cat.key("訂單轉換率") == "conversion-rate"
    assert cat.key("Warehouse square metres") == "warehousesquaremetres"
    assert cat.key("測試指標") == cat.key("测试指标")


def test_every_why_code_is_explained_in_both_languages(cat):
    names = ["GMV", "US GMV", "GMV 销售额", "Turnover (inventory)", "Revenue YoY", "Hosting cost / Revenue",
             "GMV占比", "AOV growth", "GMV偏差", "GMV & profit", "GMV for key accounts", "Turnover", "工作态度", "xyz",
             "订单准时发货率", "商品總價值 (GMV)", "错误订单数", "成交金额指数", "Organic clicks", "Return rate #",
             "销量/订单量", "Sales channel", "销售费用控制", "Order Level", "Order Amt", "Shipped on time?",
             "Days to Second Order"]
    codes = {cat.read(n).why for n in names}
    assert codes == set(WHY) - {"substring"}
    assert all(WHY[c]["en"] and WHY[c]["zh"] for c in WHY)


def test_reading_detail_names_the_words(cat):
    detail = cat.read("Amazon US monthly GMV (USD)").detail
    assert detail.synonyms == ("gmv",) and detail.leftover == ()
    assert dict((w, c) for c, w in detail.qualifiers) == {"amazon": "platform", "us": "market", "monthly": "period",
                                                            "usd": "unit"}
    assert cat.read("业绩提成").detail.leftover == ("提成",)


def test_readings_are_cached_per_distinct_name(cat):
    fresh = Catalogue.from_document(load_catalogue(CATALOGUE_11))
    for _ in range(100):
        fresh.read("美国站GMV")
    fresh.read("GMV")
    info = fresh._read.cache_info()
    assert (info.misses, info.hits) == (2, 99)


def test_reading_looks_words_up_and_never_scans_the_catalogue():
    fresh = Catalogue.from_document(load_catalogue(CATALOGUE_11))
    recogniser = fresh._recogniser = copy.copy(fresh._recogniser)   # recognisers are shared: patch a copy

    class NoScan(dict):
        def __iter__(self):
            raise AssertionError("the catalogue was scanned")
        values = items = keys = __iter__

    class Counting(dict):
        calls = 0

        def get(self, key, default=None):
            Counting.calls += 1
            return super().get(key, default)

    recogniser.metrics = NoScan(recogniser.metrics)
    recogniser.entries = Counting(recogniser.entries)
    name = "Amazon US monthly GMV (USD) 完成率"
    units = recogniser.words.shown(name)
    assert fresh.read(name).metric.id == "gmv"
    assert Counting.calls <= len(units) * recogniser.longest


# --- catalogue 1.0 is read as before --------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "legacy"), [
    ("Hosting cost / Revenue", "gmv"), ("Voluntary team member turnover", "gmv"),
    ("Expense variance excl. CR", "conversion-rate"), ("利润增长率", "sales-growth"), ("业绩提成", "gmv"),
    ("直通车点击率", "ztc-roi"), ("TACOS 广告花费占比", "acos"), ("員工流失率", None), ("訂單轉換率", None),
    ("Buy Box %", None), ("美国站GMV", "gmv"), ("TACoS", "tacos"),
])
def test_catalogue_1_0_keeps_its_substring_matching(name, legacy):
    old = Catalogue.from_document(load_catalogue("metrics@1.0.0"))
    assert not old.recognises
    reading = old.read(name)
    assert (reading.metric.id if reading.metric else None) == legacy
    assert reading.why == ("substring" if legacy else "unrecognised") and reading.behaviour is None
    assert Catalogue.from_records(load_catalogue("metrics@1.0.0")["metrics"]).match(name) == reading.metric


def test_core_1_0_0_loads_its_catalogue_as_1_0(schema):
    assert not load_ruleset("core@1.0.0", schema).catalogue.recognises


# --- overrides --------------------------------------------------------------------------------------------------

def test_override_synonyms_and_metrics_work_with_the_recogniser(tmp_path, schema):
    base = write_ruleset_11(tmp_path)
    override = write_yaml(tmp_path / "agency.yaml", {
        "extends": str(base), "name": "agency",
        "catalogue": {"synonyms": {"gmv": ["店铺流水", "流水"]}, "metrics": [
            {"id": "sponsored-video-views", "en": "Sponsored video views", "zh": "视频广告播放量", "kind": "process",
             "focus": "growth", "drives": ["sessions"], "synonyms": ["SBV views", "视频广告播放"]}]}})
    ruleset = load_ruleset(str(override), schema)
    assert ruleset.catalogue.recognises
    assert ruleset.catalogue.match("美国站店铺流水").id == "gmv"
    assert ruleset.catalogue.match("视频广告播放量").kind == "process"
    assert ruleset.catalogue.match("US SBV views").id == "sponsored-video-views"
    assert ruleset.catalogue.read("直通车点击率").domestic == "直通车"         # the word lists came through


@pytest.mark.parametrize(("catalogue", "message"), [
    ({"synonyms": {"gmv": ["Conversion rate"]}}, "also a synonym of conversion-rate"),
    ({"synonyms": {"gmv": ["US"]}}, "is a synonym of gmv"),
    ({"metrics": [{"id": "x", "en": "X metric", "zh": "某指标", "kind": "result", "focus": "growth", "colour": "red"}]},
     "unknown field"),
    ({"metrics": [{"id": "x", "en": "X metric", "zh": "某指标", "kind": "process", "focus": "growth",
                   "drives": ["new-listings"]}]}, "is a process metric, not a result"),
    ({"metrics": [{"id": "x", "en": "X metric", "zh": "某指标", "kind": "result", "focus": "growth", "group": "toys"}]},
     "unknown group 'toys'"),
    ({"metrics": [{"id": "x", "en": "X metric", "zh": "某指标", "kind": "result", "focus": "growth",
                   "growth_of": ["nope"]}]}, "unknown catalogue metric 'nope'"),
    ({"metrics": [{"id": "x", "en": "X metric", "zh": "某指标", "kind": "result", "focus": "growth",
                   "growth_of": ["gmv"]}]}, "'gmv' already has a growth metric (sales-growth)"),
    ({"metrics": [{"id": "x", "en": "X metric", "zh": "某指标", "kind": "result", "focus": "growth",
                   "ratio_of": ["gmv", "nope"]}]}, "unknown catalogue metric 'nope'"),
    ({"metrics": [{"id": "x", "en": "X metric", "zh": "某指标", "kind": "result", "focus": "growth",
                   "ratio_of": ["gmv"]}]}, "must be [numerator, denominator]"),
    ({"metrics": [{"id": "x", "en": "X metric", "zh": "某指标", "kind": "result", "focus": "growth",
                   "ratio_of": ["gmv", "orders"]}]}, "gmv / orders is already aov"),
    ({"metrics": [{"id": "x", "en": "X metric", "zh": "某指标", "kind": "result", "focus": "growth",
                   "synonyms": ["foo"], "ambiguous": ["bar"]}]}, "'bar' is not one of the metric's synonyms"),
])
def test_bad_catalogue_additions_are_refused(tmp_path, schema, catalogue, message):
    base = write_ruleset_11(tmp_path)
    override = write_yaml(tmp_path / "bad.yaml", {"extends": str(base), "catalogue": catalogue})
    with pytest.raises(RulesetError) as info:
        load_ruleset(str(override), schema)
    assert message in info.value.render()


def test_the_shipped_catalogue_is_valid_and_large():
    document = load_catalogue(CATALOGUE_11)
    catalogue = Catalogue.from_document(document)
    assert len(catalogue.metrics) >= 150 and catalogue.recognises
    assert {m["id"] for m in load_catalogue("metrics@1.0.0")["metrics"]} <= set(catalogue.metrics)
    assert {m.group for m in catalogue.metrics.values()} <= set(catalogue.groups)
    assert all(m.kind != "result" or not m.drives for m in catalogue.metrics.values())


@pytest.mark.parametrize(("name", "term"), [("工作态度评分", "工作态度"), ("工作态度与责任心", "工作态度"), ("勤奋度", "勤奋"),
                                            ("问题解决时效性", None), ("Communication costs", None), ("沟通成本", None)])
def test_a_behaviour_term_names_the_item_only_when_nothing_measures_it_after(cat, name, term):
    assert cat.read(name).behaviour == term


@pytest.mark.parametrize(("name", "metric"), [("Spend花費", "ad-spend"), ("GMV销售额", "gmv"), ("Revenue收入", "gmv"),
                                              ("ACoS同比下降幅度", None)])
def test_an_english_label_run_into_a_chinese_one_is_read_as_label_and_gloss(cat, name, metric):
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "metric"), [("Amazon CR", "conversion-rate"), ("Shopee CR", "conversion-rate"),
                                              ("CR", None), ("Cancellation rate (CR)", "cancellation-rate")])
def test_a_marketplace_settles_cr_as_conversion_rate(cat, name, metric):
    assert metric_of(cat, name) == metric


def test_business_fields_name_known_groups_and_are_never_synonyms():
    document = copy.deepcopy(load_catalogue("metrics@1.1.0"))
    document["recognition"]["fields"]["toys"] = ["玩具"]
    assert ("catalogue.recognition.fields.toys", f"unknown group; known: {', '.join(document['groups'])}") \
        in document_problems(document)
    del document["recognition"]["fields"]["toys"]
    document["recognition"]["fields"]["people"].append("GMV")
    assert ("catalogue.recognition.fields.people", "'GMV' is a synonym of gmv") in document_problems(document)


def test_a_breakdown_noun_must_be_a_qualifier_word():
    """`per` looks at the qualifier after it, so a breakdown noun no qualifier list holds (`market`) would never be
    read: the catalogue check says so instead of letting it pass unnoticed."""
    document = copy.deepcopy(load_catalogue("metrics@1.1.0"))
    assert not [p for p in document_problems(document) if p[0] == "catalogue.recognition.breakdowns"]
    document["recognition"]["breakdowns"].append("Market")
    assert ("catalogue.recognition.breakdowns", "'Market' is no qualifier word, so `per Market` is never read") \
        in document_problems(document)


def test_no_word_list_of_the_bundled_catalogue_holds_a_word_twice():
    """Words are compared folded (case, width, Traditional to Simplified), so a second spelling of a listed word
    (`銷售總量` after 销售总量) is read the same way and only hides what the list really holds."""
    document = load_catalogue("metrics@1.1.0")
    lists = {f"{metric['id']}.synonyms": metric["synonyms"] for metric in document["metrics"]}
    lists |= {f"behaviour.{key}": words for key, words in document["behaviour"].items()}
    for section in ("qualifiers", "markers"):
        lists |= {f"{section}.{key}": words for key, words in document["recognition"][section].items()}
    repeated = {where: sorted(word for word, count in Counter(map(fold, words)).items() if count > 1)
                for where, words in lists.items()}
    assert {where: words for where, words in repeated.items() if words} == {}


@pytest.mark.parametrize(("name", "term"), [("跨部门协作效率", "跨部门协作"), ("沟通及时性", "沟通"),
                                            ("沟通协作效率低", None), ("协作成本", None)])
def test_an_ending_after_a_behaviour_term_keeps_it_an_item_however_the_rest_segments(cat, name, term):
    """`效率` segments as two unknown characters; the ending is matched on the characters after the term."""
    assert cat.read(name).behaviour == term


@pytest.mark.parametrize(("name", "criterion"), [("直播妆容服饰是否恰当", "是否"), ("是否语速适中,口齿清晰", "是否"),
                                                 ("直播话术运用得当", "得当")])
def test_a_yes_no_criterion_is_a_judged_line(cat, name, criterion):
    reading = cat.read(name)
    assert reading.metric is None and reading.behaviour == criterion


@pytest.mark.parametrize("name", ["直播时长", "是否率", "订单是否准时率"])
def test_a_criterion_word_never_overrides_a_metric_or_stands_in_a_measured_name(cat, name):
    reading = cat.read(name)
    if name == "直播时长":   # near miss: no criterion word, a metric
        assert reading.metric is not None and reading.behaviour is None
    else:                   # a criterion word makes even an odd name a judged line, never a metric
        assert reading.metric is None and reading.behaviour == "是否"


@pytest.mark.parametrize(("name", "metric"), [("Involuntary turnover rate", "employee-turnover"),
                                              ("迟发率", "late-shipment-rate")])
def test_a_rate_s_synonym_may_say_it_is_a_rate(cat, name, metric):
    assert cat.read(name).metric.id == metric


@pytest.mark.parametrize("name", ["Units sold rate", "销量率", "GMV rate"])
def test_a_count_s_synonym_does_not_take_a_rate_word(cat, name):
    """Near miss: only metrics measured as a rate take `rate`/`率`; on a count it is another quantity."""
    assert cat.read(name).metric is None


@pytest.mark.parametrize("name", ["成交UV", "收藏UV", "Add to cart visitors", "Wishlist visitors"])
def test_people_who_did_a_metric_are_neither_metric(cat, name):
    assert cat.read(name).metric is None


@pytest.mark.parametrize(("name", "metric"), [("店铺UV", "sessions"), ("Store visitors", "sessions"),
                                              ("产品PV数", "page-views")])
def test_a_count_after_scope_words_is_still_the_metric(cat, name, metric):
    """Near miss of the above: scope words before `UV` only narrow it; a count may say it is one (`数`)."""
    assert cat.read(name).metric.id == metric


@pytest.mark.parametrize(("name", "metric", "endings"), [("产品PV数", "page-views", "count_endings"),
                                                          ("Involuntary turnover rate", "employee-turnover",
                                                           "rate_endings")])
def test_what_a_count_or_rate_may_add_is_catalogue_data(name, metric, endings):
    """`数` after a count and `rate` after a rate add nothing, because the catalogue says so: without its list the
    same name has an unknown word and is not read."""
    document = copy.deepcopy(load_catalogue(CATALOGUE_11))
    assert Catalogue.from_document(document).read(name).metric.id == metric
    del document["recognition"][endings]
    assert Catalogue.from_document(document).read(name).metric is None


@pytest.mark.parametrize("name", ["Employee attrition count", "Stockouts in period #", "Number of stockouts",
                                  "Return rate #"])
def test_a_count_word_contradicts_a_rate(cat, name):
    """A count of what a rate measures (leavers, stockouts) is not the rate."""
    reading = cat.read(name)
    assert reading.metric is None and reading.why == "count", reading


@pytest.mark.parametrize(("name", "metric"), [("Number of orders", "orders"), ("Order count", "orders"),
                                              ("退货数量", "returns"), ("# of sessions", "sessions")])
def test_a_count_word_keeps_a_count(cat, name, metric):
    """Near miss of the above: on a count metric the same words only say it is a count."""
    assert metric_of(cat, name) == metric


def test_a_metric_is_a_rate_by_its_names_or_the_catalogue_s_list_never_by_a_synonym():
    """`CSAT %` is a percentage because csat is listed under `rate_metrics`; without the list a percentage of it is
    a share. A rate synonym listed under a count does not make the count a rate."""
    document = copy.deepcopy(load_catalogue(CATALOGUE_11))
    assert Catalogue.from_document(document).read("CSAT %").metric.id == "csat"
    document["recognition"]["rate_metrics"].remove("csat")
    assert Catalogue.from_document(document).read("CSAT %").why == "share"
    document = copy.deepcopy(load_catalogue(CATALOGUE_11))
    orders = next(m for m in document["metrics"] if m["id"] == "orders")
    orders["synonyms"].append("Orders placed rate")
    assert Catalogue.from_document(document).read("Orders %").why == "share"


def test_rate_metrics_must_name_catalogue_metrics():
    document = copy.deepcopy(load_catalogue(CATALOGUE_11))
    document["recognition"]["rate_metrics"].append("no-such-metric")
    assert ("catalogue.recognition.rate_metrics", "unknown catalogue metric 'no-such-metric'") \
        in document_problems(document)


@pytest.mark.parametrize(("name", "metric"), [("conversionRate14d", "conversion-rate"),
                                              ("LateShipment Rate", "late-shipment-rate"), ("TikTok GMV", "gmv"),
                                              ("ACoS", "acos"), ("eBay GMV", "gmv"), ("totalSalesUSD", "gmv"),
                                              ("unitsSoldSKU", "units-sold")])
def test_camel_case_field_names_split_into_words_but_brand_spellings_stay(cat, name, metric):
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "metric"), [("30秒内回复率", "response-sla"), ("新品30天内转化率", "conversion-rate"),
                                              ("首月售罄率", "sell-through"), ("BB Share 24h", "buy-box-percentage"),
                                              ("Direct GMV", "gmv"), ("search_conversion_rate", "conversion-rate"),
                                              ("Line Item Fill Rate", "fill-rate"), ("GMV 30days", "gmv"),
                                              ("Ad sales 14d", "ad-sales"), ("CTR (7 days)", "ctr")])
def test_time_windows_attribution_and_search_traffic_only_scope_a_metric(cat, name, metric):
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "metric"), [("销售毛利(Gross Profit)", "gross-profit"),
                                              ("应收账款周转率(DSO)", None)])
def test_a_worded_gloss_picks_one_metric_of_a_combined_label_but_an_acronym_does_not(cat, name, metric):
    """`销售毛利` spells sales and gross profit; the gloss says which. A bare acronym only labels the row, so a
    turnover ratio glossed `DSO` (days) stays unread."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "behaviour"), [("技能达标率", None), ("工作态度评分", "工作态度"),
                                                 ("Orders Values", None), ("Values", "values")])
def test_an_attained_rate_or_a_synonym_s_own_word_is_not_a_behaviour_item(cat, name, behaviour):
    """A behaviour term followed by an attainment rate is a measured result; a term that is a word of a metric's
    synonym (`Orders Values`) is that synonym's. Near misses: a judged score, and the term alone."""
    assert cat.read(name).behaviour == behaviour


@pytest.mark.parametrize("key", ["generic_heads", "dimension_heads", "task_endings", "rate_endings",
                                 "count_endings"])
def test_recognition_word_lists_must_be_words(key):
    document = copy.deepcopy(load_catalogue(CATALOGUE_11))
    document["recognition"][key] = {"uv": 1}
    assert (f"catalogue.recognition.{key}", "must be a list of words") in document_problems(document)


@pytest.mark.parametrize(("name", "metric"), [
    ("访客数", "sessions"), ("浏览量", "page-views"), ("曝光量", "impressions"), ("Reach", "reach"),
    ("视频播放量", "video-views"), ("直播观看人数", "live-viewers"), ("加购数", "add-to-carts"), ("收藏量", "favourites"),
    ("加购率", "add-to-cart-rate"), ("收藏率", "favourite-rate"), ("退款率", "refund-rate"), ("退款金额", "refunds"),
    ("Return rate", "return-rate"), ("Returns", "returns"), ("Chargeback rate", "dispute-rate"),
    ("Chargebacks", "disputes"),
])
def test_counts_rates_and_kinds_of_traffic_are_different_metrics(cat, name, metric):
    """Visitors, page views, impressions and video views are different counts, and a count of refunds is not the
    refund rate: a scorecard listing both is not defining one metric twice (D01)."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "metric"), [("关键岗位人员的流失率", "employee-turnover"),
                                              ("关键岗位人员流失率", "employee-turnover")])
def test_the_particle_de_never_narrows_a_measure(cat, name, metric):
    """`X的Y` says `XY` (it had read as customer churn through `流失率` alone)."""
    assert metric_of(cat, name) == metric


def test_the_particle_stays_inside_a_word(cat):
    shown = cat._recogniser.words.shown
    assert shown("目的达成率")[:2] == ["目", "的"] and "的" not in shown("人员的流失率")


@pytest.mark.parametrize(("name", "metric"), [("库存销售比(Sell-Through Rate)", "sell-through"),
                                              ("Views(浏览量)", "page-views"), ("库存销售比", None), ("Views", None),
                                              ("客单价(Average Customer Value)", None), ("广告费用占比(Ad Spend)", None),
                                              ("退款率偏差(Refund Rate)", None), ("订单数/访客数(Orders)", None),
                                              ("Sales per store (销售额)", None)])
def test_a_gloss_in_the_other_script_names_what_its_label_translates(cat, name, metric):
    """A label read as nothing (a ratio word, an ambiguous word) takes the metric its translation names; a label
    that names another metric than its gloss leaves the name unread (`客单价` is the average order value, the gloss
    says revenue per user), and so does a share, variance or ratio of the metric the gloss names."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "metric"), [("应收账款平均周转期", "dso"), ("首次响应平均时长", "first-response-time"),
                                              ("首次回復週均時長", "first-response-time"), ("应收账款最长周转期", None)])
def test_an_average_inside_a_synonym_s_words_is_a_qualifier(cat, name, metric):
    """平均 between the words of a synonym still only qualifies it; another word there (最长) changes the measure."""
    reading = cat.read(name)
    assert (reading.metric.id if reading.metric else None) == metric
    assert metric is None or (reading.why == "synonym+qualifiers"
                              and {("statistic", "平均"), ("statistic", "周均")} & set(reading.detail.qualifiers))


@pytest.mark.parametrize(("name", "behaviour"), [("Attendance & punctuality", "punctuality"),
                                                 ("Attendance & customer focus", "customer focus"),
                                                 ("出勤率与团队合作", "团队合作"),
                                                 ("Attendance & GMV", None), ("出勤状况", "出勤"),
                                                 ("着装规范", "着装"), ("遵守配送时间表", "遵守")])
def test_a_behaviour_term_beside_a_metric_or_before_its_ending_makes_a_conduct_line(cat, name, behaviour):
    """`Attendance` is also the attendance rate, but with `punctuality` the line is conduct; with GMV it is not."""
    assert cat.read(name).behaviour == behaviour


@pytest.mark.parametrize(("name", "metric"), [("京东30s应答率", "response-sla"), ("Response rate 5min", "response-sla"),
                                              ("京东30x应答率", None), ("门店5S转化率", None), ("4S店GMV", None)])
def test_a_number_run_into_seconds_or_minutes_is_a_window(cat, name, metric):
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "metric"), [("Rate of absenteeism", "attendance-rate"),
                                              ("Percentage of returns", "return-rate"), ("Rate of return", "roi"),
                                              ("Percentage of orders", None), ("Ratio of sales to inventory", None),
                                              ("Rate of sales", None)])
def test_a_rate_named_before_its_object_reads_as_that_rate(cat, name, metric):
    """`Rate of absenteeism` is the absenteeism rate; a synonym spelt that way (`Rate of return`) keeps its own
    reading, and a share of a count (`Percentage of orders`) or a ratio of two metrics stays unread."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "metric"), [("Average Response Time By User", "response-time"),
                                              ("按品类分类的退货率", "return-rate"), ("按地区划分的销售额", "gmv"),
                                              ("Top Products by Revenue", None), ("Revenue by Traffic Channel", None),
                                              ("Units fulfilled by Amazon", None)])
def test_a_breakdown_along_a_dimension_is_the_metric(cat, name, metric):
    """A metric split by a dimension that names no metric is still the metric, its dimension kept as a scope;
    `Top Products by Revenue` ranks products, and `by Traffic Channel` splits by another metric."""
    reading = cat.read(name)
    assert (reading.metric.id if reading.metric else None) == metric
    assert metric is None or any(category == "scope" for category, _ in reading.detail.qualifiers)


@pytest.mark.parametrize(("name", "metric"), [("變動值（日均訂單數）", None), ("日均订单数（Orders）", "orders")])
def test_a_bare_change_word_never_takes_its_gloss_s_metric(cat, name, metric):
    """`變動值` (change) glossed with the order count is a variance of orders, not the orders."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "metric"), [("Sales (%)", None), ("Customer Returns (%)", None),
                                              ("客户续约率(%)", "customer-retention"), ("Sales (USD)", "gmv")])
def test_a_bracketed_percent_is_the_name_s_unit(cat, name, metric):
    """`Sales (%)` reads as `Sales %` does, a share of sales; a rate may say it is a percentage, an amount its
    currency."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "metric"), [("销量/订单量", "units-per-order"), ("Orders per session", "conversion-rate"),
                                              ("Ad spend ÷ Sales", "tacos"), ("销售额/员工人数", "revenue-per-employee"),
                                              ("近30日毛利/毛利率", None), ("Orders / Refunds", None),
                                              ("GMV达成率/订单数", None)])
def test_two_metrics_divided_read_as_the_composite_the_catalogue_defines(cat, name, metric):
    """A quotient of two metrics is the composite whose `ratio_of` names them, in that order; a quotient the
    catalogue does not define, or one of an attainment, stays unread."""
    reading = cat.read(name)
    assert (reading.metric.id if reading.metric else None) == metric
    assert metric is None or reading.why == "quotient"


@pytest.mark.parametrize(("name", "metric"), [("UV平均获取成本", None), ("UV获取成本", None),
                                              ("Sessions访问次数", "sessions"), ("获取成本", "cost-per-order")])
def test_chinese_run_on_after_an_english_label_is_read_with_it(cat, name, metric):
    """`UV平均获取成本` (acquisition cost per visitor) names two metrics, visitors and acquisition cost: not the
    visitors its label `UV` names; a Chinese gloss that translates the label keeps it."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize("name", list(hostile_names().values()))
def test_a_hostile_name_is_read_again_a_bounded_number_of_times(name, monkeypatch):
    """A name read as nothing is read again in another shape, and each shape's parts again, at most _RETRIES deep:
    `Rate of Rate of …` costs a few readings, not one per repetition (benchmarks/recognition.py times these)."""
    catalogue = Catalogue.from_document(load_catalogue(CATALOGUE_11))
    recogniser = catalogue._recogniser
    calls = []
    original = type(recogniser).read
    monkeypatch.setattr(type(recogniser), "read", lambda self, text, retries=_RETRIES: (
        calls.append(retries), original(self, text, retries))[1])
    catalogue.read(name)
    # readings one retry makes at most: the inner average dropped, turned round, the two sides of each of at most
    # four divisions (`/` or per, a share, the first and the last `to … ratio`), breakdown
    shapes = 1 + 1 + 2 * 4 + 1
    assert len(name) == NAME_MAX and len(calls) <= sum(shapes ** depth for depth in range(_RETRIES + 1))


@pytest.mark.parametrize(("name", "metric"), [("PPC Sponsored Products Sales", "ad-sales"), ("PPC Ads Cost", "ad-spend"),
                                              ("Staff hours worked", None), ("PPC Net profit", None)])
def test_an_advertising_word_adds_nothing_to_an_advertising_metric(cat, name, metric):
    """Advertising metrics exist only for paid traffic, so `PPC` before one narrows nothing; a people word before
    a people metric may change it (staff hours worked are not all hours worked), and before a profit it leaves the
    name unread."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "metric"), [("Inbound order accuracy", None), ("Order accuracy", "order-accuracy"),
                                              ("Inbound calls handled", "messages-handled")])
def test_inbound_orders_are_purchase_orders(cat, name, metric):
    """An inbound order is a purchase order received, so `Inbound order accuracy` is not the accuracy of orders
    shipped; `inbound` no longer narrows any metric by itself."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "metric"), [("Sessions (B2C) %", None), ("Session Percentage", None),
                                              ("Unit Session Percentage", "conversion-rate")])
def test_amazon_session_percentage_is_a_share_of_sessions(cat, name, metric):
    """Amazon's Session Percentage is an ASIN's share of the sessions; Unit Session Percentage is the conversion."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "metric"), [("GMV change", "sales-growth"), ("Inventory change", None)])
def test_a_change_of_a_metric_is_its_growth(cat, name, metric):
    """Dashboards report `X change` against the previous period: the growth metric where the catalogue has one."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "behaviour"), [("與人相處融洽親切有禮", True), ("能適當分辨事務之輕重緩急、把握重點", True),
                                                 ("能接受新觀念及建設性意見", True), ("设计创意", True),
                                                 ("订单处理及时率", False), ("创新率", False)])
def test_a_scorecard_s_judged_statement_is_a_behaviour_item(cat, name, behaviour):
    """Taiwan staff scorecards write conduct as statements (`與人相處融洽親切有禮`): words that only judge a person
    (融洽, 轻重缓急, 建设性) make the line a behaviour item, as 是否 does."""
    reading = cat.read(name)
    assert (reading.behaviour is not None) == behaviour and (reading.metric is None or not behaviour)


@pytest.mark.parametrize(("name", "metric"), [("TC/工时", None), ("Spend/花費", "ad-spend"), ("工时", "hours-worked")])
def test_an_unknown_label_before_a_slash_makes_a_quotient_not_a_gloss(cat, name, metric):
    """`TC/工时` is transactions per labour hour: an unread label ending in a slash divides by what follows it, so
    the Chinese part is not its translation. A label the catalogue knows (`Spend/花費`) is still glossed."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "metric"), [("Avg Best Seller Rank 4 Wk Vs Prior", None),
                                              ("Avg Best Seller Rank 1 Wk Prior", "bsr-rank"),
                                              ("GMV vs prior year", "sales-growth")])
def test_a_comparison_with_an_earlier_period_is_a_change(cat, name, metric):
    """`vs prior`, `vs year` compare a figure with an earlier one (a growth); `1 Wk Prior` only dates it."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "metric"), [("Voluntary FTE Turnover", "employee-turnover"),
                                              ("Involuntary Headcount Turnover", "employee-turnover"),
                                              ("僱員流失率", "employee-turnover"), ("Inventory turnover", "inventory-turnover"),
                                              ("Headcount", "headcount")])
def test_headcount_turnover_is_staff_turnover(cat, name, metric):
    """Turnover counted in headcount or FTE is people leaving, not sales or stock turning over; 僱員 (Hong Kong's
    word for employee) likewise makes 流失率 staff turnover."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "metric"), [("Video Completions 25", None), ("Video completion rate", "completion-rate"),
                                              ("订单频率(Purchase Frequency)", None), ("订单数", "orders")])
def test_a_count_or_a_frequency_is_not_the_metric_it_mentions(cat, name, metric):
    """Completions counted at a quartile are not the completion rate; an order frequency (orders per customer) is
    not the order count (频率 is no longer a word that adds nothing)."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "metric"), [("非品牌流量", "sessions"), ("商品详情页收藏用户数", "favourites"),
                                              ("不重複開信率", "email-open-rate"), ("非付费广告花费", None)])
def test_non_brand_traffic_and_page_scopes_narrow_only(cat, name, metric):
    """Non-brand (非品牌) traffic and a page (商品详情页, 店铺首页) narrow what is counted without changing it; 非 before
    anything else still negates, and unpaid traffic still contradicts an advertising metric."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "behaviour"), [("Judgment / Prioritization", True), ("Knowledge and Skills", True),
                                                 ("Team Contribution", True), ("Following Hygiene procedures", True),
                                                 ("Skills gap", False), ("Safety stock", False)])
def test_competency_rows_of_staff_reviews_are_behaviour_items(cat, name, behaviour):
    """Warehouse and support reviews score judgement, prioritisation, skills and following procedures; a gap or a
    stock is not such a row."""
    reading = cat.read(name)
    assert (reading.behaviour is not None) == behaviour and reading.metric is None


@pytest.mark.parametrize(("name", "metric"), [("Amazon Fees & Cost of Goods (COGS)", None),
                                              ("销售毛利(Gross Profit)", "gross-profit"), ("Cost of Goods (COGS)", "cogs")])
def test_a_gloss_naming_one_of_two_joined_things_does_not_read_the_name(cat, name, metric):
    """`Amazon Fees & Cost of Goods (COGS)` adds fees to COGS: the gloss names only one of the two things joined, so
    the name is no longer read as it."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "metric"), [("Call Volume", "messages-handled"), ("Calls made", "calls-made"),
                                              ("Merchant Chargebacks (MCBs)", "disputes")])
def test_contact_centre_volume_and_merchant_scope(cat, name, metric):
    """Call volume is a contact centre's inbound load, not a sales rep's dials; `merchant` (like `seller`) only names
    whose figure it is."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "behaviour"), [("企业文化认知", True), ("Job Knowledge and Competence", True),
                                                 ("用户参与度", False), ("参与度", True)])
def test_user_engagement_is_a_metric_and_participation_a_conduct_line(cat, name, behaviour):
    """用户参与度 (users' engagement) is the engagement rate; 参与度 alone scores a person's participation."""
    reading = cat.read(name)
    assert (reading.behaviour is not None) == behaviour and (reading.metric is None) == behaviour


@pytest.mark.parametrize(("name", "metric"), [("月初人数", "headcount"), ("First Year Attrition", "employee-turnover"),
                                              ("上线90天销量", "units-sold"), ("Final gross profit", "gross-profit"),
                                              ("成功退款金额", "refunds"), ("基本工资总额", "labor-cost"),
                                              ("月末", None), ("Final", None)])
def test_opening_and_closing_periods_and_final_figures_only_qualify(cat, name, metric):
    """月初/月末 (start and end of month), a first year and 上线N天 (days since listing) are periods; final, 成功
    (successful) and 基本 (basic) say which figure of a metric is meant. None of them is a metric on its own."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "metric"), [("Unpaid Orders", None), ("Organic orders", "orders"),
                                              ("Promotion", None), ("Promotion rate", "promotion-rate")])
def test_unpaid_orders_are_not_organic_and_a_promotion_is_not_the_promotion_rate(cat, name, metric):
    """`unpaid` had counted as organic (as in unpaid traffic), so an order status read as orders; a bare `Promotion`
    on a seller's scorecard is more likely a sales promotion than staff promoted."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "metric"), [("拣货任务数", "warehouse-throughput"), ("发运任务数", "warehouse-throughput"),
                                              ("任务数", None), ("品质退货数量", "returns"), ("品质退货率", "return-rate"),
                                              ("Canceled items", "cancellations"), ("下單會員數", "active-customers")])
def test_warehouse_task_counts_quality_returns_and_ordering_members(cat, name, metric):
    """A WMS counts its work in tasks (收货/拣货/移库/发运任务数); a task count with no operation is nothing; quality
    returns keep count and rate apart."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "behaviour"), [("Communication Skill", True), ("Late Entry (This Month)", True),
                                                 ("Positive language", True), ("学习培养", True),
                                                 ("Late shipment rate", False), ("Late arrival rate", False)])
def test_attendance_and_call_quality_rows_are_behaviour_items(cat, name, behaviour):
    """An attendance sheet's late entries and early exits and a call-quality form's positive language are judged
    conduct; a late shipment or arrival rate is measured."""
    assert is_behaviour(cat, name) == behaviour


@pytest.mark.parametrize(("name", "metric"), [("好评数", None), ("好评率", "review-rating"),
                                              ("應收帳款總金額", None), ("應收帳款週轉天數", "dso"),
                                              ("Contribution Profit", None), ("Contribution margin", "contribution-margin"),
                                              ("SLA breach rate", None), ("Dispatch SLA breach rate", "late-shipment-rate"),
                                              ("退单率", "return-rate")])
def test_counts_and_balances_are_not_the_rates_and_days_they_sit_beside(cat, name, metric):
    """A count of positive reviews is not the rating, a receivables balance not the days it is outstanding, a
    contribution profit (an amount) not the margin; an SLA breach that does not say which SLA is no late-dispatch
    rate; 退单率 on a seller's sheet is orders sent back (labelled return rate), not chargebacks."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "metric"), [("净资产收益率-摊薄", "roe"), ("扣非净利润", "net-profit"),
                                              ("现有库存天数", "days-of-inventory"), ("摊薄", None),
                                              ("加到購物車次數", "add-to-carts"), ("購買 ROAS", "roas"),
                                              ("花費金額", "ad-spend"), ("購買", None),
                                              ("平均第一次回應時間", "first-response-time"),
                                              ("Avg Acknowledgement Time", "first-response-time"),
                                              ("庫存正確性", "inventory-accuracy"), ("正確性", None)])
def test_diluted_and_recurring_bases_meta_ads_terms_and_correctness(cat, name, metric):
    """摊薄 (diluted), 扣非 (recurring only) and 现有 (on hand) say which figure; Meta's zh-TW report columns
    (加到購物車, 購買 ROAS, 花費金額) are the ad metrics; 正确性 is 正确率; none of the qualifiers is a metric alone."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "behaviour"), [("合作性", True), ("人际关系", True), ("Independent Work", True),
                                                 ("Self-Motivated", True), ("Independent contractors", False)])
def test_appraisal_form_competencies_are_behaviour_items(cat, name, behaviour):
    """An appraisal form's cooperativeness, relationships, independent work and self-motivation are judged;
    independent contractors are people, not a conduct line."""
    assert is_behaviour(cat, name) == behaviour


@pytest.mark.parametrize(("name", "metric"), [("Ad spend as % of revenue", "tacos"), ("广告费占销售额比例", "tacos"),
                                              ("Operating Expenses as a Percentage of Revenue", "opex-ratio"),
                                              ("Shipping cost to revenue ratio", "logistics-cost-ratio"),
                                              ("Returns % of orders", "return-rate"),
                                              ("Refunds % of revenue", None), ("广告费占比", None)])
def test_a_share_of_one_metric_in_another_is_their_composite(cat, name, metric):
    """`X as % of Y`, `X to Y ratio` and X占Y比例 divide X by Y like `X / Y`: the composite the catalogue defines as
    that quotient, when there is one (refunds over revenue is none); a share that does not say of what is no
    quotient."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "metric"), [("Accounts Payable Turnover", None), ("Accounts payable days", "ap-days"),
                                              ("今日线索量", "leads"), ("本年度銷售量", "units-sold"), ("年度", None),
                                              ("平均對談時間", "average-handle-time"), ("通話總數", "messages-handled"),
                                              ("訪問購買率", "conversion-rate"), ("访问深度", None),
                                              ("Return on Sales (ROS)", "net-margin"), ("% 單位市場佔有率", "market-share")])
def test_payables_turnover_today_and_contact_centre_words(cat, name, metric):
    """A turnover ratio is not the days it converts to (as inventory turns are not days of inventory); 今日 and 本年度
    date a figure; Taiwan's 對談 and 通話 are a contact centre's conversations; a visit's conversion is the
    conversion rate, a visit's depth is not; return on sales is the net margin; 单位 in 单位市场占有率 is units, not
    "per unit"."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "behaviour"), [("Developing Others", True), ("Strategic Thinking", True),
                                                 ("Customer care", True), ("人员管理", True),
                                                 ("Customer care cost", False)])
def test_leadership_competencies_are_behaviour_items(cat, name, behaviour):
    """A review template's leadership competencies are judged; a cost of customer care is measured."""
    assert is_behaviour(cat, name) == behaviour


@pytest.mark.parametrize(("name", "metric"), [("ROAS = Return On Ad Spend", "roas"), ("CTR = Clicks / Impressions", "ctr"),
                                              ("Organic сonversion", "conversion-rate"), ("РРС Sales", "ad-sales"),
                                              ("Конверсия", None), ("App端网页跳出率", "bounce-rate"), ("端", None),
                                              ("Shipping cost per order", None), ("Shipping cost", "logistics-cost")])
def test_glossary_equals_lookalike_letters_and_client_sides(cat, name, metric):
    """A glossary writes `ACoS = Advertising Cost of Sales`: the part after `=` glosses the label. Cyrillic letters
    drawn like Latin ones (`сonversion`, `РРС`) read as Latin in a Latin word or a word of nothing else, a Russian
    word stays itself. App端/PC端 only say which client; a shipping cost per order is not the logistics cost."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "behaviour"), [("Phone Manner", True), ("INITIATING ACTION", True),
                                                 ("专业知能", True), ("工作方法", True), ("Phone calls handled", False)])
def test_call_quality_and_civil_service_appraisal_rows_are_behaviour_items(cat, name, behaviour):
    """A call-quality form's phone manner and a Taiwan appraisal's 专业知能/工作方法 are judged; calls handled are
    counted."""
    assert is_behaviour(cat, name) == behaviour


@pytest.mark.parametrize(("name", "metric"), [("unitOnTimeDeliveryRate", "on-time-delivery"),
                                              ("totalNewToBrandROAS14d", "roas"), ("ROAS14d", "roas"),
                                              ("newToBrandOrders", "new-to-brand"), ("ordersPerSession", "conversion-rate"),
                                              ("TikTok", None),
                                              ("tiktokShopGMV", "gmv"), ("salesOnTikTok", "gmv"),
                                              ("totalYouTubeViews", "video-views"), ("ordersAliExpress", "orders")])
def test_camel_case_fields_split_at_their_short_joining_words(cat, name, metric):
    """API fields run short words together (`On`, `To`, `Per`) and end an acronym with its window (`ROAS14d`);
    a brand's own capitals (TikTok) stay one word at the start of a name and, split inside a chain, still name the
    platform (the catalogue spells it both ways)."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "metric"), [("本SKU广告订单量", "ad-orders"), ("过去30天CPC", "cpc"), ("过去", None),
                                              ("私信留资数", "leads"), ("Percent Resolved", "resolution-rate"),
                                              ("Exit Ratio", "employee-turnover"), ("月銷貨額達成率", "gmv"),
                                              ("加班時數", None), ("累積顧客數", None)])
def test_this_and_past_periods_and_back_office_words(cat, name, metric):
    """本SKU (this SKU), 本期 and 过去N天 only date or scope a figure; a DM (私信) narrows leads; 销货额 is Taiwan's
    sales. Overtime hours are not hours worked, and a cumulative customer count is not the active customers, as the
    labels say."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "metric"), [("cm1", "contribution-margin"), ("ROAS14days", "roas"),
                                              ("订单数>=2的客户", None), ("Spend => ROAS", "roas"),
                                              ("Add to cart to session ratio", "add-to-cart-rate"),
                                              ("Orders to sessions ratio (%)", "conversion-rate"),
                                              ("Returns as % of orders per month", "return-rate"),
                                              ("退货数占订单数比率", "return-rate"), ("РРС广告点击率", "ctr"),
                                              ("RОІ", "roi"), ("LinkedInCPC", None)])
def test_division_shapes_comparisons_and_lookalikes_at_their_edges(cat, name, metric):
    """Only a time window splits from an acronym (CM1 stays whole); `>=` and `=>` compare, they do not gloss; a
    division is tried in each shape it may have (the first and the last `to`, a percent unit after it); lookalike
    letters run into Chinese or capital І still read as Latin; LinkedIn is not split at its `In` (a brand run into a
    metric stays one unread word, as `TikTokGMV` does)."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "metric"), [("Live products sold", "units-sold"), ("Live products", "active-listings"),
                                              ("广告预算控制率", "ad-spend"), ("总库存可售天数", "days-of-supply"),
                                              ("Total Cost of Goods Sold", "cogs"),
                                              ("Total Attributed Sales Revenue", "ad-sales")])
def test_a_cover_naming_one_metric_beats_one_naming_two(cat, name, metric):
    """Between two equally good ways to cut a name into known words, the one naming a single metric with its
    qualifiers wins (`Live products sold` is units sold on live, not live products and sales); a longer synonym
    still wins over its parts."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "metric"), [("GMV总值（单位：分）", "gmv"), ("千次展现花费（单位元）", "cpm"),
                                              ("GMV（单位：USD）", "gmv"), ("订单量（个）", "orders"),
                                              ("单位成本", "landed-cost"), ("Customer Returns (%)", None),
                                              ("商品總價值 (GMV)", "gmv"), ("客单价（单位：元/件）", "aov"),
                                              ("销售额（单位：%，同比）", None), ("复购人数（单位：%）", None),
                                              ("销售额(单位:万,YoY)", None)])
def test_a_unit_note_in_brackets_says_only_the_unit(cat, name, metric):
    """（单位：分）, （单位：元/件） or （笔） says which unit a figure is kept in; 单位 as a word of the name
    (单位成本), a percent after a count (a share), a growth inside the note and an acronym in brackets still
    count."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "metric"), [("avg30SalesRank", "bsr-rank"),
                                              ("subscriberRetentionFor90Days", "customer-retention"),
                                              ("monthlySold", "units-sold"), ("Top10Sales", "gmv"), ("CM1", "contribution-margin"),
                                              ("GA4", None), ("Ga4Sessions", None), ("Cm2Margin", None)])
def test_a_number_between_camel_case_words_is_a_word(cat, name, metric):
    """Keepa's and Amazon's fields run a window into the words (`avg30SalesRank`, `For90Days`): the number splits
    off and dates the figure; a top ten scopes it (the top ten's sales, as final35 labels `Top500SalesAmount`) and
    CM1 and GA4 stay whole."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "metric"), [("昨日销售金额", "gmv"), ("月迄今營收", "gmv"), ("即時訪客數量", "sessions"),
                                              ("點閱次數", "ad-clicks"), ("第一響應時間", "first-response-time"),
                                              ("Message volume", "messages-handled"), ("Unique Customers", "active-customers"),
                                              ("Net cash provided by operating activities", "cash-flow"),
                                              ("昨日", None), ("Unique", None), ("Messages", None)])
def test_seventeenth_pass_periods_and_vocabulary(cat, name, metric):
    """Yesterday, month-to-date and real-time only date a figure; Taiwan's 點閱 is a click; a contact centre's
    message volume is its load; a cash-flow statement's operating line is the operating cash flow. None of these
    words is a metric alone."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "behaviour"), [("Technical Expertise", True), ("Influence", True),
                                                 ("Growth Potential", True), ("Influencer GMV", False)])
def test_career_ladder_dimensions_are_behaviour_items(cat, name, behaviour):
    """An engineering career ladder's expertise, influence and potential are judged; influencer sales are measured."""
    assert is_behaviour(cat, name) == behaviour


@pytest.mark.parametrize(("name", "metric"), [("成单金额", "gmv"), ("直播间平均成单金额", "aov"), ("收現率", "collection-rate"),
                                              ("點按次數", "ad-clicks"), ("網站造訪", "sessions"), ("差勤紀錄", "attendance-rate"),
                                              ("電子報開信率", "email-open-rate"), ("Net Profit or Loss", "net-profit"),
                                              ("年度總對話數", "messages-handled"), ("平均會話對話數", None),
                                              ("造訪", "sessions"), ("Shipping Speed", None)])
def test_eighteenth_pass_vocabulary(cat, name, metric):
    """成单金额 (the amount of deals closed) is sales, its average the order value; a year's conversations are a
    contact centre's load, the messages of an average conversation are not; Taiwan's 收现 (cash collected), 點按 (clicks), 造訪 (visits), 差勤 (attendance) and 電子報 (a
    newsletter) are the words of their metrics. A shipping speed stays unread (final7's `1D Shipping Speed` is no
    transit time)."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "behaviour"), [("Process adherence", True), ("SANITATION", True),
                                                 ("Knowledge of Job", True), ("Working Relations", True),
                                                 ("Process", False), ("Storage cost", False)])
def test_appraisal_form_rows_of_the_eighteenth_pass_are_behaviour_items(cat, name, behaviour):
    """Small-company appraisal forms and contact-centre scorecards judge process adherence, sanitation, job
    knowledge and working relations; a bare `Process` and a storage cost are not conduct."""
    assert is_behaviour(cat, name) == behaviour


@pytest.mark.parametrize(("name", "metric"), [("预算消耗", "ad-spend"), ("投放消耗", "ad-spend"), ("季盈餘目標", "net-profit"),
                                              ("損益", "net-profit"), ("參觀次數", "sessions"), ("網頁數", "page-views"),
                                              ("日均分拣订单量", "warehouse-throughput"), ("Post-call CSAT", "csat"),
                                              ("Win loss ratio", "win-rate"), ("Sales Returns and Allowances", "refunds"),
                                              ("Handled", "messages-handled"), ("预算", None), ("分拣", None),
                                              ("Post-call", None), ("Loss ratio", None)])
def test_nineteenth_pass_vocabulary(cat, name, metric):
    """Ocean Engine and Qianchuan call ad spend 消耗 of the budget or the placement; Taiwan's 盈餘 (earnings) and 損益
    (profit and loss) are the bottom line and its old Google Analytics said 參觀 for a visit and 網頁數 for pages;
    sorting (分拣) orders is a warehouse's throughput; a contact centre's bare `Handled` column is its load. A
    budget, a sorting step or an insurer's loss ratio alone is no metric."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "behaviour"), [("ABILITY TO LEARN", True), ("Group work ability", True),
                                                 ("QUALITY OF WORK AND ACCURACY", True),
                                                 ("No of reported breach of Company policies", True),
                                                 ("Forecast accuracy", False), ("Group revenue", False)])
def test_appraisal_form_rows_of_the_nineteenth_pass_are_behaviour_items(cat, name, behaviour):
    """Small-company appraisal forms judge the ability to learn, group work, the quality and accuracy of work and
    breaches of company policy; a forecast's accuracy and a group's revenue are measured."""
    assert is_behaviour(cat, name) == behaviour


@pytest.mark.parametrize(("name", "metric"), [("buyBoxWinRate", "buy-box-percentage"), ("mobileAppPageViews", "page-views"),
                                              ("gmvL30D", "gmv"), ("TikTok account health rating", "account-health"),
                                              ("月營收年增率", "sales-growth"), ("年增率", None), ("最新月平均單價", "average-selling-price"),
                                              ("已花费金额", "ad-spend"), ("从详情页加购次数", "add-to-carts"), ("已", None),
                                              ("電銷離職率", "employee-turnover"), ("Share of Search", "share-of-voice"),
                                              ("Parent Level Revenue", "gmv"), ("Sales from Ads", "ad-sales"),
                                              ("Sales from returning customers", None), ("预期cpm", None)])
def test_twentieth_pass_camel_case_periods_and_vocabulary(cat, name, metric):
    """A camelCase chain splits at every capitalised word of three letters (`buyBoxWinRate`) while a brand that
    starts the name stays whole (`TikTok`); `L30D` after a metric is the last 30 days; Taiwan's 年增率 is a year's
    growth (of the metric named, none alone) and 最新 the latest period; 已 (already) and 从 (from) only frame a
    figure; telesales is a team. A forecast (预期, 预估) is not the metric: Chinese lists label it none."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "behaviour"), [("Independence", True), ("Consistency in Performance", True),
                                                 ("流程学习与物料知识", True), ("指导协调", True),
                                                 ("知识产权数量", False), ("协调费用", False), ("Consistency rate", False)])
def test_appraisal_form_rows_of_the_twentieth_pass_are_behaviour_items(cat, name, behaviour):
    """Appraisal forms judge independence, consistency, a grasp of materials (物料知识) and coordination (协调); a count
    of patents (知识产权) and a coordination fee are measured."""
    assert is_behaviour(cat, name) == behaviour


@pytest.mark.parametrize(("name", "metric"), [("Number of Approved Orders", "orders"), ("Total Closed Orders", "orders"),
                                              ("Completed orders", "orders"), ("Cancelled orders", "cancellations"),
                                              ("Orders Cancelled", "cancellations"), ("on_time_rate", "on-time-delivery"),
                                              ("cancel_at_fault_rate", "cancellation-rate"), ("直播带货GPM", "gpm"),
                                              ("私域流量转化率", "conversion-rate"), ("询单客单价", "aov"),
                                              ("客户咨询回复速度", "response-time"), ("客户", None),
                                              ("BSR排名进步值", None), ("Keywords in Top 10", "keyword-rank"),
                                              ("Real ACOS", "tacos"), ("Department wise Attrition", "employee-turnover")])
def test_twenty_first_pass_order_states_channels_and_vocabulary(cat, name, metric):
    """An order's state (approved, closed, completed, delivered) only narrows the orders counted, while a cancelled
    order is a cancellation; snake_case fields read like spaced ones; 带货 (selling through content) and 私域 (a
    private audience) are channels, 询单 and 客户 who a figure is counted on; 进步值 is an improvement, which BSR has
    no metric for; seller tools call TACoS "Real ACoS"; Indian English says "department wise" for by department."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "behaviour"), [("RELATIONS WITH SUPERVISOR", True), ("Energy level", True),
                                                 ("Coping with work pressure?", True), ("任务执行", True),
                                                 ("创新建议", True), ("工作报告", True),
                                                 ("Customer Relations", True), ("Customer retention rate", False),
                                                 ("数据分析师人数", False), ("Energy cost", False)])
def test_appraisal_form_rows_of_the_twenty_first_pass_are_behaviour_items(cat, name, behaviour):
    """Appraisal forms judge relations with a supervisor or customers, energy, coping with pressure, carrying out
    tasks, suggestions and reporting; a retention rate, a headcount of analysts and an energy bill are measured."""
    assert is_behaviour(cat, name) == behaviour


@pytest.mark.parametrize(("name", "metric"), [("Spend Pacing", "ad-spend"), ("Pod Videos Posted", "videos-published"),
                                              ("RTS breach rate", "late-shipment-rate"),
                                              ("Time to Fill Vacancies", "time-to-hire"),
                                              ("Delayed arrival rate", "on-time-delivery"), ("Nbr Refunds", "refunds"),
                                              ("月化毛利润完成率", "gross-profit"), ("60分位物流时效", "transit-time"),
                                              ("9周妥投退款率", "refund-rate"), ("應用程式內點進率", "ctr"),
                                              ("Unit price", "average-selling-price"), ("Unit price variance", None),
                                              ("展示转化率", None), ("Checkout sessions", None),
                                              ("PPC Sponsored Products Sales", "ad-sales"), ("Ad-score 质量分", None)])
def test_twenty_second_pass_pacing_pods_and_vocabulary(cat, name, metric):
    """A metric's pacing is its attainment so far; a pod is a team; Lazada's RTS (ready-to-ship) breach is a late
    shipment; 月化 annualises like 年化; 60分位 is a percentile and 妥投 (delivered) only narrows what a rate counts.
    "PPC" names the paid channel, never the spend by itself, so PPC sales stay ad sales; 展示 alone is a placement,
    not impressions, and a checkout is not a session scope."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "behaviour"), [("Responds to constructive criticism", True),
                                                 ("Effective under pressure", True), ("利他", True), ("結果導向", True),
                                                 ("學識專業", True), ("个人交接班完成情况", True),
                                                 ("Total Days Late", False), ("Rate of orders that shipped late", False),
                                                 ("培训完成率", False), ("Company policy violations", False),
                                                 ("Demonstrates product knowledge", True),
                                                 ("Treats customers with respect", True),
                                                 ("Eager to improve own performance", True),
                                                 ("Contribution margin", False), ("Adaptive bidding ROAS", False)])
def test_appraisal_form_rows_of_the_twenty_second_pass_are_behaviour_items(cat, name, behaviour):
    """Appraisal forms judge how someone takes criticism and pressure, Alibaba-style values (利他, 结果导向),
    learning and expertise (学识专业) and handovers (交接班), and a row that says what someone does (demonstrates,
    treats, is eager to) describes conduct; days late, late shipments, a training completion rate, counted policy
    violations, a contribution margin and adaptive bidding are measured."""
    assert is_behaviour(cat, name) == behaviour


@pytest.mark.parametrize(("name", "metric"), [("Days Receivable", "dso"), ("Days Payable", "ap-days"),
                                              ("Days Inventory", "days-of-inventory"), ("库存周转(天)", "days-of-inventory"),
                                              ("Sum of Ordered Product Sales", "gmv"), ("Total Sales LW", "gmv"),
                                              ("DoD_GMV_Growth", "sales-growth"), ("Branded ROAS", "roas"),
                                              ("Peak Concurrent Users", "live-viewers"), ("到达人数", "reach"),
                                              ("净成交ROI", "qianchuan-roi"), ("含预售投产比", "roas"),
                                              ("人均勞效", "revenue-per-employee"), ("營收變化", "sales-growth"),
                                              ("來自搜尋引擎的訪客", "sessions"), ("銷售完成比率", "gmv"),
                                              ("推送成功人數", None), ("Total Active Items", None), ("活躍使用者", None),
                                              ("主管月度评分", None), ("收發準確率", None), ("PCU(最高在线人数)", None)])
def test_twenty_third_pass_days_periods_and_vocabulary(cat, name, metric):
    """Finance says "days receivable/payable/inventory" for DSO, DPO and DIO, and 库存周转(天) counts turnover in days;
    "sum of", LW (last week) and DoD (day over day) only frame a figure, and branded keywords only narrow ROAS; 达人
    inside 到达人数 (people reached) is no creator; 净成交ROI is Qianchuan's; 含预售 (including presales) is a basis,
    劳效 labour efficiency, 变化 a change and 来自 "from". An app's active users, active items, pushes, a supervisor's
    rating, goods in and out and a game's PCU have no metric here."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "behaviour"), [("周全慎密", True), ("工作习惯和方法", True), ("价值导向", True),
                                                 ("6S及安全", True), ("做好公司车辆清洁工作", True), ("责任感强", True),
                                                 ("Proactive Assistance", True), ("Company Pride", True),
                                                 ("Setting Clear Expectations", True), ("文化", True),
                                                 ("安全库存天数", False), ("品牌影响力", False), ("BSR排名进步值", False),
                                                 ("问题解决效率", False)])
def test_appraisal_form_rows_of_the_twenty_third_pass_are_behaviour_items(cat, name, behaviour):
    """Appraisal forms judge thoroughness (周全慎密), habits and methods, values, 6S and safety, duties done well
    (做好…工作), a strong sense of responsibility, call-centre conduct (proactive help, pride, setting expectations)
    and culture; safety stock, a brand's influence, a BSR improvement and how fast problems are solved are measured."""
    assert is_behaviour(cat, name) == behaviour


@pytest.mark.parametrize(("name", "metric"), [("网上零售额", "gmv"), ("实物商品网上零售额", "gmv"), ("农产品购进额", "inventory-purchased"),
                                              ("零售额占比", None), ("网上零售额增长率", "sales-growth"),
                                              ("平均訂購值", "aov"), ("平均订单数", "orders"), ("目标连单率", "units-per-order"),
                                              ("Units / Orders", "units-per-order"), ("Units / Sessions", None),
                                              ("Revenue Per Unit (After Returns)", "average-selling-price"),
                                              ("Revenue per employee", "revenue-per-employee"),
                                              ("One-Star Rate", "negative-review-rate"), ("Five-star rate", None),
                                              ("Lost Time Rate", "attendance-rate"), ("Lost time injury rate", None),
                                              ("Purchase Order Amount(Company Currency)", "inventory-purchased"),
                                              ("Purchase order count", "inventory-purchased"), ("Direct cost", "cogs"),
                                              ("Direct cost ratio", None), ("Weighted SOV", "share-of-voice"),
                                              ("Weighted pipeline", None),
                                              ("On Time Handling Rate", "late-shipment-rate"),
                                              ("钻石展位消耗", "ad-spend"), ("新客戶數目", "new-customers"),
                                              ("用戶獲取", "new-customers"), ("用户获取成本", "cost-per-order")])
def test_twenty_fourth_pass_retail_statistics_and_vocabulary(cat, name, metric):
    """County e-commerce statistics count 网上零售额 (online retail sales) of physical goods and 购进额 (purchases);
    an order's value (订单值/订购值) averaged is AOV, while an average order count stays orders; 连单率 is units per
    order, and "Units / Orders" divides the two. Revenue per unit is the selling price, a one-star rate the negative
    reviews, lost time the absence rate, a purchase order's amount or count what was bought (as final43 labels
    purchases by PO), direct cost the COGS and a weighted SOV still the share of voice. A share of retail sales, a
    five-star rate, lost-time injuries, a direct-cost ratio and a weighted pipeline are none of them."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "behaviour"), [("Grammar and spelling", True),
                                                 ("Reading comprehension & acknowledgment", True),
                                                 ("Troubleshooting Score", True), ("Empathetic", True),
                                                 ("Troubleshooting time", False), ("Spelling errors", False)])
def test_quality_form_rows_of_the_twenty_fourth_pass_are_behaviour_items(cat, name, behaviour):
    """A support team's quality form judges grammar and spelling, reading a message and acknowledging it,
    troubleshooting and empathy; the time troubleshooting takes and a count of spelling errors are measured."""
    assert is_behaviour(cat, name) == behaviour


@pytest.mark.parametrize(("name", "metric"), [("Conversion Rate per Tag", "conversion-rate"),
                                              ("Return rate per channel", "return-rate"), ("Sales per tag", None),
                                              ("Retention rate per manager", None),
                                              ("Retention rate per mentor", None), ("CTR per hour", None),
                                              ("Complaint rate per thousand passengers", None),
                                              ("毛利率(%)(營業毛利)/(營業收入)", "gross-margin"),
                                              ("稅後純益率(%)(稅後純益)/(營業收入)", "net-margin"),
                                              ("點擊數/率", None), ("OTD 及时交付率", "on-time-delivery"),
                                              ("Orders Over €10 Cancellation Rate", "cancellation-rate"),
                                              ("Orders over HK$1.5k cancellation rate", "cancellation-rate"),
                                              ("Sales over budget", None), ("Orders over 5kg", None),
                                              ("Clickthrough rate(CTR)点击转化率", None),
                                              ("移动端点击转化率", "conversion-rate"),
                                              ("3-Mo Sales", "gmv"), ("Units returned", "returns"), ("eCPC", "cpc"),
                                              ("Cost Per Impression", "cpm"), ("Cost per impression share", None),
                                              ("Total Strength", "headcount"), ("Total Strength of Materials", None),
                                              ("New Joining This Week", "new-hires"), ("SLA %", "response-sla"),
                                              ("SLA Breach Rate", None), ("直播间内人数", "live-viewers"),
                                              ("LINE 好友", "followers"), ("出餐时间", "order-preparation-time"),
                                              ("种草成交金额", "gmv"), ("Won Revenue", "bookings"),
                                              ("Revenue vs. Quota", "quota-attainment"),
                                              ("回款率（20分）", "collection-rate"),
                                              ("Employee Productivity", None)])
def test_twenty_fifth_pass_splits_formulas_thresholds_and_vocabulary(cat, name, metric):
    """A rate per tag or channel is that rate split, while an amount per something, a rate per person and a rate per
    unit (hour, thousand passengers) are not; a formula whose sides are bracketed glosses the rate before it; a money
    threshold (Orders Over €10, HK$1.5k) picks orders and divides nothing, a weight does not. A count and its rate on
    one line (點擊數/率) stay unread: the lists label them both ways. An acronym gloss that disputes a head picked
    between two rates leaves the name unread, and 及 beginning 及时 joins nothing. Also 3-month windows, units
    returned, effective CPC, cost per impression, a team's strength, new joinings, SLA, people in a live room, LINE
    friends, meal preparation time, seeded (种草) sales, won revenue and revenue against quota. A breach rate of an SLA
    is not its attainment, and productivity is not revenue per head. A scorecard's points weight (（20分）) is no
    part of what a rate measures."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "behaviour"), [("Reasoning", True), ("Analyses Problems", True), ("出勤质量", True),
                                                 ("Reasoning time", False), ("Problem analysis time", False)])
def test_appraisal_rows_of_the_twenty_fifth_pass_are_behaviour_items(cat, name, behaviour):
    """An appraisal form judges reasoning, analysing problems and the quality of attendance; the time reasoning
    or a problem analysis takes is measured."""
    assert is_behaviour(cat, name) == behaviour


@pytest.mark.parametrize(("name", "metric"), [("仓储费比", None), ("头程费比(%)", None), ("平均访客比", None),
                                              ("直通车点击率比", "ctr"), ("Avg Sales/day", "gmv"),
                                              ("转化数据（计费时间）-转化成本（计费时间）", "cost-per-order"),
                                              ("展现数据-平均点击单价", "cpc"), ("退货数据-件数", "returns"),
                                              ("竞品数据-销售额", None), ("广告数据-转化率", None),
                                              ("直通车数据-点击率", "ctr"), ("销售数据-同比", "sales-growth"),
                                              ("Top10 加购→支付 转化率", None), ("加购->支付转化率", None),
                                              ("加购-->支付转化率", None), ("Sales:", "gmv"), ("销售额：", "gmv"),
                                              ("GMV/", "gmv"), ("人效比", "revenue-per-employee"),
                                              ("客单价比", "aov"), ("UV价值比", "revenue-per-visitor"),
                                              ("推荐人数", None), ("推荐曝光", "impressions"),
                                              ("Quota %", "quota-attainment"), ("Quota achieved", "quota-attainment"),
                                              ("Target variable (at 100% quota)", None),
                                              ("支付转化率", "conversion-rate"), ("CTR 对比", None),
                                              ("近7天均访客", "sessions"), ("近7天均转化率", "conversion-rate"),
                                              ("退貨筆數", "returns"), ("Amazon SC CVR", "conversion-rate"),
                                              ("FBM Units", "units-sold"), ("Units", None), ("Quota", None),
                                              ("Sales quota", None), ("Quota attainment", "quota-attainment"),
                                              ("Days of inventory on hand (DOH)", "days-of-inventory"),
                                              ("Inventory on hand", None),
                                              ("Average Inventory Days (AID)", "days-of-inventory"),
                                              ("Average inventory", "inventory-value"),
                                              ("Net operating cycle", "cash-conversion-cycle"),
                                              ("Days to pay for inventory", "ap-days"), ("Median TTR", "resolution-time"),
                                              ("Publishing Frequency", "content-posts"),
                                              ("Paid Media (Meta, Google, TikTok)", "ad-spend"),
                                              ("Inbound Shipping", "logistics-cost"), ("Contact Quality", "qa-score"),
                                              ("接待会话数", "messages-handled"), ("聊天客户数", "messages-handled"),
                                              ("会话数", "sessions"), ("每位买家的销售额", "arpu"),
                                              ("每使用者平均收入", "arpu"), ("点击支付转化率", "conversion-rate"),
                                              ("点击", "ad-clicks"), ("直通车平均点击", "cpc"), ("详情访客", "sessions"),
                                              ("推荐曝光", "impressions"), ("重大客户流失率", "customer-retention"),
                                              ("重大违规", None), ("顧客滿意度成績", "csat"),
                                              ("客戶滿意指標(CSS)", "csat"), ("行銷活動總數", "campaigns-launched"),
                                              ("年平均營運總收入", "gmv"),
                                              ("Average Monthly Ratings Across categories on Amazon",
                                               "review-rating")])
def test_twenty_sixth_pass_unsaid_ratios_report_sections_funnels_and_vocabulary(cat, name, metric):
    """A count or amount whose last word divides (仓储费比, 平均访客比) is one side of a ratio whose other side goes
    unsaid; a rate or a quotient so written is still itself, and a form's trailing colon or slash divides nothing. A
    report export's column under its section (…数据-field), when the whole reads as nothing, is read without the
    section's metric words (转化, 展现), its other words kept (竞品, 广告, 直通车), and never as a bare measure word
    (件数). A funnel step (加购→支付, also written
    ->) is no overall conversion rate, and a comparison (对比) not the metric. Also 7-day averages (近7天均),
    transaction counts (筆數), Seller Central and FBM, inventory days, the net operating cycle, TTR, paid media,
    chat sessions received, sales per buyer, clicks, detail-page and recommendation traffic, key accounts, a
    satisfaction result (成績) and marketing campaigns. A bare quota is the target, not its attainment."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "behaviour"), [("接待无欢迎语", True), ("会话结束未邀评", True),
                                                 ("长时间等待客服未致歉", True), ("重复让顾客复述问题", True),
                                                 ("品性(Personal Characteristics)", True), ("專案進度掌控", True),
                                                 ("Following Standards", True), ("邀评数", False),
                                                 ("致歉次数", False), ("进度掌控率", False)])
def test_service_check_rows_of_the_twenty_sixth_pass_are_behaviour_items(cat, name, behaviour):
    """A service quality check judges a welcome and a closing line, apologising for a wait, inviting a review and
    not making a customer repeat the question; an appraisal judges character, keeping a project on schedule and
    following standards. A count of review invitations or apologies, and a rate, are measured."""
    assert is_behaviour(cat, name) == behaviour


@pytest.mark.parametrize(("name", "metric"), [("Total number of violations over past 90 days", "policy-violations"),
                                              ("Sales over the last 12 months", "gmv"), ("Sales over budget", None),
                                              ("外卖订单配送准时率", "on-time-delivery"),
                                              ("Customer satisfaction with webchat", "csat"),
                                              ("Cost/Order", "cost-per-order"), ("nCAC", "cost-per-order"),
                                              ("Avg Days to Solve (Team)", "resolution-time"),
                                              ("订单揽收超时率", "late-shipment-rate"),
                                              ("揽收时长", "order-preparation-time"), ("签收时长", "transit-time"),
                                              ("首响时效", "first-response-time"), ("原创稿件数量", "content-posts"),
                                              ("年度销售目标超额完成率", "gmv")])
def test_twenty_seventh_pass_windows_and_vocabulary(cat, name, metric):
    """A window (`over past 90 days`) divides nothing, where a budget still does; 外卖 (food delivery) is a channel,
    webchat what a satisfaction is counted on; cost per order written with a slash, new CAC, days to solve,
    courier pickup (揽收) and sign-off (签收) times, the first-response window, manuscripts (稿件) and an
    over-achievement rate."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "behaviour"), [("领导能力(管理岗位)", True), ("Time Keeping", True),
                                                 ("CAPACITY TO DEVELOP", True), ("Skills and Abilities", True),
                                                 ("Greeting & Agent Identification", True), ("设计审美水平", True),
                                                 ("畫面質量", True), ("Coaching sessions", False),
                                                 ("作品原创性", False), ("视觉效果", False),
                                                 ("画面质量投诉数", False)])
def test_appraisal_rows_of_the_twenty_seventh_pass_are_behaviour_items(cat, name, behaviour):
    """A bracketed note on whom an item applies to (（管理岗位）) leaves it a behaviour item; timekeeping, capacity to
    develop, abilities, a call's greeting and identification, a designer's aesthetics and a video's picture quality
    are judged. Coaching sessions are counted, and originality and visual effect stay unread, as the lists label
    them; a count of complaints about picture quality is measured."""
    assert is_behaviour(cat, name) == behaviour


@pytest.mark.parametrize(("name", "metric"), [("UV成本", None), ("Pipeline總數", None), ("ROAS衰减函数", None),
                                              ("CPC成本", "cpc"), ("Dock-to-Stock时长", "dock-to-stock-time"),
                                              ("Buy Box持有率", "buy-box-percentage"), ("Spend花費", "ad-spend")])
def test_chinese_run_on_from_one_english_word_glosses_only_what_the_metric_spells(cat, name, metric):
    """Chinese run straight on from one English word (`UV成本`) that names no metric and has a word none of the
    English word's metric's synonyms spells says what is measured of it (a cost per visitor, a count of
    pipelines), not what it is; `CPC成本` and `Dock-to-Stock时长` repeat what the metric is, and two English words
    (`Buy Box持有率`) are a label with its translation, as before."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "metric"), [("平均每日營收", "gmv"), ("平均每月销售额", "gmv"),
                                              ("平均每单成本", "cost-per-order"), ("平均每小时拣货数", None),
                                              ("当前周期流量", "sessions"), ("上月周期订单量", "orders"),
                                              ("回購週期", None), ("最近7天订单总额", "gmv"),
                                              ("历史客户数", None), ("主播违规率", None), ("出单场次", None),
                                              ("主播有效违规场次", "policy-violations"), ("SKU数", None),
                                              ("Quality FPY", None), ("一次合格率", None),
                                              ("Meta CPC", "cpc"), ("小类 BSR", "bsr-rank"), ("组合 ACOS", "acos"),
                                              ("消費者滿意度", "csat"), ("按店铺的销售额", "gmv"),
                                              ("按客户的类型划分的销售额", "gmv"), ("按时交付的订单数", None),
                                              ("付費人數", None), ("有效人数", None), ("月初人数", "headcount"),
                                              ("销售人员流失率", "employee-turnover"),
                                              ("毛利成長率", "profit-growth"), ("公会总流水", "gmv"),
                                              ("成交订单", "orders"), ("成交订单金额", "gmv"),
                                              ("订单履约准确率", "order-accuracy"), ("每次購買件數", "units-per-order"),
                                              ("總交易值", "gmv"), ("平均交易值", "aov"), ("頁面查看", "page-views"),
                                              ("計費使用率", "billable-utilization"),
                                              ("Cartons received", "warehouse-throughput"),
                                              ("FT equivalent", "headcount")])
def test_twenty_eighth_pass_periods_counts_and_vocabulary(cat, name, metric):
    """A daily, weekly or monthly average (平均每日) is the metric, an hourly one a rate of work; a current or last
    period (当前周期, 上月周期) and recent (最近) figures scope one, but a cycle (回购周期) is a time and all
    customers ever (历史客户数) are not the active ones. A violation rate is no count of violations, streams with
    orders (出单场次) no count of orders, a count of SKUs no count of live listings, a production yield (FPY,
    一次合格率) no incoming quality, and a bare 人数 staff only when a word says so (月初人数, not 付费人数). A
    breakdown 按X的 is one when X is a word the catalogue splits by (按店铺的), not when 按 means `on` (按时交付的).
    Also Meta as a platform, sub-categories and portfolios, the consumer's satisfaction, gross-profit growth, a
    guild's turnover, closed orders, fulfilment accuracy, units per purchase, transaction value, zh-TW page views,
    billable use, cartons received and full-time equivalents."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "behaviour"), [("RELATIONS WITH OTHERS", True), ("COMMITMENT TO SAFETY", True),
                                                 ("Handling Objections", True),
                                                 ("Preparation Before the Meeting", True),
                                                 ("跨部门协作响应时效", True), ("溝通響應速度", False),
                                                 ("客服沟通响应时效", False), ("客服响应时效", False),
                                                 ("Safety incidents", False)])
def test_appraisal_rows_of_the_twenty_eighth_pass_are_behaviour_items(cat, name, behaviour):
    """A sales-call scorecard judges preparing the meeting and handling objections; an appraisal judges relations
    with others and commitment to safety, and how fast someone responds when collaborating across teams. A
    communication's response time (final4 and final35 label it apart), a service team's and a count of safety
    incidents are measured."""
    assert is_behaviour(cat, name) == behaviour


@pytest.mark.parametrize(("name", "metric"), [("Sales channel", None), ("銷售渠道", None), ("销售团队", None),
                                              ("流量渠道", None), ("Sales region", None), ("渠道销售额", "gmv"),
                                              ("Revenue by channel", "gmv"), ("Team sales", "gmv"),
                                              ("Sales (team)", "gmv"), ("团队销售额", "gmv")])
def test_a_dimension_noun_after_a_metric_word_is_the_name_s_head(cat, name, metric):
    """`Sales channel` and `销售团队` name a kind of channel or team, not a figure: a dimension noun written straight
    after a metric's word is the head. Before the metric, after `by` or in brackets it scopes the metric."""
    reading = cat.read(name)
    assert (reading.metric.id if reading.metric else None) == metric
    assert metric or reading.why == "dimension"


@pytest.mark.parametrize(("name", "metric"), [("出勤天数", None), ("请假天数", None), ("Days absent", None),
                                              ("出勤率", "attendance-rate"), ("Absenteeism", "attendance-rate"),
                                              ("门店库存数量", None), ("FBA库存", None), ("库存金额", "inventory-value"),
                                              ("Stock level", "inventory-value"), ("动销SKU数", None),
                                              ("商品總數", None), ("在售SKU数", "active-listings"),
                                              ("自由现金流", None), ("Operating cash flow", "cash-flow"),
                                              ("自然月现金流", "cash-flow"), ("Organic cost savings", "cost-savings"),
                                              ("G & A", None), ("SG&A", "opex")])
def test_counts_and_parts_the_lists_label_apart_are_not_the_metric(cat, name, metric):
    """Days attended or on leave are counts, not the attendance rate; stock in units is not the inventory value; a
    count of SKUs with sales or of products is not a count of live listings; free cash flow is not the operating
    cash flow, nor general and administrative costs all operating expenses (fresh lists label them none). A
    calendar month (自然月) and organic savings still scope a finance metric."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "metric"), [("周销售净额", "net-sales"), ("周销售数量LFL", "sales-growth"),
                                              ("终端销售金额", "gmv"), ("Recognized Revenue", "gmv"),
                                              ("Rev count", None), ("终端零售价", None),
                                              ("Active Employee Count", "headcount"),
                                              ("每日活躍的使用者", "active-customers"), ("活躍使用者", None),
                                              ("第一個回覆時間", "first-response-time"), ("彈出率", "bounce-rate"),
                                              ("網路爬蟲瀏覽量", "page-views"), ("平均购买次数", None),
                                              ("內場工時", "hours-worked"),
                                              ("Return Shipping Charge (Incl. GST)", None),
                                              ("综合评分(Overall Score)", None)])
def test_twenty_ninth_pass_vocabulary(cat, name, metric):
    """Net sales written 销售净额, like-for-like (LFL) as growth, retail-end sales (终端销售额), recognised revenue,
    active employees, daily active users written out, zh-TW first reply time, bounce (彈出率), crawler page views
    (網路) and front- and back-of-house hours. GST is a tax basis, but a shipping charge is still no catalogue word;
    综合 stays unread (综合评分 is an overall score, not a rating), and so do `Rev` (a review count as often as
    revenue), a retail-end price and a purchase frequency."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "behaviour"), [("组织导向", True), ("客户导向", True), ("潛能評估", True),
                                                 ("行為標準", True), ("人員分工", True), ("團隊氛圍", True),
                                                 ("Quality of Output", True), ("Communication Effectiveness", True),
                                                 ("Takes initiative", True), ("Attitude and willingness", True),
                                                 ("Demand planning", False), ("Learning effectiveness", False),
                                                 ("Sales of newly introduced products", False), ("Mileage rate", False),
                                                 ("安全评估", False), ("流量导向", False), ("行为标准达标率", False)])
def test_appraisal_rows_of_the_twenty_ninth_pass_are_behaviour_items(cat, name, behaviour):
    """Orientations (组织导向, 客户导向), an assessment of potential, standards of conduct, division of work and team
    atmosphere, the quality of output and effective communication are judged; a criterion of several words (`takes
    initiative`) matches as written, and a Latin criterion only as a whole word (`Mileage rate` is not `eager`).
    Demand planning, a programme's learning effectiveness, newly introduced products, a safety assessment, a
    traffic orientation and an attained rate are not judged conduct."""
    assert is_behaviour(cat, name) == behaviour


@pytest.mark.parametrize(("name", "metric"), [("销售费用控制", None), ("广告成本控制", None), ("部門行政費用控制", None),
                                              ("退货率控制", "return-rate"), ("员工流失率控制", "employee-turnover"),
                                              ("Orders/Hour", None), ("Orders picked/hour", None),
                                              ("Orders per hour", "warehouse-productivity"), ("Sales/day", "gmv"),
                                              ("GMV week-over-week", "sales-growth"), ("Revenue DoD", "sales-growth"),
                                              ("MTTR", None), ("Ticket MTTR", "resolution-time"),
                                              ("平均還原時間(MTTR)", None), ("直接销售金额", "ad-sales"),
                                              ("间接GMV", "ad-sales"), ("间接订单", "ad-orders"),
                                              ("直接订单行", "ad-orders"), ("销售金额", "gmv"),
                                              ("响应时间控制", "response-time"), ("客单价控制", "aov"),
                                              ("Labor cost control", None), ("销售费用控管", None),
                                              ("响应时长/小时", "response-time"), ("Lead time/hours", "lead-time")])
def test_thirtieth_pass_tasks_hourly_rates_comparisons_and_attribution(cat, name, metric):
    """Keeping a cost down (…费用控制, …成本控制, `Labor cost control`) is a task scored by judgement, where a rate,
    a time or a quotient kept down is still the figure; a count per hour (`Orders/Hour`) is a work rate, a count
    per day still the count and a time per hour only its unit; week-over-week and day-over-day
    are growth; MTTR is a resolution time only in a support context (it is also a time to repair or restore); and
    an ad report's direct and indirect (直接, 间接) sales and orders are the ads' attributed ones."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "metric"), [("Gross Profit Percent", "gross-margin"),
                                              ("Gross profit", "gross-profit"),
                                              ("商品迴轉率", "inventory-turnover"), ("儲位填滿率", "storage-utilization"),
                                              ("Days Sales Of Inventory - DSI", "days-of-inventory"),
                                              ("Pack Accuracy", "order-accuracy"), ("广告成本销售比", "acos"),
                                              ("Units per labor hour", "warehouse-productivity"),
                                              ("Measurable impressions", "impressions"), ("可见曝光量", "impressions"),
                                              ("長期客户数", None), ("Total Lifetime Sales", "gmv"),
                                              ("Customer lifetime value", "customer-ltv"), ("客户回转率", None),
                                              ("归因销售额", "ad-sales"), ("已歸因的收入", None),
                                              ("Main Category BSR", "bsr-rank"), ("RMA總量", None)])
def test_thirtieth_pass_vocabulary(cat, name, metric):
    """Gross profit as a percentage is the margin; zh-TW turnover (迴轉率) and slot fill; days sales of inventory;
    packing accuracy; ad cost to sales (广告成本销售比); units per labour hour; measurable and visible impressions;
    a main category's rank; attributed (归因) ad sales. Long-term customers are a customer's, not a period's (a
    lifetime is one since the 43rd pass, as the labels read `Total Lifetime Sales` and `Lifetime Average Customer
    Review Rating`), and a customer's turnover (客户回转率) is no stock turnover; an attributed revenue (已歸因的收入)
    may be a booking, and an RMA count is no catalogue word."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "behaviour"), [("Escalates issues early", True), ("Minimizes idle time", True),
                                                 ("勇于面对和承担新任务", True), ("自我启发", True),
                                                 ("很少迟到、早退、缺席，工作态度认真", True), ("Escalation rate", False),
                                                 ("Idle time", False)])
def test_appraisal_rows_of_the_thirtieth_pass_are_behaviour_items(cat, name, behaviour):
    """What someone does (escalates early, minimizes idle time, 勇于…), self-development and earnestness (认真) are
    judged; an escalation rate and idle time are measured."""
    assert is_behaviour(cat, name) == behaviour


@pytest.mark.parametrize(("name", "metric"), [("Sales Δ %", "sales-growth"), ("Revenue Δ vs LY", "sales-growth"),
                                              ("Profit Δ", None), ("Sales Δ vs target", None),
                                              ("Units WoW", "sales-growth"), ("Organic units", "units-sold"),
                                              ("Sponsored units", "ad-orders"), ("Units", None), ("Stock units", None),
                                              ("本店支付金额", "gmv"), ("本店访问数", "sessions"),
                                              ("多渠道销量", "units-sold"), ("外送收入", "gmv"), ("收入", None),
                                              ("结算订单毛利润", "gross-profit"), ("结算转化率", None),
                                              ("预估仓储费", "fba-storage-fees"), ("预计毛利", None),
                                              ("首购转化率", "conversion-rate"), ("首购买家数", "new-customers"),
                                              ("基础消耗", "ad-spend"), ("基础工资", None), ("基础销售额", None),
                                              ("External customer satisfaction rate", "csat"),
                                              ("Internal customer satisfaction", None), ("External spend", None),
                                              ("Profit amount (Σ)", "net-profit"), ("Market CVR %", None),
                                              ("Market sales", None),
                                              ("Agent reply time", "response-time"), ("Agent wait time", None)])
def test_thirty_first_pass_changes_scopes_and_bases(cat, name, metric):
    """A delta in percent (Δ %) or against last year is growth, a bare delta or one against a target a variance;
    growth or an organic scope settles bare units as units sold (sponsored ones are the ads', stock units stay
    unread); this store (本店), several channels (多渠道) and dine-in, take-away or delivery settle an income;
    settled orders (结算订单) and an estimate (预估, not a forecast 预计) keep the figure, but a checkout (结算)
    conversion is another funnel; a first purchase (首购) and a Σ total are scopes, first-time buyers new
    customers. A base (基础) is a baseline or a pay component, only 基础消耗 a spend; of external figures only
    customer satisfaction is the client's; the market's figures are everyone's. An agent's reply time is a
    response time, an agent's wait is idle time."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "metric"), [("Revenue after discounts", "net-sales"),
                                              ("Shipped product sales", "shipped-revenue"),
                                              ("Unit selling price", "average-selling-price"),
                                              ("Shipping and handling", "logistics-cost"),
                                              ("FBA inbound placement fee", "logistics-cost"),
                                              ("Per unit fulfillment fee", "fulfilment-fees"),
                                              ("Items handled", "warehouse-throughput"),
                                              ("Buybox win", "buy-box-percentage"),
                                              ("Total listings", "active-listings"),
                                              ("月活跃用户数", "active-customers"), ("DAU/MAU", None),
                                              ("二购率", "customer-retention"), ("神秘客得分", "qa-score"),
                                              ("營業費用率", "opex-ratio"), ("员工满意", "employee-satisfaction"),
                                              ("費用超支", "budget-variance"), ("观看成交转化率", "conversion-rate"),
                                              ("品牌新买家销量", "new-to-brand"), ("会员客单价", "aov"),
                                              ("会员购买率", None), ("Average position", None)])
def test_thirty_first_pass_vocabulary(cat, name, metric):
    """Sales after discounts are net sales; vendor shipped product sales; a unit selling price; shipping and
    handling and FBA inbound fees are logistics; the per-unit fulfilment fee is the fee; items handled are a
    warehouse's; a Buy Box win; monthly active users (not their ratio to daily ones); a second purchase; a mystery
    shopper's score; the opex ratio; cost overruns; a live stream's watch-to-buy conversion; new-to-brand units; a
    member's basket. A member's purchase rate and an average (ad) position stay unread."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "behaviour"), [("Call closing", True), ("Greeting and introduction", True),
                                                 ("Sales pitch", True), ("Confirm identity", True),
                                                 ("Customer verification", True), ("Service excellence", True),
                                                 ("Cooperation with others", True), ("溝通表達", True),
                                                 ("服务表现", True), ("出勤正常", True), ("技能进度", True),
                                                 ("Opening Qty.", False), ("Job requisition on hold", False),
                                                 ("Image clarity", False), ("New product introduction", False),
                                                 ("High confidence", False), ("Report preparation", False),
                                                 ("Callback requests", False), ("Closing stock", False)])
def test_call_checks_of_the_thirty_first_pass_are_behaviour_items(cat, name, behaviour):
    """A call-quality form's lines (closing the call, greeting, the pitch, verifying the caller), service
    excellence, cooperation, how someone communicates (沟通表达), serves, attends and progresses in skills are
    judged; an opening quantity, a requisition on hold, an image's clarity, a product introduction, a confidence
    level, a report's preparation, callback requests and closing stock are not."""
    assert is_behaviour(cat, name) == behaviour


@pytest.mark.parametrize(("name", "metric"), [("Lead-to-Opportunity", None), ("Lead → MQL", None),
                                              ("CVR:Conversion Rate", "conversion-rate"),
                                              ("转化率/Conversion rate", "conversion-rate"),
                                              ("订单按时完成率", None), ("采购计划按时完成率", "purchase-plan-completion"),
                                              ("EscalationCount", None), ("Customer escalations", "complaints"),
                                              ("Net New MRR", None), ("MRR", "arr"),
                                              ("销售费用优化", None), ("Ad spend optimization", None),
                                              ("广告ACoS优化", "acos"), ("YTD Units", "units-sold"),
                                              ("Units on hand YTD", None), ("赠款消耗", "ad-spend"),
                                              ("随心推消耗", "ad-spend"), ("余额支付金额", None),
                                              ("签收退款率", "refund-rate"), ("當前會話數", None),
                                              ("Weighted pipeline", None), ("Sales to Sales target", "gmv"),
                                              ("GMV比GMV目标", "gmv"), ("Net new ARR", None), ("赠款GMV", None),
                                              ("随心推ROI", "qianchuan-roi")])
def test_thirty_second_pass_funnel_steps_tasks_and_scopes(cat, name, metric):
    """Two names of one metric divided by anything but a label pair's slash or colon are two steps of its funnel
    (`Lead → MQL`), not the metric, unless the second is its target (`Sales to Sales target`); on-time completion (按时完成率) is no attainment of orders; an escalation is
    no complaint unless a customer's; net new MRR or ARR is its growth; optimising (优化) a cost is a task like
    controlling it, optimising a rate is still the rate; a year to date settles units as units sold; grant-funded
    and 随心推 spend is ad spend, 随心推 ROI a 千川 one (a grant scopes no other figure, a balance 余额 alone is a
    payment method); refunds after delivery (签收) are refunds.
    Current chats and a weighted pipeline stay unread."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "metric"), [("RTO units", "returns"), ("Logistics returns", "returns"),
                                              ("已订购商品数量 - B2B", "units-sold"), ("CPC均价", "cpc"),
                                              ("Long-term storage", "fba-storage-fees"),
                                              ("Logistics cost to revenue", "logistics-cost-ratio"),
                                              ("Order fulfilment lead time", "order-cycle-time"),
                                              ("Delivered in full", "fill-rate"), ("净支付金额", "net-sales"),
                                              ("Accounted net sales", "net-sales"), ("卖家星级", "account-health"),
                                              ("发货速度评分", "taobao-dsr"), ("被处罚总数", "policy-violations"),
                                              ("平均轉換成本", "cost-per-order"), ("上課時數", "training-hours"),
                                              ("fulfillment speed (within 48h)", None), ("FBA费比", None),
                                              ("Paid in full", None), ("客户转换成本", None), ("每一筆轉換的成本", "cost-per-order"),
                                              ("Professional development hours", "training-hours")])
def test_thirty_second_pass_vocabulary(cat, name, metric):
    """Flipkart's return-to-origin and reverse-pickup units; Amazon's zh units ordered; an average CPC; long-term
    storage; logistics cost to revenue; order fulfilment lead time; delivered in full; net paid amount; a seller's
    star level; a Taobao DSR's parts; penalties; zh-TW cost per conversion and class hours. A fulfilment speed within
    48 hours (late shipments, by its window), an FBA fee ratio, a payment in full and a customer's switching cost
    (转换成本) stay unread; professional development hours are training hours."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "behaviour"), [("Professional Development", True),
                                                 ("Initiative, Responsibility and Self Direction", True),
                                                 ("Communication Skills – Verbal and Written", True),
                                                 ("Accountability for Quality Work", True), ("合规认知", True),
                                                 ("市场敏锐度", True), ("嘉獎", True), ("大過", True),
                                                 ("重要集會未出席", True), ("Written warnings", False),
                                                 ("Inventory written off", False), ("合规率", False)])
def test_appraisal_rows_of_the_thirty_second_pass_are_behaviour_items(cat, name, behaviour):
    """Professional development, self-direction, verbal and written communication, quality work, awareness of
    compliance, market acumen, merits and demerits (嘉獎, 大過) and missed assemblies are judged; written warnings,
    inventory written off and a compliance rate are not."""
    assert is_behaviour(cat, name) == behaviour


@pytest.mark.parametrize(("name", "metric"), [("回款率", "collection-rate"), ("回款金额", None), ("Cash collected", None),
                                              ("Collections", None), ("Total salaries", "labor-cost"),
                                              ("Paid Salary", "labor-cost"), ("Average Salary by Department", None),
                                              ("Salaries", None), ("盈利总额 (RMB)", "net-profit"), ("盈利能力", None),
                                              ("区间订单", "orders"), ("同口径GMV", "gmv"), ("本月总业绩", "gmv"),
                                              ("带货总业绩", "live-gmv"), ("支付成交金额", "gmv"),
                                              ("成交总件", "units-sold"), ("Share of digital shelf", "share-of-voice"),
                                              ("Total Operating Revenue", "gmv"),
                                              ("Number of New Accounts Acquired", "new-customers"),
                                              ("回款目标达成率", "collection-rate"),
                                              ("Collections vs target", "collection-rate"),
                                              ("Salaries as % of revenue", "labor-cost-ratio"),
                                              ("Outgoing conversion rate", None), ("Impr. vs target", None)])
def test_thirty_third_pass_amounts_apart_from_rates_and_vocabulary(cat, name, metric):
    """Money collected (回款金额, `Cash collected`) is an amount, not the collection rate, whose attainment against a
    target is still the rate; salaries are a labour cost only when a word says they are the total paid (an average
    salary is per head), and over revenue the labour cost ratio; a total (总额) settles 盈利
    as profit; an interval (区间) is a period and like-for-like (同口径) a basis; total 业绩 is sales; vocabulary: paid
    transactions, total units, share of the digital shelf, operating revenue, new accounts acquired. An outgoing
    conversion is no salary's context, and `Impr.` may be an improvement."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "behaviour"), [("Handling Rebuttals", True), ("SAFETY COMPLIANCE", True),
                                                 ("部门例会", True), ("党风廉政建设", True), ("两学一做学习教育", True),
                                                 ("Upselling revenue", False), ("Safety compliance rate", False),
                                                 ("活动例会次数", False), ("制度建设", True), ("信息安全建设", False)])
def test_appraisal_rows_of_the_thirty_third_pass_are_behaviour_items(cat, name, behaviour):
    """A call form's rebuttal handling, safety compliance, attending department meetings and a leader evaluation's
    integrity, study and system-building items are judged; upselling revenue, a compliance rate, a count of meetings
    and building information security (a project) are not."""
    assert is_behaviour(cat, name) == behaviour


@pytest.mark.parametrize(("name", "metric"), [("Order Level", None), ("Seller Level", None),
                                              ("Stock level", "inventory-value"), ("Opportunities", None),
                                              ("Sales Amt", "gmv"), ("Refund amt", "refunds"),
                                              ("Email/SMS Orders", None), ("真实客单价", "aov"),
                                              ("Campaign level ACoS", "acos"), ("Customer satisfaction level", "csat"),
                                              ("Order Amt", None), ("SMS open rate", None),
                                              ("Trade Assurance dispute rate", "dispute-rate"),
                                              ("Buyer Protection complaint rate", "complaint-rate"),
                                              ("business responsibility cancellation rate", "cancellation-rate"),
                                              ("Sales orders", "orders"), ("Annual Turns", "inventory-turnover"),
                                              ("SoROOS", "sourceable-oos"), ("ProcOOS", "procurable-oos"),
                                              ("Loaded Cost", "landed-cost"),
                                              ("Delayed dispatches", "late-shipment-rate"),
                                              ("Violation Points", "policy-violations"), ("推广花费占比", "tacos"),
                                              ("Buy Box 获得率 (%)", "buy-box-percentage"),
                                              ("库存可支持月数", "days-of-supply"), ("投入總人力", "headcount"),
                                              ("人力成本比", "labor-cost-ratio"), ("招募到位天數", "time-to-hire"),
                                              ("外部客訴件數", "complaints"), ("加班 (總時數)", None),
                                              ("Meets SLA %", None)])
def test_thirty_fourth_pass_levels_programmes_and_vocabulary(cat, name, metric):
    """A level after a count is its tier, not the count (`Order Level`, `Seller Level`; a stock level is still
    inventory, a campaign-level ACoS and a satisfaction level the metric); opportunities are no leads; `Amt` is an
    amount, which no count is (`Order Amt`); SMS is no e-mail channel; a real (真实) basket is a basis, Trade
    Assurance and Buyer Protection programmes and a business's responsibility scopes. Vocabulary: ERP sales orders,
    annual turns, Amazon vendor SoROOS and ProcOOS, loaded cost, delayed dispatches, violation points, promotion
    spend share, Buy Box 获得率, months of stock, staff and hours put in (投入), a labour cost ratio, days to hire,
    external complaints. Overtime's total hours and a line meeting an SLA stay unread."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "behaviour"), [("Team Work And Relationship With Others", True),
                                                 ("Political Acumen", True), ("Delegation", True),
                                                 ("Staff Development", True), ("Begin Work On Time", True),
                                                 ("Volume: Consistently Handles Assigned Workload", True), ("性格", True),
                                                 ("Delegation rate", False), ("Staff development budget", False),
                                                 ("性格测试通过率", False), ("Competency level", True),
                                                 ("Consistently on-time delivery rate", False)])
def test_appraisal_rows_of_the_thirty_fourth_pass_are_behaviour_items(cat, name, behaviour):
    """Relationships with others, acumen, delegation, developing staff, starting work on time, handling a workload
    (`handles`) and personality (性格) are judged, and so is a competency level; a delegation rate, a development
    budget, a pass rate of a personality test and a consistently on-time delivery rate are measured."""
    assert is_behaviour(cat, name) == behaviour


@pytest.mark.parametrize(("name", "metric"), [("Overheads vs Revenue", "opex-ratio"), ("Revenue vs. plan", "gmv"),
                                              ("Year-end Headcount", "headcount"), ("Opening Headcount", "headcount"),
                                              ("Opening stock", None), ("Sales MTD (month-to-date)", "gmv"),
                                              ("Units Cancelled Today/Yesterday", "cancellations"),
                                              ("Forecasted Cash Flow", "cash-flow"), ("估計淨利", "net-profit"),
                                              ("今天预计成交金额", None), ("gmv_breakdown", "gmv"),
                                              ("Total Settled Sales Today (COSA)", "gmv"), ("Wage", None),
                                              ("工资", None), ("Total Wages", "labor-cost"), ("实发工资", "labor-cost"),
                                              ("Published post", "content-posts"), ("觀看人數峰值", None),
                                              ("最大在线人数", None), ("Recent Purchase", None),
                                              ("Customer Profitability", None), ("留言數", None),
                                              ("观众成交率", "conversion-rate"),
                                              ("整体观众平均停留时长", "live-watch-time"),
                                              ("in_whs_coverage_days", "days-of-supply"), ("头条点赞数", "engagements"),
                                              ("交易关闭的金额", "cancellations"), ("交易成功笔数", "orders"),
                                              ("退费率", "refund-rate"), ("延遲出貨商品", "late-shipment-rate"),
                                              ("問題閉環率", "resolution-rate"), ("平均回應時效(分鐘)", "response-time"),
                                              ("有效時數", "hours-worked"), ("加班 (總時數)", None),
                                              ("Incoming Messages", "messages-handled"), ("Messages In", None),
                                              ("Engagement Pulse (1-5)", "employee-satisfaction"),
                                              ("selling_speed", "units-sold"),
                                              ("Picked lines", "warehouse-throughput"), ("FY2025 Hires", "new-hires"),
                                              ("Q1FY25 Sales", "gmv"), ("2025Q1 GMV", "gmv"), ("FY2025", None),
                                              ("出勤(出勤率)", "attendance-rate"), ("观众留存率", None),
                                              ("观众人均停留时长", "live-watch-time"), ("观众评论数", "engagements"),
                                              ("Customer pulse score", None), ("工资总计", "labor-cost"),
                                              ("Wages YTD", "labor-cost"),
                                              ("Forecasted vs actual", "forecast-accuracy"),
                                              ("点赞转化率", "engagement-rate"),
                                              ("Cancelled dollars vs ordered dollars", None)])
def test_thirty_fifth_pass_periods_bases_wages_and_vocabulary(cat, name, metric):
    """Overheads set against revenue are the expense ratio (revenue against plan stays an attainment); a year's end,
    an opening or closing count and a period to date are periods, yesterday too; forecast (估計) is a basis as
    estimated is (预计 still is not); a breakdown is its metric, settled sales the sales. Wages (工资) alone are a
    rate or a cost, and a total or what was paid (实发) settles it. Peaks and maxima are kept apart from the metric, as
    the labels keep them; a recent purchase, a customer's profitability and counted comments stay unread.
    Vocabulary: a live audience's conversion (观众成交率), a Toutiao (头条) scope, 交易关闭 and 交易成功 (Taobao's closed and completed
    trades), 退费, 延遲出貨, 閉環率, 回應時效, 時數, incoming messages, an engagement pulse, selling speed, picked
    lines. A judged item glossed by a bare measure is counted in it (overtime's hours are no hours worked), where a
    gloss naming a metric outright gives it (`出勤(出勤率)`). A period fused to its year (`FY2025`, `Q1FY25`, `2025Q1`)
    comes apart, and is still no metric alone. Review mends: an audience is no scope (its retention is no customer's,
    its comments no reviews), a customer's pulse no staff survey, a total, a sum to date or 万元 settle wages,
    forecast against actual is the forecast's accuracy, likes per view the engagement rate, ordered dollars sales."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "behaviour"), [("服務態度不佳", True), ("通話百分比不佳", False),
                                                 ("Team Working", True), ("Team working capital", False),
                                                 ("Achievement Drive", True), ("Quality orientation", True),
                                                 ("New hire orientation", False), ("未依規定簽退", True),
                                                 ("未經同意私自調班", True), ("未主動回報處理進度", True),
                                                 ("動作遲緩", True), ("发货迟缓", False), ("疏失件数", False),
                                                 ("未主动回复率", False), ("未依规定发货订单数", False)])
def test_appraisal_rows_of_the_thirty_fifth_pass_are_behaviour_items(cat, name, behaviour):
    """A poor attitude (態度不佳), team working, achievement drive, a quality orientation, failing to follow the rules,
    to ask consent or to report unprompted (未依規定, 未經同意, 未主動) and slow movements (動作遲緩) are judged lines of
    a driver's or an appraisal form; a percentage judged poor, working capital, a new hire's orientation, slow
    shipping, a count of lapses and the rate or count of failures to act are not."""
    assert is_behaviour(cat, name) == behaviour


@pytest.mark.parametrize(("name", "metric"), [("vCPM", "cpm"), ("每千成本", "cpm"), ("Allocated OPEX", "opex"),
                                              ("Net Profit/Loss", "net-profit"),
                                              ("Days of stock left", "days-of-supply"),
                                              ("NCR rate", "incoming-quality-rate"),
                                              ("defective parts per million", "incoming-quality-rate"),
                                              ("quality acceptance rate", "incoming-quality-rate"),
                                              ("Acceptance rate", None), ("New Opportunities", "pipeline-generated"),
                                              ("新商機", "pipeline-generated"), ("Opportunities", None),
                                              ("Orders Booked", "bookings"), ("Quota Performance", "quota-attainment"),
                                              ("Material Price Variance", "purchase-price-variance"),
                                              ("Total Worked Days", "hours-worked"), ("PRESENCE %", "attendance-rate"),
                                              ("Social media presence", None), ("应收款项回笼率", "collection-rate"),
                                              ("付款转化率", "conversion-rate"), ("线下收银金额", "gmv"),
                                              ("客服回复次数", "messages-handled"), ("对外付款金额", None),
                                              ("新商机转化率", "win-rate"), ("Net profit/loss margin", "net-margin"),
                                              ("影片播放完成率", "completion-rate"), ("涨粉人数", "followers"),
                                              ("每次點按成本", "cpc"), ("影片播放", "video-views"),
                                              ("每個動作的成本", "cost-per-order"), ("留才率", "employee-turnover"),
                                              ("工作階段持續時間", "time-on-site"), ("廣告主廣告費用", "ad-spend"),
                                              ("Ad-Attributed Orders", "ad-orders")])
def test_thirty_sixth_pass_vocabulary_and_scopes(cat, name, metric):
    """Viewable CPM and 每千成本, allocated opex, a net profit or loss, days of stock left, non-conformance, defective
    parts per million and quality acceptance (a bare acceptance rate may be an offer's), new opportunities (bare
    opportunities stay unread), orders booked, quota performance, a material price variance, days worked, presence
    (not a social media presence), 回笼率 (collected money's return), 付款转化率, a till's takings (收银), replies,
    涨粉人数, zh-TW Google Ads words (點按, 影片播放, 每個動作的成本, 工作階段), 留才率, an advertiser's (廣告主) figures
    and ad-attributed orders. Review mends: money paid out (对外付款) is no sales, new opportunities' conversion is
    the win rate, a net profit or loss margin the net margin and 影片播放完成率 the completion rate."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "behaviour"), [("Attitude Towards Work", True), ("Attitude to work", True),
                                                 ("Cooperation with Supervisors / Managers", True),
                                                 ("Cooperation with suppliers rate", False),
                                                 ("Communication with customers count", False),
                                                 ("Commitment to SLA %", False), ("Commitment to SLA pct", False),
                                                 ("Initiative for cost savings amount", False),
                                                 ("Hospitality Towards Guests", True), ("Hospitality revenue", False),
                                                 ("Creativity and Innovativeness", True), ("Small Talk", True),
                                                 ("Call Control", True), ("Friendly and Helpful", True),
                                                 ("本分", True), ("成本分", False), ("基本分", False),
                                                 ("B、專業照護品質", False), ("商品品質", False)])
def test_appraisal_rows_of_the_thirty_sixth_pass_are_behaviour_items(cat, name, behaviour):
    """A judged term followed by whom or what the conduct is towards is still judged (`Attitude towards work`),
    unless the name then measures something (a rate, a share, a count, a metric); hospitality, creativity, small
    talk, call control and being friendly and helpful are judged lines of hotel, club and call-quality forms. A word
    the catalogue says is no conduct covers a term inside it: a cost's score (成本分) and a base score (基本分) hold no 本分
    (one's duty), care and goods quality (照護品質, 商品品質) no personal 品质."""
    assert is_behaviour(cat, name) == behaviour


@pytest.mark.parametrize(("name", "metric"), [("Purchases", "orders"), ("Purchases: Total Count", "orders"),
                                              ("Units purchased", "units-sold"), ("Clicks: Click Rate %", "ctr"),
                                              ("Purchases: Purchase Rate %", "conversion-rate"),
                                              ("Buy Box: Winner Count 90 days", None), ("Note: Sales", None),
                                              ("Total RTOs", "returns"), ("RTO rate", "return-rate"),
                                              ("Watchers", "favourites"), ("comments", "engagements"),
                                              ("留言數", None), ("總追蹤者數", "followers"), ("粉絲專頁的讚", "followers"),
                                              ("按讚", "engagements"), ("各帳號發布次數", None),
                                              ("已發布總數", None), ("折扣後的金額", "net-sales"),
                                              ("Amount Invoiced", "gmv"), ("Quantity Invoiced", "units-sold"),
                                              ("Answer Time", "first-response-time"),
                                              ("Avg Handle", "average-handle-time"),
                                              ("one-touch rate", "first-contact-resolution"),
                                              ("API contacts handled", None),
                                              ("Callback contacts handled", "messages-handled"),
                                              ("Returns processed", "returns"), ("Sales processed per day", None),
                                              ("退货订单占比", "return-rate"), ("订单取消占比", "cancellation-rate"),
                                              ("New Customers Acquired During Campaign Period", "new-customers"),
                                              ("revenue summary", "gmv"), ("confirm rate", "confirmed-po-rate"),
                                              ("Refunds: Orders", None), ("Ad spend: Revenue", None),
                                              ("Traffic: Page Views", "page-views"),
                                              ("Purchases (units)", "units-sold"),
                                              ("Purchase orders placed", "inventory-purchased"),
                                              ("Refunds processed on time %", None)])
def test_thirty_seventh_pass_purchases_sections_and_vocabulary(cat, name, metric):
    """Purchases are orders, as Amazon's ad and search-query reports count them (units purchased stay units); a
    report's column under its funnel step reads as the column (`Clicks: Click Rate %`); returns to origin (RTO) are
    returns; eBay watchers are favourites; comments, likes (讚) and followers (追蹤者) are what social reports call
    them, a fan page's likes its followers; what is left after a discount and what is invoiced are sales; answer
    time, a handle, a one-touch rate, callback contacts, returns processed, a share of returned or cancelled orders,
    `during` a period, a summary and a confirm rate. Counted comments (留言數), posts per account and API contacts
    stay unread, and so do sales processed per day. Review mends: a column under a step that names another metric
    counts the step's own events or is a ratio's other side (`Refunds: Orders`, `Ad spend: Revenue`), unless it is
    the step's rate, its figure or one of its group (`Traffic: Page Views`); purchases in units are units sold, and
    purchase orders placed what was bought; refunds processed on time are no delivery."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "behaviour"), [("结果导向 追求极致", True), ("保持敬畏之心", True),
                                                 ("服务热情 解决问题", True), ("依规办事 公平公正", True),
                                                 ("可信賴程度", True), ("製程能力 (Cpk)", False),
                                                 ("结果导向绩效考核得分率", False), ("服务热情 解决问题", True),
                                                 ("解决问题数量", False)])
def test_appraisal_rows_of_the_thirty_seventh_pass_are_behaviour_items(cat, name, behaviour):
    """A company's values (results first, striving for the best, awe, warm service, following the rules, fairness,
    trustworthiness, solving problems) are judged lines; a process's capability (製程能力, Cpk) is measured, and so
    are a score rate and a count of problems solved."""
    assert is_behaviour(cat, name) == behaviour


@pytest.mark.parametrize(("name", "metric"), [("Revenue (6M)", "gmv"), ("Units (3m)", None),
                                              ("Google Ads Spend", "ad-spend"), ("Bing Ads CPC", "cpc"),
                                              ("GMV Max ROI", "roas"), ("GMV Max Spend", "ad-spend"),
                                              ("Top 10 Avg Rating", "review-rating"), ("Top Products", None),
                                              ("Products by Revenue", None), ("Revenue by product", "gmv"),
                                              ("Samples", "samples-sent"), ("Sample size", None),
                                              ("Cost per aquisition", "cost-per-order"),
                                              ("Landed unit cost (USD)", "landed-cost"),
                                              ("Position Vacancy Time", "time-to-hire"), ("DIFOT Rate", "otif"),
                                              ("Revenue per Sales Rep", "revenue-per-employee"),
                                              ("Gross Renewal Rate", "gross-revenue-retention"),
                                              ("综合ROI", "roas"), ("综合ROI目标", "roas"), ("当日揽收率", None),
                                              ("邀约成功数", "meetings-booked"), ("电话邀约数量", None),
                                              ("新客客单价", "aov"), ("成交客单价", "aov"),
                                              ("直播间观看次数", "live-viewers"), ("來訪次數", "sessions"),
                                              ("退款總數", "refunds"), ("查看數量", "page-views"),
                                              ("GMV/成交金额", "gmv"), ("访问次数/访客数", None),
                                              ("參觀次數/參觀者", None), ("观看次数/观看人数", None),
                                              ("销售额/成交额", "gmv"), ("订单量/订单数", "orders"),
                                              ("Month by month revenue", "gmv"), ("Stores with GMV over 1M", None),
                                              ("SEO score", None), ("Product SEO score", "listing-quality"),
                                              ("Site SEO score", None), ("视频查看次数", "video-views"),
                                              ("客户来访次数", "meetings-booked")])
def test_thirty_eighth_pass_windows_platforms_and_vocabulary(cat, name, metric):
    """A window in months written `12M` is a period like `12 months`; Google, Bing and
    TikTok's GMV Max are ad platforms (GMV Max's ROI is a return on ad spend); the top N of a list scope a figure,
    and things sorted by a metric (`Products by Revenue`) are no figure of it; samples are the samples sent, a landed unit cost the landed cost, a position's vacancy time the time to hire.
    A slash between two Chinese names of one metric divides them when only one counts people (visits per visitor,
    views per viewer), where two wordings of one figure, or a slash between languages, pair one metric's labels;
    `by` between periods ranks nothing, `1M` after `over` is a million, an SEO score is a listing's only when it says
    so, and a client's visits (客户来访) are meetings; phone invitations made (电话邀约数量) are no meetings booked, a pickup rate
    alone (当日揽收率) stays unread, and a target line reads as its metric (综合ROI目标)."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "behaviour"), [("Loyal", True), ("Loyal customers", False), ("Committed", True),
                                                 ("Committed spend", False), ("Committed qty", False),
                                                 ("Forecast committed", False), ("Loyal %", False),
                                                 ("Loyal rating", True), ("Determined cases", False),
                                                 ("Highly productive hours", False), ("Resilient", True),
                                                 ("Good Communicator", True), ("Responsible and Dependable", True),
                                                 ("Organised", True), ("Project management", True),
                                                 ("Project management cost", False), ("上級交辦事項", True),
                                                 ("上级交办事项完成率", False), ("不安全狀況", False),
                                                 ("安全意识", True)])
def test_appraisal_rows_of_the_thirty_eighth_pass_are_behaviour_items(cat, name, behaviour):
    """One-word traits of an appraisal form (loyal, committed, resilient, organised, a good communicator) are judged
    lines when they start the name and nothing but a score or another judged item follows (the same words describe
    quantities: committed qty, a forecast committed, loyal %, determined cases); project management too, unless a
    measure follows (a project management cost, a completion rate of assigned matters); an unsafe condition (不安全)
    holds no 安全 conduct term."""
    assert is_behaviour(cat, name) == behaviour


@pytest.mark.parametrize(("name", "metric"), [("整体ACOS(%)", "acos"), ("总ACOS", "tacos"), ("账号整体TACoS", "tacos"),
                                              ("账号GMV达成率", "gmv"), ("7天上网率", "late-shipment-rate"),
                                              ("单号上传及时率", "valid-tracking-rate"),
                                              ("咨询会话数", "messages-handled"), ("会话数", "sessions"),
                                              ("询单人数", "inquiries"), ("咨询人数", None),
                                              ("留職率", "employee-turnover"), ("流動比率", None),
                                              ("平均收款日數", "dso"), ("單筆均消", "aov"),
                                              ("每單平均商品數", "units-per-order"), ("結帳單量", "orders"),
                                              ("Months of stock", "days-of-supply"),
                                              ("Fbm Available Days", "days-of-supply"),
                                              ("Return Goods Rate", "return-rate"), ("广告单", "ad-orders"),
                                              ("URL clicks", "ad-clicks"), ("DISPATCH_IN_TIME", "late-shipment-rate"),
                                              ("Returns Value", "returns"), ("Refunded value", "refunds"),
                                              ("Cancelled value", "cancellations"), ("物流原因退款率", "refund-rate"),
                                              ("主营类目销量", "units-sold"), ("优惠券订单数", "orders"),
                                              ("avgSalesPrev30Days", "gmv"),
                                              ("Preventable Turnover", "employee-turnover"),
                                              ("Predict Gross Profit", "gross-profit"),
                                              ("Total nb of orders", "orders"),
                                              ("roas_halo", "roas"), ("halo_revenue", None),
                                              ("首次解决时间", "resolution-time"), ("客户会话超时率", "response-sla"),
                                              ("近7日非brand gmv", "gmv"), ("Median Order Value", "aov"),
                                              ("Order value", None), ("total_purchase_value", None),
                                              ("PO purchase value", "inventory-purchased"),
                                              ("周上架新品(SKU)", "new-listings"), ("頁面檢視持續時間", "time-on-site"),
                                              ("通話時間", None), ("累積顧客數", None)])
def test_thirty_ninth_pass_accounts_windows_and_vocabulary(cat, name, metric):
    """The whole account's ACoS (整体ACOS) is the ACoS, as `Overall ACoS` is, where a total ACoS (总ACOS) is the TACoS;
    an account (账号) scopes a figure as a store does; parcels online within N days (上网率) is the shipping time, not
    the valid tracking rate; customers' chat sessions are chats handled, people who inquired are inquiries and bare
    inquirers (咨询人数) stay unread; retention of staff (留職率) is turnover's complement, a current ratio (流動比率)
    is not; reasons (物流原因), coupons, main categories, `prev` periods, predictions, `nb of` counts, halo sales as
    advertising, and a median settling an order value. A purchase value is stock bought only beside a PO or
    a supplier (Meta's `total_purchase_value` is what ads sold)."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "behaviour"), [("工作态度-工作遵从度", True), ("抗压能力-遇事保持冷静", True),
                                                 ("学习能力-培训完成率", False), ("业务考核-链接操作失误", False),
                                                 ("MC1 – Leadership & People Development", True),
                                                 ("Client Focus", True), ("Autonomy", True), ("Work Ethics", True),
                                                 ("Follows Through", True), ("Planning", True),
                                                 ("Planning accuracy", False), ("Ethical & Professional", True),
                                                 ("Professional fees", False), ("Disciplinary", True),
                                                 ("Disciplinary cases", False), ("学习成长", True), ("基礎職能", True),
                                                 ("未经申请同意低价销售", True), ("服裝儀容符合規定", True),
                                                 ("文件规范符合率", False), ("Timely Resolution", True),
                                                 ("Timely resolution rate", False)])
def test_appraisal_rows_of_the_thirty_ninth_pass_are_behaviour_items(cat, name, behaviour):
    """An item under a judged category (`工作态度-…`, `抗压能力-…`) is judged too, unless the item measures something
    (a completion rate); a competency framework's row code (`MC1 –`) is no word of the row; client focus, autonomy,
    work ethics, following through, people development, learning and growth (学习成长) and a TW framework's tiers of
    competency (基礎職能) are judged lines, and so are one-word traits (planning, ethical, professional, disciplinary,
    timely resolution) when nothing measures them; acting without approval (未经申请) is a lapse, and complying with
    the rules (符合规定) a criterion, where a compliance rate (符合率) is measured."""
    assert is_behaviour(cat, name) == behaviour


@pytest.mark.parametrize(("name", "behaviour"), [("工作态度-迟到次数", False), ("执行力-任务按时完成率", False),
                                                 ("安全-事故率", False), ("Time management - Overtime hours", False),
                                                 ("Leadership - Direct reports retention", False),
                                                 ("Knowledge-base views", False), ("包装符合要求率", False),
                                                 ("符合要求的订单数", False), ("不符合规定件数", False),
                                                 ("工作态度-工作无差错", True), ("着装符合要求", True),
                                                 ("Communication - Keeps manager informed", True),
                                                 ("Teamwork - Supports colleagues", True),
                                                 ("工作态度-积极主动完成任务", True)])
def test_an_item_under_a_judged_category_is_judged_only_when_it_measures_nothing(cat, name, behaviour):
    """The thirty-ninth pass's review: an item under a judged category that counts, rates or names a metric's words
    or a defect is a figure (lateness counts, an on-time rate, overtime hours, a retention), unless it says the
    thing is absent (工作无差错); a hyphen inside an English word (`Knowledge-base`) parts no category; meeting a
    requirement is judged unless the name counts or rates what meets it (包装符合要求率, 符合要求的订单数)."""
    assert is_behaviour(cat, name) == behaviour


@pytest.mark.parametrize(("name", "metric"), [("退款原因", None), ("离职原因", None), ("退货原因", None),
                                              ("物流原因退款率", "refund-rate"), ("NB ACOS", "acos"),
                                              ("Available days", None), ("Stock available days", "days-of-supply"),
                                              ("Assisted conversion value", None)])
def test_reasons_non_brand_and_available_days_after_the_thirty_ninth_review(cat, name, metric):
    """A reason is a dimension, not the figure it explains (退款原因 lists why refunds happen), though it scopes a rate
    (物流原因退款率); `NB` before a metric is non-brand; available days are stock's only beside a stock word (on an HR
    form they are leave days), and `assisted` conversions are an analytics attribution, not advertising."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "behaviour"), [("工作态度与责任心、团队协作、学习能力、沟通能力", True),
                                                 ("Teamwork, communication, initiative and leadership", True),
                                                 (", ".join(["Teamwork", "communication", "initiative", "leadership",
                                                             "attitude", "punctuality", "reliability", "flexibility",
                                                             "customer focus", "integrity"]), False)])
def test_a_line_joins_a_bounded_number_of_judged_terms(cat, name, behaviour):
    """Each judged term joined to the one before reads the rest of the name again, so a hostile name repeating a
    term would cost its length squared; a line joining more terms than _MOST_TERMS is no scorecard row."""
    assert is_behaviour(cat, name) == behaviour


@pytest.mark.parametrize(("name", "metric"), [("Shipped on time?", None), ("Shipped on time", "late-shipment-rate"),
                                              ("GMV?", None), ("平均体积(cm³)", None), ("CM3", "contribution-margin"),
                                              ("Tickets by First Reply Time", None),
                                              ("First Reply Time by Ticket", "first-response-time"),
                                              ("Forecast Bias", None), ("Forecast accuracy", "forecast-accuracy"),
                                              ("Overdue AR", None), ("DSO", "dso"), ("流失客户", None),
                                              ("体积(㎤)", None), ("Overdue receivables", None), ("逾期应收", None),
                                              ("复购客户", "repeat-customers"), ("FBA运费", "fulfilment-fees"),
                                              ("FBA国际物流货运费", "logistics-cost"), ("海运费(RMB)", "logistics-cost"),
                                              ("已完成会话数", "messages-handled"), ("会话数", "sessions"),
                                              ("LQS", "listing-quality"), ("详情页浏览 (14d)", "page-views"),
                                              ("Dead Stock Ratio", "aged-inventory"), ("man-days", "hours-worked"),
                                              ("当日销售总件数", "units-sold"), ("已建联达人", "influencer-outreach"),
                                              ("曝光流量", "impressions"), ("发布作品", "videos-published"),
                                              ("表单提交数", "leads"), ("去年今月利润额", "net-profit"),
                                              ("人事成本率", "labor-cost-ratio"), ("人事成本", "labor-cost"),
                                              ("護理人員離職率", "employee-turnover"), ("專任教師人數", "headcount"),
                                              ("学生人数", None), ("签单量", "orders"), ("签单总金额", "bookings"),
                                              ("推广总花费", "ad-spend"), ("推广转化率", "conversion-rate"),
                                              ("商详UV", "sessions")])
def test_fortieth_pass_questions_exponents_rankings_and_vocabulary(cat, name, metric):
    """A name put as a question is a yes/no check on one case, not a figure; a unit's exponent (cm³) is no code (CM3
    is); tickets ranked by a reply time are a distribution, where a reply time split by ticket is the time; a
    forecast's bias and overdue receivables are not the accuracy or the days outstanding, nor churned customers
    (流失客户) a retention; FBA's freight is its fulfilment fee, sea freight logistics, completed chat sessions chats
    handled, LQS the listing quality; this month written 今月, staff roles (专任教师, 护理人员) and 推广 as the
    advertising field, with the vocabulary of seller tools and back offices (曝光流量, 发布作品, 表单提交数, 签单量)."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "behaviour"), [("流程掌握", True), ("资讯掌握", True), ("知识掌握率", False),
                                                 ("櫃檯應對", True), ("顧客服務", True), ("顧客服務評分", False),
                                                 ("團隊支援", True), ("清潔整理", True), ("健康状态", True),
                                                 ("正面能量及乐观度 (高期望)", True), ("上班出席率及准时度", True),
                                                 ("准时率", False), ("机密资料处理", True), ("投诉处理率", False),
                                                 ("团队及和谐气氛建立", True), ("Company Values Alignment", True),
                                                 ("Potential", True), ("Revenue Potential", False),
                                                 ("技术员用料比例 清洁（技术员IA领货金额/当月IA生意额）", False),
                                                 ("沟通能力(对内/对外)", True), ("领导能力(管理岗位)", True)])
def test_appraisal_rows_of_the_fortieth_pass_are_behaviour_items(cat, name, behaviour):
    """A restaurant's and a service company's appraisal rows: mastering a process (流程掌握), handling the counter
    (櫃檯應對), customer service, team support, cleaning up, health, positive energy, punctuality (准时度), handling
    confidential files and values alignment are judged, and `Potential` alone (a nine-box axis), where a rate of
    them, a score that is the customers' satisfaction and a revenue's potential are figures; a bracketed formula
    dividing a metric's words makes the name a quotient, where a bracket dividing two audiences (对内/对外) is a note."""
    assert is_behaviour(cat, name) == behaviour


@pytest.mark.parametrize(("name", "metric", "behaviour"), [
    # a bracket listing topics, even metrics' words, is a note on what a judged item covers; a formula divides amounts
    ("服务态度(投诉/表扬)", None, True), ("团队合作(培训/分享)", None, True), ("应变能力(退款/退货)", None, True),
    ("数据分析能力(销售/流量)", None, True), ("服务态度(客户评价/投诉)", None, True),
    ("技术员用料比例 清洁（技术员IA领货金额/当月IA生意额）", None, False),
    # a thing's health or punctuality is no person's conduct
    ("账户健康状态", None, False), ("店铺健康状态", None, False), ("库存健康状态", None, False),
    ("交货准时度", None, False), ("到货准时度", None, False), ("发货准时度", None, False), ("健康状态", None, True),
    ("上班准时度", None, True),
    # a staff role is the people field: a customer metric of teachers is not read
    ("教师流失率", None, False), ("教师满意度评分", None, False), ("专任教师人数", "headcount", False),
    ("教师离职率", "employee-turnover", False),
    # a judged term counted in people or cases, or a handled thing counted, is a tally
    ("顾客服务人数", None, False), ("团队支援人数", None, False), ("投诉应对数量", None, False),
    ("库存掌握数量", None, False), ("顾客服务评分", "csat", False), ("客诉应对", None, True),
    # a figure queried is still the figure; a yes/no check is not
    ("Return rate?", "return-rate", False), ("% shipped on time?", "late-shipment-rate", False),
    ("Avg. response time?", "response-time", False), ("今日订单数？", "orders", False),
    ("Shipped on time?", None, False), ("GMV?", None, False)])
def test_review_of_the_fortieth_pass(cat, name, metric, behaviour):
    """Mends after the fortieth pass: notes that list topics, things' health and punctuality, staff roles as the
    people field, judged terms counted, and figures put as a question."""
    assert metric_of(cat, name) == metric
    assert is_behaviour(cat, name) == behaviour


@pytest.mark.parametrize(("name", "metric"), [("7 Day Total Sales", "ad-sales"), ("Last 7 day sales", "gmv"),
                                              ("sales7d", "ad-sales"), ("Sales 60d", "gmv"), ("Revenue (30d)", "gmv"),
                                              ("purchases14d", "ad-orders"), ("14 Day Total Orders (#)", "ad-orders"),
                                              ("7 Day Advertised SKU Units (#)", "units-sold"),
                                              ("Total Advertising Cost of Sales (ACoS)", "acos"),
                                              ("Total Advertising Cost of Sales (TACOS)", "tacos"),
                                              ("Click-Thru Rate (CTR)", "ctr"),
                                              ("Initial Response Time", "first-response-time"),
                                              ("Average number of days to pay vendor bills (lifetime)", "ap-days"),
                                              ("Days to get customer invoices paid", "dso"),
                                              ("Total Lifetime Sales", "gmv"), ("All Trial Requests", "leads"),
                                              ("Sales accepted opportunities", None),
                                              ("Wastage Rate", "inventory-shrinkage"), ("子商品销售额", "gmv"),
                                              ("累計-POS銷售金額", "gmv"), ("去年同期銷售未稅金額", "gmv"),
                                              ("販售率%", "sell-through"), ("本週新增戶數", "new-customers"),
                                              ("当月拜访家数达成率", "meetings-booked"), ("累積顧客數", None),
                                              ("当月服务商拜访达成率", "meetings-booked"), ("毛利率参考", "gross-margin"),
                                              ("仓库操作费", "fulfilment-fees"), ("归因销售", "ad-sales"),
                                              ("计佣金额", "affiliate-gmv"), ("Daily Budget", "marketing-budget"),
                                              ("Budget", None), ("Watching count", "favourites"),
                                              ("销售额完成率%", "gmv"), ("订单量达成率(%)", "orders"),
                                              ("拜訪客戶完成率%", "meetings-booked"), ("销售额%", None),
                                              ("Ticket satisfaction stats", "csat"), ("工单满意度", "csat"),
                                              ("员工满意度", "employee-satisfaction"), ("video_gpm", "gpm")])
def test_forty_first_pass_ad_report_columns_and_vocabulary(cat, name, metric):
    """An Amazon ads report's columns name their attribution window (`7 Day Total Sales`, `sales7d`, `purchases14d`):
    they are the ad sales and orders, where a dashboard's window (`Last 7 day sales`, `Sales 60d`) dates the sales; a
    report's `Total Advertising Cost of Sales (ACoS)` is the acronym's total, not TACoS. `Thru`, initial replies,
    the days to get invoices paid or to pay bills, trial requests, wastage, a child product (子商品), POS sales,
    pre-tax (未税) amounts, 販售率, new accounts (新增户数), visits counted in firms (家数), a reference figure (参考),
    warehouse handling fees and commissionable amounts (计佣金额) are the seller tools' words. A percent after an
    attainment (`销售额完成率%`) is the attainment's, no share; a ticket's satisfaction is the customers'. A
    lifetime's sales are sales (the 43rd pass); a cumulative customer count, a sales-accepted opportunity and a bare
    `Budget` are not read, as the labels say."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "behaviour"), [("Ethics", True), ("Ethics violations", False),
                                                 ("特殊貢獻", True), ("重大缺失", True), ("重大缺失次数", False),
                                                 ("考勤扣分", True), ("出勤率", False)])
def test_appraisal_rows_of_the_forty_first_pass_are_behaviour_items(cat, name, behaviour):
    """Ethics, a special contribution, a major lapse and attendance deductions are judged rows of an appraisal; a count
    of the violations or lapses, and the attendance rate, are figures."""
    assert is_behaviour(cat, name) == behaviour


@pytest.mark.parametrize(("name", "metric", "behaviour"), [
    # a window written apart from the sales dates a store's figure; only the API's fused column is the ad report's
    ("Store Sales 7d", "gmv", False), ("FBA Sales 30d", "gmv", False), ("Purchases (30d)", "orders", False),
    ("Sales 7d growth", "sales-growth", False), ("Day Total Sales", "gmv", False),
    ("60 Day Total Sales", "gmv", False), ("Day Total Orders", "orders", False), ("sales7d", "ad-sales", False),
    # wasted spend is no stock written off; a daily budget's variance is the budget's
    ("Ad spend wastage", None, False), ("Wastage", None, False), ("Stock wastage", "inventory-shrinkage", False),
    ("Daily budget utilization %", "budget-variance", False), ("Daily budget variance", "budget-variance", False),
    # a service provider's figures are not the seller's
    ("服务商评分", None, False), ("服务商退款率", None, False), ("当月服务商拜访达成率", "meetings-booked", False),
    # a judged term's cases counted are a tally
    ("Ethics cases", None, False), ("Number of ethics cases", None, False), ("Teamwork cases", None, False),
    ("Ethics", None, True)])
def test_review_of_the_forty_first_pass(cat, name, metric, behaviour):
    """Mends after the forty-first pass: ad report windows only in the API's fused columns and the console's numbered
    ones, wastage of stock only, a daily budget's variance, a provider's figures, and judged terms' cases counted."""
    assert metric_of(cat, name) == metric
    assert is_behaviour(cat, name) == behaviour


@pytest.mark.parametrize(("name", "metric"), [("Days to Second Order", None), ("Hours to first order", None),
                                              ("Day to day orders", "orders"), ("Orders", "orders"),
                                              ("Days to Close (DTC)", "close-time"), ("Days to sell inventory",
                                                                                      "days-of-inventory")])
def test_a_span_of_time_to_a_count_is_the_time_until_it(cat, name, metric):
    """`Days to Second Order` measures how long until a customer's second order, not the orders; a time metric so
    worded (`Days to close`) is that time, and `Day to day` only dates the orders."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "metric"), [("Sales per country", "gmv"), ("Sales per channel", "gmv"),
                                              ("Turnover per customer type", "gmv"), ("Sales by country", "gmv"),
                                              ("Sales per product family", "gmv"), ("GMV per SKU", None),
                                              ("Sales per agent", None), ("Average Sales per Listing", None),
                                              ("Revenue per item", None), ("RPS (Revenue Per Search)", None),
                                              ("Sales per store", None),
                                              ("Revenue per visitor", "revenue-per-visitor")])
def test_per_a_breakdown_noun_splits_the_figure_and_per_anything_else_divides_it(cat, name, metric):
    """`per` before a market, a channel, a category or a customer type splits the figure like `by` (`Sales per
    country`); before a person, a listing, a SKU, a store or a search it is a quotient (a SKU's or a store's
    productivity), which the catalogue does not read unless it lists it (`Revenue per visitor`)."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "metric"), [("sales_7d", "ad-sales"), ("purchases_14d", "ad-orders"),
                                              ("sales_60d", "gmv"), ("Weekly sales pcs", "units-sold"),
                                              ("Sales qty", "units-sold"), ("Sales", "gmv"),
                                              ("SalesConvertionRate", "conversion-rate"),
                                              ("CancellationOrderRate", "cancellation-rate"),
                                              ("Order deficiency rate", "odr"), ("Average ticket size", "aov"),
                                              ("Punctual shipments rate", "late-shipment-rate"),
                                              ("Product Ranking", "bsr-rank"), ("Purchase rate ranking", None),
                                              ("Online Time", "hours-worked"), ("Average Weekly Hours", "hours-worked"),
                                              ("Inbound Calls Answered", "messages-handled"), ("Inbound Units", None),
                                              ("MTD vs Quota", "quota-attainment"), ("Quota", None),
                                              ("Your COGS ($)", "cogs"), ("Est. Profit Now", "net-profit"),
                                              ("brand_halo_product_sales", "ad-sales"),
                                              ("Reaction time", "response-time"), ("Reactions", "engagements"),
                                              ("Click cost", "ad-spend"), ("Cost", None),
                                              ("Total Purchased Amount by month", "inventory-purchased"),
                                              ("Family sale turnover (Excl. Tax) per month", "gmv"),
                                              ("Turnover excl. VAT", "gmv"), ("Turnover", None),
                                              ("加购客户数", "add-to-carts"), ("进店客户数", "sessions"),
                                              ("浏览流量", "page-views"), ("售前接待人数", "messages-handled"),
                                              ("综合毛利率", "gross-margin"), ("综合客单价", "aov"), ("综合评分", None),
                                              ("餐飲毛利率", "gross-margin"), ("餐飲費用率", "opex-ratio"),
                                              ("出貨箱數", "warehouse-throughput"), ("購物車新增", "add-to-carts"),
                                              ("每位訪客逗留時間 (秒)", "time-on-site"), ("總逗留秒數", "time-on-site"),
                                              ("回頭客戶", "repeat-customers")])
def test_forty_second_pass_vocabulary(cat, name, metric):
    """Words of final48's sources: an API column written with an underscore (`sales_7d`), sales counted in pieces
    or a quantity, a common misspelling (`Convertion`), a ticket's average size, punctual shipping, a product's
    rank, time online, weekly hours, inbound calls, a figure against quota, `your` and `now` in a seller tool, halo
    sales, reaction time, the cost of clicks, purchased amounts, turnover before tax, customers who add to cart or
    enter a shop, pre-sales (售前) and catering (餐饮) lines, an overall (综合) margin, cartons shipped and GA's zh-TW
    dwell time. A bare `Cost`, `Quota` or `Turnover` and an overall score (综合评分) stay unread."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "behaviour"), [("Attendance Points", True), ("Attendance rate", False)])
def test_attendance_points_are_judged(cat, name, behaviour):
    """Points kept for attendance are a discipline row of an appraisal; the attendance rate is a figure."""
    assert is_behaviour(cat, name) == behaviour


@pytest.mark.parametrize(("name", "metric"), [("sales_7d", "ad-sales"), ("purchases_14d", "ad-orders"),
                                              ("Sales_30d (USD)", "ad-sales"), ("attributed_sales_7d", "ad-sales"),
                                              ("fba_sales_30d", "gmv"), ("total_sales_7d", "gmv"),
                                              ("amazon_sales_30d", "gmv"), ("organic_sales_30d", "gmv"),
                                              ("net_sales_30d", "net-sales"), ("ad_sales_7d", "ad-sales"),
                                              ("new_to_brand_purchases_14d", "new-to-brand"), ("sales_60d", "gmv")])
def test_an_underscored_api_column_starts_its_field(cat, name, metric):
    """`sales_7d` is the Ads API's column, but a snake_case field that names whose sales before it
    (`fba_sales_30d`, `total_sales_7d`, `organic_sales_30d`) is a seller tool's own column dated by a window:
    the store's sales, net sales or ad sales it names, never the ad report's total."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "metric"), [("Sales per department store", None), ("Revenue per brand SKU", None),
                                              ("Sales per category listing", None),
                                              ("Orders per platform store", None), ("Sales per category page", None),
                                              ("Sales per team member", None), ("Sales per country", "gmv"),
                                              ("Sales per country per month", "gmv"),
                                              ("Sales per channel (USD)", "gmv"),
                                              ("Sales per brand and category", "gmv"),
                                              ("Turnover per customer type excl. tax", "gmv")])
def test_per_a_breakdown_noun_only_splits_when_the_noun_ends_the_phrase(cat, name, metric):
    """A breakdown noun that only modifies the next noun (`department store`, `brand SKU`, `category listing`)
    leaves that noun the divisor: a store's, a SKU's or a listing's productivity; a period, a unit, a tax basis, a
    second `per` or a second breakdown noun after it still splits the figure."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "metric"), [("MTD vs Quota", "quota-attainment"), ("% to quota", "quota-attainment"),
                                              ("Revenue to quota", "quota-attainment"),
                                              ("GMV vs quota", "quota-attainment"),
                                              ("Bookings against quota", "quota-attainment"),
                                              ("Pipeline vs quota", "pipeline-coverage"),
                                              ("Pipeline to quota", "pipeline-coverage"),
                                              ("Calls made vs quota", None), ("Leads vs quota", None),
                                              ("Headcount vs quota", None),
                                              ("Days to quota", None), ("Time to quota", None)])
def test_a_figure_against_quota_is_the_attainment_only_for_sales(cat, name, metric):
    """Sales, revenue or bookings against quota, or a period's figure (`MTD vs Quota`), is the quota attainment;
    pipeline against quota is its coverage, calls or leads against quota an activity target, and days to quota
    the ramp time: none of them the attainment."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "metric"), [("Click cost", "ad-spend"), ("Total click cost", "ad-spend"),
                                              ("Average click cost", "cpc"), ("Avg. click cost", "cpc"),
                                              ("Impression cost", "ad-spend"), ("Average impression cost", "cpm"),
                                              ("点击成本", "cpc"), ("Product ranking", "bsr-rank"),
                                              ("Product ranking in category", "bsr-rank"),
                                              ("Organic product ranking", "keyword-rank"),
                                              ("Product ranking in search", "keyword-rank")])
def test_the_average_of_a_click_cost_and_a_product_ranking_in_search(cat, name, metric):
    """The cost of clicks is the spend, its average the cost per click (as 平均点击成本 is); a product's ranking is
    its best-seller rank, but its organic ranking or its ranking in search is the keyword rank."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "metric"), [("Ad ROAS", "roas"), ("T-ACOS", "tacos"), ("TOTAL_A2C", "add-to-carts"),
                                              ("A2C_RATE", "add-to-cart-rate"), ("Budget Consumed", "ad-spend"),
                                              ("TOTAL_BUDGET_BURNT", "ad-spend"), ("Budget", None),
                                              ("Agent Chat Duration", "average-handle-time"),
                                              ("Accepted Chargeback Rate", "dispute-rate"),
                                              ("Slow-Moving SKU %", "aged-inventory"),
                                              ("Top 5 Slow-Moving SKUs", None),
                                              ("Bin Level Accuracy", "inventory-accuracy"), ("nb hired", "new-hires"),
                                              ("Net Contribution", "contribution-margin"), ("Unified ROAS", "roas"),
                                              ("gmv_lcy", "gmv"), ("大促2C利润", "net-profit"), ("2C", None),
                                              ("推广通消耗", "ad-spend"), ("推广通点击单价", "cpc"),
                                              ("核销金额(原价)", "gmv"), ("核销人数", None), ("退款损失", "refunds"),
                                              ("本月出库成本", "cogs"), ("进直播人数", "live-viewers"),
                                              ("最高在线人数", None), ("最高 ROAS", None),
                                              ("转发人次", "engagements"), ("订单实付(元)", "gmv"),
                                              ("商户浏览量(次)", "page-views"),
                                              ("地區人均產值", "revenue-per-employee"),
                                              ("當前會話數", None), ("目前服務人數", None),
                                              ("Lead Time Adherence", "supplier-on-time-delivery"),
                                              ("Lifetime Average Customer Review Rating", "review-rating"),
                                              ("Lifetime impressions", "impressions"),
                                              ("Customer lifetime value", "customer-ltv"),
                                              ("Original ROAS", None), ("Original Order Quantity", None)])
def test_forty_third_pass_vocabulary(cat, name, metric):
    """Walmart Connect's and a Flipkart audit's columns (ad ROAS, total ROAS and ACoS, A2C, a budget consumed or
    burnt, unified figures, a local-currency GMV), chat duration, accepted chargebacks, slow-moving SKUs' share, bin
    accuracy, `nb hired`, net contribution, a big sale's to-consumer profit, Meituan's 推广通 spend and CPC, redeemed
    (核销) amounts, refund losses, the cost of goods out of stock (出库成本), live-room entries, shares (转发人次),
    the amount actually paid, a merchant's page views, a region's output per head, lead-time adherence and a
    lifetime's rating. A bare budget, a list of slow movers, a peak (最高) of anything, redeemed customers, a
    current (当前, 目前) count and an original quantity stay unread, as their labels say."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "metric"), [("管理费用占收入比例", "opex-ratio"), ("销售费用占收入比例", "opex-ratio"),
                                              ("Salaries as % of income", "labor-cost-ratio"), ("收入", None),
                                              ("合计收入", None), ("管理费用收入", None), ("收入占管理费用比例", None)])
def test_an_ambiguous_whole_of_a_share_is_settled_by_its_part(cat, name, metric):
    """`收入` is sales or income, so it stays unread alone; as the whole of an expense's share it is the revenue, as
    it already was as the part (`Salaries as % of income`). Two amounts side by side, or the share turned round,
    name no ratio of the catalogue."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "metric"), [("運費佔營收比率（%）", "logistics-cost-ratio"),
                                              ("运费占营收比率(%)", "logistics-cost-ratio"),
                                              ("人事成本佔營收比例", "labor-cost-ratio"), ("運費佔營收", None)])
def test_a_share_written_with_the_traditional_zhan_is_a_share(cat, name, metric):
    """佔 is the Traditional 占: a Taiwanese `運費佔營收比率` is the same share as the Simplified one. Without a share
    word after the whole it is no ratio."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "metric"), [("碳排強度（kg/營收萬元）", None), ("營收（萬元）", "gmv"),
                                              ("Time-based recurring revenue (ARR/MRR)", "arr"),
                                              ("交易（Transaction / Purchase）", "orders")])
def test_a_unit_per_a_figure_in_brackets_does_not_name_the_label(cat, name, metric):
    """A bracket giving a unit per a figure (`kg/營收萬元`, kilograms per 10,000 of revenue) says what an unread
    label is measured in, not that the label is the revenue; a bracket of two names apart with a slash, or a bare
    unit, still glosses it."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "metric"), [("Avg Daily Revenue During Promotion", "gmv"),
                                              ("# of Units Sold During Promotion", "units-sold"),
                                              ("Revenue during Prime Day", "gmv"),
                                              ("Stock-Out Rate during high-demand periods", "in-stock-rate"),
                                              ("Fired during the period", None), ("Sessions during sale event", None),
                                              ("Revenue promotion", None)])
def test_what_follows_during_says_when(cat, name, metric):
    """`During` a promotion or Prime Day dates the figure; what follows it is not a word of the metric. Before
    `during` there must be a metric, and after it none (a sale event holds `sale`, so the name stays two
    figures); without `during`, a promotion is still an unknown word."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "behaviour"), [("Greeting & Branding", True), ("Branding", False),
                                                 ("Reassurance & Issue Confirmation", True),
                                                 ("Issue resolution rate", False),
                                                 ("Emotional Regulation & De-escalation", True),
                                                 ("score_wearing_uniform", True), ("Uniform", False)])
def test_a_call_centre_qa_scorecard_judges_its_lines(cat, name, behaviour):
    """A healthcare call centre's QA form judges the greeting with the company's name, reassurance, confirming the
    issue, emotional regulation and de-escalation, and a store form the uniform worn; branding alone, a resolution
    rate and a bare uniform are not conduct lines."""
    assert is_behaviour(cat, name) == behaviour


@pytest.mark.parametrize(("name", "metric"), [("成交金额/人数", None), ("销售额/人数", None), ("利润/人数", None),
                                              ("管理费用/收入", "opex-ratio"), ("Ad spend / OPS", "tacos"),
                                              ("Revenue / headcount", "revenue-per-employee")])
def test_a_bare_head_count_under_an_amount_is_not_settled_as_staff(cat, name, metric):
    """The part settles an ambiguous whole only as the whole of a rate (an expense over 收入 or OPS): a bare 人数
    under an amount may count buyers as well as staff (`成交金额/人数` is a buyer's spend), where a headcount said
    outright is the staff."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "metric"), [("Sales during promotion vs last year", None),
                                              ("Sales during promotion vs baseline", None),
                                              ("Orders during promotion YoY", None),
                                              ("Conversion rate during promotion vs normal", None),
                                              ("Sales during Prime Day", "gmv"),
                                              ("Average handle time during peak hours", "average-handle-time")])
def test_what_follows_during_compares_nothing(cat, name, metric):
    """A comparison or a growth after `during` (`vs last year`, `YoY`, `vs baseline`) makes the name a comparison of
    the figure, not the figure dated; an event or a span alone still only dates it."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "metric"), [("Lifetime revenue per user", None),
                                              ("Lifetime revenue per customer", None), ("Average lifetime spend", None),
                                              ("Average lifetime orders", None),
                                              ("Lifetime ad spend", "ad-spend"), ("Lifetime AOV", "aov"),
                                              ("Lifetime Average Customer Review Rating", "review-rating"),
                                              ("Average lifetime value", "customer-ltv")])
def test_a_customers_lifetime_is_no_period(cat, name, metric):
    """A per-customer figure over a lifetime, or an average over lifetimes, is the customer's lifetime (a lifetime
    value), not a store's lifetime: unread, where a lifetime of a store's or an account's figure only dates it."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "metric"), [("视频观看人次", None), ("笔记观看人次", None), ("直播观看人次", "live-viewers"),
                                              ("进直播人次", "live-viewers"), ("Pick location accuracy", None),
                                              ("Bin location accuracy", "inventory-accuracy"),
                                              ("Bin Level Accuracy", "inventory-accuracy")])
def test_views_and_locations_said_without_their_object(cat, name, metric):
    """观看人次 is said of videos and notes as well as of a live room, and a location's accuracy of a pick or a
    delivery as well as of a bin: only the live room's views and the bin's accuracy are read."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "metric"), [("Budget consumed (training)", None), ("Budget spent (HR)", None),
                                              ("Budget consumed", "ad-spend"), ("Ad spend (advertising)", "ad-spend"),
                                              ("Revenue (finance)", "gmv")])
def test_a_note_naming_another_field_is_whose_budget(cat, name, metric):
    """A budget consumed or spent is the ads' only by default: a bracket naming another business field (training,
    HR) says whose budget it is, as `Training budget consumed` does; a note on a figure of no paid-only group keeps
    it."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "metric"), [("Total Bid Increases", "bid-adjustments"),
                                              ("Bids Decreased", "bid-adjustments"), ("orders_n", "orders"),
                                              ("refund_gmv_ratio", "refund-rate"),
                                              ("net_profit_target_aed", "net-profit"),
                                              ("Total Profit - All Accounts", "net-profit"),
                                              ("Receiving Efficiency (items/hr)", "warehouse-productivity"),
                                              ("Put-Away Time (min)", "dock-to-stock-time"),
                                              ("Employee Engagement Index Score", "employee-satisfaction"),
                                              ("毛一利润率", "gross-margin"), ("毛四利润率", "contribution-margin"),
                                              ("成团订单数", "orders"), ("拼多多打品成功率", "new-product-success"),
                                              ("平均在岗时间", "hours-worked"), ("人均日工时", "hours-worked"),
                                              ("售后关闭率", "resolution-rate"),
                                              ("配送损耗率", "damage-rate"), ("月份受訂目標達成率", "bookings"),
                                              ("取消訂單", "cancellations"), ("sfp_oversize_otd", "on-time-delivery"),
                                              ("期刊论文（篇数）", None), ("综合评分", None), ("采購滿足率", None),
                                              ("Orders Rev", None), ("n", None)])
def test_forty_fourth_pass_vocabulary(cat, name, metric):
    """An ads tool's bid increases and decreases, a data export's `_n` counts, refund GMV and its ratio, a UAE
    target in dirhams, totals over all accounts, receiving and put-away times and rates, an engagement index, the
    毛一…毛四 profit levels of Chinese sellers' P&Ls, Pinduoduo's grouped (成团) orders, 打品 success, time on post
    (在岗), after-sales closure, delivery losses, Taiwanese orders received (受訂), cancelled orders and Seller
    Fulfilled Prime's tiers. A paper count (篇数), a composite (综合) score, a purchase's fill and an unexplained
    `Rev` stay unread, and a bare `n` is no count of anything."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "metric"), [("客訴件數", "complaints"), ("退货数据-件数", "returns"),
                                              ("客诉人数", None), ("商品点击人数", None), ("新客订单数", None),
                                              ("订单周转率", None)])
def test_a_measure_word_count_restates_the_count_before_it(cat, name, metric):
    """件数 (a measure word and a count ending) after a count metric counts that metric's cases: 客訴件數 are the
    complaints. A head naming people or orders counts another population (商品点击人数 are not clicks, 新客订单数 not
    new customers), and a turnover is no count at all."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "metric"), [("Discipline : Attendance Rate", "attendance-rate"),
                                              ("Customer Focus: CSAT", "csat"), ("Discipline : MC Case", None),
                                              ("Sales Rank: Drops last 90 days", None),
                                              ("IARR: Incremental Annual Recurring Revenue", None)])
def test_a_scorecard_category_heads_its_figures(cat, name, metric):
    """A scorecard's category before a colon (Discipline, Customer Focus: behaviour terms) heads the figures judged
    under it, so the figure after the colon is read alone; a section that is no category keeps its words, and an
    item that is no figure stays the category's."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "metric"), [("A款链接数（日销1000元+）", None), ("客户数（订单数≥2）", None),
                                              ("链接数（个）", "active-listings"), ("A款链接数", "active-listings"),
                                              ("GMV（万元+）", "gmv")])
def test_a_bar_in_a_counts_gloss_counts_what_clears_it(cat, name, metric):
    """A count glossed with a bar (`日销1000元+`, `≥2`) counts what clears it (listings selling 1,000 yuan a day
    are best sellers), not the metric's count; a gloss giving the unit keeps it, and an amount's unit with a `+` is
    no bar."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "behaviour"), [("部门协同", True), ("跨部门协同效率", True), ("公正性", True),
                                                 ("團隊建立", True), ("信任授權", True), ("Integrity and Trust - Rating", True),
                                                 ("销售执行", False), ("部署的授權", False)])
def test_forty_fourth_pass_conduct_terms(cat, name, behaviour):
    """Cooperation across departments, fairness, team building and trust are conduct a manager judges; a sales
    execution or a deployment's authorisation are not."""
    assert is_behaviour(cat, name) == behaviour


@pytest.mark.parametrize(("name", "metric"), [("违规件数", "policy-violations"), ("订单件数", None), ("訂單件數", None),
                                              ("订单数据-件数", None)])
def test_the_pieces_of_a_population_are_not_its_cases(cat, name, metric):
    """件数 after a count of cases restates it (违规件数 are the violations), but after a population a composite
    divides by (orders, in units per order) 件 is the piece of goods: 订单件数 are the units ordered, not orders."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "metric"), [("纪律：出勤率", "attendance-rate"), ("纪律：违规次数", None),
                                              ("Discipline : Violations", None), ("协作：响应时效", None),
                                              ("协同：响应时效", None)])
def test_a_conduct_category_lends_no_verdict_on_the_shop(cat, name, metric):
    """Under a conduct category the violations counted are the person's breaches, not the marketplace's verdicts on
    the account; a category and field that together are one conduct term (协作响应时效) stay the conduct."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "metric"), [("orders_n", "orders"), ("aov_n", None), ("cpc_n", None),
                                              ("AOV count", None)])
def test_a_count_of_an_average_counts_its_parts(cat, name, metric):
    """A count word on an average (`aov_n`, `AOV count`) counts what it is averaged over, not the average; on a
    count it restates it."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "metric"), [("打品成功率", "new-product-success"), ("打款成功率", None),
                                              ("Bid reductions", "bid-adjustments"), ("降价次数", None),
                                              ("入库上架时间", "dock-to-stock-time"), ("商品上架时长", None),
                                              ("对账完成时间", "close-time"), ("平台对账周期", None),
                                              ("上线款数", "new-listings"), ("主播上线数", None)])
def test_forty_fourth_pass_words_of_two_trades(cat, name, metric):
    """打款 is paying money out, not launching a product; 降价 is mostly a product's price cut, not a bid's; 上架 is
    also listing a product (商品上架时长 is how long it has been listed); an account reconciliation cycle with a
    platform is its settlement period, not the books' close; 上线数 alone counts anchors or agents online as well
    as listings: only their specific forms read."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "behaviour"), [("信任授權", True), ("Building trust", True), ("Trust", True),
                                                 ("客户信任度", False), ("Customer trust score", False)])
def test_a_customers_trust_is_no_conduct(cat, name, behaviour):
    """Trust a manager shows or builds is conduct; a customer's or a brand's trust is what a survey measures."""
    assert is_behaviour(cat, name) == behaviour


@pytest.mark.parametrize(("name", "metric"), [("totalRevenueAmount", "gmv"), ("Orders amount", None),
                                              ("國外月總業績", "gmv"), ("季均客单价达标率", "aov"),
                                              ("Hourly Click Volume", "ad-clicks"), ("歸因營收", "ad-sales"),
                                              ("归因毛利", None), ("活躍客戶", "active-customers"),
                                              ("總取消數", "cancellations"), ("运营支出占比", "opex-ratio"),
                                              ("renewal conversion rate", "customer-retention"),
                                              ("Returned Orders", "returns"), ("Chat Count", "messages-handled"),
                                              ("新客户开发目标达成率", "new-customers"),
                                              ("Days supply by location", "days-of-supply"),
                                              ("预计日花费", None), ("Save(儲存)", None)])
def test_forty_fifth_pass_vocabulary(cat, name, metric):
    """API fields that end in `Amount` (an amount's word on an amount; a count so written is a value), overseas (国外)
    sales, a quarterly average, hourly clicks, attributed (归因) revenue as the ads' (as `Attributed sales`), active
    customers, cancelled counts, an operating-spend share, renewal conversion, returned orders, chats, developing new
    customers and days of supply. A forecast (预计) is no figure yet and a save is an engagement, as labelled."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "behaviour"), [("主观能动性", True), ("行动力", True), ("成长进步", True),
                                                 ("创新突破", True), ("工作复盘", True), ("增长进步", False),
                                                 ("复盘次数", False)])
def test_forty_fifth_pass_conduct_terms(cat, name, behaviour):
    """Initiative (主观能动性), drive to act, growth as a person, breakthroughs and reviewing one's work are judged by
    a manager; a growth figure and a count of reviews are not."""
    assert is_behaviour(cat, name) == behaviour


@pytest.mark.parametrize(("name", "metric"), [("Gross profit amount", "gross-profit"), ("Gross margin amount", None),
                                              ("Aged inventory amount", None), ("A-to-z claim amount", None),
                                              ("归因ROAS", "roas")])
def test_an_amount_is_no_rate(cat, name, metric):
    """`Amount`, like `Amt`, scopes an amount but names no rate: a margin's amount is the profit, an aged or claimed
    amount no ratio of them. Attributed (归因) ROAS is still the ads' return."""
    assert metric_of(cat, name) == metric


@pytest.mark.parametrize(("name", "behaviour"), [("信息同步及时性", True), ("ERP信息同步", False), ("库存信息同步", False)])
def test_a_systems_sync_is_no_conduct(cat, name, behaviour):
    """Keeping others informed (信息同步) is judged; an ERP's or a stock feed's sync is a system's."""
    assert is_behaviour(cat, name) == behaviour
