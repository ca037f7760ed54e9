"""YAML built straight from the parser's events, with every budget checked as each event arrives.

PyYAML's `load` composes the whole document into nodes (about a kilobyte each, marks included) before anything
can be counted: a 60 MB file of plain scalars took 37 s and 5.4 GB before the node budget refused it. Here the
events of libyaml's parser are read one at a time and turned into Python values at once, so a document over the
value budget, nested too deep or expanding aliases too far is refused at the event that crosses the line, having
cost only what was read so far. Building from events also sees what composing hides: a key given twice in one
mapping is a problem with its line, not "the last one wins".

What is built is what PyYAML's safe loader builds (same resolver and scalar constructors, merge keys `<<`
included), except: an alias of a collection that is still open (a recursive document) and explicit tags on
collections (`!!set`, `!!omap`) are refused, as no intake or ruleset uses them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from engine.errors import IntakeError, Problem, ProblemList
from engine.messages import Msg

_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_VALUE_TAG = "tag:yaml.org,2002:value"  # `=` as a key: the safe loader reads it as the text "="
_STR_TAG = "tag:yaml.org,2002:str"


@dataclass
class _Open:
    """A sequence or mapping being read: what it holds so far and what its budget accounting needs."""

    data: dict | list
    anchor: str | None
    first: int  # the value count when it opened: its expanded size is the count at close minus this
    height: int = 1  # levels of nesting it holds, aliases expanded (1: only scalars)
    key: Any = None
    key_line: int = 0
    has_key: bool = False  # a mapping between its key and its value
    merges: list[dict] = field(default_factory=list)  # `<<: *base` mappings, applied when it closes
    key_lines: dict[Any, int] = field(default_factory=dict)  # first line of each key (duplicates name both)


@dataclass(frozen=True)
class _Anchor:
    value: Any
    size: int  # values it expands to
    height: int  # levels it adds where an alias places it


EMPTY = object()  # a stream without a document (an empty file, or only comments)


class _Budget(Exception):
    """A budget was crossed: the problem to report, raised out of the event loop."""

    def __init__(self, message: Msg):
        super().__init__(message)
        self.message = message


def build(loader: yaml.SafeLoader, source: str, max_values: int, max_depth: int,
          duplicates: ProblemList) -> Any:
    """The single document of `loader`'s stream (`EMPTY` when there is none); duplicate keys are added to
    `duplicates`. Raises `IntakeError` when a budget is crossed, `yaml.MarkedYAMLError` on a YAML error."""
    try:
        return _Builder(loader, max_values, max_depth, duplicates).document()
    except _Budget as exc:
        raise IntakeError(source, exc.message) from None


class _Builder:
    def __init__(self, loader: yaml.SafeLoader, max_values: int, max_depth: int, duplicates: ProblemList):
        self.loader = loader
        self.max_values = max_values
        self.max_depth = max_depth
        self.duplicates = duplicates
        self.count = 0
        self.stack: list[_Open] = []
        self.anchors: dict[str, _Anchor | None] = {}  # None: the collection is still open

    def document(self) -> Any:
        loader = self.loader
        loader.get_event()  # StreamStart
        if loader.check_event(yaml.StreamEndEvent):
            loader.get_event()
            return EMPTY
        loader.get_event()  # DocumentStart
        root = self._node()
        loader.get_event()  # DocumentEnd
        if not loader.check_event(yaml.StreamEndEvent):
            event = loader.get_event()
            raise yaml.composer.ComposerError(None, None, "expected a single document in the stream, but found "
                                              "another document", event.start_mark)
        loader.get_event()
        return root

    def _node(self) -> Any:
        """Read events until one whole node (the document's root) is built; collections are an explicit stack,
        so nesting costs no Python recursion. Scalars, nearly every event, take the shortest path."""
        get_event, stack = self.loader.get_event, self.stack
        while True:
            event = get_event()
            kind = type(event)
            if kind is yaml.ScalarEvent:
                self.count += 1
                if self.count > self.max_values or len(stack) >= self.max_depth:
                    self._grow(0, 1, event.start_mark)
                value, height = self._scalar(event), 1
            elif kind is yaml.AliasEvent:
                value, height = self._alias(event)
            elif kind is yaml.SequenceStartEvent or kind is yaml.MappingStartEvent:
                self._open(event)
                continue
            else:  # SequenceEnd or MappingEnd
                value, height = self._close()
            if not stack:
                return value
            self._add(value, height, event.start_mark.line + 1)

    def _grow(self, size: int, height: int, mark: yaml.Mark) -> None:
        self.count += size
        if self.count > self.max_values:
            raise _Budget(Msg("too_many_values", count=self.max_values, line=mark.line + 1))
        if len(self.stack) + height > self.max_depth:
            raise _Budget(Msg("too_deep", depth=self.max_depth))

    def _anchor(self, event: yaml.NodeEvent) -> None:
        if event.anchor is None:
            return
        if event.anchor in self.anchors:
            raise yaml.composer.ComposerError(None, None, f"found duplicate anchor {event.anchor!r}",
                                              event.start_mark)
        self.anchors[event.anchor] = None

    def _scalar(self, event: yaml.ScalarEvent) -> Any:
        """The scalar's value, as the safe constructor makes it (counted by the caller)."""
        self._anchor(event)
        tag = event.tag
        if tag is None or tag == "!":
            tag = self._resolve(event.value, event.implicit)
        if tag == _MERGE_TAG and self._expects_key():
            return _MERGE
        if tag == _STR_TAG or tag == _VALUE_TAG:
            value = event.value
        else:
            node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
            constructors = self.loader.yaml_constructors
            value = constructors.get(tag, constructors[None])(self.loader, node)
        if event.anchor is not None:
            self.anchors[event.anchor] = _Anchor(value, 1, 1)
        return value

    def _resolve(self, value: str, implicit: tuple[bool, bool]) -> str:
        """The loader's implicit tag of a scalar (Resolver.resolve for scalars, without path resolvers, which the
        intake loader has none of): quoted text is a string; plain text is tried against the resolvers of its
        first character (most have none)."""
        if not implicit[0]:
            return _STR_TAG
        resolvers = self.loader.yaml_implicit_resolvers
        for tag, regexp in resolvers.get(value[0] if value else "", ()):
            if regexp.match(value):
                return tag
        for tag, regexp in resolvers.get(None, ()):
            if regexp.match(value):
                return tag
        return _STR_TAG

    def _expects_key(self) -> bool:
        return bool(self.stack) and isinstance(self.stack[-1].data, dict) and not self.stack[-1].has_key

    def _alias(self, event: yaml.AliasEvent) -> tuple[Any, int]:
        if event.anchor not in self.anchors:
            raise yaml.composer.ComposerError(None, None, f"found undefined alias {event.anchor!r}",
                                              event.start_mark)
        anchor = self.anchors[event.anchor]
        if anchor is None:
            raise yaml.composer.ComposerError(None, None, f"alias {event.anchor!r} refers to a collection that "
                                              "contains it (a recursive document)", event.start_mark)
        self._grow(anchor.size, anchor.height, event.start_mark)
        return anchor.value, anchor.height

    def _open(self, event: yaml.CollectionStartEvent) -> None:
        self._grow(1, 1, event.start_mark)
        mapping = isinstance(event, yaml.MappingStartEvent)
        if event.tag not in (None, "!", _MAP_TAG if mapping else _SEQ_TAG):
            raise yaml.constructor.ConstructorError(None, None, f"the tag {event.tag!r} is not supported here",
                                                    event.start_mark)
        self._anchor(event)
        self.stack.append(_Open({} if mapping else [], event.anchor, self.count))

    def _close(self) -> tuple[Any, int]:
        frame = self.stack.pop()
        data = frame.data
        if frame.merges:
            merged: dict = {}
            for base in reversed(frame.merges):
                merged.update(base)
            merged.update(data)
            data = merged
        if frame.anchor is not None:
            self.anchors[frame.anchor] = _Anchor(data, self.count - frame.first + 1, frame.height)
        return data, frame.height

    def _add(self, value: Any, height: int, line: int) -> None:
        """Put a finished value, which started on `line`, into the innermost open collection."""
        frame = self.stack[-1]
        frame.height = max(frame.height, height + 1)
        if isinstance(frame.data, list):
            frame.data.append(value)
        elif not frame.has_key:
            try:
                hash(value)
            except TypeError:
                raise yaml.constructor.ConstructorError(None, None, f"line {line}: a mapping key must be a "
                                                        "single value, not a list or mapping", None) from None
            frame.key, frame.key_line, frame.has_key = value, line, True
        else:
            frame.has_key = False
            self._set(frame, frame.key, value)

    def _set(self, frame: _Open, key: Any, value: Any) -> None:
        if key in frame.key_lines:
            first, line = frame.key_lines[key], frame.key_line
            shown = "<<" if key is _MERGE else key
            self.duplicates.add(lambda: Problem(self._path(shown), Msg("duplicate_key", line=line, first=first)))
        else:
            frame.key_lines[key] = frame.key_line
        if key is _MERGE:
            frame.merges = _merge_sources(value, frame)
        else:
            frame.data[key] = value

    def _path(self, key: Any) -> str:
        """Where a duplicate key is, as validation problems say it: `kpis[3].name`."""
        text = ""
        for frame in self.stack[:-1]:
            if isinstance(frame.data, list):
                text += f"[{len(frame.data)}]"
            else:
                text += f".{frame.key}" if text else str(frame.key)
        return f"{text}.{key}" if text else str(key)


_MERGE = object()  # the `<<` key of a mapping, while its value is read


def _merge_sources(value: Any, frame: _Open) -> list[dict]:
    """What `<<:` merges: a mapping, or a list of mappings (the first one wins, as in the safe loader)."""
    sources = value if isinstance(value, list) else [value]
    if not all(isinstance(source, dict) for source in sources):
        raise yaml.constructor.ConstructorError(
            "while constructing a mapping", None,
            f"expected a mapping or list of mappings for merging (line {frame.key_line})", None)
    return sources
