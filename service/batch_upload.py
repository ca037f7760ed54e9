"""A portfolio upload (a .zip of client intakes) unpacked into a batch's folder, as `kpi-audit batch DIR` reads
a folder: YAML, JSON and .xlsx intakes at the top, and CSV intakes as folders of .csv files one level down.

Nothing else is written. Above all never a manifest: `kpi-audit batch` reads a manifest's listed paths, so a
client could name files of the server; here any member that is not an intake (a .txt list, a README, a file in
a folder within a folder) refuses the whole upload. Members are checked by service.zip_safety before a byte is
written (plain relative names, no links, no encryption, no duplicates, at most MAX_MEMBERS entries) and counted
as they inflate (per member, in all, and their ratio). A zip of one wrapping folder (what "Compress folder"
makes) is read as that folder's content. Every problem is listed at once, as an intake's are.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import IO

from engine.errors import IntakeError, Problem, ProblemList
from engine.loaders import text_forms, workbook
from engine.messages import Msg
from portfolio.discover import INTAKE_SUFFIXES
from service import zip_safety
from service.messages import message

SOURCE = "portfolio"  # the form field's name: what an upload's problems are listed under
MIB = 1024 * 1024
LIMITS = zip_safety.Limits(
    members=1000,  # files and folders: a large agency's portfolio, far below what slows a listing
    member_bytes=max(text_forms.MAX_BYTES, workbook.MAX_FILE_BYTES),  # the largest file an intake loader reads
    total_bytes=256 * MIB,  # a batch's disk: a few hundred intakes of real size
    ratio=workbook.MAX_RATIO)  # a workbook's member ratio: both are zips of tables
# A file or folder name: letters of any script or digits first (no dot: hidden files are never clients).
NAME = re.compile(r"[^\W_][\w .()+-]*", re.UNICODE)


def unpack_portfolio(stream: IO[bytes], target: Path) -> None:
    """The portfolio zip in `stream` into the new folder `target`, or IntakeError listing what makes it unsafe
    or not a portfolio (and `target` removed)."""
    target.mkdir(parents=True)
    zip_safety.unpack(stream, target, SOURCE, LIMITS, _checked, _limit_problem)


def _limit_problem(exc: zip_safety.LimitExceeded) -> Problem:
    if exc.kind == "ratio":
        return Problem(exc.member, Msg("zip_bomb", member=exc.member, ratio=exc.ratio))
    if exc.kind == "member":
        return Problem(exc.member, message("batch_member_too_big", limit=LIMITS.member_bytes // MIB))
    return Problem(exc.member, message("batch_too_big", limit=LIMITS.total_bytes // MIB))


def _checked(infos: list[zipfile.ZipInfo]) -> list[tuple[zipfile.ZipInfo, list[str]]]:
    """Each file member with the path (parts) it is written under; IntakeError listing every unsafe or
    unexpected member."""
    if len(infos) > LIMITS.members:
        raise IntakeError(SOURCE, message("batch_too_many", limit=LIMITS.members))
    problems = ProblemList()
    files: list[tuple[zipfile.ZipInfo, list[str]]] = []
    for info in infos:
        if zip_safety.skipped(info):
            continue
        path = zip_safety.parts(info)
        if path is None:
            problems.append(Problem(zip_safety.shown(info), message("batch_bad_name",
                                                                     limit=zip_safety.MAX_NAME_CHARS)))
        elif zip_safety.is_link(info):
            problems.append(Problem(zip_safety.shown(info), message("zip_link")))
        elif zip_safety.is_encrypted(info):
            problems.append(Problem(zip_safety.shown(info), message("zip_encrypted")))
        elif not info.is_dir():
            files.append((info, path))
    files = _unwrapped(files)
    seen: set[tuple[str, ...]] = set()
    kept: list[tuple[zipfile.ZipInfo, list[str]]] = []
    for info, path in files:
        key = tuple(part.casefold() for part in path)
        if key in seen:
            problems.append(Problem(zip_safety.shown(info), message("zip_duplicate")))
        elif len(path) > 2:
            problems.append(Problem(zip_safety.shown(info), message("batch_too_deep")))
        elif not _allowed(path):
            problems.append(Problem(zip_safety.shown(info), message("batch_not_intake")))
        else:
            seen.add(key)
            kept.append((info, path))
    if problems:
        raise IntakeError(SOURCE, problems)
    return kept


def _unwrapped(files: list[tuple[zipfile.ZipInfo, list[str]]]) -> list[tuple[zipfile.ZipInfo, list[str]]]:
    """The members without their one common top folder, when every member is in it and it is not itself a CSV
    intake (it holds no .csv file directly): a zipped portfolio folder reads as the folder's content."""
    tops = {path[0] for _info, path in files}
    if len(tops) != 1 or any(len(path) == 1 for _info, path in files):
        return files
    if any(len(path) == 2 and path[1].lower().endswith(".csv") for _info, path in files):
        return files
    return [(info, path[1:]) for info, path in files]


def _allowed(path: list[str]) -> bool:
    """An intake file at the top, or a .csv file in a folder at the top; names from the whitelist only."""
    if not all(NAME.fullmatch(part) for part in path):
        return False
    suffix = Path(path[-1]).suffix.lower()
    return suffix in INTAKE_SUFFIXES if len(path) == 1 else suffix == ".csv"
