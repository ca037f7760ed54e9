"""The bilingual metric catalogue, and how a KPI name is read against it.

Catalogue 1.1 (a document with a `recognition` section) says what a name *denotes* (rules-v1, "Core ruleset
1.1"): a metric only when the name is a synonym of it plus at most scope qualifiers (market, platform, period,
currency, total, person/team, attainment words, fillers). A name that combines the metric with another quantity
(a ratio, a share, a growth, a variance, a second metric, unknown words) or a word that contradicts it (unpaid
traffic on an advertising metric, a word of another business field) is not that metric, and an ambiguous
synonym (`turnover`, `CR`) counts only when the name settles it. Names are folded (NFKC, case, Traditional to
Simplified Chinese, British spellings, English plurals), cut into units (a Latin word, a CJK character, a symbol
the word lists use) and segmented into known words by dynamic programming over dictionary lookups, so the cost is
the name's length, never the catalogue's size; readings are cached per distinct name.

Catalogue 1.0 (metrics only) keeps its own matcher, a synonym found anywhere in the name, so `core@1.0.0`
reports stay reproducible.
"""
from __future__ import annotations

import json
import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, NamedTuple

import opencc

if TYPE_CHECKING:
    from engine.suggest import Suggester

KINDS = ("result", "process", "input")
FOCI = ("growth", "profit", "efficiency", "customer", "capability")
QUALIFIER_CATEGORIES = ("market", "platform", "object", "subject", "period", "statistic", "unit", "total", "scope",
                        "basis", "count", "amount", "filler", "domestic", "organic")
MARKER_KINDS = ("ratio", "divider", "share", "growth", "variance", "index", "connector", "preposition", "defect")
_BLOCKING = {"ratio", "share", "variance", "index", "defect"}  # markers that make a name another quantity than the metric it names
# Groups whose metrics exist only for paid traffic: an `organic` qualifier (`Organic clicks`, 自然点击量) names the
# unpaid counterpart, which is not the advertising metric; and the group's own field word (`PPC`, 广告) adds nothing
# to one (`PPC Sponsored Products Sales`), where a people word before a people metric may change it (`Training hours`).
_PAID_GROUPS = frozenset({"advertising"})
# A marketplace's verdicts on the shop (violations, defect rates): under a conduct category (`Discipline :
# Violations`, `纪律：违规次数`) the figure is the person's breaches, not the account's, so the category does not
# lend the field its reading.
_VERDICT_GROUPS = frozenset({"account-health"})
_SCOPE_CATEGORIES = frozenset({"market", "platform", "domestic"})  # where a figure is counted
# Dividers a label pair is written with (`转化率/Conversion rate`, `CVR:Conversion Rate`); any other between two
# synonyms of a metric divides two steps of its funnel (`Lead → MQL`, `Lead-to-Opportunity`).
_LABEL_PAIRS = frozenset({"/", ":"})
# Unit words that make a figure a percentage: a percentage of a metric that is not itself a rate (`Impression %`,
# `Sales %`) is a share of something, not the metric.
_PERCENT = frozenset({"%", "‰", "pct", "percent", "percentage", "百分比"})

WHY = {
    "synonym": {"en": "the name is a synonym of the metric", "zh": "名称即该指标的同义词"},
    "synonym+qualifiers": {"en": "a synonym of the metric plus scope words (market, platform, period, target…)",
                           "zh": "该指标的同义词加范围限定词（站点、平台、周期、目标等）"},
    "synonyms": {"en": "several synonyms of the same metric (e.g. a bilingual label)",
                 "zh": "同一指标的多个同义词（如中英双语名称）"},
    "context": {"en": "an ambiguous synonym that other words in the name settle",
                "zh": "有歧义的同义词，由名称中的其他词确定含义"},
    "growth-link": {"en": "the growth of a metric whose growth the catalogue has as its own metric",
                    "zh": "某指标的增长，指标库中有对应的增长类指标"},
    "quotient": {"en": "two metrics divided, the composite the catalogue defines as that quotient "
                       "(销量/订单量, Returns as % of orders)",
                 "zh": "两个指标相除，即指标库定义为该商的复合指标（如 销量/订单量、退货数占订单数比例）"},
    "ratio": {"en": "a ratio of the metric to another quantity, not the metric itself",
              "zh": "该指标与其他量的比值，不是该指标本身"},
    "share": {"en": "a share (part of a whole), not the metric itself", "zh": "占比（部分占整体），不是该指标本身"},
    "growth": {"en": "a growth of the metric, and the catalogue has no such growth metric",
               "zh": "该指标的增长，指标库中没有对应的增长类指标"},
    "variance": {"en": "a variance or deviation of the metric, not the metric itself",
                 "zh": "该指标的差异或偏差，不是该指标本身"},
    "index": {"en": "an index derived from the metric (成交金额指数), not the metric itself",
              "zh": "由该指标换算的指数（如成交金额指数），不是该指标本身"},
    "defect": {"en": "an error or failure count of the metric, not the metric itself",
               "zh": "该指标的差错或失败情况，不是该指标本身"},
    "count": {"en": "a count of what the rate measures (Employee exit count), not the rate itself",
              "zh": "该比率所计之事的数量（如 Employee exit count），不是比率本身"},
    "combination": {"en": "the name combines different metrics", "zh": "名称组合了不同的指标"},
    "task": {"en": "keeping a cost or a count in check (销售费用控制), a task scored by judgement, not the figure itself",
             "zh": "控制某项费用或数量（如 销售费用控制），是凭判断打分的工作，不是该数值本身"},
    "tier": {"en": "a tier or level of a count (Order Level, Seller Level), not the count itself",
             "zh": "某项数量的等级或层级（如 Order Level、Seller Level），不是该数量本身"},
    "until": {"en": "the time until what the metric counts happens (Days to Second Order), not the count",
              "zh": "距该指标所计之事发生的时间（如 Days to Second Order），不是该数量本身"},
    "amount": {"en": "an amount (Order Amt), not the count the metric is", "zh": "金额（如 Order Amt），不是该指标所计的数量"},
    "dimension": {"en": "a metric word naming a kind of channel, team or region (Sales channel, 销售团队): the name is "
                        "that dimension, not a figure",
                  "zh": "指标词用来说明渠道、团队或区域的类别（如 Sales channel、销售团队）：名称指的是该维度，不是数值"},
    "contradiction": {"en": "a word in the name contradicts the metric: unpaid traffic for an advertising metric "
                            "(Organic clicks), or another business field (培训满意度评分 is not customer satisfaction)",
                      "zh": "名称中的词与该指标矛盾：广告指标前的自然流量（如 Organic clicks），或其他业务领域的词"
                            "（培训满意度评分不是客户满意度）"},
    "extra-words": {"en": "a synonym plus words that are not scope qualifiers", "zh": "同义词之外还有非限定性的词"},
    "head": {"en": "the rate ends the name; the words before it only narrow it (咨询转化率, Seller response rate)",
             "zh": "名称以该比率类指标结尾，前面的词只是限定范围（如咨询转化率）"},
    "gloss": {"en": "a bracketed label names the metric (商品总价值 (GMV)), or glosses it",
              "zh": "括号中的名称即该指标（如 商品总价值（GMV）），或是对它的说明"},
    "ambiguous": {"en": "an ambiguous synonym that nothing in the name settles",
                  "zh": "有歧义的同义词，名称中没有可确定含义的词"},
    "question": {"en": "a yes/no question about one case (Shipped on time?), a check, not a figure",
                 "zh": "针对单个事项的是/否问题（如 Shipped on time?），是核对项，不是数值"},
    "behaviour-term": {"en": "no metric; a conduct, attitude or competency item scored by judgement",
                       "zh": "不是指标；是凭主观评价打分的行为、态度或能力项"},
    "unrecognised": {"en": "no catalogue synonym in the name", "zh": "名称中没有指标库中的同义词"},
    "substring": {"en": "a synonym found in the name (catalogue 1.0 matching)",
                  "zh": "名称中含有该指标的同义词（指标库 1.0 匹配方式）"},
}

_PUNCT = re.compile(r"[\W_]+", re.UNICODE)
_CJK_CLASS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_UNIT = re.compile(rf"([{_CJK_CLASS}])|([^\W_{_CJK_CLASS}]+)|(\S)")
CJK_RUN = re.compile(rf"[{_CJK_CLASS}]+")   # also how engine/suggest.py tells Chinese from Latin words
_APOSTROPHES = str.maketrans("", "", "'\u2019")
# Where a field name written in camelCase (`conversionRate14d`, `LateShipment`, `salesSameSKU`) joins its words: a
# run of at least three lower-case letters, then a capitalised word, an acronym or a number. Shorter runs are most
# often brand spellings (TikTok, YouTube, ACoS, eBay) and stay whole where they start the name, except the short
# joining words of field names (`unitOnTime`, `NewToBrand`, `salesPerOrder`; LinkedIn stays whole); an acronym's
# time window splits off (`ROAS14d`), other numbers stay (CM1, GA4); a number between words of three letters or more
# is a word (`avg30SalesRank`, `For90Days`; `Ga4Sessions` stays whole). After a lower-case letter, a capitalised word
# of three letters splits from the next capitalised word (`buyBoxWinRate`, `TotalYouTubeViews`), so a brand inside a
# chain splits too: the catalogue spells the brands it knows both ways (`tik tok`, `you tube`, `ali express`). A
# letter with a number splits from a lower-case run before it (`gmvL30D`).
_CAMEL = re.compile(r"(?<=[a-z]{3})(?=[A-Z][a-z]{2}|[A-Z]{2}|[A-Z]?\d)|"
                    r"(?<=[a-z]{2})(?<!Linked)(?=(?:On|To|Of|By|In|Per)[A-Z])|"
                    r"(?<=[a-z]{2}(?:On|To|Of|By|In))(?<!LinkedIn)(?=[A-Z])|(?<=[a-z]{2}Per)(?=[A-Z])|"
                    r"(?<=[A-Z]{2})(?=\d+(?:d|days?|h|hrs?|w|wks?|weeks?|mos?|months?|y|yrs?)\b)|"
                    r"(?<=[A-Z][a-z]{2})(?=\d)|(?<=[a-z][A-Z][a-z]{2})(?=[A-Z][a-z]{2})|(?<=\d)(?=[A-Z][a-z]{2})")
_CODE = re.compile(r"[(（]\s*([A-Za-z]{1,4})\s*[)）]")
# A fiscal or calendar period written onto its year (`FY2025 Hires`, `Revenue FY24`, `Q1FY25 Sales`, `2025Q1 GMV`):
# the period words and the year come apart, as `FY 2025` and `2025 Q1` already read.
_FUSED_PERIOD = re.compile(r"\b(?:(Q[1-4]|H[12])\s*)?(FY|CY)'?(\d{4}|\d{2})\b|\b(\d{4})(Q[1-4]|H[12])\b", re.IGNORECASE)
# A unit note (`GMV总值（单位：分）`, `客单价（单位：元/件）`, `订单总量（笔）`): which unit a figure is kept in, never what it
# measures. Only units: a growth or a percent in the note still counts (`销售额（单位：%，同比）`), and 单位 as a word of
# the name (单位成本) makes a ratio. A bracket of a currency or a time unit alone (`销售额（人民币）`) is read as the
# unit qualifier it is; the units of _COUNTED_IN are no qualifier (人 after 访客数 counts people, 分 is a cent or a
# point), so their bracket goes.
_COUNTED_IN = "分|角|人次|人|笔|单"
_UNIT_WORD = (rf"(?:[万千百亿]?(?:元|美元|美金|人民币|{_COUNTED_IN})|个|件|次|天|小时|分钟|秒|万|千|百万|亿|"
              r"[A-Z]{3}|[$¥€£])")
_UNIT_NOTE = re.compile(rf"[(（]\s*(?:单位\s*[:：]?\s*{_UNIT_WORD}(?:\s*/\s*{_UNIT_WORD})?|{_COUNTED_IN})\s*[)）]")
# A glossary's `ACoS = Advertising Cost of Sales`; not a comparison (`订单数>=2的客户`, `Spend => ROAS`).
_EQUALS = re.compile(r"(?<![<>!=])=(?![=>])")
_LATIN = re.compile("[A-Za-z]")
# A Chinese name that counts people (访客, 参观者, 观看人数, 粉丝数): against a count of visits or views of one metric
# it divides (_Recogniser._divides).
_PEOPLE = re.compile(r"(?:客|客户|者|人|用户|买家|观众|粉丝|会员)(?:数|量|数量)?$")
# The catalogue's connectors that begin no word of a KPI name: 及 and 并 begin 及时 and 并发, so they are not here.
_JOINING = "与和"
_ACRONYM = re.compile(r"^\s*[A-Za-z]{2,5}\s*$")
_BRACKETS = re.compile(r"[(（\[【]([^()（）\[\]【】]*)[)）\]】]")
# `Rate of absenteeism`, `Ratio of returns`: an English rate named before its object; read again as `absenteeism rate`
# when the name as written names nothing (so a synonym spelt this way, `Rate of return`, keeps its own reading).
_RATE_OF = re.compile(r"^\s*(rate|ratio|percentage)\s+of\s+(?!.*\b(?:to|vs|versus|over)\b)(.+?)\s*$", re.IGNORECASE)
# A report's breakdown (`Average Response Time By User`, `Turnover by Supervisor`, 按性别划分，每名员工的培训时数,
# 按店铺的销售额): the metric split along a dimension is still that metric, when the dimension names no metric
# itself (`Top Products by Revenue` is a ranking, not revenue); written 按X的 only when X is a word the catalogue
# splits by (按时交付的订单数 counts deliveries on time). The dimension's words are separated by spaces or
# hyphens, so a run of letters splits one way only (a hostile name cannot make the match backtrack).
_DIMENSION = r"(?P<dimension>[^\W\d_]+(?:[\s-]+[^\W\d_]+){0,3})[\s-]*$"
_BREAKDOWN = re.compile(rf"^\s*(?P<metric>.+?)\s+by\s+{_DIMENSION}|"
                        r"^\s*按(?P<dimension_zh>[^，,。]{1,20}?)(?:划分|分类|区分|分)[的，,、\s]*(?P<metric_zh>.+)$|"
                        r"^\s*按(?P<split_zh>[^，,。的]{1,8})的(?P<split_metric_zh>.+)$",
                        re.IGNORECASE)
# A rate split along a dimension (`Conversion Rate per Tag`, `CTR per keyword`, `Return rate per channel`): a rate
# divided again by a count of things would mean nothing, so the `per` names the split, when every word of the
# dimension is one the catalogue splits by (_SPLITS: what is sold, where, on which channel, which team). An amount per
# something (`Sales per SKU`), a rate per person (`Retention rate per mentor`: whose retention?) and a rate per unit
# (`CTR per hour`, `Complaint rate per thousand passengers`) stay quotients. Any figure per one of the catalogue's
# `breakdowns` (`Sales per country`) is split earlier, while the name is read (_Recogniser._breaks_down).
_RATE_PER = re.compile(rf"^\s*(?P<metric>.+?)\s+per\s+{_DIMENSION}", re.IGNORECASE)
# A figure during an event or a span (`Avg Daily Revenue During Promotion`, `Sales during Prime Day`): what follows
# `during` says when the figure is counted, not what is counted, unless it names a metric itself.
_DURING = re.compile(r"^\s*(?P<metric>.+?)\s+during\s+(?P<when>.+)$", re.IGNORECASE)
_SPLITS = frozenset({"object", "platform", "market", "scope"})
_RANKED = frozenset(("qualifier", split) for split in (*_SPLITS, "subject"))   # what a `by` ranks: products, tickets…
# A formula given in brackets, each side bracketed (`毛利率(%)(營業毛利)/(營業收入)`): one gloss, the quotient. A side of
# one character is a unit (`(元)/(件)`), not a quantity.
_BRACKETED_QUOTIENT = re.compile(r"[(（]([^()（）]{2,})[)）]\s*([/÷])\s*[(（]([^()（）]{2,})[)）]")
# A money threshold (`Orders Over €10 Cancellation Rate`, `orders above $50`) picks which orders count, never what is
# measured, and its `over` divides nothing: it goes.
_MONEY_MARK = r"(?:[A-Z]{1,2})?[$€£¥₹]|RM|Rs\.?"
_AMOUNT = r"\d[\d,.]*\s*(?:[kmb]n?\b|[kmb](?![a-z]))?"
_THRESHOLD_WORDS = ("over", "above", "under", "below", "more than", "less than", "at least")
_THRESHOLD = re.compile(rf"\b(?:{'|'.join(_THRESHOLD_WORDS)})\s*"
                        rf"(?:(?:{_MONEY_MARK})\s*{_AMOUNT}|"
                        rf"{_AMOUNT}\s*(?:[$€£¥₹]|(?:usd|eur|gbp|rmb|cny|jpy|hkd|sgd|myr|twd|cad|aud|inr)\b))",
                        re.IGNORECASE)
# A bar in a gloss (`链接数（日销1000元+）`, `(≥3 orders)`): the count is of what clears it, not the metric's count.
_GLOSS_BAR = re.compile(r"\d[^\d\s()（）]{0,3}\s*(?:\+|及?以上)|[≥>]=?\s*\d")
# A window of time (`violations over past 90 days`, `over the last 12 months`): its `over` divides nothing.
_OVER_WINDOW = re.compile(r"\bover\s+(?=(?:the\s+)?(?:past|last|previous|prior|trailing|rolling)\b)", re.IGNORECASE)
# An Amazon Ads API column fuses its measure and attribution window (`sales7d`, `purchases14d`, `sales_7d`).
_AD_API_COLUMN = re.compile(r"(?<![A-Za-z])(sales|purchases)(_?)(1|7|14|30)d\b", re.IGNORECASE)


def _ad_api_column(match: re.Match[str]) -> str:
    """The console's name of a fused API column (`sales7d` is `7 Day Total Sales`, `purchases14d` `14 Day Total
    Orders`), which the catalogue lists under the ad sales and orders: fused, the window says the column is the ad
    report's, where written apart (`Sales 30d`, `FBA Sales 30d`) it only dates a store's figure. Written with an
    underscore it is the API's column only when it starts the field: a snake_case field that names whose sales
    before it (`fba_sales_30d`, `total_sales_7d`, `organic_sales_30d`, `ad_sales_7d`) is a seller tool's own
    column, its window a date range, and stays as written."""
    if match.group(2) and match.string[match.start() - 1:match.start()] == "_":
        return match.group()
    return f"{match.group(3)} Day Total {'Sales' if match.group(1).lower() == 'sales' else 'Orders'}"


# Two quantities divided (`销量/订单量`, `Ad spend ÷ Sales`, `Orders per session`) or set against each other
# (`Overheads vs Revenue`): the composite the catalogue defines as that quotient (a metric's `ratio_of`), when each
# side reads as a metric by itself. Tried only on a name read as nothing: `Revenue vs. plan` is an attainment.
_QUOTIENT = re.compile(r"^(?P<numerator>[^/÷]+?)\s*(?:/|÷|\bper\b|\bvs\b\.?|\bversus\b)\s*(?P<denominator>[^/÷]+)$",
                       re.IGNORECASE)
# The same quotient written as a share (`Returns as % of orders`, `Orders to sessions ratio`, 退货数占订单数比例),
# a percent unit after it or not, 占 written Traditional or not (運費佔營收比率). The `to … ratio` form is tried at its
# first and its last `to` (`Add to cart to session ratio`).
_PERCENT_TAIL = r"(?:\s*[(（]?\s*%\s*[)）]?)?"
_SHARE_OF = re.compile(r"^(?P<numerator>.+?)\s+(?:as\s+(?:an?\s+)?)?(?:%|percent|percentage|pct|share|proportion)\s+"
                       rf"of\s+(?P<denominator>.+?){_PERCENT_TAIL}$|"
                       rf"^(?P<numerator_zh>[^占佔]+)[占佔](?P<denominator_zh>[^占佔]+?)的?"
                       rf"(?:比例|比重|百分比|比率|比值|[占佔]比|比){_PERCENT_TAIL}$",
                       re.IGNORECASE)
_TO_RATIO = re.compile(rf"^(?P<sides>.+?)\s+ratio{_PERCENT_TAIL}$", re.IGNORECASE)
# How many times a name read as nothing is read again in another shape, one inside the other (`Rate of returns by
# market`): two; the bound keeps the cost of a hostile name (`Rate of Rate of …`) linear in its length.
_RETRIES = 2
# A report export's column under its section (`转化数据（计费时间）-转化成本（计费时间）`, `展现数据-平均点击单价`): the
# section (… 数据 or 資料, a bracketed note or not, then a dash) names what the report is about. When the whole name
# reads as nothing, it is read again without the section's metric words (转化, 展现), which name the report, not the
# column; its other words stay (`广告数据-转化率` is still not the store's conversion rate, `竞品数据-销售额` not ours).
# The section starts with a non-space and has one run of spaces before the bracket and one before the dash, so a
# hostile name is scanned in linear time.
_SECTION_FIELD = re.compile(r"(?P<section>[^-–—\s][^-–—]*?(?:数据|數據|资料|資料))\s*(?:[(（][^()（）]*[)）]\s*)?"
                            r"[-–—]+\s*(?P<field>[^-–—]+)$")
# A report's column under its funnel step, written `step: column` (Amazon's Search Query Performance: `Clicks: Click
# Rate %`, `Purchases: Total Count`): read as the section above, when the column is the step's own figure
# (_Recogniser._column_of); `Refunds: Orders` and `Ad spend: Revenue` are not.
_COLON_FIELD = re.compile(r"(?P<section>[^:：]+?)\s*[:：]\s*(?P<field>[^:：]+)$")
# The divider that may end a name, its other side unsaid (`仓储费比`); `:` and `/` end form labels (`Sales:`).
_UNSAID_RATIO = "比"
_SPAN_ROLES = frozenset({("qualifier", "period"), ("qualifier", "unit")})   # `Days`, `Hours` opening `Days to …`
# A lifetime dates a store's or an account's figure (`Total Lifetime Sales`), but a per-customer figure over it, or an
# average taken over lifetimes (`Average lifetime spend`), is the customer's lifetime: a lifetime value, no period.
_LIFETIME = "lifetime"
_HOURLY = frozenset({"hour", "hours", "hr", "hrs", "小时"})   # a count per one of these is a work rate (`Orders/Hour`)
# An arrow drawn with dashes (`加购->支付`, `-->`, `—>`) is the arrow it draws: a funnel step, a divider. `=>` is not
# one: a glossary writes `Spend => ROAS` for what spend buys.
_ARROW = re.compile(r"[-—]+>")
# A row's number or code before its name: `一、`, `(二)`, `a) `, and a competency framework's `MC1 – `, `TCM1 - `.
_NUMBERING = re.compile(r"^\s*(?:[(（]?[一二三四五六七八九十]+[)）、.．]|[A-Za-z][.)）]\s|[A-Za-z]{1,4}\d{1,2}\s+[-–—]\s)")
# What parts a scorecard's category from the item judged under it (`工作态度-工作完成度`, `抗压能力-遇事保持冷静`).
# A hyphen inside a Latin word (`Knowledge-base`, `Skills-based`) joins the word and parts nothing.
_CATEGORY_MARK = re.compile(r"[–—:]|(?<![A-Za-z])-|-(?![A-Za-z])")
# What makes the last word of a name a tally: a count, a unit, an amount or a share (`不符合要求批次`, `Overtime hours`).
_TALLY_ROLES = frozenset({("qualifier", "count"), ("qualifier", "unit"), ("qualifier", "amount"),
                          ("qualifier", "share"), ("marker", "share")})
# How many judged terms one line may join (`工作态度与责任心`, `Teamwork, communication and initiative`): each joined
# term reads the rest of the name again, so a hostile name repeating a term hundreds of times would cost its length
# squared. A line joining more is no scorecard row.
_MOST_TERMS = 8
# A unit's exponent (`体积(cm³)`, `Profit per m²`, `体积(㎤)`) folds to a digit under NFKC and would spell a code
# (`CM3`): it goes, and a squared or cubed unit written as one sign is its unit.
_EXPONENTS = str.maketrans({"²": " ", "³": " ", "㎠": "cm ", "㎤": "cm ", "㎡": "m ", "㎥": "m "})
# A name put as a question (`Shipped on time?`, `Had processing time?`) is a yes/no check on one case, no figure
# unless it says it is one (_Recogniser._figure: `Return rate?`); a form's conduct question (`Coping with work
# pressure?`) is still judged.
_QUESTION = ("?", "？")
# A bracket dividing two things (`（技术员IA领货金额/当月IA生意额）`, `(对内/对外)`): a formula when every side is a
# quantity and its words name a metric (_Recogniser._formula).
_DIVIDED = re.compile(r"[(（]([^()（）]*[/÷][^()（）]*)[)）]")
_DIVIDING = re.compile(r"[/÷]")
# What ends an amount (`领货金额`, `生意额`): with a count, a rate, a unit or a share, a side of a formula.
_AMOUNT_ENDINGS = frozenset({"额"})
# Qualifiers that make a name a figure over many cases (`Avg.`, `Total`, `#`), which no yes/no question is.
_FIGURE_QUALIFIERS = frozenset({"statistic", "count", "total"})


class _TooManyTerms(Exception):
    """A name joins more judged terms than a scorecard line does (_MOST_TERMS): it is read as no judged line."""


def _periods_apart(match: re.Match[str]) -> str:
    """The words of a fused period (`Q1FY25`, `2025Q1`), a space between each."""
    return " ".join(part for part in match.groups() if part)


def _quotient_parts(text: str) -> list[tuple[str, str]]:
    """The ways a name may divide two quantities (numerator, denominator), however it writes the division: a few
    at most, so reading each pair keeps the cost of a name linear in its length."""
    parts = []
    quotient = _QUOTIENT.match(text)
    if quotient:
        parts.append((quotient["numerator"], quotient["denominator"]))
    share = _SHARE_OF.match(text)
    if share:
        suffix = "" if share["numerator"] else "_zh"
        parts.append((share["numerator" + suffix], share["denominator" + suffix]))
    to_ratio = _TO_RATIO.match(text)
    if to_ratio:
        sides = to_ratio["sides"]
        lowered = sides.lower()
        first, last = lowered.find(" to "), lowered.rfind(" to ")
        parts += [(sides[:at], sides[at + 4:]) for at in dict.fromkeys((first, last)) if at > 0]
    return parts


def normalise(name: str) -> str:
    """Canonical form of a metric name: NFKC, case-folded, without spaces or punctuation."""
    return _PUNCT.sub("", unicodedata.normalize("NFKC", name).casefold())


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


# Cyrillic letters drawn like Latin ones, as names copied from Russian-language seller tools carry them (`РРС
# сonversion` is `PPC conversion`): read as Latin in a word that has Latin letters too, or is made of nothing else.
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_LOOKALIKES = str.maketrans("АВЕКМНОРСТХІЈЅаеорсухіјѕ", "ABEKMHOPCTXIJSaeopcyxijs")
_LOOKALIKE_WORD = re.compile(rf"[^\W\d_{_CJK_CLASS}]+")


def _latin_lookalikes(word: re.Match) -> str:
    """A word with its lookalike letters made Latin, when it is a Latin word (a Russian word stays itself)."""
    text = word.group()
    latin = text.translate(_LOOKALIKES)
    return latin if latin.isascii() or _LATIN.search(text) else text


def _ends_with(key: tuple[str, ...], endings: Iterable[tuple[str, ...]]) -> bool:
    """The words of a name end in one of `endings` and hold more than it (`退款率`, not a bare `率`)."""
    return any(key[-len(e):] == e for e in endings if len(key) > len(e))


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """NFKC (full width to half width), case-folded, Traditional Chinese to Simplified, Cyrillic lookalikes Latin,
    an ASCII arrow (`加购->支付`) the arrow it draws."""
    text = _ARROW.sub("→", unicodedata.normalize("NFKC", text))
    if _CYRILLIC.search(text):
        text = _LOOKALIKE_WORD.sub(_latin_lookalikes, text)
    return _t2s().convert(text.casefold())


@dataclass(frozen=True)
class CatalogueMetric:
    id: str
    en: str
    zh: str
    kind: str
    focus: str
    synonyms: tuple[str, ...]
    drives: tuple[str, ...] = ()
    domestic: bool = False
    note: str | None = None
    group: str | None = None
    ambiguous: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    growth_of: tuple[str, ...] = ()
    ratio_of: tuple[str, ...] = ()   # a composite: (numerator, denominator) metric ids

    @classmethod
    def from_record(cls, record: dict) -> "CatalogueMetric":
        return cls(id=record["id"], en=record["en"], zh=record["zh"], kind=record["kind"], focus=record["focus"],
                   synonyms=tuple(record.get("synonyms") or ()), drives=tuple(record.get("drives") or ()),
                   domestic=bool(record.get("domestic", False)), note=record.get("note"), group=record.get("group"),
                   ambiguous=tuple(record.get("ambiguous") or ()), context=tuple(record.get("context") or ()),
                   growth_of=tuple(record.get("growth_of") or ()), ratio_of=tuple(record.get("ratio_of") or ()))

    def name(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class ReadingDetail:
    """The words behind a reading, folded as they were compared (Simplified, lower case)."""

    synonyms: tuple[str, ...] = ()                  # catalogue synonyms found in the name
    qualifiers: tuple[tuple[str, str], ...] = ()    # (category, word): scope words, `attainment` words
    markers: tuple[tuple[str, str], ...] = ()       # (kind, word): ratio, divider, share, growth, variance
    context: tuple[str, ...] = ()                   # words that settled an ambiguous synonym
    leftover: tuple[str, ...] = ()                  # words the catalogue does not know
    candidates: tuple[str, ...] = ()                # metric ids in play when the name was not recognised


@dataclass(frozen=True)
class Reading:
    """What a KPI name denotes: a catalogue metric or none, why (a WHY code), and what else the name says."""

    metric: CatalogueMetric | None
    why: str
    behaviour: str | None = None     # behaviour term found; only when no metric is denoted
    domestic: str | None = None      # domestic-China channel word found (直通车, 淘宝…)
    attainment: bool = False         # measured against its target (完成率, % of target)
    detail: ReadingDetail = ReadingDetail()

    @property
    def unread(self) -> bool:
        """Read as nothing: neither a metric nor a behaviour item (the names the closest metrics are for)."""
        return self.metric is None and self.behaviour is None


class _Entry(NamedTuple):
    """One known word: the metrics it is a synonym of, or its role, and the metrics it settles toward (a tuple:
    a catalogue has some 12,000 of them to build per load)."""

    metrics: frozenset[str] = frozenset()
    ambiguous: bool = False
    role: tuple[str, str] | None = None   # ("qualifier", category) | ("attainment", "") | ("marker", kind)
    #                                       | ("field", group)
    context: frozenset[str] = frozenset()


_NUMBER = _Entry(role=("qualifier", "filler"))
# A number with a unit of time (`14d`, `24h`, `12M`, `30days`, `3 mos` written together) is an attribution or reporting
# window, or a response threshold (`30s应答率`): a period qualifier, whatever the number. A bare `s` needs two
# digits, so `5S` (the workplace method) and `4S店` stay words.
_DURATION = re.compile(r"\d{2,}s|\d+(?:secs?|seconds?|mins?|minutes?|d|days?|h|hrs?|hours?|w|wks?|weeks?|m|mos?|months?"
                       r"|y|yrs?|years?)")
_WINDOW = _Entry(role=("qualifier", "period"))
# After a threshold word a number and `m` is an amount, a million (`Stores with GMV over 1M`), not months.
_MILLION_AFTER = frozenset(words.split()[-1] for words in _THRESHOLD_WORDS)
# Chinese numerals read as numbers like 3 (新進員工三個月留任率); not `str.isnumeric`, which also takes 参 and 万.
_CJK_DIGITS = frozenset("〇零一二两三四五六七八九十")
# The possessive particle: `关键岗位人员的流失率` says `关键岗位人员流失率`, so it is no unit of a name (目的 is a word).
_PARTICLE = "的"
# Between covers of a name equal in unknown units and pieces, the one naming one metric, then two, then none.
_SINGLE_FIRST = (2, 0, 1)


class _Words:
    """Folding and cutting text into units: Latin words (spelling and plural folded), CJK characters, symbols."""

    def __init__(self, spellings: dict[str, str], symbols: Iterable[str]):
        self.spellings = spellings
        self.symbols = frozenset(symbols)
        self.keys = lru_cache(maxsize=None)(self._keys)

    def shown(self, text: str) -> list[str]:
        """Units as written (folded), symbols the word lists do not use dropped as separators, and the particle
        的 after a Chinese character dropped (it never narrows a measure)."""
        units: list[str] = []
        for cjk, word, symbol in _UNIT.findall(fold(_CAMEL.sub(" ", text)).translate(_APOSTROPHES)):
            if cjk == _PARTICLE and units and CJK_RUN.match(units[-1]) and units[-1] != "目":
                continue
            if cjk or word:
                units.append(cjk or word)
            elif symbol in self.symbols:
                units.append(symbol)
        return units

    def key(self, unit: str) -> str:
        """The form a unit is compared in: British spelling and English plurals folded (a word the spellings
        list is taken as given, so `roas` is not the plural of `roa`)."""
        if unit in self.spellings:
            return self.spellings[unit]
        if len(unit) >= 5 and unit.endswith("ies") and unit.isalpha():
            return unit[:-3] + "y"
        if len(unit) >= 4 and unit.endswith("s") and not unit.endswith(("ss", "us", "is")) and unit.isalpha():
            return unit[:-1]
        return unit

    def keyed(self, units: Iterable[str]) -> tuple[str, ...]:
        """Units as compared, each by `key`."""
        return tuple(self.key(u) for u in units)

    def _keys(self, text: str) -> tuple[str, ...]:
        """A word list's entry as compared (cached: catalogues and overrides repeat them)."""
        return self.keyed(self.shown(text))


def _scoped(reading: Reading, qualifiers: tuple[tuple[str, str], ...]) -> Reading:
    """A reading found again without some words of the name, those words kept as its qualifiers."""
    return replace(reading, why="synonym+qualifiers" if reading.why == "synonym" else reading.why,
                   detail=replace(reading.detail, qualifiers=reading.detail.qualifiers + qualifiers))


def _side(reading: Reading) -> str | None:
    """The metric one side of a quotient names: its reading's, or the one candidate of an ambiguous synonym, which
    the other side settles (`Salaries as % of revenue`, `管理费用占收入比例`)."""
    if reading.metric:
        return reading.metric.id
    return reading.detail.candidates[0] if reading.why == "ambiguous" and len(reading.detail.candidates) == 1 else None


def _percent(qualifiers: Iterable[tuple[str, str]]) -> bool:
    """A unit that makes a figure a percentage (a share, unless the metric is a rate)."""
    return any(category == "unit" and word in _PERCENT for category, word in qualifiers)


def _labels(text: str) -> tuple[str, list[str], bool] | None:
    """A name's label and glosses: its bracketed parts, a glossary's `ACoS = Advertising Cost of Sales`, or an
    English label run into a Chinese one (`Spend花費`); the last item says the label is one word the Chinese
    follows straight on (`UV成本`), where the Chinese may say what is measured of it rather than translate it; set
    apart by a space it is a bilingual label's translation more often (`OTD 及时交付率`)."""
    text = _BRACKETED_QUOTIENT.sub(r"(\1\2\3)", text)
    if _BRACKETS.search(text):
        return _BRACKETS.sub(" ", text), _BRACKETS.findall(text), False
    sides = _EQUALS.split(text)
    if len(sides) == 2 and all(side.strip() for side in sides):
        return sides[0], [sides[1]], False
    first = CJK_RUN.search(text)   # an English label, then Chinese with no Latin letter (a scan, not a regex that
    #                                 backtracks over a long Latin name)
    if first and _LATIN.search(text, 0, first.start()) and not _LATIN.search(text, first.start()) \
            and text[first.start()] not in _JOINING:   # `SLA 与时效性` joins two things, glosses none
        label = text[:first.start()]
        return label.strip(), [text[first.start():]], label[-1:].isalnum() and len(label.split()) == 1
    return None


def _join(units: Iterable[str]) -> str:
    """Units back to text: CJK characters run together, other units are spaced."""
    out = ""
    for unit in units:
        out += ("" if not out or CJK_RUN.match(out[-1]) or CJK_RUN.match(unit) else " ") + unit
    return out


class _Recogniser:
    """Catalogue 1.1 reading: segment a name into known words, then decide what it denotes."""

    def __init__(self, metrics: dict[str, CatalogueMetric], sections: dict):
        recognition = sections["recognition"]
        lists = {("qualifier", cat): words for cat, words in (recognition.get("qualifiers") or {}).items()}
        lists[("attainment", "")] = recognition.get("attainment") or []
        lists.update({("marker", kind): words for kind, words in (recognition.get("markers") or {}).items()})
        lists.update({("field", group): words for group, words in (recognition.get("fields") or {}).items()})
        symbols = {fold(w) for words in lists.values() for w in words if len(fold(w)) == 1 and not fold(w).isalnum()}
        self.words = _Words({fold(k): fold(v) for k, v in (recognition.get("spellings") or {}).items()}, symbols)
        self.metrics = metrics
        self.claims: dict[tuple[str, ...], set[str]] = {}   # folded synonym -> ids of the metrics listing it
        spelled: dict[str, list[str]] = {}
        for metric in metrics.values():
            for synonym in (metric.en, metric.zh, *metric.synonyms):
                key = self.words.keys(synonym)
                self.claims.setdefault(key, set()).add(metric.id)
                spelled.setdefault(metric.id, []).append("".join(key))
        self.spelled = {i: "\n".join(texts) for i, texts in spelled.items()}   # every way a metric is written
        self.endings: dict[tuple[str, ...], list[int]] = {}   # ending -> the variant groups it belongs to
        self.variants = [tuple(self.words.keys(w) for w in group) for group in recognition.get("variants") or []]
        for number, group in enumerate(self.variants):
            for ending in group:
                self.endings.setdefault(ending, []).append(number)
        self.longest_ending = max(map(len, self.endings), default=0)
        self.rates = self._rates(metrics, recognition)
        self.rate_endings = [self.words.keys(w) for w in recognition.get("rate_endings") or []]
        self.count_endings = [self.words.keys(w) for w in recognition.get("count_endings") or []]
        self.entries = self._entries(metrics, lists)
        self.longest = max(map(len, self.entries), default=1)
        self.growth_link = {m: g.id for g in metrics.values() for m in g.growth_of}
        self.composites = {m.ratio_of: m.id for m in metrics.values() if m.ratio_of}
        # what a composite divides by (units per order, orders per visitor): a population, whose 件数 are the
        # pieces it holds or buys (`订单件数` are units sold), not its cases
        self.populations = frozenset(m.ratio_of[-1] for m in metrics.values() if m.ratio_of)
        behaviour = sections.get("behaviour") or {}
        self.traits = frozenset(behaviour.get("traits", []))
        self.behaviour_en = {tuple(self.words.spellings.get(u, u) for u in self.words.shown(t)): t
                             for t in [*behaviour.get("en", []), *self.traits]}
        self.behaviour_en_longest = max(map(len, self.behaviour_en), default=1)
        self.behaviour_zh = tuple(fold(t) for t in behaviour.get("zh", []))
        self.suffixes = tuple(fold(t) for t in behaviour.get("suffixes", []))
        self.not_behaviour = tuple(fold(t) for t in behaviour.get("not", []))
        self.behaviour_endings = {self.words.keys(w) for w in behaviour.get("endings", [])}
        self.criteria = tuple(fold(t) for t in behaviour.get("criteria", []))
        self.lapses = tuple(fold(t) for t in behaviour.get("lapses", []))
        self.conformance = tuple(fold(t) for t in behaviour.get("conformance", []))
        self.absence = tuple(fold(t) for t in behaviour.get("absence", []))
        self.behaviour_objects = frozenset(fold(t) for t in behaviour.get("objects", []))
        self.generic_heads = {self.words.keys(w) for w in recognition.get("generic_heads") or []}
        self.bare_measures = {self.words.keys(w) for w in recognition.get("bare_measures") or []}
        self.dimension_heads = {self.words.keys(w) for w in recognition.get("dimension_heads") or []}
        self.breakdowns = {self.words.keys(w) for w in recognition.get("breakdowns") or []}
        self.task_endings = {self.words.keys(w) for w in recognition.get("task_endings") or []}
        self.tier_endings = {self.words.keys(w) for w in recognition.get("tier_endings") or []}
        cost_words = [fold(w) for w in recognition.get("cost_words") or []]
        self.costs = frozenset(m.id for m in metrics.values()
                               if any(w in fold(m.en) or w in fold(m.zh) for w in cost_words))
        count_endings = tuple(fold(w) for w in recognition.get("count_endings") or [])
        self.measured_endings = count_endings + tuple(fold(w) for w in recognition.get("rate_endings") or [])
        self.counts = frozenset(m.id for m in metrics.values() if count_endings and fold(m.zh).endswith(count_endings))
        statistic = (recognition.get("qualifiers") or {}).get("statistic") or []
        inner = sorted((w for w in statistic if CJK_RUN.fullmatch(w)), key=len, reverse=True)
        between = f"(?<=[{_CJK_CLASS}])(?:{'|'.join(map(re.escape, inner))})(?=[{_CJK_CLASS}])"
        self.inner_statistic = re.compile(between) if inner else None   # 平均 inside a synonym's words

    def _rates(self, metrics: dict[str, CatalogueMetric], recognition: dict) -> frozenset[str]:
        """Metrics measured as a rate: their English or Chinese name ends in a rate word (the interchangeable
        endings of `率` and `%`, or a share word: 转化率, Conversion rate, 广告花费占比), or the catalogue lists
        them under `rate_metrics` (ACoS, 客户满意度). Synonyms do not decide it: a rate listed under a count
        (`Follower growth rate`) or a count under a rate (`Employee exit count`) would otherwise change the
        metric's measure for every name that reads it."""
        endings = {e for group in self.variants if ("%",) in group or ("率",) in group for e in group}
        endings |= {self.words.keys(w) for w in (recognition.get("markers") or {}).get("share", [])}
        declared = set(recognition.get("rate_metrics") or ())
        return frozenset(m.id for m in metrics.values() if m.id in declared
                         or any(key[-size:] in endings for s in (m.en, m.zh)
                                for key in [self.words.keys(s)] for size in (1, 2) if len(key) >= size))

    def _entries(self, metrics: dict[str, CatalogueMetric], lists: dict) -> dict[tuple[str, ...], _Entry]:
        """Every known word: synonyms (ambiguous when marked so or listed by two metrics), else its role."""
        claims = self.claims
        marked: set[tuple[str, ...]] = set()
        context: dict[tuple[str, ...], set[str]] = {}
        for metric in metrics.values():
            marked.update(self.words.keys(s) for s in metric.ambiguous)
            for word in metric.context:
                context.setdefault(self.words.keys(word), set()).add(metric.id)
        roles = {self.words.keys(w): role for role, words in lists.items() for w in words}
        entries = {}
        for key in (claims.keys() | roles.keys() | context.keys()) - {()}:
            ids = frozenset(claims.get(key, ()))
            entries[key] = _Entry(metrics=ids, ambiguous=bool(ids) and (key in marked or len(ids) > 1),
                                  role=None if ids else roles.get(key), context=frozenset(context.get(key, ())))
        spelled: dict[tuple[str, ...], set[tuple[str, ...]]] = {}   # variant -> the listed synonyms it spells
        for key in claims:
            for variant in self._variants(key):
                spelled.setdefault(variant, set()).add(key)
        for variant, keys in spelled.items():
            sources = [entries[k] for k in keys if k in entries]
            if variant not in entries and len({e.metrics for e in sources}) == 1:
                entries[variant] = _Entry(metrics=sources[0].metrics, ambiguous=any(e.ambiguous for e in sources))
        counts = {i for key, ids in claims.items() if _ends_with(key, self.count_endings) for i in ids} - self.rates
        for key, ids in claims.items():
            for kind, endings in ((self.rates, self.rate_endings), (counts, self.count_endings)):
                if ids <= kind and not _ends_with(key, endings):   # `Involuntary turnover rate`, `产品PV数`, `UV量`
                    for ending in endings:
                        entries.setdefault(key + ending, entries[key])
        return entries

    def _variants(self, key: tuple[str, ...]) -> Iterable[tuple[str, ...]]:
        """The other spellings of a synonym whose ending belongs to a group of interchangeable endings (the
        longest ending of each group that the synonym has)."""
        done: set[int] = set()
        for size in range(min(self.longest_ending, len(key) - 1), 0, -1):
            for number in self.endings.get(key[-size:], ()):
                if number not in done:
                    done.add(number)
                    yield from (key[:-size] + other for other in self.variants[number] if key[:-size] + other != key)

    def segment(self, units: list[str]) -> list[tuple[tuple[str, ...], _Entry | None]]:
        """Known words covering the most units, then the fewest pieces (so a longer synonym wins), then one with a
        single piece naming a metric (a synonym and its qualifiers) over one with two such pieces or none: `Live
        products sold` is products sold on live, not live products and sales. Each position keeps its best cover
        per count of metric pieces (0, 1, 2 or more), so the cost stays linear in the length of the name."""
        keys = [self.words.key(u) for u in units]
        n = len(keys)
        # cost[i][m]: (unknown units, pieces) of the best cover of units[i:] naming min(m, 2) metrics; None when none
        cost: list[list[tuple[int, int] | None]] = [[None, None, None] for _ in range(n + 1)]
        cost[n][0] = (0, 0)
        step: list[list[tuple[int, _Entry | None, int]]] = [[(1, None, 0)] * 3 for _ in range(n + 1)]
        for i in range(n - 1, -1, -1):
            options: list[tuple[int, _Entry | None, int]] = []
            for size in range(min(self.longest, n - i), 0, -1):
                entry = self.entries.get(tuple(keys[i:i + size]))
                if entry is None and size == 1 and (keys[i].isdigit() or keys[i] in _CJK_DIGITS):
                    entry = _NUMBER
                elif entry is None and size == 1 and _DURATION.fullmatch(keys[i]) \
                        and not (keys[i].endswith("m") and i and keys[i - 1] in _MILLION_AFTER):
                    entry = _WINDOW
                if entry is not None:
                    unknown = 0 if entry.metrics or entry.role else size   # a context word alone settles nothing yet
                    options.append((size, entry, unknown))
            options.append((1, None, 1))
            for size, entry, unknown in options:
                for rest, after in enumerate(cost[i + size]):
                    if after is None:
                        continue
                    metrics = min(rest + bool(entry and entry.metrics), 2)
                    here = (after[0] + unknown, after[1] + 1)
                    if cost[i][metrics] is None or here < cost[i][metrics]:
                        cost[i][metrics], step[i][metrics] = here, (size, entry, rest)
        metrics = min((m for m in range(3) if cost[0][m] is not None), key=lambda m: (cost[0][m], _SINGLE_FIRST[m]))
        pieces: list[tuple[tuple[str, ...], _Entry | None]] = []
        i = 0
        while i < n:
            size, entry, rest = step[i][metrics]
            if entry is None and pieces and pieces[-1][1] is None and CJK_RUN.match(units[i]) \
                    and CJK_RUN.match(pieces[-1][0][-1]):
                pieces[-1] = (pieces[-1][0] + (units[i],), None)   # unknown CJK characters read as one word
            else:
                pieces.append((tuple(units[i:i + size]), entry))
            i, metrics = i + size, rest
        return pieces

    def read(self, name: str, retries: int = _RETRIES) -> Reading:
        name = name.translate(_EXPONENTS)
        text = _NUMBERING.sub(" ", _CODE.sub(self._code, _UNIT_NOTE.sub(" ", unicodedata.normalize("NFKC", name))))
        text = _FUSED_PERIOD.sub(_periods_apart, _OVER_WINDOW.sub(" ", _THRESHOLD.sub(" ", text)))
        text = _AD_API_COLUMN.sub(_ad_api_column, text)
        units = self.words.shown(text)
        pieces = self.segment(units)
        reading = self._denotes(pieces, head=False)
        if reading.metric is None:   # then a bracketed label or gloss, else the head of the name
            parts = _labels(text)
            reading = (self._glossed(*parts) or reading) if parts else self._denotes(pieces)
        if reading.metric is not None and text.rstrip().endswith(_QUESTION) and not self._figure(reading, units):
            reading = Reading(None, "question", domestic=reading.domestic, attainment=reading.attainment,
                              detail=reading.detail)
        if reading.metric is None:
            again = self._reread(text, reading, retries - 1) if retries and reading.why != "question" else None
            if again:
                return again
            term = self._behaviour(units)
            if term is None and _BRACKETS.search(text) and not self._formula(text):
                # `领导能力(管理岗位)`: a note on whom the item applies to
                term = self._behaviour(self.words.shown(_BRACKETS.sub(" ", text)))
            if term is None and retries:
                term = self._judged_under(text, retries - 1)
            if term and any(fold(term) in synonym for synonym in reading.detail.synonyms):
                # `Orders Values`: the term is a word of a metric's synonym the name spells; the words no synonym
                # accounts for may still name one (`Attendance & punctuality` is a conduct line)
                rest = [u for piece, entry in pieces if not (entry and entry.metrics) for u in piece]
                term = self._behaviour(rest) if rest else None
            if term:
                return Reading(None, "behaviour-term", behaviour=term, domestic=reading.domestic,
                               attainment=reading.attainment, detail=reading.detail)
        return reading

    def _formula(self, text: str) -> bool:
        """A bracket divides two quantities a metric's words name (`清洁（技术员IA领货金额/当月IA生意额）`): the name
        measures that quotient, so the bracket is no note on whom a judged item applies to (`沟通能力(对内/对外)`).
        Each side is a quantity, an amount, a count or a rate (`领货金额`, `生意额`); a bracket listing topics, even
        metrics' words, is a note on what the item covers (`服务态度(投诉/表扬)`, `应变能力(退款/退货)`)."""
        for inside in _DIVIDED.findall(text):
            sides = [self.words.shown(side) for side in _DIVIDING.split(inside)]
            if all(sides) and all(self._quantity(side) for side in sides) and any(
                    entry is not None and entry.metrics for side in sides for _, entry in self.segment(side)):
                return True
        return False

    def _quantity(self, units: list[str]) -> bool:
        """The words end in an amount, a count, a rate, a unit or a share (`领货金额`, `订单数`, `Refund amt`)."""
        keys = self.words.keyed(units)
        return bool(keys) and (keys[-1] in _AMOUNT_ENDINGS or self._counted(units))

    def _figure(self, reading: Reading, units: list[str]) -> bool:
        """A name that says its figure is a rate, a percentage, an average, a count or a total (`Return rate?`,
        `% shipped on time?`, `Avg. response time?`, `今日订单数？`): a figure queried, never a yes/no check on one
        case (`Shipped on time?`)."""
        keys = self.words.keyed(units)
        return _percent(reading.detail.qualifiers) or bool(keys) and self._ends_measured(keys) \
            or any(category in _FIGURE_QUALIFIERS for category, _ in reading.detail.qualifiers) \
            or any((entry := self.entries.get((key,))) is not None and entry.role is not None
                   and entry.role[0] == "qualifier" and entry.role[1] in _FIGURE_QUALIFIERS for key in keys)

    def _reread(self, text: str, reading: Reading, retries: int) -> Reading | None:
        """A name read as nothing, read again in another shape: without an average inside a synonym's words, a
        report's column without its section, a rate named before its object turned round, the quotient of two
        metrics, the metric of a breakdown."""
        # camelCase words apart (`ordersPerSession`), one space between words: the shapes' patterns then scan a run
        # of spaces once
        text = " ".join(_CAMEL.sub(" ", text).split())
        folded = fold(text)   # the statistic words are compared Simplified (首次回復週均時長)
        inner = self.inner_statistic.sub("", folded) if self.inner_statistic else folded
        if inner != folded:   # `应收账款平均周转期`, `首次回复平均时间`: an average inside the words of a synonym
            again = self.read(inner, retries)
            if again.metric:
                return _scoped(again, tuple(("statistic", w) for w in self.inner_statistic.findall(folded)))
        colon = None
        section = _SECTION_FIELD.match(text)   # the text is already stripped, one space between words
        if not section:
            section = colon = _COLON_FIELD.match(text)
        if section:
            heading = self.words.shown(section["section"])
            pieces = self.segment(heading)
            kept = [u for piece, entry in pieces if not (entry and entry.metrics) for u in piece]
            named = {m for _, entry in pieces if entry and entry.metrics for m in entry.metrics}
            again = self.read(f"{_join(kept)} {section['field']}", retries)
            if again.metric and not any(self.words.keys(s) in self.generic_heads for s in again.detail.synonyms) \
                    and not (colon and named and not self._column_of(again.metric, named)):
                return again   # not a bare measure word (`退货数据-件数` counts returns, not units sold)
            # a category and field that are one conduct term (`协作：响应时效`) are the conduct, not the figure
            if colon and not named and again.behaviour is None \
                    and self._behaviour(heading):
                again = self.read(section["field"], retries)   # a scorecard's category heads its figures
                if again.metric and again.metric.group not in _VERDICT_GROUPS:   # (`Discipline : Attendance Rate`)
                    return again
        inverted = _RATE_OF.match(text)
        if inverted:
            again = self.read(f"{inverted[2]} {inverted[1]}", retries)
            if again.metric:
                return again
        for numerator_text, denominator_text in _quotient_parts(text) if self.composites else ():
            numerator = self.read(numerator_text, retries)
            denominator = self.read(denominator_text, retries)
            top, bottom = _side(numerator), _side(denominator)
            if denominator.metric is None and self.composites.get((top, bottom)) not in self.rates:
                # an ambiguous whole is settled only as the whole of a rate: a bare 人数 under an amount may count
                # buyers as well as staff (`成交金额/人数` is a buyer's spend), so a per-head quotient stays unread
                bottom = None
            composite = top and bottom and not numerator.attainment and self.composites.get((top, bottom))
            if composite:
                return Reading(self.metrics[composite], "quotient", domestic=reading.domestic, detail=replace(
                    reading.detail, synonyms=numerator.detail.synonyms + denominator.detail.synonyms))
        split = _BREAKDOWN.match(text)
        if split and split["split_zh"] and not self._splits_by(split["split_zh"]):
            split = None   # `按时交付的订单数`: 按 is `on`, not `by`
        if split:
            dimension = split["dimension"] or split["dimension_zh"] or split["split_zh"]
            if not any(entry and entry.metrics for _, entry in self.segment(self.words.shown(dimension))):
                again = self.read(split["metric"] or split["metric_zh"] or split["split_metric_zh"], retries)
                if again.metric:
                    return _scoped(again, (("scope", fold(dimension.strip())),))
        per = _RATE_PER.match(text)
        if per and self._splits_by(per["dimension"]):
            again = self.read(per["metric"], retries)
            if again.metric and again.metric.id in self.rates:
                return _scoped(again, (("scope", fold(per["dimension"].strip())),))
        during = _DURING.match(text)
        # nor a marker: `Sales during promotion vs last year`, `… growth`, `… vs baseline` compare the figure
        if during and not any(entry and (entry.metrics or entry.role and entry.role[0] == "marker")
                              for _, entry in self.segment(self.words.shown(during["when"]))):
            again = self.read(during["metric"], retries)
            if again.metric:
                return _scoped(again, (("period", fold(during["when"].strip())),))
        return None

    def _column_of(self, metric: CatalogueMetric, named: set[str]) -> bool:
        """Under a `step:` that names a metric, a column is a rate (`Clicks: Click Rate %`), the step itself, a part
        of its ratio or growth (`Monthly Sales Trends: 90 days change %`) or a figure of its group (`Traffic: Page
        Views`); a count or amount of another group counts the step's own events (`Refunds: Orders` are refunded
        orders, `Returns: Sales` returned sales) or is the other side of a ratio (`Ad spend: Revenue`), not the
        column's metric."""
        return metric.id in self.rates or bool(named & {metric.id, *metric.ratio_of, *metric.growth_of}) \
            or any(self.metrics[m].group == metric.group for m in named)   # `Traffic: Page Views`

    def _splits_by(self, dimension: str) -> bool:
        """Every word of the dimension is one the catalogue splits by (_SPLITS: product, channel, market, team)."""
        return all(entry and entry.role and entry.role[0] == "qualifier" and entry.role[1] in _SPLITS
                   for _, entry in self.segment(self.words.shown(dimension)))

    def _glossed(self, main_text: str, gloss_texts: list[str], attached: bool = False) -> Reading | None:
        """A name in two parts, a label and its gloss (`商品总价值 (GMV)`, `TACoS(总广告销售占比)`, `Spend花費`).
        The metric one part denotes wins unless the other part denotes a different one, or turns it into another
        quantity without naming any metric (`Revenue (per employee)`), or makes an amount a share (`Repeat customer
        revenue (% of revenue)`; a rate's share gloss defines it: `TACoS(总广告销售占比)`). Written in the other
        script, a worded gloss is the label's translation and names the metric the label alone does not
        (`库存销售比(Sell-Through Rate)`, `Views(浏览量)`). Chinese run straight on from one English word, naming no
        metric and with a word no synonym of the English word's metric spells, says what is measured of it, not
        what it is (`UV成本` is a cost per visitor, `Pipeline總數` a count of pipelines; `CPC成本` is the CPC). A
        judged item glossed by a bare measure is counted in it: `加班 (總時數)` are the overtime's hours."""
        main = self._denotes(self.segment(self.words.shown(main_text)))
        glosses = [self._denotes(self.segment(self.words.shown(g))) for g in gloss_texts]
        glosses = [replace(g, metric=None) if g.metric and "divider" in dict(g.detail.markers)
                   and "unit" in dict(g.detail.qualifiers) and g.why != "quotient" else g
                   for g in glosses]   # `碳排強度（kg/營收萬元）`: a unit per a figure says what the label is measured in
        if attached and main.metric and any(g.metric is None and any(
                len(key := "".join(self.words.keys(w))) < 2 or key not in self.spelled[main.metric.id]
                for w in g.detail.leftover) for g in glosses):
            return None   # a one-character word (价, 数) is part of too many synonyms to say anything
        if main.metric and main.metric.id in self.counts and any(_GLOSS_BAR.search(g) for g in gloss_texts):
            return None   # `A款链接数（日销1000元+）` counts the listings selling that much: best sellers, not listings
        share_of_amount = main.metric is None or main.metric.id not in self.rates   # a rate's gloss may define it
        if any(g.metric is None and (not g.detail.synonyms or (g.why == "share" and share_of_amount))
               and (_BLOCKING | {"growth"}) & {k for k, _ in g.detail.markers} for g in glosses):
            return None   # `Revenue (per employee)`, `Repeat customer revenue (% of revenue)`: a ratio or a share
        if main.metric and main.metric.id not in self.rates \
                and any(g.metric is None and _percent(g.detail.qualifiers) for g in glosses):
            return None   # `Customer Returns (%)`, `Sales (%)`: a percentage of a count or an amount is a share
        named = [g.metric for g in glosses if g.metric]
        acronyms = [g.metric for g, raw in zip(glosses, gloss_texts) if g.metric and _ACRONYM.match(raw)]
        chinese = bool(CJK_RUN.search(main_text))
        translated = [g.metric for g, raw in zip(glosses, gloss_texts) if g.metric and g.metric not in acronyms
                      and (not CJK_RUN.search(raw) if chinese else not _LATIN.search(raw))]
        kinds = {k for k, _ in main.detail.markers}
        if translated and main.metric is None and len({m.id for m in translated}) == 1 \
                and (translated[0].id not in main.detail.candidates or not (_BLOCKING | {"divider", "growth"}) & kinds) \
                and not (main_text.rstrip().endswith("/") and main.detail.leftover):
            metric = translated[0]   # not `广告费用占比(Ad Spend)`, a share of what the gloss names, nor `TC/工时`, a quotient
        elif main.metric:
            metric = main.metric
            if main.why == "head" and any(m.id != metric.id for m in acronyms):
                return None   # `Clickthrough rate(CTR)点击转化率`: the acronym disputes a head picked among two
            totalled = [m for m in acronyms if any(
                (key := self.words.keys(s))[:1] == ("total",) and m.id in self.claims.get(key[1:], ())
                for s in main.detail.synonyms)]
            if totalled:   # `Total Advertising Cost of Sales (ACoS)`: a report's total of what the acronym names
                metric = totalled[0]
            named = [m for m in named if m not in acronyms]  # `广告投资回报率 (ROI)`: the acronym only labels it
        elif named and not (_BLOCKING | {"divider"}) & kinds \
                and not (all(self.words.keys(s) in self.bare_measures for g in glosses for s in g.detail.synonyms)
                         and self._behaviour(self.words.shown(main_text))) \
                and not ("connector" in kinds and main.detail.synonyms and main.detail.leftover) \
                and (set(main.detail.candidates) <= {named[0].id}
                     or (main.why == "combination" and named[0].id in main.detail.candidates
                         and named[0] not in acronyms)):   # `销售毛利(Gross Profit)`: the gloss picks one
            metric = named[0]   # not `Amazon Fees & Cost of Goods (COGS)`: the gloss names one of two things joined
        else:
            return None
        if any(m.id != metric.id for m in named):
            return None
        if metric.group in _PAID_GROUPS and any(self._other_field(word, metric) for g in glosses if g.metric is None
                                                for category, word in g.detail.qualifiers if category == "field"):
            # `Budget spent (training)`: a budget or a spend is the ads' only by default; a note naming another
            # business field says whose it is, as 培训 before it would
            return None
        return Reading(metric, "gloss", domestic=main.domestic, attainment=main.attainment, detail=main.detail)

    def _other_field(self, word: str, metric: CatalogueMetric) -> bool:
        """The field word of a gloss changes whose figure the label's metric is (_changes_whose)."""
        entry = self.entries.get(self.words.keys(word))
        return entry is not None and entry.role is not None and entry.role[0] == "field" \
            and self._changes_whose(entry.role[1], entry.context, metric.id)

    def _changes_whose(self, group: str, settles: frozenset[str], metric_id: str | None) -> bool:
        """A business field's word says whose figure a metric is (`Engagement (employees)`, `Budget spent
        (training)`), unless it settles toward the metric or is the paid group's own word before its metric
        (`PPC Sponsored Products Sales`), which adds nothing."""
        own = self.metrics[metric_id].group if metric_id else None
        return metric_id not in settles and not (group == own and own in _PAID_GROUPS)

    def _head(self, pieces: list[tuple[tuple[str, ...], _Entry | None]], kinds: set[str],
              hints: list[tuple[str, frozenset[str]]]) -> str | None:
        """Head-final reading (Chinese compounds and English noun phrases put the measure last): the rate
        that ends the name, when every word before it is known to narrow it: a scope or subject qualifier
        (`咨询转化率`), a business-field word, a context word (`Seller response rate`) or another metric
        (`曝光点击率`). Only a rate: before a count, an amount or a time the words more often name another
        population or event than narrow it (`新客订单数` are orders, `Agent wait time` is not the first response,
        `Live Product Clicks` are not ad clicks; on the labelled lists such readings were right about half the
        time, and one in eight on a fresh list). A name not fully accounted for abstains: an unknown word before
        the metric often changes the measure (`最长响应时间` is a maximum), and a miss falls back to the client's
        label, which is safe, while a false reading is a false finding. Not either when the name has a ratio,
        share, variance, divider or connector (`GMV and profit`) or words after the metric; a generic head
        (`评分`) takes the metric before it, and a count alone before its cases' word is that count (`客訴件數`)."""
        if kinds & (_BLOCKING | {"divider", "connector", "preposition", "defect"}):
            return None
        core = [(units, entry) for units, entry in pieces
                if entry is None or entry.metrics or not entry.role or entry.role[0] in ("marker", "field")]
        if len(core) < 2 or core[-1][1] is None or not core[-1][1].metrics:
            return None
        restated = False   # a count alone before its cases' count word (`客訴件數`): the count itself
        if self.words.keyed(core[-1][0]) in self.generic_heads:
            if core[-2][1] is None or not core[-2][1].metrics:
                return None
            counted, core = core[-1], core[:-1]
            restated = len(core) == 1 and not core[0][1].ambiguous \
                and core[0][1].metrics <= self.counts - self.populations \
                and self._counts_cases(self.words.keyed(counted[0]))
        units, head = core[-1]
        if not (restated or head.metrics <= self.rates):
            return None   # a count, amount or time: `新客订单数` are orders, `成交UV` buyers, not the metric
        for before, entry in core[:-1]:
            if entry is not None and entry.role and entry.role[0] == "marker" and entry.role[1] != "growth":
                return None
            if entry is None:
                return None   # not fully accounted for: an unknown modifier may change the measure (`最长响应时间`)
        if not head.ambiguous:
            return next(iter(head.metrics)) if len(head.metrics) == 1 else None
        settled = {i for _, ids in hints for i in ids & head.metrics}
        return next(iter(settled)) if len(settled) == 1 else None

    def _counts_cases(self, key: tuple[str, ...]) -> bool:
        """A generic head that is a measure word and a count ending (件数: 件 + 数) counts the cases of the count
        before it (`客訴件數` are complaints), where one naming people or orders (人数, 订单数) counts another
        population (`商品点击人数` are not clicks, `新客订单数` not new customers). After a population (self.populations)
        件 is the piece of goods: `订单件数` are the units ordered, not the orders."""
        return any(key[-len(end):] == end and (entry := self.entries.get(key[:-len(end)])) is not None
                   and entry.role == ("qualifier", "unit") for end in self.count_endings if len(key) > len(end))

    def _code(self, match: re.Match) -> str:
        """A bracketed letter code the catalogue does not know (`(X)`, `(YY)`, `(CRR)`) is a scorecard's label
        for the row, not a word of the name: dropped. Known ones (`(CR)`, `(USD)`) stay."""
        return match.group() if (self.words.key(fold(match.group(1))),) in self.entries else " "

    def _denotes(self, pieces: list[tuple[tuple[str, ...], _Entry | None]], head: bool = True) -> Reading:
        firm: set[str] = set()
        loose: list[tuple[str, frozenset[str]]] = []
        synonyms, qualifiers, markers, leftover, hints, bystanders = [], [], [], [], [], []
        field_words: list[tuple[str, frozenset[str]]] = []   # (group, metrics the word settles toward)
        for at, (units, entry) in enumerate(pieces):
            text = _join(units)
            if entry is None:
                leftover.append(text)
                continue
            if entry.context:
                hints.append((text, entry.context))
            if entry.metrics:
                synonyms.append(text)
            if entry.metrics and not entry.ambiguous:
                firm |= entry.metrics
            elif entry.metrics:
                loose.append((text, entry.metrics))
            elif entry.role and entry.role[0] == "marker":
                markers.append(("preposition" if self._breaks_down(pieces, at) else entry.role[1], text))
            elif entry.role and entry.role[0] == "field":
                field_words.append((entry.role[1], entry.context))
                qualifiers.append(("field", text))
            elif entry.role:
                qualifiers.append((entry.role[1] or entry.role[0], text))
            else:
                bystanders.append((text, entry.context))
        domestic = next((w for cat, w in qualifiers if cat == "domestic"), None)
        attainment = any(cat == "attainment" for cat, _ in qualifiers)
        metric_id, why, used = self._resolve(firm, loose, hints)
        fields = {group for group, settles in field_words   # `Engagement (employees)`
                  if self._changes_whose(group, settles, metric_id)}
        settling = [text for text, ids in bystanders if metric_id in ids]
        leftover += [text for text, ids in bystanders if metric_id not in ids]
        kinds = {kind for kind, _ in markers}
        if metric_id and "growth" in kinds and not self.metrics[metric_id].growth_of:
            metric_id, why = (self.growth_link[metric_id], "growth-link") if metric_id in self.growth_link \
                else (None, "growth")
        blocked = next((k for k in ("ratio", "share", "variance", "index", "defect") if k in kinds), None)
        if (firm or loose) and blocked:
            metric_id, why = None, blocked
        elif metric_id and "divider" in kinds and (loose or len(synonyms) > 1 and not attainment
                                                   and self._divides(synonyms, markers)):
            metric_id, why = None, "ratio"   # `Avg. Units / Order Item`, `Lead → MQL`; a label pair names one twice
        elif metric_id and metric_id not in self.rates and not self.metrics[metric_id].ratio_of \
                and self._ends_divided(pieces, metric_id):
            metric_id, why = None, "ratio"   # `仓储费比`, `平均访客比`, `Orders/Hour`: a count or amount to something
        elif metric_id in self.costs and metric_id not in self.rates and self._ends_in(pieces, self.task_endings):
            metric_id, why = None, "task"   # `销售费用控制`: keeping a cost down, a task scored by judgement
        elif metric_id in self.counts and self._time_until(pieces):
            metric_id, why = None, "until"   # `Days to Second Order`: the time until an order, not the orders
        elif metric_id in self.counts and self._ends_in(pieces, self.tier_endings):
            metric_id, why = None, "tier"   # `Order Level`, `Seller Level`: a tier of a count, not the count
        elif metric_id and (self._names_dimension(pieces) or self._ranked_by(pieces)):
            metric_id, why = None, "dimension"   # `Sales channel`, `销售团队`: the kind of channel or team
        elif (leftover or fields) and (metric_id or why == "ambiguous"):
            metric_id, why = None, "extra-words"   # a field word narrows like an unknown modifier: the head decides
        if head and metric_id is None and why in ("combination", "extra-words", "ambiguous"):
            found = self._head(pieces, kinds, hints)
            if found and "growth" in kinds and not self.metrics[found].growth_of:
                found = self.growth_link.get(found)
            if found:
                metric_id, why = found, "head"
        if metric_id:
            metric_id, why = self._contradicted(metric_id, qualifiers, fields) or (metric_id, why)
        if why in ("combination", "extra-words") and "divider" in kinds:
            why = "ratio"
        if metric_id and why is None:
            why = "synonyms" if len(synonyms) > 1 else \
                "synonym+qualifiers" if qualifiers or markers or settling else "synonym"
        candidates = () if metric_id else tuple(sorted(set(firm) | {i for _, ids in loose for i in ids}))
        detail = ReadingDetail(synonyms=tuple(synonyms), qualifiers=tuple(qualifiers), markers=tuple(markers),
                               context=tuple(used), leftover=tuple(leftover), candidates=candidates)
        metric = self.metrics[metric_id] if metric_id else None
        return Reading(metric, why or "unrecognised", domestic=domestic, attainment=attainment, detail=detail)

    @staticmethod
    def _divides(synonyms: list[str], markers: list[tuple[str, str]]) -> bool:
        """A divider between synonyms of one metric splits two quantities, unless it is a mark that joins a label
        pair: one metric named twice, in two languages, as an acronym and its words or in two Chinese wordings
        (`GMV/成交金额`, `OOS rate / Out of Stock Rate`, `销售额/成交额`). Chinese names of one metric of which only
        some count people are a quotient across a slash: visits per visitor (`造訪/訪客`), views per viewer
        (`观看次数/观看人数`). The pair's marks are settled once for the name, not once per divider."""
        pairs = _LABEL_PAIRS
        if not any(_LATIN.search(synonym) for synonym in synonyms) \
                and {bool(_PEOPLE.search(synonym)) for synonym in synonyms} == {True, False}:
            pairs = _LABEL_PAIRS - {"/"}
        return any(kind == "divider" and text not in pairs for kind, text in markers)

    def _ends_divided(self, pieces: list[tuple[tuple[str, ...], _Entry | None]], metric_id: str) -> bool:
        """The name's last word, but for a unit, is 比 (`头程费比(%)`): the metric is one side of a ratio whose other
        side goes unsaid, not the figure itself; or a count ends divided by an hour (`Orders/Hour`, a work rate,
        where `响应时长/小时` only gives a time's unit). A rate or a quotient so written is still itself (点击率比, 人效比,
        客单价比), and a form's trailing colon or slash (`Sales:`, `GMV/`) divides nothing."""
        if metric_id in self.counts and len(pieces) >= 2 \
                and pieces[-2][1] is not None and pieces[-2][1].role == ("marker", "divider") \
                and pieces[-1][1] is not None and pieces[-1][1].role == ("qualifier", "unit") \
                and "".join(self.words.keyed(pieces[-1][0])) in _HOURLY:
            return True
        return self._ends_in(pieces, {(_UNSAID_RATIO,)})

    @staticmethod
    def _time_until(pieces: list[tuple[tuple[str, ...], _Entry | None]]) -> bool:
        """The name opens with a span of time and `to` (`Days to Second Order`, `Hours to first sale`): it measures
        the time until what follows happens, where a count that follows is no time itself."""
        return len(pieces) > 2 and pieces[0][1] is not None and pieces[0][1].role in _SPAN_ROLES \
            and pieces[1][1] is not None and pieces[1][1].role == ("marker", "divider") and pieces[1][0] == ("to",) \
            and not (pieces[2][1] is not None and pieces[2][1].role == ("qualifier", "period"))   # `Day to day orders`

    def _ends_in(self, pieces: list[tuple[tuple[str, ...], _Entry | None]], endings: set[tuple[str, ...]]) -> bool:
        """The name's last word but for units is one of these."""
        last = next((units for units, entry in reversed(pieces) if not (entry and entry.role == ("qualifier", "unit"))),
                    None)
        return last is not None and self.words.keyed(last) in endings

    def _breaks_down(self, pieces: list[tuple[tuple[str, ...], _Entry | None]], at: int) -> bool:
        """`per` before one of the catalogue's breakdown nouns (`Sales per country`, `Turnover per customer type`)
        splits the figure along it like `by`: no quotient, where `per` before a count, a person, one product or a
        store (`Revenue per visitor`, `Sales per agent`, `GMV per SKU`) still divides. The noun must end what `per`
        governs: one that only modifies the next noun (`Sales per department store`, `Revenue per brand SKU`,
        `Sales per category listing`) leaves that noun the divisor, so a noun, a metric's word or an unknown word
        after it keeps the quotient, where a period, a unit, a tax basis or another `per` does not. Its twin for
        rates is _reread's `_RATE_PER`: a rate per any word the catalogue splits by (`CTR per keyword`), tried only
        on a name read as nothing."""
        following = pieces[at + 1] if at + 1 < len(pieces) else None
        if pieces[at][0] != ("per",) or following is None or following[1] is None or not following[1].role:
            return False
        if at + 2 < len(pieces):
            after = pieces[at + 2][1]
            if after is None or after.metrics or after.role in _RANKED:
                return False   # `department store`, `brand SKU`: the next noun is what `per` divides by
        return self.words.keyed(following[0]) in self.breakdowns

    def _names_dimension(self, pieces: list[tuple[tuple[str, ...], _Entry | None]]) -> bool:
        """The name ends in a dimension noun right after a metric's word (`Sales channel`, `销售团队`, `流量渠道`):
        the metric word says which kind of channel, team or region, and the name is that dimension, not a figure
        counted on it (`渠道销售额`, `Revenue by channel` and `Sales (team)` are the metric)."""
        return len(pieces) >= 2 and pieces[-2][1] is not None and bool(pieces[-2][1].metrics) \
            and self.words.keyed(pieces[-1][0]) in self.dimension_heads

    @staticmethod
    def _ranked_by(pieces: list[tuple[tuple[str, ...], _Entry | None]]) -> bool:
        """Things named before `by` and every word of a metric after it (`Top Products by Revenue`, `Campaigns by
        spend`): things ranked or sorted by the metric, not the metric, where a metric before `by` is split along
        what follows and `Month by month revenue` or a bare `By GMV` ranks nothing."""
        at = next((i for i, (units, entry) in enumerate(pieces)
                   if entry is not None and entry.role == ("marker", "preposition") and units == ("by",)), None)
        return at is not None and not any(entry is not None and entry.metrics for _, entry in pieces[:at]) \
            and any(entry is None or entry.role in _RANKED for _, entry in pieces[:at])

    def _contradicted(self, metric_id: str, qualifiers: list[tuple[str, str]],
                      fields: set[str]) -> tuple[None, str] | None:
        """A scope word that cannot qualify the metric: organic traffic for a paid-only metric, a business field other
        than the metric's group (培训满意度评分 is not customer satisfaction, 物料按时到货率 not the buyer's
        delivery), a percentage of a metric that is not a rate, a count of a rate's events or an average's parts."""
        categories = {cat for cat, _ in qualifiers}
        if fields - {self.metrics[metric_id].group}:
            return None, "contradiction"
        if "organic" in categories and self.metrics[metric_id].group in _PAID_GROUPS:
            return None, "contradiction"
        at = next((i for i, (cat, word) in enumerate(qualifiers) if cat == "period" and word == _LIFETIME), None)
        per_customer = metric_id not in self.rates and self.metrics[metric_id].ratio_of[1:] == ("active-customers",)
        if at is not None and (per_customer or at and qualifiers[at - 1][0] == "statistic"):
            return None, "extra-words"   # `Lifetime revenue per user`, `Average lifetime spend`: a customer's lifetime
        if metric_id not in self.rates and _percent(qualifiers) and "attainment" not in categories:
            return None, "share"   # `销售额完成率%` is the sales' attainment in percent, no share
        if (metric_id in self.counts or metric_id in self.rates) and "amount" in categories:
            return None, "amount"   # `Order Amt` is a value, not a count of orders; `Gross margin amount` no margin
        quotient = bool(self.metrics[metric_id].ratio_of) and metric_id not in self.counts
        if (metric_id in self.rates or quotient) and "count" in categories:
            return None, "count"   # a count of an average's parts (`aov_n` counts the orders averaged over)
        return None

    @staticmethod
    def _resolve(firm: set[str], loose: list[tuple[str, frozenset[str]]],
                 hints: list[tuple[str, frozenset[str]]]) -> tuple[str | None, str | None, list[str]]:
        """The one metric the synonyms agree on (ambiguous ones settled by each other or by context words)."""
        if not firm and not loose:
            return None, None, []
        candidates = firm.copy() if firm else set.union(*(set(ids) for _, ids in loose))
        for _, ids in loose:
            candidates &= ids
        if len(firm) > 1 or not candidates:
            return None, "combination", []
        rivals = {i for _, ids in loose for i in ids}
        hinted = {i for _, ids in hints for i in ids & rivals}
        if len(candidates) > 1 or (loose and not firm and len(loose) == 1):
            candidates &= hinted
            if len(candidates) != 1 or len(hinted) > 1:
                return None, "ambiguous", []
            metric_id = next(iter(candidates))
            return metric_id, "context", [t for t, ids in hints if metric_id in ids]
        metric_id = next(iter(candidates))
        if loose and hinted - {metric_id}:
            return None, "ambiguous", []
        return metric_id, None, [t for t, ids in hints if metric_id in ids]

    def _behaviour(self, units: list[str]) -> str | None:
        """The judged term of a name (_term), or none when it joins more terms than a line does (_MOST_TERMS)."""
        try:
            return self._term(units, 0)
        except _TooManyTerms:
            return None

    def _term(self, units: list[str], joined: int) -> str | None:
        """The first behaviour term that ends the name: CJK terms and competency suffixes anywhere, Latin terms as
        whole words, followed by nothing but scope words, a generic head (`工作态度评分`) or another behaviour
        term (`工作态度与责任心`). A term the name goes on to measure is not the item (`问题解决时效`,
        `Communication costs`). A criterion word (是否) makes the whole name a judged line."""
        compact = "".join(units)
        spelled = [self.words.spellings.get(u, u) for u in units]
        spaced = f" {' '.join(spelled)} "
        criterion = next((word for word in self.criteria   # Latin ones as whole words (`Mileage rate` is not eager)
                          if (f" {word} " in spaced if _LATIN.search(word) else word in compact)), None)
        if criterion:
            return criterion   # `直播妆容服饰是否恰当`: a yes/no criterion someone judges
        conforms = next((word for word in self.conformance if word in compact), None)
        if conforms and not self._counted(units):
            return conforms   # `服裝儀容符合規定`, not `包装符合要求率` or `符合要求的订单数`
        lapse = next((word for word in self.lapses if word in compact), None)
        if lapse and not compact.endswith(self.measured_endings):
            return lapse   # `未依规定签退`, not `未主动回复率`
        starts, offset = [], 0
        for unit in units:
            starts.append(offset)
            offset += len(unit)
        # (position, -length, term, end offset, built on a suffix)
        found: list[tuple[int, int, str, int, bool]] = []
        for term in self.behaviour_zh:
            pos = compact.find(term)
            if pos >= 0 and not any(0 <= (at := compact.find(n)) <= pos and pos + len(term) <= at + len(n)
                                    for n in self.not_behaviour):   # `成本分` is a cost's score, not 本分
                found.append((pos, -len(term), term, pos + len(term), False))
        for run in CJK_RUN.finditer(compact):
            text = run.group()
            for suffix in self.suffixes:
                end = text.find(suffix, 1)
                if end > 0 and not any(text[:end + len(suffix)].endswith(n) for n in self.not_behaviour):
                    found.append((run.start(), -(end + len(suffix)), text[:end + len(suffix)],
                                  run.start() + end + len(suffix), True))
        for i in range(len(units)):
            for size in range(min(self.behaviour_en_longest, len(units) - i), 0, -1):
                term = self.behaviour_en.get(tuple(spelled[i:i + size]))
                if term in self.traits and not (i == 0 and self._trait_alone(units[i + size:], joined)):
                    break   # `Committed qty`, `Loyal %`, `Forecast committed`: a quantity so described
                if term:
                    found.append((starts[i], -len(term), term, starts[i + size - 1] + len(units[i + size - 1]),
                                  False))
                    break
        for _, _, term, end, suffixed in sorted(found):
            rest = units[bisect_left(starts, end):]
            # a term built on a suffix names what is handled or mastered (`投诉应对`, `库存掌握`): counted after, the
            # name is a tally of those cases (`投诉应对数量`), not the item
            if not (suffixed and self._counted(rest)) and self._only_trailing(rest, joined):
                return term
        return None

    def _judged_under(self, text: str, retries: int) -> str | None:
        """The behaviour term a name's category is, when the name is a scorecard's category, a dash and an item
        judged under it that measures nothing (`工作态度-工作遵从度`, `抗压能力-遇事保持冷静`): the item is a
        description of the conduct, not a figure. The category is what comes before the first dash or colon."""
        mark = _CATEGORY_MARK.search(text)
        if mark is None:
            return None
        category, item = text[:mark.start()].strip(), text[mark.end():].strip(" -–—:")
        if not (category and item):
            return None
        term = self._behaviour(self.words.shown(category))
        return term if term and not self._measures(item, retries) else None

    def _measures(self, item: str, retries: int) -> bool:
        """An item that is a figure, not a description: it is a metric, ends in a rate or count word, a unit or a
        share (`差错率`, `迟到次数`, `Overtime hours`, `检验合格率`), or names a metric's words or a
        defect (`Direct reports retention`, `Picking errors`) but for the absence of one (`无客户投诉`, `工作无差错`)."""
        reading = self.read(item, retries)
        units = self.words.shown(item)
        if reading.metric is not None or self._counted(units):
            return True
        if self._absent(units):
            return False
        return any(self.words.keys(s) not in self.generic_heads for s in reading.detail.synonyms) \
            or any(entry is not None and entry.role == ("marker", "defect") for _, entry in self.segment(units))

    def _absent(self, units: list[str]) -> bool:
        """The item says something is absent (`无客户投诉`, `工作无差错`, `No missed deadlines`): a CJK absence word
        anywhere, a Latin one as the first word."""
        compact = "".join(units)
        return any(word in compact if CJK_RUN.search(word) else bool(units) and fold(units[0]) == word
                   for word in self.absence)

    def _counted(self, units: list[str]) -> bool:
        """The name ends in a rate or count word, a unit or a share (`符合要求的订单数`, `不符合要求批次`,
        `检验符合要求比例`): what meets a requirement is then counted or rated, not judged."""
        keys = self.words.keyed(units)
        if not keys or self._ends_measured(keys):
            return bool(keys)
        last = self.segment(units)[-1][1]
        return last is not None and last.role in _TALLY_ROLES

    def _ends_measured(self, keys: tuple[str, ...]) -> bool:
        """The words end in a rate or count word or a percent: the name measures what it names (`迟到次数`,
        `Commitment to SLA %`)."""
        return _ends_with(keys, self.rate_endings) or _ends_with(keys, self.count_endings) or keys[-1] in _PERCENT

    def _scoring_head(self, key: tuple[str, ...]) -> bool:
        """A generic head that scores the item (评分, `rating`), not one that counts or rates it (人数, 件数: the
        people or cases of it, `顾客服务人数`, `团队支援人数`)."""
        return key in self.generic_heads and not (key in self.count_endings or self._ends_measured(key))

    def _joined(self, units: list[str], joined: int) -> str | None:
        """The term of what follows a judged term, one more joined (_MOST_TERMS bounds them)."""
        if joined >= _MOST_TERMS:
            raise _TooManyTerms
        return self._term(units, joined + 1)

    def _trait_alone(self, rest: list[str], joined: int) -> bool:
        """What may follow a trait that starts the name (`Committed`, `Loyal`): filler words (`score`), a generic
        head that counts nothing (`rating`, 评分), or a connector and another judged item (`Responsible and
        Dependable`); anything else measures (`Committed qty`, `Loyal %`, `Determined cases`)."""
        at = 0
        for piece, entry in self.segment(rest):
            at += len(piece)
            if entry is not None and entry.role == ("marker", "connector"):
                return self._joined(rest[at:], joined) is not None
            if not (entry is not None and entry.role == ("qualifier", "filler")
                    or self._scoring_head(self.words.keyed(piece))):
                return False
        return True

    def _only_trailing(self, units: list[str], joined: int) -> bool:
        """What may follow a behaviour term: scope words, a generic head, connectors, another behaviour item, or
        whom or what the conduct is towards (`Attitude towards work`); not a count word nor `case`, which count the
        term's cases (`Ethics cases`, `Integrity case count`)."""
        keys = self.words.keyed(units)
        if units and fold(units[0]) in self.behaviour_objects:
            # unless what follows measures something: a rate, a share, a count or a metric (`Cooperation with
            # suppliers rate`, `Commitment to SLA %`, `Initiative for cost savings amount`)
            return not (self._ends_measured(keys) or any(entry is not None and (
                entry.metrics or entry.role == ("qualifier", "count")) for _, entry in self.segment(units)))
        ending = max((len(e) for e in self.behaviour_endings if keys[:len(e)] == e), default=0)
        units = units[ending:]   # an ending right after the term (`协作效率`), however the rest segments
        at = 0
        for piece, entry in self.segment(units):
            key = self.words.keyed(piece)
            if entry is not None and (entry.role == ("qualifier", "count") or key == ("case",)):
                return False   # `Ethics cases`, `Integrity case count`: its cases counted, a tally, not the item
            if entry is None or not (self._scoring_head(key) or (entry.role and (
                    entry.role[0] == "qualifier" or entry.role[1] == "connector"))):
                return self._joined(units[at:], joined) is not None
            at += len(piece)
        return True


_FIELDS = {"id", "en", "zh", "kind", "focus", "group", "synonyms", "ambiguous", "context", "drives", "growth_of", "ratio_of",
           "domestic", "note"}
_LISTS = ("synonyms", "ambiguous", "context", "drives", "growth_of", "ratio_of")
_BEHAVIOUR_LISTS = ("en", "zh", "suffixes", "not", "endings", "criteria", "lapses", "conformance", "absence",
                    "objects", "traits")
_RECOGNITION_WORD_LISTS = ("generic_heads", "bare_measures", "dimension_heads", "breakdowns", "task_endings",
                           "cost_words", "rate_endings", "tier_endings", "count_endings",
                           "rate_metrics")   # plain lists
_SECTIONS = {"name", "version", "groups", "recognition", "behaviour", "metrics"}


def _words_problem(value) -> str | None:
    if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
        return "must be a list of words"
    return None


_BUILT: dict[str, _Recogniser] = {}


def _recogniser_for(metrics: dict[str, CatalogueMetric], sections: dict) -> _Recogniser:
    """One recogniser per distinct catalogue content: a ruleset is validated and then assembled from the same
    words, and an override rebuilds its base's catalogue; a handful of recent ones are kept."""
    key = json.dumps([[vars(m) for m in metrics.values()], sections], sort_keys=True, ensure_ascii=False,
                     default=str)
    if key not in _BUILT:
        if len(_BUILT) >= 8:
            del _BUILT[next(iter(_BUILT))]
        _BUILT[key] = _Recogniser(metrics, sections)
    return _BUILT[key]


def document_problems(document: dict) -> list[tuple[str, str]]:
    """What is wrong with a 1.1 catalogue document beyond the 1.0 record checks, as (location, message) pairs:
    unknown sections or fields, the new fields and word lists, then (when all that is well formed) the words
    themselves, compared folded as the recogniser compares them."""
    problems = _structure_problems(document)
    return problems or _word_problems(document)


def _structure_problems(document: dict) -> list[tuple[str, str]]:
    problems = [(f"catalogue.{k}", "unknown section") for k in document if k not in _SECTIONS]
    groups = document.get("groups") or {}
    if not isinstance(groups, dict) or not all(isinstance(g, dict) and isinstance(g.get("en"), str)
                                               and isinstance(g.get("zh"), str) for g in groups.values()):
        problems.append(("catalogue.groups", "must map each group id to {en, zh}"))
        groups = {}
    recognition = document.get("recognition")
    if not isinstance(recognition, dict):
        return problems + [("catalogue.recognition", "must be a mapping")]
    for key in recognition.keys() - {"qualifiers", "attainment", "markers", "fields", "variants", "spellings",
                                     *_RECOGNITION_WORD_LISTS}:
        problems.append((f"catalogue.recognition.{key}", "unknown section"))
    fields = recognition.get("fields") or {}
    if not isinstance(fields, dict):
        problems.append(("catalogue.recognition.fields", "must map group ids to words"))
        fields = {}
    for group, words in fields.items():
        if group not in groups:
            problems.append((f"catalogue.recognition.fields.{group}", f"unknown group; known: {', '.join(groups)}"))
        elif _words_problem(words):
            problems.append((f"catalogue.recognition.fields.{group}", _words_problem(words)))
    for section, known in (("qualifiers", QUALIFIER_CATEGORIES), ("markers", MARKER_KINDS)):
        lists = recognition.get(section) or {}
        if not isinstance(lists, dict):
            problems.append((f"catalogue.recognition.{section}", "must be a mapping"))
            continue
        for name, words in lists.items():
            where = f"catalogue.recognition.{section}.{name}"
            if name not in known:
                problems.append((where, f"unknown; known: {', '.join(known)}"))
            elif _words_problem(words):
                problems.append((where, _words_problem(words)))
    if _words_problem(recognition.get("attainment", [])):
        problems.append(("catalogue.recognition.attainment", _words_problem(recognition.get("attainment"))))
    for key in _RECOGNITION_WORD_LISTS:
        if key in recognition and _words_problem(recognition[key]):
            problems.append((f"catalogue.recognition.{key}", _words_problem(recognition[key])))
    if not _words_problem(recognition.get("rate_metrics", [])):
        ids = {r.get("id") for r in document.get("metrics") or () if isinstance(r, dict)}
        problems += [("catalogue.recognition.rate_metrics", f"unknown catalogue metric '{i}'")
                     for i in recognition.get("rate_metrics") or () if i not in ids]
    qualifier_lists = recognition.get("qualifiers") if isinstance(recognition.get("qualifiers"), dict) else {}
    qualifier_words = {fold(w) for words in qualifier_lists.values() if not _words_problem(words) for w in words}
    if not _words_problem(recognition.get("breakdowns", [])):   # `per` tests the word after it as a qualifier
        problems += [("catalogue.recognition.breakdowns", f"'{w}' is no qualifier word, so `per {w}` is never read")
                     for w in recognition.get("breakdowns") or () if fold(w) not in qualifier_words]
    variants = recognition.get("variants") or []
    if not isinstance(variants, list) or not all(not _words_problem(g) and len(g) >= 2 for g in variants):
        problems.append(("catalogue.recognition.variants", "must be a list of groups of two or more endings"))
    spellings = recognition.get("spellings") or {}
    if not isinstance(spellings, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                                  for k, v in spellings.items()):
        problems.append(("catalogue.recognition.spellings", "must map words to words"))
    behaviour = document.get("behaviour") or {}
    if not isinstance(behaviour, dict):
        problems.append(("catalogue.behaviour", "must be a mapping"))
        behaviour = {}
    for key, words in behaviour.items():
        if key not in _BEHAVIOUR_LISTS:
            problems.append((f"catalogue.behaviour.{key}", f"unknown; known: {', '.join(_BEHAVIOUR_LISTS)}"))
        elif _words_problem(words):
            problems.append((f"catalogue.behaviour.{key}", _words_problem(words)))
    records = [r for r in document["metrics"] if isinstance(r, dict)]
    kinds = {r.get("id"): r.get("kind") for r in records}
    for i, record in enumerate(document["metrics"]):
        if not isinstance(record, dict):
            continue
        where = f"catalogue.metrics[{i}]"
        problems += [(f"{where}.{k}", "unknown field") for k in record if k not in _FIELDS]
        problems += [(f"{where}.{k}", _words_problem(record[k])) for k in _LISTS
                     if k in record and _words_problem(record[k])]
        if not isinstance(record.get("domestic", False), bool):
            problems.append((f"{where}.domestic", "must be true or false"))
        if "group" in record and record["group"] not in groups:
            problems.append((f"{where}.group", f"unknown group '{record['group']}'; known: {', '.join(groups)}"))
        if "note" in record and not isinstance(record["note"], str):
            problems.append((f"{where}.note", "must be text"))
        if record.get("drives") and record.get("kind") == "result":
            problems.append((f"{where}.drives", "only process and input metrics drive results"))
        for target in record.get("drives") or () if not _words_problem(record.get("drives", [])) else ():
            if kinds.get(target, "result") != "result":
                problems.append((f"{where}.drives", f"'{target}' is a {kinds[target]} metric, not a result"))
        for target in record.get("growth_of") or () if not _words_problem(record.get("growth_of", [])) else ():
            if target not in kinds or target == record.get("id"):
                problems.append((f"{where}.growth_of", f"unknown catalogue metric '{target}'"))
        ratio_of = record.get("ratio_of")
        if ratio_of is not None and (_words_problem(ratio_of) or len(ratio_of) != 2):
            problems.append((f"{where}.ratio_of", "must be [numerator, denominator], two catalogue metric ids"))
        elif ratio_of is not None:
            problems += [(f"{where}.ratio_of", f"unknown catalogue metric '{part}'")
                         for part in ratio_of if part not in kinds or part == record.get("id")]
    return problems


def _word_problems(document: dict) -> list[tuple[str, str]]:
    metrics = {r["id"]: CatalogueMetric.from_record(r) for r in document["metrics"]}
    recogniser = _recogniser_for(metrics, _sections(document))
    keys, owners = recogniser.words.keys, {k: sorted(ids) for k, ids in recogniser.claims.items()}
    problems = []
    for i, record in enumerate(document["metrics"]):
        where, metric = f"catalogue.metrics[{i}]", metrics[record["id"]]
        own = {keys(s) for s in (metric.en, metric.zh, *metric.synonyms)}
        for word in metric.ambiguous:
            if keys(word) not in own:
                problems.append((f"{where}.ambiguous", f"'{word}' is not one of the metric's synonyms"))
        marked = {keys(s) for s in metric.ambiguous}
        for synonym in dict.fromkeys((metric.en, metric.zh, *metric.synonyms)):
            others = [m for m in owners.get(keys(synonym), ()) if m != metric.id]
            if others and keys(synonym) not in marked:
                problems.append((f"{where}.synonyms", f"'{synonym}' is also a synonym of {', '.join(others)}: "
                                 "list it under `ambiguous` of each, or keep it in one metric"))
        for word in metric.context:
            if keys(word) in owners:
                problems.append((f"{where}.context", f"'{word}' is a synonym of {', '.join(owners[keys(word)])}; "
                                 "a context word must not be a synonym"))
    growth_of: dict[str, str] = {}
    composites: dict[tuple[str, ...], str] = {}
    for metric in metrics.values():
        for base in metric.growth_of:
            if base in growth_of:
                problems.append((f"catalogue.metrics.{metric.id}.growth_of",
                                 f"'{base}' already has a growth metric ({growth_of[base]})"))
            growth_of[base] = metric.id
        if metric.ratio_of in composites:
            problems.append((f"catalogue.metrics.{metric.id}.ratio_of",
                             f"{' / '.join(metric.ratio_of)} is already {composites[metric.ratio_of]}"))
        elif metric.ratio_of:
            composites[metric.ratio_of] = metric.id
    recognition = document["recognition"]
    roles: dict[tuple[str, ...], str] = {}
    for where, words in [(f"qualifiers.{c}", w) for c, w in (recognition.get("qualifiers") or {}).items()] + \
            [("attainment", recognition.get("attainment", []))] + \
            [(f"markers.{k}", w) for k, w in (recognition.get("markers") or {}).items()] + \
            [(f"fields.{g}", w) for g, w in (recognition.get("fields") or {}).items()]:
        for word in words:
            key = keys(word)
            if key in owners:
                problems.append((f"catalogue.recognition.{where}",
                                 f"'{word}' is a synonym of {', '.join(owners[key])}"))
            elif roles.setdefault(key, where) != where:
                problems.append((f"catalogue.recognition.{where}",
                                 f"'{word}' is already in recognition.{roles[key]}"))
    return problems


def _sections(document: dict) -> dict:
    """A catalogue document's sections other than its metrics and identity."""
    return {k: v for k, v in document.items() if k not in ("metrics", "name", "version")}


class _Substring:
    """Catalogue 1.0 matching, kept for `core@1.0.0`: Latin synonyms as whole words, CJK ones anywhere in the
    name, the longest (then the leftmost) wins."""

    _TOKEN = re.compile(r"[a-z0-9]+|[^\sa-z0-9]+")
    _MAX_NGRAM = 5

    def __init__(self, metrics: dict[str, CatalogueMetric]):
        self.latin: dict[str, str] = {}
        self.cjk: dict[str, str] = {}
        for metric in metrics.values():
            for synonym in (metric.en, metric.zh, *metric.synonyms):
                key = normalise(synonym)
                if key:
                    (self.latin if key.isascii() else self.cjk).setdefault(key, metric.id)

    def match(self, name: str) -> str | None:
        compact = normalise(name)
        if not compact:
            return None
        exact = self.latin.get(compact) or self.cjk.get(compact)
        if exact:
            return exact
        best: tuple[int, int, str] | None = None  # (-length, position, id)
        tokens = self._TOKEN.findall(_PUNCT.sub(" ", unicodedata.normalize("NFKC", name).casefold()))
        offset = 0
        for start in range(len(tokens)):
            for end in range(start + 1, min(len(tokens), start + self._MAX_NGRAM) + 1):
                gram = "".join(tokens[start:end])
                found = self.latin.get(gram) if gram.isascii() else None
                if found:
                    candidate = (-len(gram), offset, found)
                    best = candidate if best is None or candidate < best else best
            offset += len(tokens[start])
        for size in range(min(len(compact), 24), 1, -1):
            if best is not None and size < -best[0]:
                break
            for pos in range(len(compact) - size + 1):
                found = self.cjk.get(compact[pos:pos + size])
                if found:
                    candidate = (-size, pos, found)
                    best = candidate if best is None or candidate < best else best
        return best[2] if best else None


@dataclass
class Catalogue:
    """Metrics by id, and the reader their document asks for: 1.1 recognition, or 1.0 substring matching."""

    metrics: dict[str, CatalogueMetric]
    sections: dict = field(default_factory=dict)   # the document's sections other than `metrics`
    _recogniser: _Recogniser | None = field(default=None, init=False, repr=False)
    _substring: _Substring | None = field(default=None, init=False, repr=False)
    _suggester: Suggester | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        if "recognition" in self.sections:
            self._recogniser = _recogniser_for(self.metrics, self.sections)
        else:
            self._substring = _Substring(self.metrics)
        self._read = lru_cache(maxsize=65536)(self._read_uncached)
        self._closest = lru_cache(maxsize=65536)(self._closest_uncached)

    @classmethod
    def from_document(cls, document: dict) -> "Catalogue":
        """A catalogue document: `metrics` plus, from 1.1 on, `recognition`, `behaviour` and `groups`."""
        metrics = {r["id"]: CatalogueMetric.from_record(r) for r in document.get("metrics") or ()}
        return cls(metrics, _sections(document))

    @classmethod
    def from_records(cls, records: Iterable[dict]) -> "Catalogue":
        """Metric records alone: a 1.0 catalogue, read by substring matching."""
        return cls.from_document({"metrics": list(records)})

    @property
    def recognises(self) -> bool:
        """True for 1.1 recognition, False for 1.0 substring matching."""
        return self._recogniser is not None

    @property
    def groups(self) -> dict[str, dict[str, str]]:
        return self.sections.get("groups", {})

    def read(self, name: str | None) -> Reading:
        """How the catalogue reads a KPI name (cached per distinct name)."""
        return self._read(name or "")

    def match(self, name: str | None) -> CatalogueMetric | None:
        """The catalogue metric a name denotes, or None."""
        return self.read(name).metric

    def scope(self, name: str | None) -> frozenset[str]:
        """The markets and platforms a name that denotes a metric is scoped to (`亚马逊美国站销售额` -> 亚马逊, 美国站;
        `Shopee營業額` -> shopee): Amazon's and Shopee's sales are one metric counted in two places, not two
        definitions competing for it (rule D01)."""
        reading = self.read(name)
        if reading.metric is None:
            return frozenset()
        return frozenset(word for category, word in reading.detail.qualifiers if category in _SCOPE_CATEGORIES)

    def is_rate(self, name: str | None, metric: CatalogueMetric | None) -> bool:
        """A name measured as a rate or share: its metric is one (出勤率, Attendance), or the name ends in a rate
        word (月结报表及时率, On-time rate, Compliance %). A 1.0 catalogue knows no rates."""
        recogniser = self._recogniser
        if recogniser is None or not name:
            return False
        if metric is not None and metric.id in recogniser.rates:
            return True
        key = recogniser.words.keys(name)
        return key[-1:] == ("%",) or _ends_with(key, recogniser.rate_endings)

    def closest(self, name: str, limit: int = 3) -> list[CatalogueMetric]:
        """The metrics whose names share the most of this name's informative words (engine/suggest.py): a
        shortlist for a name the catalogue does not read. Never a reading; empty for a 1.0 catalogue. Cached per
        distinct name, like readings."""
        return list(self._closest(name, limit))

    def _closest_uncached(self, name: str, limit: int) -> tuple[CatalogueMetric, ...]:
        if self._recogniser is None:
            return ()
        if self._suggester is None:
            from engine.suggest import Suggester   # it reads units as this module cuts them (CJK_RUN)

            self._suggester = Suggester({m.id: (m.en, m.zh, *m.synonyms) for m in self.metrics.values()},
                                        self._recogniser.words.keys)
        return tuple(self.metrics[i] for i in self._suggester.closest(name, limit))

    def key(self, name: str) -> str:
        """Canonical metric key: the catalogue id, else the normalised name."""
        metric = self.match(name)
        if metric:
            return metric.id
        return normalise(fold(name) if self.recognises else name)

    def _read_uncached(self, name: str) -> Reading:
        if self._recogniser is not None:
            return self._recogniser.read(name)
        found = self._substring.match(name) if name else None
        return Reading(self.metrics[found], "substring") if found else Reading(None, "unrecognised")
