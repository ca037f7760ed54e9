"""An organisation's waiver file kept for a tenant: checked like `kpi-audit audit --waivers` checks one, then
stored where the audit workers read it (service.work.waiver_file: named by a hash of the organisation's id).

The organisation id is client text and only ever becomes that hash, never a path. A file is checked from a private
temporary copy, so a bad one never replaces the good one in use, and is put in place with one atomic rename
(engine.atomic), so an audit running meanwhile reads the old file or the new one, whole. Problems name the file
`waivers` (service.work.WAIVERS_SOURCE), as an audit's do, never a server path.
"""
from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from engine.atomic import replace_atomically
from engine.model import Id
from engine.ruleset import Ruleset
from service.space import Space
from service.work import WAIVERS_SOURCE, waiver_file
from waivers import Waiver, WaiverError, check_codes, load_waivers

CHECKED_NAME = "waivers.yaml"  # the temporary copy's name: YAML (JSON is read as the YAML it also is)
_ORGANISATION_ID = TypeAdapter(Id)


def organisation_id(value: str) -> bool:
    """Whether `value` can be an intake's organisation id (engine.model.Id): waivers stored under any other
    would never be applied, so they are refused rather than kept."""
    try:
        return _ORGANISATION_ID.validate_python(value) == value
    except ValidationError:
        return False


def read(space: Space, org_id: str) -> bytes | None:
    """The organisation's stored waiver file as it was sent, or None when it has none."""
    try:
        return waiver_file(space.waivers_dir, org_id).read_bytes()
    except FileNotFoundError:
        return None


def check(data: bytes, ruleset: Ruleset) -> list[Waiver]:
    """The waivers of `data`, every problem located (WaiverError, source `waivers`), codes checked against
    `ruleset` as an audit with it checks them."""
    with tempfile.TemporaryDirectory(prefix="kpi-audit-waivers-") as folder:
        path = Path(folder) / CHECKED_NAME
        path.write_bytes(data)
        try:
            waivers = load_waivers(path)
            check_codes(waivers, {r.code for r in ruleset.active_rules}, f"{ruleset.name}@{ruleset.version}",
                        WAIVERS_SOURCE)
        except WaiverError as exc:
            raise WaiverError(WAIVERS_SOURCE, exc.problem_list()) from None
    return waivers


def store(space: Space, org_id: str, data: bytes) -> bool:
    """Put checked `data` in place as the organisation's waiver file; True when it replaced one."""
    path = waiver_file(space.waivers_dir, org_id)
    existed = path.is_file()
    replace_atomically(path, lambda target: target.write_bytes(data))
    return existed


def delete(space: Space, org_id: str) -> bool:
    """Remove the organisation's waiver file; False when it had none."""
    with contextlib.suppress(FileNotFoundError):
        waiver_file(space.waivers_dir, org_id).unlink()
        return True
    return False
