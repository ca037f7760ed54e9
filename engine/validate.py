"""Raw sections -> a validated `Intake`, collecting every problem in one pass.

Structure and types are checked per record (pydantic), then references, duplicate
ids and the unit and objective trees. A `Locator` turns (section, row, field)
into what the user sees: `kpis[3].owner` for YAML, `kpis!F12 (owner)` for a sheet.
"""
from __future__ import annotations

from collections import Counter
from typing import Any, Callable, Iterable

from pydantic import TypeAdapter, ValidationError

from engine.errors import IntakeError, Problem
from engine.model import OPTIONAL_SECTIONS, REQUIRED_SECTIONS, SECTIONS, Intake, Section

Locator = Callable[[str, int | None, str | None], str]


def path_locator(section: str, index: int | None, field: str | None) -> str:
    """YAML/JSON path form: `kpis[3].owner`."""
    where = section if index is None else f"{section}[{index}]"
    return f"{where}.{field}" if field else where


def _loc_field(loc: tuple) -> str | None:
    parts = [str(p) for p in loc]
    if not parts:
        return None
    text = parts[0]
    for part in parts[1:]:
        text += f"[{part}]" if part.isdigit() else f".{part}"
    return text


def _message(err: dict) -> str:
    msg = err["msg"]
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, "):]
    value = err.get("input")
    if err["type"] in {"literal_error", "string_pattern_mismatch", "greater_than_equal", "less_than_equal"}:
        msg = f"{value!r}: {msg[0].lower()}{msg[1:]}"
    return msg


def _validate_records(name: str, raw: Any, locate: Locator, problems: list[Problem]) -> list[tuple[int, Section]]:
    """Valid records of one section with their row index; problems are appended."""
    model = SECTIONS[name]
    if raw is None:
        return []
    if not isinstance(raw, list):
        problems.append(Problem(locate(name, None, None), "must be a list of records"))
        return []
    try:  # fast path: the whole section at once
        return list(enumerate(TypeAdapter(list[model]).validate_python(raw)))
    except ValidationError:
        pass
    good = []
    for index, record in enumerate(raw):
        if not isinstance(record, dict):
            problems.append(Problem(locate(name, index, None), "must be a mapping of field: value"))
            continue
        try:
            good.append((index, model.model_validate(record)))
        except ValidationError as exc:
            for err in exc.errors():
                problems.append(Problem(locate(name, index, _loc_field(err["loc"])), _message(err)))
            # Keep what is valid of the record so its references are still checked.
            broken = {err["loc"][0] for err in exc.errors() if err["loc"]}
            try:
                good.append((index, model.model_validate({k: v for k, v in record.items() if k not in broken})))
            except ValidationError:
                pass
    return good


def build_intake(raw: Any, locate: Locator = path_locator) -> tuple[Intake, list[str]]:
    """Validate raw sections; return the intake and warnings, or raise `IntakeError`."""
    problems: list[Problem] = []
    if not isinstance(raw, dict):
        raise IntakeError("intake", Problem("", "the intake must be a mapping of sections (organization, units, ...)"))
    warnings = [f"unknown section '{key}' ignored" for key in raw if key not in SECTIONS]
    for name in REQUIRED_SECTIONS:
        if name not in raw or raw[name] is None or (name in ("organization", "units") and raw[name] in ([], {})):
            problems.append(Problem(locate(name, None, None), "required section is missing or empty"))
    org = None
    if isinstance(raw.get("organization"), dict):
        try:
            org = SECTIONS["organization"].model_validate(raw["organization"])
        except ValidationError as exc:
            for err in exc.errors():
                problems.append(Problem(locate("organization", None, _loc_field(err["loc"])), _message(err)))
    elif raw.get("organization") is not None:
        problems.append(Problem(locate("organization", None, None), "must be a mapping of field: value"))
    indexed = {name: _validate_records(name, raw.get(name), locate, problems)
               for name in SECTIONS if name != "organization"}
    warnings.extend(_unknown_fields(raw, locate))
    problems.extend(_check_references(indexed, locate))
    if problems:
        raise IntakeError("intake", list(dict.fromkeys(problems)))
    records = {name: [record for _, record in rows] for name, rows in indexed.items()}
    absent = frozenset(name for name in OPTIONAL_SECTIONS if name not in raw)  # `name:` with nothing = empty
    return Intake(organization=org, absent=absent, **records), warnings


def _unknown_fields(raw: dict, locate: Locator) -> Iterable[str]:
    """One warning per unknown field name and section (not per row)."""
    for name, model in SECTIONS.items():
        section = raw.get(name)
        rows = [section] if name == "organization" else section
        if not isinstance(rows, list):
            continue
        known = set(model.model_fields)
        seen: set[str] = set()
        for index, row in enumerate(rows):
            if not isinstance(row, dict):
                continue
            for key in row:
                if key not in known and key not in seen:
                    seen.add(key)
                    where = locate(name, None if name == "organization" else index, str(key))
                    yield f"{where}: unknown field ignored"


# (section, field, target section, what) for every reference of intake v1.
_REFERENCES = [
    ("units", "parent", "units", "unit"),
    ("roles", "unit", "units", "unit"),
    ("people", "role", "roles", "role"),
    ("objectives", "unit", "units", "unit"),
    ("objectives", "parent", "objectives", "objective"),
    ("metrics", "owner", "roles", "role"),
    ("kpis", "owner", "roles", "role"),
    ("kpis", "metric", "metrics", "metric"),
    ("kpis", "objectives", "objectives", "objective"),
    ("kpis", "drives", "kpis", "KPI"),
    ("incentives", "roles", "roles", "role"),
    ("incentives", "links", "kpis", "KPI"),
    ("reviews", "scope", "units", "unit"),
    ("reviews", "attendees", "roles", "role"),
    ("dashboards", "kpis", "kpis", "KPI"),
    ("consultations", "participants", "roles", "role"),
    ("actuals", "kpi", "kpis", "KPI"),
]


def _ref_values(record: Section, field: str) -> list[str]:
    value = getattr(record, field)
    if field == "links":
        return [link.kpi for link in value]
    if isinstance(value, list):
        return value
    return [value] if value else []


def _check_references(indexed: dict[str, list[tuple[int, Section]]], locate: Locator) -> list[Problem]:
    """Duplicate ids, dangling references, and the unit and objective trees."""
    problems: list[Problem] = []
    ids: dict[str, set[str]] = {}
    for section, rows in indexed.items():
        if section == "actuals":
            continue
        counts = Counter(record.id for _, record in rows)
        ids[section] = set(counts)
        for index, record in rows:
            if counts[record.id] > 1:
                problems.append(Problem(locate(section, index, "id"), f"duplicate id '{record.id}' in {section}"))
    for section, field, target, what in _REFERENCES:
        for index, record in indexed[section]:
            for value in _ref_values(record, field):
                if value not in ids[target]:
                    problems.append(Problem(locate(section, index, field), f"unknown {what} '{value}'"))
    problems.extend(_tree_problems("units", indexed["units"], locate, need_one_root=True))
    problems.extend(_tree_problems("objectives", indexed["objectives"], locate, need_one_root=False))
    return problems


def _tree_problems(section: str, rows: list[tuple[int, Section]], locate: Locator,
                   need_one_root: bool) -> list[Problem]:
    """Cycles in a parent tree (linear: each node is walked once), and the single root for units."""
    problems: list[Problem] = []
    parent = {record.id: record.parent for _, record in rows}
    row_of = {record.id: index for index, record in rows}
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    for start in parent:
        path = []
        node = start
        while node in parent and node not in state:
            state[node] = 1
            path.append(node)
            node = parent[node]
        if node in parent and state.get(node) == 1:
            cycle = path[path.index(node):]
            problems.append(Problem(locate(section, row_of[node], "parent"),
                                    f"the {section[:-1]} tree has a cycle: {' -> '.join(cycle + [node])}"))
        for done in path:
            state[done] = 2
    if need_one_root and rows:
        roots = [record.id for _, record in rows if not record.parent]
        if len(roots) != 1:
            found = "none (every unit has a parent)" if not roots else ", ".join(roots)
            problems.append(Problem(locate(section, None, "parent"),
                                    f"the unit tree must have exactly one root (a unit without parent); found {found}"))
    return problems
