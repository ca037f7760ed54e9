"""Declaring fact fields: every probe family states what it emits, with a type and a why.

The ruleset loader checks conditions, evidence and messages against these
declarations, so a typo in a rule is an error at load time, not a silent miss.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

FieldType = Literal["int", "number", "bool", "str", "list", "map"]


@dataclass(frozen=True)
class FactField:
    type: FieldType
    doc: str


def fields(**declared: tuple[FieldType, str]) -> dict[str, FactField]:
    return {name: FactField(*spec) for name, spec in declared.items()}
