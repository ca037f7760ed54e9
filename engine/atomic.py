"""Atomic output: write a temporary sibling, then put it in place with one rename.

Readers never see half a file, and a failed or interrupted run leaves an existing report, workbook or CSV
folder as it was. Used by reports (`--out`), `rules docs --out`, `convert` and `init`. What it promises:

- **Permissions.** A replaced file or folder keeps its permission bits (and its owner and group where the
  system lets us set them): a 0600 report stays 0600. A new one gets the umask's default, like any program's.
- **Only what it wrote is replaced.** A file target must be a regular file, a folder target (a CSV intake) a
  folder holding nothing but `.csv`/`.txt` files and the litter file managers leave. A device, pipe or socket, a
  folder where a file is expected, a file where a folder is expected, a folder holding anything else, a parent
  that is a file: refused (`UnsafeTarget`, an `OSError`, so callers print it as "cannot write"), nothing touched.
- **Symbolic links** are followed when they lead to what would be replaced, like `cp` and the shell's `>`: the
  file (folder) they point to is replaced and the link stays a link. A link to nothing or to anything else is
  refused, and so is, as the kernel's `fs.protected_symlinks` does for `open`, a link in a sticky world-writable
  folder such as /tmp that belongs neither to us nor to the folder's owner (a trap laid for root).
- **Hard links**: the rename gives the target's name a new file; the file's other names keep the old content.
- **Temporary names** are short and fixed (`.kpi-audit-<8 hex>.tmp` beside the target), so any name the
  filesystem allows works as a target. They are removed on failure and on SIGTERM, SIGHUP and SIGINT. Every live
  one holds an `flock`; one left by a `kill -9` holds none, and the next write into the same folder removes it.
- **Folders** are replaced with one atomic exchange (Linux `renameat2(RENAME_EXCHANGE)`): at every instant the
  target is the old folder or the new one, complete, whenever the process is killed and however many converts
  run at once (the last to finish wins). Where there is no exchange (not Linux, or a filesystem without it) two
  renames are used; a kill between them leaves the old folder beside the target as `.kpi-audit-<8 hex>.old`.
"""
from __future__ import annotations

import contextlib
import errno
import os
import secrets
import shutil
import signal
import stat
import sys
import threading
from pathlib import Path
from typing import Callable, Iterator

from engine.messages import Msg

try:
    import fcntl
except ImportError:  # Windows: no flock; leftovers of a killed run are not swept there
    fcntl = None  # type: ignore[assignment]

TEMP_PREFIX = ".kpi-audit-"
TEMP_SUFFIX = ".tmp"
OLD_SUFFIX = ".old"
_TEMP_NAME_LENGTH = len(TEMP_PREFIX) + 8 + len(TEMP_SUFFIX)
FOLDER_FILE_SUFFIXES = (".csv", ".txt")  # what a CSV intake folder holds: the sections and README.txt
FOLDER_LITTER = (".DS_Store", "Thumbs.db", "desktop.ini")  # what file managers add to any folder they show
_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))
_HELD_SIGNALS = {*_SIGNALS, signal.SIGINT}


class UnsafeTarget(OSError):
    """The target is not something kpi-audit replaces; `strerror` is the reason, in both languages."""

    def __init__(self, path: Path, reason: Msg):
        super().__init__(errno.EPERM, reason, str(path))


class Interrupted(SystemExit):
    """A termination signal arrived during a write: unwind (removing the temporary), then exit 128 + signal."""


def replace_atomically(path: Path, write: Callable[[Path], None], *, folder: bool = False) -> None:
    """Call `write(tmp)` on a temporary sibling (an empty folder when `folder`), then put it in place of `path`."""
    target, old = _checked_target(Path(path), folder)
    target.parent.mkdir(parents=True, exist_ok=True)
    _sweep(target.parent)
    with _cleanup_on_signals():
        temp, lock = _create_temp(target.parent, folder)
        try:
            write(temp)
            if old is not None:
                _keep_owner_and_mode(temp, old)
            _sync(temp, folder)
            _place(temp, target, folder, replacing=old is not None)
            _sync_folder(target.parent)
        finally:
            with _signals_held():
                _remove(temp)
                os.close(lock)


def write_text_atomically(path: Path, text: str) -> None:
    """A UTF-8 text file in place of `path`."""

    def write(target: Path) -> None:
        with open(target, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)

    replace_atomically(path, write)


def _checked_target(path: Path, folder: bool) -> tuple[Path, os.stat_result | None]:
    """The path to replace (a followed link's destination) and what is there now (None: nothing), or refuse."""
    _check_parents(path)
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        return path, None
    if stat.S_ISLNK(status.st_mode):
        _check_link_owner(path, status)
        try:
            destination = Path(os.path.realpath(path, strict=True))
        except OSError:  # dangling, or a loop
            raise UnsafeTarget(path, Msg("out_dangling_link", target=os.readlink(path))) from None
        status = os.stat(destination)
        reason = _unfit(destination, status, folder)
        if reason is not None:
            raise UnsafeTarget(path, Msg("out_link_to", target=destination, why=reason))
        return destination, status
    reason = _unfit(path, status, folder)
    if reason is not None:
        raise UnsafeTarget(path, reason)
    return path, status


def _check_parents(path: Path) -> None:
    """The nearest existing ancestor must be a folder (the others are created)."""
    for parent in path.absolute().parents:
        if os.path.lexists(parent):
            if not parent.is_dir():
                raise UnsafeTarget(path, Msg("out_parent_file", parent=parent))
            return


def _check_link_owner(path: Path, link: os.stat_result) -> None:
    """The kernel's protected_symlinks rule: in a sticky world-writable folder, follow only our links or the
    folder owner's."""
    folder = os.stat(path.absolute().parent)
    shared = folder.st_mode & stat.S_ISVTX and folder.st_mode & stat.S_IWOTH
    if shared and link.st_uid not in (os.geteuid(), folder.st_uid):
        raise UnsafeTarget(path, Msg("out_foreign_link"))


def _unfit(path: Path, status: os.stat_result, folder: bool) -> Msg | None:
    """Why what is at `path` is not replaced by a file (a folder when `folder`), or None when it may be."""
    if folder:
        if stat.S_ISDIR(status.st_mode):
            stranger = next((entry.name for entry in os.scandir(path) if not _intake_folder_entry(entry)), None)
            return None if stranger is None else Msg("out_not_intake_folder", name=stranger)
        return Msg("out_is_file") if stat.S_ISREG(status.st_mode) else Msg("out_not_regular")
    if stat.S_ISREG(status.st_mode):
        return None
    return Msg("out_is_folder") if stat.S_ISDIR(status.st_mode) else Msg("out_not_regular")


def _intake_folder_entry(entry: os.DirEntry) -> bool:
    if not entry.is_file(follow_symlinks=False):
        return False
    return entry.name in FOLDER_LITTER or entry.name.lower().endswith(FOLDER_FILE_SUFFIXES)


def _create_temp(parent: Path, folder: bool) -> tuple[Path, int]:
    """A new empty file or folder with a short random name, created with the umask's default mode, and an open
    descriptor holding its flock (so no concurrent sweep takes it for a leftover)."""
    with _locked(parent, fcntl.LOCK_SH if fcntl else 0):
        while True:
            temp = parent / f"{TEMP_PREFIX}{secrets.token_hex(4)}{TEMP_SUFFIX}"
            try:
                if folder:
                    os.mkdir(temp, 0o777)
                    descriptor = os.open(temp, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
                else:
                    descriptor = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            except FileExistsError:
                continue
            if fcntl:
                fcntl.flock(descriptor, fcntl.LOCK_EX)
            return temp, descriptor


def _sweep(parent: Path) -> None:
    """Remove the temporaries a killed run left in `parent`: those whose flock nobody holds."""
    if fcntl is None:
        return
    with _locked(parent, fcntl.LOCK_EX):
        for entry in os.scandir(parent):
            name = entry.name
            if not (len(name) == _TEMP_NAME_LENGTH and name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX)):
                continue
            if entry.is_symlink():
                continue
            try:
                descriptor = os.open(entry.path, os.O_RDONLY)
            except OSError:
                continue
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                continue  # a live writer's
            finally:
                os.close(descriptor)
            _remove(Path(entry.path))


@contextlib.contextmanager
def _locked(folder: Path, operation: int) -> Iterator[None]:
    """An flock on `folder` itself: creating-and-locking a temporary (shared) never overlaps a sweep (exclusive).
    Best effort: a folder we cannot open or lock is used unlocked."""
    if fcntl is None:
        yield
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        yield
        return
    try:
        with contextlib.suppress(OSError):
            fcntl.flock(descriptor, operation)
        yield
    finally:
        os.close(descriptor)


def _keep_owner_and_mode(temp: Path, old: os.stat_result) -> None:
    status = os.stat(temp)
    if (status.st_uid, status.st_gid) != (old.st_uid, old.st_gid) and hasattr(os, "chown"):
        with contextlib.suppress(OSError):  # only root (or a member of the group) may; the mode still holds
            os.chown(temp, old.st_uid, old.st_gid)
    os.chmod(temp, stat.S_IMODE(old.st_mode))


def _sync(temp: Path, folder: bool) -> None:
    """Flush the new content to disk before it replaces the old, so a crash cannot leave an empty target."""
    for path in [*temp.iterdir(), temp] if folder else [temp]:
        _fsync(path)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable."""
    _fsync(folder)


def _fsync(path: Path) -> None:
    try:
        descriptor = os.open(path, os.O_RDONLY)
    except OSError:  # e.g. a folder on Windows
        return
    try:
        with contextlib.suppress(OSError):  # some filesystems cannot sync a folder
            os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _place(temp: Path, target: Path, folder: bool, replacing: bool) -> None:
    """One rename of a file; one exchange of a folder (`temp` then holds the old one, removed afterwards)."""
    if not folder:
        os.replace(temp, target)
        return
    if not replacing:
        try:
            os.rename(temp, target)
            return
        except OSError as exc:
            if exc.errno not in (errno.EEXIST, errno.ENOTEMPTY):
                raise
            # a concurrent convert put its folder there first: exchange with it
    _exchange(temp, target)


def _exchange(temp: Path, target: Path) -> None:
    """Swap two folders' names at once; without an exchange, two renames that keep the old folder meanwhile."""
    if _renameat2 is not None:
        if _renameat2(-100, os.fsencode(temp), -100, os.fsencode(target), 2) == 0:  # AT_FDCWD, RENAME_EXCHANGE
            return
        code = _ctypes_errno()
        if code not in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
            raise OSError(code, os.strerror(code), str(target))
    old = temp.with_suffix(OLD_SUFFIX)
    os.rename(target, old)
    os.rename(temp, target)
    os.rename(old, temp)


def _load_renameat2():
    if not sys.platform.startswith("linux"):
        return None, None
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    function = getattr(libc, "renameat2", None)  # glibc 2.28+, musl 1.2.3+
    if function is not None:
        function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return function, ctypes.get_errno


_renameat2, _ctypes_errno = _load_renameat2()


def _remove(path: Path) -> None:
    """Remove a temporary (file or folder) if it is still there."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def _raise_interrupted(signum: int, _frame) -> None:
    raise Interrupted(128 + signum)


@contextlib.contextmanager
def _cleanup_on_signals() -> Iterator[None]:
    """SIGTERM and SIGHUP unwind like Ctrl-C (KeyboardInterrupt) does, so `finally` removes the temporary.
    Signal handlers can only be set from the main thread; elsewhere the caller's handling stands."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {signum: signal.signal(signum, _raise_interrupted) for signum in _SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Termination signals wait while a temporary is removed (they are delivered right after)."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, _HELD_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD_SIGNALS)
