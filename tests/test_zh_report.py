"""The Chinese report reads in Chinese: no English word outside the client's own text and proper nouns.

Every example intake and every real scorecard is rendered in Chinese as HTML (text and the text inside its
charts) and Markdown; any Latin word that is neither a proper noun (tests/zh_check.py) nor something the
client wrote (any text value of their intake, ids included) is an untranslated label.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from cli.main import cli
from tests.zh_check import english_words

ROOT = Path(__file__).resolve().parent.parent
INTAKES = sorted((ROOT / "examples").glob("*.yaml")) + sorted((ROOT / "tests" / "fixtures" / "real").glob("*.yaml"))
INTAKES = [p for p in INTAKES if "extends" not in yaml.safe_load(p.read_text(encoding="utf-8"))]
# Rule codes and the tool's own name and version are identifiers, not words.
NOTATION = re.compile(r"\b[A-Z]{1,4}\d{2,3}\b|\bkpi-audit\b|\bcore\b|\b[0-9a-f]{64}\b|&(amp|lt|gt);")


def client_text(value: object) -> set[str]:
    """Every text (and key) the client wrote, recursively."""
    if isinstance(value, dict):
        return {str(k) for k in value} | {t for v in value.values() for t in client_text(v)}
    if isinstance(value, list):
        return {t for v in value for t in client_text(v)}
    return {str(value)} if value is not None else set()


def visible_text(page: str) -> str:
    """The text a reader sees in the HTML: outside tags, style and attributes."""
    page = re.sub(r"<style.*?</style>", " ", page, flags=re.S).replace("<wbr>", "")
    text = html.unescape(re.sub(r"<[^>]+>", " ", page))
    return re.sub(r"\w+…", " ", text)  # a chart cuts long client text with an ellipsis: the rest is shown whole


@pytest.mark.parametrize("path", INTAKES, ids=lambda p: p.stem)
@pytest.mark.parametrize("fmt", ["html", "md"])
def test_chinese_report_has_no_english_label(path, fmt):
    result = CliRunner().invoke(cli, ["audit", str(path), "--lang", "zh", "--format", fmt])
    assert result.exit_code == 0, result.output
    text = visible_text(result.stdout) if fmt == "html" else result.stdout
    allowed = client_text(yaml.safe_load(path.read_text(encoding="utf-8")))
    assert english_words(NOTATION.sub(" ", text), allowed) == []


@pytest.mark.parametrize("path", INTAKES, ids=lambda p: p.stem)
def test_chinese_markdown_takes_full_width_brackets_and_colons(path):
    """The tool's own frame around client text in a Chinese report: （−5.6）：, （负责人：…）, sentences without a
    space between them. The English report keeps " (", "): " as English writes them."""
    zh = CliRunner().invoke(cli, ["audit", str(path), "--lang", "zh", "--format", "md"]).stdout
    en = CliRunner().invoke(cli, ["audit", str(path), "--lang", "en", "--format", "md"]).stdout
    assert not re.search(r"\*\* \(|\(−[\d.]+\): |\(负责人: |。 [\u4e00-\u9fff]| \(\+\d|\w: \d", zh), path.stem
    assert "**（" in zh and "** (" in en and "**（" not in en  # every report has a strength or a cause to frame


@pytest.mark.parametrize("path", INTAKES, ids=lambda p: p.stem)
def test_chinese_html_takes_full_width_brackets_and_colons(path):
    """The HTML report frames counts, points and labels in the language's own marks, as the Markdown does:
    根本原因（12）, （−5.6）, 负责人：CEO, （+1 未评估）. English keeps "Root causes (12)" and "Owner: CEO"."""
    zh = visible_text(CliRunner().invoke(cli, ["audit", str(path), "--lang", "zh", "--format", "html"]).stdout)
    en = visible_text(CliRunner().invoke(cli, ["audit", str(path), "--lang", "en", "--format", "html"]).stdout)
    assert not re.search(r"\(−[\d.]+\)|根本原因 \(|负责人: |工作量: |。 [\u4e00-\u9fff]|\(\+\d", zh), path.stem
    assert "根本原因（" in zh and "Root causes (" in en and "根本原因 (" not in zh
