"""Which clients a batch audits: a folder of intakes, or a manifest file listing them, as a list of `Client`.

Each client's reports are named after its file stem, so two intakes with the same stem (acme.yaml and
acme.xlsx) would overwrite each other's reports: that is a usage error, told before anything is audited.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from engine.errors import UserInputError
from portfolio.messages import text

TEXT_SUFFIXES = (".yaml", ".yml", ".json")
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
INTAKE_SUFFIXES = TEXT_SUFFIXES + WORKBOOK_SUFFIXES
SUMMARY_STEM = "portfolio"  # portfolio/summary.py writes DIR/portfolio.*: no client may take that name


@dataclass(frozen=True)
class Client:
    """One client of the portfolio: its report name and where its intake is."""

    name: str  # the intake's file stem (a CSV folder's name); reports are DIR/<name>.<ext>
    source: str  # the intake path as found (folder entry) or as listed (manifest line)


def discover(input_path: Path, out_dir: Path, lang: str) -> list[Client]:
    """The clients of a folder or manifest, sorted by name; a usage error (UserInputError) when there are none,
    when INPUT is one client's intake, or when two clients would share report names."""
    if not input_path.exists():
        raise UserInputError(str(input_path), text(lang, "no_input"))
    if input_path.is_dir():
        clients = _from_folder(input_path, out_dir)
    elif input_path.suffix.lower() in INTAKE_SUFFIXES:
        raise UserInputError(str(input_path), text(lang, "intake_not_portfolio"))
    else:
        clients = _from_manifest(input_path, lang)
    if not clients:
        raise UserInputError(str(input_path), text(lang, "no_clients"))
    _check_names(clients, input_path, lang)
    return sorted(clients, key=lambda c: c.name)


def _is_intake(entry: Path) -> bool:
    """An intake file by its suffix, or a folder holding CSV files; hidden entries (a batch's own temporary
    and state files) are never clients."""
    if entry.name.startswith("."):
        return False
    if entry.is_dir():
        return any(p.suffix.lower() == ".csv" for p in entry.iterdir() if p.is_file())
    return entry.suffix.lower() in INTAKE_SUFFIXES


def _from_folder(folder: Path, out_dir: Path) -> list[Client]:
    out = out_dir.resolve()
    return [Client(_stem(entry), str(entry)) for entry in sorted(folder.iterdir())
            if entry.resolve() != out and _is_intake(entry)]


def _from_manifest(manifest: Path, lang: str) -> list[Client]:
    """One intake path per line, relative to the manifest's folder; blank lines and # comments ignored.

    A listed path that does not exist is still a client: it fails with the loader's message, like any broken
    intake, rather than stopping the whole batch."""
    try:
        lines = manifest.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        detail = getattr(exc, "strerror", None) or exc
        raise UserInputError(str(manifest), text(lang, "manifest_unreadable", detail=detail)) from None
    listed = [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]
    return [Client(_stem(path), str(path)) for path in (manifest.parent / entry for entry in listed)]


def _stem(path: Path) -> str:
    return path.name if path.is_dir() else path.stem


def _check_names(clients: list[Client], input_path: Path, lang: str) -> None:
    seen: dict[str, Client] = {}
    for client in clients:
        if client.name.lower() == SUMMARY_STEM:
            raise UserInputError(str(input_path), text(lang, "reserved_stem", source=client.source,
                                                       stem=SUMMARY_STEM))
        # case-insensitive: Acme.yaml and acme.xlsx collide on macOS and Windows file systems
        other = seen.setdefault(client.name.lower(), client)
        if other is not client:
            raise UserInputError(str(input_path), text(lang, "stem_clash", first=other.source,
                                                       second=client.source, stem=client.name))
