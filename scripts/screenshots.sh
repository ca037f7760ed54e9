#!/usr/bin/env bash
# Render every example's report (en and zh; the agency override with the seller it was written for) and a
# synthetic organisation of about 220 KPIs to HTML and PDF, then screenshot each HTML page with headless
# Chromium and each PDF page with pdftoppm, so a person can look at what a client receives.
# Tests check the reports; only eyes check that they read well and that the Chinese PDF shows Chinese.
#
# Usage: scripts/screenshots.sh [OUT_DIR]        (default /tmp/kpi-audit-shots)
# Needs: the PDF extra (pip install -e '.[pdf]') and apt-get install -y chromium fonts-noto-cjk poppler-utils
# Environment: PYTHON (default .venv/bin/python), CHROMIUM (default chromium).
set -euo pipefail
cd "$(dirname "$0")/.."

OUT="${1:-/tmp/kpi-audit-shots}"
PY="${PYTHON:-.venv/bin/python}"
CHROMIUM="${CHROMIUM:-chromium}"
APT="apt-get install -y chromium fonts-noto-cjk poppler-utils"

die() {  # message in English, then Chinese
  printf 'screenshots.sh: %s\nscreenshots.sh：%s\n' "$1" "$2" >&2
  exit 2
}

missing=()
for tool in "$CHROMIUM" pdftoppm pdfinfo pdftotext; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if ((${#missing[@]})); then
  die "missing ${missing[*]}; install them: $APT" "缺少 ${missing[*]}；请安装：$APT"
fi
[[ -x "$PY" ]] || die "no Python at $PY; create the venv (see README) or set PYTHON" \
                      "找不到 Python：$PY；请按 README 创建虚拟环境，或设置 PYTHON"

mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
kpi_audit() { "$PY" -m cli.main "$@"; }

# The synthetic organisation (benchmarks/synthetic.py) as a JSON intake.
synthetic="$OUT/synthetic-220.json"
"$PY" -c 'import json, sys; from benchmarks.synthetic import organisation
json.dump(organisation(220), sys.stdout, ensure_ascii=False, indent=1)' > "$synthetic"

# Each case: NAME INTAKE [RULESET]. An example that `extends` a ruleset is an override, not an intake.
cases=()
for example in examples/*.yaml; do
  stem="$(basename "$example" .yaml)"
  if grep -q '^extends:' "$example"; then
    cases+=("cross-border-seller+$stem|examples/cross-border-seller.yaml|$example")
  else
    cases+=("$stem|$example|core")
  fi
done
cases+=("synthetic-220|$synthetic|core")

# Count the CJK characters pdftotext reads back: boxes or a missing font would give 0.
count_cjk='import re, sys; print(len(re.findall("[\u3400-\u9fff]", sys.stdin.read())))'

failed=0
printf '%-44s %-5s %6s %8s  %s\n' "report" "lang" "pages" "CJK-text" "files"
for case in "${cases[@]}"; do
  IFS='|' read -r name intake ruleset <<<"$case"
  for lang in en zh; do
    base="$OUT/$name.$lang"
    for suffix in html pdf; do
      if ! kpi_audit audit "$intake" --ruleset "$ruleset" --lang "$lang" --prepared-by "kpi-audit screenshots" \
        --out "$base.$suffix" 2>"$base.$suffix.log"; then
        printf '%-44s %-5s FAILED (%s): %s\n' "$name" "$lang" "$suffix" "$(tail -n 1 "$base.$suffix.log")"
        failed=$((failed + 1))
        continue 2
      fi
      rm -f "$base.$suffix.log"
    done
    timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
      --disable-component-update --disable-sync --user-data-dir="$profile" --hide-scrollbars \
      --screenshot="$base.html.png" --window-size=1280,2600 "file://$base.html" >"$base.chromium.log" 2>&1 \
      || die "chromium failed on $base.html (see $base.chromium.log)" "chromium 截图失败：$base.html（见 $base.chromium.log）"
    rm -f "$base".page-*.png
    pdftoppm -png -r 60 "$base.pdf" "$base.page"
    pages="$(pdfinfo "$base.pdf" | awk '/^Pages:/ {print $2}')"
    cjk="$(pdftotext "$base.pdf" - | "$PY" -c "$count_cjk")"
    rm -f "$base.chromium.log"
    printf '%-44s %-5s %6s %8s  %s\n' "$name" "$lang" "$pages" "$cjk" \
      "$base.html.png, $base.pdf, $base.page-*.png"
  done
done
echo "wrote $(find "$OUT" -name '*.png' | wc -l) PNG files under $OUT / 已在 $OUT 下生成上述 PNG 文件"
if ((failed)); then
  die "$failed report(s) failed (see the FAILED lines and their .log files)" \
      "$failed 份报告生成失败（见 FAILED 行及对应的 .log 文件）"
fi
