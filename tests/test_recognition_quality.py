"""Recognition quality on real KPI names from public sources (tests/fixtures/kpi_names), per the issue's target
precision ≥ 0.97 and recall ≥ 0.90.

How honest each figure is depends on the file:
- dev.tsv and holdout.tsv (646 names) were looked at while catalogue 1.1 was tuned: they must meet the target,
  which guards what the tuning achieved.
- final.tsv (359 names from 73 other sources) was made afterwards and first measured untouched (precision 0.777,
  recall 0.557); its misses were then looked at, so it is no longer held out. It is held to the figures reached.
- final2.tsv (319 names from 57 further sources) was made last and measured on first contact at precision 0.715,
  recall 0.519; only its false readings were looked at, to choose between head-rule variants (an unknown English
  word before a metric no longer counts as a mere modifier), which moved it to 0.745 / 0.490.
The target is not met on names nobody tuned on; `python benchmarks/recognition.py` prints every figure.
"""
from __future__ import annotations

import pytest

from benchmarks.recognition import NOT_METRICS, Score, load_names, score
from engine.catalogue import Catalogue
from engine.ruleset import load_catalogue

PRECISION, RECALL = 0.97, 0.90
FLOORS = {"final": (0.86, 0.65), "final2": (0.74, 0.48)}


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return Catalogue.from_document(load_catalogue("metrics@1.1.0"))


def _combined(cat: Catalogue, names: list[str]) -> Score:
    return score(cat, [row for name in names for row in load_names(name)])


@pytest.mark.parametrize("name", ["dev", "holdout", "final", "final2"])
def test_labels_use_catalogue_ids(cat, name):
    """A few labels name metrics the catalogue does not have yet (final.tsv, final2.tsv); they count as misses."""
    labels = {row["expected"] for row in load_names(name)} - set(NOT_METRICS)
    assert len(labels - set(cat.metrics)) <= 6, sorted(labels - set(cat.metrics))


def test_the_tuning_sets_meet_the_target(cat):
    result = _combined(cat, ["dev", "holdout"])
    assert result.precision >= PRECISION and result.recall >= RECALL, (result.precision, result.recall)


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_later_sets_keep_what_they_measured(cat, name):
    precision, recall = FLOORS[name]
    result = score(cat, load_names(name))
    assert result.precision >= precision and result.recall >= recall, (result.precision, result.recall)


def test_behaviour_items_are_found(cat):
    assert _combined(cat, ["dev", "holdout"]).behaviour >= 0.85
