"""The catalogue metrics closest to a KPI name the catalogue does not read: a consultant's shortlist.

Recognition abstains on a name it cannot fully account for (issue 8: about half the metric names of a fresh list
use a word the catalogue has never seen), and the remedy is an override synonym. This module only ranks: it never
makes a name denote a metric, so it cannot cause a false finding. It scores the metrics whose names and synonyms
share the name's informative words (Latin words, CJK character pairs), each weighted by how few metrics use it;
words most metrics share (`rate`, `率`, `数`) say nothing and are not indexed, which also bounds the work per name
by the catalogue's rarer words, never its size.
"""
from __future__ import annotations

import math
from typing import Callable, Iterable

from engine.catalogue import CJK_RUN
_COMMON = 0.12   # a word used by more than this share of the metrics is not indexed
_ENOUGH = 0.3    # a metric is suggested when its shared words carry at least this share of the name's weight


def features(keys: Iterable[str]) -> set[str]:
    """A name's words as compared: each Latin word, and each pair of adjacent CJK characters (a lone CJK
    character, when a run has only one)."""
    found: set[str] = set()
    run = ""
    for key in [*keys, ""]:
        if key and CJK_RUN.fullmatch(key):
            run += key
            continue
        found.update(run[i:i + 2] for i in range(max(len(run) - 1, 1)) if run)
        run = ""
        if key and any(c.isalnum() for c in key):
            found.add(key)
    return found


class Suggester:
    """An inverted index from informative words to the metrics whose names or synonyms use them."""

    def __init__(self, names: dict[str, Iterable[str]], keys: Callable[[str], tuple[str, ...]]):
        """`names`: metric id -> its names and synonyms; `keys`: how the recogniser folds and cuts a name."""
        self.keys = keys
        postings: dict[str, set[str]] = {}
        for metric_id, texts in names.items():
            for text in texts:
                for feature in features(keys(text)):
                    postings.setdefault(feature, set()).add(metric_id)
        limit = max(1, int(len(names) * _COMMON))
        self.postings = {f: frozenset(ids) for f, ids in postings.items() if len(ids) <= limit}
        self.weight = {f: math.log(len(names) / len(ids)) + 1.0 for f, ids in self.postings.items()}

    def closest(self, name: str, limit: int = 3) -> list[str]:
        """Up to `limit` metric ids, best first (ties by id): those sharing at least 30 % of the weight of the
        name's indexed words."""
        mine = [f for f in features(self.keys(name)) if f in self.postings]
        total = sum(self.weight[f] for f in mine)
        if not total:
            return []
        scores: dict[str, float] = {}
        for feature in mine:
            for metric_id in self.postings[feature]:
                scores[metric_id] = scores.get(metric_id, 0.0) + self.weight[feature]
        ranked = sorted((-score, metric_id) for metric_id, score in scores.items() if score >= _ENOUGH * total)
        return [metric_id for _, metric_id in ranked[:limit]]
