"""A portfolio batch from start to end: discover the clients, skip the unchanged, audit the rest on worker
processes (local or Dask), write every report and the state atomically as each client finishes, then the
portfolio summary; the exit status says whether every client audited (and scored at least --fail-under).
"""
from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import click

from engine import __version__
from engine.atomic import replace_atomically
from engine.errors import UserInputError
from portfolio import discover as discovery
from portfolio import worker
from portfolio.messages import shared_organization_line, text
from portfolio.progress import PREFIX, Progress
from portfolio.results import ClientResult
from portfolio.saving import check_store, save_result
from portfolio.state import BatchState, RunKey, intake_sha256
from portfolio.worker import Outcome, Task
from reports.formats import FORMATS, PDF, suffixes_of

EXECUTORS = ("local", "dask")
ALWAYS = "json"  # every client's JSON report is written: the summary and the next run's skip read it


@dataclass(frozen=True)
class BatchOptions:
    """How to run a batch (the `kpi-audit batch` options, parsed)."""

    out_dir: Path
    formats: tuple[str, ...]
    lang: str
    ruleset_spec: str = "core"
    workers: int = 1
    force: bool = False
    fail_under: float | None = None
    quiet: bool = False
    executor: str = "local"
    scheduler: str | None = None
    save: bool = False  # --save: every report into the audit store, the score changes into the summary
    db: Path | None = None  # --db: the store (history.store.db_path: else $KPI_AUDIT_DB, else ./kpi-audit.db)


def parse_formats(value: str, lang: str) -> tuple[str, ...]:
    """`--format json,html`: known formats in the order FORMATS lists them, always with json (see ALWAYS)."""
    asked = {part.strip().lower() for part in value.split(",") if part.strip()}
    unknown = sorted(asked - set(FORMATS))
    if unknown:
        raise UserInputError("--format", text(lang, "bad_formats", value=value, bad=", ".join(unknown),
                                              known=", ".join(FORMATS)))
    return tuple(fmt for fmt in FORMATS if fmt in asked | {ALWAYS})


def run_portfolio(input_path: Path, options: BatchOptions,
                  on_result: Callable[[ClientResult], None] | None = None) -> int:
    """Run the whole batch and return the exit status: 0 all audited, 1 any failed or under --fail-under.
    `on_result` is told each client's result as it is known (the service's progress, see run_batch).

    Usage errors (no clients, clashing names, a bad ruleset, an unreachable scheduler) raise UserInputError
    before any client is audited."""
    from portfolio.summary import write_summary

    lang = options.lang
    _check_usage(options)
    if input_path.is_dir() and input_path.resolve() == options.out_dir.resolve():
        raise UserInputError(str(options.out_dir), text(lang, "out_is_input", out=options.out_dir))
    if options.save:
        check_store(options.db)
    clients = discovery.discover(input_path, options.out_dir, lang)
    results = run_batch(clients, options, on_result)
    portfolio = write_summary(results, options.out_dir, lang)
    below = [r for r in results if _below(r, options.fail_under)]
    if not options.quiet:
        for shared in portfolio["shared_organizations"]:
            _say(shared_organization_line(shared, lang))
        for result in below:
            _say(text(lang, "below", client=result.client, score=result.report["score"]["overall"],
                      fail_under=options.fail_under))
        counts = {status: sum(r.status == status for r in results) for status in ("audited", "skipped", "failed")}
        _say(text(lang, "outcome", total=len(results), out=options.out_dir, **counts))
    return 1 if below or any(r.status == "failed" for r in results) else 0


def _below(result: ClientResult, fail_under: float | None) -> bool:
    return fail_under is not None and result.report is not None and result.report["score"]["overall"] < fail_under


def _say(message: str) -> None:
    click.echo(PREFIX + message, err=True)


def _check_usage(options: BatchOptions) -> None:
    lang = options.lang
    if options.out_dir.exists() and not options.out_dir.is_dir():
        raise UserInputError(str(options.out_dir), text(lang, "out_not_folder", out=options.out_dir))
    if options.scheduler is not None and options.executor != "dask":
        raise UserInputError("--scheduler", text(lang, "scheduler_needs_dask"))
    if PDF in options.formats:
        from reports import pdf

        try:
            pdf.load_weasyprint()
        except pdf.PdfUnavailable as exc:
            raise UserInputError("--format pdf", exc.message(lang)) from None


def run_batch(clients: list[discovery.Client], options: BatchOptions,
              on_result: Callable[[ClientResult], None] | None = None) -> list[ClientResult]:
    """Every client's result, in the clients' order. Unchanged clients (same intake content, ruleset, language,
    formats and tool version as their last successful run, reports still on disk) are skipped unless --force;
    the rest are audited, each one's reports and state entry written as soon as it finishes (with --save, its
    report saved in the audit store too, the skipped ones' included). `on_result` (optional) is told each
    result as it is known, the skipped ones first, so a caller (the service) can show the batch's progress."""
    spec = _portable(options.ruleset_spec)
    key = RunKey(worker.ruleset(spec).sha256, options.lang, options.formats, __version__)
    options.out_dir.mkdir(parents=True, exist_ok=True)
    state = BatchState.load(options.out_dir)
    entries = {c.name: BatchState.entry(intake_sha256(Path(c.source)), key) for c in clients}
    results: dict[str, ClientResult] = {}
    tasks: list[Task] = []
    for client in clients:
        kept = None if options.force else _kept(client, entries[client.name], state, options)
        if kept is not None:
            results[client.name] = _saved(kept, entries[client.name], options)
        else:
            tasks.append(Task(client.name, str(Path(client.source).resolve()), client.source, spec, options.lang,
                              options.formats))
    progress = Progress(len(clients), options.lang, options.quiet)
    progress.skipped(len(results))
    tell = on_result or (lambda _result: None)
    for result in results.values():
        tell(result)
    sources = {c.name: c.source for c in clients}
    try:
        for outcome in _outcomes(tasks, options, spec):
            entry = entries[outcome.client]
            result = _saved(_finish(outcome, sources[outcome.client], entry, state, options), entry, options)
            results[outcome.client] = result
            progress.update(result)
            tell(result)
    except KeyboardInterrupt:
        progress.finish()
        _say(text(options.lang, "interrupted"))
        raise
    progress.finish()
    return [results[c.name] for c in clients]


def _saved(result: ClientResult, entry: dict, options: BatchOptions) -> ClientResult:
    """With --save, the result saved in the store with its score change (portfolio.saving); else as is."""
    return save_result(result, entry["intake_sha256"], options.db) if options.save else result


def _portable(spec: str) -> str:
    """A ruleset file as an absolute path, so a worker in another folder (or on a Dask worker) finds it."""
    path = Path(spec)
    return str(path.resolve()) if path.exists() else spec


def report_path(out_dir: Path, client: str, fmt: str) -> Path:
    """DIR/<client>.<ext>, the extension the first one the format table gives."""
    return out_dir / f"{client}{suffixes_of(fmt)[0]}"


def _kept(client: discovery.Client, entry: dict, state: BatchState, options: BatchOptions) -> ClientResult | None:
    """The skipped result of an unchanged client whose reports are all still there, else None (redo it)."""
    if not state.unchanged(client.name, entry):
        return None
    if not all(report_path(options.out_dir, client.name, fmt).is_file() for fmt in options.formats):
        return None
    try:
        report = json.loads(report_path(options.out_dir, client.name, ALWAYS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return ClientResult(client.name, client.source, "skipped", None, report, 0.0)


def _outcomes(tasks: list[Task], options: BatchOptions, spec: str) -> Iterator[Outcome]:
    if not tasks:
        return iter(())
    workers = max(1, min(options.workers, len(tasks)))
    if options.executor == "dask":
        from portfolio.dask_pool import run_dask

        return run_dask(tasks, workers, options.scheduler, options.lang, _died(options.lang))
    from portfolio.local_pool import run_local

    return run_local(tasks, workers, spec, _died(options.lang))


def _died(lang: str):
    def died(task: Task) -> Outcome:
        return Outcome(task.client, text(lang, "worker_died", source=task.source), None)
    return died


def _finish(outcome: Outcome, source: str, entry: dict, state: BatchState, options: BatchOptions) -> ClientResult:
    """Write a finished client's reports, then record it in the state; a failure is forgotten (retried next run)."""
    if outcome.error is not None:
        state.forget(outcome.client)
        return ClientResult(outcome.client, source, "failed", outcome.error, None, outcome.seconds)
    try:
        for fmt, data in outcome.outputs.items():
            _write(report_path(options.out_dir, outcome.client, fmt), data)
    except OSError as exc:
        state.forget(outcome.client)
        error = text(options.lang, "cannot_write", path=options.out_dir, detail=exc.strerror or exc)
        return ClientResult(outcome.client, source, "failed", error, None, outcome.seconds)
    state.record(outcome.client, entry)
    return ClientResult(outcome.client, source, "audited", None, outcome.report, outcome.seconds)


def _write(path: Path, data: bytes) -> None:
    def write(target: Path) -> None:
        with open(target, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())

    replace_atomically(path, write)
