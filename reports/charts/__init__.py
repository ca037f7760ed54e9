"""Inline SVG charts of the report: pure functions from report data to an SVG string.

Deterministic (same input, same bytes), self-contained (no script, no external reference, no ids) and
readable in print and grayscale: every value is printed as text next to its colour. Client text is escaped.
Charts with nothing to draw return a small SVG that says so, never "" (templates need no special case).
"""
from reports.charts.causes import cause_bars
from reports.charts.driver_tree import driver_tree
from reports.charts.org_tree import org_tree
from reports.charts.scores import dimension_bars, radar
from reports.charts.svg import text_width, truncate

__all__ = ["cause_bars", "dimension_bars", "driver_tree", "org_tree", "radar", "text_width", "truncate"]
