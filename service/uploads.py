"""An uploaded intake onto disk in the form its bytes say: YAML/JSON text, an .xlsx workbook, or a .zip of a CSV
folder, unpacked safely.

The form is decided from the content (a zip holding `[Content_Types].xml` and `xl/` is a workbook, any other zip
a CSV folder, anything else YAML or JSON text), never from the client's file name, and the service names the
file (`intake.yaml`, `intake.xlsx`, the folder `intake`): the loaders then read it exactly as the CLI reads a
file of that form, with their own limits. Unpacking runs in an audit worker (service/work.py), so a zip bomb
costs that worker its time and memory limits, never the server.

A CSV zip holds plain `.csv` files, at the top or in one folder, and nothing else (macOS's `__MACOSX/` and
`.DS_Store` entries are left out unread). Refused before a byte is written: absolute or `..` names, folders
within folders, links, encrypted or duplicate members, more files than a CSV folder may hold. Refused while
unpacking, counting the bytes as they come out (a zip's stated sizes are the sender's claim): more bytes in
all than a CSV folder may hold, or a member that inflates more than a workbook's member may.
"""
from __future__ import annotations

import re
import shutil
import stat
import zipfile
import zlib
from pathlib import Path

from engine.errors import IntakeError, Problem, ProblemList
from engine.loaders import csv_folder, workbook
from engine.messages import LANGS, Local, Msg

TEXT_NAME = "intake.yaml"  # YAML or JSON: the text loader reads both whatever the suffix
WORKBOOK_NAME = "intake.xlsx"
FOLDER_NAME = "intake"
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")  # a local file header, or an empty archive's end record
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # an old binary .xls (or .doc)
MAX_MEMBERS = csv_folder.MAX_FILES  # a CSV folder's own limits, so a zipped folder is one the loader takes
MAX_UNPACKED = csv_folder.MAX_FOLDER_BYTES
MAX_RATIO = workbook.MAX_RATIO  # and a workbook's member ratio: both are zips of tables
RATIO_FREE = 1_000_000  # bytes any member may unpack to whatever its ratio (a tiny file compresses well)
CHUNK = 64 * 1024
MAX_NAME_CHARS = 120
CSV_NAME = re.compile(r"[^\W_][\w .()-]*\.csv", re.IGNORECASE)  # letters of any script, no leading dot or dash
SKIPPED = re.compile(r"(.*/)?(__MACOSX/.*|\.DS_Store)")

MESSAGES: dict[str, dict[str, str]] = {
    "zip_unreadable": {"en": "not a readable .zip archive ({detail})", "zh": "不是可读取的 .zip 压缩包（{detail}）"},
    "zip_not_csv": {"en": "only .csv files may be in a zipped CSV folder (a workbook is uploaded as the .xlsx "
                          "itself)",
                    "zh": "压缩的 CSV 文件夹中只能有 .csv 文件（工作簿请直接上传 .xlsx 文件）"},
    "zip_bad_name": {"en": "not a plain file name: absolute paths, '..' and folders within folders are refused",
                     "zh": "不是普通的文件名：拒绝绝对路径、「..」和多层文件夹"},
    "zip_link": {"en": "a link, not a file; refused", "zh": "这是链接而不是文件，拒绝读取"},
    "zip_encrypted": {"en": "encrypted; zip the files without a password", "zh": "已加密；请不加密码重新压缩"},
    "zip_duplicate": {"en": "in the .zip twice", "zh": "在压缩包中出现了两次"},
    "zip_folders": {"en": "the .csv files are in more than one folder; zip one folder, or the files themselves",
                    "zh": ".csv 文件分散在多个文件夹中；请只压缩一个文件夹，或直接压缩这些文件"},
    "zip_too_many": {"en": "more than {limit} files in the .zip; an intake has at most {limit} (one per section)",
                     "zh": "压缩包中超过 {limit} 个文件；一份资料最多 {limit} 个（每部分一个）"},
}


def _local(code: str, **params: object) -> Local:
    return Local({lang: MESSAGES[code][lang].format(**params) for lang in LANGS})


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
        raise IntakeError(FOLDER_NAME, _local("zip_unreadable", detail=exc)) from None
    return "[Content_Types].xml" in names and any(name.startswith("xl/") for name in names)


def unpack_csv_zip(upload: Path, target: Path) -> None:
    """The .csv members of the zip into `target` (flat), or IntakeError listing what makes it unsafe."""
    try:
        with zipfile.ZipFile(upload) as archive:
            members = _checked_members(archive.infolist())
            left = MAX_UNPACKED
            for info, name in members:
                left -= _extract(archive, info, target / name, left)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, zlib.error, NotImplementedError, RuntimeError,
            OSError, ValueError) as exc:
        shutil.rmtree(target, ignore_errors=True)
        raise IntakeError(FOLDER_NAME, _local("zip_unreadable", detail=f"{type(exc).__name__}: {exc}")) from None
    except IntakeError:
        shutil.rmtree(target, ignore_errors=True)
        raise


def _checked_members(infos: list[zipfile.ZipInfo]) -> list[tuple[zipfile.ZipInfo, str]]:
    """Each file member with the flat name it is written under; every unsafe member listed at once."""
    problems = ProblemList()
    files: list[tuple[zipfile.ZipInfo, str]] = []
    folders: set[str] = set()
    seen: set[str] = set()
    for info in infos:
        name = info.filename
        shown = name[:MAX_NAME_CHARS]
        if SKIPPED.fullmatch(name):
            continue
        parts = name.split("/")
        if info.is_dir():
            parts = parts[:-1]
        if "\\" in name or not name or name.startswith("/") or ":" in parts[0] \
                or any(p in ("", ".", "..") for p in parts) or len(parts) > 2:
            problems.append(Problem(shown, _local("zip_bad_name")))
            continue
        if _is_link(info):
            problems.append(Problem(shown, _local("zip_link")))
            continue
        if info.is_dir():
            folders.add(parts[0])
            continue
        if len(parts) == 2:
            folders.add(parts[0])
        base = parts[-1]
        if not CSV_NAME.fullmatch(base) or len(base) > MAX_NAME_CHARS:
            problems.append(Problem(shown, _local("zip_not_csv")))
        elif info.flag_bits & 0x1:
            problems.append(Problem(shown, _local("zip_encrypted")))
        elif base.casefold() in seen:
            problems.append(Problem(shown, _local("zip_duplicate")))
        else:
            seen.add(base.casefold())
            files.append((info, base))
    roots = any(len(info.filename.split("/")) == 1 for info, _ in files)
    if len(folders) > 1 or (folders and roots):
        problems.append(Problem("", _local("zip_folders")))
    if len(files) > MAX_MEMBERS:
        problems.append(Problem("", _local("zip_too_many", limit=MAX_MEMBERS)))
    if problems:
        raise IntakeError(FOLDER_NAME, problems)
    if not files:
        raise IntakeError(FOLDER_NAME, Msg("no_csv_files"))
    return files


def _is_link(info: zipfile.ZipInfo) -> bool:
    """A member a Unix zip marks as anything but a plain file or folder (a symlink, a device); a zip that
    records only permission bits, or nothing, marks plain files."""
    kind = stat.S_IFMT(info.external_attr >> 16)
    return kind not in (0, stat.S_IFREG, stat.S_IFDIR)


def _extract(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path, left: int) -> int:
    """Write one member, counting the bytes it inflates to; refused past what the folder has `left` or past
    MAX_RATIO times its compressed size. The bytes written."""
    allowed = max(RATIO_FREE, MAX_RATIO * max(info.compress_size, 1))
    written = 0
    with archive.open(info) as source, path.open("xb") as sink:
        while chunk := source.read(CHUNK):
            written += len(chunk)
            if written > left:
                raise IntakeError(FOLDER_NAME, Problem(info.filename[:MAX_NAME_CHARS], Msg(
                    "csv_folder_too_big", limit=MAX_UNPACKED / csv_folder.MIB)))
            if written > allowed:
                raise IntakeError(FOLDER_NAME, Msg("zip_bomb", member=info.filename[:MAX_NAME_CHARS],
                                                   ratio=written // max(info.compress_size, 1)))
            sink.write(chunk)
    return written
