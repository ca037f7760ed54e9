"""The atomic writer (engine/atomic.py) and the write errors of convert/init: every promise the module states,
checked the way it can break — permissions, targets that are not regular files, links, long names, full disks,
signals, kill -9 at random points and concurrent converts of one CSV folder."""
from __future__ import annotations

import errno
import multiprocessing
import os
import random
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli
from engine import atomic
from engine.atomic import TEMP_PREFIX, UnsafeTarget, replace_atomically, write_text_atomically
from engine.loaders import load_intake
from engine.loaders.writers import intake_to_raw, write_csv_folder
from tests.conftest import EXAMPLES, ROOT

HEALTHY = EXAMPLES / "healthy.yaml"
SELLER = EXAMPLES / "cross-border-seller.yaml"
FORK = multiprocessing.get_context("fork")


def run(*args: object):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert "Traceback" not in result.stdout + result.stderr
    return result


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(TEMP_PREFIX))


# permissions and owners


def test_a_private_report_stays_private_and_a_new_one_gets_the_umask_default(tmp_path):
    out = tmp_path / "report.json"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o600)
    assert run("audit", HEALTHY, "--out", out).exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600 and out.read_text(encoding="utf-8").startswith("{")
    previous = os.umask(0o027)
    try:
        write_text_atomically(tmp_path / "new.md", "x")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "new.md").stat().st_mode) == 0o640


def test_a_replaced_csv_folder_keeps_its_mode(tmp_path):
    target = tmp_path / "intake"
    assert run("convert", HEALTHY, target).exit_code == 0
    target.chmod(0o700)
    assert run("convert", SELLER, target, "--force").exit_code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o700
    assert load_intake(target).intake == load_intake(SELLER).intake


# what is refused


def test_a_pipe_a_folder_and_a_link_to_a_device_are_not_replaced(tmp_path):
    pipe = tmp_path / "pipe.json"
    os.mkfifo(pipe)
    folder = tmp_path / "folder.json"
    folder.mkdir()
    device = tmp_path / "null.json"
    device.symlink_to("/dev/null")
    for target, reason in ((pipe, "not a regular file"), (folder, "it is a folder"),
                           (device, "symbolic link to /dev/null: it is not a regular file")):
        result = run("convert", HEALTHY, target, "--force")
        assert result.exit_code == 2 and reason in result.stderr, result.stderr
    assert stat.S_ISFIFO(pipe.lstat().st_mode) and folder.is_dir() and os.readlink(device) == "/dev/null"
    assert leftovers(tmp_path) == []


def test_a_folder_that_is_not_an_intake_folder_is_never_replaced(tmp_path):
    home = tmp_path / "home"
    (home / "photos").mkdir(parents=True)
    (home / "kpis.csv").write_text("id\n", encoding="utf-8")
    result = run("convert", HEALTHY, home, "--force")
    assert result.exit_code == 2 and "'photos'" in result.stderr
    assert (home / "photos").is_dir() and (home / "kpis.csv").is_file()
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x", encoding="utf-8")
    result = run("convert", HEALTHY, not_a_folder, "--force")
    assert result.exit_code == 2 and "not a folder of CSV files" in result.stderr
    assert not_a_folder.read_text(encoding="utf-8") == "x"


def test_a_link_to_a_file_is_followed_and_stays_a_link(tmp_path):
    real = tmp_path / "reports" / "latest.json"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "report.json"
    link.symlink_to(real)
    assert run("audit", HEALTHY, "--out", link).exit_code == 0
    assert link.is_symlink() and real.read_text(encoding="utf-8").startswith("{")
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    dangling = tmp_path / "gone.json"
    dangling.symlink_to(tmp_path / "nowhere.json")
    result = run("audit", HEALTHY, "--out", dangling)
    assert result.exit_code == 2 and "does not exist" in result.stderr and not (tmp_path / "nowhere.json").exists()


def test_a_stranger_link_in_a_sticky_shared_folder_is_not_followed(tmp_path, monkeypatch):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    victim = tmp_path / "victim.json"
    victim.write_text("precious", encoding="utf-8")
    trap = shared / "report.json"
    trap.symlink_to(victim)
    real_lstat = os.lstat

    def laid_by_a_stranger(path, *args, **kwargs):  # as if another user had laid the link
        status = real_lstat(path, *args, **kwargs)
        if Path(path) != trap:
            return status
        return os.stat_result((*tuple(status)[:4], status.st_uid + 4242, *tuple(status)[5:10]))

    monkeypatch.setattr(os, "lstat", laid_by_a_stranger)
    with pytest.raises(UnsafeTarget) as caught:
        write_text_atomically(trap, "{}")
    assert "another user" in caught.value.strerror
    assert victim.read_text(encoding="utf-8") == "precious"


def test_a_hard_link_keeps_the_old_content_under_its_other_name(tmp_path):
    out = tmp_path / "report.json"
    out.write_text("old", encoding="utf-8")
    other = tmp_path / "copy.json"
    os.link(out, other)
    write_text_atomically(out, "new")
    assert out.read_text(encoding="utf-8") == "new" and other.read_text(encoding="utf-8") == "old"


# names and write errors


def test_a_250_character_name_is_written_and_a_name_too_long_is_exit_2(tmp_path):
    name = "a" * 245 + ".xlsx"
    assert run("convert", HEALTHY, tmp_path / name).exit_code == 0
    assert load_intake(tmp_path / name).intake == load_intake(HEALTHY).intake
    assert run("init", tmp_path / ("b" * 250)).exit_code == 0
    result = run("convert", HEALTHY, tmp_path / ("c" * 300 + ".yaml"))
    assert result.exit_code == 2 and "File name too long" in result.stderr
    assert leftovers(tmp_path) == []


def test_a_parent_that_is_a_file_is_exit_2(tmp_path):
    parent = tmp_path / "report.json"
    parent.write_text("x", encoding="utf-8")
    for args in (("convert", HEALTHY, parent / "intake.yaml"), ("init", parent / "template.xlsx"),
                 ("audit", HEALTHY, "--out", parent / "sub" / "r.md")):
        result = run(*args)
        assert result.exit_code == 2 and "is a file, not a folder" in result.stderr, args


@pytest.mark.parametrize("target", ["intake.yaml", "intake.xlsx", "intake"])
def test_a_full_disk_is_exit_2_and_the_old_target_is_kept(tmp_path, monkeypatch, target):
    path = tmp_path / target
    assert run("convert", HEALTHY, path).exit_code == 0
    before = load_intake(path).intake

    def full(self, data, *args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(Path, "write_text", full)
    monkeypatch.setattr("openpyxl.Workbook.save", full)
    result = run("convert", SELLER, path, "--force")
    assert result.exit_code == 2 and "No space left on device" in result.stderr
    monkeypatch.undo()
    assert load_intake(path).intake == before and leftovers(tmp_path) == []


def test_a_failed_write_leaves_nothing_behind(tmp_path):
    def half(target: Path) -> None:
        target.write_text("half", encoding="utf-8")
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        replace_atomically(tmp_path / "out.md", half)
    assert list(tmp_path.iterdir()) == []


# signals and kill -9


# A fresh interpreter, not a fork of the test process: a fork inherits whatever lock another thread of pytest held
# at that moment (a flaky hang at exit), and Ctrl-C reaches an interactive run, so SIGINT raises KeyboardInterrupt
# even when the test process itself was started with it ignored (a background job).
_SLOW_WRITER = """
import signal, sys, time
from pathlib import Path
from engine.atomic import replace_atomically

signal.signal(signal.SIGINT, signal.default_int_handler)

def write(target):
    target.write_text("half", encoding="utf-8")
    print("started", flush=True)
    time.sleep(60)  # killed long before

replace_atomically(Path(sys.argv[1]), write)
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_a_signal_during_a_write_removes_the_temporary_and_keeps_the_target(tmp_path, signum):
    out = tmp_path / "report.md"
    out.write_text("old", encoding="utf-8")
    child = subprocess.Popen([sys.executable, "-c", _SLOW_WRITER, str(out)], cwd=ROOT, stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, text=True)
    try:
        assert child.stdout.readline() == "started\n"
        child.send_signal(signum)
        # SIGINT unwinds as KeyboardInterrupt, and Python then exits by the signal; the others exit 128 + signal
        assert child.wait(30) == (-signum if signum == signal.SIGINT else 128 + signum)
    finally:
        child.kill()
        child.wait()
        child.stdout.close()
    assert out.read_text(encoding="utf-8") == "old" and leftovers(tmp_path) == []


def _raws() -> list[dict]:
    return [intake_to_raw(load_intake(path).intake) for path in (HEALTHY, SELLER)]


def _convert_forever(target: Path, raws: list[dict], first: int, ready) -> None:
    n = first
    while True:
        write_csv_folder(raws[n % 2], target, "en")
        ready.set()
        n += 1


def test_kill_9_at_random_points_never_loses_or_half_writes_the_folder(tmp_path):
    target = tmp_path / "intake"
    expected = [load_intake(path).intake for path in (HEALTHY, SELLER)]
    raws = _raws()
    write_csv_folder(raws[0], target, "en")
    rng = random.Random(10)
    killed_mid_write = 0
    for _ in range(30):
        ready = FORK.Event()
        child = FORK.Process(target=_convert_forever, args=(target, raws, rng.randrange(2), ready))
        child.start()
        assert ready.wait(30)
        time.sleep(rng.uniform(0, 0.03))  # a random point in the next few writes
        os.kill(child.pid, signal.SIGKILL)
        child.join(30)
        killed_mid_write += bool(leftovers(tmp_path))
        assert load_intake(target).intake in expected
    assert killed_mid_write > 0  # the kills did land inside writes
    write_csv_folder(raws[1], target, "en")  # the next write sweeps what the kills left
    assert leftovers(tmp_path) == [] and load_intake(target).intake == expected[1]


def test_two_concurrent_converts_of_one_folder_always_leave_a_whole_one(tmp_path):
    target = tmp_path / "intake"
    expected = [load_intake(path).intake for path in (HEALTHY, SELLER)]
    write_csv_folder(_raws()[0], target, "en")
    writers = [FORK.Process(target=_convert_n_times, args=(target, _raws(), first, 30)) for first in (0, 1)]
    for writer in writers:
        writer.start()
    looks, missing = 0, 0
    while any(writer.is_alive() for writer in writers):  # the name always holds a folder, never nothing
        looks, missing = looks + 1, missing + (not target.is_dir())
    for writer in writers:
        writer.join(60)
        assert writer.exitcode == 0
    assert looks > 0 and missing == 0
    assert load_intake(target).intake in expected and leftovers(tmp_path) == []


def _convert_n_times(target: Path, raws: list[dict], first: int, times: int) -> None:
    for n in range(first, first + times):
        write_csv_folder(raws[n % 2], target, "en")


def test_without_an_exchange_two_renames_keep_the_old_folder_meanwhile(tmp_path, monkeypatch):
    target = tmp_path / "intake"
    write_csv_folder(_raws()[0], target, "en")
    monkeypatch.setattr(atomic, "_renameat2", None)
    write_csv_folder(_raws()[1], target, "en")
    assert load_intake(target).intake == load_intake(SELLER).intake and leftovers(tmp_path) == []
