"""Apply a rule case's patch to the base intake (raw dicts), so each case states only its difference.

Paths are `section.id.field` (records addressed by id), `organization.field`,
`section.id` or `section`. Operations: set (None deletes), append (to a list
field), add (records to a section), remove (a record, a section or a field).
"""
from __future__ import annotations

import copy
from typing import Any


def _locate(intake: dict, path: str) -> tuple[Any, str]:
    """The container and the key the last part of `path` names."""
    parts = path.split(".")
    if parts[0] == "organization":
        return intake["organization"], parts[1]
    if len(parts) == 1:
        return intake, parts[0]
    section, ident = parts[0], parts[1]
    records = intake[section]
    index = next((i for i, r in enumerate(records) if r.get("id") == ident), None)
    if index is None:
        raise KeyError(f"no record {ident!r} in {section}")
    if len(parts) == 2:
        return records, index
    return records[index], parts[2]


def apply_patch(base: dict, patch: dict) -> dict:
    intake = copy.deepcopy(base)
    for path in patch.get("remove", []):
        container, key = _locate(intake, path)
        del container[key]
    for section, records in patch.get("add", {}).items():
        intake.setdefault(section, []).extend(copy.deepcopy(records))
    for path, value in patch.get("set", {}).items():
        container, key = _locate(intake, path)
        if value is None:
            container.pop(key, None)
        else:
            container[key] = copy.deepcopy(value)
    for path, values in patch.get("append", {}).items():
        container, key = _locate(intake, path)
        container.setdefault(key, []).extend(values)
    return intake
