"""Hostile workbooks and CSV folders (issue 10, B): time and peak memory of `kpi-audit validate` on each class.

Run: python benchmarks/hostile_tables.py [--root DIR] [--only CLASS,...] [--timeout SECONDS]

Every input is generated at run time in a temporary folder (nothing big is committed) by this checkout's code;
the CLI measured is the one under `--root` (default: this checkout; `--root /tmp/base-wt` measures the code
before issue 10). Each run is a fresh process under `/usr/bin/time -v`: wall seconds, CPU seconds (user + system: what
a busy machine does not inflate), peak RSS (MiB), exit status and the first line of standard error. A run past `--timeout` is killed and shown as such.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine.loaders import load_intake  # noqa: E402
from engine.loaders.writers import intake_to_raw, write_csv_folder, write_workbook  # noqa: E402

EXAMPLES = ROOT / "examples"
PADDED_DIMENSION = "A1:GQ300000"  # 199 columns, 300,000 rows: what the 17 KB workbook declares


def _raw(example: str = "healthy.yaml") -> dict:
    return intake_to_raw(load_intake(EXAMPLES / example).intake)


def _rewrite_sheets(path: Path, rewrite: Callable[[str, bytes], bytes]) -> None:
    """Copy the workbook with every worksheet's XML passed through `rewrite(name, xml)`."""
    source = path.with_suffix(".orig.xlsx")
    path.rename(source)
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            data = old.read(item)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = rewrite(item.filename, data)
            new.writestr(item.filename, data)
    source.unlink()


def _declare(dimension: str) -> Callable[[str, bytes], bytes]:
    return lambda _name, xml: re.sub(rb'<dimension ref="[^"]*" ?/>', f'<dimension ref="{dimension}"/>'.encode(), xml)


def _append_rows(xml: bytes, rows: bytes) -> bytes:
    if b"</sheetData>" in xml:
        return xml.replace(b"</sheetData>", rows + b"</sheetData>")
    return xml.replace(b"<sheetData />", b"<sheetData>" + rows + b"</sheetData>").replace(
        b"<sheetData/>", b"<sheetData>" + rows + b"</sheetData>")


def _pad_to_corner(name: str, xml: bytes) -> bytes:
    """Declare `A1:GQ300000` and put one empty styled cell in its far corner: a few bytes that openpyxl's
    read-only mode expands into every row and column up to there."""
    return _append_rows(_declare(PADDED_DIMENSION)(name, xml), b'<row r="300000"><c r="GQ300000" s="0"/></row>')


def padded_sheet(work: Path) -> Path:
    """A valid intake workbook whose kpis sheet is padded to `A1:GQ300000` (17 KB on disk)."""
    path = work / "padded-one.xlsx"
    write_workbook(_raw(), path, "en")
    kpis = f"xl/worksheets/sheet{[s for s in _raw()].index('kpis') + 1}.xml"
    _rewrite_sheets(path, lambda name, xml: _pad_to_corner(name, xml) if name == kpis else xml)
    return path


def padded_workbook(work: Path) -> Path:
    """The blank template (13 sheets, README included), every sheet padded to `A1:GQ300000`."""
    from engine.loaders.template import write_template

    path = work / "padded-13.xlsx"
    write_template(path, "xlsx", "en")
    _rewrite_sheets(path, _pad_to_corner)
    return path


def styled_empty_cells(work: Path) -> Path:
    """Padding that is really in the XML: 300,000 rows, each with one styled empty cell in column GQ."""
    path = work / "styled-empty.xlsx"
    write_workbook(_raw(), path, "en")

    def pad(name: str, xml: bytes) -> bytes:
        start = int(re.findall(rb'<row r="(\d+)"', xml)[-1]) + 1 if b"<row " in xml else 1
        rows = "".join(f'<row r="{n}"><c r="GQ{n}" s="0"/></row>' for n in range(start, 300_001)).encode()
        return _append_rows(_declare(PADDED_DIMENSION)(name, xml), rows)

    last = f"xl/worksheets/sheet{len(_raw())}.xml"
    _rewrite_sheets(path, lambda name, xml: pad(name, xml) if name == last else xml)
    return path


def csv_blank_folder(work: Path) -> Path:
    """50 CSV files (the 12 sections and 38 others) of 60 MB each: 299,000 rows of 199 spaces."""
    folder = work / "blank-csv"
    write_csv_folder(_raw(), folder, "en")
    row = b" " * 199 + b"\n"
    block = row * 1000
    names = sorted(p.name for p in folder.iterdir())
    names += [f"extra-{n:02d}.csv" for n in range(50 - len(names))]
    for name in names:
        with open(folder / name, "ab") as out:
            for _ in range(299):
                out.write(block)
    return folder


def csv_comma_rows(work: Path) -> Path:
    """One 60 MB kpis.csv of 299,000 rows of 199 commas (200 empty cells each) in a valid folder."""
    folder = work / "comma-csv"
    write_csv_folder(_raw(), folder, "en")
    block = (b"," * 199 + b"\n") * 1000
    with open(folder / "kpis.csv", "ab") as out:
        for _ in range(299):
            out.write(block)
    return folder


def duplicate_org_rows(work: Path) -> Path:
    """organization.csv gives `name` twice: the second silently won before."""
    folder = work / "dup-org"
    write_csv_folder(_raw(), folder, "en")
    org = folder / "organization.csv"
    org.write_bytes(org.read_bytes() + b"name,Somebody Else Ltd\n")
    return folder


# Four characters each, and none whose UTF-8 bytes are an invalid GB18030 pair (销 and 款 hold a 0x80 byte).
CHINESE_NAMES = ("广告花费", "库存周转", "客户满意", "新品上架", "店铺评分", "毛利金额", "订单数量", "访客人数")


def mixed_encoding(work: Path) -> Path:
    """A UTF-8 CSV folder whose KPIs have Chinese names, with one Windows-1252 byte (a curly apostrophe, 0x92)
    in kpis.csv. Names of four characters (12 bytes) keep the GB18030 reading of the whole file valid, so the
    old code decoded it all as GB18030 and garbled every name."""
    folder = work / "mixed-enc"
    raw = _raw()
    for n, kpi in enumerate(raw["kpis"]):
        kpi["name"] = CHINESE_NAMES[n % len(CHINESE_NAMES)] * (1 + n // len(CHINESE_NAMES))
    raw["kpis"][0]["name"] += " Seller\x92s"
    write_csv_folder(raw, folder, "en")
    kpis = folder / "kpis.csv"
    data = kpis.read_bytes().replace("Seller\x92s".encode(), b"Seller\x92s")
    kpis.write_bytes(data)
    data[3:].decode("gb18030")  # the trap: the whole file is valid GB18030
    return folder


def excel_date_period(work: Path) -> Path:
    """actuals.period as real date cells (format yyyy-mm and yyyy-mm-dd) and as an Excel serial number."""
    import openpyxl

    path = work / "dates.xlsx"
    write_workbook(_raw(), path, "en")
    book = openpyxl.load_workbook(path)
    sheet = book["actuals"]
    column = [c.value for c in sheet[1]].index("period") + 1
    for row, (value, fmt) in enumerate([(dt.datetime(2026, 9, 1), "yyyy-mm"), (dt.datetime(2026, 10, 1), "yyyy-mm"),
                                        (dt.datetime(2026, 10, 31), "yyyy-mm-dd"), (46326, "General")], start=2):
        if row <= sheet.max_row:
            cell = sheet.cell(row, column, value)
            cell.number_format = fmt
    book.save(path)
    return path


CLASSES: dict[str, Callable[[Path], Path]] = {f.__name__: f for f in (
    padded_sheet, padded_workbook, styled_empty_cells, csv_blank_folder, csv_comma_rows, duplicate_org_rows,
    mixed_encoding, excel_date_period)}


def measure(root: Path, target: Path, timeout: float) -> str:
    env = {**os.environ, "PYTHONPATH": str(root), "KPI_AUDIT_LANG": "en"}
    command = ["/usr/bin/time", "-v", sys.executable, "-c", "from cli.main import main; main()", "validate",
               str(target)]
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               start_new_session=True)
    try:
        _, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, 9)
        process.communicate()
        return f"killed after {timeout:.0f} s"
    seconds = time.perf_counter() - start
    text = err.decode("utf-8", "replace")
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    cpu = sum(float(x) for x in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", text))
    status = re.search(r"Exit status: (\d+)", text)
    lines = [ln.strip() for ln in text.split("\tCommand being timed")[0].splitlines() if ln.strip()]
    said = " | ".join(lines[:3])[:160]
    return (f"{seconds:6.1f} s ({cpu:5.1f} s CPU) {int(rss.group(1)) / 1024 if rss else float('nan'):7.0f} MiB "
            f"exit {status.group(1) if status else '?'}  {said}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="checkout whose CLI is measured")
    parser.add_argument("--only", default=",".join(CLASSES), help="comma-separated classes")
    parser.add_argument("--timeout", type=float, default=300.0)
    args = parser.parse_args()
    print(f"root: {args.root}")
    for name in args.only.split(","):
        work = Path(tempfile.mkdtemp(prefix="hostile-tables-"))
        try:
            target = CLASSES[name](work)
            print(f"{name:20} {measure(args.root.resolve(), target, args.timeout)}", flush=True)
        finally:
            shutil.rmtree(work)


if __name__ == "__main__":
    main()
