"""Applying waivers to an audit's findings, before anything is scored, grouped or planned.

A waiver applies while the audit date (never the clock) is on or before its `expires` date: the findings it
covers leave the audit (no points, no root cause, no plan action) and are listed under `waived` with the
waiver. An expired waiver stops applying: its findings count again and the waiver is listed as expired. A
waiver in force that covers no finding is stale: listed, so the file can be tidied.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from waivers.model import Waiver


@dataclass
class WaiverOutcome:
    """The findings left to score, those waived, and the report's account of the waiver file (None: no file)."""

    kept: list[dict]
    waived: list[dict] = field(default_factory=list)
    waivers: dict | None = None

    def report_keys(self) -> dict:
        """The report keys `waived` and `waivers`, or none when the audit was given no waiver file."""
        return {} if self.waivers is None else {"waived": self.waived, "waivers": self.waivers}


def apply_waivers(findings: list[dict], waivers: list[Waiver] | None, audit_date: dt.date) -> WaiverOutcome:
    """Split `findings` by the waivers in force on `audit_date`; each finding is waived by the first waiver
    (in file order) that covers it."""
    if waivers is None:
        return WaiverOutcome(kept=findings)
    active = [w for w in waivers if not w.expired(audit_date)]
    kept, waived = [], []
    for finding in findings:
        waiver = next((w for w in active if w.covers(finding)), None)
        if waiver is None:
            kept.append(finding)
        else:
            waived.append({**finding, "waiver": waiver.as_dict()})

    def listed(waiver: Waiver) -> dict:
        return {**waiver.as_dict(), "matches": sum(waiver.covers(f) for f in findings)}

    in_force = [listed(w) for w in active]
    return WaiverOutcome(kept=kept, waived=waived, waivers={
        "applied": [w for w in in_force if w["matches"]],
        "expired": [listed(w) for w in waivers if w.expired(audit_date)],
        "stale": [w for w in in_force if not w["matches"]],
    })
