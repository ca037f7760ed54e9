"""What an audit worker (service/pool.py) does for one request: unpack the upload, load the intake, and either
describe it (validate) or run the audit sequence `kpi-audit audit` runs (engine.audit_job) and render it; or
print a saved report as PDF (`Printing`) or check a client's ruleset (`RulesetCheck`), which cost what an audit's
rendering and ruleset cost and so get the same limits.

Everything a job names on disk was chosen by the server: the job's private folder, the ruleset (a shipped folder
or the tenant's stored file, service.ruleset_names), the tenant's store and waivers folder (service.space). The
worker works inside the job folder, so every message names the intake as the service named it (`intake.xlsx`,
`intake/units.csv`) and never a server path. The answer is plain data (bytes, or a refusal with its problems
in both languages) that pickles back to the server whatever went wrong.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import secrets
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from engine.errors import IntakeError, Problem, RulesetError, UserInputError
from engine.messages import LANGS, Local, in_lang
from history.store import StoreError
from service.messages import message
from service.uploads import place_upload
from waivers import WaiverError

UPLOAD_NAME = "upload"  # the raw upload in the job folder, as the server wrote it
WAIVERS_SOURCE = "waivers"  # how the organisation's waiver file is named in messages (its path is the server's)
AUDIT, VALIDATE = "audit", "validate"
ERROR_CODES: tuple[tuple[type[UserInputError], str], ...] = (
    (IntakeError, "invalid_intake"), (WaiverError, "invalid_waivers"), (RulesetError, "invalid_ruleset"))


@dataclass(frozen=True)
class Job:
    """One request for a worker. Paths are absolute and the server's; `ruleset` is what
    service.ruleset_names.ruleset_spec resolved; `store` is set only when the audit is to be saved."""

    folder: str
    action: str
    lang: str
    ruleset: str = ""
    ruleset_name: str = ""  # as the client gave it (checked by the server): how a broken stored one is named
    fmt: str = "json"
    as_of: dt.date | None = None
    prepared_by: str | None = None
    store: str | None = None
    waivers_dir: str | None = None

    def run(self) -> "Answer | Refusal":
        return perform(self)


@dataclass(frozen=True)
class Printing:
    """A saved report (its JSON, as the store reads it) to print as PDF: WeasyPrint's layout of a large report
    costs seconds and hundreds of MiB, so it runs in a worker with the pool's limits, never in the server."""

    report: dict

    def run(self) -> "Answer | Refusal":
        from reports import pdf

        return _answered(lambda: Answer(pdf.render_pdf(self.report).data))


@dataclass(frozen=True)
class RulesetCheck:
    """A client's ruleset to check before it is stored (service.stored_rulesets.check): loading and compiling
    it costs what an audit's ruleset does, so it runs in a worker with the pool's limits. The answer's body is
    its identity (name, version, sha256); a bad one is refused with its problems."""

    name: str
    data: bytes

    def run(self) -> "Answer | Refusal":
        from reports.catalogue_view import ruleset_identity
        from service import stored_rulesets

        return _answered(lambda: Answer(b"", body=ruleset_identity(stored_rulesets.check(self.name, self.data))))


@dataclass(frozen=True)
class Answer:
    """A job done: the rendered report (or the validation's JSON body) and, when saved, the store's audit id."""

    data: bytes
    audit_id: int | None = None
    body: dict | None = None  # validate's answer


@dataclass(frozen=True)
class Refusal:
    """A job that could not be done: the HTTP status, a stable code, the message and, for a bad input, its
    problems (bilingual `Problem`s, the CLI's texts)."""

    status: int
    code: str
    message: Local | str
    source: str | None = None
    problems: list[Problem] = field(default_factory=list)
    more: int = 0

    def error(self) -> UserInputError:
        """The problems as the UserInputError they came from (for service.errors.problems_body)."""
        from engine.errors import ProblemList

        problems = ProblemList()
        problems.items, problems.more = list(self.problems), self.more
        return UserInputError(self.source or "", problems)


def waiver_file(waivers_dir: Path, org_id: str) -> Path:
    """The organisation's waiver file in the tenant's waivers folder: named by a hash of the id, so an id from a
    client never becomes a file name."""
    return waivers_dir / f"{hashlib.sha256(org_id.encode('utf-8')).hexdigest()}.yaml"


def prepare() -> None:
    """Once per worker, before any job: the default shipped ruleset loaded and compiled (cached by
    service.ruleset_names), so the first audit pays no start-up."""
    from service import ruleset_names
    from engine.ruleset import shipped_folder

    ruleset_names.load(str(shipped_folder(ruleset_names.DEFAULT)))


def perform(job: Job) -> Answer | Refusal:
    """Do `job` inside its folder (`_answered`: any failure becomes a Refusal)."""
    home = os.getcwd()
    os.chdir(job.folder)
    try:
        return _answered(lambda: _audit(job) if job.action == AUDIT else _validate(job))
    finally:
        os.chdir(home)


def _answered(work: Callable[[], Answer]) -> Answer | Refusal:
    """`work()`, any failure a Refusal (an unexpected one logged with an incident id on the worker's standard
    error, the server's log; a MemoryError is the pool's)."""
    from reports import pdf

    try:
        return work()
    except UserInputError as exc:
        return _refused(exc)
    except pdf.PdfUnavailable as exc:
        return Refusal(501, "pdf_unavailable", Local({lang: exc.message(lang) for lang in LANGS}))
    except MemoryError:
        raise  # the pool's to tell (and to replace this worker)
    except Exception:  # noqa: BLE001 - whatever it is, the request gets an answer and the server a trace
        incident = secrets.token_hex(6)
        print(f"kpi-audit service: incident {incident}:", file=sys.stderr)
        traceback.print_exc(file=sys.stderr)
        return Refusal(500, "internal", message("internal", incident=incident))


def _refused(exc: UserInputError) -> Refusal:
    if isinstance(exc, StoreError):  # the tenant's store is the server's file: its path and state stay there
        incident = secrets.token_hex(6)
        print(f"kpi-audit service: incident {incident}: {exc.render('en')}", file=sys.stderr)
        return Refusal(500, "internal", message("internal", incident=incident))
    code = next((code for kind, code in ERROR_CODES if isinstance(exc, kind)), "invalid_input")
    return Refusal(422, code, Local({lang: exc.render(lang) for lang in LANGS}), exc.source,
                   list(exc.problems), exc.more)


def _load():
    from engine.loaders import load_intake

    return load_intake(place_upload(Path(UPLOAD_NAME), Path(".")).name)


def _validate(job: Job) -> Answer:
    loaded = _load()
    intake = loaded.intake
    body = {"valid": True,
            "organization": {"id": intake.organization.id, "name": intake.organization.name},
            "counts": {"units": len(intake.units), "roles": len(intake.roles), "kpis": len(intake.kpis)},
            "warnings": [in_lang(w, job.lang) for w in loaded.warnings]}
    return Answer(b"", body=body)


def _audit(job: Job) -> Answer:
    from engine.audit_job import WaiverFile, audit_intake, gc_paused
    from history.store import open_store
    from reports import pdf
    from reports.formats import PDF
    from service import ruleset_names
    from waivers import load_waivers

    if job.fmt == PDF:
        pdf.load_weasyprint()  # told before the audit, as the CLI does
    with gc_paused():
        ruleset = _named(ruleset_names.load, job.ruleset, job.ruleset_name)
        loaded = _load()
        waivers = None
        if job.waivers_dir is not None:
            path = waiver_file(Path(job.waivers_dir), loaded.intake.organization.id)
            if path.is_file():
                waivers = WaiverFile(_named(load_waivers, path, WAIVERS_SOURCE), WAIVERS_SOURCE)
        store = open_store(Path(job.store)) if job.store is not None else None
        try:
            done = audit_intake(loaded, ruleset, job.fmt, job.lang, as_of=job.as_of, prepared_by=job.prepared_by,
                                waivers=waivers, store=store)
        finally:
            if store is not None:
                store.close()
    return Answer(done.data, done.saved.audit_id if done.saved is not None else None)


def _named(read, path: Path | str, source: str):
    """`read(path)`, a bad file's problems told under `source` instead of the server's path."""
    try:
        return read(path)
    except UserInputError as exc:
        raise type(exc)(source, exc.problem_list()) from None
