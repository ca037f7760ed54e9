"""One audit from a loaded intake to the rendered report, the sequence every front door shares.

`kpi-audit audit` and the service's workers (service/work.py) both call `audit_intake`, so the same intake
with the same options gives the same report bytes at either door: the waivers checked against the ruleset,
the audit, the organisation's previous audit (a baseline report, else the store's last one), "since last
audit", the report rendered in the asked format, and the save into the store. Where the options come from
(command-line paths, or the tenant's folder on the server) and where the bytes go stay at the doors.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import gc
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from engine import audit as pipeline
from engine.loaders import LoadedIntake
from engine.ruleset import Ruleset
from history.compare import since_last_audit
from history.saving import Saved, save_audit
from history.store import Store
from reports import pdf, render
from reports.formats import PDF
from waivers import Waiver, check_codes


@dataclass(frozen=True)
class WaiverFile:
    """The organisation's waivers and the file they came from (named in a bad code's message)."""

    waivers: list[Waiver]
    source: str


@dataclass(frozen=True)
class Baseline:
    """An earlier report of the organisation given by the caller, and where it came from."""

    report: dict
    source: str


@dataclass(frozen=True)
class Audited:
    """The report, its rendered bytes (`pages` printed when PDF) and, when saved, where it went."""

    report: dict
    data: bytes
    pages: int | None = None
    saved: Saved | None = None


def cover_line(name: str) -> str:
    """The consultant's name as the report cover prints it: one line, runs of white space as one space
    (empty when blank, which each door refuses in its own words)."""
    return " ".join(name.split())


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic GC for one audit and restore the caller's setting, even on error.

    An audit builds many long-lived objects and no garbage cycles worth collecting: the
    collector's passes cost ~20% of a 10,000-KPI audit (see benchmarks/). The audit may
    run in-process (tests, a caller's own Python), so the setting must not leak out.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def audit_intake(loaded: LoadedIntake, ruleset: Ruleset, fmt: str, lang: str, *, as_of: dt.date | None = None,
                 prepared_by: str | None = None, waivers: WaiverFile | None = None,
                 baseline: Baseline | None = None, store: Store | None = None) -> Audited:
    """Audit `loaded` and render the report as `fmt`; with a `store`, save it there (the caller closes it).

    Raises UserInputError (a waiver for a rule the ruleset lacks, a baseline of another organisation, a store
    that refuses the write) and reports.pdf.PdfUnavailable (PDF without WeasyPrint); the doors say them.
    """
    with gc_paused():
        if waivers is not None and waivers.waivers:
            check_codes(waivers.waivers, {r.code for r in ruleset.active_rules},
                        f"{ruleset.name}@{ruleset.version}", waivers.source)
        report = pipeline.run_audit(loaded.intake, ruleset, lang, as_of, loaded.warnings, prepared_by=prepared_by,
                                    waivers=waivers.waivers if waivers is not None else None)
        previous, source = (baseline.report, baseline.source) if baseline is not None else (None, "")
        if previous is None and store is not None:
            previous = store.previous(report["organization"]["id"], report)
        since_last_audit(report, previous, source)
        pages = None
        if fmt == PDF:
            printed = pdf.render_pdf(report)
            data, pages = printed.data, printed.pages
        else:
            data = render(report, fmt).encode("utf-8")
    saved = save_audit(store, report, Path(loaded.source)) if store is not None else None
    return Audited(report, data, pages, saved)
