"""Run the command line in-process, as a fuzz example needs it: exit status, standard output and error."""
from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Iterator
from dataclasses import dataclass
from unittest import mock

from cli.main import DEBUG_VARIABLE, EXIT_INTERNAL, run


@dataclass(frozen=True)
class Outcome:
    """What one command did."""

    argv: tuple[str, ...]
    status: int
    out: str
    err: str

    def __str__(self) -> str:
        return f"kpi-audit {' '.join(self.argv)} -> exit {self.status}\n{self.err[-4000:]}"


@contextlib.contextmanager
def _debugging() -> Iterator[None]:
    """KPI_AUDIT_DEBUG=1: an internal error prints its traceback, so a failing example shows where it broke."""
    with mock.patch.dict(os.environ, {DEBUG_VARIABLE: "1"}):
        yield


def kpi_audit(*argv: str) -> Outcome:
    out, err = io.StringIO(), io.StringIO()
    with _debugging(), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = run(list(argv))
        except SystemExit as exc:  # exit 1: --fail-under
            status = exc.code if isinstance(exc.code, int) else EXIT_INTERNAL
    return Outcome(tuple(argv), status, out.getvalue(), err.getvalue())


def check_outcome(outcome: Outcome, allowed: frozenset[int] = frozenset({0, 2})) -> None:
    """Exit 0 or 2 (1 only with --fail-under), a message for a person on exit 2, never a traceback."""
    assert outcome.status in allowed, str(outcome)
    assert "Traceback" not in outcome.err, str(outcome)
    if outcome.status == 2:
        assert outcome.err.startswith(("kpi-audit: ", "Usage: ")), str(outcome)


def validate_and_audit(path: str, out: str, lang: str) -> tuple[Outcome, Outcome]:
    """Both commands on one intake; they must agree on whether it is valid."""
    validated = kpi_audit("validate", path, "--lang", lang)
    audited = kpi_audit("audit", path, "--lang", lang, "--out", out)
    for outcome in (validated, audited):
        check_outcome(outcome)
    assert validated.status == audited.status, f"validate and audit disagree:\n{validated}\n{audited}"
    return validated, audited
