"""Raw sections -> a validated `Intake`, collecting every problem in one pass.

Structure and types are checked per record (pydantic), then references, duplicate
ids and the unit and objective trees. A `Locator` turns (section, row, field)
into what the user sees: `kpis[3].owner` for YAML, `kpis!F12 (owner)` for a sheet.
"""
from __future__ import annotations

from collections import Counter
from functools import cached_property
from itertools import chain, islice
from typing import Any, Callable, Iterator

from pydantic import TypeAdapter, ValidationError

from engine import cells
from engine.catalogue import fold
from engine.cells import shown
from engine.enum_words import accepted_spellings
from engine.errors import MAX_LISTED, IntakeError, Problem, ProblemList, some_of
from engine.messages import Msg
from engine.model import OPTIONAL_SECTIONS, REQUIRED_SECTIONS, SECTIONS, Intake, Organization, Section

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


def _message(err: dict, section: str) -> Msg:
    """A pydantic error as a catalogue message (the cells' own messages pass through with their code)."""
    value, kind, ctx = err.get("input"), err["type"], err.get("ctx") or {}
    cause = ctx.get("error")
    if isinstance(cause, ValueError) and cause.args and isinstance(cause.args[0], Msg):
        return cause.args[0]
    if kind == "literal_error" and err["loc"]:
        return Msg("bad_enum", value=value, accepted=accepted_spellings(section, str(err["loc"][0])))
    if kind == "string_pattern_mismatch":
        return Msg("bad_id", value=value)
    if kind in ("greater_than_equal", "less_than_equal"):
        return Msg("too_small" if kind == "greater_than_equal" else "too_big", value=value,
                   limit=ctx.get("ge", ctx.get("le")))
    if kind == "missing":
        return Msg("required_field")
    if kind in ("string_too_long", "too_long"):  # pydantic says too_long for a str behind a before-validator
        return Msg("text_too_long", limit=ctx.get("max_length"))
    if kind == "string_too_short":
        return Msg("text_empty")
    if kind == "list_type":
        return Msg("not_list")
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return Msg("must_be_mapping")
    return Msg("invalid_value", detail=err["msg"].removeprefix("Value error, "))


def _validate_records(name: str, raw: Any, locate: Locator, problems: ProblemList) -> list[tuple[int, Section]]:
    """Valid records of one section with their row index; problems are added. Once the list is full a broken
    record's problems are only counted: 300,000 broken records cost a validation each, not two messages in two
    languages and a second validation of what is valid in them (whose references then go unchecked)."""
    model = SECTIONS[name]
    if raw is None:
        return []
    if not isinstance(raw, list):
        problems.append(Problem(locate(name, None, None), Msg("must_be_list")))
        return []
    try:  # fast path: the whole section at once
        return list(enumerate(TypeAdapter(list[model]).validate_python(raw)))
    except ValidationError:
        pass
    good = []
    for index, record in enumerate(raw):
        if not isinstance(record, dict):
            problems.add(lambda: Problem(locate(name, index, None), Msg("must_be_mapping")))
            continue
        try:
            good.append((index, model.model_validate(record)))
        except ValidationError as exc:
            if problems.full:  # counted; the references of its valid fields go unchecked (a second validation)
                problems.count(exc.error_count())
                continue
            for err in exc.errors():
                problems.add(lambda: Problem(locate(name, index, _loc_field(err["loc"])), _message(err, name)))
            # Keep what is valid of the record so its references are still checked.
            broken = {err["loc"][0] for err in exc.errors() if err["loc"]}
            try:
                good.append((index, model.model_validate({k: v for k, v in record.items() if k not in broken})))
            except ValidationError:
                pass
    return good


def build_intake(raw: Any, locate: Locator = path_locator) -> tuple[Intake, list[str]]:
    """Validate raw sections; return the intake and warnings (at most `MAX_LISTED`, then how many more), or raise
    `IntakeError`."""
    problems = ProblemList()
    if not isinstance(raw, dict):
        raise IntakeError("intake", Problem("", Msg("intake_not_mapping")))
    missing = {name for name in REQUIRED_SECTIONS
               if name not in raw or raw[name] is None or (name in ("organization", "units") and raw[name] in ([], {}))}
    for name in REQUIRED_SECTIONS:
        if name in missing:
            problems.append(Problem(locate(name, None, None), Msg("required_section")))
    org = None
    if isinstance(raw.get("organization"), dict):
        try:
            org = SECTIONS["organization"].model_validate(raw["organization"])
        except ValidationError as exc:
            for err in exc.errors():
                problems.add(lambda: Problem(locate("organization", None, _loc_field(err["loc"])),
                                             _message(err, "organization")))
    elif raw.get("organization") is not None:
        problems.append(Problem(locate("organization", None, None), Msg("must_be_mapping")))
    indexed = {name: _validate_records(name, raw.get(name), locate, problems)
               for name in SECTIONS if name != "organization"}
    _check_references(indexed, locate, problems, _champion(org, raw.get("organization")), missing)
    if problems:
        problems.items = list(dict.fromkeys(problems.items))
        raise IntakeError("intake", problems)
    warnings = _listed([*(Msg("section_ignored", section=key) for key in raw if key not in SECTIONS)],
                       chain(_unknown_fields(raw, locate), _fraction_weights(indexed["kpis"], locate)))
    records = {name: [record for _, record in rows] for name, rows in indexed.items()}
    absent = frozenset(name for name in OPTIONAL_SECTIONS if name not in raw)  # `name:` with nothing = empty
    return Intake(organization=org, absent=absent, **records), warnings


def _champion(org: Organization | None, raw_org: Any) -> str | None:
    """The champion as written, also when another organization field failed (then `org` is None): a champion
    written as a name is listed with the other problems, not on the next run."""
    if org is not None:
        return org.champion
    value = raw_org.get(CHAMPION[1]) if isinstance(raw_org, dict) else None
    return value.strip() or None if isinstance(value, str) else None


def _fraction_weights(kpis: list[tuple[int, Any]], locate: Locator) -> Iterator[str]:
    """A warning per role whose KPI weights sum to 1 (0.3, 0.2, 0.5): fractions where weights are percentages,
    placed at the role's first weighted KPI. The audit reads them as written (F03 then finds a sum of 1 and weights
    below the floor), so validate says it first, while the consultant can still write 30 for 30% or format the
    cells as percentages."""
    weights: dict[str, list[float]] = {}
    first: dict[str, int] = {}
    for index, kpi in kpis:
        if kpi.owner and kpi.weight is not None:
            weights.setdefault(kpi.owner, []).append(kpi.weight)
            first.setdefault(kpi.owner, index)
    for role, ws in weights.items():
        if len(ws) > 1 and max(ws) <= 1 and abs(sum(ws) - 1) <= 0.02:
            yield Msg("fraction_weights", where=locate("kpis", first[role], "weight"), role=role,
                      total=round(sum(ws), 4))


def _listed(first: list[str], rest: Iterator[str]) -> list[str]:
    """The first `MAX_LISTED` warnings, then one saying how many more there are."""
    listed = first[:MAX_LISTED]
    listed.extend(islice(rest, MAX_LISTED - len(listed)))
    more = len(first) - min(len(first), MAX_LISTED) + sum(1 for _ in rest)
    return listed + [Msg("warnings_more", count=more)] if more else listed


def _unknown_fields(raw: dict, locate: Locator) -> Iterator[str]:
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
                    yield Msg("field_ignored", where=where)


# (section, field, target section, message code of what it names) for every reference of intake v1.
REFERENCES = [
    ("units", "parent", "units", "what_unit"),
    ("roles", "unit", "units", "what_unit"),
    ("people", "role", "roles", "what_role"),
    ("objectives", "unit", "units", "what_unit"),
    ("objectives", "parent", "objectives", "what_objective"),
    ("metrics", "owner", "roles", "what_role"),
    ("kpis", "owner", "roles", "what_role"),
    ("kpis", "metric", "metrics", "what_metric"),
    ("kpis", "objectives", "objectives", "what_objective"),
    ("kpis", "drives", "kpis", "what_kpi"),
    ("incentives", "roles", "roles", "what_role"),
    ("incentives", "links", "kpis", "what_kpi"),
    ("reviews", "scope", "units", "what_unit"),
    ("reviews", "attendees", "roles", "what_role"),
    ("dashboards", "kpis", "kpis", "what_kpi"),
    ("consultations", "participants", "roles", "what_role"),
    ("actuals", "kpi", "kpis", "what_kpi"),
]

# The champion names a person, but one outside `people` is no input error: rule O01 reports it (intake v1).
CHAMPION = ("organization", "champion", "people", "what_person")


def _ref_values(record: Section, field: str) -> list[str]:
    value = getattr(record, field)
    if field == "links":
        return [link.kpi for link in value]
    if isinstance(value, list):
        return value
    return [value] if value else []


def _check_references(indexed: dict[str, list[tuple[int, Section]]], locate: Locator, problems: ProblemList,
                      champion: str | None, missing: set[str]) -> None:
    """Duplicate ids, dangling references, and the unit and objective trees, added to `problems`. References into a
    `missing` required section are not checked: its own problem says what to fix (a renamed 部门 sheet is one
    problem, not one per role and objective). A champion who is not listed is no error (rule O01 reports it), but
    one written as a listed person's name is: O01 would report a missing champion the client has, so the consultant
    is told which id to write."""
    from engine.loaders.headers import sheet_names  # here: engine.loaders imports this module

    ids: dict[str, set[str]] = {}
    for section, rows in indexed.items():
        if section == "actuals":
            continue
        counts = Counter(record.id for _, record in rows)
        ids[section] = set(counts)
        for index, record in rows:
            if counts[record.id] > 1:
                problems.add(lambda: Problem(locate(section, index, "id"),
                                             Msg("duplicate_id", id=record.id, section=sheet_names(section))))
    hints = _NameHints(indexed, ids["roles"])
    for section, field, target, what in REFERENCES:
        if target in missing:
            continue
        for index, record in indexed[section]:
            for value in _ref_values(record, field):
                if value not in ids[target]:
                    problems.add(lambda: Problem(locate(section, index, field),
                                                 hints.message(target, what, value)))
    section, field, target, what = CHAMPION
    if champion and champion not in ids[target]:
        # the name exactly as written (width and spaces aside): a folded match (於明 and 于明, Lin and lin) may be
        # another person, and an unlisted champion is no input error
        written = cells.normalise_text(champion)
        same = {record.id for _, record in indexed[target] if cells.normalise_text(record.name) == written}
        if len(same) == 1:
            (person,) = same
            problems.add(lambda: Problem(locate(section, None, field),
                                         Msg("ref_is_name", what=Msg(what), value=shown(champion), id=person)))
    _tree_problems("units", indexed["units"], locate, problems, need_one_root=True)
    _tree_problems("objectives", indexed["objectives"], locate, problems, need_one_root=False)


class _NameHints:
    """What an unknown reference is the name of: a reference written as a name (`owner: US operations lead`,
    `owner: 王芳`) is told which id to write. The names are folded and indexed on the first unknown reference only
    (an intake whose references all resolve pays nothing), then each lookup is a dict access: linear in the
    records."""

    def __init__(self, indexed: dict[str, list[tuple[int, Section]]], role_ids: set[str]):
        self._indexed, self._role_ids = indexed, role_ids

    @cached_property
    def _names(self) -> dict[str, dict[str, dict[str, str]]]:
        """Per section, folded name -> {id: name} of the records called so; under "people→roles", a person's
        folded name -> {their role: the person}, for people whose role exists (the hint names a real id)."""
        names: dict[str, dict[str, dict[str, str]]] = {}
        for section, rows in self._indexed.items():
            for _, record in rows:
                name = getattr(record, "name", None)
                if name:
                    names.setdefault(section, {}).setdefault(_folded(name), {}).setdefault(record.id, name)
        for _, person in self._indexed.get("people", []):
            if person.role in self._role_ids:
                names.setdefault("people→roles", {}).setdefault(_folded(person.name), {}).setdefault(person.role,
                                                                                                     person.name)
        return names

    def message(self, target: str, what: str, value: str) -> Msg:
        """An unknown reference, naming the one record whose name it is (else the one role of the people so
        called). A reference and a person's name may be any text, so what is shown of them has its control
        characters escaped (a terminal never receives them raw; a line break never splits the problem list)."""
        same = self._names.get(target, {}).get(_folded(value), {})
        if len(same) == 1:
            return Msg("ref_is_name", what=Msg(what), value=shown(value), id=next(iter(same)))
        people = self._names.get("people→roles", {}).get(_folded(value), {}) if target == "roles" else {}
        if len(people) == 1:
            role, person = next(iter(people.items()))
            return Msg("ref_is_person", value=shown(value), id=role, person=shown(person))
        return Msg("unknown_ref", what=Msg(what), value=shown(value))


def _folded(text: str) -> str:
    """A name as the catalogue compares names (width, case, Traditional to Simplified), spaces collapsed: a
    consultant in Taipei writes 王芳 as 王芳 but 美国运营主管 as 美國運營主管."""
    return " ".join(fold(text).split())


def _tree_problems(section: str, rows: list[tuple[int, Section]], locate: Locator, problems: ProblemList,
                   need_one_root: bool) -> None:
    """Cycles in a parent tree (linear: each node is walked once), and the single root for units."""
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
            problems.add(lambda: Problem(locate(section, row_of[node], "parent"),
                                         Msg("tree_cycle", what=Msg(f"what_{section[:-1]}"),
                                             path=some_of(cycle + [node], " -> "))))
        for done in path:
            state[done] = 2
    if need_one_root and rows:
        roots = [record.id for _, record in rows if not record.parent]
        if len(roots) != 1:
            found = Msg("no_root") if not roots else some_of(roots, ", ")
            problems.append(Problem(locate(section, None, "parent"), Msg("unit_roots", found=found)))
