"""What the batch runner hands to the portfolio summary: one record per client.

The runner (portfolio/runner.py) produces these and the summary (portfolio/summary.py) consumes them; this
module is the whole interface between the two, so it holds data only and stays stable.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ClientResult:
    """The outcome of auditing one client of a portfolio batch."""

    client: str  # the client's file stem (report file names derive from it)
    source: str  # the intake path as given
    status: str  # "audited" | "failed" | "skipped" (unchanged since last run; report loaded from disk)
    error: str | None  # the validation errors / crash reason when failed (the CLI's exit-2 message text)
    report: dict | None  # the JSON report dict (run_audit output) when audited/skipped
    seconds: float  # wall time of this client (0 for skipped)
    # overall score minus the organisation's previous saved audit's (`batch --save`); None when not saved,
    # failed, or the store holds no earlier audit
    score_change: float | None = None
