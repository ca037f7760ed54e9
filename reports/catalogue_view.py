"""The metric catalogue's readings and metrics as JSON: what `kpi-audit catalogue … --format json` prints and
the service's /v1/catalogue answers, in one place."""
from __future__ import annotations

from engine.catalogue import WHY, Catalogue, CatalogueMetric, Reading
from engine.ruleset import Ruleset


def ruleset_identity(ruleset: Ruleset) -> dict:
    return {"name": ruleset.name, "version": ruleset.version, "sha256": ruleset.sha256}


def readings_json(catalogue: Catalogue, names: list[str]) -> list[dict]:
    """Each name's reading, and for a name read as neither a metric nor a behaviour item the closest metrics
    (ids and names), so a consultant can pick the one to add it to as an override synonym."""
    out = []
    for name in names:
        reading = catalogue.read(name)
        out.append(reading_json(name, reading, catalogue.closest(name) if reading.unread else []))
    return out


def reading_json(name: str, reading: Reading, closest: list[CatalogueMetric]) -> dict:
    detail = reading.detail
    return {"name": name, "metric": metric_json(reading.metric) if reading.metric else None,
            "domestic": reading.domestic, "attainment": reading.attainment, "behaviour": reading.behaviour,
            "why": reading.why, "why_text": WHY[reading.why],
            "detail": {"synonyms": list(detail.synonyms), "qualifiers": [list(q) for q in detail.qualifiers],
                       "markers": [list(m) for m in detail.markers], "context": list(detail.context),
                       "leftover": list(detail.leftover), "candidates": list(detail.candidates)},
            "closest": [{"id": m.id, "en": m.en, "zh": m.zh} for m in closest]}


def metric_json(metric: CatalogueMetric) -> dict:
    return {"id": metric.id, "en": metric.en, "zh": metric.zh, "kind": metric.kind, "focus": metric.focus,
            "group": metric.group, "domestic": metric.domestic, "synonyms": list(metric.synonyms),
            "ambiguous": list(metric.ambiguous), "context": list(metric.context), "drives": list(metric.drives),
            "growth_of": list(metric.growth_of), "ratio_of": list(metric.ratio_of), "note": metric.note}
