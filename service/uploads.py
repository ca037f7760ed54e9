"""An uploaded intake onto disk in the form its bytes say: YAML/JSON text, an .xlsx workbook, or a .zip of a CSV
folder, unpacked safely.

The form is decided from the content (a zip holding `[Content_Types].xml` and `xl/` is a workbook, any other zip
a CSV folder, anything else YAML or JSON text), never from the client's file name, and the service names the
file (`intake.yaml`, `intake.xlsx`, the folder `intake`): the loaders then read it exactly as the CLI reads a
file of that form, with their own limits. Unpacking runs in an audit worker (service/work.py), so a zip bomb
costs that worker its time and memory limits, never the server.

A CSV zip holds plain `.csv` files, at the top or in one folder, and nothing else (macOS's `__MACOSX/` and
`.DS_Store` entries are left out unread). The member checks and the counted extraction are service.zip_safety's,
shared with portfolio uploads; what is this form's own: which names (a .csv file, at most one folder deep) and
how many. Refused before a byte is written: absolute, `..` or overlong names, folders within folders, links,
encrypted or duplicate members, more files than a CSV folder may hold. Refused while unpacking, counting the
bytes as they come out (a zip's stated sizes are the sender's claim): more bytes in all than a CSV folder may
hold, or a member that inflates more than a workbook's member may.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

from engine.errors import IntakeError, Problem, ProblemList
from engine.loaders import csv_folder, workbook
from engine.messages import Msg
from service import zip_safety
from service.messages import message

TEXT_NAME = "intake.yaml"  # YAML or JSON: the text loader reads both whatever the suffix
WORKBOOK_NAME = "intake.xlsx"
FOLDER_NAME = "intake"
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")  # a local file header, or an empty archive's end record
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # an old binary .xls (or .doc)
LIMITS = zip_safety.Limits(
    members=csv_folder.MAX_FILES,  # a CSV folder's own limits, so a zipped folder is one the loader takes
    member_bytes=csv_folder.MAX_FOLDER_BYTES,  # one file may hold the whole folder's allowance
    total_bytes=csv_folder.MAX_FOLDER_BYTES,
    ratio=workbook.MAX_RATIO)  # and a workbook's member ratio: both are zips of tables
CSV_NAME = re.compile(r"[^\W_][\w .()-]*\.csv", re.IGNORECASE)  # letters of any script, no leading dot or dash


def place_upload(upload: Path, folder: Path) -> Path:
    """The intake in `folder` under the name its content calls for (`upload` is moved or unpacked there).

    Raises IntakeError, named as the intake is (`intake` for a zipped folder), for a zip that is not one safe
    to unpack; what the intake says is the loaders' to check."""
    with upload.open("rb") as stream:
        head = stream.read(4)
    if head.startswith(ZIP_MAGIC):
        if _is_workbook(upload):
            return upload.replace(folder / WORKBOOK_NAME)
        target = folder / FOLDER_NAME
        target.mkdir()
        unpack_csv_zip(upload, target)
        upload.unlink()
        return target
    if head.startswith(OLE_MAGIC):
        raise IntakeError(WORKBOOK_NAME, Msg("not_xlsx"))
    return upload.replace(folder / TEXT_NAME)


def _is_workbook(upload: Path) -> bool:
    """An Office Open XML spreadsheet: the package's content-types part and a workbook folder."""
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise zip_safety.unreadable(FOLDER_NAME, exc) from None
    return "[Content_Types].xml" in names and any(name.startswith("xl/") for name in names)


def unpack_csv_zip(upload: Path, target: Path) -> None:
    """The .csv members of the zip into `target` (flat), or IntakeError listing what makes it unsafe."""
    zip_safety.unpack(upload, target, FOLDER_NAME, LIMITS, _checked_members, _limit_problem)


def _limit_problem(exc: zip_safety.LimitExceeded) -> Problem | Msg:
    """A ratio past a workbook's is a bomb; any other limit is the CSV folder's size (the loader's own message)."""
    if exc.kind == "ratio":
        return Msg("zip_bomb", member=exc.member, ratio=exc.ratio)
    return Problem(exc.member, Msg("csv_folder_too_big", limit=LIMITS.total_bytes / csv_folder.MIB))


def _checked_members(infos: list[zipfile.ZipInfo]) -> list[tuple[zipfile.ZipInfo, tuple[str]]]:
    """Each file member with the flat name it is written under; every unsafe member listed at once."""
    problems = ProblemList()
    files: list[tuple[zipfile.ZipInfo, tuple[str]]] = []
    folders: set[str] = set()
    seen: set[str] = set()
    for info in infos:
        if zip_safety.skipped(info):
            continue
        shown = zip_safety.shown(info)
        parts = zip_safety.parts(info)
        if parts is None or len(parts) > 2:
            problems.append(Problem(shown, message("zip_bad_name", limit=zip_safety.MAX_NAME_CHARS)))
            continue
        if zip_safety.is_link(info):
            problems.append(Problem(shown, message("zip_link")))
            continue
        if info.is_dir():
            folders.add(parts[0])
            continue
        if len(parts) == 2:
            folders.add(parts[0])
        base = parts[-1]
        if not CSV_NAME.fullmatch(base):
            problems.append(Problem(shown, message("zip_not_csv")))
        elif zip_safety.is_encrypted(info):
            problems.append(Problem(shown, message("zip_encrypted")))
        elif base.casefold() in seen:
            problems.append(Problem(shown, message("zip_duplicate")))
        else:
            seen.add(base.casefold())
            files.append((info, (base,)))
    roots = any(len(info.filename.split("/")) == 1 for info, _ in files)
    if len(folders) > 1 or (folders and roots):
        problems.append(Problem("", message("zip_folders")))
    if len(files) > LIMITS.members:
        problems.append(Problem("", message("zip_too_many", limit=LIMITS.members)))
    if problems:
        raise IntakeError(FOLDER_NAME, problems)
    if not files:
        raise IntakeError(FOLDER_NAME, Msg("no_csv_files"))
    return files
