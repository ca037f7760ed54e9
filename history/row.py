"""The figures of a report the store keeps in columns of their own, so history reads without parsing reports.

One function, used both when an audit is saved and by the migration that added these columns to stores written
before them, so a migrated store and a new one hold the same values.
"""
from __future__ import annotations

import json


def key_of(report: dict) -> dict[str, str]:
    """What identifies one audit besides its intake: the organisation, the audit date and the ruleset's hash."""
    return {"org_id": str(report["organization"]["id"]), "audit_date": str(report["organization"]["audit_date"]),
            "ruleset_sha256": str(report["ruleset"]["sha256"])}


def figures_of(report: dict) -> dict[str, object]:
    """The indexed columns (schema v2) of a report: names, ruleset, score, band, potential, counts."""
    score, summary = report["score"], report["summary"]
    return {"org_name": str(report["organization"].get("name", "")),
            "ruleset_name": str(report["ruleset"]["name"]), "ruleset_version": str(report["ruleset"]["version"]),
            "score": float(score["overall"]), "band": str(score["band"]), "potential": float(score["potential"]),
            "coverage": float(score["coverage"]), "findings": int(summary["findings"]),
            "dimensions": json.dumps(score["dimensions"], ensure_ascii=False),
            "not_assessed_dimensions": json.dumps(score.get("not_assessed_dimensions", []), ensure_ascii=False),
            "by_severity": json.dumps(summary["by_severity"], ensure_ascii=False)}
