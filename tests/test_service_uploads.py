"""Uploads (service/uploads.py): the form comes from the bytes, never a file name; a zipped CSV folder is unpacked
only when every member is a plain .csv file, within the CSV folder's limits counted while unpacking."""
from __future__ import annotations

import dataclasses
import io
import json
import stat
import zipfile
from pathlib import Path

import pytest
import yaml

from engine.errors import IntakeError
from engine.loaders import load_intake
from engine.loaders.writers import intake_to_raw, write_csv_folder, write_workbook
from service import uploads
from service.batch_upload import unpack_portfolio
from service.uploads import place_upload

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "healthy.yaml"


def _raw() -> dict:
    return intake_to_raw(load_intake(EXAMPLE).intake)


def _upload(folder: Path, data: bytes) -> Path:
    path = folder / "upload"
    path.write_bytes(data)
    return path


def _zip(members: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _encrypted(data: bytes, name: bytes) -> bytes:
    """The zip with `name` marked encrypted in its central directory entry (what zipfile cannot write)."""
    entry = data.index(b"PK\x01\x02")  # the central directory's first entry
    while data[entry + 46:entry + 46 + len(name)] != name:
        entry = data.index(b"PK\x01\x02", entry + 4)
    flags = int.from_bytes(data[entry + 8:entry + 10], "little") | 0x1
    return data[:entry + 8] + flags.to_bytes(2, "little") + data[entry + 10:]


def _csv_members(tmp_path: Path, prefix: str = "", lang: str = "en") -> dict[str, bytes]:
    folder = tmp_path / f"csv-{lang}"
    write_csv_folder(_raw(), folder, lang)
    return {prefix + p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _refused(tmp_path: Path, data: bytes) -> IntakeError:
    with pytest.raises(IntakeError) as refused:
        place_upload(_upload(tmp_path, data), tmp_path)
    assert not (tmp_path / uploads.FOLDER_NAME).exists()  # nothing unpacked is left behind
    return refused.value


@pytest.mark.parametrize("text", [EXAMPLE.read_bytes(), json.dumps(yaml.safe_load(EXAMPLE.read_text()), default=str).encode()])
def test_yaml_and_json_text_become_intake_yaml(tmp_path, text):
    placed = place_upload(_upload(tmp_path, text), tmp_path)
    assert placed == tmp_path / "intake.yaml" and placed.read_bytes() == text
    assert load_intake(placed).intake == load_intake(EXAMPLE).intake


def test_a_workbook_is_recognised_by_its_parts_not_its_name(tmp_path):
    write_workbook(_raw(), tmp_path / "looks-like.yaml", "en")  # the name lies; the bytes do not
    data = (tmp_path / "looks-like.yaml").read_bytes()
    placed = place_upload(_upload(tmp_path, data), tmp_path)
    assert placed == tmp_path / "intake.xlsx"
    assert load_intake(placed).intake == load_intake(EXAMPLE).intake


@pytest.mark.parametrize(("prefix", "lang"), [("", "en"), ("client-folder/", "en"), ("客户资料/", "zh")])
def test_a_zip_of_csv_files_unpacks_to_a_folder_at_the_top_or_in_one_folder(tmp_path, prefix, lang):
    members = _csv_members(tmp_path, prefix, lang)
    placed = place_upload(_upload(tmp_path, _zip(members)), tmp_path)
    assert placed == tmp_path / "intake"
    assert sorted(p.name for p in placed.iterdir()) == sorted(name.split("/")[-1] for name in members)
    assert load_intake(placed).intake == load_intake(EXAMPLE).intake


def test_macos_leftovers_are_skipped_unread(tmp_path):
    members = {**_csv_members(tmp_path, "data/"), "__MACOSX/data/._units.csv": b"\x00\x05",
               "data/.DS_Store": b"\x00\x00\x00\x01Bud1"}
    placed = place_upload(_upload(tmp_path, _zip(members)), tmp_path)
    assert all(p.suffix == ".csv" and not p.name.startswith(".") for p in placed.iterdir())


@pytest.mark.parametrize("name", ["../evil.csv", "/etc/evil.csv", "a/b/evil.csv", "a\\..\\evil.csv", "C:evil.csv",
                                  "./evil.csv", "a//evil.csv"])
def test_a_member_that_could_leave_the_folder_is_refused(tmp_path, name):
    error = _refused(tmp_path, _zip({"units.csv": b"id,name\n", name: b"id\n"}))
    assert error.problems[0].location == name
    assert "'..'" in error.problems[0].text("en") and "「..」" in error.problems[0].text("zh")
    assert not (tmp_path.parent / "evil.csv").exists() and not Path("/etc/evil.csv").exists()


def test_a_symlink_member_is_refused(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("units.csv", b"id,name\n")
        link = zipfile.ZipInfo("kpis.csv")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/passwd")
    error = _refused(tmp_path, buffer.getvalue())
    assert [p.location for p in error.problems] == ["kpis.csv"]
    assert "link" in error.problems[0].text("en") and "链接" in error.problems[0].text("zh")


def test_other_files_duplicates_and_encrypted_members_are_each_named(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("units.csv", b"id,name\n")
        archive.writestr("Units.CSV", b"id,name\n")
        archive.writestr("run.sh", b"rm -rf /\n")
        archive.writestr("roles.csv", b"id\n")
    error = _refused(tmp_path, _encrypted(buffer.getvalue(), b"roles.csv"))
    assert [p.location for p in error.problems] == ["Units.CSV", "run.sh", "roles.csv"]
    assert ["twice" in error.problems[0].text(), ".csv" in error.problems[1].text(),
            "password" in error.problems[2].text()] == [True, True, True]


def test_files_in_two_folders_are_refused(tmp_path):
    error = _refused(tmp_path, _zip({"a/units.csv": b"id\n", "b/kpis.csv": b"id\n"}))
    assert "more than one folder" in error.render("en") and "多个文件夹" in error.render("zh")


def test_more_members_than_a_csv_folder_holds_are_refused_before_unpacking(tmp_path):
    members = {f"s{n:03d}.csv": b"id\n" for n in range(uploads.LIMITS.members + 1)}
    error = _refused(tmp_path, _zip(members))
    assert str(uploads.LIMITS.members) in error.render("en") and str(uploads.LIMITS.members) in error.render("zh")


def test_a_zip_bomb_is_refused_while_unpacking(tmp_path):
    bomb = _zip({"units.csv": b"id,name\n", "kpis.csv": b"0" * (20 * 1024 * 1024)})
    assert len(bomb) < 100 * 1024
    error = _refused(tmp_path, bomb)
    assert "zip bomb" in error.render("en") and "压缩炸弹" in error.render("zh")


def test_the_unpacked_total_is_counted_not_read_from_the_headers(tmp_path, monkeypatch):
    """Stored (uncompressed) members pass the ratio check; their bytes still count against the total."""
    monkeypatch.setattr(uploads, "LIMITS", dataclasses.replace(uploads.LIMITS, member_bytes=10_000, total_bytes=10_000))
    members = {f"s{n}.csv": b"x" * 4_000 for n in range(3)}
    error = _refused(tmp_path, _zip(members, compression=zipfile.ZIP_STORED))
    assert error.problems[0].location == "s2.csv"


def test_a_damaged_zip_and_an_old_xls_are_refused_with_a_reason(tmp_path):
    damaged = _refused(tmp_path, b"PK\x03\x04" + b"\x00" * 64)
    assert "zip" in damaged.render("en") and "压缩包" in damaged.render("zh")
    (tmp_path / "upload").unlink(missing_ok=True)
    with pytest.raises(IntakeError) as xls:
        place_upload(_upload(tmp_path, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512), tmp_path)
    assert ".xls" in xls.value.render("en")


def test_a_member_the_disk_cannot_name_is_refused_in_fixed_words_and_the_cause_logged(tmp_path, caplog):
    """100 Chinese characters are 300 bytes in UTF-8, past what a file name may hold on disk: the OSError (its
    errno, the server's path) goes to the log, the client gets the fixed bilingual words."""
    long_name = "中" * 100
    csv_folder = _refused(tmp_path, _zip({f"{long_name}.csv": b"id\n"}))
    with pytest.raises(IntakeError) as portfolio:
        unpack_portfolio(io.BytesIO(_zip({f"{long_name}.yaml": b"x: 1\n"})), tmp_path / "portfolio")
    for error in (csv_folder, portfolio.value):
        for lang, words in (("en", "could not be unpacked"), ("zh", "无法解压")):
            text = error.render(lang)
            assert words in text and "Errno" not in text and "OSError" not in text and str(tmp_path) not in text
    assert "OSError" in caplog.text and "kpi_audit.service" in {record.name for record in caplog.records}


def test_a_zip_without_csv_files_says_what_it_expected(tmp_path):
    error = _refused(tmp_path, _zip({"data/": b""}))
    assert "organization.csv" in error.render("en")
