"""Compare two audit reports of one organisation: what is new, resolved and persisting, and the score change.

`compare(old, new)` takes two report dicts (as `kpi-audit audit` writes them, or as the audit store returns
them) and returns the comparison; it is used by `kpi-audit compare`, by the report's "Since last audit"
section and by portfolio deltas, so it reads nothing but the reports and the shipped rule files (versioned,
never edited once released), and the same two reports always give the same comparison.

Findings are matched by code + subject: a code names one pitfall in every ruleset version (codes are never
reused), and a subject id is the client's own. Root causes are matched by their codes + group subject.

Judged now, not judged before (and the reverse) is neither new nor resolved: a finding whose rule could not
be assessed on that subject in the other audit (the other report's `not_assessed` names the code on that
subject, or on the whole organisation) is `newly_assessed` or `no_longer_assessed`. A finding waived now is
listed as `waived`, never as resolved; one waived before counts as found then.

When the two audits used different rulesets (sha256 differs), a finding that appeared or disappeared is put
down to the rules, not the organisation, when one of these holds (the heuristic, also in docs/report.md):

- `rule_added` / `rule_removed`: its code is not in one of the two rulesets (a shipped version's rule files,
  plus an override's added rules, minus the rules either disables);
- `params_changed`: a parameter of its rule has another value (shipped defaults, as an override changed them);
- `kpi_reading_changed`: its subject is a KPI with the same name in both audits that was read as another
  metric or kind (the catalogue is part of the ruleset), or the role owning such a KPI, or that role's unit.

Everything else changed because the organisation did. A rule whose severity changed finds the same subjects
(severity only weighs them): such rules are listed, since they move the score, but decide no attribution.
What the heuristic cannot see: a shipped rule whose conditions were rewritten under the same code and
parameters, and role- or unit-level findings that moved because KPIs were read differently.
"""
from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from engine.errors import RulesetError, UserInputError
from engine.loaders.text_forms import read_structured
from engine.messages import Local
from engine.ruleset import RULESETS_DIR
from engine.ruleset_model import DIMENSIONS

COMPARE_VERSION = 1
ORGANISATION, RULES = "organisation", "rules"
# Why a changed finding is put down to the rules (see the module docstring), in the order they are tested.
RULE_REASONS = ("rule_added", "rule_removed", "params_changed", "kpi_reading_changed")
Key = tuple[str, str]


def compare(old: dict, new: dict) -> dict:
    """The comparison of two reports (`old` the earlier audit); see docs/report.md, "Comparing audits"."""
    rules = _RuleView(old), _RuleView(new)
    changed_rules = old["ruleset"]["sha256"] != new["ruleset"]["sha256"]
    # a finding waived before counts as found then; one waived now is neither resolved nor persisting
    olds = _by_key([*old["findings"], *old.get("waived", [])])
    news, waived = _by_key(new["findings"]), _by_key(new.get("waived", []))
    why = _Attribution(old, new, *rules) if changed_rules else None

    findings: dict[str, list[dict]] = {k: [] for k in ("new", "resolved", "persisting", "newly_assessed",
                                                       "no_longer_assessed", "waived")}
    by_rules: dict[str, list[dict]] = {"new": [], "resolved": []}
    moved: dict[str, dict[Key, str | None]] = {"old": {}, "new": {}}  # changed findings -> rule reason or None
    for key, finding in news.items():
        if key in olds:
            findings["persisting"].append(_entry(finding, olds[key]))
        elif _unjudged(old, key):
            findings["newly_assessed"].append(_entry(finding))
        else:
            moved["new"][key] = why and why.reason(key, "new")
            _place(finding, moved["new"][key], findings["new"], by_rules["new"])
    findings["waived"] = [{**_entry(f), "waiver": f["waiver"]} for f in waived.values()]
    for key, finding in olds.items():
        if key in news or key in waived:
            continue
        if _unjudged(new, key):
            findings["no_longer_assessed"].append(_entry(finding))
        else:
            moved["old"][key] = why and why.reason(key, "old")
            _place(finding, moved["old"][key], findings["resolved"], by_rules["resolved"])

    root_causes, cause_rules = _root_causes(old, new, moved, changed_rules)
    return {
        "compare_version": COMPARE_VERSION,
        "old": _identity(old),
        "new": _identity(new),
        "same_organization": old["organization"]["id"] == new["organization"]["id"],
        "score_delta": score_delta(old["score"], new["score"]),
        "findings": {k: _sorted(v) for k, v in findings.items()},
        "root_causes": root_causes,
        "rules": {
            "changed": changed_rules,
            "known": all(r.known for r in rules),
            "codes": why.codes() if why else {},
            "severity": _severity_changes(old, new) if changed_rules else {},
            "findings": {k: _sorted(v) for k, v in by_rules.items()},
            "root_causes": cause_rules,
        },
        "counts": {**{k: len(v) for k, v in findings.items()},
                   **{f"rules_{k}": len(v) for k, v in by_rules.items()}},
    }


def compact(comparison: dict) -> dict:
    """The comparison as a report's `since_last_audit`: the score change and, per finding, what names it."""
    keep = ("code", "subject", "subject_name", "severity", "messages")

    def slim(entries: Iterable[dict]) -> list[dict]:
        return [{k: e[k] for k in keep} for e in entries]

    return {
        "previous": comparison["old"],
        "score_delta": comparison["score_delta"],
        "counts": comparison["counts"],
        "rules_changed": comparison["rules"]["changed"],
        **{k: slim(v) for k, v in comparison["findings"].items()},
        "rules_new": slim(comparison["rules"]["findings"]["new"]),
        "rules_resolved": slim(comparison["rules"]["findings"]["resolved"]),
    }


def score_delta(old: dict, new: dict) -> dict:
    """New minus old: overall, potential and per dimension (None where either audit has no score)."""
    def minus(a: float | None, b: float | None) -> float | None:
        return None if a is None or b is None else round(b - a, 2)

    return {"overall": minus(old["overall"], new["overall"]),
            "potential": minus(old.get("potential"), new.get("potential")),
            "band": {"old": old["band"], "new": new["band"]},
            "dimensions": {d: minus(old["dimensions"].get(d), new["dimensions"].get(d)) for d in DIMENSIONS}}


def _identity(report: dict) -> dict:
    org, ruleset, score = report["organization"], report["ruleset"], report["score"]
    return {"organization": {"id": org["id"], "name": org["name"]}, "audit_date": org["audit_date"],
            "ruleset": {k: ruleset[k] for k in ("name", "version", "sha256", "base")},
            "score": score["overall"], "potential": score.get("potential"), "band": score["band"]}


def _by_key(findings: list[dict]) -> dict[Key, dict]:
    return {(f["code"], f["subject"]): f for f in findings}


def _unjudged(report: dict, key: Key) -> bool:
    """The report could not assess this code on this subject (or on the whole organisation)."""
    code, subject = key
    return any(e["code"] == code and (e["subject"] == subject or e["subject"].startswith("org:"))
               for e in report.get("not_assessed", []))


def _entry(finding: dict, before: dict | None = None) -> dict:
    entry = {k: finding.get(k) for k in ("code", "name", "dimension", "severity", "subject", "subject_name",
                                         "messages")}
    entry["points"] = {"old": before.get("points"), "new": finding.get("points")} if before is not None \
        else finding.get("points")
    return entry


def _place(finding: dict, reason: str | None, organisation: list[dict], rules: list[dict]) -> None:
    entry = _entry(finding)
    if reason is None:
        organisation.append(entry)
    else:
        rules.append({**entry, "rule_change": reason})


def _sorted(entries: list[dict]) -> list[dict]:
    return sorted(entries, key=lambda e: (e["code"], e["subject"]))


def _root_causes(old: dict, new: dict, moved: dict[str, dict[Key, str | None]],
                 changed_rules: bool) -> tuple[dict, dict]:
    """Root causes matched by codes + group subject. Under another ruleset, a new or resolved one is the rules'
    doing when the rules moved every one of its findings that changed (`moved`: changed finding -> rule reason,
    or None), or none changed: the same findings grouped otherwise (grouping is part of the rules)."""
    def keyed(report: dict) -> dict[tuple, dict]:
        return {(tuple(sorted(rc["codes"])), rc["group"]["subject"]): rc for rc in report.get("root_causes", [])}

    def by_rules(report: dict, rc: dict, side: str) -> bool:
        reasons = [moved[side][k] for f in report["findings"] if f.get("root_cause") == rc["id"]
                   and (k := (f["code"], f["subject"])) in moved[side]]
        return changed_rules and None not in reasons

    olds, news = keyed(old), keyed(new)
    out: dict[str, list[dict]] = {"new": [], "resolved": [], "persisting": []}
    rules: dict[str, list[dict]] = {"new": [], "resolved": []}
    for key, rc in news.items():
        if key in olds:
            out["persisting"].append(_cause(rc, olds[key]))
        else:
            (rules if by_rules(new, rc, "new") else out)["new"].append(_cause(rc))
    for key, rc in olds.items():
        if key not in news:
            (rules if by_rules(old, rc, "old") else out)["resolved"].append(_cause(rc))

    def order(cause: dict) -> tuple:
        return cause["codes"], cause["group"]

    return {k: sorted(v, key=order) for k, v in out.items()}, {k: sorted(v, key=order) for k, v in rules.items()}


def _cause(rc: dict, before: dict | None = None) -> dict:
    entry = {"codes": sorted(rc["codes"]), "group": rc["group"]["subject"], "title": rc["title"],
             "dimension": rc["dimension"], "severity": rc["severity"]}
    if before is not None:
        entry.update(count={"old": before["count"], "new": rc["count"]},
                     points={"old": before["points"], "new": rc["points"]})
    else:
        entry.update(count=rc["count"], points=rc["points"])
    return entry


def _severity_changes(old: dict, new: dict) -> dict[str, dict[str, str]]:
    """Rules whose severity differs, as far as the reports show one (their findings and deductions)."""
    def severities(report: dict) -> dict[str, str]:
        seen = {d["code"]: d["severity"] for d in report["score"].get("deductions", [])}
        seen.update({f["code"]: f["severity"] for f in report["findings"]})
        return seen

    a, b = severities(old), severities(new)
    return {c: {"from": a[c], "to": b[c]} for c in sorted(a.keys() & b.keys()) if a[c] != b[c]}


class _RuleView:
    """What a report tells of its ruleset's rules: their codes and parameter values (None when unknown: a
    ruleset that is neither shipped nor an override of a shipped one)."""

    def __init__(self, report: dict) -> None:
        ruleset = report["ruleset"]
        shipped = _shipped(*(ruleset.get("base") or f"{ruleset['name']}@{ruleset['version']}").partition("@")[::2])
        changes = ruleset.get("changes") or {}
        self.known = shipped is not None
        self.disabled = set(ruleset.get("disabled") or {})
        added = set(changes.get("added_rules", []))
        self.codes: set[str] | None = ((set(shipped) | added) - self.disabled) if shipped is not None else None
        overridden = {name: change["to"] for name, change in (changes.get("params") or {}).items()}
        self.params = {code: {name: overridden.get(name, default) for name, default in params.items()}
                       for code, params in (shipped or {}).items()}

    def lacks(self, code: str) -> bool:
        return code in self.disabled or (self.codes is not None and code not in self.codes)


class _Attribution:
    """Why a finding present in one report only is the rules' doing (a reason of RULE_REASONS), or None."""

    def __init__(self, old: dict, new: dict, old_rules: _RuleView, new_rules: _RuleView) -> None:
        self.rules = {"old": old_rules, "new": new_rules}
        readings = [{k["id"]: k for k in report.get("kpis", [])} for report in (old, new)]
        reread = [k for i, k in readings[1].items() if i in readings[0] and readings[0][i]["name"] == k["name"]
                  and _reading(readings[0][i]) != _reading(k)]
        owners = {k["owner"] for k in reread if k.get("owner")}
        units = {r["unit"] for r in new.get("roles", []) if r["id"] in owners}
        # a KPI read otherwise, and the role that owns it and its unit (their rules count that KPI)
        self.reread = {f"kpi:{k['id']}" for k in reread} | {f"role:{o}" for o in owners} | {f"unit:{u}" for u in units}
        self._codes: dict[str, set[str]] = {}

    def reason(self, key: Key, side: str) -> str | None:
        code, subject = key
        other = self.rules["new" if side == "old" else "old"]
        reason = None
        if other.lacks(code):
            reason = "rule_added" if side == "new" else "rule_removed"
        elif self.rules["old"].known and self.rules["new"].known \
                and self.rules["old"].params.get(code) != self.rules["new"].params.get(code):
            reason = "params_changed"
        elif subject in self.reread:
            reason = "kpi_reading_changed"
        if reason is not None:
            self._codes.setdefault(code, set()).add(reason)
        return reason

    def codes(self) -> dict[str, list[str]]:
        """The rules that moved findings, with why (in RULE_REASONS order)."""
        return {c: [r for r in RULE_REASONS if r in why] for c, why in sorted(self._codes.items())}


def _reading(kpi: dict) -> tuple:
    return kpi.get("metric"), kpi.get("kind")


@lru_cache(maxsize=None)
def _shipped(name: str, version: str) -> dict[str, dict[str, object]] | None:
    """A shipped ruleset's rules as {code: {param: default}} from its rule files, or None when not shipped."""
    folder = RULESETS_DIR / name / version / "rules"
    if not name or not version or not folder.is_dir():
        return None
    rules: dict[str, dict[str, object]] = {}
    for path in sorted(folder.glob("*.yaml")):
        try:
            document = read_structured(path, RulesetError)
        except RulesetError:
            return None
        params = document.get("params") or {}
        rules[document["code"]] = {p: spec.get("default") for p, spec in params.items()}
    return rules


MESSAGES: dict[str, dict[str, str]] = {
    "not_a_report": {"en": "not a kpi-audit JSON report (write one with `kpi-audit audit INTAKE --out report.json`)",
                     "zh": "不是 kpi-audit 的 JSON 报告（可用 `kpi-audit audit 资料文件 --out report.json` 生成）"},
    "no_file": {"en": "no such file", "zh": "文件不存在"},
    "other_org": {"en": "the baseline is an audit of organisation '{old}', not '{new}'",
                  "zh": "基准报告诊断的是组织「{old}」，不是「{new}」"},
}
REPORT_KEYS = ("organization", "ruleset", "score", "findings")


class ReportFileError(UserInputError):
    """A file given as a report is not one: exit 2."""


def read_report(path: str | Path) -> dict:
    """A report JSON file as `kpi-audit audit` wrote it; anything else is a ReportFileError naming the file."""
    if not Path(path).is_file():
        raise ReportFileError(str(path), _local("no_file"))
    data = read_structured(Path(path), ReportFileError)
    if not isinstance(data, dict) or any(key not in data for key in REPORT_KEYS):
        raise ReportFileError(str(path), _local("not_a_report"))
    return data


def since_last_audit(report: dict, previous: dict | None, source: str = "") -> dict:
    """`report` with `since_last_audit` (the compact comparison with `previous`, its earlier audit) when there is
    one; a baseline of another organisation is a ReportFileError, not a comparison of two clients."""
    if previous is None:
        return report
    old, new = previous["organization"]["id"], report["organization"]["id"]
    if old != new:
        raise ReportFileError(source, _local("other_org", old=old, new=new))
    report["since_last_audit"] = compact(compare(previous, report))
    return report


def _local(code: str, **params: object) -> Local:
    return Local({lang: text.format(**params) for lang, text in MESSAGES[code].items()})
