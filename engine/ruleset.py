"""Finding, loading, validating and hashing rulesets, with agency overrides.

`--ruleset core` is the newest shipped version, `core@1.0.0` (or `core@1`) a given
one, and a path is a custom ruleset or an override file that `extends` another.
Everything is validated eagerly and every problem reported at once (exit 2):
a broken rule never silently drops out.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from diagnostics.schema import FactField
from engine.catalogue import FOCI, KINDS, Catalogue, document_problems
from engine.conditions import ConditionError, check
from engine.errors import Problem, RulesetError
from engine.loaders.text_forms import read_structured
from engine.ruleset_model import (LANGS, PLACEHOLDER, Override, Param, Request, Rule, RulesetHead, Scoring,
                                  Text)

RULESETS_DIR = Path(__file__).resolve().parent.parent / "rulesets"
CATALOGUE_DIR = RULESETS_DIR / "catalogue"
CATALOGUE_REF = re.compile(r"[a-z0-9-]+@[0-9.]+")  # name@version: a shipped catalogue, never a path
BUILTIN_PLACEHOLDERS = {"subject", "subject_name"}
CAUSE_PLACEHOLDERS = {"count", "total", "group", "names", "kinds"}  # a root cause's message (engine.root_causes)
OWNER_NEED = "kpis[].owner"  # what an `unowned` rule asks for (engine.assessment)


@dataclass(frozen=True)
class Ruleset:
    """A resolved ruleset: rules with effective severities, parameter values, catalogue, identity."""

    name: str
    version: str
    description: Text
    rules: tuple[Rule, ...]
    params: dict[str, Any]
    scoring: Scoring
    catalogue: Catalogue
    catalogue_records: tuple[dict, ...]
    disabled: dict[str, str] = field(default_factory=dict)
    base: str | None = None
    changes: dict[str, Any] = field(default_factory=dict)
    origin: str = ""
    collect: dict[str, Request] = field(default_factory=dict)  # need -> what to ask the client for

    @property
    def active_rules(self) -> tuple[Rule, ...]:
        return tuple(r for r in self.rules if r.code not in self.disabled)

    def rule(self, code: str) -> Rule | None:
        return next((r for r in self.rules if r.code == code.upper()), None)

    def canonical(self) -> dict:
        return {"name": self.name, "version": self.version, "params": self.params,
                "scoring": self.scoring.model_dump(mode="json"),
                "rules": [_canonical_rule(r) for r in self.rules],
                "disabled": self.disabled, "catalogue": list(self.catalogue_records),
                # the recogniser's word lists (catalogue 1.1) are part of what judged a report; 1.0 has none
                **({"catalogue_sections": self.catalogue.sections} if self.catalogue.sections else {}),
                **({"collect": {k: v.model_dump(mode="json") for k, v in self.collect.items()}} if self.collect else {})}

    @property
    def sha256(self) -> str:
        text = json.dumps(self.canonical(), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


# Fields added by ruleset 1.1, left out of the identity while unused, so a 1.0 ruleset keeps its sha256.
_LATER_FIELDS = {"needs": [], "unowned": False, "title": None,
                 "root_cause": {"by": "subject", "systemic": False, "joins": [], "message": None}}


def _canonical_rule(rule: Rule) -> dict:
    data = rule.model_dump(mode="json")
    for name, default in _LATER_FIELDS.items():
        if data[name] == default:
            del data[name]
    for match in data["match"]:
        if match["unknown"] is None:
            del match["unknown"]
    return data


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in version.split("."))


def shipped_versions(name: str) -> list[str]:
    folder = RULESETS_DIR / name
    if name == "catalogue" or not folder.is_dir():
        return []
    return sorted((p.name for p in folder.iterdir() if (p / "ruleset.yaml").is_file()), key=_version_key)


def shipped_names() -> list[str]:
    return sorted(p.name for p in RULESETS_DIR.iterdir() if p.is_dir() and shipped_versions(p.name))


def load_ruleset(spec: str | None, schema: dict[str, dict[str, FactField]]) -> Ruleset:
    """Resolve `--ruleset`: NAME, NAME@VERSION, NAME@MAJOR, or a path to a ruleset/override file."""
    return _load(spec or "core", schema, seen=())


def _load(spec: str, schema, seen: tuple[str, ...]) -> Ruleset:
    path = Path(spec)
    if path.exists():
        key = str(path.resolve())
        if key in seen:
            raise RulesetError(spec, "'extends' forms a cycle: " + " -> ".join([*seen, key]))
        if path.is_dir():
            return _load_dir(path, schema)
        return _load_file(path, schema, (*seen, key))
    return _load_dir(shipped_folder(spec), schema)


def shipped_folder(spec: str) -> Path:
    """The folder of shipped ruleset NAME, NAME@VERSION or NAME@MAJOR, found without looking at the working
    folder: what the service resolves a client's ruleset name with (a client's text never names a file)."""
    name, _, wanted = spec.partition("@")
    versions = shipped_versions(name) if name in shipped_names() else []
    if not versions:
        raise RulesetError(spec, f"no such ruleset or file; shipped rulesets: {', '.join(shipped_names())}")
    matching = [v for v in versions if not wanted or v == wanted or v.startswith(wanted + ".")]
    if not matching:
        raise RulesetError(spec, f"no version {wanted} of '{name}'; available: {', '.join(versions)}")
    return RULESETS_DIR / name / matching[-1]


def _validated(model, data: Any, source: str, prefix: str = ""):
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = [Problem(prefix + ".".join(str(p) for p in err["loc"]), err["msg"]) for err in exc.errors()]
        raise RulesetError(source, problems) from None


def load_catalogue(ref: str) -> dict:
    """A shipped catalogue document by reference, `metrics@1.0.0` -> rulesets/catalogue/metrics-1.0.0.yaml:
    its `metrics` and, from 1.1 on, the recogniser's sections. Only a plain `name@version` is looked up, so a
    reference (from a ruleset file someone else wrote) never names a file outside the shipped catalogues."""
    if not CATALOGUE_REF.fullmatch(ref):
        raise RulesetError(ref, "a catalogue reference is name@version, like metrics@1.1.0")
    name, _, version = ref.partition("@")
    path = CATALOGUE_DIR / f"{name}-{version}.yaml"
    if not path.is_file():
        raise RulesetError(ref, "no such metric catalogue")
    document = read_structured(path, RulesetError)
    if not isinstance(document, dict):
        raise RulesetError(ref, "a metric catalogue is a mapping with `metrics`")
    return document


def _load_dir(folder: Path, schema) -> Ruleset:
    head = _validated(RulesetHead, read_structured(folder / "ruleset.yaml", RulesetError), str(folder / "ruleset.yaml"))
    rules = []
    problems: list[Problem] = []
    for rule_file in sorted((folder / "rules").glob("*.yaml")):
        try:
            rules.append(_validated(Rule, read_structured(rule_file, RulesetError), str(rule_file)))
        except RulesetError as exc:
            problems.extend(Problem(f"{rule_file.name}: {p.location}", p.message) for p in exc.problems)
    if problems:
        raise RulesetError(str(folder), problems)
    return _assemble(head.name, head.version, head.description, rules, head.scoring,
                     load_catalogue(head.catalogue), schema, origin=str(folder), collect=head.collect)


def _load_file(path: Path, schema, seen: tuple[str, ...]) -> Ruleset:
    data = read_structured(path, RulesetError)
    if not isinstance(data, dict):
        raise RulesetError(str(path), "a ruleset or override file is a mapping")
    if "extends" not in data:
        head = _validated(RulesetHead, {k: v for k, v in data.items() if k != "rules"}, str(path))
        rules = [_validated(Rule, r, str(path), f"rules[{i}].") for i, r in enumerate(data.get("rules") or [])]
        return _assemble(head.name, head.version, head.description, rules, head.scoring,
                         load_catalogue(head.catalogue), schema, origin=str(path), collect=head.collect)
    override = _validated(Override, data, str(path))
    target = override.extends
    if target.startswith((".", "/")) or target.endswith((".yaml", ".yml", ".json")):
        base = _load(str(path.parent / target), schema, seen)
    elif target.partition("@")[0] in shipped_names():
        base = _load_dir(shipped_folder(target), schema)  # a shipped name, whatever the working folder holds
    else:
        base = _load(target, schema, seen)
    return _apply_override(base, override, schema, str(path))


def _apply_override(base: Ruleset, ov: Override, schema, source: str) -> Ruleset:
    problems: list[Problem] = []
    codes = {r.code for r in base.rules}
    for section, mapping in (("severity", ov.severity), ("disable", ov.disable)):
        for code in mapping:
            if code not in codes:
                problems.append(Problem(f"{section}.{code}", f"unknown rule code '{code}'"))
    new_rules = []
    for i, data in enumerate(ov.rules):
        try:
            rule = _validated(Rule, data, source, f"rules[{i}].")
        except RulesetError as exc:
            problems.extend(exc.problems)
            continue
        if rule.code in codes:
            problems.append(Problem(f"rules[{i}].code", f"code '{rule.code}' is already used; codes are never reused"))
        new_rules.append(rule)
    records = [dict(r) for r in base.catalogue_records]
    by_id = {r["id"]: r for r in records}
    for metric_id, synonyms in ov.catalogue.synonyms.items():
        if metric_id not in by_id:
            problems.append(Problem(f"catalogue.synonyms.{metric_id}", f"unknown catalogue metric '{metric_id}'"))
        else:
            by_id[metric_id]["synonyms"] = [*by_id[metric_id].get("synonyms", []), *synonyms]
    records.extend(ov.catalogue.metrics)
    scoring = base.scoring.model_dump()
    for key, weights in ov.scoring.items():
        if key not in scoring:
            problems.append(Problem(f"scoring.{key}", "unknown scoring section"))
        else:
            scoring[key] = {**scoring[key], **weights}
    if problems:
        raise RulesetError(source, problems)
    rules = [r.model_copy(update={"severity": ov.severity[r.code]}) if r.code in ov.severity else r
             for r in base.rules] + new_rules
    params = {**base.params}
    changes = {
        "params": {k: {"from": base.params.get(k), "to": v} for k, v in ov.params.items()},
        "severity": {c: {"from": base.rule(c).severity, "to": s} for c, s in ov.severity.items()},
        "disabled": dict(ov.disable), "added_rules": [r.code for r in new_rules],
        "catalogue": {"metrics_added": [m.get("id") for m in ov.catalogue.metrics],
                      "synonyms_added": sorted(ov.catalogue.synonyms)},
    }
    prior = base.changes or {}
    merged_changes = {k: ({**prior.get(k, {}), **v} if isinstance(v, dict) else [*prior.get(k, []), *v])
                      for k, v in changes.items() if k != "catalogue"}
    merged_changes["catalogue"] = changes["catalogue"]
    return _assemble(ov.name or base.name, ov.version or base.version, base.description, rules,
                     _validated(Scoring, scoring, source, "scoring."), {**base.catalogue.sections, "metrics": records},
                     schema, param_values={**params, **ov.params}, disabled={**base.disabled, **ov.disable},
                     base=base.base or f"{base.name}@{base.version}", changes=merged_changes, origin=source,
                     collect=base.collect)


def _check_catalogue(document: dict) -> list[Problem]:
    """Metric records (the 1.0 checks), then what catalogue 1.1 adds (a document with `recognition`)."""
    records = document.get("metrics")
    if not isinstance(records, list):
        return [Problem("catalogue.metrics", "must be a list of metric records")]
    problems = []
    seen = set()
    for i, record in enumerate(records):
        where = f"catalogue.metrics[{i}]"
        if not isinstance(record, dict):
            problems.append(Problem(where, "must be a mapping"))
            continue
        for key in ("id", "en", "zh", "kind", "focus"):
            if not isinstance(record.get(key), str) or not record.get(key):
                problems.append(Problem(f"{where}.{key}", "required text"))
        if record.get("kind") not in KINDS:
            problems.append(Problem(f"{where}.kind", f"must be one of {', '.join(KINDS)}"))
        if record.get("focus") not in FOCI:
            problems.append(Problem(f"{where}.focus", f"must be one of {', '.join(FOCI)}"))
        if record.get("id") in seen:
            problems.append(Problem(f"{where}.id", f"duplicate catalogue id '{record.get('id')}'"))
        seen.add(record.get("id"))
    for i, record in enumerate(records):
        for target in (record.get("drives") or []) if isinstance(record, dict) else []:
            if target not in seen:
                problems.append(Problem(f"catalogue.metrics[{i}].drives", f"unknown catalogue metric '{target}'"))
    if "recognition" in document and not problems:
        problems.extend(Problem(where, message) for where, message in document_problems(document))
    return problems


def _assemble(name: str, version: str, description: Text, rules: list[Rule], scoring: Scoring,
              catalogue: dict, schema, *, param_values: dict | None = None,
              disabled: dict | None = None, base: str | None = None, changes: dict | None = None,
              origin: str = "", collect: dict[str, Request] | None = None) -> Ruleset:
    problems = _check_catalogue(catalogue)
    specs: dict[str, Param] = {}
    codes: set[str] = set()
    for rule in rules:
        if rule.code in codes:
            problems.append(Problem(rule.code, "duplicate rule code"))
        codes.add(rule.code)
        for pname, spec in rule.params.items():
            if pname in specs and specs[pname] != spec:
                problems.append(Problem(f"{rule.code}.params.{pname}", "declared differently by another rule"))
            specs.setdefault(pname, spec)
    values = {k: s.default for k, s in specs.items()}
    for pname, value in (param_values or {}).items():
        if pname not in specs:
            problems.append(Problem(f"params.{pname}", f"unknown parameter '{pname}'"))
            continue
        why = specs[pname].check(value)
        if why:
            problems.append(Problem(f"params.{pname}", why))
        else:
            values[pname] = value
    codes = {rule.code for rule in rules}
    for rule in rules:
        problems.extend(_check_rule(rule, schema, values, collect or {}))
        problems.extend(Problem(f"{rule.code}.root_cause.joins", f"unknown rule code '{code}'")
                        for code in rule.root_cause.joins if code not in codes or code == rule.code)
    if problems:
        raise RulesetError(origin or name, problems)
    return Ruleset(name=name, version=version, description=description,
                   rules=tuple(sorted(rules, key=lambda r: r.code)), params=dict(sorted(values.items())),
                   scoring=scoring, catalogue=Catalogue.from_document(catalogue),
                   catalogue_records=tuple(catalogue["metrics"]), disabled=dict(sorted((disabled or {}).items())),
                   base=base, changes=changes or {}, origin=origin, collect=dict(collect or {}))


def _check_rule(rule: Rule, schema, params: dict, collect: dict[str, Request]) -> list[Problem]:
    """Conditions, evidence, placeholders and needs of one rule against the fact schema and the ruleset."""
    problems = []
    needs = [(f"{rule.code}.needs", n) for n in rule.needs] + \
            ([(f"{rule.code}.unowned", OWNER_NEED)] if rule.unowned else []) + \
            [(f"{rule.code}.match[{i}].unknown.needs", m.unknown.needs) for i, m in enumerate(rule.match) if m.unknown]
    for where, need in needs:
        if need not in collect:
            problems.append(Problem(where, f"unknown need '{need}' (the ruleset's collect: {', '.join(sorted(collect))})"))
    rule_params = {k: params[k] for k in rule.params}
    evidence_fields = set()
    for i, match in enumerate(rule.match):
        where = f"{rule.code}.match[{i}]"
        kind_schema = schema.get(match.fact, {})
        try:
            check(match.when, kind_schema, rule_params, f"{where}.when")
            if match.scope is not None:
                check(match.scope, kind_schema, rule_params, f"{where}.scope")
            if match.unknown is not None:
                check(match.unknown.when, kind_schema, rule_params, f"{where}.unknown.when")
        except ConditionError as exc:
            problems.append(Problem(where, str(exc)))
            continue
        evidence_fields |= {f for f in rule.evidence if f in kind_schema}
        texts = [("message", rule.message)] + ([("match.message", match.message)] if match.message else [])
        for label, text in texts:
            names = {lang: set(PLACEHOLDER.findall(text[lang])) for lang in LANGS}
            if names["en"] != names["zh"]:
                problems.append(Problem(f"{rule.code}.{label}", "en and zh use different placeholders: "
                                        f"{sorted(names['en'] ^ names['zh'])}"))
            allowed = {f for f in rule.evidence if f in kind_schema} | set(rule.params) | BUILTIN_PLACEHOLDERS
            unknown = (names["en"] | names["zh"]) - allowed
            if unknown and (label == "match.message" or not match.message):
                problems.append(Problem(f"{rule.code}.{label}", f"placeholders not in evidence or params: {sorted(unknown)}"))
    for name in set(rule.evidence) - evidence_fields:
        problems.append(Problem(f"{rule.code}.evidence", f"unknown fact field '{name}'"))
    known = set(rule.evidence) | set(rule.params) | BUILTIN_PLACEHOLDERS
    for lang in LANGS:
        unknown = {n for step in rule.remediation.steps[lang] for n in PLACEHOLDER.findall(step)} - known
        if unknown:
            problems.append(Problem(f"{rule.code}.remediation.steps.{lang}",
                                    f"placeholders not in evidence or params: {sorted(unknown)}"))
    if len(rule.remediation.steps.en) != len(rule.remediation.steps.zh):
        problems.append(Problem(f"{rule.code}.remediation.steps", "en and zh must list the same number of steps"))
    if rule.root_cause.message is not None:
        for lang in LANGS:
            unknown = set(PLACEHOLDER.findall(rule.root_cause.message[lang])) - CAUSE_PLACEHOLDERS
            if unknown:
                problems.append(Problem(f"{rule.code}.root_cause.message.{lang}",
                                        f"unknown placeholders {sorted(unknown)} (use {', '.join(sorted(CAUSE_PLACEHOLDERS))})"))
    return problems
