"""The golden reports: sample intakes rendered in each format and language."""
from __future__ import annotations

from pathlib import Path

from diagnostics import fact_schema
from engine.audit import run_audit
from engine.loaders import load_intake
from engine.ruleset import load_ruleset
from reports import render

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
GOLDEN = {
    "cross-border-seller.en.json": ("cross-border-seller.yaml", "en", "json"),
    "cross-border-seller.zh.md": ("cross-border-seller.yaml", "zh", "md"),
    "cross-border-seller.en.html": ("cross-border-seller.yaml", "en", "html"),
    "shenzhen-seller-zh.zh.json": ("shenzhen-seller-zh.yaml", "zh", "json"),
}


def render_case(example: str, lang: str, fmt: str) -> str:
    loaded = load_intake(EXAMPLES / example)
    report = run_audit(loaded.intake, load_ruleset("core", fact_schema()), lang, warnings=loaded.warnings)
    return render(report, fmt)
