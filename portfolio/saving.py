"""`batch --save`: each client's report into the audit store, and its score change since its previous audit.

The batch process saves, as each client finishes, not the workers: a Dask worker on another machine cannot
see the store (and SQLite over a shared folder is not safe), and the batch process already owns every output.
It opens the store once per client rather than once per batch, because local worker pools are forked from
the batch process (again after a worker dies) and SQLite forbids carrying an open connection across a fork;
an open is a few milliseconds, nothing beside an audit. Other writers (another batch, `audit --save`) queue on
the store's busy timeout.

Unchanged (skipped) clients are saved too: the save is idempotent (same organisation, date, ruleset and intake
hash: same audit id), so this costs one upsert, and a first `--save` over a folder an earlier batch filled
stores every client, not only those that changed since.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path

from history.compare import score_delta
from history.store import open_store
from portfolio.results import ClientResult


def check_store(db: Path | None) -> None:
    """Create or migrate the store before any client runs: a bad store is a usage error (StoreError, exit 2)
    told at once, not after the audits."""
    open_store(db).close()


def save_result(result: ClientResult, intake_sha256: str, db: Path | None) -> ClientResult:
    """Save a result that carries a report (audited or skipped) and return it with its score change since the
    organisation's previous saved audit (Store.previous: the last one dated before it); a failed result as is.

    The intake hash is the one `audit --save` uses (portfolio.state.intake_sha256), so both save one audit."""
    if result.report is None:
        return result
    with open_store(db) as store:
        previous = store.previous(result.report["organization"]["id"], result.report)
        store.save(result.report, intake_sha256)
    change = score_delta(previous["score"], result.report["score"])["overall"] if previous else None
    return dataclasses.replace(result, score_change=change)
