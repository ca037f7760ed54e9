"""The bilingual metric catalogue and name matching.

A KPI is recognised whatever the client calls it: names are normalised (width,
case, spaces, punctuation) and compared with every synonym. Latin synonyms
match whole words (`ACoS` is not found inside `TACoS`), CJK synonyms match
anywhere in the name (`美国站销售额` contains `销售额`); the longest synonym
wins. Matching is cached per name, so cost grows with distinct names, not KPIs.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

KINDS = ("result", "process", "input")
FOCI = ("growth", "profit", "efficiency", "customer", "capability")
_TOKEN = re.compile(r"[a-z0-9]+|[^\sa-z0-9]+")
_PUNCT = re.compile(r"[\W_]+", re.UNICODE)
_MAX_NGRAM = 5


def normalise(name: str) -> str:
    """Canonical form of a metric name: NFKC, case-folded, without spaces or punctuation."""
    return _PUNCT.sub("", unicodedata.normalize("NFKC", name).casefold())


def _tokens(name: str) -> list[str]:
    text = _PUNCT.sub(" ", unicodedata.normalize("NFKC", name).casefold())
    return _TOKEN.findall(text)


def _is_latin(text: str) -> bool:
    return text.isascii()


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


WHY = {
    "synonym": {"en": "a synonym found in the name (catalogue 1.0 matching)",
                "zh": "名称中含有该指标的同义词（指标库 1.0 匹配方式）"},
    "unrecognised": {"en": "no catalogue synonym in the name", "zh": "名称中没有指标库中的同义词"},
}


@dataclass(frozen=True)
class Reading:
    """What a KPI name denotes: a catalogue metric (or none), and why."""

    metric: CatalogueMetric | None
    why: str
    behaviour: str | None = None
    domestic: str | None = None
    attainment: bool = False
    detail: tuple = ()


@dataclass
class Catalogue:
    """Metrics by id plus the two lookup tables built from their synonyms."""

    metrics: dict[str, CatalogueMetric]
    _latin: dict[str, str] = field(default_factory=dict, repr=False)
    _cjk: dict[str, str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for metric in self.metrics.values():
            for synonym in (metric.en, metric.zh, *metric.synonyms):
                key = normalise(synonym)
                if not key:
                    continue
                table = self._latin if _is_latin(key) else self._cjk
                table.setdefault(key, metric.id)
        self._match = lru_cache(maxsize=65536)(self._match_uncached)

    @classmethod
    def from_records(cls, records: Iterable[dict]) -> "Catalogue":
        metrics: dict[str, CatalogueMetric] = {}
        for record in records:
            metric = CatalogueMetric(
                id=record["id"], en=record["en"], zh=record["zh"], kind=record["kind"],
                focus=record["focus"], synonyms=tuple(record.get("synonyms", ())),
                drives=tuple(record.get("drives", ())), domestic=bool(record.get("domestic", False)),
                note=record.get("note"))
            metrics[metric.id] = metric
        return cls(metrics)

    def match(self, name: str | None) -> CatalogueMetric | None:
        """The catalogue metric a name refers to, or None."""
        if not name:
            return None
        found = self._match(name)
        return self.metrics[found] if found else None

    def read(self, name: str | None) -> Reading:
        """How the catalogue reads a KPI name."""
        metric = self.match(name)
        return Reading(metric, "synonym" if metric else "unrecognised")

    def key(self, name: str) -> str:
        """Canonical metric key: the catalogue id, else the normalised name."""
        metric = self.match(name)
        return metric.id if metric else normalise(name)

    def _match_uncached(self, name: str) -> str | None:
        compact = normalise(name)
        if not compact:
            return None
        exact = self._latin.get(compact) or self._cjk.get(compact)
        if exact:
            return exact
        best: tuple[int, int, str] | None = None  # (-length, position, id)
        tokens = _tokens(name)
        offset = 0
        for start in range(len(tokens)):
            for end in range(start + 1, min(len(tokens), start + _MAX_NGRAM) + 1):
                gram = "".join(tokens[start:end])
                found = self._latin.get(gram) if _is_latin(gram) else None
                if found:
                    candidate = (-len(gram), offset, found)
                    best = candidate if best is None or candidate < best else best
            offset += len(tokens[start])
        for size in range(min(len(compact), 24), 1, -1):
            if best is not None and size < -best[0]:
                break
            for pos in range(len(compact) - size + 1):
                piece = compact[pos:pos + size]
                found = self._cjk.get(piece)
                if found:
                    candidate = (-size, pos, found)
                    best = candidate if best is None or candidate < best else best
        return best[2] if best else None
