"""Stand-in PDF printers for the pool's workers, so a test sees where a saved report is printed (a PDF printed in
a worker carries that worker's pid, never the server's) and can hold a printer to fill the pool — no WeasyPrint
and no clock involved. Each is a worker's `prepare` (service/pool.py), run in the worker before any job."""
from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from fastapi import FastAPI

from reports import pdf
from service.pool import AuditPool

FAKE = b"%PDF-fake "


def stand_in_printer(gate: str | None = None) -> None:
    """WeasyPrint counts as installed in this worker and pdf.html_to_pdf answers `%PDF-fake <pid> <sha256 of the HTML>`; with `gate`, a print
    leaves `<gate>.started` behind and waits until `gate` exists (the test decides when)."""

    def fake_print(html: str) -> pdf.Pdf:
        if gate is not None:
            Path(f"{gate}.started").touch()
            while not Path(gate).exists():
                time.sleep(0.01)
        digest = hashlib.sha256(html.encode("utf-8")).hexdigest()
        return pdf.Pdf(FAKE + f"{os.getpid()} {digest}".encode(), 1)

    pdf.html_to_pdf = fake_print
    pdf.load_weasyprint = lambda: sys.modules[__name__]  # "installed": the stand-in prints


def no_preparation() -> None:
    """Nothing to prepare (a check or a stand-in print needs no ruleset loaded first)."""


def no_weasyprint() -> None:
    """This worker cannot import WeasyPrint (the import system's own "not installed")."""
    sys.modules["weasyprint"] = None  # type: ignore[assignment]


def printed(data: bytes) -> tuple[int, str]:
    """The pid of the worker that printed a stand-in PDF, and the hash of the HTML it printed."""
    assert data.startswith(FAKE)
    pid, digest = data[len(FAKE):].decode().split()
    return int(pid), digest


def gated(gate: Path) -> Callable[[], None]:
    return functools.partial(stand_in_printer, str(gate))


@contextlib.contextmanager
def pool_of(app: FastAPI, prepare: Callable[[], None], queue: int = 4) -> Iterator[AuditPool]:
    """The app's pool replaced, while in the block, by one worker prepared by `prepare` with `queue` jobs
    allowed to wait; then closed and the app's own pool (left running) put back."""
    config = app.state.config
    kept = app.state.pool
    app.state.pool = AuditPool(1, config.audit_seconds, config.worker_memory_mib, queue, prepare=prepare)
    try:
        yield app.state.pool
    finally:
        app.state.pool.close()
        app.state.pool = kept
