"""The report formats and the file suffixes that name them: one table for `--format`, `--out` and the docs.

`reports.render` writes the text formats; PDF is that HTML printed by `reports.pdf`. The CLI infers the format
from `--out`'s suffix and refuses a suffix it does not know or one that contradicts `--format`, so a typo never
produces a JSON file under a `.pdf` name.
"""
from __future__ import annotations

from reports.render import FORMATS as TEXT_FORMATS

PDF = "pdf"
FORMATS: tuple[str, ...] = (*TEXT_FORMATS, PDF)
SUFFIXES: dict[str, str] = {".json": "json", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
                            ".pdf": PDF}
MEDIA_TYPES: dict[str, str] = {"json": "application/json", "md": "text/markdown; charset=utf-8",
                               "html": "text/html; charset=utf-8", PDF: "application/pdf"}  # what the service sends


def format_of(suffix: str) -> str | None:
    """The format a file suffix names (case-insensitive), or None for a suffix no format uses."""
    return SUFFIXES.get(suffix.lower())


def suffixes_of(fmt: str) -> list[str]:
    """The suffixes that name `fmt`, in table order (the first is the one to suggest)."""
    return [suffix for suffix, named in SUFFIXES.items() if named == fmt]
