"""Recognition quality on real KPI names (tests/fixtures/kpi_names): precision ≥ 0.97 and recall ≥ 0.90.

dev.tsv was used to tune catalogue 1.1; holdout.tsv never was. The holdout falls short of the target (measured
precision 0.901, recall 0.564): that test is a strict xfail, so the day the catalogue reaches the target it fails
until the marker goes; a floor at the measured figures guards against regressions meanwhile.
`python benchmarks/recognition.py` prints the figures per file and language.
"""
from __future__ import annotations

import pytest

from benchmarks.recognition import NOT_METRICS, load_names, score
from engine.catalogue import Catalogue
from engine.ruleset import load_catalogue

PRECISION, RECALL = 0.97, 0.90
HOLDOUT_FLOOR = {"precision": 0.90, "recall": 0.56, "behaviour": 0.75}


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return Catalogue.from_document(load_catalogue("metrics@1.1.0"))


@pytest.mark.parametrize("name", ["dev", "holdout"])
def test_every_label_is_a_catalogue_id(cat, name):
    labels = {row["expected"] for row in load_names(name)} - set(NOT_METRICS)
    assert labels <= set(cat.metrics), sorted(labels - set(cat.metrics))


def test_dev_meets_the_target(cat):
    result = score(cat, load_names("dev"))
    print(f"dev: precision {result.precision:.3f}, recall {result.recall:.3f}, behaviour {result.behaviour:.3f}")
    assert result.precision >= PRECISION and result.recall >= RECALL


@pytest.mark.xfail(strict=True, reason="holdout below target: precision 0.901, recall 0.564 (catalogue 1.1.0)")
def test_holdout_meets_the_target(cat):
    result = score(cat, load_names("holdout"))
    assert result.precision >= PRECISION and result.recall >= RECALL


def test_holdout_does_not_fall_below_what_was_measured(cat):
    result = score(cat, load_names("holdout"))
    print(f"holdout: precision {result.precision:.3f}, recall {result.recall:.3f}, "
          f"behaviour {result.behaviour:.3f}")
    assert result.precision >= HOLDOUT_FLOOR["precision"] and result.recall >= HOLDOUT_FLOOR["recall"]
    assert result.behaviour >= HOLDOUT_FLOOR["behaviour"]


def test_behaviour_items_are_mostly_found_on_dev(cat):
    assert score(cat, load_names("dev")).behaviour >= 0.75
