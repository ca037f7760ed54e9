"""Report renderers: the report dict -> JSON, Markdown or self-contained HTML text."""
from __future__ import annotations

from reports.render import FORMATS, render

__all__ = ["FORMATS", "render"]
