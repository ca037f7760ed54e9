"""Reading a client's .zip without trusting it: the member checks and the counted extraction every upload form
that unpacks a zip shares (a portfolio of intakes, service.batch_upload; a zipped CSV folder, service.uploads).

A zip's names and stated sizes are the sender's claims. A member name is taken only as a plain relative path
(no absolute path, drive, backslash, '.', '..' or empty part); a link or device member, or an encrypted one, is
never written; and the bytes a member inflates to are counted as they come out, so a bomb is stopped at the
limit, whatever its header says. What a form allows (which names, how deep, how many) is the caller's to say;
`unpack` writes what the caller's check accepted, and refuses the whole archive (nothing left behind) otherwise.
"""
from __future__ import annotations

import logging
import re
import shutil
import stat
import zipfile
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from engine.errors import IntakeError, Problem
from engine.messages import Msg
from service.messages import message

LOG = logging.getLogger("kpi_audit.service")
CHUNK = 64 * 1024
MAX_NAME_CHARS = 120  # longer member names are refused (and cut to this in messages)
RATIO_FREE = 1_000_000  # bytes any member may inflate to whatever its ratio (a tiny file compresses well)
SKIPPED = re.compile(r"(.*/)?(__MACOSX/.*|\.DS_Store)")  # what macOS's "Compress" adds: left out unread
# Errors zipfile and zlib raise on a damaged or unsupported archive (a bad CRC is a BadZipFile, a damaged
# deflate stream a zlib.error).
READ_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, zlib.error, NotImplementedError, RuntimeError,
               OSError, ValueError)


@dataclass(frozen=True)
class Limits:
    """What one archive may unpack to: members in all, bytes per member and in all, and inflation ratio."""

    members: int
    member_bytes: int
    total_bytes: int
    ratio: int


class LimitExceeded(Exception):
    """A member passed a limit while inflating: `kind` is "member", "total" or "ratio"."""

    def __init__(self, kind: str, member: str, ratio: int) -> None:
        super().__init__(kind)
        self.kind, self.member, self.ratio = kind, member, ratio


def shown(info: zipfile.ZipInfo) -> str:
    """A member's name as a message may quote it (cut short)."""
    return info.filename[:MAX_NAME_CHARS]


def skipped(info: zipfile.ZipInfo) -> bool:
    return bool(SKIPPED.fullmatch(info.filename))


def parts(info: zipfile.ZipInfo) -> list[str] | None:
    """The member's path as its parts (a folder's without the trailing slash), or None when the name is not a
    plain relative path that stays inside the folder it is unpacked into."""
    name = info.filename
    pieces = name.split("/")
    if info.is_dir():
        pieces = pieces[:-1]
    if not name or "\\" in name or name.startswith("/") or ":" in pieces[0] or len(name) > MAX_NAME_CHARS \
            or any(p in ("", ".", "..") for p in pieces):
        return None
    return pieces


def is_link(info: zipfile.ZipInfo) -> bool:
    """A member a Unix zip marks as anything but a plain file or folder (a symlink, a device). A mode with
    permissions only and no file type (Python's `writestr` writes 0o600) is a plain file."""
    kind = stat.S_IFMT(info.external_attr >> 16)
    return kind not in (0, stat.S_IFREG, stat.S_IFDIR)


def is_encrypted(info: zipfile.ZipInfo) -> bool:
    return bool(info.flag_bits & 0x1)


def extract(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path, left: int, limits: Limits) -> int:
    """Write one member to `path` (a new file), counting the bytes it inflates to: LimitExceeded past the
    member limit, past `left` (what the archive's total has left) or past `limits.ratio` times its compressed
    size. The bytes written."""
    allowed = max(RATIO_FREE, limits.ratio * max(info.compress_size, 1))
    written = 0
    with archive.open(info) as source, path.open("xb") as sink:
        while chunk := source.read(CHUNK):
            written += len(chunk)
            kind = ("member" if written > limits.member_bytes else "total" if written > left
                    else "ratio" if written > allowed else None)
            if kind is not None:
                raise LimitExceeded(kind, shown(info), written // max(info.compress_size, 1))
            sink.write(chunk)
    return written



# A form's check of an archive's members: each member to write with the path (parts) it is written under, below
# the target; IntakeError listing every member the form refuses.
Check = Callable[[list[zipfile.ZipInfo]], Sequence[tuple[zipfile.ZipInfo, Sequence[str]]]]


def unreadable(source: str, exc: Exception) -> IntakeError:
    """A zip that could not be read or unpacked, told in fixed words: the exception's text (a server path, an
    errno) goes to the server's log only."""
    LOG.warning("%s: a .zip upload could not be unpacked: %s: %s", source, type(exc).__name__, exc)
    return IntakeError(source, message("zip_unreadable"))


def unpack(archive_file: Path | IO[bytes], target: Path, source: str, limits: Limits, check: Check,
           limit_problem: Callable[[LimitExceeded], Problem | Msg]) -> None:
    """The members `check` accepts written under `target` (an existing folder), counted against `limits`; else
    IntakeError under `source` (the check's problems, `limit_problem`'s for a limit passed, or an unreadable
    archive) with `target` removed."""
    try:
        with zipfile.ZipFile(archive_file) as archive:
            members = check(archive.infolist())
            left = limits.total_bytes
            for info, path in members:
                destination = target.joinpath(*path)
                destination.parent.mkdir(exist_ok=True)
                left -= extract(archive, info, destination, left, limits)
    except LimitExceeded as exc:
        shutil.rmtree(target, ignore_errors=True)
        raise IntakeError(source, limit_problem(exc)) from None
    except READ_ERRORS as exc:
        shutil.rmtree(target, ignore_errors=True)
        raise unreadable(source, exc) from None
    except IntakeError:
        shutil.rmtree(target, ignore_errors=True)
        raise
