"""YAML and JSON intakes, read safely.

Limits keep hostile files cheap to refuse: a size cap before reading, YAML
composed (not constructed) first so aliases and nesting are counted before any
object is built, dates kept as text so an impossible date is one problem among
others instead of a crash in PyYAML's resolver.
"""
from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from engine.errors import IntakeError, UserInputError
from engine.messages import Msg

MAX_BYTES = 64 * 1024 * 1024
MAX_NODES = 5_000_000
MAX_DEPTH = 64

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _IntakeLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader that leaves timestamps as text (the model parses dates) and reads only true/false as
    booleans, YAML 1.2 style: `market: NO` stays Norway; `yes`/`是` are read by the model's boolean fields.
    Numbers Python cannot hold stay text (see `_number_or_text`)."""

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int | str:
        return _number_or_text(super().construct_yaml_int, node)

    def construct_yaml_float(self, node: yaml.ScalarNode) -> float | str:
        return _number_or_text(super().construct_yaml_float, node)


def _number_or_text(construct: Callable[[yaml.ScalarNode], Any], node: yaml.ScalarNode) -> Any:
    """The number, or the literal text when Python cannot hold it, so the model reports
    `kpis[0].weight: number too large` where a number is wanted and keeps text fields as text.

    PyYAML's SafeConstructor.construct_yaml_int calls int() on the digits, which refuses more
    than sys.get_int_max_str_digits() (4,300) with a ValueError; construct_yaml_float turns
    `1.0e+999` into inf. `.inf` and `.nan` stay floats (the model says "not a finite number").
    """
    try:
        number = construct(node)
    except ValueError:
        return node.value
    if isinstance(number, float) and math.isinf(number) and any(c.isdigit() for c in node.value):
        return node.value
    return number


_IntakeLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers
            if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
_IntakeLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                    list("tTfF"))
_IntakeLoader.add_constructor("tag:yaml.org,2002:int", _IntakeLoader.construct_yaml_int)
_IntakeLoader.add_constructor("tag:yaml.org,2002:float", _IntakeLoader.construct_yaml_float)


def decode(data: bytes, source: str) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030; refuse binary."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise IntakeError(source, Msg("invalid_utf16")) from None
    if b"\x00" in data:
        raise IntakeError(source, Msg("binary_file"))
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise IntakeError(source, Msg("bad_encoding"))


def read_bytes(path: Path) -> bytes:
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise IntakeError(str(path), Msg("file_too_big", size=size / 1e6, limit=MAX_BYTES / 1e6))
    return path.read_bytes()


def read_structured(path: Path, error: type[UserInputError] = IntakeError) -> Any:
    """Parse a YAML or JSON file; any problem is raised as `error` naming the file."""
    try:
        text = decode(read_bytes(path), str(path))
        if path.suffix.lower() == ".json":
            return _parse_json(text, str(path))
        return _parse_yaml(text, str(path))
    except IntakeError as exc:
        if error is IntakeError:
            raise
        raise error(exc.source, exc.problems) from None


def _parse_json(text: str, source: str) -> Any:
    try:
        data = json.loads(text, parse_int=_json_int, parse_float=_json_float)
    except json.JSONDecodeError as exc:
        raise IntakeError(source, Msg("invalid_json", line=exc.lineno, column=exc.colno, detail=exc.msg)) from None
    except RecursionError:
        raise IntakeError(source, Msg("too_deep", depth=MAX_DEPTH)) from None
    _check_depth(data, source)
    return data


def _json_int(literal: str) -> int | str:
    """int() refuses more than 4,300 digits (ValueError): keep the text, as YAML does (`_number_or_text`)."""
    try:
        return int(literal)
    except ValueError:
        return literal


def _json_float(literal: str) -> float | str:
    """`1e999` is inf to float(): keep the text, so the model says "number too large"."""
    number = float(literal)
    return literal if math.isinf(number) else number


def _check_depth(data: Any, source: str) -> None:
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise IntakeError(source, Msg("too_deep", depth=MAX_DEPTH))
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)


def _parse_yaml(text: str, source: str) -> Any:
    loader = _IntakeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise IntakeError(source, Msg("empty_file"))
        _check_node_budget(node, source)
        return loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        detail = exc.problem or exc
        message = Msg("invalid_yaml_at", line=mark.line + 1, column=mark.column + 1, detail=detail) if mark \
            else Msg("invalid_yaml", detail=detail)
        raise IntakeError(source, message) from None
    except yaml.YAMLError as exc:
        raise IntakeError(source, Msg("invalid_yaml", detail=exc)) from None
    except RecursionError:
        raise IntakeError(source, Msg("too_deep", depth=MAX_DEPTH)) from None
    finally:
        loader.dispose()


def _check_node_budget(root: yaml.Node, source: str) -> None:
    """Count nodes as they would expand (aliases included) with a budget: stops alias bombs."""
    seen_total = 0
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        seen_total += 1
        if seen_total > MAX_NODES:
            raise IntakeError(source, Msg("alias_bomb", count=MAX_NODES))
        if depth > MAX_DEPTH:
            raise IntakeError(source, Msg("too_deep", depth=MAX_DEPTH))
        if isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.append((key, depth + 1))
                stack.append((value, depth + 1))
