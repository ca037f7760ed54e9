"""Properties of the command line over fuzzed intakes (issue 10, item 7): in every form, whatever was done to
the intake, `validate` and `audit` exit 0 or 2, never with a traceback, and agree on whether it is valid.

Profiles: tests/fuzz/__init__.py (HYPOTHESIS_PROFILE=nightly for the long run).
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import event, given, note
from hypothesis import strategies as st

from tests.fuzz import fuzz_settings
from tests.fuzz.forms import FORMS, write_form
from tests.fuzz.run import kpi_audit, validate_and_audit
from tests.fuzz.strategies import hostile_intakes, intakes
from tests.fuzz.text_mutations import TEXT_MUTATIONS, mutate_text

REPORT_SUFFIXES = (".json", ".md", ".html")


@fuzz_settings()
@given(drawn=hostile_intakes(), form=st.sampled_from(FORMS), lang=st.sampled_from(["en", "zh"]),
       suffix=st.sampled_from(REPORT_SUFFIXES))
def test_mutated_intakes_in_every_form(drawn, form: str, lang: str, suffix: str) -> None:
    raw, applied = drawn
    note(f"mutations: {applied}")
    with tempfile.TemporaryDirectory() as folder:
        path = write_form(raw, form, Path(folder))
        out = Path(folder) / f"report{suffix}"
        validated, _ = validate_and_audit(str(path), str(out), lang)
        assert out.exists() == (validated.status == 0)
    event(f"{form}: exit {validated.status}")  # --hypothesis-show-statistics: the mix of valid and refused


@fuzz_settings(scale=0.5)
@given(raw=intakes(), form=st.sampled_from(("yaml", "json", "csv-utf-8")),
       mutation=st.sampled_from(sorted(TEXT_MUTATIONS)), data=st.data())
def test_mutated_text_in_every_text_form(raw, form: str, mutation: str, data: st.DataObject) -> None:
    """Mutations of the file's text itself: what no dict can hold (duplicate keys, a 5,000-digit literal, a lone
    surrogate escape, a Windows-1252 byte, a cut-off file…)."""
    with tempfile.TemporaryDirectory() as folder:
        path = write_form(raw, form, Path(folder))
        target = path if path.is_file() else sorted(path.glob("*.csv"))[data.draw(st.integers(0, len(raw) - 1))]
        mutate_text(target, mutation, data.draw(st.integers(0, 2 ** 16)))
        note(f"{mutation} in {target.name}")
        validated, _ = validate_and_audit(str(path), str(Path(folder) / "report.json"), "en")
    event(f"{mutation}: exit {validated.status}")


@fuzz_settings(scale=0.25)
@given(raw=intakes())
def test_every_form_reads_the_same(raw) -> None:
    """One intake written in every form is valid in all or in none, and with the same number of problems: no
    form misreads silently what another reads."""
    verdicts = {}
    with tempfile.TemporaryDirectory() as folder:
        for form in FORMS:
            (Path(folder) / form).mkdir()
            outcome = kpi_audit("validate", str(write_form(raw, form, Path(folder) / form)), "--lang", "en")
            listed = sum(line.startswith("  - ") for line in outcome.err.splitlines())
            verdicts[form] = (outcome.status, listed or outcome.status)  # one problem is told on one line
    assert len(set(verdicts.values())) == 1, verdicts
