"""Waivers: findings a client consciously accepts until a date, kept out of the score (see README, "Waivers").

`load_waivers(path)` reads and validates the waiver file (waivers.model); `apply_waivers(findings, waivers,
audit_date)` moves the findings a valid waiver covers out of the audit before it is scored (waivers.apply).
"""
from waivers.apply import WaiverOutcome, apply_waivers
from waivers.model import Waiver, WaiverError, check_codes, load_waivers

__all__ = ["Waiver", "WaiverError", "WaiverOutcome", "apply_waivers", "check_codes", "load_waivers"]
