"""PDF output and --out: the format table, the suffix checks, --prepared-by, and every reason a PDF is refused.

A real WeasyPrint render needs Pango and a Chinese font from the system, which `.ci/run` (pip only, on a clean
machine) cannot install, so these tests drive the decisions deterministically: a stand-in `weasyprint` module
records what it is asked to print, fonts are built here with fontTools, and fontconfig's answer is given.
`scripts/screenshots.sh` prints the real PDFs for a person to look at.
"""
from __future__ import annotations

import hashlib
import json
import sys
import types
from pathlib import Path

import pytest
from click.testing import CliRunner
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen

from cli import audit_cmd
from cli.main import cli
from reports import pdf
from reports.formats import FORMATS, PDF, SUFFIXES, format_of, suffixes_of
from reports.render import FORMATS as TEXT_FORMATS
from tests.conftest import EXAMPLES

SELLER = str(EXAMPLES / "cross-border-seller.yaml")
SHENZHEN = str(EXAMPLES / "shenzhen-seller-zh.yaml")


def run(*args: str):
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.stdout + result.stderr
    return result


def make_font(path: Path, chars: str | set[str]) -> Path:
    """A TrueType font whose cmap maps exactly `chars` (empty glyphs: only the character map matters here)."""
    glyphs = {ord(c): f"u{ord(c):05X}" for c in sorted(set(chars))}
    order = [".notdef", *glyphs.values()]
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder(order)
    builder.setupCharacterMap(glyphs)
    empty = TTGlyphPen(None).glyph()
    builder.setupGlyf({name: empty for name in order})
    builder.setupHorizontalMetrics({name: (500, 0) for name in order})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": path.stem, "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    builder.save(str(path))
    return path


def offer_fonts(monkeypatch, *paths: Path) -> None:
    """fontconfig's answer: these files, as `fc-list --format '%{file}\\t%{index}\\t%{family[0]}\\n'` prints."""
    listing = "".join(f"{p}\t0\t{p.stem}\n" for p in paths)
    monkeypatch.setattr(pdf, "fc_list", lambda: listing)


class FakeWeasyPrint(types.ModuleType):
    """Stands in for WeasyPrint: records the HTML and fetcher, 'prints' bytes derived from the HTML, 3 pages."""

    def __init__(self) -> None:
        super().__init__("weasyprint")
        self.printed: list[str] = []
        self.fetchers: list[set[str]] = []
        self.layout_error: Exception | None = None
        fake = self

        class URLFetcher:
            def __init__(self, allowed_protocols: set[str]) -> None:
                fake.fetchers.append(allowed_protocols)

        class Document:
            def __init__(self, html: str) -> None:
                self.html = html
                self.pages = [object()] * 3

            def write_pdf(self) -> bytes:
                return b"%PDF-fake " + hashlib.sha256(self.html.encode("utf-8")).hexdigest().encode()

        class HTML:
            def __init__(self, string: str, url_fetcher: URLFetcher) -> None:
                fake.printed.append(string)
                self.string = string

            def render(self) -> Document:
                if fake.layout_error is not None:
                    raise fake.layout_error
                return Document(self.string)

        self.URLFetcher = URLFetcher
        self.HTML = HTML


@pytest.fixture
def weasy(monkeypatch) -> FakeWeasyPrint:
    fake = FakeWeasyPrint()
    monkeypatch.setitem(sys.modules, "weasyprint", fake)
    return fake


# --- the format table and --out -------------------------------------------------------------------------------

def test_every_format_has_a_suffix_and_every_suffix_a_format():
    assert set(SUFFIXES.values()) == set(FORMATS) == {*TEXT_FORMATS, PDF}
    assert all(suffix == suffix.lower() and suffix.startswith(".") for suffix in SUFFIXES)
    assert format_of(".HTML") == "html" and format_of(".txt") is None and format_of("") is None
    assert all(format_of(suffixes_of(fmt)[0]) == fmt for fmt in FORMATS)
    audit_format = next(p for p in audit_cmd.audit.params if p.name == "fmt")
    assert tuple(audit_format.type.choices) == FORMATS


@pytest.mark.parametrize("suffix", [s for s, fmt in SUFFIXES.items() if fmt != PDF])
def test_a_known_suffix_names_the_format(tmp_path, suffix):
    out = tmp_path / f"report{suffix.upper()}"
    result = run("audit", SELLER, "--out", str(out))
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    fmt = SUFFIXES[suffix]
    assert {"json": text.startswith("{"), "html": text.lstrip().lower().startswith("<!doctype html"),
            "md": text.startswith("#")}[fmt]
    assert f"({fmt})" in result.stderr
    # giving the same format explicitly is no contradiction
    assert run("audit", SELLER, "--out", str(out), "--format", fmt).exit_code == 0


@pytest.mark.parametrize("lang, words", [("en", "unknown suffix .txt"), ("zh", "无法识别的文件后缀 .txt")])
def test_an_unknown_suffix_is_a_usage_error_and_writes_nothing(tmp_path, lang, words):
    out = tmp_path / "report.txt"
    result = run("audit", SELLER, "--out", str(out), "--lang", lang)
    assert result.exit_code == 2
    assert words in result.stderr and ".pdf" in result.stderr
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_no_suffix_at_all_is_a_usage_error(tmp_path):
    result = run("audit", SELLER, "--out", str(tmp_path / "report"))
    assert result.exit_code == 2 and "unknown suffix (none)" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("lang, words", [("en", "--format html contradicts --out"), ("zh", "矛盾")])
def test_a_suffix_that_contradicts_format_is_a_usage_error_and_keeps_the_old_file(tmp_path, lang, words):
    out = tmp_path / "r.json"
    out.write_text("previous report", encoding="utf-8")
    result = run("audit", SELLER, "--format", "html", "--out", str(out), "--lang", lang)
    assert result.exit_code == 2
    assert words in result.stderr and "*.html" in result.stderr
    assert out.read_text(encoding="utf-8") == "previous report"


# --- --prepared-by -------------------------------------------------------------------------------------------

def test_prepared_by_is_in_the_json_on_one_line_and_absent_when_not_given():
    named = json.loads(run("audit", SELLER, "--prepared-by", "  Nova \n Consulting ").stdout)
    assert named["prepared_by"] == "Nova Consulting"
    assert "prepared_by" not in json.loads(run("audit", SELLER).stdout)


@pytest.mark.parametrize("lang, words", [("en", "--prepared-by: give the name"), ("zh", "封面")])
def test_a_blank_prepared_by_is_a_usage_error(lang, words):
    result = run("audit", SELLER, "--prepared-by", " \t", "--lang", lang)
    assert result.exit_code == 2 and words in result.stderr


# --- why a PDF is refused --------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang, words", [("en", "not installed"), ("zh", "当前未安装")])
def test_pdf_without_weasyprint_names_the_extra(tmp_path, monkeypatch, lang, words):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # the import system's own "not installed"
    out = tmp_path / "report.pdf"
    result = run("audit", SELLER, "--out", str(out), "--lang", lang)
    assert result.exit_code == 2
    assert words in result.stderr and "pip install -e '.[pdf]'" in result.stderr
    assert not out.exists()


@pytest.mark.parametrize("lang, words", [("en", "cannot load the Pango"), ("zh", "无法加载 Pango")])
def test_pdf_without_pango_names_the_system_packages(tmp_path, monkeypatch, lang, words):
    def no_pango(name: str):
        raise OSError("cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open shared object file\n"
                      "more detail")

    monkeypatch.setattr(pdf, "import_module", no_pango)
    result = run("audit", SELLER, "--format", "pdf", "--out", str(tmp_path / "r.pdf"), "--lang", lang)
    assert result.exit_code == 2
    assert words in result.stderr and pdf.INSTALL_PANGO in result.stderr
    assert "cannot open shared object file" in result.stderr and "more detail" not in result.stderr


def test_pdf_bytes_are_not_sent_to_a_terminal(monkeypatch, weasy):
    monkeypatch.setattr(sys, "stdout", types.SimpleNamespace(isatty=lambda: True))
    with pytest.raises(audit_cmd.InputError, match="not text for a terminal"):
        audit_cmd._check_pdf_usable(None, "en")
    with pytest.raises(audit_cmd.InputError, match="终端"):
        audit_cmd._check_pdf_usable(None, "zh")


# --- the Chinese font check --------------------------------------------------------------------------------------

def test_cjk_characters_are_those_only_a_cjk_font_draws():
    assert pdf.cjk_characters("GMV café — 销售额、ＧＭＶ「x」𠮷") == set("销售额、ＧＭＶ「」𠮷")
    assert pdf.cjk_characters("KPI system audit, 100%") == set()


def test_the_installed_faces_together_must_draw_every_character(tmp_path, monkeypatch):
    han = make_font(tmp_path / "han.ttf", "中文报告")
    wide = make_font(tmp_path / "wide.ttf", "ＧＭＶ、中")
    latin = make_font(tmp_path / "latin.ttf", "abc")
    broken = tmp_path / "broken.ttc"
    broken.write_bytes(b"not a font")
    offer_fonts(monkeypatch, wide, broken, latin, han)
    used = pdf.require_glyphs(set("中文、ＧＭＶ"))
    assert [face.path for face in used] == [str(han), str(wide)]  # sorted by family; latin and broken draw none
    assert pdf.require_glyphs(set()) == []


@pytest.mark.parametrize("lang, words", [("en", "would show empty boxes"), ("zh", "空白方框")])
def test_a_character_no_font_draws_is_refused_and_named(tmp_path, monkeypatch, lang, words):
    offer_fonts(monkeypatch, make_font(tmp_path / "han.ttf", "中文"))
    with pytest.raises(pdf.PdfUnavailable) as refused:
        pdf.require_glyphs(set("中文報告"))
    message = refused.value.message(lang)
    assert words in message and pdf.INSTALL_FONT in message
    assert "2" in message and "告報" in message  # the count, and the missing characters in code-point order


def test_many_missing_characters_are_shown_in_part(tmp_path, monkeypatch):
    offer_fonts(monkeypatch)
    missing = {chr(0x4E00 + i) for i in range(40)}
    with pytest.raises(pdf.PdfUnavailable) as refused:
        pdf.require_glyphs(missing)
    assert refused.value.params["count"] == 40
    assert refused.value.params["missing"] == "".join(sorted(missing)[:12]) + "…"


def test_without_fontconfig_the_message_names_it(monkeypatch):
    def absent(*args, **kwargs):
        raise FileNotFoundError("fc-list")

    monkeypatch.setattr(pdf.subprocess, "run", absent)
    with pytest.raises(pdf.PdfUnavailable) as refused:
        pdf.require_glyphs({"中"})
    assert "fontconfig" in refused.value.message("en") and "fontconfig" in refused.value.message("zh")


def test_fc_list_output_is_parsed_and_sorted(monkeypatch):
    monkeypatch.setattr(pdf, "fc_list", lambda: "/f/b.ttc\t2\tNoto Sans CJK SC\n/f/a.otf\t0\tAR PL\nbad line\n")
    assert pdf.installed_cjk_faces() == [pdf.FontFace("AR PL", "/f/a.otf", 0),
                                        pdf.FontFace("Noto Sans CJK SC", "/f/b.ttc", 2)]


# --- printing, end to end with the stand-in ------------------------------------------------------------------------

def test_the_pdf_is_the_html_report_printed_with_data_urls_only(tmp_path, monkeypatch, weasy):
    html = run("audit", SHENZHEN, "--lang", "zh", "--format", "html").stdout
    chars = pdf.cjk_characters(html)
    assert chars, "the Chinese example must need a CJK font"
    offer_fonts(monkeypatch, make_font(tmp_path / "cjk.ttf", chars))
    out = tmp_path / "report.pdf"
    result = run("audit", SHENZHEN, "--lang", "zh", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert weasy.printed == [html] and weasy.fetchers == [{"data"}]
    assert out.read_bytes() == b"%PDF-fake " + hashlib.sha256(html.encode("utf-8")).hexdigest().encode()
    assert "已写入" in result.stderr and "共 3 页" in result.stderr
    to_stdout = run("audit", SHENZHEN, "--lang", "zh", "--format", "pdf")
    assert to_stdout.exit_code == 0 and to_stdout.stdout_bytes == out.read_bytes()


def test_a_refused_pdf_leaves_the_old_file_as_it_was(tmp_path, monkeypatch, weasy):
    html = run("audit", SHENZHEN, "--format", "html").stdout
    chars = sorted(pdf.cjk_characters(html))
    offer_fonts(monkeypatch, make_font(tmp_path / "cjk.ttf", chars[1:]))  # one character short
    out = tmp_path / "report.pdf"
    out.write_bytes(b"previous")
    result = run("audit", SHENZHEN, "--out", str(out))
    assert result.exit_code == 2
    assert f"1 Chinese character(s) of the report ({chars[0]})" in result.stderr
    assert out.read_bytes() == b"previous" and weasy.printed == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cjk.ttf", "report.pdf"]


def test_a_document_with_nothing_chinese_does_not_ask_fontconfig(monkeypatch, weasy):
    def no_fontconfig() -> str:
        raise AssertionError("fontconfig must not be asked when there is nothing Chinese to draw")

    monkeypatch.setattr(pdf, "fc_list", no_fontconfig)
    html = "<!DOCTYPE html><html lang=en><title>KPI system audit</title><p>Score 100 &amp; strong</p></html>"
    printed = pdf.html_to_pdf(html)
    assert printed.pages == 3 and printed.data.startswith(b"%PDF-fake ")
    assert weasy.printed == [html]


@pytest.mark.parametrize("lang, words", [("en", "could not lay out the report"), ("zh", "无法排版")])
def test_a_layout_engine_failure_is_a_message_not_a_traceback(tmp_path, monkeypatch, weasy, lang, words):
    weasy.layout_error = TypeError("min-content width for TextBox not handled yet")
    offer_fonts(monkeypatch, make_font(tmp_path / "cjk.ttf", pdf.cjk_characters(
        run("audit", SELLER, "--lang", lang, "--format", "html").stdout)))
    out = tmp_path / "report.pdf"
    result = run("audit", SELLER, "--lang", lang, "--out", str(out))
    assert result.exit_code == 2
    assert words in result.stderr and "TypeError: min-content width" in result.stderr and "--format html" in result.stderr
    assert not out.exists()
