"""YAML and JSON intakes, read safely.

Limits keep hostile files cheap to refuse: a size cap before reading; YAML built
from the parser's events with values, nesting and aliases counted as they come
(`yaml_stream`); JSON values counted before it is parsed; dates kept as text so an
impossible date is one problem among others instead of a crash in PyYAML's
resolver. A key given twice in one mapping or object is a problem, never "the
last one wins".
"""
from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from engine.errors import IntakeError, Problem, ProblemList, UserInputError
from engine.loaders import yaml_stream
from engine.loaders.parser_messages import parser_problem
from engine.messages import Msg
from engine.model import NumberText

_MIB = 1024 * 1024
MAX_BYTES = 64 * _MIB
MAX_VALUES = 300_000  # scalars, lists and mappings (keys included), aliases expanded: a 10,000-KPI intake has 270,000
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
    """The number, or its literal text (a `NumberText`) when a float cannot hold it, so the model reports
    `kpis[0].weight: number too large` where a number is wanted and keeps text fields as the digits written.

    PyYAML's SafeConstructor.construct_yaml_int calls int() on the digits, which refuses more than 4,300 of them
    (sys.get_int_max_str_digits), and reads YAML 1.1 base-60 integers (`1:30:00`) digit group by digit group, in
    quadratic time: a literal that long is not constructed at all. A hexadecimal, octal or binary integer beyond
    float's range is one Python holds but cannot compute with; construct_yaml_float turns `1.0e+999` into inf.
    `.inf` and `.nan` stay floats (the model says "not a finite number").
    """
    if len(node.value) > _MAX_NUMBER_CHARS:
        return NumberText(node.value)
    try:
        number = construct(node)
    except ValueError:
        return NumberText(node.value)
    if isinstance(number, int) and not isinstance(number, bool) and not _float_can_hold(number):
        return NumberText(node.value)
    if isinstance(number, float) and math.isinf(number) and any(c.isdigit() for c in node.value):
        return NumberText(node.value)
    return number


_MAX_NUMBER_CHARS = 4300  # int()'s own limit on decimal digits


def _float_can_hold(number: int) -> bool:
    try:
        float(number)
    except OverflowError:
        return False
    return True


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
        raise IntakeError(str(path), Msg("file_too_big", size=size / _MIB, limit=MAX_BYTES / _MIB))
    return path.read_bytes()


def read_structured(path: Path, error: type[UserInputError] = IntakeError) -> Any:
    """Parse a YAML or JSON file; any problem (keys given twice included) is raised as `error` naming the file."""
    duplicates = ProblemList()
    try:
        text = decode(read_bytes(path), str(path))
        if path.suffix.lower() == ".json":
            data = _parse_json(text, str(path), duplicates)
        else:
            data = _parse_yaml(text, str(path), duplicates)
    except IntakeError as exc:
        if error is IntakeError:
            raise
        raise error(exc.source, exc.problem_list()) from None
    if duplicates:
        raise error(str(path), duplicates)
    return data


def _parse_json(text: str, source: str, duplicates: ProblemList) -> Any:
    _check_json_size(text, source)
    seen = _JsonObjects()
    try:
        data = json.loads(text, parse_int=_json_int, parse_float=_json_float, object_pairs_hook=seen.build)
    except json.JSONDecodeError as exc:
        raise IntakeError(source, Msg("invalid_json", line=exc.lineno, column=exc.colno,
                                      detail=parser_problem(exc.msg))) from None
    except RecursionError:
        raise IntakeError(source, Msg("too_deep", depth=MAX_DEPTH)) from None
    _check_depth(data, source)
    if seen.repeated:
        _locate_json_duplicates(data, seen.repeated, duplicates)
    return data


_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')


def _check_json_size(text: str, source: str) -> None:
    """Refuse more than MAX_VALUES values before parsing (json.loads has no hook for lists or strings).

    Every value but the first is preceded by a comma or an opening bracket, or is a key (a colon follows it), so
    their counts bound the values; the bound is cheap (str.count). Only when it is over the budget are the
    strings taken out, so that commas in text do not count, and the values counted exactly."""
    def bound(body: str) -> int:
        return sum(body.count(mark) for mark in ",[{:") + 1

    if bound(text) > MAX_VALUES and bound(_JSON_STRING.sub('""', text)) > MAX_VALUES:
        raise IntakeError(source, Msg("json_too_many_values", count=MAX_VALUES))


class _JsonObjects:
    """json.loads' object hook: objects as dicts, remembering those that had a key twice (no line is known: the
    JSON parser gives none; `_locate_json_duplicates` finds their paths)."""

    def __init__(self) -> None:
        self.repeated: dict[int, list[str]] = {}  # id of the dict -> its repeated keys

    def build(self, pairs: list[tuple[str, Any]]) -> dict:
        data = dict(pairs)
        if len(data) < len(pairs):
            seen: set[str] = set()
            self.repeated[id(data)] = list(dict.fromkeys(key for key, _ in pairs if key in seen or seen.add(key)))
        return data


def _locate_json_duplicates(data: Any, repeated: dict[int, list[str]], duplicates: ProblemList) -> None:
    """The path of every key given twice, in document order (`kpis[3].name`)."""
    stack: list[tuple[Any, str]] = [(data, "")]
    while stack:
        value, path = stack.pop()
        if isinstance(value, dict):
            for key in repeated.get(id(value), ()):
                duplicates.add(lambda key=key: Problem(f"{path}.{key}" if path else key,
                                                       Msg("json_duplicate_key")))
            stack.extend((child, f"{path}.{key}" if path else str(key)) for key, child in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((child, f"{path}[{index}]") for index, child in reversed(list(enumerate(value))))


def _json_int(literal: str) -> int | str:
    """int() refuses more than 4,300 digits (ValueError): keep the text, as YAML does (`_number_or_text`)."""
    try:
        return int(literal)
    except ValueError:
        return NumberText(literal)


def _json_float(literal: str) -> float | str:
    """`1e999` is inf to float(): keep the text, so the model says "number too large"."""
    number = float(literal)
    return NumberText(literal) if math.isinf(number) else number


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


def _parse_yaml(text: str, source: str, duplicates: ProblemList) -> Any:
    loader = _IntakeLoader(text)
    try:
        data = yaml_stream.build(loader, source, MAX_VALUES, MAX_DEPTH, duplicates)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        detail = parser_problem(exc.problem or exc)
        message = Msg("invalid_yaml_at", line=mark.line + 1, column=mark.column + 1, detail=detail) if mark \
            else Msg("invalid_yaml", detail=detail)
        raise IntakeError(source, message) from None
    except yaml.reader.ReaderError as exc:
        # a pasted control character: the reader gives a stream position and "<unicode string>", not a line;
        # libyaml counts that position in UTF-8 bytes, pure-Python PyYAML in characters
        at = exc.position if isinstance(loader, yaml.SafeLoader) \
            else len(text.encode("utf-8")[:exc.position].decode("utf-8", "ignore"))
        line = text.count("\n", 0, at) + 1
        column = at - text.rfind("\n", 0, at)
        character = f"#x{exc.character:04x}" if isinstance(exc.character, int) else repr(exc.character)
        detail = parser_problem(f"unacceptable character {character}: {exc.reason}")
        raise IntakeError(source, Msg("invalid_yaml_at", line=line, column=column, detail=detail)) from None
    except yaml.YAMLError as exc:
        raise IntakeError(source, Msg("invalid_yaml", detail=parser_problem(exc))) from None
    finally:
        loader.dispose()
    if data is yaml_stream.EMPTY:
        raise IntakeError(source, Msg("empty_file"))
    return data
