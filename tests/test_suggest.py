"""The closest catalogue metrics for a name the catalogue does not read (engine/suggest.py): a shortlist, never a
reading."""
from __future__ import annotations

import pytest

from engine.catalogue import Catalogue
from engine.ruleset import load_catalogue
from engine.suggest import Suggester, features


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return Catalogue.from_document(load_catalogue("metrics@1.1.0"))


@pytest.mark.parametrize(("name", "first"), [("Buy box time", "buy-box-percentage"), ("宝贝页访客人次", "sessions"),
                                             ("Hosting cost / Revenue", "cogs")])
def test_the_closest_metric_shares_the_name_s_rarest_words(cat, name, first):
    assert cat.read(name).metric is None
    assert cat.closest(name)[0].id == first


@pytest.mark.parametrize("name", ["xyz", "Rate", ""])
def test_a_name_of_unknown_or_common_words_gets_no_shortlist(cat, name):
    """Near miss: words most metrics use (`rate`, `率`) are not indexed, so they suggest nothing."""
    assert cat.closest(name) == []


def test_the_shortlist_is_ordered_and_bounded(cat):
    ids = [m.id for m in cat.closest("Buy box time", limit=2)]
    assert len(ids) == 2 and ids == [m.id for m in cat.closest("Buy box time")][:2]


def test_ties_are_broken_by_id():
    names = {"b": ["alpha beta"], "a": ["alpha gamma"], **{f"m{i}": [f"word{i}"] for i in range(20)}}
    assert Suggester(names, lambda text: tuple(text.split())).closest("alpha") == ["a", "b"]


def test_cjk_runs_are_cut_into_character_pairs():
    assert features(("访", "客", "数", "gmv")) == {"访客", "客数", "gmv"}
    assert features(("店",)) == {"店"}


def test_a_1_0_catalogue_suggests_nothing():
    catalogue = Catalogue.from_records([{"id": "gmv", "en": "GMV", "zh": "销售额", "kind": "result",
                                         "focus": "growth", "synonyms": ["GMV"]}])
    assert catalogue.closest("GMV") == []
