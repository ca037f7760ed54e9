"""`kpi-audit audit` and `kpi-audit validate`."""
from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from cli.common import InputError, fail, lang_option, load_ruleset_or_fail, ruleset_option, say
from cli.store_options import db_option, open_store_or_fail
from engine.atomic import replace_atomically
from engine.errors import UserInputError
from engine.findings import LIST_SEPARATOR
from engine.messages import Msg, in_lang
from history.compare import read_report
from reports.formats import FORMATS, PDF, SUFFIXES, format_of, suffixes_of
from reports.i18n import BANDS
from waivers import load_waivers

T = TypeVar("T")
R = TypeVar("R")

MESSAGES: dict[str, dict[str, str]] = {
    "unknown_suffix": {"en": "--out {out}: unknown suffix {suffix}; a report file ends in {known}",
                       "zh": "--out {out}：无法识别的文件后缀 {suffix}；报告文件应以 {known} 结尾"},
    "no_suffix": {"en": "(none)", "zh": "（无后缀）"},
    "contradicts": {"en": "--format {fmt} contradicts --out {out} ({suffix} is {named}); name the file *{expected} "
                          "or leave out --format",
                    "zh": "--format {fmt} 与 --out {out} 矛盾（{suffix} 表示 {named} 格式）；请把文件命名为 *{expected}，"
                          "或去掉 --format"},
    "pdf_to_terminal": {"en": "a PDF is not text for a terminal: give --out FILE.pdf or redirect standard output",
                        "zh": "PDF 不是可在终端显示的文本：请用 --out 文件名.pdf，或把标准输出重定向到文件"},
    "no_prepared_by": {"en": "--prepared-by: give the name to print on the report cover",
                       "zh": "--prepared-by：请给出要印在报告封面上的名字"},
    "cannot_write": {"en": "{out}: cannot write: {detail}", "zh": "{out}：无法写入（{detail}）"},
    "wrote": {"en": "wrote {out} ({fmt}{pages}): score {score} ({band}{upto}), {findings} finding(s)",
              "zh": "已写入 {out}（{fmt}{pages}）：得分 {score}（{band}{upto}），{findings} 项发现"},
    "pages": {"en": ", {pages} pages", "zh": "，共 {pages} 页"},
    "upto": {"en": ", up to {potential} once {items} item(s) are collected",
             "zh": "，补充 {items} 项信息后最高可达 {potential}"},
    "below": {"en": "score {score} is below --fail-under {fail_under:g}",
              "zh": "得分 {score} 低于 --fail-under {fail_under:g}"},
}


def _say(lang: str, code: str, **params: object) -> str:
    return MESSAGES[code][lang].format(**params)


def resolve_format(fmt: str | None, out: Path | None, lang: str) -> str:
    """The report format from --format and --out's suffix, or a usage error (exit 2) before anything is read.

    A known suffix names the format when --format is not given; an unknown suffix, or one naming another
    format than --format, is refused rather than written as a file its name misdescribes.
    """
    if out is None:
        return fmt or "json"
    named = format_of(out.suffix)
    if named is None:
        known = LIST_SEPARATOR[lang].join(SUFFIXES)
        suffix = out.suffix or _say(lang, "no_suffix")
        raise InputError(_say(lang, "unknown_suffix", out=out, suffix=suffix, known=known))
    if fmt is not None and fmt != named:
        raise InputError(_say(lang, "contradicts", fmt=fmt, out=out, suffix=out.suffix, named=named,
                              expected=suffixes_of(fmt)[0]))
    return named


def cover_name(value: str | None, lang: str) -> str | None:
    """--prepared-by as one line (it is printed on the cover); blank is a usage error, not an empty cover."""
    from engine.audit_job import cover_line

    if value is None:
        return None
    name = cover_line(value)
    if not name:
        raise InputError(_say(lang, "no_prepared_by"))
    return name


def _check_pdf_usable(out: Path | None, lang: str) -> None:
    """Before the audit: PDF bytes are not for a terminal, and a missing extra is told at once."""
    from reports import pdf

    if out is None and sys.stdout.isatty():
        raise InputError(_say(lang, "pdf_to_terminal"))
    try:
        pdf.load_weasyprint()
    except pdf.PdfUnavailable as exc:
        raise InputError(exc.message(lang)) from None


def _write_bytes(data: bytes, out: Path | None, lang: str) -> None:
    """The report's bytes to --out atomically, or to standard output."""
    if out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return

    def write(target: Path) -> None:
        with open(target, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())

    try:
        replace_atomically(out, write)
    except OSError as exc:
        raise InputError(_say(lang, "cannot_write", out=out, detail=exc.strerror or exc)) from None


def _load(intake: str):
    from engine.loaders import load_intake

    try:
        loaded = load_intake(intake)
    except UserInputError as exc:
        raise fail(exc) from None
    for warning in loaded.warnings:
        say(Msg("warning", source=loaded.source, text=warning))
    return loaded


def _or_fail(read: Callable[[T], R], value: T | None) -> R | None:
    """`read(value)` when a value is given; bad input (a waiver file, a baseline report) is exit 2."""
    if value is None:
        return None
    try:
        return read(value)
    except UserInputError as exc:
        raise fail(exc) from None


def _as_of(_ctx, _param, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


@click.command()
@click.argument("intake", type=click.Path(path_type=str))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Report format (pdf needs the [pdf] extra). Default: from the --out suffix, else json.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help=f"Write the report to this file (atomically) instead of standard output; its suffix "
                   f"({', '.join(SUFFIXES)}) names the format and must agree with --format.")
@lang_option
@click.option("--prepared-by", default=None, metavar="NAME",
              help="Consultant or firm named on the report cover (and as prepared_by in the JSON).")
@ruleset_option
@click.option("--fail-under", type=click.FloatRange(0, 100), default=None, metavar="SCORE",
              help="Exit 1 when the overall score is below SCORE (for CI and batch runs).")
@click.option("--as-of", callback=_as_of, default=None, metavar="YYYY-MM-DD",
              help="Audit date, overriding organization.audit_date (default: that, else today).")
@click.option("--save", is_flag=True, help="Also save the report in the audit store (see `kpi-audit history`).")
@db_option
@click.option("--waivers", "waiver_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              metavar="FILE", help="Waiver file (YAML): accepted findings, kept out of the score until they expire.")
@click.option("--baseline", type=click.Path(dir_okay=False, path_type=Path), default=None, metavar="REPORT",
              help="An earlier JSON report of the organisation: adds 'Since last audit' (default with --save: "
                   "its last saved audit).")
def audit(intake: str, fmt: str | None, out: Path | None, lang: str, prepared_by: str | None,
          ruleset_spec: str, fail_under: float | None, as_of: dt.date | None, save: bool, db: Path | None,
          waiver_file: Path | None, baseline: Path | None) -> None:
    """Audit one INTAKE and write the scored diagnosis and remediation plan.

    INTAKE is a YAML or JSON file, an .xlsx workbook, or a folder of CSV files
    (see `kpi-audit init` for a template).

    Exit status: 0 the audit ran (whatever it found), 1 the score is below
    --fail-under, 2 invalid input or usage, 3 an internal error (please report it).

    \b
    Examples:
      kpi-audit audit examples/cross-border-seller.yaml --format md
      kpi-audit audit intake.yaml --lang zh --out report.html
      kpi-audit audit intake.yaml --lang zh --out report.pdf --prepared-by "Nova Consulting"
      kpi-audit audit intake.yaml --ruleset examples/agency-override.yaml --fail-under 70
      kpi-audit audit intake.yaml --save --db audits.db
      kpi-audit audit intake.yaml --waivers waivers.yaml --baseline last-quarter.json --format md
    """
    from engine.audit_job import Baseline, WaiverFile, audit_intake, gc_paused
    from reports import pdf

    fmt = resolve_format(fmt, out, lang)
    prepared_by = cover_name(prepared_by, lang)
    if fmt == PDF:
        _check_pdf_usable(out, lang)
    store = open_store_or_fail(db) if save else None
    waivers = _or_fail(lambda path: WaiverFile(load_waivers(path), str(path)), waiver_file)
    previous = _or_fail(lambda path: Baseline(read_report(path), str(path)), baseline)
    try:
        with gc_paused():
            ruleset = load_ruleset_or_fail(ruleset_spec)
            loaded = _load(intake)
            done = audit_intake(loaded, ruleset, fmt, lang, as_of=as_of, prepared_by=prepared_by, waivers=waivers,
                                baseline=previous, store=store)
    except UserInputError as exc:
        raise fail(exc) from None
    except pdf.PdfUnavailable as exc:
        raise InputError(exc.message(lang)) from None
    finally:
        if store is not None:
            store.close()
    _write_bytes(done.data, out, lang)
    report = done.report
    pages = _say(lang, "pages", pages=done.pages) if done.pages is not None else ""
    scores = report["score"]
    score = scores["overall"]
    if out is not None:
        upto = _say(lang, "upto", potential=scores["potential"], items=len(report["to_collect"])) \
            if scores["potential"] > score else ""
        click.echo("kpi-audit: " + _say(lang, "wrote", out=out, fmt=fmt, pages=pages, score=score,
                                         band=BANDS[lang][scores["band"]], upto=upto,
                                         findings=report["summary"]["findings"]), err=True)
    if done.saved is not None:
        say(done.saved.message, lang)
    if fail_under is not None and score < fail_under:
        click.echo("kpi-audit: " + _say(lang, "below", score=score, fail_under=fail_under), err=True)
        raise SystemExit(1)


@click.command()
@click.argument("intake", type=click.Path(path_type=str))
@lang_option
def validate(intake: str, lang: str) -> None:
    """Check an INTAKE (YAML/JSON, .xlsx or CSV folder) and list every problem with its location.

    Audits nothing.

    Exit status 0 when valid (warnings may be printed), 2 when invalid.
    """
    loaded = _load(intake)
    i = loaded.intake
    click.echo(in_lang(Msg("valid_intake", source=loaded.source, name=i.organization.name, id=i.organization.id,
                           units=len(i.units), roles=len(i.roles), kpis=len(i.kpis), warnings=len(loaded.warnings)),
                       lang))


__all__ = ["audit", "validate", "InputError"]
