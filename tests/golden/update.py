"""Regenerate the golden reports after a reviewed change: python tests/golden/update.py"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.golden.cases import GOLDEN, render_case  # noqa: E402

if __name__ == "__main__":
    for name, (example, lang, fmt) in GOLDEN.items():
        (ROOT / "tests" / "golden" / name).write_text(render_case(example, lang, fmt), encoding="utf-8")
        print("wrote", name)
