"""A tenant's stored rulesets (agency overrides, or whole rulesets of its own), usable as `ruleset=<name>` in
its audits and rule calls (service.ruleset_names finds them).

A stored file is the client's text, so it is checked before it is stored, from a private temporary copy:
an override may extend only a shipped ruleset by NAME or NAME@VERSION (never a path: engine.ruleset would read
any file an `extends` names), a whole ruleset's catalogue reference is a plain `name@version` (engine.ruleset
refuses anything else), and then it must load and compile. Problems name the ruleset by its stored name, never
a server path. A checked file is put in place with one atomic rename, so a running audit reads it whole.
"""
from __future__ import annotations

import contextlib
import re
import tempfile
from pathlib import Path

from engine.atomic import replace_atomically
from engine.errors import Problem, RulesetError, UserInputError
from engine.findings import load_compiled
from engine.loaders.text_forms import read_structured
from engine.ruleset import Ruleset, shipped_folder, shipped_names
from service import ruleset_names
from service.messages import message
from service.space import Space, safe_name

SHIPPED_REF = re.compile(r"[a-z0-9][a-z0-9_-]*(@[0-9]+(\.[0-9]+)*)?")  # NAME or NAME@VERSION, nothing path-like


def names(space: Space) -> list[str]:
    """The names of the tenant's stored rulesets, sorted."""
    suffix = ruleset_names.STORED_SUFFIX
    return sorted(path.name[:-len(suffix)] for path in space.rulesets_dir.iterdir()
                  if path.name.endswith(suffix) and safe_name(path.name[:-len(suffix)]) and path.is_file())


def storable(name: str) -> bool:
    """Whether `name` may name a stored ruleset: a safe file name that is not a shipped ruleset's."""
    return safe_name(name) is not None and name not in shipped_names()


def read(space: Space, name: str) -> bytes | None:
    """The stored ruleset `name` as it was sent, or None (no such ruleset, or a name that cannot be one)."""
    path = ruleset_names.stored_path(space, name)
    if path is None:
        return None
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def check(name: str, data: bytes) -> Ruleset:
    """The ruleset `data` holds, loaded and compiled (not cached: its temporary path is never read again), or a
    RulesetError (source: `name`) listing its problems. The API runs it in an audit worker
    (service.work.RulesetCheck): compiling a client's ruleset costs what an audit does."""
    with tempfile.TemporaryDirectory(prefix="kpi-audit-ruleset-") as folder:
        path = Path(folder) / f"{name}{ruleset_names.STORED_SUFFIX}"
        path.write_bytes(data)
        try:
            _check_extends(read_structured(path, RulesetError), name)
            return load_compiled(str(path))
        except UserInputError as exc:
            raise RulesetError(name, exc.problem_list()) from None


def _check_extends(document: object, name: str) -> None:
    """An override's `extends` names a shipped ruleset, checked before anything it names is read."""
    if not isinstance(document, dict) or "extends" not in document:
        return  # a whole ruleset (its catalogue reference is checked where it is read), or not a mapping
    value = document["extends"]
    if isinstance(value, str) and SHIPPED_REF.fullmatch(value):
        with contextlib.suppress(RulesetError):
            shipped_folder(value)
            return
    text = message("extends_not_shipped", value=str(value)[:80],
                   shipped=", ".join(shipped_names()))
    raise RulesetError(name, Problem("extends", text))


def store(space: Space, name: str, data: bytes) -> bool:
    """Put checked `data` in place as the stored ruleset `name` (a storable name); True when it replaced one."""
    path = ruleset_names.stored_path(space, name)
    if path is None:
        raise ValueError(f"not a storable ruleset name: {name!r}")
    existed = path.is_file()
    replace_atomically(path, lambda target: target.write_bytes(data))
    return existed


def delete(space: Space, name: str) -> bool:
    """Remove the stored ruleset `name`; False when there is none."""
    path = ruleset_names.stored_path(space, name)
    if path is None:
        return False
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
        return True
    return False
