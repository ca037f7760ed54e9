"""The report as a document a consultant hands to a client: what the HTML/PDF and Markdown templates show.

The JSON report is the record; this module derives, in the reader's language, everything the templates need
so they stay free of logic: names instead of ids, the executive summary's sentences, the charts, root causes
with their findings, the plan as a timeline and the appendix that alone shows ids. One function of the
report dict, deterministic like the report itself.
"""
from __future__ import annotations

from engine.findings import LIST_SEPARATOR
from reports import charts
from reports.evidence import evidence_rows
from reports.i18n import BANDS, DIMENSIONS, EFFORTS, KINDS, LABELS, PHASES, SEVERITIES, STRENGTHS, SUMMARY

SUMMARY_CAUSES = 5  # root causes the executive summary names
CHART_CAUSES = 15  # root causes the points chart draws (the costliest; the list below has them all)
STRONG = 90  # a dimension scoring this or more (and assessed) is a strength
OPEN_FINDINGS = 3  # a root cause shows this many findings open; the rest fold away (<details> in HTML)
_RANK = {s: i for i, s in enumerate(SEVERITIES["en"])}


def names_of(report: dict) -> dict[str, str]:
    """Every subject the report mentions, "kind:id" -> the name the client wrote."""
    org = report["organization"]
    names = {f"org:{org['id']}": org["name"]}
    for key, kind in (("units", "unit"), ("roles", "role"), ("objectives", "objective"), ("kpis", "kpi"),
                      ("definitions", "definition")):
        names.update((f"{kind}:{item['id']}", item["name"]) for item in report.get(key, []))
    names.update((f["subject"], f["subject_name"]) for f in report["findings"] if f.get("subject_name"))
    names.update((f"catalogue:{k['metric']}", k["metric_name"]) for k in report.get("kpis", []) if k.get("metric"))
    return names


def _fill(template: str, **values: object) -> str:
    for key, value in values.items():
        template = template.replace("{" + key + "}", str(value))
    return template


def _headline(report: dict, lang: str) -> dict:
    score = report["score"]
    words = SUMMARY[lang]
    collect = list(dict.fromkeys(c["item"][lang] for c in report.get("to_collect", [])))
    if score["potential"] > score["overall"] and collect:
        range_text = _fill(words["range"], overall=score["overall"], potential=score["potential"],
                           items=LIST_SEPARATOR[lang].join(collect))
    else:
        range_text = _fill(words["no_range"], overall=score["overall"])
    return {"overall": score["overall"], "potential": score["potential"], "band": score["band"],
            "band_word": BANDS[lang][score["band"]], "band_text": words["band_" + score["band"]],
            "range": range_text, "coverage": _fill(words["coverage"], coverage=round(score["coverage"] * 100)),
            "counts": _fill(words["counts"], findings=len(report["findings"]),
                            causes=len(report.get("root_causes", [])))}


def _strengths(report: dict, lang: str) -> list[dict]:
    score = report["score"]
    return [{"dimension": DIMENSIONS[lang][d], "score": value, "text": STRENGTHS[lang][d]}
            for d, value in score["dimensions"].items()
            if value >= STRONG and d not in score["not_assessed_dimensions"]]


def _finding_view(finding: dict, names: dict[str, str], lang: str) -> dict:
    return {"code": finding["code"], "severity": finding["severity"], "severity_word": SEVERITIES[lang][finding["severity"]],
            "subject": names.get(finding["subject"], finding["subject_name"] or finding["subject"]),
            "kind": KINDS[lang][finding["subject"].split(":", 1)[0]], "message": finding["messages"][lang],
            "points": finding.get("points", 0.0), "evidence": evidence_rows(finding, names, lang)}


def _causes(report: dict, names: dict[str, str], lang: str) -> list[dict]:
    by_cause: dict[str, list[dict]] = {}
    for finding in report["findings"]:
        by_cause.setdefault(finding.get("root_cause", ""), []).append(finding)
    views = []
    for number, cause in enumerate(report.get("root_causes", []), 1):
        found = sorted(by_cause.get(cause["id"], []),
                       key=lambda f: (_RANK[f["severity"]], -f.get("points", 0.0), names.get(f["subject"], "")))
        findings = [_finding_view(f, names, lang) for f in found]
        remedy = cause["remediation"]
        views.append({
            "number": number, "id": cause["id"], "anchor": f"cause-{number}", "title": cause["title"][lang],
            "message": cause["message"][lang], "severity": cause["severity"],
            "severity_word": SEVERITIES[lang][cause["severity"]], "dimension": DIMENSIONS[lang][cause["dimension"]],
            "count": cause["count"], "points": round(cause["points"], 1),
            "codes": cause["codes"], "steps": remedy["steps"], "owner": names.get(remedy["owner"], remedy["owner"]),
            "effort": EFFORTS[lang][remedy["effort"]], "phase": PHASES[lang][remedy["phase"]],
            "open": findings[:OPEN_FINDINGS], "folded": findings[OPEN_FINDINGS:], "findings": findings,
            "findings_raw": found,
        })
    return views


def _plan(report: dict, names: dict[str, str], causes: list[dict], lang: str) -> list[dict]:
    """The plan per phase (30/60/90 days), each action with its owner's name, effort and what it recovers."""
    titles = {c["id"]: c for c in causes}
    phases = []
    for phase, label in PHASES[lang].items():
        items = [{"action": p["action"], "owner": names.get(p["owner"], p["owner"]) if p["owner"] else "—",
                  "effort": EFFORTS[lang][p["effort"]], "recovers": round(p.get("recovers", 0.0), 1),
                  "subjects": len(p["subjects"]), "severity": p["severity"],
                  "causes": [{"title": titles[i]["title"], "anchor": titles[i]["anchor"]}
                             for i in p.get("root_causes", []) if i in titles]}
                 for p in report["plan"] if p["phase"] == phase]
        if items:
            phases.append({"phase": phase, "label": label, "items": items})
    return phases


def _charts(report: dict, lang: str, causes: list[dict]) -> dict[str, str]:
    score = report["score"]
    shown = {d: v for d, v in score["dimensions"].items() if d not in score["not_assessed_dimensions"]}
    findings_per_kpi: dict[str, int] = {}
    for finding in report["findings"]:
        if finding["subject"].startswith("kpi:"):
            findings_per_kpi[finding["subject"][4:]] = findings_per_kpi.get(finding["subject"][4:], 0) + 1
    kpis = [{"id": k["id"], "name": k["name"], "kind": k.get("kind"), "core": k["core"],
             "drives": k.get("drives", []), "objectives": k.get("objectives", []),
             "findings": findings_per_kpi.get(k["id"], 0)} for k in report.get("kpis", [])]
    return {
        "radar": charts.radar(shown, DIMENSIONS[lang], lang=lang),
        "bars": charts.dimension_bars(shown, DIMENSIONS[lang], BANDS[lang], lang=lang),
        "causes": charts.cause_bars([{"label": c["title"], "points": c["points"], "severity": c["severity"]}
                                     for c in causes[:CHART_CAUSES]], lang=lang) if causes else "",
        "drivers": charts.driver_tree(report.get("objectives", []), kpis, lang),
        "org": charts.org_tree(report.get("units", []), lang),
    }


# "Since last audit": the comparison's finding lists a report shows, in this order (history/compare.py)
SINCE_LISTS = ("new", "resolved", "persisting", "newly_assessed", "waived")


def _since(report: dict, names: dict[str, str], lang: str) -> dict | None:
    """The "Since last audit" section (report key since_last_audit, from --baseline or the audit store)."""
    since = report.get("since_last_audit")
    if since is None:
        return None
    words, previous = LABELS[lang], since["previous"]
    delta = since["score_delta"]["overall"]
    moved = since["counts"]["rules_new"] + since["counts"]["rules_resolved"]
    return {"intro": _fill(words["since_intro"], date=previous["audit_date"], score=previous["score"],
                           ruleset=f"{previous['ruleset']['name']} {previous['ruleset']['version']}",
                           delta=f"{delta:+g}" if delta else "±0"),
            "lists": [{"label": words[f"since_{key}"],
                       "findings": [_finding_brief(f, names, lang) for f in since[key]]} for key in SINCE_LISTS],
            "rules": _fill(words["since_rules"], n=moved) if moved else None}


def _finding_brief(finding: dict, names: dict[str, str], lang: str) -> dict:
    return {"code": finding["code"], "severity_word": SEVERITIES[lang][finding["severity"]],
            "subject": names.get(finding["subject"], finding.get("subject_name") or finding["subject"]),
            "message": finding["messages"][lang]}


def _waived(report: dict, names: dict[str, str], lang: str) -> dict | None:
    """The "Waived findings" section (report keys waived and waivers, from --waivers)."""
    if "waivers" not in report:
        return None
    return {"findings": [{**_finding_brief(f, names, lang), **f["waiver"]} for f in report["waived"]],
            "expired": report["waivers"]["expired"], "stale": report["waivers"]["stale"]}


def _collect(report: dict, lang: str) -> list[dict]:
    """What to collect, one entry per item (the requests about several subjects joined)."""
    items: dict[str, list[str]] = {}
    for entry in report.get("to_collect", []):
        requests = items.setdefault(entry["item"][lang], [])
        if entry["request"][lang] not in requests:
            requests.append(entry["request"][lang])
    return [{"item": item, "request": " ".join(requests)} for item, requests in items.items()]


def document(report: dict) -> dict:
    """Everything the HTML/PDF and Markdown templates show, in the report's language."""
    lang = report["language"]
    names = names_of(report)
    causes = _causes(report, names, lang)
    top = causes[:SUMMARY_CAUSES]
    return {
        "lang": lang, "names": names, "headline": _headline(report, lang), "strengths": _strengths(report, lang),
        "top_causes": top, "causes": causes, "plan": _plan(report, names, causes, lang),
        "collect": _collect(report, lang),
        "charts": _charts(report, lang, causes),
        "prepared_by": report.get("prepared_by"),
        "since": _since(report, names, lang), "waived": _waived(report, names, lang),
    }
