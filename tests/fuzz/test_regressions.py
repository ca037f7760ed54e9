"""Every class of hostile text, applied once with a fixed seed to every text form: whatever the derandomised CI
profile happens to draw, each class is exercised on every run. `validate` only (cheap); the properties in
test_fuzz_intake.py compare it with `audit`."""
from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from tests.fuzz.forms import write_form
from tests.fuzz.run import check_outcome, kpi_audit
from tests.fuzz.text_mutations import TEXT_MUTATIONS, mutate_text

BASE = Path(__file__).resolve().parent.parent / "rules" / "base.yaml"
TEXT_FORMS = ("yaml", "json", "csv-gb18030")


@pytest.fixture(scope="module")
def base() -> dict:
    return yaml.safe_load(BASE.read_text(encoding="utf-8"))


@pytest.mark.parametrize("form", TEXT_FORMS)
@pytest.mark.parametrize("mutation", sorted(TEXT_MUTATIONS))
def test_each_text_mutation_is_an_answer_not_a_crash(tmp_path: Path, base: dict, form: str, mutation: str) -> None:
    path = write_form(copy.deepcopy(base), form, tmp_path)
    target = path if path.is_file() else path / "kpis.csv"
    before = target.read_bytes()
    mutate_text(target, mutation, seed=7)
    assert target.read_bytes() != before or mutation == "cut short"  # the class really changed the file
    check_outcome(kpi_audit("validate", str(path)))
