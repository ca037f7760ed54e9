"""The portfolio's figures, computed with pandas from the clients' report dicts.

Three long tables hold everything: one row per client, one per (client, rule) with its findings, one per
(client, root cause). Ranking, statistics, the histogram, "how many clients have it" and the client × rule
heat map are sorts, group-bys and a pivot of those. Failed clients keep their row (status and reason) but
have no score, so every statistic (which pandas computes over scored rows only) ignores them.
The result is plain Python data in a fixed order: the same results give the same portfolio.
"""
from __future__ import annotations

import math
from functools import lru_cache

import pandas as pd

from diagnostics import fact_schema
from engine.errors import UserInputError
from engine.ruleset import Ruleset, load_ruleset, shipped_names
from engine.ruleset_model import DIMENSIONS, LANGS, SEVERITIES
from engine.scoring import BANDS, band
from portfolio.results import ClientResult

SCORED = ("audited", "skipped")  # statuses that carry a report, hence a score
TOP_CAUSES = 3  # root causes named in a client's row (the costliest, as the client's report orders them)
BIN_WIDTH = 10  # score points per histogram bar (the band limits 40/60/80/90 fall on bar edges)
BARS = 100 // BIN_WIDTH
_BAND_ORDER = [name for _floor, name in reversed(BANDS)]  # critical … strong


def _round(value: float, places: int = 1) -> float:
    return round(float(value), places)


def _mean(values: pd.Series) -> float:
    """The mean from an exactly rounded sum: 19.35 averaged over any number of clients stays 19.35 (pandas'
    running sum drifts to 19.3499…, which would print as 19.3)."""
    return math.fsum(values) / len(values)


def _client_row(result: ClientResult, lang: str) -> dict:
    """One client as the portfolio shows it; numbers are None when the client has no report."""
    report = result.report if result.status in SCORED else None
    row = {"rank": None, "client": result.client, "source": result.source, "status": result.status,
           "error": result.error if report is None else None, "organization": None, "audit_date": None,
           "score": None, "score_change": None, "band": None, "potential": None, "coverage": None,
           "dimensions": {d: None for d in DIMENSIONS},
           "findings": {"total": None, **{s: None for s in SEVERITIES}}, "root_causes": None,
           "top_root_causes": []}
    if report is None:
        return row
    score, causes = report["score"], report.get("root_causes", [])
    row.update({
        "organization": report["organization"]["name"], "audit_date": report["organization"]["audit_date"],
        "score": score["overall"], "score_change": result.score_change, "band": score["band"], "potential": score["potential"],
        "coverage": _round(score["coverage"] * 100),
        "dimensions": {d: (None if d in score["not_assessed_dimensions"] else score["dimensions"][d])
                       for d in DIMENSIONS},
        "findings": {"total": report["summary"]["findings"],
                     **{s: report["summary"]["by_severity"][s] for s in SEVERITIES}},
        "root_causes": len(causes),
        "top_root_causes": [c["title"][lang] for c in causes[:TOP_CAUSES]],
    })
    return row


def ranked(results: list[ClientResult], lang: str) -> list[tuple[dict, dict | None]]:
    """(row, report) per client: scored clients weakest first (score, then potential, then name), numbered;
    then the failed, by name."""
    rows = [_client_row(r, lang) for r in results]
    frame = pd.DataFrame({"score": [r["score"] for r in rows], "potential": [r["potential"] for r in rows],
                          "client": [r["client"] for r in rows], "source": [r["source"] for r in rows]})
    order = frame.sort_values(["score", "potential", "client", "source"], na_position="last", kind="mergesort")
    pairs = [(rows[i], results[i].report if rows[i]["score"] is not None else None) for i in order.index]
    for number, (row, _report) in enumerate((p for p in pairs if p[1] is not None), 1):
        row["rank"] = number
    return pairs


def _scored(rows: list[dict]) -> list[dict]:
    return [r for r in rows if r["score"] is not None]


def statistics(rows: list[dict]) -> dict:
    """Counts by status, and over scored clients only: score summary, clients per band, dimension averages."""
    scored = _scored(rows)
    statuses = pd.Series([r["status"] for r in rows], dtype="object")
    counts = {"clients": len(rows), **{s: int((statuses == s).sum()) for s in (*SCORED, "failed")}}
    if not scored:
        return {"counts": counts, "score": None, "bands": {b: 0 for b in _BAND_ORDER},
                "dimensions": {d: None for d in DIMENSIONS}, "findings": {s: 0 for s in ("total", *SEVERITIES)}}
    scores = pd.Series([r["score"] for r in scored], dtype="float64")
    dims = pd.DataFrame([r["dimensions"] for r in scored], columns=list(DIMENSIONS), dtype="float64")
    found = pd.DataFrame([r["findings"] for r in scored], columns=["total", *SEVERITIES])
    bands = pd.Series([r["band"] for r in scored], dtype="object").value_counts()
    return {
        "counts": counts,
        "score": {"mean": _round(_mean(scores)), "median": _round(scores.median()),
                  "min": _round(scores.min()), "max": _round(scores.max())},
        "bands": {b: int(bands.get(b, 0)) for b in _BAND_ORDER},
        "dimensions": {d: (None if dims[d].isna().all() else _round(_mean(dims[d].dropna()))) for d in DIMENSIONS},
        "findings": {column: int(found[column].sum()) for column in found.columns},
    }


def histogram(rows: list[dict]) -> list[dict]:
    """Scored clients per score range [low, low + BIN_WIDTH) (100 falls in the top bar), with their names."""
    scored = _scored(rows)
    bars = []
    frame = pd.DataFrame({"client": [r["client"] for r in scored], "score": [r["score"] for r in scored]},
                         columns=["client", "score"])
    frame["bar"] = (frame["score"] // BIN_WIDTH).clip(upper=BARS - 1).astype("int64")
    for bar in range(BARS):
        low = bar * BIN_WIDTH
        names = frame.loc[frame["bar"] == bar, "client"].tolist()
        bars.append({"from": low, "to": low + BIN_WIDTH, "band": band(low), "clients": len(names),
                     "names": names})
    return bars


def _headings_of(ruleset: Ruleset) -> dict[str, dict[str, str]]:
    """Rule code -> its heading in both languages."""
    return {rule.code: {lang: rule.heading(lang) for lang in LANGS} for rule in ruleset.rules}


@lru_cache(maxsize=8)
def _shipped_headings(spec: str) -> dict[str, dict[str, str]]:
    """The headings of a shipped ruleset (loaded once per process; nothing when it no longer loads)."""
    try:
        return _headings_of(load_ruleset(spec, fact_schema()))
    except UserInputError:
        return {}


def rule_headings(reports: list[dict], ruleset: Ruleset | None = None) -> dict[str, dict[str, str]]:
    """Each rule's plain-language heading, so a rule reads the same as in the clients' reports: from `ruleset`
    when the batch passes it, else from the shipped ruleset each report names (an agency override: its base);
    a rule neither knows (an override's own) is titled as the reports title a root cause of one finding,
    by its rule's heading (engine.root_causes)."""
    if ruleset is not None:
        return _headings_of(ruleset)
    headings: dict[str, dict[str, str]] = {}
    specs = {(r["ruleset"]["name"], r["ruleset"]["version"], r["ruleset"].get("base")) for r in reports}
    for name, version, base in sorted(specs, key=str):
        spec = f"{name}@{version}" if name in shipped_names() else base
        if spec:
            headings.update(_shipped_headings(spec))
    for report in reports:
        for cause in report.get("root_causes", []):
            if cause["count"] == 1:
                headings.setdefault(cause["codes"][0], cause["title"])
    return headings


def _findings_frame(rows: list[dict], reports: list[dict]) -> pd.DataFrame:
    """One row per (client, rule) that found something: findings, dimension and severity."""
    records = []
    for row, report in zip(rows, reports):
        per_rule: dict[str, list[dict]] = {}
        for finding in report["findings"]:
            per_rule.setdefault(finding["code"], []).append(finding)
        records += [{"client": row["rank"], "code": code, "findings": len(found),
                     "dimension": found[0]["dimension"], "severity": found[0]["severity"]}
                    for code, found in per_rule.items()]
    return pd.DataFrame(records, columns=["client", "code", "findings", "dimension", "severity"])


def _causes_frame(rows: list[dict], reports: list[dict]) -> pd.DataFrame:
    """One row per (client, root cause): the rule that leads it (the cause's first code) and its points."""
    records = [{"client": row["rank"], "code": cause["codes"][0], "points": cause["points"],
                "dimension": cause["dimension"], "severity": cause["severity"]}
               for row, report in zip(rows, reports) for cause in report.get("root_causes", [])]
    return pd.DataFrame(records, columns=["client", "code", "points", "dimension", "severity"])


def _title(code: str, headings: dict[str, dict[str, str]], lang: str) -> str:
    return headings.get(code, {}).get(lang, code)


def common_rules(frame: pd.DataFrame, scored: int, headings: dict, lang: str) -> list[dict]:
    """Rules by how many clients they found something in (then findings in all, then code)."""
    if frame.empty:
        return []
    table = frame.groupby("code", sort=True).agg(clients=("client", "nunique"), findings=("findings", "sum"),
                                                  dimension=("dimension", "first"), severity=("severity", "first"))
    table = table.reset_index().sort_values(["clients", "findings", "code"], ascending=[False, False, True],
                                            kind="mergesort")
    return [{"code": r.code, "title": _title(r.code, headings, lang), "dimension": r.dimension,
             "severity": r.severity, "clients": int(r.clients), "share": _round(r.clients / scored * 100),
             "findings": int(r.findings)} for r in table.itertuples()]


def common_causes(frame: pd.DataFrame, scored: int, headings: dict, lang: str) -> list[dict]:
    """Root causes (named by their leading rule) by how many clients have one, and what they cost them."""
    if frame.empty:
        return []
    per_client = frame.groupby(["code", "client"], sort=True).agg(
        points=("points", "sum"), dimension=("dimension", "first"), severity=("severity", "first"))
    table = per_client.reset_index().groupby("code", sort=True).agg(
        clients=("client", "nunique"), points=("points", _mean), dimension=("dimension", "first"),
        severity=("severity", "first"))
    table = table.reset_index().sort_values(["clients", "points", "code"], ascending=[False, False, True],
                                            kind="mergesort")
    return [{"code": r.code, "title": _title(r.code, headings, lang), "dimension": r.dimension,
             "severity": r.severity, "clients": int(r.clients), "share": _round(r.clients / scored * 100),
             "average_points": _round(r.points)} for r in table.itertuples()]


def heat_map(rows: list[dict], frame: pd.DataFrame, rules: list[dict]) -> dict:
    """Scored clients (ranked) × rules (most common first): each cell the client's findings of that rule."""
    scored = _scored(rows)
    codes = [r["code"] for r in rules]
    pivot = (frame.pivot_table(index="client", columns="code", values="findings", aggfunc="sum", fill_value=0)
             if not frame.empty else pd.DataFrame())
    pivot = pivot.reindex(index=[r["rank"] for r in scored], columns=codes, fill_value=0)
    return {"rules": codes, "clients": [r["client"] for r in scored],
            "counts": [[int(v) for v in line] for line in pivot.to_numpy().tolist()] if codes else
            [[] for _ in scored]}


def shared_organizations(results: list[ClientResult]) -> list[dict]:
    """Organization ids more than one client's report carries, with those clients: a copied intake whose id was
    never changed. Their reports are apart (named by file), but the audit store keys by organization, so saved
    audits, trends and comparisons would mix the clients."""
    clients: dict[str, list[str]] = {}
    for result in results:
        if result.report is not None:
            clients.setdefault(result.report["organization"]["id"], []).append(result.client)
    return [{"organization": org, "clients": sorted(names)} for org, names in sorted(clients.items()) if len(names) > 1]


def portfolio_tables(results: list[ClientResult], lang: str, ruleset: Ruleset | None = None) -> dict:
    """Every table of the portfolio summary (the JSON's body), in `lang`."""
    pairs = ranked(results, lang)
    rows = [row for row, _report in pairs]
    scored = [row for row, report in pairs if report is not None]
    reports = [report for _row, report in pairs if report is not None]
    headings = rule_headings(reports, ruleset)
    findings = _findings_frame(scored, reports)
    rules = common_rules(findings, len(scored), headings, lang)
    return {
        "statistics": statistics(rows),
        "histogram": histogram(rows),
        "clients": rows,
        "root_causes": common_causes(_causes_frame(scored, reports), len(scored), headings, lang),
        "rules": rules,
        "heat_map": heat_map(rows, findings, rules),
        "shared_organizations": shared_organizations(results),
    }
