"""Finds English left in Chinese output: the check behind every "this reads in Chinese" test.

A Chinese reader meets Latin letters in three legitimate places only: proper nouns and abbreviations
everyone in the trade uses (KPI, GMV, Amazon…), the client's own text (names, ids, the values they typed),
and notation (dates, formats such as YYYY-MM-DD). Anything else is an untranslated word.
"""
from __future__ import annotations

import re

# Proper nouns, abbreviations and notation a Chinese reader of a KPI diagnosis reads as they are.
PROPER_NOUNS: frozenset[str] = frozenset({
    "KPI", "KPIs", "GMV", "ROI", "ROAS", "ERP", "BI", "ACoS", "TACoS", "SKU", "ASIN", "OKR", "CSV", "JSON", "HTML",
    "PDF", "YAML", "Excel", "WPS", "UTF", "GB18030", "GBK", "xlsx", "xls", "csv", "json", "yaml", "yml", "txt", "md",
    "html", "pdf", "Amazon", "Shopee", "TikTok", "Temu", "Lazada", "Walmart", "eBay", "Shop", "DSR", "CEO", "COO",
    "CFO", "HR", "P&L", "USD", "CNY", "EUR", "US", "DE", "JP", "UK", "SEA", "CN", "HQ", "ID", "Power", "Looker",
    "Studio", "Seller", "Central", "Listing", "YYYY", "MM", "DD", "kpi-audit", "KPI-audit", "sha256", "MB", "MiB",
})
# A word: Latin letters, with digits, hyphens, underscores or dots inside (`us-gmv`, `core_kpis`, `utf-8`).
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-_.&][A-Za-z0-9]+)*")


def english_words(text: str, allowed: set[str] | frozenset[str] = frozenset()) -> list[str]:
    """The Latin words of `text` that are neither proper nouns nor in `allowed` (client text, ids, names).

    `allowed` may hold whole phrases (a client's KPI name `US GMV`) or single words; every word of every
    allowed phrase is allowed; case does not matter (`tiktok` is TikTok), and a compound is allowed when its
    parts are (`tiktok-shop`). Single letters and cell references (`F12`) are ignored.
    Returned in order of appearance, each once.
    """
    permitted = {word.lower() for word in PROPER_NOUNS}
    for phrase in allowed:
        permitted.add(phrase.lower())
        permitted.update(word.lower() for word in _WORD.findall(phrase))

    def ok(word: str) -> bool:  # a compound (`tiktok-shop`, `kpis.owner`) is as good as its parts
        if word.lower() in permitted:
            return True
        for separator in (r"\.", r"[-_&]"):
            parts = re.split(separator, word)
            if len(parts) > 1:
                return all(ok(part) for part in parts)
        return False

    found: list[str] = []
    for word in _WORD.findall(text):
        if len(word) < 2 or re.fullmatch(r"[A-Z]{1,3}\d+", word):  # `S`, `F12`
            continue
        if re.fullmatch(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+", word):  # an environment variable: KPI_AUDIT_DEBUG
            continue
        if not ok(word) and word not in found:
            found.append(word)
    return found
