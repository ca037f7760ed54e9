"""The rule condition language: data, checked against the fact schema, compiled to durable_rules.

A condition is one of
  {all: [cond, ...]}        every part holds
  {any: [cond, ...]}        at least one part holds
  {field: test, ...}        every field test holds
and a test is a plain value (equality) or a mapping of operators:
  eq, ne, gt, gte, lt, lte, in, not_in, present (true/false).
A value is a literal or {param: name}. A comparison with a missing field is
false (only `present: false` matches it). No expressions, no code: anything
harder belongs in a probe as a new fact.
"""
from __future__ import annotations

from typing import Any

from diagnostics.schema import FactField

NUMERIC_OPS = {"gt": "$gt", "gte": "$gte", "lt": "$lt", "lte": "$lte"}
OPS = set(NUMERIC_OPS) | {"eq", "ne", "in", "not_in", "present"}
_SCALAR_TYPES = {"int": (int, float), "number": (int, float), "bool": (bool,), "str": (str,)}


class ConditionError(ValueError):
    pass


def _is_param(value: Any) -> bool:
    return isinstance(value, dict) and set(value) == {"param"}


def check(cond: Any, schema: dict[str, FactField], params: dict[str, Any], where: str) -> tuple[set[str], set[str]]:
    """Validate a condition; return the fact fields and parameters it uses. Raises ConditionError."""
    used_fields: set[str] = set()
    used_params: set[str] = set()

    def resolve(value: Any, at: str) -> Any:
        if _is_param(value):
            name = value["param"]
            if name not in params:
                raise ConditionError(f"{at}: unknown parameter '{name}'")
            used_params.add(name)
            return params[name]
        return value

    def check_value(field: str, ftype: str, op: str, value: Any, at: str) -> None:
        value = resolve(value, at)
        if op in ("in", "not_in"):
            if not isinstance(value, list) or not value:
                raise ConditionError(f"{at}: '{op}' needs a non-empty list")
            for item in value:
                check_value(field, ftype, "eq", item, at)
            return
        if op == "present":
            if not isinstance(value, bool):
                raise ConditionError(f"{at}: 'present' takes true or false")
            return
        if op in NUMERIC_OPS and ftype not in ("int", "number"):
            raise ConditionError(f"{at}: '{op}' compares numbers but '{field}' is {ftype}")
        allowed = _SCALAR_TYPES[ftype]
        if isinstance(value, bool) and bool not in allowed or not isinstance(value, allowed):
            raise ConditionError(f"{at}: {value!r} does not fit field '{field}' of type {ftype}")

    def walk(node: Any, at: str) -> None:
        if not isinstance(node, dict) or not node:
            raise ConditionError(f"{at}: a condition is a non-empty mapping")
        if set(node) & {"all", "any"}:
            if len(node) != 1:
                raise ConditionError(f"{at}: 'all'/'any' must stand alone in their mapping")
            (key, parts), = node.items()
            if not isinstance(parts, list) or not parts:
                raise ConditionError(f"{at}.{key}: needs a non-empty list of conditions")
            for i, part in enumerate(parts):
                walk(part, f"{at}.{key}[{i}]")
            return
        for field, test in node.items():
            if field not in schema:
                raise ConditionError(f"{at}: unknown fact field '{field}'")
            ftype = schema[field].type
            if ftype in ("list", "map"):
                raise ConditionError(f"{at}: '{field}' is a {ftype}; conditions compare scalars only")
            used_fields.add(field)
            tests = test if isinstance(test, dict) and not _is_param(test) else {"eq": test}
            if not tests:
                raise ConditionError(f"{at}.{field}: empty test")
            for op, value in tests.items():
                if op not in OPS:
                    raise ConditionError(f"{at}.{field}: unknown operator '{op}' (use {', '.join(sorted(OPS))})")
                check_value(field, ftype, op, value, f"{at}.{field}.{op}")

    walk(cond, where)
    return used_fields, used_params


def compile_condition(cond: dict, kind: str, params: dict[str, Any]) -> dict:
    """A checked condition as a durable_rules pattern over facts of one subject kind."""

    def value(v: Any) -> Any:
        return params[v["param"]] if _is_param(v) else v

    def field_test(field: str, op: str, v: Any) -> dict:
        v = value(v)
        if op == "eq":
            return {field: v}
        if op == "ne":
            return {"$neq": {field: v}}
        if op in NUMERIC_OPS:
            return {NUMERIC_OPS[op]: {field: v}}
        if op == "present":
            return {"$ex" if v else "$nex": {field: 1}}
        if op == "in":
            parts = [{field: item} for item in v]
            return parts[0] if len(parts) == 1 else {"$or": parts}
        return {"$and": [{"$neq": {field: item}} for item in v]}  # not_in

    def walk(node: dict) -> dict:
        if "all" in node:
            return {"$and": [walk(part) for part in node["all"]]}
        if "any" in node:
            return {"$or": [walk(part) for part in node["any"]]}
        parts = []
        for field, test in node.items():
            tests = test if isinstance(test, dict) and not _is_param(test) else {"eq": test}
            parts.extend(field_test(field, op, v) for op, v in tests.items())
        return parts[0] if len(parts) == 1 else {"$and": parts}

    return {"$and": [{"kind": kind}, walk(cond)]}
