"""Mutations of an intake file's bytes, for what a parsed dict cannot hold: duplicate keys, integer literals
beyond Python's 4,300 digits, a lone surrogate escape, deep nesting, a stray Windows-1252 byte, a BOM inside
the text, a file cut short. Each is a function of the file's bytes and a seed (deterministic)."""
from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path


def _at_line_start(data: bytes, rng: random.Random) -> int:
    starts = [0] + [i + 1 for i, b in enumerate(data) if b == 0x0A and i + 1 < len(data)]
    return rng.choice(starts)


def _insert(data: bytes, piece: bytes, rng: random.Random, line_start: bool = False) -> bytes:
    at = _at_line_start(data, rng) if line_start else rng.randrange(len(data) + 1)
    return data[:at] + piece + data[at:]


def _replace_value(data: bytes, piece: bytes, rng: random.Random) -> bytes:
    """The first number or quoted/plain value after a random `: ` (YAML, JSON) or `,` (CSV) becomes `piece`."""
    marks = [i for i in range(len(data) - 1) if data[i:i + 2] == b": " or data[i] == ord(",")]
    if not marks:
        return data + piece
    mark = rng.choice(marks)
    at = mark + (2 if data[mark:mark + 2] == b": " else 1)
    end = at
    while end < len(data) and data[end] not in b",}\n]":
        end += 1
    return data[:at] + piece + data[end:]


def _duplicate_line(data: bytes, rng: random.Random) -> bytes:
    lines = data.split(b"\n")
    i = rng.randrange(len(lines))
    return b"\n".join(lines[:i + 1] + [lines[i]] + lines[i + 1:])


def _duplicate_section(data: bytes, rng: random.Random) -> bytes:
    if data.lstrip().startswith(b"{"):  # JSON: a second section key inside the top-level object
        return b'{"reviews": [], ' + data.lstrip()[1:]
    return data + b"\nreviews: []\n"


TEXT_MUTATIONS: dict[str, Callable[[bytes, random.Random], bytes]] = {
    "duplicate line (key or row)": _duplicate_line,
    "duplicate section": _duplicate_section,
    "5,000-digit integer": lambda d, r: _replace_value(d, b"7" * 5000, r),
    "integer beyond float range": lambda d, r: _replace_value(d, b"9" * 400, r),
    "lone surrogate escape": lambda d, r: _replace_value(d, b'"\\ud800x"', r),
    "NaN and Infinity literals": lambda d, r: _replace_value(d, r.choice([b"NaN", b"-Infinity", b".nan"]), r),
    "deep nesting": lambda d, r: _replace_value(d, b"[" * 5000 + b"]" * 5000, r),
    "Windows-1252 byte": lambda d, r: _insert(d, bytes([r.choice([0x93, 0x94, 0x80, 0xE9])]), r),
    "BOM inside the text": lambda d, r: _insert(d, "\ufeff".encode(), r),
    "NUL byte": lambda d, r: _insert(d, b"\x00", r),
    "cut short": lambda d, r: d[:r.randrange(len(d) + 1)],
    "CR line ends": lambda d, r: d.replace(b"\n", b"\r") if b"\n" in d else d + b"\r",
    "alias to a bigger node": lambda d, r: _insert(d, b"x: &a [1, 2, 3]\ny: [*a, *a, *a, *a]\n", r, True),
    "tab indentation": lambda d, r: _insert(d, b"\t", r, True),
    "bidi override in a key": lambda d, r: _insert(d, "\u202e".encode(), r),
}


def mutate_text(path: Path, name: str, seed: int) -> None:
    """Apply the mutation `name` to the file at `path`, in place."""
    rng = random.Random(seed)
    path.write_bytes(TEXT_MUTATIONS[name](path.read_bytes(), rng))
