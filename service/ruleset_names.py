"""A client's `ruleset` parameter → the ruleset to load: a shipped NAME[@VERSION] or one of the tenant's stored
rulesets, never a path.

The result is a spec `engine.ruleset.load_ruleset` reads as a path the service chose: the shipped folder, or the
tenant's own file. Loaded rulesets are cached by that path and the file's content hash, so a stored ruleset that
is replaced is read again and a shipped one is compiled once per process.
"""
from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from engine.errors import UserInputError
from engine.findings import load_compiled
from engine.ruleset import Ruleset, shipped_folder, shipped_names
from service.errors import ApiError
from service.messages import message
from service.space import Space, safe_name

DEFAULT = "core"
STORED_SUFFIX = ".yaml"


def stored_path(space: Space, name: str) -> Path | None:
    """The tenant's stored ruleset file `name` (existing or not), or None when `name` may not name one."""
    return space.rulesets_dir / f"{name}{STORED_SUFFIX}" if safe_name(name) else None


def ruleset_spec(space: Space, name: str | None) -> str:
    """The spec to load for `name` (default core), or a 422 naming the shipped and the tenant's rulesets."""
    name = (name or DEFAULT).strip()
    try:
        return str(shipped_folder(name))
    except UserInputError:
        pass
    path = stored_path(space, name)
    if path is not None and path.is_file():
        return str(path)
    raise ApiError(422, "bad_ruleset", message("bad_ruleset", name=name, shipped=", ".join(shipped_names())))


def load(spec: str) -> Ruleset:
    """The ruleset at `spec` (a path the service chose), compiled; cached by content."""
    path = Path(spec)
    digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
    return _load(spec, digest)


@functools.lru_cache(maxsize=32)
def _load(spec: str, _digest: str) -> Ruleset:
    return load_compiled(spec)
