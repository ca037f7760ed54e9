"""What runs in a worker process (a local pool's or a Dask worker's): audit one client, render its reports.

The ruleset is loaded once per process (`prepare`, the pool's initializer, or the first task on a Dask worker)
and kept; the rule runtime compiles it on the process's first audit and keeps that too (engine.rule_runtime),
so start-up and imports are paid once per worker, not once per client. The worker writes nothing: it returns
the rendered bytes and the process that owns the output folder writes them, so the same task runs on a remote
Dask worker that cannot see DIR.
"""
from __future__ import annotations

import signal
import time
from dataclasses import dataclass, field

from engine.ruleset import Ruleset

_RULESETS: dict[str, Ruleset] = {}


@dataclass(frozen=True)
class Task:
    """One client to audit; paths are absolute so a worker with another working folder finds them."""

    client: str
    path: str
    source: str  # the path as the user gave it, for messages
    ruleset_spec: str
    lang: str
    formats: tuple[str, ...]


@dataclass(frozen=True)
class Outcome:
    """A task's result: the report and its rendered files, or the error (the CLI's exit-2 text)."""

    client: str
    error: str | None
    report: dict | None
    outputs: dict[str, bytes] = field(default_factory=dict)  # format -> file content
    seconds: float = 0.0


def ruleset(spec: str) -> Ruleset:
    """The ruleset of `spec`, loaded once per process."""
    if spec not in _RULESETS:
        from engine.findings import load_compiled

        _RULESETS[spec] = load_compiled(spec)  # a ruleset error shows here, before any client
    return _RULESETS[spec]


def prepare_local(spec: str) -> None:
    """A local pool's initializer: Ctrl-C is the batch process's to handle (it stops the pool and keeps the
    state), so a worker ignores it instead of dying with a traceback; then load the ruleset."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    ruleset(spec)


def _die_with_parent() -> None:
    """On Linux, a worker gets SIGTERM when the batch process dies (even by kill -9), so no worker outlives
    an interrupted batch; elsewhere the pool's own shutdown is all there is."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def audit_task(task: Task) -> Outcome:
    """Audit one client; a bad intake or a crash is this client's failure, never the batch's."""
    from engine.audit import run_audit
    from engine.audit_job import gc_paused
    from engine.errors import UserInputError
    from engine.loaders import load_intake
    from portfolio.messages import text
    from reports import pdf, render
    from reports.formats import PDF

    started = time.perf_counter()
    try:
        with gc_paused():  # as `kpi-audit audit` does, and the caller's setting restored after
            loaded = load_intake(task.path)
            report = run_audit(loaded.intake, ruleset(task.ruleset_spec), task.lang, None, loaded.warnings)
            outputs = {fmt: pdf.render_pdf(report).data if fmt == PDF else render(report, fmt).encode("utf-8")
                       for fmt in task.formats}
    except UserInputError as exc:
        error = exc.render(task.lang).replace(task.path, task.source, 1)
        return Outcome(task.client, error, None, seconds=time.perf_counter() - started)
    except pdf.PdfUnavailable as exc:
        return Outcome(task.client, f"{task.source}: {exc.message(task.lang)}", None,
                       seconds=time.perf_counter() - started)
    except Exception as exc:  # noqa: BLE001 - a crash on one client must not stop the batch
        error = text(task.lang, "crashed", source=task.source, detail=f"{type(exc).__name__}: {exc}")
        return Outcome(task.client, error, None, seconds=time.perf_counter() - started)
    return Outcome(task.client, None, report, outputs, time.perf_counter() - started)
