"""The PDF report: the HTML report printed by WeasyPrint, refused rather than printed with boxes.

The PDF is `reports.render.render(report, "html")` laid out for paper, so HTML and PDF never drift apart.
WeasyPrint is an optional extra (`kpi-audit[pdf]`) that needs the Pango library from the system, and it draws
a character no installed font has as an empty box without complaint. So before printing, every CJK character
of the document is looked up in the cmap of the fonts fontconfig offers (fontTools reads the font files
themselves; a family name proves nothing), and a document that would show boxes is refused with a message
naming what to install. WeasyPrint may fetch nothing but `data:` URLs: the report is self-contained, and client
text must never make the printer read a file or the network.
"""
from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from importlib import import_module
from types import ModuleType

from reports.render import render

INSTALL_EXTRA = "pip install -e '.[pdf]'"
INSTALL_PANGO = "apt-get install -y libpango-1.0-0 libpangoft2-1.0-0"
INSTALL_FONT = "apt-get install -y fontconfig fonts-noto-cjk"
# Characters that need a CJK font: radicals, CJK punctuation, kana, bopomofo, enclosed and compatibility forms,
# unified ideographs (with extensions), hangul, fullwidth forms (ＧＭＶ) and the supplementary ideograph planes.
_CJK = re.compile("[\u2e80-\u2fdf\u3000-\u312f\u3190-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
                  "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003134f]")
_SHOWN_MISSING = 12

MESSAGES: dict[str, dict[str, str]] = {
    "no_weasyprint": {
        "en": "PDF output needs WeasyPrint, which is not installed. Install the PDF extra: "
              f"{INSTALL_EXTRA} (in a checkout) or pip install 'kpi-audit[pdf]'.",
        "zh": "输出 PDF 需要 WeasyPrint，当前未安装。请安装 PDF 扩展：在源码目录中运行 "
              f"{INSTALL_EXTRA}，或运行 pip install 'kpi-audit[pdf]'。",
    },
    "no_pango": {
        "en": "WeasyPrint is installed but cannot load the Pango text library ({detail}). Install it: "
              f"{INSTALL_PANGO} (Debian/Ubuntu) or brew install pango (macOS).",
        "zh": "已安装 WeasyPrint，但无法加载 Pango 文字排版库（{detail}）。请安装：Debian/Ubuntu 运行 "
              f"{INSTALL_PANGO}，macOS 运行 brew install pango。",
    },
    "no_fontconfig": {
        "en": "the report contains Chinese text, and fc-list (fontconfig) is not available to find a font that "
              f"can draw it. Install fontconfig and a Chinese font: {INSTALL_FONT}.",
        "zh": "报告含有中文，但找不到 fc-list（fontconfig），无法查找可显示中文的字体。请安装 fontconfig 和中文字体："
              f"{INSTALL_FONT}。",
    },
    "layout_failed": {
        "en": "WeasyPrint could not lay out the report ({detail}); no PDF was written. The HTML report "
              "(--format html) has the same content and prints from a browser.",
        "zh": "WeasyPrint 无法排版此报告（{detail}），未生成 PDF。HTML 报告（--format html）内容相同，可在浏览器中打印。",
    },
    "no_cjk_font": {
        "en": "no installed font can draw {count} Chinese character(s) of the report ({missing}); the PDF would "
              f"show empty boxes. Install a Chinese font: {INSTALL_FONT} (Debian/Ubuntu), or any font that "
              "covers these characters, and run again. The HTML report (--format html) needs no font.",
        "zh": "报告中有 {count} 个中文字符（{missing}）没有任何已安装字体可以显示，PDF 会出现空白方框。请安装中文字体："
              f"Debian/Ubuntu 运行 {INSTALL_FONT}，或安装任何包含这些字符的字体后重试。HTML 报告（--format html）"
              "不需要字体。",
    },
}


class PdfUnavailable(Exception):
    """No PDF can be printed: `message(lang)` says why and what to install or use instead."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    def message(self, lang: str) -> str:
        return MESSAGES[self.code][lang].format(**self.params)


@dataclass(frozen=True, order=True)
class FontFace:
    """One face of an installed font file (a .ttc collection holds several, told apart by index)."""

    family: str
    path: str
    index: int


def cjk_characters(text: str) -> set[str]:
    """The characters of `text` that only a CJK font draws."""
    return set(_CJK.findall(text))


def fc_list() -> str:
    """fontconfig's faces that have 一 (U+4E00), one `file<TAB>index<TAB>family` a line: the candidates."""
    result = subprocess.run(["fc-list", "--format", r"%{file}\t%{index}\t%{family[0]}\n", ":charset=4e00"],
                            capture_output=True, text=True, check=True)
    return result.stdout


def installed_cjk_faces() -> list[FontFace]:
    """The faces fontconfig offers for Chinese text, sorted, so the same machine always checks the same way."""
    try:
        listing = fc_list()
    except (OSError, subprocess.CalledProcessError):
        raise PdfUnavailable("no_fontconfig") from None
    faces = set()
    for line in listing.splitlines():
        path, _, rest = line.partition("\t")
        index, _, family = rest.partition("\t")
        if path and index.isdigit():
            faces.add(FontFace(family, path, int(index)))
    return sorted(faces)


@lru_cache(maxsize=64)
def face_characters(face: FontFace) -> frozenset[str]:
    """The characters the face's own cmap maps to a glyph; empty when fontTools cannot read the file."""
    from fontTools.ttLib import TTFont, TTLibError

    try:
        with TTFont(face.path, fontNumber=face.index, lazy=True) as font:
            return frozenset(map(chr, font["cmap"].getBestCmap() or {}))
    except (OSError, TTLibError, KeyError, ValueError, AssertionError):
        # Not an OpenType/TrueType file (a bitmap font fontconfig also lists) or a damaged one: draws nothing.
        return frozenset()


def require_glyphs(chars: set[str]) -> list[FontFace]:
    """The installed faces that together draw every one of `chars`, or PdfUnavailable naming what to install.

    Pango falls back from the stylesheet's fonts to any fontconfig font that has a glyph, so the union of the
    installed faces is what counts. Faces are read in sorted order until nothing is missing.
    """
    if not chars:
        return []
    missing = set(chars)
    used = []
    for face in installed_cjk_faces():
        drawn = missing & face_characters(face)
        if drawn:
            used.append(face)
            missing -= drawn
        if not missing:
            return used
    shown = "".join(sorted(missing)[:_SHOWN_MISSING]) + ("…" if len(missing) > _SHOWN_MISSING else "")
    raise PdfUnavailable("no_cjk_font", count=len(missing), missing=shown)


def load_weasyprint() -> ModuleType:
    """WeasyPrint, or PdfUnavailable: not installed (the extra) or installed without Pango (the system)."""
    try:
        return import_module("weasyprint")
    except ImportError:
        raise PdfUnavailable("no_weasyprint") from None
    except OSError as exc:  # cffi could not dlopen Pango when WeasyPrint loaded its text layer
        raise PdfUnavailable("no_pango", detail=str(exc).splitlines()[0]) from None


@dataclass(frozen=True)
class Pdf:
    """A printed document and its page count (the CLI reports it: a 100-page report is a finding in itself)."""

    data: bytes
    pages: int


def html_to_pdf(html: str) -> Pdf:
    """Print a self-contained HTML document; fonts are checked first so a refused PDF costs no layout."""
    weasyprint = load_weasyprint()
    require_glyphs(cjk_characters(html))
    fetcher = weasyprint.URLFetcher(allowed_protocols={"data"})
    try:
        document = weasyprint.HTML(string=html, url_fetcher=fetcher).render()
        return Pdf(document.write_pdf(), len(document.pages))
    except Exception as exc:  # noqa: BLE001 - a layout engine's own bug must end in a message, not a traceback
        raise PdfUnavailable("layout_failed", detail=f"{type(exc).__name__}: {exc}") from None


def render_pdf(report: dict) -> Pdf:
    """The report as PDF: the HTML report, printed. Same report, same bytes (WeasyPrint stamps no clock)."""
    return html_to_pdf(render(report, "html"))
