"""The HTML report is safe to open and to print: it parses cleanly, runs nothing, fetches nothing, and client
text stays text in the page and inside its inline SVG charts.

Every example is rendered in both languages (an override example with the seller it was written for), and a
hostile intake puts markup, `</svg>`, ampersands, quotes, `]]>` and a right-to-left override in every name a
chart or table shows.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from functools import lru_cache

import html5lib
import pytest
import yaml

from diagnostics import fact_schema
from engine.audit import run_audit
from engine.loaders import load_intake
from engine.ruleset import load_ruleset
from reports.render import render
from tests.conftest import EXAMPLES, RULE_TESTS, write_yaml

SVG_NS = "{http://www.w3.org/2000/svg}"
_RAW_SVG = re.compile(r"<svg\b.*?</svg>", re.S | re.I)
# A url(...) in CSS may only point inside the document (data: or #fragment).
_CSS_URL = re.compile(r"url\(\s*(?!['\"]?\s*(?:data:|#))", re.I)
_LINK_ATTRIBUTES = {"src", "href", "srcset", "action", "formaction", "poster", "background", "xlink:href"}


def _is_override(path) -> bool:
    """An example that `extends` a ruleset is an agency override, audited with the seller it was written for."""
    return "extends" in yaml.safe_load(path.read_text(encoding="utf-8"))


OVERRIDES = sorted(p.name for p in EXAMPLES.glob("*.yaml") if _is_override(p))
INTAKES = sorted(p.name for p in EXAMPLES.glob("*.yaml") if not _is_override(p))
CASES = [(name, "core") for name in INTAKES] + [("cross-border-seller.yaml", name) for name in OVERRIDES]


@lru_cache(maxsize=None)
def _ruleset(spec: str):
    return load_ruleset(spec if spec == "core" else str(EXAMPLES / spec), fact_schema())


@lru_cache(maxsize=None)
def example_html(intake: str, ruleset: str, lang: str) -> str:
    loaded = load_intake(EXAMPLES / intake)
    return render(run_audit(loaded.intake, _ruleset(ruleset), lang, warnings=loaded.warnings), "html")


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def attribute_name(key: str) -> str:
    """html5lib names a foreign attribute `{namespace}name`; the xlink namespace reads as `xlink:`."""
    return ("xlink:" if "xlink" in key else "") + local(key)


def parse(html: str) -> ET.Element:
    """The tree a browser builds; any parse error html5lib reports fails the test."""
    parser = html5lib.HTMLParser(strict=False, namespaceHTMLElements=False)
    tree = parser.parse(html)
    errors = [f"line {line}:{col} {code} {data}" for (line, col), code, data in parser.errors]
    assert errors == [], errors[:5]
    return tree


def assert_inert(html: str) -> ET.Element:
    """No script, no event handler, no external reference; every inline SVG well-formed XML. Returns the tree."""
    tree = parse(html)
    elements = list(tree.iter())
    tags = {local(e.tag) for e in elements if isinstance(e.tag, str)}
    assert not tags & {"script", "iframe", "object", "embed", "link", "base", "foreignobject"}
    for element in elements:
        for key, value in element.attrib.items():
            name = attribute_name(key)
            assert not name.startswith("on"), (element.tag, name)
            if name in _LINK_ATTRIBUTES:
                assert value.startswith(("#", "data:")), (element.tag, name, value)
    styles = "\n".join(e.text or "" for e in elements if local(str(e.tag)) == "style")
    styles += "\n".join(e.attrib.get("style", "") for e in elements)
    assert "@import" not in styles.lower()
    assert not _CSS_URL.search(styles), _CSS_URL.search(styles)
    raw_svgs = _RAW_SVG.findall(html)
    parsed_svgs = [e for e in elements if e.tag == f"{SVG_NS}svg"]
    assert len(raw_svgs) == len(parsed_svgs)  # no client text closed or opened an <svg>
    for raw in raw_svgs:
        svg = ET.fromstring(raw)  # raises on anything that is not well-formed XML
        assert local(svg.tag) == "svg"
    return tree


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("intake, ruleset", CASES)
def test_every_example_report_parses_and_is_inert(intake, ruleset, lang):
    html = example_html(intake, ruleset, lang)
    tree = assert_inert(html)
    assert tree.find("head/title") is not None and tree.find("body") is not None
    assert tree.get("lang", "").startswith(lang)


def test_the_examples_include_an_override():
    assert OVERRIDES and INTAKES, "the safety tests must cover intakes and an agency override"


# --- a hostile client -------------------------------------------------------------------------------------------

HOSTILE = {
    "script": '<script>alert("k")</script>',
    "svg": "</svg><svg onload=alert(1)><text>x",
    "amp": "R&D &amp; &lt;b&gt; \"double\" 'single'",
    "cdata": "]]><![CDATA[<b>x</b>",
    "rlo": "Ops \u202eexe.tsil",
}


def hostile_intake() -> dict:
    """The rule tests' healthy base intake with a hostile name on the organisation, units, roles, KPIs,
    objectives and metrics, so every table and chart that prints a name prints one."""
    raw = yaml.safe_load((RULE_TESTS / "base.yaml").read_text(encoding="utf-8"))
    texts = list(HOSTILE.values())
    raw["organization"]["name"] = HOSTILE["script"] + " Ltd"
    for section in ("units", "roles", "kpis", "objectives", "metrics"):
        for i, item in enumerate(raw.get(section) or []):
            item["name"] = f"{texts[i % len(texts)]} {section[:-1]}{i}"
    raw["kpis"][0]["weight"] = 7  # a finding or two, so findings, causes and the plan print names too
    raw["kpis"][0].pop("objectives", None)
    return raw


@pytest.fixture(scope="module")
def hostile_html(tmp_path_factory) -> dict[str, str]:
    path = write_yaml(tmp_path_factory.mktemp("hostile") / "intake.yaml", hostile_intake())
    loaded = load_intake(path)
    core = _ruleset("core")
    return {lang: render(run_audit(loaded.intake, core, lang, warnings=loaded.warnings), "html")
            for lang in ("en", "zh")}


def _text(element: ET.Element) -> str:
    return "".join(element.itertext())


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_hostile_names_stay_text_in_the_page(hostile_html, lang):
    html = hostile_html[lang]
    tree = assert_inert(html)
    assert "<script" not in html.lower() and "<![cdata[" not in html.lower()
    shown = _text(tree.find("body"))
    for key, text in HOSTILE.items():
        assert text in shown, f"{key}: {text!r} does not read back as the client wrote it"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_hostile_names_stay_text_inside_svg(hostile_html, lang):
    html = hostile_html[lang]
    svgs = [ET.fromstring(raw) for raw in _RAW_SVG.findall(html)]
    assert svgs, "the report has no inline SVG chart"
    drawn = "\n".join(_text(svg) for svg in svgs)
    inside = [key for key, text in HOSTILE.items() if text in drawn]
    assert inside, "no client name reached a chart: the SVG escaping is not exercised"
    for svg in svgs:
        assert not {local(e.tag) for e in svg.iter()} & {"script", "foreignobject", "a"}
        assert all(not attribute_name(k).startswith("on") for e in svg.iter() for k in e.attrib)
