"""Saving the audit a command just ran: the intake's content hash, and the sentence saying where it went."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from engine.messages import Local
from history.store import Store
from history.words import message
from portfolio.state import intake_sha256


@dataclass(frozen=True)
class Saved:
    """A saved audit: its id in the store (the service turns it into a public id) and the sentence saying where."""

    audit_id: int
    message: Local


def save_audit(store: Store, report: dict, intake: Path) -> Saved:
    """Save `report`, audited from the intake at `intake`, and say where (both languages).

    The intake hash is the batch's (portfolio.state): the file's bytes, or a CSV folder's files in name order,
    so `audit --save` and `batch --save` of the same intake are the same audit."""
    audit_id = store.save(report, intake_sha256(intake))
    organization = report["organization"]
    return Saved(audit_id, message("saved", audit_id=audit_id, org=organization["id"],
                                   date=organization["audit_date"], db=store.path))
